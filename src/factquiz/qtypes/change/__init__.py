"""What changed: two or more dated states of one thing (``state_of:`` and ``when:``).

"What was new about the Reciprocal Access Agreement by January 2022, compared with
17 November 2020?" The options are the statements of the thing's states; the key is the
state of the later date. Feedback on a wrong option says when that state held instead.
States are ordered by their dates, which must not overlap (a year and a day within it
cannot be ordered), and never by a date the bank inferred (``check`` refuses a state
that relies on an inferred source date).
"""

from __future__ import annotations

import random
import re
from typing import TYPE_CHECKING

from ...model import Fact, Level, Question
from ..base import (
    QType,
    choice_answer_text,
    choice_grade,
    choice_responses,
    source_name,
)
from ..mc import INSTRUCTOR_FIELDS  # an instructor writes one as multiple choice
from ..mc import from_instructor as choice_from_instructor
from ..ordering import interval
from .instructor import FORM

if TYPE_CHECKING:
    from ...factbank import Bank

LEVEL = Level.analyse  # differentiating what is new at a date from what held before
MAX_OPTIONS = 4
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
#: A year or a month name: a state's statement naming its date gives the answer away.
DATED = re.compile(r"\b(1[89]\d\d|20\d\d|" + "|".join(MONTHS) + r")\b", re.IGNORECASE)


def date_text(when: str) -> str:
    """``2020-11-17`` -> ``17 November 2020``, ``2022-01`` -> ``January 2022``."""
    parts = when.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


def states_of(fact: Fact, bank: Bank) -> list[Fact]:
    """The dated states of ``fact``'s thing in ``bank``, earliest first (ties by id)."""
    if fact.state_of is None:
        return []
    by_thing: dict[str, list[Fact]] | None = bank.cache.get("change-states")
    if by_thing is None:
        by_thing = {}
        for f in bank.facts:
            if f.state_of is not None and f.when:
                by_thing.setdefault(f.state_of.thing, []).append(f)
        for states in by_thing.values():
            states.sort(key=lambda f: (interval(f), f.id))
        bank.cache["change-states"] = by_thing
    return list(by_thing.get(fact.state_of.thing, []))


def ordered(earlier: Fact, later: Fact) -> bool:
    """Whether ``earlier``'s date is certainly before ``later``'s (the intervals of partial
    dates do not overlap)."""
    return interval(earlier)[1] < interval(later)[0]


def why_not(fact: Fact, bank: Bank) -> str | None:
    """Why ``fact`` cannot yield a what-changed question (None when it can)."""
    if fact.state_of is None:
        return "it is not a dated state of a thing: add `state_of: {thing: ..., topic: ...}`"
    if not fact.when:
        return "a state needs the date it held: add `when:`"
    if DATED.search(fact.statement):
        return "its statement names a date, which would give the answer away"
    states = states_of(fact, bank)
    at = states.index(fact)
    if at == 0:
        return (f"it is the earliest state of '{fact.state_of.thing}' in the bank: nothing "
                "changed before it")
    if not ordered(states[at - 1], fact):
        return (f"its date {fact.when} cannot be ordered after {states[at - 1].when} "
                f"('{states[at - 1].id}')")
    if any(DATED.search(s.statement) for s in states):
        return f"a statement of another state of '{fact.state_of.thing}' names its date"
    return None


def generate(fact: Fact, bank: Bank, rng: random.Random, qid: str,
             avoid: frozenset[str] = frozenset(),
             prefer: frozenset[str] = frozenset()) -> Question:
    """What was new by ``fact``'s date compared with the state before it."""
    states = states_of(fact, bank)
    at = states.index(fact)
    before = states[at - 1]
    others = [s for s in states if s is not fact and s is not before]
    shown = [fact, before, *rng.sample(others, min(len(others), MAX_OPTIONS - 2))]
    shown.sort(key=lambda s: rng.random())
    topic = fact.state_of.topic.strip() if fact.state_of else ""
    then, now = date_text(before.when or ""), date_text(fact.when or "")
    feedback = []
    for state in shown:
        when = date_text(state.when or "")
        if state is fact:
            feedback.append("")
        elif ordered(state, fact):
            feedback.append(f"That was already so by {when} ({source_name(state, bank)}): it is "
                            "not what changed.")
        else:
            feedback.append(f"That came later, by {when} ({source_name(state, bank)}).")
    return Question(
        id=qid, type="change", prompt=f"What was new about {topic} by {now}, compared with {then}?",
        options=[s.statement.strip() for s in shown], answer=shown.index(fact),
        explanation=f"By {then}: {before.statement.strip()} By {now}: {fact.statement.strip()}",
        option_feedback=feedback,
        citations=[*bank.citations(before), *bank.citations(fact)],
        fact_ids=[fact.id, before.id], level=LEVEL)


QTYPE = QType("change", "what changed", generate, choice_grade, why_not,
              choice_responses, choice_answer_text, INSTRUCTOR_FIELDS, choice_from_instructor,
              form=FORM, level=LEVEL, exports_as="mc")
