"""Ordering in the terminal: the items, numbered as shown."""

from __future__ import annotations

from ...model import Question
from .. import REGISTRY


def lines(question: Question) -> list[str]:
    """The items, numbered in the order shown."""
    return [f"   {i + 1}. {item}" for i, item in enumerate(question.items)]


def key(question: Question) -> str:
    """The type's answer text: the items in their right order."""
    return REGISTRY[question.type].answer_text(question)
