"""Self-test over the real bank, in the spirit of PrairieLearn's question tests.

Rules over the content (marked ``content``): they hold for any number of lessons and
check the project named by ``$FACTQUIZ_TEST_PROJECT`` when it is set (see conftest).
Every generated question of every lesson is graded with its correct answer (accepted),
each distractor (rejected) and malformed input (rejected with a message, never an
exception). Property-based tests (hypothesis) draw random seeds: no distractor is ever
accepted, the correct option is present exactly once, variants are deterministic, and
cloze grading accepts every alias and rejects every distractor.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter

import pytest
from content_root import content_project
from hypothesis import given, settings
from hypothesis import strategies as st

from factquiz.answers import accepts, match_for
from factquiz.factbank import Bank
from factquiz.generate import make_quiz, plan_quiz
from factquiz.grade import grade
from factquiz.load import Project
from factquiz.model import Fact, Question
from factquiz.normalize import answer_key
from factquiz.qtypes import REGISTRY
from factquiz.qtypes.ordering import interval

pytestmark = pytest.mark.content

SELFTEST_SEEDS = range(25)
MALFORMED: list[object] = [None, "", "   ", "x" * 10_000, [], {}, (), object(), -1, 10**100,
                           float("nan"), float("inf"), True, b"bytes", [[0]], ["a", "b"],
                           [None, None, None]]


def real() -> Project:
    """The project the content rules check, loaded once per test process."""
    return content_project()


def lessons() -> list[str]:
    """The lessons that have a quiz: those with facts or a quiz file."""
    project = real()
    return sorted({f.lesson for f in project.facts} | set(project.quizzes))


def generated_from(question: Question) -> Fact | None:
    """The anchor fact of a generated question (ids end in ``-{type}-{fact id}``), or None
    for an instructor-written one."""
    tail = question.id.split(f"-{question.type}-", 1)[-1]
    return real().facts_by_id.get(tail)


#: The types whose key the functions below read themselves; any other type is tested with
#: its own self-test responses (``QType.responses``).
KEYED_TYPES = frozenset({"mc", "tf", "cloze", "numeric", "ordering", "matching"})


def correct_response(question: Question) -> object:
    if question.type not in KEYED_TYPES:
        return REGISTRY[question.type].responses(question).right[0]
    if question.type == "cloze":
        return question.accepted[0]
    return question.answer


def wrong_responses(question: Question) -> list[object]:
    """Every distractor of ``question`` as a response."""
    project = real()
    bank = Bank.of(project)
    if question.type not in KEYED_TYPES and REGISTRY[question.type].exports_as != "mc":
        return list(REGISTRY[question.type].responses(question).wrong)
    if question.type in ("mc", "tf") or REGISTRY[question.type].exports_as == "mc":
        # single choice (cause and what-changed questions too): every other option
        return [i for i in range(len(question.options)) if i != question.answer]
    if question.type == "cloze":
        anchor = generated_from(question)
        if anchor is None:
            return []  # instructor-written: its accepted answers are checked in test_quizfile
        own, others = bank.pool(anchor)
        return [*own, *others]
    if question.type == "numeric":
        return [question.answer + question.tolerance + 1, question.answer - question.tolerance - 1]
    n = len(question.items)
    right = tuple(question.answer)
    return [list(p) for p in itertools.permutations(range(n)) if p != right]


def check_question(question: Question) -> None:
    """The key is sound: right answer accepted, distractors and malformed input rejected."""
    verdict = grade(question, correct_response(question))
    assert verdict.correct, (question.id, verdict)
    for response in wrong_responses(question):
        verdict = grade(question, response)
        assert not verdict.correct, (question.id, response)
    for response in MALFORMED:
        verdict = grade(question, response)
        if response is not None and verdict.correct:
            # A malformed value can only be right by being the answer itself (e.g. -1 never is).
            pytest.fail(f"{question.id}: malformed {response!r} accepted")
        assert verdict.message and not verdict.correct, (question.id, response)


def check_semantics(question: Question) -> None:
    """The key agrees with the facts: one correct option, true order, true pairs."""
    project = real()
    facts = [project.facts_by_id[fid] for fid in question.fact_ids if fid in project.facts_by_id]
    anchor = generated_from(question)
    if anchor is None:
        return  # an instructor-written question: checked by test_quizfile
    match = match_for(anchor.kind)
    if question.type == "mc":
        keys = [answer_key(o) for o in question.options]
        assert len(set(keys)) == len(keys) == 4
        hits = [i for i, o in enumerate(question.options) if accepts(anchor.accepted, match, o)]
        assert hits == [question.answer], (question.id, question.options)
        for other in Bank.of(project).same_question(anchor):
            assert not any(accepts(other.accepted, match_for(other.kind), o)
                           for i, o in enumerate(question.options) if i != question.answer)
    elif question.type == "tf":
        statement = question.prompt.removeprefix("True or false? ")
        assert (statement == anchor.statement) == (question.answer == 0)
    elif question.type == "cloze":
        assert "_____" in question.prompt
        for alias in anchor.accepted:
            assert grade(question, alias).correct, (question.id, alias)
            assert grade(question, f"  {alias.upper()}. ").correct
    elif question.type == "ordering":
        by_label = {f.label.strip(): f for f in facts if f.label}
        ordered = [by_label[question.items[i]] for i in question.answer]
        for earlier, later in itertools.pairwise(ordered):
            assert interval(earlier)[1] < interval(later)[0], (question.id, earlier.id, later.id)
    elif question.type == "matching":
        assert sorted(question.answer) == list(range(len(question.items)))
        for fact in facts:
            [i] = [i for i, item in enumerate(question.items)
                   if item in ((fact.label or "").strip(), fact.question)]
            chosen = question.options[question.answer[i]]
            assert accepts(fact.accepted, match_for(fact.kind), chosen), (question.id, fact.id)


@pytest.mark.parametrize("lesson", lessons())
def test_selftest_every_question_of_every_lesson(lesson: str) -> None:
    assert lesson in real().lessons
    types_seen = set()
    plan = plan_quiz(real(), lesson)
    planned = {t for t, n in plan.counts.items() if n} | {q.type for q in plan.instructor}
    size = sum(plan.counts.values()) + len(plan.instructor)
    assert 0 < size <= plan.definition.questions
    if not plan.definition.fit:
        assert size == plan.definition.questions
    for seed in SELFTEST_SEEDS:
        quiz = make_quiz(real(), lesson, seed=seed)
        assert len(quiz.questions) == size
        made = Counter(q.type for q in quiz.questions if generated_from(q) is not None)
        assert made == Counter({t: n for t, n in plan.counts.items() if n}), "mix not met"
        for question in quiz.questions:
            check_question(question)
            check_semantics(question)
            types_seen.add(question.type)
    assert types_seen == planned, f"{lesson} lacks {planned - types_seen}"


def test_every_fact_distractor_pool_is_safe() -> None:
    bank = Bank.of(real())
    for fact in bank.facts:
        own, others = bank.pool(fact)
        pool = [*own, *others]
        assert len({answer_key(d) for d in pool}) == len(pool), fact.id
        for candidate in pool:
            assert not accepts(fact.accepted, match_for(fact.kind), candidate), (fact.id, candidate)
            for same in bank.same_question(fact):
                assert not accepts(same.accepted, match_for(same.kind), candidate)


@settings(max_examples=40, deadline=None, derandomize=False)
@given(lesson=st.sampled_from(lessons()),
       seed=st.integers(min_value=0, max_value=2**63 - 1))
def test_property_variants_deterministic_and_sound(lesson: str, seed: int) -> None:
    quiz = make_quiz(real(), lesson, seed=seed)
    assert quiz == make_quiz(real(), lesson, seed=seed)
    for question in quiz.questions:
        check_semantics(question)
        if question.type in ("mc", "tf"):
            right = [i for i in range(len(question.options)) if grade(question, i).correct]
            assert right == [question.answer]


@settings(max_examples=40, deadline=None)
@given(fact_index=st.integers(min_value=0), seed=st.integers(min_value=0, max_value=2**32))
def test_property_cloze_accepts_aliases_rejects_distractors(fact_index: int, seed: int) -> None:
    import random

    bank = Bank.of(real())
    capable = [f for f in bank.facts if REGISTRY["cloze"].why_not(f, bank) is None]
    fact = capable[fact_index % len(capable)]
    question = REGISTRY["cloze"].generate(fact, bank, random.Random(seed), "t")
    for alias in fact.accepted:
        assert grade(question, alias).correct
    own, others = bank.pool(fact)
    for distractor in [*own, *others]:
        assert not grade(question, distractor).correct, (fact.id, distractor)


@settings(max_examples=100, deadline=None)
@given(response=st.one_of(st.none(), st.booleans(), st.integers(), st.floats(),
                          st.text(max_size=300), st.lists(st.integers(-3, 8), max_size=7),
                          st.binary(max_size=10), st.dictionaries(st.text(max_size=3),
                                                                  st.integers(), max_size=2)),
       lesson=st.sampled_from(lessons()), seed=st.integers(0, 50))
def test_property_grading_never_raises(response: object, lesson: str, seed: int) -> None:
    for question in make_quiz(real(), lesson, seed=seed).questions:
        verdict = grade(question, response)
        assert verdict.message
        if verdict.correct:
            assert response is not None and not isinstance(response, (bytes, dict))
            if isinstance(response, float):
                assert math.isfinite(response)
