"""How ``add question`` writes a cause-and-effect question: as multiple choice (the statements
offered and the right one)."""

from __future__ import annotations

from ..mc.instructor import FORM

__all__ = ["FORM"]
