"""What every type's ipywidgets controls provide (``qtypes/<type>/widget.py``).

A type's ``widget`` module defines ``controls(question, number) -> Controls``: the input
widgets of one question card (built from ``Question.options`` and ``Question.items`` only,
never the key), how to read the response in ``grade()``'s form, how to put a saved
response back, and how to clear them; and ``INCOMPLETE``, the name (in
:data:`factquiz.answers.MESSAGES`) of the message shown when Check is pressed without a
complete answer. :class:`~factquiz.widgets.QuestionCard` finds the module through the
registry (:func:`widget_module`) and holds no code of any type.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any, Protocol

import ipywidgets as widgets

from ..model import Question
from .parts import type_module

#: Value of a dropdown nobody has chosen from yet.
UNCHOSEN = -1
CHOOSE = "— choose —"
#: Style of a control's label: as wide as its text.
LABEL_STYLE = {"description_width": "initial"}


class Controls(Protocol):
    """The input widgets of one question and how to read and fill them."""

    #: Every input widget (closed with the card).
    inputs: list[widgets.Widget]
    #: What the card shows: an input itself, or a box holding several.
    view: widgets.Widget

    def response(self) -> object | None:
        """The student's response in ``grade()``'s form, or None when it is incomplete."""

    def set_response(self, response: Any) -> None:
        """Put a saved response back (raises when it does not fit the question)."""

    def clear(self) -> None:
        """Blank the inputs, as if never answered."""


def widget_module(question_type: str) -> ModuleType:
    """The ``widget`` module of a registered type (see the module docstring)."""
    return type_module(question_type, "widget")


def ordinal(n: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``11th``..."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class Dropdowns:
    """One dropdown per row (ordering: per position; matching: per item), each offering
    every one of ``labels``; the response is the chosen index of each row."""

    def __init__(self, labels: list[str], descriptions: list[str], style: dict[str, str],
                 distinct: bool) -> None:
        choices = [(CHOOSE, UNCHOSEN), *((text, i) for i, text in enumerate(labels))]
        self.inputs: list[widgets.Widget] = [
            widgets.Dropdown(options=choices, value=UNCHOSEN, description=description,
                             style=style, layout=widgets.Layout(width="auto"))
            for description in descriptions]
        self.view: widgets.Widget = widgets.VBox(self.inputs)
        self.distinct = distinct

    def response(self) -> object | None:
        chosen = [c.value for c in self.inputs]
        if UNCHOSEN in chosen or (self.distinct and len(set(chosen)) != len(chosen)):
            return None
        return chosen

    def set_response(self, response: Any) -> None:
        for control, value in zip(self.inputs, response, strict=True):
            control.value = value

    def clear(self) -> None:
        for control in self.inputs:
            control.value = UNCHOSEN


def single(control: widgets.Widget) -> tuple[list[widgets.Widget], widgets.Widget]:
    """``inputs`` and ``view`` of controls made of one widget."""
    return [control], control


def question_text_lines(question: Question) -> list[str]:
    """The lines under a question in the plain-text fallback: its items, if any."""
    return [f"   - {item}" for item in question.items]
