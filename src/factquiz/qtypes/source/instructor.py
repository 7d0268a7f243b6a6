"""How ``add question`` writes a which source question: as multiple choice (the sources offered
and the one that says the claim)."""

from __future__ import annotations

from ..mc.instructor import FORM

__all__ = ["FORM"]
