"""Sources indexed for quote search, and findings located at a fact's fields."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz

from .findings import Finding
from .load import Project
from .model import Fact, Source
from .normalize import OffsetMap, normalize, normalize_with_map

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
        #: The body normalised (the offset map, needed only to place a match in the body,
        #: is made on first use: most quotes are only looked for).
        self.text = normalize(source.body)
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
    def _origin(self) -> OffsetMap:
        """The body offset of each character of :attr:`text`."""
        return normalize_with_map(self.source.body)[1]

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

    def has_citable(self, quote: str) -> bool:
        """Whether ``quote`` (normalised) occurs in a citable part of the body: one
        substring search when the source has no page furniture, :meth:`find` otherwise."""
        if not self.furniture:
            needle = normalize(quote)
            return bool(needle) and needle in self.text
        return any(m.citable for m in self.find(quote))

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


def fact_finding(project: Project, fact: Fact, loc: tuple[str | int, ...], code: str,
                  message: str, hint: str, suggestion: str = "", index: int = 0) -> Finding:
    located = project.fact_locations[fact.id][index]
    line, col = located.at(*loc)
    return Finding(located.path, line, col, code, message, hint, fact.id, suggestion=suggestion)


def link_finding(project: Project, fact: Fact, field: str, i: int, prefix: str,
                 self_message: str, self_hint: str) -> Finding | None:
    """What is wrong with the ``i``-th fact id of ``fact``'s list ``field`` (``because``,
    ``contested_by``) as a link: the fact itself (``<prefix>-self``) or no known fact
    (``<prefix>-unknown``); None when it names another known fact."""
    other_id = getattr(fact, field)[i]
    if other_id == fact.id:
        return fact_finding(project, fact, (field, i), f"{prefix}-self", self_message,
                            self_hint)
    if other_id not in project.facts_by_id:
        return fact_finding(project, fact, (field, i), f"{prefix}-unknown",
                            f"{field} names an unknown fact '{other_id}'",
                            "use the id of a fact in facts/*.yml")
    return None
