"""Matching in the terminal: the items (numbered) beside the options (lettered)."""

from __future__ import annotations

from ...model import Question
from ..ordering.preview import key
from ..preview import letter

__all__ = ["key", "lines"]


def lines(question: Question) -> list[str]:
    """Two columns: items numbered, options lettered."""
    width = max(len(item) for item in question.items)
    rows = max(len(question.items), len(question.options))
    out = []
    for i in range(rows):
        left = f"{i + 1}. {question.items[i]}" if i < len(question.items) else ""
        right = f"{letter(i)}) {question.options[i]}" if i < len(question.options) else ""
        out.append(f"   {left:<{width + 4}}   {right}")
    return out
