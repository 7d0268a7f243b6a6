"""Pieces every exporter shares: feedback with citations, the key as text, number formatting.

Escaping lives in :mod:`factquiz.escape`, one function per output context.
"""

from __future__ import annotations

import hashlib

from ..escape import html_text
from ..model import Citation, Question
from ..qtypes import REGISTRY


def citation_html(citation: Citation, quote_marks: tuple[str, str] = ("<q>", "</q>")) -> str:
    """``Source: <cite>Title</cite> (published): `` and the quote between ``quote_marks``."""
    opening, closing = quote_marks
    return (f"Source: <cite>{html_text(citation.title)}</cite> ({html_text(citation.published)}): "
            f"{opening}{html_text(citation.quote)}{closing}")


def citation_text(citation: Citation) -> str:
    """``Title (published): “quote”`` for a citation."""
    return f"{citation.title} ({citation.published}): “{citation.quote}”"


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


def answer_text(question: Question) -> str:
    """The correct answer in words, for a CSV column or a card: the type's own
    formatter (``QType.answer_text``), the one the graders and the preview use too."""
    return REGISTRY[question.type].answer_text(question)


def stable_ident(*parts: str) -> str:
    """A short hex identifier that depends only on ``parts``."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def stable_int(*parts: str, low: int = 1 << 30, high: int = 1 << 31) -> int:
    """A number in ``[low, high)`` that depends only on ``parts`` (for ids that must not change)."""
    return low + int(stable_ident(*parts)[:15], 16) % (high - low)


def fuzzy_cloze_notes(questions: list[Question], what_accepts: str) -> list[str]:
    """A note that ``what_accepts`` (e.g. "GIFT short answers") loses cloze typo tolerance."""
    if any(q.type == "cloze" and q.match == "fuzzy" for q in questions):
        return [f"{what_accepts} accept the listed answers exactly (ignoring case): the typo "
                "tolerance of fuzzy cloze answers is lost"]
    return []
