"""Matching in a notebook: a dropdown per item, each offering every option."""

from __future__ import annotations

from ...model import Question
from ..widget import LABEL_STYLE, Dropdowns, question_text_lines

INCOMPLETE = "incomplete_match"


def controls(question: Question, number: int) -> Dropdowns:
    """A dropdown per item, labelled with the item."""
    return Dropdowns(question.options, question.items, LABEL_STYLE, distinct=False)


def text_lines(question: Question) -> list[str]:
    """The items, then the options to match them with."""
    return [*question_text_lines(question), "   with one of: " + "; ".join(question.options)]
