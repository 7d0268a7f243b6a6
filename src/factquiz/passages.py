"""A source's citable passages: its article text split into whole sentences.

The question types that show passages of the sources (see ``qtypes/evidence``) need
whole sentences, never page furniture. A source body is split

* into blocks at line breaks and around its ``not_citable`` spans (banners, bylines,
  tweets, footers), which are dropped;
* blocks that are headings (no closing punctuation: headlines, section titles) are
  dropped, and a leading dateline ("ANKARA (AA) –", "TOKYO —") is cut off;
* each block into sentences at ``.``, ``!`` or ``?`` (with any closing quotes) followed
  by a space and a capital, a digit or an opening quote, except after an abbreviation
  ("Mr.", "U.S.") and inside an open double quotation (a quoted speech of several
  sentences stays one passage with its attribution, up to :data:`MAX_QUOTED_CHARS`);
* fragments shorter than :data:`MIN_WORDS` words are dropped.

Offsets are into the original body, so a quote found by
:class:`~factquiz.sourceindex.IndexedSource` maps to the passages it lies in.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

from .model import Source
from .sourceindex import IndexedSource

#: Sentences before a quote's own that may name whom it is by ("..., he said." follows
#: "Mr Wakefield said ...").
ATTRIBUTION_WINDOW = 2
#: Fewer words than this make a fragment, not a passage.
MIN_WORDS = 6
#: A quotation longer than this is split at its own sentence ends.
MAX_QUOTED_CHARS = 400
#: Words that end with a full stop without ending a sentence.
ABBREVIATIONS = frozenset(re.findall(r"\S+", """
mr mrs ms dr prof st sen gen gov rep lt col capt sgt jr sr no nos vs etc e.g i.e inc ltd
co corp dept est fig jan feb mar apr jun jul aug sep sept oct nov dec
"""))

_BOUNDARY = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(\s+)")
_STARTS_SENTENCE = re.compile(r"[A-Z0-9\"\u201c\u2018'(]")
_HEADING_END = re.compile(r"[.!?:;][\"'\u201d\u2019)\]]*$")
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]*[A-Z](?:\s*\([A-Z]+\))?\s*[\u2013\u2014-]\s+")
_WORD_BEFORE = re.compile(r"(\S+)$")
_INITIALS = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]?$")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Passage:
    """One citable passage of a source: body offsets and its text as shown."""

    source_id: str
    start: int
    end: int
    text: str


def _blocks(body: str, furniture: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of ``body`` between line breaks and furniture spans."""
    cuts = sorted(furniture)
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", body):
        start = line.start()
        for f_start, f_end in cuts:
            if f_end <= start or f_start >= line.end():
                continue
            if f_start > start:
                spans.append((start, f_start))
            start = max(start, f_end)
        if start < line.end():
            spans.append((start, line.end()))
    return spans


def _strip(body: str, start: int, end: int) -> tuple[int, int]:
    """``start, end`` without surrounding whitespace."""
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return start, end


def _is_abbreviation(text: str) -> bool:
    """Whether the word before a full stop at the end of ``text`` abbreviates."""
    found = _WORD_BEFORE.search(text)
    if found is None:
        return False
    word = found.group(1).lstrip("(\"'\u201c\u2018")
    return word.rstrip(".").casefold() in ABBREVIATIONS or bool(_INITIALS.match(word))


def _open_quote(text: str) -> bool:
    """Whether ``text`` leaves a double quotation open (curly quotes paired, straight
    ones counted)."""
    depth = 0
    for ch in text:
        if ch == "\u201c":
            depth += 1
        elif ch == "\u201d":
            depth = max(depth - 1, 0)
    return depth > 0 or text.count('"') % 2 == 1


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of one block of running text (see the module's rules)."""
    spans, start = [], 0
    for match in _BOUNDARY.finditer(text):
        end, after = match.start(1), match.end(1)
        if after >= len(text) or not _STARTS_SENTENCE.match(text[after]):
            continue
        sentence = text[start:end]
        if sentence.rstrip("\"'\u201d\u2019)]").endswith(".") and _is_abbreviation(
                sentence.rstrip("\"'\u201d\u2019)]")):
            continue
        if _open_quote(sentence) and len(sentence) < MAX_QUOTED_CHARS:
            continue
        spans.append((start, end))
        start = after
    if start < len(text):
        spans.append((start, len(text.rstrip())))
    return [s for s in spans if s[0] < s[1]]


def split_passages(source: Source, furniture: list[tuple[int, int]]) -> list[Passage]:
    """The citable passages of ``source``, whose furniture spans (body offsets) are given."""
    body = source.body
    title = _SPACE.sub(" ", source.meta.title).strip().casefold()
    found: list[Passage] = []
    for block_start, block_end in _blocks(body, furniture):
        start, end = _strip(body, block_start, block_end)
        block = body[start:end]
        if not _HEADING_END.search(block) or _SPACE.sub(" ", block).casefold() == title:
            continue  # a headline or section heading
        dateline = _DATELINE.match(block)
        if dateline:
            start += dateline.end()
            block = body[start:end]
        for s_start, s_end in split_sentences(block):
            text = _SPACE.sub(" ", block[s_start:s_end]).strip()
            if len(text.split()) >= MIN_WORDS:
                found.append(Passage(source.id, start + s_start, start + s_end, text))
    return found


class SourcePassages:
    """A source's passages with its quote index: which passages hold a quote."""

    def __init__(self, indexed: IndexedSource) -> None:
        self.indexed = indexed
        self.source = indexed.source
        self.passages = split_passages(indexed.source, indexed.furniture)

    @cached_property
    def _starts(self) -> list[int]:
        return [p.start for p in self.passages]

    def covering(self, start: int, end: int) -> list[Passage]:
        """The passages overlapping the body span ``start:end``, in order."""
        first = max(bisect.bisect_right(self._starts, start) - 1, 0)
        return [p for p in self.passages[first:] if p.start < end and start < p.end
                ] if self.passages else []

    def holding(self, quote: str) -> list[Passage]:
        """The passage holding a citable occurrence of ``quote``: a quote spanning several
        sentences gives one passage joining them. Empty when the quote is not found or
        lies outside the passages (furniture, a heading)."""
        for match in self.indexed.find(quote):
            if not match.citable:
                continue
            parts = self.covering(match.start, match.end)
            if parts and parts[0].start <= match.start and parts[-1].end >= match.end:
                return [join(parts)]
        return []

    def mentions_quote(self, passage: Passage, quotes: list[str]) -> bool:
        """Whether any of ``quotes`` overlaps ``passage``."""
        return any(m.start < passage.end and passage.start < m.end
                   for quote in quotes for m in self.indexed.find(quote))

    def attributed(self, quote: str) -> list[Passage]:
        """The passage holding ``quote`` and the :data:`ATTRIBUTION_WINDOW` before it: where
        a claim's speaker is named (empty when the quote is not found)."""
        found = []
        for held in self.holding(quote):
            at = bisect.bisect_left(self._starts, held.start)
            found += [*self.passages[max(at - ATTRIBUTION_WINDOW, 0):at], held]
        return found


def join(parts: list[Passage]) -> Passage:
    """One passage from consecutive passages of a source."""
    if len(parts) == 1:
        return parts[0]
    return Passage(parts[0].source_id, parts[0].start, parts[-1].end,
                   " ".join(p.text for p in parts))
