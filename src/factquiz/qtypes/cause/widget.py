"""Cause and effect in a notebook: multiple choice's radio buttons, one per statement."""

from __future__ import annotations

from ..mc.widget import INCOMPLETE, controls, text_lines

__all__ = ["INCOMPLETE", "controls", "text_lines"]
