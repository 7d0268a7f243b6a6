"""Fill in the blank in a notebook: one text box (:func:`factquiz.controls.text_box`)."""

from __future__ import annotations

from ...controls import question_text_lines as text_lines
from ...controls import text_box as controls

INCOMPLETE = "incomplete_text"

__all__ = ["INCOMPLETE", "controls", "text_lines"]
