"""Matching in a notebook: a dropdown per item, each offering every option."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..widget import LABEL_STYLE, Dropdowns, question_text_lines

if TYPE_CHECKING:
    from ...model import Question

INCOMPLETE = "incomplete_match"


def rows(question: Question, number: int) -> tuple[list[str], list[str]]:
    """The options, offered for each item (labelled with the item)."""
    return question.options, question.items


def controls(question: Question, number: int) -> Dropdowns:
    """A dropdown per item, labelled with the item."""
    return Dropdowns(question, number, rows, LABEL_STYLE, distinct=False)


def text_lines(question: Question) -> list[str]:
    """The items, then the options to match them with."""
    return [*question_text_lines(question), "   with one of: " + "; ".join(question.options)]
