"""Verification: does every fact hold against the sources?

Each rule is a small function from the loaded project to findings; ``check`` runs them
all and returns every finding at once. Sources are normalised and indexed once, so the
cost grows with the number of quotes, not quotes times corpus size.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz

from .categories import check_categories
from .duplicates import duplicate_findings
from .findings import Finding
from .load import Project
from .model import Fact, Source
from .normalize import casefold, normalize, normalize_with_map, numbers_in
from .quality import check_quality
from .quizfile import check_quizzes
from .sources import body_checksum
from .stems import check_stems

Rule = Callable[[Project, "SourceIndex"], Iterable[Finding]]
CLOSEST_MAX_CHARS = 400  # of a quote searched for the closest passage


@dataclass(frozen=True)
class QuoteMatch:
    """Where a quote was found: offsets into the original body."""

    start: int
    end: int
    citable: bool


class IndexedSource:
    """A source body normalised once, with its non-citable spans and line table."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.text, self._origin = normalize_with_map(source.body)
        self.furniture: list[tuple[int, int]] = []
        self.missing_furniture: list[str] = []
        for span in source.meta.not_citable:
            start = source.body.find(span.text)
            if start < 0:
                self.missing_furniture.append(span.text)
            while start >= 0:
                self.furniture.append((start, start + len(span.text)))
                start = source.body.find(span.text, start + 1)

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0] + [m.end() for m in re.finditer("\n", self.source.body)]

    def body_offset(self, norm_offset: int) -> int:
        """Offset in the original body of a normalised offset."""
        if not self._origin:
            return 0
        return self._origin[min(norm_offset, len(self._origin) - 1)]

    def line_col(self, body_offset: int) -> tuple[int, int]:
        """1-based line (in the source file) and column of a body offset."""
        row = bisect.bisect_right(self._line_starts, body_offset) - 1
        return self.source.body_line + row, body_offset - self._line_starts[row] + 1

    def _is_citable(self, start: int, end: int) -> bool:
        return not any(start < f_end and f_start < end for f_start, f_end in self.furniture)

    def find(self, quote: str) -> Iterator[QuoteMatch]:
        """Every occurrence of ``quote`` (normalised) in the body."""
        needle = normalize(quote)
        if not needle:
            return
        at = self.text.find(needle)
        while at >= 0:
            start = self.body_offset(at)
            end = self.body_offset(at + len(needle) - 1) + 1
            yield QuoteMatch(start, end, self._is_citable(start, end))
            at = self.text.find(needle, at + 1)

    def closest(self, quote: str) -> tuple[str, int, int] | None:
        """The passage most like ``quote``, with its line and column, for a suggestion."""
        # The search costs the needle's length times the body's: a quote longer than any
        # passage worth suggesting is searched by its start only.
        needle = normalize(quote)[:CLOSEST_MAX_CHARS]
        if not needle or not self.text:
            return None
        found = fuzz.partial_ratio_alignment(needle, self.text, score_cutoff=40)
        if found is None:
            return None
        start, end = found.dest_start, found.dest_end
        while start > 0 and not self.text[start - 1].isspace():
            start -= 1
        while end < len(self.text) and not self.text[end].isspace():
            end += 1
        passage = self.text[start:end].strip()
        line, col = self.line_col(self.body_offset(start))
        return passage, line, col


class SourceIndex(dict[str, IndexedSource]):
    """All sources of a project, each indexed once."""

    @classmethod
    def of(cls, project: Project) -> SourceIndex:
        return cls({sid: IndexedSource(src) for sid, src in project.sources.items()})


def _fact_finding(project: Project, fact: Fact, loc: tuple[str | int, ...], code: str,
                  message: str, hint: str, suggestion: str = "", index: int = 0) -> Finding:
    located = project.fact_locations[fact.id][index]
    line, col = located.at(*loc)
    return Finding(located.path, line, col, code, message, hint, fact.id, suggestion=suggestion)


def check_sources(project: Project, index: SourceIndex) -> Iterator[Finding]:
    """Each body matches its checksum, and each not-citable span is really in the body."""
    for sid, indexed in index.items():
        source = indexed.source
        actual = body_checksum(source.body)
        if actual != source.meta.sha256:
            yield Finding(source.path, source.checksum_line, 9, "checksum-mismatch",
                          f"the body of source '{sid}' no longer matches its sha256 "
                          f"(now {actual[:12]}..., recorded {source.meta.sha256[:12]}...)",
                          f"restore the article's text from {source.meta.origin} exactly; "
                          "sources are never edited", sid)
        for text in indexed.missing_furniture:
            yield Finding(source.path, 1, 1, "not-citable-missing",
                          f"not_citable span is not in the body: {text[:60]!r}",
                          "copy the span exactly from the body, or remove it", sid)


