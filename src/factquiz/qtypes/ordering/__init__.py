"""Ordering: put 3-5 dated events in chronological order.

The facts need a ``label`` (the event's short name), a ``when``, and a kind whose label
names an event: year, date, event or agreement (a person's or place's label names a
role, such as "Japanese leader at the 2020 Tokyo talks", which does not read as an
event to put in order). Two events may
stand together only when their dates cannot overlap at their precision (2022 and
2022-10 overlap; 2021 and 2022-10 do not) and their labels differ, so the order is
never ambiguous. Partners not used elsewhere in the quiz come first, then the quiz's
facts (else the anchor's lesson). An item out of place is told which way it goes, with
its date (``response_feedback``, see :mod:`factquiz.qtypes.reasons`).
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

from ...answers import MESSAGES, wrong_with
from ...model import Fact, Grade, Kind, Question
from ...normalize import answer_key
from ..base import (
    QType,
    has_compatible_pair,
    index_list_response,
    partner_rank,
    permutation_responses,
    pick_group,
    shuffled,
    with_expected,
)
from ..reasons import order_reasons, part_reasons
from ..sourced import date_text
from .instructor import FORM

if TYPE_CHECKING:
    from ...factbank import Bank
    from ...quizmodel import InstructorQuestion

MIN_ITEMS, MAX_ITEMS = 3, 5
PROMPT = "Put these events in chronological order, earliest first."
#: Kinds whose label names an event that can be put in order.
EVENT_KINDS = frozenset({Kind.year, Kind.date, Kind.event, Kind.agreement})


def dated(fact: Fact) -> bool:
    """Whether ``fact`` has what an ordering item needs: an event kind, a label and a date."""
    return bool(fact.kind in EVENT_KINDS and fact.when and fact.label and fact.label.strip())


def interval(fact: Fact) -> tuple[str, str]:
    """First and last possible day of ``fact.when`` as ISO strings."""
    when = fact.when or ""
    if len(when) == 4:
        return f"{when}-01-01", f"{when}-12-31"
    if len(when) == 7:
        return f"{when}-01", f"{when}-31"
    return when, when


def compatible(a: Fact, b: Fact) -> bool:
    """Two dated facts whose order is unambiguous and whose labels differ."""
    (a0, a1), (b0, b1) = interval(a), interval(b)
    overlap = a0 <= b1 and b0 <= a1
    return not overlap and answer_key(a.label or "") != answer_key(b.label or "")


def partners(fact: Fact, bank: Bank) -> list[Fact]:
    """Dated facts that can share an ordering question with ``fact``."""
    key = ("ordering-partners", fact.id)
    if key not in bank.cache:
        bank.cache[key] = [f for f in bank.facts
                           if f.id != fact.id and dated(f) and compatible(fact, f)]
    return bank.cache[key]


def why_not(fact: Fact, bank: Bank) -> str | None:
    """Why ``fact`` cannot anchor an ordering question (None when it can)."""
    if fact.kind not in EVENT_KINDS:
        return (f"ordering is for facts of kind year, date, event or agreement, not "
                f"{fact.kind.value}")
    missing = [name for name in ("label", "when") if not getattr(fact, name)]
    if missing:
        return f"it has no {' and no '.join(missing)}: ordering needs a dated, labelled event"
    key = ("ordering-why-not", fact.id)
    if key not in bank.cache:
        ok = has_compatible_pair(partners(fact, bank), compatible)
        bank.cache[key] = None if ok else (
            "the bank has fewer than two other dated, labelled events whose dates cannot "
            "overlap with it and with each other")
    return bank.cache[key]


def generate(fact: Fact, bank: Bank, rng: random.Random, qid: str,
             avoid: frozenset[str] = frozenset(),
             prefer: frozenset[str] = frozenset()) -> Question:
    """Shuffled event labels; ``answer`` lists item indices in chronological order."""
    size = rng.randint(MIN_ITEMS, MAX_ITEMS)
    group = pick_group(fact, partners(fact, bank), rng, size, compatible,
                       partner_rank(fact, avoid, prefer, avoid_first=True))
    chronological = sorted(group, key=lambda f: interval(f)[0])
    items = [f.label.strip() for f in group if f.label]
    rng.shuffle(items)
    if len(items) > 1 and items == [f.label.strip() for f in chronological if f.label]:
        items = items[1:] + items[:1]
    answer = [items.index(f.label.strip()) for f in chronological if f.label]
    explanation = "In order: " + "; ".join(f"{f.label.strip()} ({f.when})"
                                            for f in chronological if f.label)
    explanation += ". " + " ".join(f.statement for f in chronological)
    when = {f.label.strip(): date_text(f.when) for f in group if f.label and f.when}
    return Question(id=qid, type="ordering", prompt=PROMPT, items=items, answer=answer,
                    explanation=explanation,
                    response_feedback=order_reasons(items, answer, [when[i] for i in items]),
                    citations=[c for f in chronological for c in bank.citations(f)],
                    fact_ids=[f.id for f in chronological])


def grade(question: Question, response: object) -> Grade:
    """Correct when ``response`` lists the item indices in chronological order."""
    n = len(question.items)
    expected = answer_text(question)
    order = index_list_response(response, n, n, "item numbers")
    if not isinstance(order, list):
        return with_expected(order, expected)
    if sorted(order) != list(range(n)):
        return Grade(correct=False, expected=expected,
                     message=f"Please use each of the {n} items exactly once.")
    if order == list(question.answer):
        return Grade(correct=True, message=MESSAGES["correct"], expected=expected)
    right = sum(a == b for a, b in zip(order, question.answer, strict=True))
    message, detail = wrong_with(" ".join([MESSAGES["in_place"].format(right=right, total=n),
                                           *part_reasons(question, order)]))
    return Grade(correct=False, expected=expected, message=message, detail=detail)


def answer_text(question: Question) -> str:
    """The expected answer: the items in their right order."""
    return " → ".join(question.items[i] for i in question.answer)


def from_instructor(iq: InstructorQuestion, common: dict[str, Any], rng: random.Random,
                    bank: Bank) -> Question:
    """A checked instructor question of this type as a :class:`Question`."""
    items = shuffled([i.strip() for i in iq.items], rng, iq.shuffle)
    answer = [items.index(i.strip()) for i in iq.items]
    return Question(**common, items=items, answer=answer,
                    response_feedback=order_reasons(items, answer))


QTYPE = QType("ordering", "ordering", generate, grade, why_not, permutation_responses, answer_text,
              frozenset({"items", "shuffle"}), from_instructor, facts_needed=MIN_ITEMS,
              form=FORM)
