"""How ``add question`` writes a what-changed question: as multiple choice (the statements
offered and the right one)."""

from __future__ import annotations

from ..mc.instructor import FORM

__all__ = ["FORM"]
