"""Draw the timeline of dated facts as an SVG figure, readable without colour.

Events run down a vertical axis in date order. The space between two events grows with
the time between them (up to a limit); a gap of many years is drawn as a dashed stretch
of axis with its length written beside it. The marker's *shape* says how precise the
date is: a filled circle for a known day, an open circle for a month, an open square for
a year only (a legend says so). All text is escaped; the SVG uses ``currentColor`` so it
follows the page's light or dark theme.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from datetime import date
from html import escape

from ..model import Fact
from .dates import human_date

WIDTH = 760
DATE_X = 150  # right edge of the date column
AXIS_X = 172
LABEL_X = 192
LINE_HEIGHT = 18
WRAP = 66  # characters per label line
TOP = 64  # below the legend
PER_YEAR = 10  # extra pixels per year between events
MAX_EXTRA = 40
LONG_GAP_YEARS = 5


def in_date_order(facts: Iterable[Fact]) -> list[Fact]:
    """The facts that have a ``when`` date, earliest first (ties by id)."""
    return sorted((f for f in facts if f.when), key=lambda f: (f.sort_date, f.id))


def event_label(fact: Fact) -> str:
    """What the timeline shows for a fact: its label, else its statement."""
    return fact.label or fact.statement


def _precision(when: str) -> str:
    return {4: "year", 7: "month"}.get(len(when), "day")


def _years(fact: Fact) -> float:
    """The date as a fractional year (a year alone sits at its start)."""
    day = date.fromisoformat(fact.sort_date or "")
    return day.year + (day.month - 1) / 12 + (day.day - 1) / 365


def _marker(x: int, y: int, precision: str) -> str:
    if precision == "day":
        return f'<circle class="fq-mark-day" cx="{x}" cy="{y}" r="6"/>'
    if precision == "month":
        return f'<circle class="fq-mark-month" cx="{x}" cy="{y}" r="6"/>'
    return f'<rect class="fq-mark-year" x="{x - 6}" y="{y - 6}" width="12" height="12"/>'


def _legend() -> str:
    items = [("day", "exact day"), ("month", "month known"), ("year", "year only")]
    out = ['<g class="fq-legend" font-size="13">',
           '<text x="10" y="20" font-weight="bold">Date precision:</text>']
    x = 130
    for precision, text in items:
        out.append(_marker(x, 15, precision))
        out.append(f'<text x="{x + 12}" y="20">{text}</text>')
        x += 150
    out.append("</g>")
    return "".join(out)


def timeline_svg(events: list[Fact], title: str, svg_id: str) -> str:
    """The SVG markup of the timeline of ``events``: dated facts, in date order (as
    :func:`in_date_order` gives them)."""
    body: list[str] = []
    axis: list[str] = []
    y = TOP
    previous: float | None = None  # the previous event's date, in years
    prev_y = y
    for event in events:
        when, years = event.when or "", _years(event)
        lines = textwrap.wrap(event_label(event), WRAP) or [""]
        if previous is not None:
            gap = years - previous
            extra = min(MAX_EXTRA, int(gap * PER_YEAR))
            start = prev_y + 8
            y += extra
            if gap >= LONG_GAP_YEARS:
                axis.append(f'<line class="fq-axis" x1="{AXIS_X}" y1="{start}" x2="{AXIS_X}" '
                            f'y2="{y - 8}" stroke-dasharray="4 4"/>')
                body.append(f'<text x="{AXIS_X - 8}" y="{(start + y) // 2 - 2}" '
                            f'text-anchor="end" font-size="12" font-style="italic">'
                            f"{round(gap)} years</text>")
            else:
                axis.append(f'<line class="fq-axis" x1="{AXIS_X}" y1="{start}" x2="{AXIS_X}" '
                            f'y2="{y - 8}"/>')
        body.append(f'<g class="fq-event"><text x="{DATE_X}" y="{y + 5}" text-anchor="end" '
                    f'font-weight="bold">{escape(human_date(when))}</text>'
                    f"{_marker(AXIS_X, y, _precision(when))}")
        for i, line in enumerate(lines):
            body.append(f'<text x="{LABEL_X}" y="{y + 5 + i * LINE_HEIGHT}">{escape(line)}</text>')
        body.append("</g>")
        previous, prev_y = years, y
        y += len(lines) * LINE_HEIGHT + 14
    height = y + 4
    span = (f"from {human_date(events[0].when or '')} to {human_date(events[-1].when or '')}"
            if events else "with no events")
    desc = (f"{len(events)} dated facts {span}, earliest at the top. "
            "The same events are listed as text after the figure.")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
            f'width="{WIDTH}" height="{height}" role="img" '
            f'aria-labelledby="{svg_id}-title {svg_id}-desc" font-size="14">'
            f'<title id="{svg_id}-title">{escape(title)}</title>'
            f'<desc id="{svg_id}-desc">{escape(desc)}</desc>'
            f"{_legend()}{''.join(axis)}{''.join(body)}</svg>")
