"""Text normalisation used to match quotes and answers against sources.

Matching must survive the differences an editor or a copy-paste introduces (Unicode
compatibility forms, curly vs straight quotes, dash variants, runs of whitespace) and
nothing more: case and wording still have to agree.
"""

from __future__ import annotations

import math
import re
import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from typing import overload

#: Typographic variants, by the ASCII character they are folded to.
VARIANTS: dict[str, str] = {
    "'": "\u2018\u2019\u201a\u201b\u2032\u00b4",
    '"': "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb",
    "-": "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d",
}
_TRANSLATE = str.maketrans({v: plain for plain, variants in VARIANTS.items() for v in variants})
_SPACE = re.compile(r"\s+")


def _fold_char(ch: str) -> str:
    """Normalise one character (NFKC, then quotes and dashes)."""
    out = unicodedata.normalize("NFKC", ch).translate(_TRANSLATE)
    # Zero-width and format characters carry no text.
    return "".join(c for c in out if unicodedata.category(c) != "Cf")


@lru_cache(maxsize=4096)
def _fold_other(ch: str) -> str:
    """:func:`_fold_char` of a character that is neither printable ASCII nor whitespace,
    without the whitespace its folding may hold (as :func:`normalize_with_map` folds it)."""
    return "".join(c for c in _fold_char(ch) if not c.isspace())


_OTHER = re.compile(r"[^!-~\s]")


def _fold_match(match: re.Match[str]) -> str:
    return _fold_other(match.group())


def normalize(text: str) -> str:
    """Normalise ``text`` for quote matching (NFKC, quotes, dashes, whitespace).

    The same text as :func:`normalize_with_map`'s, without building the offset map: each
    character that is neither printable ASCII nor whitespace is folded on its own (a
    memo per character), then whitespace runs become one space."""
    if text.isascii():  # NFKC and the quote/dash folding leave ASCII as it is
        return " ".join(text.split())
    return " ".join(_OTHER.sub(_fold_match, text).split())


_RUNS = re.compile(r"(?P<plain>[!-~]+)|(?P<space>\s+)|(?P<other>.)", re.DOTALL)
_WIDE_SPACE = re.compile(r"\s\s+")


class OffsetMap(Sequence[int]):
    """The input offset of each output character of :func:`normalize_with_map`, kept as
    runs (output start, input start, step 1 for copied text or 0 for a folded character
    or a space) in compact arrays: a few numbers per paragraph or folded character instead
    of one Python int per character, so a large corpus of sources fits in memory."""

    __slots__ = ("_in", "_len", "_out", "_step")

    def __init__(self) -> None:
        self._out = array("q")
        self._in = array("q")
        self._step = array("b")
        self._len = 0

    @classmethod
    def of_ascii(cls, text: str) -> OffsetMap:
        """The map of ASCII ``text`` normalised by :func:`normalize`: one run per stretch
        between runs of two or more whitespace characters (where a single whitespace
        character becomes a space, each output character is its input one), so a source
        costs a few numbers per paragraph, not per word."""
        origin = cls()
        start = len(text) - len(text.lstrip())
        end = len(text.rstrip())
        if start >= end:
            return origin
        for gap in _WIDE_SPACE.finditer(text, start, end):
            # The stretch, with the first character of the gap as its one space.
            origin.add(start, gap.start() + 1 - start, 1)
            start = gap.end()
        origin.add(start, end - start, 1)
        return origin

    def add(self, in_start: int, length: int, step: int) -> None:
        """Append ``length`` output characters starting at input ``in_start``."""
        self._out.append(self._len)
        self._in.append(in_start)
        self._step.append(step)
        self._len += length

    def __len__(self) -> int:
        return self._len

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> list[int]: ...

    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._len))]
        if index < 0:
            index += self._len
        if not 0 <= index < self._len:
            raise IndexError("offset map index out of range")
        run = bisect_right(self._out, index) - 1
        return self._in[run] + (index - self._out[run]) * self._step[run]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return len(self) == len(other) and list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]


