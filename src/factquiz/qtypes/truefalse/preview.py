"""True/false in the terminal: as multiple choice (True and False, lettered)."""

from __future__ import annotations

from ..mc.preview import key, lines

__all__ = ["key", "lines"]
