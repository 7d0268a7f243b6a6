"""Short answer in a notebook: a labelled text area, a "Show model answer" button, then
the model answer with its sources and one labelled checkbox per key point
(:class:`factquiz.controls.ShortAnswer`).

The model answer and the key points enter the widgets (and so the saved notebook) only
once the student has written something and pressed the button."""

from __future__ import annotations

from ...controls import no_lines as text_lines
from ...controls import short_answer as controls

INCOMPLETE = "incomplete_short"

__all__ = ["INCOMPLETE", "controls", "text_lines"]
