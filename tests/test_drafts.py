"""What the planner reuses across seeds is what the types would make (``QType.draft``,
``QType.hopeless``; see :mod:`factquiz.planner`).

A type's draft shows the texts its question shows, and two equal draws make equal
questions; a type that calls a fact hopeless for some answers is right: every question
it makes from that fact shows one of the answers or tells one in its feedback. Checked on
the content project's capable facts (a few per type) and a few seeds.
"""

from __future__ import annotations

import random
from itertools import islice

import pytest
from content_root import capable_facts

from factquiz.assembly import padded_keys, shown_texts, told_texts
from factquiz.normalize import answer_key
from factquiz.qtypes import REGISTRY
from factquiz.qtypes.reasons import unnamed

pytestmark = pytest.mark.content

SEEDS = range(3)
FACTS_PER_TYPE = 8
DRAFTED = [t for t, q in REGISTRY.items() if q.draft is not None]
HOPELESS = [t for t, q in REGISTRY.items() if q.hopeless is not None]


def test_some_types_draft_and_some_can_be_hopeless() -> None:
    assert {"evidence", "cause", "source"} <= set(DRAFTED)
    assert {"evidence", "source"} <= set(HOPELESS)


@pytest.mark.parametrize("qtype", DRAFTED)
def test_a_draft_shows_what_its_question_shows_and_equal_draws_make_equal_questions(
        qtype: str) -> None:
    qt = REGISTRY[qtype]
    assert qt.draft is not None
    made: dict[object, str] = {}
    for bank, fact in islice(capable_facts(qtype), FACTS_PER_TYPE):
        others = frozenset(f.id for f in bank.facts if f.id != fact.id)
        prefer = frozenset(f.id for f in bank.facts)
        for avoid in (frozenset(), others):
            for seed in SEEDS:
                drawn = qt.draft(fact, bank, random.Random(seed), avoid, prefer)
                question = qt.generate(fact, bank, random.Random(seed), "q", avoid, prefer)
                assert drawn.shown == shown_texts(question)
                made.setdefault((fact.id, drawn.key), question.model_dump_json())
                assert made[(fact.id, drawn.key)] == question.model_dump_json()
    assert made, f"no fact of the content project can yield {qtype}"


@pytest.mark.parametrize("qtype", HOPELESS)
def test_a_hopeless_fact_yields_only_questions_that_show_or_tell_the_answers(
        qtype: str) -> None:
    qt = REGISTRY[qtype]
    assert qt.hopeless is not None
    hopeless = 0
    for bank, fact in islice(capable_facts(qtype), FACTS_PER_TYPE):
        # Each other fact's answers, one fact at a time, as what the chosen questions ask.
        for other in bank.facts:
            if other.id == fact.id:
                continue
            needles = frozenset(f" {k} " for a in other.accepted if (k := answer_key(a)))
            for avoid in (frozenset(), frozenset({other.id})):
                if not qt.hopeless(fact, bank, needles, needles, avoid):
                    continue
                hopeless += 1
                for seed in SEEDS:
                    question = qt.generate(fact, bank, random.Random(seed), "q", avoid)
                    shown = padded_keys(shown_texts(question))
                    told = padded_keys(told_texts(question, unnamed(bank)))
                    assert any(n in shown or n in told for n in needles), (fact.id, other.id)
    assert hopeless, f"no {qtype} fact was found hopeless: the test checks nothing"
