"""What changed (``qtypes.change``): questions from dated states of one thing
(``state_of:``), and the check rules of the relation (``relations.check_states``).

Content rules (marked ``content``) hold for every lesson and many seeds: the options are
statements of states of one thing, the key is the state of the later date and the state
before it is among the options, states come from facts whose dates are in order and
stated by the sources, no option names its date, the key is accepted and every other
option rejected, with feedback saying when that state held.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from content_root import capable_facts, content_project
from test_verify import GOOD, HEADER, fact

from factquiz.factbank import Bank
from factquiz.findings import Finding
from factquiz.load import load_project
from factquiz.model import Fact, Level
from factquiz.qtypes import change
from factquiz.qtypes.ordering import interval
from factquiz.relations import check_states
from factquiz.sourceindex import SourceIndex

SEEDS = range(20)


def capable() -> Iterator[tuple[Bank, Fact]]:
    """Each lesson's bank with each fact of that lesson able to yield a what-changed question."""
    return capable_facts("change")


def test_date_text() -> None:
    assert change.date_text("2020-11-17") == "17 November 2020"
    assert change.date_text("2022-01") == "January 2022"
    assert change.date_text("2007") == "2007"


@pytest.mark.content
def test_the_bank_yields_what_changed_questions() -> None:
    assert len(list(capable())) >= 3


@pytest.mark.content
def test_states_are_dated_in_order_and_grade_right() -> None:
    project = content_project()
    assert not list(check_states(project, SourceIndex.of(project)))
    for bank, later in capable():
        states = change.states_of(later, bank)
        before = states[states.index(later) - 1]
        assert interval(before)[1] < interval(later)[0]
        for seed in SEEDS:
            q = change.generate(later, bank, random.Random(seed), "q")
            assert q.type == "change" and q.level is Level.analyse
            assert q.options[q.answer] == later.statement.strip()
            assert before.statement.strip() in q.options
            assert change.date_text(later.when or "") in q.prompt
            assert change.date_text(before.when or "") in q.prompt
            assert change.QTYPE.grade(q, q.answer).correct
            for i, option in enumerate(q.options):
                state = next(s for s in states if s.statement.strip() == option)
                assert state.when and not change.DATED.search(option)
                if i == q.answer:
                    assert q.option_feedback[i] == ""
                    continue
                verdict = change.QTYPE.grade(q, i)
                assert not verdict.correct and verdict.detail == q.option_feedback[i]
                when = change.date_text(state.when)
                expected = ("already so by" if interval(state)[1] < interval(later)[0]
                            else "came later, by")
                assert f"{expected} {when}" in q.option_feedback[i]
            assert {later.id, before.id} <= set(q.fact_ids)


@pytest.mark.content
def test_generation_is_seeded() -> None:
    for bank, later in capable():
        assert (change.generate(later, bank, random.Random(3), "q")
                == change.generate(later, bank, random.Random(3), "q"))


# --- why_not and the check rules, on small fixture banks ----------------------------------

TOPIC = "state_of: {thing: strike-posture, topic: Japan's stance on the use of force}"
EARLIER = dict(ident="earlier", statement="Japan's post-war constitution bans first strikes.",
               answer="first strikes", kind="concept", source="foreign-relations-japan-2020",
               quote="bans first strikes under is post World War Two pacifist constitution")
LATER = dict(ident="later", statement="Kishida said Japan would examine all options for "
             "national defence, including so-called counterstrike capabilities.",
             answer="counterstrike capabilities", kind="concept", source="jdsc-signed-perth-2022",
             quote="examine all options necessary for national defense, including so-called "
                   "\u201ccounterstrike capabilities\u201d")

SAME_SOURCE = dict(source="foreign-relations-japan-2020",
                   quote="Officially, Tokyo limits itself to self-defense")


def state(base: dict[str, str], when: str | None, topic: str = TOPIC, **fields: str) -> str:
    extra = "\n".join(x for x in (f'when: "{when}"' if when else "", topic) if x)
    return fact(**{**base, **fields}, extra=extra)


