"""True/false in a notebook: the two options as toggle buttons (mc's choice otherwise)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as widgets

from ..mc.widget import Choice, text_lines

if TYPE_CHECKING:
    from ...model import Question

INCOMPLETE = "incomplete_true_false"

__all__ = ["INCOMPLETE", "Toggle", "controls", "text_lines"]


class Toggle(Choice):
    """True and False as two toggle buttons."""

    maker = widgets.ToggleButtons


def controls(question: Question, number: int) -> Toggle:
    """Toggle buttons, True and False."""
    return Toggle(question, number)
