"""Feedback shown after an answer: the explanation and its sources, as HTML or text.

Shared by the widgets and the exporters (escaping: :mod:`factquiz.escape`), so a
notebook's first Check loads no exporter.
"""

from __future__ import annotations

from .escape import html_text
from .model import Citation, Question
from .quotes import quoted


def citation_html(citation: Citation, quote_marks: tuple[str, str] = ("<q>", "</q>")) -> str:
    """``Source: <cite>Title</cite> (published): `` and the quote between ``quote_marks``."""
    opening, closing = quote_marks
    return (f"Source: <cite>{html_text(citation.title)}</cite> ({html_text(citation.published)}): "
            f"{opening}{html_text(citation.quote)}{closing}")


def citation_text(citation: Citation) -> str:
    """``Title (published): “quote”`` for a citation."""
    return f"{citation.title} ({citation.published}): {quoted(citation.quote)}"


def feedback_text(question: Question) -> str:
    """The explanation followed by one ``Source:`` line per citation, as plain text."""
    lines = [question.explanation.strip()]
    lines += [f"Source: {citation_text(c)}" for c in question.citations]
    return "\n".join(line for line in lines if line)


def feedback_html(question: Question) -> str:
    """The explanation and citations as an HTML fragment (text escaped)."""
    parts = []
    if question.explanation.strip():
        parts.append(f"<p>{html_text(question.explanation.strip())}</p>")
    parts += [f"<p>{citation_html(c)}</p>" for c in question.citations]
    return "".join(parts)
