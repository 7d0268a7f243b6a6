"""The question types: one module each, registered here by their ``type`` name.

Each module exposes ``generate(fact, bank, rng, qid, avoid) -> Question``,
``grade(question, response) -> Grade`` (never raises for bad input) and
``why_not(fact, bank) -> str | None`` (why a fact cannot yield the type; None when it
can), collected in its ``QTYPE`` record. The type names (``mix`` keys, ``type:`` of a question)
are this registry's keys; nothing else lists them.

A type's folder also holds its renderer pieces (``widget.py``, ``static.py``,
``preview.py``, its ``<type>.js`` unless its ``static.py`` names another type's script as
``SCRIPT_AS``): see :mod:`factquiz.qtypes.parts`. The README's
"Adding a question type" lists the files and what ``tests/test_qtype_contract.py`` checks.
"""

from __future__ import annotations

from . import (
    cause,
    change,
    cloze,
    contested,
    evidence,
    matching,
    mc,
    numeric,
    ordering,
    short,
    source,
    truefalse,
)
from .base import QType

REGISTRY: dict[str, QType] = {q.name: q for q in (mc.QTYPE, truefalse.QTYPE, cloze.QTYPE,
                                                  numeric.QTYPE, ordering.QTYPE, matching.QTYPE,
                                                  cause.QTYPE, change.QTYPE, evidence.QTYPE,
                                                  source.QTYPE, contested.QTYPE, short.QTYPE)}

__all__ = ["REGISTRY", "QType"]
