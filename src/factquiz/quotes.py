"""How a source's quote is shown in plain text: between curly quotation marks, unless it
opens with a mark of its own (then as it is, so no mark is doubled). One function for the
book's notes, the feedback lines, the terminal preview and the wrong-answer reasons."""

from __future__ import annotations

#: Quotation marks a quote may open with: it is then shown without added marks (the book
#: gives such a quote the class ``fq-own``).
OPENING_QUOTES = "\"'\u201c\u2018\u201e\u00ab"


def quoted(text: str) -> str:
    """``text`` (stripped) in curly quotation marks, unless it opens with its own."""
    text = text.strip()
    return text if text.startswith(tuple(OPENING_QUOTES)) else f"\u201c{text}\u201d"
