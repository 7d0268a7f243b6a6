"""Self-test of a source-aware question type over the real bank, every lesson, many seeds.

Shared by tests/test_qtype_{evidence,source,contested}.py: each generates its type from
every fact of every lesson that can yield it (in that lesson's scope, as a quiz would)
for :data:`SEEDS` seeds, and checks the rules every choice type keeps. The rules hold
for any number of lessons (the lessons are read from the project, never named). Each
(lesson, fact, seed) question is generated once per test process and shared by the tests
that check it (every test still checks every case it asks for).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from content_root import capable_facts, content_project

from factquiz.answers import MESSAGES
from factquiz.factbank import Bank
from factquiz.load import Project
from factquiz.model import Fact, Level, Question
from factquiz.qtypes.base import MALFORMED, QType

SEEDS = range(25)


def real() -> Project:
    """The project the content rules check, loaded once per test process."""
    return content_project()


@dataclass(frozen=True)
class Case:
    """One generated question with what it was made from."""

    lesson: str
    fact: Fact
    bank: Bank
    seed: int
    question: Question


#: The questions generated so far, by type name and seed: made once, checked by every test.
_GENERATED: dict[tuple[str, int], list[Case]] = {}


def cases(qtype: QType, seeds: range = SEEDS) -> Iterator[Case]:
    """Every question of ``qtype`` the real bank yields, lesson by lesson, seed by seed."""
    # Per lesson, per fact, every seed (the capable facts are the same for every seed).
    for same_fact in zip(*(_generated(qtype, seed) for seed in seeds), strict=True):
        yield from same_fact


def _generated(qtype: QType, seed: int) -> list[Case]:
    """The questions of ``qtype`` for ``seed``, one per capable fact of each lesson."""
    key = (qtype.name, seed)
    if key not in _GENERATED:
        _GENERATED[key] = [
            Case(fact.lesson, fact, bank, seed, qtype.generate(
                fact, bank, random.Random(seed), f"{fact.lesson}-{qtype.name}-{fact.id}"))
            for bank, fact in capable_facts(qtype.name)]
    return _GENERATED[key]


def capable_lessons(qtype: QType) -> set[str]:
    """The lessons with at least one fact that can yield ``qtype``."""
    return {c.lesson for c in cases(qtype, range(1))}


def check_choice_question(qtype: QType, case: Case) -> None:
    """The rules every generated question of a source-aware type keeps."""
    q, fact, bank = case.question, case.fact, case.bank
    assert q.type == qtype.name and q.fact_ids == [fact.id]
    assert q.level.rank > Level.recall.rank and q.level == qtype.level
    assert len(q.options) >= 3 and len(set(q.options)) == len(q.options)
    assert isinstance(q.answer, int) and 0 <= q.answer < len(q.options)
    # the same seed, the same question
    again = qtype.generate(fact, bank, random.Random(case.seed), q.id)
    assert again == q
    # the key is accepted, every other option rejected with why it is wrong
    assert qtype.grade(q, q.answer).correct
    assert len(q.option_feedback) == len(q.options) and q.option_feedback[q.answer] == ""
    for i, why in enumerate(q.option_feedback):
        if i != q.answer:
            verdict = qtype.grade(q, i)
            assert not verdict.correct and why and verdict.detail == why
            assert verdict.message == MESSAGES["wrong_detail"].format(detail=why)
    responses = qtype.responses(q)
    assert all(qtype.grade(q, r).correct for r in responses.right)
    assert not any(qtype.grade(q, r).correct for r in responses.wrong)
    for bad in [*responses.malformed, *MALFORMED]:
        verdict = qtype.grade(q, bad)
        assert not verdict.correct and verdict.message
    assert qtype.answer_text(q) == q.options[q.answer]
    # feedback with the fact's sources
    quotes = {c.quote for c in q.citations}
    assert all(ev.quote in quotes for ev in fact.evidence)
    assert q.explanation.strip()
