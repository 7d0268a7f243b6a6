"""The answer controls of the question types in a notebook (ipywidgets), light.

Each type's ``qtypes/<type>/widget.py`` (see :mod:`factquiz.qtypes.widget`) names its
controls, kept here: a notebook shows a cached quiz without importing anything under
``factquiz.qtypes`` (whose every module loads each type's core, the fact model and
pydantic), through the table of :mod:`factquiz.widgettypes`. This module imports
ipywidgets, the messages and nothing that grades or generates.

Every widget model is a message to the browser and an entry in the saved notebook, so the
controls take their layout and style models from the quiz's :class:`Shared` ones
(:func:`shared`: those of the card being built) instead of one of each per control, and a
Controls object may offer ``reload(question, number) -> bool``: show another question of
its type in the same widgets ("Try again"), or say (False, changing nothing) that they do
not fit it. The key never enters a widget before Check: controls are built from a
question's ``options`` and ``items`` only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, Protocol

import ipywidgets as widgets

from .escape import html_text
from .messages import MESSAGES

if TYPE_CHECKING:
    from .model import Question

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


# --- choices (mc, tf and the types asked as multiple choice) ---------------------

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


class Toggle(Choice):
    """True and False as two toggle buttons."""

    maker = widgets.ToggleButtons


def choices(question: Question, number: int) -> Choice:
    """Radio buttons, one per option."""
    return Choice(question, number)


def toggles(question: Question, number: int) -> Toggle:
    """Toggle buttons (True and False)."""
    return Toggle(question, number)


def lettered_options(question: Question) -> list[str]:
    """The options, lettered, for the plain-text fallback."""
    return [f"   {chr(ord('a') + i)}) {opt}" for i, opt in enumerate(question.options)]


# --- typed answers (cloze, numeric) ---------------------------------------------------

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


def text_box(question: Question, number: int) -> TextBox:
    """A text box."""
    return TextBox(question, number)


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


def number_box(question: Question, number: int) -> NumberBox:
    """A number box."""
    return NumberBox(question, number)


# --- ordering and matching: a dropdown per row -----------------------------------------

def order_rows(question: Question, number: int) -> tuple[list[str], list[str]]:
    """The items, offered at each position (1st, 2nd, ...)."""
    positions = [f"{ordinal(k + 1)} (question {number})" for k in range(len(question.items))]
    return question.items, positions


def order_dropdowns(question: Question, number: int) -> Dropdowns:
    """A dropdown per position (1st, 2nd, ...), each item chosen once."""
    return Dropdowns(question, number, order_rows, {"description_width": "9em"}, distinct=True)


def match_rows(question: Question, number: int) -> tuple[list[str], list[str]]:
    """The options, offered for each item (labelled with the item)."""
    return question.options, question.items


def match_dropdowns(question: Question, number: int) -> Dropdowns:
    """A dropdown per item, labelled with the item."""
    return Dropdowns(question, number, match_rows, LABEL_STYLE, distinct=False)


def match_text_lines(question: Question) -> list[str]:
    """The items, then the options to match them with."""
    return [*question_text_lines(question), "   with one of: " + "; ".join(question.options)]


# --- short answer -------------------------------------------------------------------------

def no_lines(question: Question) -> list[str]:
    """Nothing under the prompt in the plain-text fallback (short: the key points are the
    key)."""
    return []


def model_answer_html(question: Question) -> str:
    """The model answer and the sources of its facts, as HTML (text escaped)."""
    from .feedback import citation_html  # here: shown once asked for, after the quiz

    parts = [f"<p><strong>{html_text(MESSAGES['model_answer'])}</strong> "
             f"{html_text(str(question.answer))}</p>"]
    parts += [f"<p>{citation_html(c)}</p>" for c in question.citations]
    return "".join(parts)


class ShortAnswer:
    """The text area, the reveal button and, once used, a note below them: what to do, then
    the model answer, with the key points' checkboxes (made when first shown)."""

    def __init__(self, question: Question, number: int) -> None:
        self.question = question
        self.parts = shared()  # for the widgets made later (the note, the key points)
        self.text = widgets.Textarea(
            value="", placeholder="write a few sentences", description=f"Answer {number}",
            style=label_style(widgets.Textarea), continuous_update=False,
            layout=self.parts.layout(width="95%", height="7em"))
        self.show = widgets.Button(description=MESSAGES["show_model"],
                                   tooltip=self._tooltip(number), layout=self.parts.plain,
                                   style=self.parts.button)
        self.show.on_click(lambda _button: self.reveal_if_written())
        self._note: widgets.HTML | None = None
        self._points_box: widgets.VBox | None = None
        self.points: list[widgets.Checkbox] = []
        self.inputs: list[widgets.Widget] = [self.text, self.show]
        self.view: widgets.Widget = widgets.VBox([self.text, self.show], layout=self.parts.plain)

    @staticmethod
    def _tooltip(number: int) -> str:
        return f"{MESSAGES['show_model']} (question {number})"

    @property
    def note(self) -> widgets.HTML:
        """The note below the button (made on first use)."""
        if self._note is None:
            self._note = self._below(widgets.HTML("", layout=self.parts.plain,
                                                  style=self.parts.html))
        return self._note

    @property
    def points_box(self) -> widgets.VBox:
        """The box of the key points' checkboxes, below the note (made on first use)."""
        if self._points_box is None:
            _ = self.note  # made first: the note comes before the key points
            self._points_box = self._below(widgets.VBox([], layout=self.parts.plain))
        return self._points_box

    def _below(self, widget: widgets.Widget) -> Any:
        self.inputs.append(widget)
        self.view.children = [*self.view.children, widget]
        return widget

    @property
    def revealed(self) -> bool:
        return bool(self.points)

    def reveal_if_written(self) -> None:
        """Show the model answer, or say to write first."""
        if self.text.value.strip():
            self.reveal()
        else:
            self.note.value = f'<p role="status">{html_text(MESSAGES["write_first"])}</p>'

    def reveal(self) -> None:
        """Show the model answer, its sources and a checkbox per key point (once)."""
        if self.revealed:
            return
        self.note.value = model_answer_html(self.question)
        parts = self.parts
        style, layout = parts.style(widgets.Checkbox, **LABEL_STYLE), parts.layout(width="auto")
        self.points = [widgets.Checkbox(value=False, description=point, indent=False,
                                        style=style, layout=layout)
                       for point in self.question.items]
        self.inputs.extend(self.points)
        label = widgets.HTML(f"<strong>{html_text(MESSAGES['key_points'])}</strong>",
                             layout=parts.plain, style=parts.html)
        self.inputs.append(label)
        self.points_box.children = [label, *self.points]

    def reload(self, question: Question, number: int) -> bool:
        """Blank widgets for ``question``."""
        self.clear()
        self.question = question
        self.text.description = f"Answer {number}"
        self.show.tooltip = self._tooltip(number)
        return True

    def response(self) -> object | None:
        if not self.text.value.strip() or not self.revealed:
            return None
        return {"text": self.text.value, "covered": [bool(c.value) for c in self.points]}

    def set_response(self, response: Any) -> None:
        text, covered = response["text"], response["covered"]
        if not isinstance(text, str) or len(covered) != len(self.question.items):
            raise ValueError("the saved answer does not fit this question")
        self.text.value = text
        self.reveal()
        for box, value in zip(self.points, covered, strict=True):
            box.value = bool(value)

    def clear(self) -> None:
        self.text.value = ""
        if self._note is not None:
            self._note.value = ""
        if self._points_box is not None:
            for widget in self._points_box.children:
                self.inputs.remove(widget)
                widget.close()
            self._points_box.children = ()
        self.points = []


def short_answer(question: Question, number: int) -> ShortAnswer:
    """The short-answer controls."""
    return ShortAnswer(question, number)
