"""Fill in the blank in the terminal: the key with its other accepted forms and the rule."""

from __future__ import annotations

from ...model import Question
from .. import REGISTRY
from ..preview import no_lines, typed_reasons

lines = no_lines


def key(question: Question) -> str:
    """The answer text, the other accepted answers, whether typos are forgiven, and what
    the wrong answers the question knows are."""
    text = REGISTRY[question.type].answer_text(question)
    also = (f"; also accepted: {' | '.join(question.accepted[1:])}"
            if len(question.accepted) > 1 else "")
    rule = "  (typos forgiven)" if question.match == "fuzzy" else "  (exact)"
    return "\n".join([text + also + rule, *typed_reasons(question)])
