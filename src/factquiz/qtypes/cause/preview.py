"""Cause and effect in the terminal: as multiple choice (the statements, lettered, and
why each wrong one is not the cause)."""

from __future__ import annotations

from ..mc.preview import key, lines

__all__ = ["key", "lines"]
