"""Ordering in a notebook: a dropdown per position, each offering every item."""

from __future__ import annotations

from ...model import Question
from ..widget import Dropdowns, ordinal, question_text_lines

INCOMPLETE = "incomplete_order"
text_lines = question_text_lines


def controls(question: Question, number: int) -> Dropdowns:
    """A dropdown per position (1st, 2nd, ...), each item chosen once."""
    descriptions = [f"{ordinal(k + 1)} (question {number})" for k in range(len(question.items))]
    return Dropdowns(question.items, descriptions, {"description_width": "9em"}, distinct=True)
