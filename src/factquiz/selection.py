"""Quiz selection: the facts a quiz draws on, questions per type, instructor questions."""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

from .factbank import Bank, scope_lessons
from .load import Project
from .model import Fact, Level, Question
from .qtypes import REGISTRY
from .quizmodel import InstructorQuestion, QuizFile


def select_facts(project: Project, quiz: QuizFile) -> list[Fact]:
    """The facts a quiz's generated questions are drawn from, in bank order.

    Only facts in the lesson's scope (it and earlier lessons) are ever selected;
    ``check`` reports a selection naming later ones.
    """
    sel = quiz.select
    lessons = set(sel.lessons) or (set() if sel.ids or sel.tags else {quiz.lesson})
    ids, tags = set(sel.ids), set(sel.tags)
    scope = scope_lessons(project, quiz.lesson)
    seen: set[str] = set()
    chosen = []
    for fact in project.facts:
        if fact.id in seen or fact.lesson not in scope:
            continue
        if fact.lesson in lessons or fact.id in ids or tags.intersection(fact.tags):
            seen.add(fact.id)
            chosen.append(fact)
    return chosen


def why_not(qtype: str, fact: Fact, bank: Bank) -> str | None:
    """``REGISTRY[qtype].why_not(fact, bank)``, worked out once per bank (a lesson's
    bank is built once per loaded project): planning a quiz and checking its file ask it
    for every type and selected fact."""
    key = ("why-not", qtype, id(fact))
    memo = bank.cache
    if key not in memo or memo[key][0] is not fact:
        memo[key] = (fact, REGISTRY[qtype].why_not(fact, bank))
    reason: str | None = memo[key][1]
    return reason


def weights(mix: Mapping[str, int] | None) -> dict[str, int]:
    """The weight of every registered type: ``mix``'s (0 when left out; names that are
    not types are ignored here and reported by ``check``), or without a mix 1 each type
    that is generated (0 for an instructor-only type)."""
    if mix is None:
        return {t: 0 if q.instructor_only else 1 for t, q in REGISTRY.items()}
    return {t: mix.get(t, 0) for t in REGISTRY}


def allocate(mix: Mapping[str, int] | None, n: int) -> dict[str, int]:
    """Share ``n`` generated questions among the types by ``mix`` (largest remainder)."""
    order = list(REGISTRY)
    weight = weights(mix)
    total = sum(weight.values())
    if n <= 0 or total == 0:
        return dict.fromkeys(order, 0)
    exact = {t: w * n / total for t, w in weight.items()}
    counts = {t: int(v) for t, v in exact.items()}
    left = n - sum(counts.values())
    by_remainder = sorted(order, key=lambda t: (-(exact[t] - counts[t]), order.index(t)))
    for t in by_remainder[:left]:
        counts[t] += 1
    return counts


def generated_counts(quiz: QuizFile, capable: Mapping[str, int]) -> dict[str, int]:
    """Generated questions per type: the mix shared out over the questions that are not
    instructor-written; with ``fit``, only over types that ``capable[type]`` (the number
    of selected facts able to yield it) allows, each capped at that number."""
    generated = max(quiz.questions - len(quiz.instructor_questions), 0)
    if not quiz.fit:
        return allocate(quiz.mix, generated)
    fitted = {t: w if capable.get(t, 0) else 0 for t, w in weights(quiz.mix).items()}
    counts = allocate(fitted, generated)
    return {t: min(n, capable.get(t, 0)) for t, n in counts.items()}


def instructor_question(iq: InstructorQuestion, qid: str, rng: random.Random,
                        bank: Bank) -> Question:
    """The :class:`Question` of one (checked) instructor question, options shuffled by
    ``rng``: the fields every type shares here, the rest by the type's ``from_instructor``."""
    common: dict[str, Any] = {
        "id": qid, "type": iq.type, "prompt": iq.prompt.strip(),
        "explanation": iq.explanation.strip(), "fact_ids": list(iq.facts),
        "level": instructor_level(iq),
        "citations": [c for fid in iq.facts if fid in bank.by_id
                      for c in bank.citations(bank.by_id[fid])],
    }
    return REGISTRY[iq.type].from_instructor(iq, common, rng, bank)


def instructor_level(iq: InstructorQuestion) -> Level:
    """An instructor question's level: its own ``level:``, else its type's."""
    return iq.level or REGISTRY[iq.type].level


def planned_levels(quiz: QuizFile, counts: Mapping[str, int]) -> list[Level]:
    """The level of every question of a variant: the instructor questions', then one per
    generated question of each type in ``counts``."""
    levels = [instructor_level(iq) for iq in quiz.instructor_questions]
    levels.extend(REGISTRY[t].level for t, n in counts.items() for _ in range(n))
    return levels
