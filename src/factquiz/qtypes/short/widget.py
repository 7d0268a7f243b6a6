"""Short answer in a notebook: a labelled text area, a "Show model answer" button, then
the model answer with its sources and one labelled checkbox per key point.

The model answer and the key points enter the widgets (and so the saved notebook) only
once the student has written something and pressed the button.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from ...answers import MESSAGES
from ...escape import html_text
from ...feedback import citation_html
from ..widget import LABEL_STYLE, label_style, shared

if TYPE_CHECKING:
    from ...model import Question

INCOMPLETE = "incomplete_short"


def text_lines(question: Question) -> list[str]:
    """Nothing under the prompt in the plain-text fallback (the key points are the key)."""
    return []


def model_answer_html(question: Question) -> str:
    """The model answer and the sources of its facts, as HTML (text escaped)."""
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
            self.note  # noqa: B018 (the note comes first)
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


def controls(question: Question, number: int) -> ShortAnswer:
    """The short-answer controls."""
    return ShortAnswer(question, number)