def normalize_with_map(text: str) -> tuple[str, OffsetMap]:
    """Normalise ``text`` and map each output character back to its input offset.

    The map lets a match found in normalised text be reported at the right line and
    column of the original file, and compared with spans of the original. ASCII text
    (almost every source) only has its whitespace runs collapsed; otherwise runs of
    printable ASCII are copied whole and other characters are folded one by one.
    """
    if text.isascii():
        return " ".join(text.split()), OffsetMap.of_ascii(text)
    origin = OffsetMap()
    out: list[str] = []
    pending_space = -1
    for match in _RUNS.finditer(text):
        kind = match.lastgroup
        start = match.start()
        if kind == "space":
            if out and pending_space < 0:
                pending_space = start
            continue
        piece = match.group() if kind == "plain" else _fold_char(match.group())
        if kind == "other":
            piece = "".join(c for c in piece if not c.isspace())
            if not piece:
                continue
        if pending_space >= 0:
            out.append(" ")
            origin.add(pending_space, 1, 0)
            pending_space = -1
        out.append(piece)
        origin.add(start, len(piece), 1 if kind == "plain" else 0)
    return "".join(out), origin


def casefold(text: str) -> str:
    """Normalise and case-fold: for answers, which may differ in case from the quote."""
    if text.isascii():  # normalize's own first case, without the call (a check makes many)
        return " ".join(text.split()).casefold()
    return normalize(text).casefold()


_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)


@lru_cache(maxsize=1 << 16)
def answer_key(text: str) -> str:
    """Canonical form of a typed answer: case, spacing and punctuation ignored.

    Memoised: quiz planning asks for the keys of the same few thousand strings many
    times over.
    """
    if text.isascii():
        return " ".join(_ascii_key_text(text).split())
    return _SPACE.sub(" ", _PUNCT.sub(" ", casefold(text))).strip()


#: For ASCII text, what :func:`answer_key` makes of each character: case-folded, or a
#: space where ``_PUNCT`` takes it out (a byte table, applied in one C call).
_ASCII_KEY = bytes(32 if _PUNCT.match(chr(c)) else ord(chr(c).casefold())
                   for c in range(128)) + bytes(range(128, 256))


def _ascii_key_text(text: str) -> str:
    """ASCII ``text`` case-folded with punctuation made spaces (spacing left as it is)."""
    return text.encode("ascii").translate(_ASCII_KEY).decode("ascii")


def answer_words(text: str) -> list[str]:
    """The words of :func:`answer_key` ``(text)`` (computed without the memo, for text
    scanned once)."""
    if text.isascii():
        return _ascii_key_text(text).split()
    return _PUNCT.sub(" ", casefold(text)).split()


def mentions(text: str, answer: str) -> bool:
    """Whether ``answer`` appears in ``text`` as whole words, with case, spacing and
    punctuation ignored (both compared as :func:`answer_key` forms, which are words
    separated by single spaces, so no pattern needs compiling)."""
    return f" {answer_key(answer)} " in f" {answer_key(text)} "


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def numbers_in(text: str) -> list[str]:
    """The digit sequences in ``text`` (e.g. years, counts), thousands separators removed."""
    # Spacing is no part of a number: ASCII text is searched as it is.
    found = _NUMBER.findall(text if text.isascii() else normalize(text))
    return [n.replace(",", "") for n in found] if found else found


_PLAIN_NUMBER = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^[+-]?\d+(?:\.\d+)?$")


def plain_number(text: str) -> float | None:
    """The value of ``text`` when it is a plain number ("1960", "2,000", "1.5"), else None."""
    text = text.strip()
    if not _PLAIN_NUMBER.match(text):
        return None
    return float(text.replace(",", ""))


def number_text(value: float | int) -> str:
    """A number without a useless ``.0`` (``1960`` not ``1960.0``)."""
    number = float(value)
    if math.isfinite(number) and number.is_integer():
        return str(int(number))
    return repr(number)


def sentence_text(text: str) -> str:
    """``text`` (a lesson page) as :func:`has_sentence` searches it: its answer key
    between spaces."""
    return f" {answer_key(text)} "


def has_sentence(page: str | None, sentence: str) -> bool:
    """Whether ``sentence`` is, word for word (as answer keys), in ``page``, a
    :func:`sentence_text` (False when there is no page)."""
    return bool(page) and f" {answer_key(sentence)} " in page  # type: ignore[operator]
