"""Which source on the book's page: multiple choice's radio buttons, one per source."""

from __future__ import annotations

from ..mc.static import accept_tokens, controls_html, key_attributes

__all__ = ["accept_tokens", "controls_html", "key_attributes"]

#: Graded on the page by mc's script (no script of its own).
SCRIPT_AS = "mc"
