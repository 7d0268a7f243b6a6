"""Numeric in the terminal: the number, its tolerance or "(exact)"."""

from __future__ import annotations

from ...model import Question
from .. import REGISTRY
from ..preview import no_lines

lines = no_lines


def key(question: Question) -> str:
    """The answer text, marked exact when there is no tolerance."""
    text = REGISTRY[question.type].answer_text(question)
    return text if question.tolerance else text + " (exact)"
