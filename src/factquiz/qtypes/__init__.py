"""The question types: one module each, registered here by their ``type`` name.

Each module exposes ``generate(fact, bank, rng, qid, avoid) -> Question``,
``grade(question, response) -> Grade`` (never raises for bad input) and
``why_not(fact, bank) -> str | None`` (why a fact cannot yield the type; None when it
can), collected in its ``QTYPE`` record.
"""

from __future__ import annotations

from ..model import QUESTION_TYPES
from . import cloze, matching, mc, numeric, ordering, truefalse
from .base import QType

REGISTRY: dict[str, QType] = {q.name: q for q in (mc.QTYPE, truefalse.QTYPE, cloze.QTYPE,
                                                  numeric.QTYPE, ordering.QTYPE, matching.QTYPE)}
assert tuple(REGISTRY) == QUESTION_TYPES

__all__ = ["REGISTRY", "QType"]
