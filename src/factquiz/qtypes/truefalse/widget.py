"""True/false in a notebook: the two options as toggle buttons
(:func:`factquiz.controls.toggles`; multiple choice's otherwise)."""

from __future__ import annotations

from ...controls import lettered_options as text_lines
from ...controls import toggles as controls

INCOMPLETE = "incomplete_true_false"

__all__ = ["INCOMPLETE", "controls", "text_lines"]
