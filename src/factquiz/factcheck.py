"""The fact-check report: per fact, each quote's source and whether the quote is found there.

A deterministic plain-text table, printed by ``notebooks/fact-check.ipynb``. Its stored
output is a contract: nbval re-runs the notebook and fails when any line changes, e.g.
when a source is edited or a quote no longer matches. Matching is
:meth:`factquiz.verify.IndexedSource.find`, the very rule ``factquiz check`` applies;
this module only tabulates.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .load import Project
from .sourceindex import IndexedSource, SourceIndex
from .sources import body_checksum

FOUND, NOT_FOUND, NOT_CITABLE, NO_SOURCE = "found", "NOT FOUND", "NOT CITABLE", "NO SOURCE"


@dataclass(frozen=True)
class QuoteCheck:
    """One evidence quote of one fact, looked up in its source."""

    fact: str
    lesson: str
    source: str
    status: str
    where: str  # "line:col" in the source file of the first citable match, else ""


@dataclass(frozen=True)
class SourceCheck:
    """A source and whether its body still matches its recorded checksum."""

    id: str
    title: str
    published: str
    checksum_ok: bool
    quotes: int


@dataclass(frozen=True)
class FactCheckReport:
    """All sources and all quotes of a project, checked."""

    sources: list[SourceCheck]
    quotes: list[QuoteCheck]
    lessons: dict[str, str]

    @property
    def facts(self) -> int:
        return len({q.fact for q in self.quotes})

    def count(self, status: str) -> int:
        return sum(1 for q in self.quotes if q.status == status)

    def sources_table(self) -> str:
        """One line per source: id, date, checksum, quotes cited, title."""
        rows = [("source", "published", "sha256", "quotes", "title")]
        rows += [(s.id, s.published, "ok" if s.checksum_ok else "MISMATCH", str(s.quotes),
                  s.title) for s in self.sources]
        return _table(rows, right={3})

    def facts_table(self) -> str:
        """Per lesson, per fact: each quote's source, whether it is found, and where."""
        blocks = []
        for lesson, title in self.lessons.items():
            quotes = [q for q in self.quotes if q.lesson == lesson]
            if not quotes:
                continue
            facts = len({q.fact for q in quotes})
            rows = [("fact", "source", "quote", "at line:col")]
            previous = None
            for q in quotes:
                rows.append((q.fact if q.fact != previous else "", q.source, q.status, q.where))
                previous = q.fact
            blocks.append(f"== {lesson}: {title} ({facts} facts, {len(quotes)} quotes)\n"
                          + _table(rows))
        return "\n\n".join(blocks)

    def summary(self) -> str:
        """The closing line: counts of facts, quotes found and problems."""
        bad_sums = sum(1 for s in self.sources if not s.checksum_ok)
        problems = len(self.quotes) - self.count(FOUND) + bad_sums
        verdict = "all quotes found" if problems == 0 else f"{problems} PROBLEM(S)"
        return (f"Summary: {self.facts} facts, {len(self.quotes)} quotes: "
                f"{self.count(FOUND)} found, {self.count(NOT_FOUND)} not found, "
                f"{self.count(NOT_CITABLE)} not citable, {self.count(NO_SOURCE)} without source; "
                f"{len(self.sources)} sources, {len(self.sources) - bad_sums} checksums ok: "
                f"{verdict}.")

    def text(self) -> str:
        return "\n\n".join([self.sources_table(), self.facts_table(), self.summary()])


def _table(rows: list[tuple[str, ...]], right: frozenset[int] | set[int] = frozenset()) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [c.rjust(w) if i in right else c.ljust(w)
                 for i, (c, w) in enumerate(zip(row, widths, strict=True))]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _look_up(indexed: IndexedSource | None, quote: str) -> tuple[str, str]:
    """The status of ``quote`` in its source, and where its first citable match is."""
    if indexed is None:
        return NO_SOURCE, ""
    matches = list(indexed.find(quote))
    citable = next((m for m in matches if m.citable), None)
    if citable is None:
        return (NOT_CITABLE if matches else NOT_FOUND), ""
    line, col = indexed.line_col(citable.start)
    return FOUND, f"{line}:{col}"


def fact_check(project: Project) -> FactCheckReport:
    """Look every evidence quote up in its source (facts in bank order, lessons in book order)."""
    index = SourceIndex.of(project)
    quotes = [QuoteCheck(fact.id, fact.lesson, ev.source, *_look_up(index.get(ev.source), ev.quote))
              for fact in project.facts for ev in fact.evidence]
    cited = Counter(q.source for q in quotes)
    sources = [SourceCheck(s.id, s.meta.title, s.meta.published,
                           body_checksum(s.body) == s.meta.sha256, cited[s.id])
               for s in sorted(project.sources.values(), key=lambda s: s.id)]
    lessons = {lesson.id: lesson.title for lesson in project.lessons.values()}
    for q in quotes:  # facts naming an unknown lesson still get a block
        lessons.setdefault(q.lesson, q.lesson)
    return FactCheckReport(sources=sources, quotes=quotes, lessons=lessons)
