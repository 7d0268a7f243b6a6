"""Likely near-duplicate facts: facts that teach the same thing but share no cluster.

Two facts of one lesson are reported when they are not in the same ``cluster`` and

* their answers are near-identical without being equal (rapidfuzz ``ratio`` of the
  normalised answers of at least :data:`ANSWER_SIMILARITY`; equal answers never meet in
  one variant anyway, see :mod:`factquiz.assembly`),
* each one's statement or question states the other's answer (ACSA ↔ "defence
  logistics"), or
* they quote the same passage (same source, and the shorter quote is found in the
  longer one with a ``partial_ratio`` of at least :data:`QUOTE_OVERLAP`) and one states
  the other's answer.

Such facts answer each other; ``cluster:`` tells the generator to ask only one of them
per variant (or the facts should be merged).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from .findings import Finding
from .model import Fact
from .normalize import answer_key

if TYPE_CHECKING:
    from .load import Project
    from .verify import SourceIndex

ANSWER_SIMILARITY = 85
QUOTE_OVERLAP = 95
#: Quotes shorter than this (normalised) are too short to show that two facts overlap.
MIN_QUOTE = 40


def _prints(text: str, answer: str) -> bool:
    return f" {answer_key(answer)} " in f" {answer_key(text)} "


def _states(fact: Fact, answer: str) -> bool:
    """Whether ``fact``'s statement or question states ``answer``."""
    return _prints(fact.statement, answer) or _prints(fact.question, answer)


def _same_passage(a: Fact, b: Fact) -> str | None:
    for ea in a.evidence:
        for eb in b.evidence:
            if ea.source != eb.source:
                continue
            qa, qb = sorted((answer_key(ea.quote), answer_key(eb.quote)), key=len)
            if len(qa) >= MIN_QUOTE and fuzz.partial_ratio(qa, qb) >= QUOTE_OVERLAP:
                return ea.source
    return None


def why_duplicates(a: Fact, b: Fact) -> str | None:
    """Why ``a`` and ``b`` look like the same fact (None when they do not)."""
    ka, kb = answer_key(a.answer), answer_key(b.answer)
    if ka != kb and min(len(ka), len(kb)) >= 4 and fuzz.ratio(ka, kb) >= ANSWER_SIMILARITY:
        return f"their answers '{a.answer}' and '{b.answer}' are nearly the same"
    a_in_b, b_in_a = _states(b, a.answer), _states(a, b.answer)
    if a_in_b and b_in_a:
        return "each one states the other's answer"
    source = _same_passage(a, b) if a_in_b or b_in_a else None
    if source is not None:
        return (f"they quote the same passage of '{source}' and one states the other's "
                "answer")
    return None


def duplicate_findings(project: Project, index: SourceIndex | None = None) -> Iterator[Finding]:
    """Rule for ``verify.check``: warn about likely near-duplicates not in one cluster."""
    by_lesson: dict[str, list[Fact]] = {}
    for fact in project.facts_by_id.values():
        by_lesson.setdefault(fact.lesson, []).append(fact)
    for facts in by_lesson.values():
        for a, b in combinations(facts, 2):
            if a.cluster_key == b.cluster_key:
                continue
            why = why_duplicates(a, b)
            if why is None:
                continue
            located = project.located(b.id)
            line, col = located.at("id")
            name = a.cluster or b.cluster or a.id
            yield Finding(located.path, line, col, "near-duplicate",
                          f"fact '{b.id}' looks like a near-duplicate of '{a.id}': {why}",
                          f"if they teach the same thing, give both `cluster: {name}` (a quiz "
                          "variant then asks only one of them), or merge them",
                          b.id, severity="warning")
