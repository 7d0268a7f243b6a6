"""Numeric in the terminal: the number, its tolerance or "(exact)"."""

from __future__ import annotations

from ...model import Question
from .. import REGISTRY
from ..preview import no_lines, typed_reasons

lines = no_lines


def key(question: Question) -> str:
    """The answer text, marked exact when there is no tolerance, and what the wrong
    numbers the question knows are."""
    text = REGISTRY[question.type].answer_text(question)
    return "\n".join([text if question.tolerance else text + " (exact)",
                      *typed_reasons(question)])
