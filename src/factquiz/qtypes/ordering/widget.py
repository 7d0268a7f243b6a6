"""Ordering in a notebook: a dropdown per position, each offering every item
(:func:`factquiz.controls.order_dropdowns`)."""

from __future__ import annotations

from ...controls import order_dropdowns as controls
from ...controls import question_text_lines as text_lines

INCOMPLETE = "incomplete_order"

__all__ = ["INCOMPLETE", "controls", "text_lines"]
