"""What every type's ipywidgets controls provide (``qtypes/<type>/widget.py``).

A type's ``widget`` module defines ``controls(question, number) -> Controls``: the input
widgets of one question card (built from ``Question.options`` and ``Question.items`` only,
never the key), how to read the response in ``grade()``'s form, how to put a saved
response back, and how to clear them; and ``INCOMPLETE``, the name (in
:data:`factquiz.answers.MESSAGES`) of the message shown when Check is pressed without a
complete answer. :class:`~factquiz.widgets.QuestionCard` finds the module through the
registry (:func:`widget_module`) and holds no code of any type.

Every widget model is a message to the browser and an entry in the saved notebook, so the
controls take their layout and style models from the quiz's :class:`Shared` ones
(:func:`shared`: those of the card being built) instead of one of each per control, and a
Controls object may offer ``reload(question, number) -> bool``: show another question of
its type in the same widgets ("Try again"), False when they do not fit it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from types import ModuleType
from typing import TYPE_CHECKING, Any, Protocol

import ipywidgets as widgets

from .parts import type_module

if TYPE_CHECKING:
    from ..model import Question

#: Value of a dropdown nobody has chosen from yet.
UNCHOSEN = -1
CHOOSE = "— choose —"
#: Style of a control's label: as wide as its text.
LABEL_STYLE = {"description_width": "initial"}


class Shared:
    """The layout and style models that the widgets of one quiz share.

    Every ipywidget has a layout model and most have a style model; made per widget they
    would be most of a quiz's models (each one a message to the browser and an entry in
    the saved notebook). One of each kind and look serves every widget instead: made on
    first use, never closed with a widget that uses it."""

    def __init__(self) -> None:
        self._models: dict[tuple[Any, ...], widgets.Widget] = {}

    def layout(self, **traits: str) -> widgets.Layout:
        """The shared layout with these traits (``width="auto"``...)."""
        return self._model(widgets.Layout, traits)

    def style(self, control: type[widgets.Widget], **traits: str) -> widgets.Widget:
        """The shared style model of ``control``'s kind (``widgets.RadioButtons``: a
        ``DescriptionStyle``) with these traits."""
        return self._model(_style_kind(control), traits)

    def _model(self, kind: type[widgets.Widget], traits: dict[str, str]) -> widgets.Widget:
        key = (kind, *sorted(traits.items()))
        model = self._models.get(key)
        if model is None:
            model = self._models[key] = kind(**traits)
        return model

    @property
    def plain(self) -> widgets.Layout:
        """The layout of most widgets: nothing set."""
        return self.layout()

    @property
    def card(self) -> widgets.Layout:
        """The layout of a question card: a framed box."""
        return self.layout(border="1px solid #888", padding="0.5em 1em", margin="0.5em 0")

    @property
    def html(self) -> widgets.Widget:
        """The style of every HTML text."""
        return self.style(widgets.HTML)

    @property
    def button(self) -> widgets.Widget:
        """The style of every button."""
        return self.style(widgets.Button)

    def models(self) -> set[int]:
        """The ids of the shared models made so far."""
        return {id(model) for model in self._models.values()}


_STYLE_KINDS: dict[type[widgets.Widget], type[widgets.Widget]] = {}


def _style_kind(control: type[widgets.Widget]) -> type[widgets.Widget]:
    kind = _STYLE_KINDS.get(control)
    if kind is None:
        kind = _STYLE_KINDS[control] = control.class_traits()["style"].klass
    return kind


_BUILDING: ContextVar[Shared | None] = ContextVar("factquiz_shared_widgets", default=None)


def shared() -> Shared:
    """The shared models of the quiz whose card is being built (:func:`building`), else
    models of the caller's own (controls made outside a quiz)."""
    current = _BUILDING.get()
    return current if current is not None else Shared()


@contextmanager
def building(parts: Shared) -> Iterator[Shared]:
    """Within the block, :func:`shared` gives ``parts`` (a card builds its controls)."""
    token = _BUILDING.set(parts)
    try:
        yield parts
    finally:
        _BUILDING.reset(token)


def label_style(control: type[widgets.Widget], **traits: str) -> widgets.Widget:
    """The shared style of ``control``'s kind with its label as wide as its text (or
    ``traits``)."""
    return shared().style(control, **(traits or LABEL_STYLE))


def auto_layout() -> widgets.Layout:
    """The shared layout of a control as wide as its content."""
    return shared().layout(width="auto")


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


#: What a question's dropdowns show: the labels each offers and each row's description.
Rows = Callable[["Question", int], tuple[list[str], list[str]]]


class Dropdowns:
    """One dropdown per row (ordering: per position; matching: per item), each offering
    every label; ``rows(question, number)`` gives the labels and each row's description.
    The response is the chosen index of each row."""

    def __init__(self, question: Question, number: int, rows: Rows, style: dict[str, str],
                 distinct: bool) -> None:
        self.rows = rows
        self.style = label_style(widgets.Dropdown, **style)
        self.layout = auto_layout()
        self.distinct = distinct
        labels, descriptions = rows(question, number)
        choices = self._choices(labels)
        self.inputs: list[widgets.Widget] = [
            widgets.Dropdown(options=choices, value=UNCHOSEN, description=description,
                             style=self.style, layout=self.layout)
            for description in descriptions]
        self.view: widgets.Widget = widgets.VBox(self.inputs, layout=shared().plain)

    @staticmethod
    def _choices(labels: list[str]) -> list[tuple[str, int]]:
        return [(CHOOSE, UNCHOSEN), *((text, i) for i, text in enumerate(labels))]

    def reload(self, question: Question, number: int) -> bool:
        """Show ``question`` in these dropdowns when it has as many rows."""
        labels, descriptions = self.rows(question, number)
        if len(descriptions) != len(self.inputs):
            return False
        choices = self._choices(labels)
        for control, description in zip(self.inputs, descriptions, strict=True):
            with control.hold_sync():
                control.options = choices
                control.value = UNCHOSEN
                control.description = description
        return True

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
