"""Numeric in a notebook: an integer box, or a decimal one when the key has decimals
(:func:`factquiz.controls.number_box`)."""

from __future__ import annotations

from ...controls import number_box as controls
from ...controls import question_text_lines as text_lines

INCOMPLETE = "incomplete_number"

__all__ = ["INCOMPLETE", "controls", "text_lines"]
