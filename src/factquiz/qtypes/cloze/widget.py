"""Fill in the blank in a notebook: one text box."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from ..widget import label_style, question_text_lines, shared, single

if TYPE_CHECKING:
    from ...model import Question

INCOMPLETE = "incomplete_text"
text_lines = question_text_lines


class TextBox:
    """A text box; the response is its text (None while it is blank)."""

    def __init__(self, question: Question, number: int) -> None:
        self.inputs, self.view = single(widgets.Text(
            value="", placeholder="type your answer", description=f"Answer {number}",
            style=label_style(widgets.Text), layout=shared().plain, continuous_update=False))

    def reload(self, question: Question, number: int) -> bool:
        """A blank box for ``question``."""
        with self.inputs[0].hold_sync():
            self.clear()
            self.inputs[0].description = f"Answer {number}"
        return True

    def response(self) -> object | None:
        text = self.inputs[0].value
        return text if text.strip() else None

    def set_response(self, response: Any) -> None:
        self.inputs[0].value = str(response)

    def clear(self) -> None:
        self.inputs[0].value = ""


def controls(question: Question, number: int) -> TextBox:
    """A text box."""
    return TextBox(question, number)
