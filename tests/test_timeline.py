"""The timeline shows events only, one entry per event (see factquiz.sphinxext.timeline)."""

from __future__ import annotations

from factquiz.model import Evidence, Fact, Kind
from factquiz.sphinxext.timeline import gap_before, timeline_events


def fact(fact_id: str, kind: str, when: str | None, label: str | None) -> Fact:
    return Fact(id=fact_id, lesson="lesson", statement="A statement.", question="What?", answer="x",
                kind=Kind(kind), when=when, label=label,
                evidence=[Evidence(source="source", quote="x")])


def test_only_events_with_a_date_and_a_label_are_shown() -> None:
    facts = [fact("event", "event", "2020-11-17", "Talks in Tokyo"),
             fact("role", "person", "2020-11-17", "Australian leader at the 2020 Tokyo talks"),
             fact("city", "place", "2020-11-17", "City where the RAA was agreed in principle"),
             fact("claim", "concept", "2022-01", "Morrison calls the partnership stronger"),
             fact("undated", "event", None, "An undated event"),
             fact("unlabelled", "year", "2007", None)]
    assert [(e.when, e.label) for e in timeline_events(facts)] == [
        ("2020-11-17", "Talks in Tokyo")]


def test_facts_with_the_same_date_and_label_are_one_event_citing_them_all() -> None:
    facts = [fact("b-date", "date", "2018-07", "Inaugural  economic dialogue."),
             fact("a-event", "event", "2018-07", "Inaugural economic dialogue"),
             fact("same-label-other-day", "event", "2018-08", "Inaugural economic dialogue"),
             fact("other", "year", "2018", "Another event")]
    events = timeline_events(facts)
    assert [(e.when, e.label, [f.id for f in e.facts]) for e in events] == [
        ("2018", "Another event", ["other"]),
        ("2018-07", "Inaugural economic dialogue", ["a-event", "b-date"]),
        ("2018-08", "Inaugural economic dialogue", ["same-label-other-day"])]
    assert [e.precision for e in events] == ["year", "month", "month"]


def test_long_gaps_are_written_out() -> None:
    early, late, soon = timeline_events([fact("fact-a", "year", "1960", "A"),
                                         fact("fact-b", "year", "2007", "B"),
                                         fact("fact-c", "date", "2008-03-01", "C")])
    assert gap_before(None, early) is None
    assert gap_before(early, late) == "47 years later"
    assert gap_before(late, soon) is None
