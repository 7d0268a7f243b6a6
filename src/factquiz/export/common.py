"""Pieces every exporter shares: the key as text, stable identifiers, notes on what is lost.

Feedback with citations is in :mod:`factquiz.feedback` (the widgets use it too).

Escaping lives in :mod:`factquiz.escape`, one function per output context.
"""

from __future__ import annotations

import hashlib

from ..model import Question
from ..qtypes import REGISTRY


def answer_text(question: Question) -> str:
    """The correct answer in words, for a CSV column or a card: the type's own
    formatter (``QType.answer_text``), the one the graders and the preview use too."""
    return REGISTRY[question.type].answer_text(question)


def export_kind(question: Question) -> str:
    """The type whose form an export gives ``question``: its type's ``exports_as`` (a
    choice-shaped type goes out as multiple choice), else its own type."""
    qtype = REGISTRY.get(question.type)
    return (qtype.exports_as if qtype is not None and qtype.exports_as else None) or question.type


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
