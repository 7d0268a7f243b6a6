"""Numeric in a notebook: an integer box, or a decimal one when the key has decimals."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from ...model import Question
from ..widget import LABEL_STYLE, question_text_lines, single

INCOMPLETE = "incomplete_number"
text_lines = question_text_lines


class NumberBox:
    """A number box; the response is its value once the student has changed it."""

    def __init__(self, question: Question, number: int) -> None:
        try:
            integral = (float(question.answer).is_integer()
                        and float(question.tolerance).is_integer())
        except (TypeError, ValueError):
            integral = False
        maker = widgets.IntText if integral else widgets.FloatText
        self.inputs, self.view = single(maker(description=f"Answer {number}",
                                              style=LABEL_STYLE, continuous_update=False))
        self.touched = False
        self.inputs[0].observe(self._touch, names="value")

    def _touch(self, _change: object) -> None:
        self.touched = True

    def response(self) -> object | None:
        return self.inputs[0].value if self.touched else None

    def set_response(self, response: Any) -> None:
        self.inputs[0].value = response
        self.touched = True

    def clear(self) -> None:
        self.inputs[0].value = 0
        self.touched = False


def controls(question: Question, number: int) -> NumberBox:
    """A number box."""
    return NumberBox(question, number)
