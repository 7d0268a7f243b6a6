"""What changed on the book's page: multiple choice's radio buttons."""

from __future__ import annotations

from ..mc.static import accept_tokens, controls_html, key_attributes

__all__ = ["accept_tokens", "controls_html", "key_attributes"]

#: Its script builds on mc's (loaded first).
SCRIPT_NEEDS = ("mc",)
