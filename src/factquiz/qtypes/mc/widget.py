"""Multiple choice in a notebook: one radio button per option."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from ...model import Question
from ..widget import LABEL_STYLE, single

INCOMPLETE = "incomplete_choice"


class Choice:
    """A single choice among ``question.options``; the response is the option's index."""

    maker: type[widgets.Widget] = widgets.RadioButtons

    def __init__(self, question: Question, number: int) -> None:
        self.inputs, self.view = single(self.maker(
            options=list(question.options), value=None, description=f"Answer {number}",
            style=LABEL_STYLE, layout=widgets.Layout(width="auto")))

    def response(self) -> object | None:
        return self.inputs[0].index

    def set_response(self, response: Any) -> None:
        self.inputs[0].index = response

    def clear(self) -> None:
        self.inputs[0].index = None


def controls(question: Question, number: int) -> Choice:
    """Radio buttons, one per option."""
    return Choice(question, number)


def text_lines(question: Question) -> list[str]:
    """The options, lettered, for the plain-text fallback."""
    return [f"   {chr(ord('a') + i)}) {opt}" for i, opt in enumerate(question.options)]