def check_ids_and_references(project: Project, index: SourceIndex) -> Iterator[Finding]:
    """Fact ids are unique; lessons and sources named by facts exist."""
    for fact_id, places in project.fact_locations.items():
        first = places[0]
        for dup in places[1:]:
            line, col = dup.at("id")
            yield Finding(dup.path, line, col, "duplicate-id",
                          f"fact id '{fact_id}' is already used at "
                          f"{first.path}:{first.at('id')[0]}",
                          "give this fact a new, unique id", fact_id)
    for fact in project.facts:
        if fact.lesson not in project.lessons:
            known = ", ".join(sorted(project.lessons)) or "none defined"
            yield _fact_finding(project, fact, ("lesson",), "unknown-lesson",
                                f"unknown lesson '{fact.lesson}'",
                                f"use one of: {known}; or add the lesson to lessons.yml")
        for i, ev in enumerate(fact.evidence):
            if ev.source not in index:
                known = ", ".join(sorted(index)) or "none"
                yield _fact_finding(project, fact, ("evidence", i, "source"), "unknown-source",
                                    f"unknown source '{ev.source}'",
                                    f"use one of: {known}; a new topic needs its source added "
                                    "to sources/ first")


def check_quotes(project: Project, index: SourceIndex) -> Iterator[Finding]:
    """Every evidence quote is found, verbatim after normalisation, in a citable part."""
    for fact in project.facts:
        for i, ev in enumerate(fact.evidence):
            indexed = index.get(ev.source)
            if indexed is None:
                continue
            matches = list(indexed.find(ev.quote))
            loc = ("evidence", i, "quote")
            if not matches:
                near = indexed.closest(ev.quote)
                suggestion = (f'{indexed.source.path}:{near[1]}:{near[2]}: "{near[0]}"'
                              if near else "")
                yield _fact_finding(project, fact, loc, "quote-not-found",
                                    f"quote not found in source '{ev.source}'",
                                    "copy the passage exactly from the source (only quotes, dashes "
                                    "and spacing may differ)", suggestion)
            elif not any(m.citable for m in matches):
                line, _ = indexed.line_col(matches[0].start)
                yield _fact_finding(project, fact, loc, "quote-not-citable",
                                    f"quote comes from page furniture in '{ev.source}' "
                                    f"({indexed.source.path}:{line}), which is not citable",
                                    "cite the article text instead of banners, tweets or footers")


def check_answers(project: Project, index: SourceIndex) -> Iterator[Finding]:
    """Answers are grounded in the quotes and stated by the statement."""
    for fact in project.facts:
        quotes = [casefold(ev.quote) for ev in fact.evidence]
        if fact.derived:
            if not (fact.note and fact.note.strip()):
                yield _fact_finding(project, fact, ("derived",), "derived-without-note",
                                    "derived fact has no note saying how the answer was obtained",
                                    "add `note:` explaining the derivation")
        else:
            if not any(casefold(a) in q for a in fact.accepted for q in quotes):
                yield _fact_finding(project, fact, ("answer",), "answer-not-in-evidence",
                                    f"neither the answer '{fact.answer}' nor an alias appears in "
                                    "any evidence quote",
                                    "extend a quote to include the answer, add the wording the "
                                    "source uses as an alias, or mark the fact `derived: true` "
                                    "with a `note`")
            quote_numbers = {n for ev in fact.evidence for n in numbers_in(ev.quote)}
            for number in numbers_in(fact.answer):
                if number not in quote_numbers:
                    yield _fact_finding(project, fact, ("answer",), "number-not-in-evidence",
                                        f"the number {number} in the answer is in no "
                                        "evidence quote",
                                        "quote the passage that states the number, or mark the "
                                        "fact `derived: true` with a `note`")
        if casefold(fact.answer) not in casefold(fact.statement):
            yield _fact_finding(project, fact, ("statement",), "statement-missing-answer",
                                f"the statement does not contain the answer '{fact.answer}'",
                                "rephrase the statement so that it states the answer in full")


RULES: list[Rule] = [check_sources, check_ids_and_references, check_quotes, check_answers,
                     check_quizzes, duplicate_findings, check_categories, check_stems,
                     check_quality]


def check(project: Project, extra_rules: Iterable[Rule] = ()) -> list[Finding]:
    """Every finding for ``project``: load-time problems first, then each rule's, sorted.

    The claim rules (:mod:`factquiz.verify_claims`) build on this module, so they are
    imported here rather than at the top.
    """
    from .verify_claims import CLAIM_RULES

    index = SourceIndex.of(project)
    found = list(project.findings)
    for rule in [*RULES, *CLAIM_RULES, *extra_rules]:
        found.extend(rule(project, index))
    return sorted(set(found))
