"""Which facts the timeline shows, and how: events only, one entry per event, as a list.

An *event* is a fact that an ordering question could use (:func:`factquiz.qtypes.ordering.dated`):
a ``when`` date, a ``label``, and a kind whose label names an event (year, date, event,
agreement). A person's or place's label names a role ("Australian leader at the 2020 Tokyo
talks") and a concept's is a claim, so they are left out. Facts with the same date and the
same label (compared as answers are) are one event: one entry that cites them all.

The timeline is an ordered list drawn as a vertical line by the stylesheet, so its text is
the page's text at any width. The marker's *shape* says how precise the date is (a filled
circle for a day, an open circle for a month, an open square for a year alone); a gap of
several years is written out above the later entry.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ..model import Fact
from ..normalize import answer_key
from ..qtypes.ordering import dated

#: A gap between two events at least this long (in years) is written out.
LONG_GAP_YEARS = 5


@dataclass(frozen=True)
class Event:
    """One entry of the timeline: a date, a label and the facts that state it."""

    when: str
    label: str
    facts: tuple[Fact, ...]

    @property
    def precision(self) -> str:
        """``day``, ``month`` or ``year``: how precisely the sources date the event."""
        return {4: "year", 7: "month"}.get(len(self.when), "day")

    @property
    def years(self) -> float:
        """The date as a fractional year (a year alone sits at its start)."""
        day = date.fromisoformat(self.facts[0].sort_date or "")
        return day.year + (day.month - 1) / 12 + (day.day - 1) / 365


def timeline_events(facts: Iterable[Fact]) -> list[Event]:
    """The events among ``facts``, earliest first, one per (date, label); ties by label.

    Within an event the facts are in id order, and the event takes the first one's label.
    """
    groups: dict[tuple[str, str], list[Fact]] = {}
    for fact in sorted((f for f in facts if dated(f)), key=lambda f: f.id):
        groups.setdefault((fact.sort_date or "", answer_key(fact.label or "")), []).append(fact)
    events = [Event(group[0].when or "", (group[0].label or "").strip(), tuple(group))
              for group in groups.values()]
    return sorted(events, key=lambda e: (e.facts[0].sort_date or "", answer_key(e.label)))


def gap_before(previous: Event | None, event: Event) -> str | None:
    """``"47 years later"`` when ``event`` comes long after ``previous``, else None."""
    if previous is None:
        return None
    gap = round(event.years - previous.years)
    return f"{gap} years later" if gap >= LONG_GAP_YEARS else None
