"""Ordering in a notebook: a dropdown per position, each offering every item."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..widget import Dropdowns, ordinal, question_text_lines

if TYPE_CHECKING:
    from ...model import Question

INCOMPLETE = "incomplete_order"
text_lines = question_text_lines


def rows(question: Question, number: int) -> tuple[list[str], list[str]]:
    """The items, offered at each position (1st, 2nd, ...)."""
    positions = [f"{ordinal(k + 1)} (question {number})" for k in range(len(question.items))]
    return question.items, positions


def controls(question: Question, number: int) -> Dropdowns:
    """A dropdown per position (1st, 2nd, ...), each item chosen once."""
    return Dropdowns(question, number, rows, {"description_width": "9em"}, distinct=True)
