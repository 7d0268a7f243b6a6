"""Multiple choice in a notebook: one radio button per option."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from ..widget import auto_layout, label_style, single

if TYPE_CHECKING:
    from ...model import Question

INCOMPLETE = "incomplete_choice"


class Choice:
    """A single choice among ``question.options``; the response is the option's index."""

    maker: type[widgets.Widget] = widgets.RadioButtons

    def __init__(self, question: Question, number: int) -> None:
        self.inputs, self.view = single(self.maker(
            options=list(question.options), value=None, description=f"Answer {number}",
            style=label_style(self.maker), layout=auto_layout()))

    def reload(self, question: Question, number: int) -> bool:
        """Offer ``question``'s options, none chosen."""
        control = self.inputs[0]
        with control.hold_sync():
            control.options = list(question.options)
            control.index = None
            control.description = f"Answer {number}"
        return True

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
