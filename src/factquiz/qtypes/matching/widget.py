"""Matching in a notebook: a dropdown per item, each offering every option
(:func:`factquiz.controls.match_dropdowns`)."""

from __future__ import annotations

from ...controls import match_dropdowns as controls
from ...controls import match_text_lines as text_lines

INCOMPLETE = "incomplete_match"

__all__ = ["INCOMPLETE", "controls", "text_lines"]
