"""Multiple choice in the terminal: the options, lettered; the key is the right letter."""

from __future__ import annotations

from ...model import Question
from .. import REGISTRY
from ..preview import letter


def lines(question: Question) -> list[str]:
    """The options, lettered."""
    return [f"   {letter(i)}) {opt}" for i, opt in enumerate(question.options)]


def key(question: Question) -> str:
    """The right option's letter and text, then why each other option is wrong."""
    right = f"{letter(question.answer)}) {REGISTRY[question.type].answer_text(question)}"
    return "\n".join([right, *(f"   {letter(i)}) {why}"
                                for i, why in enumerate(question.option_feedback) if why)])
