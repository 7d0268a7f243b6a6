"""Fill in the blank in a notebook: one text box."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from ...model import Question
from ..widget import LABEL_STYLE, question_text_lines, single

INCOMPLETE = "incomplete_text"
text_lines = question_text_lines


class TextBox:
    """A text box; the response is its text (None while it is blank)."""

    def __init__(self, question: Question, number: int) -> None:
        self.inputs, self.view = single(widgets.Text(
            value="", placeholder="type your answer", description=f"Answer {number}",
            style=LABEL_STYLE, continuous_update=False))

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
