"""How ``add question`` writes a find the evidence question: as multiple choice (the passages
offered and the one that supports the claim)."""

from __future__ import annotations

from ..mc.instructor import FORM

__all__ = ["FORM"]
