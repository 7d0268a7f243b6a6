"""Short answer in a notebook: a labelled text area, a "Show model answer" button, then
the model answer with its sources and one labelled checkbox per key point.

The model answer and the key points enter the widgets (and so the saved notebook) only
once the student has written something and pressed the button.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from ...answers import MESSAGES
from ...escape import html_text
from ...feedback import citation_html
from ...model import Question
from ..widget import LABEL_STYLE

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
    """The text area, the reveal button and, once revealed, the key points' checkboxes."""

    def __init__(self, question: Question, number: int) -> None:
        self.question = question
        self.text = widgets.Textarea(
            value="", placeholder="write a few sentences", description=f"Answer {number}",
            style=LABEL_STYLE, continuous_update=False,
            layout=widgets.Layout(width="95%", height="7em"))
        self.show = widgets.Button(description=MESSAGES["show_model"],
                                   tooltip=f"{MESSAGES['show_model']} (question {number})")
        self.show.on_click(lambda _button: self.reveal_if_written())
        self.note = widgets.HTML("")
        self.points: list[widgets.Checkbox] = []
        self.points_box = widgets.VBox([])
        self.inputs: list[widgets.Widget] = [self.text, self.show, self.note, self.points_box]
        self.view: widgets.Widget = widgets.VBox([self.text, self.show, self.note,
                                                  self.points_box])

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
        self.points = [widgets.Checkbox(value=False, description=point, indent=False,
                                        style=LABEL_STYLE, layout=widgets.Layout(width="auto"))
                       for point in self.question.items]
        self.inputs.extend(self.points)
        label = widgets.HTML(f"<strong>{html_text(MESSAGES['key_points'])}</strong>")
        self.inputs.append(label)
        self.points_box.children = [label, *self.points]

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
        self.note.value = ""
        for widget in self.points_box.children:
            self.inputs.remove(widget)
            widget.close()
        self.points = []
        self.points_box.children = ()


def controls(question: Question, number: int) -> ShortAnswer:
    """The short-answer controls."""
    return ShortAnswer(question, number)
