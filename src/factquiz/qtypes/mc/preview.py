"""Multiple choice in the terminal: the options, lettered; the key is the right letter."""

from __future__ import annotations

from ...model import Question
from .. import REGISTRY
from ..preview import letter


def lines(question: Question) -> list[str]:
    """The options, lettered."""
    return [f"   {letter(i)}) {opt}" for i, opt in enumerate(question.options)]


def key(question: Question) -> str:
    """The right option's letter and text."""
    return f"{letter(question.answer)}) {REGISTRY[question.type].answer_text(question)}"
