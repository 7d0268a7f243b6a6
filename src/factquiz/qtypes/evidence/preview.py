"""Find the evidence in the terminal: as multiple choice (the passages, lettered)."""

from __future__ import annotations

from ..mc.preview import key, lines

__all__ = ["key", "lines"]
