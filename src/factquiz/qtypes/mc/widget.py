"""Multiple choice in a notebook: one radio button per option (the controls are
:func:`factquiz.controls.choices`, which the types asked as multiple choice share)."""

from __future__ import annotations

from ...controls import choices as controls
from ...controls import lettered_options as text_lines

INCOMPLETE = "incomplete_choice"

__all__ = ["INCOMPLETE", "controls", "text_lines"]
