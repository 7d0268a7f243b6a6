"""How ``add question`` writes a contested claim question: as multiple choice (the claimants
offered and the one who makes the claim)."""

from __future__ import annotations

from ..mc.instructor import FORM

__all__ = ["FORM"]
