"""Numeric in a notebook: an integer box, or a decimal one when the key has decimals."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from ..widget import label_style, question_text_lines, shared, single

if TYPE_CHECKING:
    from ...model import Question

INCOMPLETE = "incomplete_number"
text_lines = question_text_lines


def box_kind(question: Question) -> type[widgets.Widget]:
    """``IntText`` when the key and its tolerance are whole numbers, else ``FloatText``."""
    try:
        integral = (float(question.answer).is_integer()
                    and float(question.tolerance).is_integer())
    except (TypeError, ValueError):
        integral = False
    return widgets.IntText if integral else widgets.FloatText


class NumberBox:
    """A number box; the response is its value once the student has changed it."""

    def __init__(self, question: Question, number: int) -> None:
        maker = box_kind(question)
        self.inputs, self.view = single(maker(description=f"Answer {number}",
                                              style=label_style(maker), layout=shared().plain,
                                              continuous_update=False))
        self.touched = False
        self.inputs[0].observe(self._touch, names="value")

    def _touch(self, _change: object) -> None:
        self.touched = True

    def reload(self, question: Question, number: int) -> bool:
        """A blank box for ``question`` when it takes the same kind of number."""
        if type(self.inputs[0]) is not box_kind(question):
            return False
        with self.inputs[0].hold_sync():
            self.clear()
            self.inputs[0].description = f"Answer {number}"
        return True

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