@pytest.fixture
def state_findings(make_project: Callable[..., Path]) -> Callable[..., list[Finding]]:
    def run(*facts: str) -> list[Finding]:
        root = make_project({"facts/raa.yml": HEADER + GOOD + "".join(facts)})
        project = load_project(root)
        return list(check_states(project, SourceIndex.of(project)))

    return run


def test_two_stated_dates_in_order_have_no_findings(
        state_findings: Callable[..., list[Finding]]) -> None:
    assert state_findings(state(EARLIER, "2020-11"), state(LATER, "2022-10")) == []
    # A day whose month the quote names, in a report dated that year (23 October 2022).
    perth = {**LATER, "quote": "in the city of Perth on October 22"}
    assert state_findings(state(EARLIER, "2020-11"), state(perth, "2022-10-22")) == []
    assert [f.code for f in state_findings(state(EARLIER, "2020-11"),
                                           state(perth, "2022-11-22"))] == ["state-date-inferred"]


@pytest.mark.parametrize(("earlier", "later", "code", "message"), [
    ("2020-11", None, "state-without-date", "a state of a thing needs the date it held"),
    ("2020", "2020-11", "state-dates-overlap", "the date 2020-11 cannot be ordered against "
     "2020 of 'earlier', another state of 'strike-posture'"),
    ("2019", "2020-11", "state-date-inferred", "the date 2019 is in none of its quotes, and "
     "none of its sources with a stated date was published then: the date is inferred"),
])
def test_bad_states_are_reported(state_findings: Callable[..., list[Finding]],
                                 earlier: str, later: str | None, code: str,
                                 message: str) -> None:
    # The later state is quoted from a source of 2020 here: only the order is wrong.
    found = state_findings(state(EARLIER, earlier), state({**LATER, **SAME_SOURCE}, later))
    assert [(f.path, f.code, f.message) for f in found] == [("facts/raa.yml", code, message)]
    assert found[0].line > 10 and found[0].hint


def test_a_date_from_an_inferred_source_date_is_refused(
        state_findings: Callable[..., list[Finding]]) -> None:
    summit = state({**LATER, "ident": "summit", "source": "aa-raa-to-be-signed-2022",
                    "statement": "The Reciprocal Access Agreement was to be signed at a "
                                 "virtual leaders' summit.",
                    "answer": "virtual leaders' summit", "kind": "event",
                    "quote": "The Reciprocal Access Agreement will be signed during a virtual "
                             "leaders\u2019 summit on Thursday."}, "2022-01")
    found = state_findings(state(EARLIER, "2020-11"), summit)
    assert [(f.item, f.code) for f in found] == [("summit", "state-date-inferred")]


def test_a_dated_statement_and_a_lone_state_and_two_topics(
        state_findings: Callable[..., list[Finding]]) -> None:
    dated = state({**EARLIER, "statement": "In 2020 Japan's post-war constitution banned first "
                                           "strikes."}, "2020-11")
    assert [f.code for f in state_findings(dated, state(LATER, "2022-10"))] == [
        "state-dated-statement"]
    assert [f.code for f in state_findings(state(EARLIER, "2020-11"))] == ["state-alone"]
    other = TOPIC.replace("Japan's stance on the use of force", "Japan's defence budget")
    assert [f.code for f in state_findings(state(EARLIER, "2020-11"),
                                           state(LATER, "2022-10", other))] == [
        "state-topic-mismatch"]


def test_why_not(make_project: Callable[..., Path]) -> None:
    root = make_project({"facts/raa.yml": HEADER + GOOD + state(EARLIER, "2020-11")
                         + state(LATER, "2022-10")})
    bank = Bank.of(load_project(root))
    assert change.why_not(bank.by_id["later"], bank) is None
    assert "earliest state" in (change.why_not(bank.by_id["earlier"], bank) or "")
    assert "not a dated state" in (change.why_not(bank.by_id["raa-first-since-1960"], bank) or "")
