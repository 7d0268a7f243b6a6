"""Text normalisation used to match quotes and answers against sources.

Matching must survive the differences an editor or a copy-paste introduces (Unicode
compatibility forms, curly vs straight quotes, dash variants, runs of whitespace) and
nothing more: case and wording still have to agree.
"""

from __future__ import annotations

import math
import re
import unicodedata

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


def normalize(text: str) -> str:
    """Normalise ``text`` for quote matching (NFKC, quotes, dashes, whitespace)."""
    if text.isascii():  # NFKC and the quote/dash folding leave ASCII as it is
        return " ".join(text.split())
    return normalize_with_map(text)[0]


_RUNS = re.compile(r"(?P<plain>[!-~]+)|(?P<space>\s+)|(?P<other>.)", re.DOTALL)


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """Normalise ``text`` and map each output character back to its input offset.

    The map lets a match found in normalised text be reported at the right line and
    column of the original file, and compared with spans of the original. Runs of
    printable ASCII (almost all text) are copied whole; other characters are folded
    one by one.
    """
    out: list[str] = []
    origin: list[int] = []
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
            origin.append(pending_space)
            pending_space = -1
        out.append(piece)
        if kind == "plain":
            origin.extend(range(start, match.end()))
        else:
            origin.extend([start] * len(piece))
    return "".join(out), origin


def casefold(text: str) -> str:
    """Normalise and case-fold: for answers, which may differ in case from the quote."""
    return normalize(text).casefold()


_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)


def answer_key(text: str) -> str:
    """Canonical form of a typed answer: case, spacing and punctuation ignored."""
    return _SPACE.sub(" ", _PUNCT.sub(" ", casefold(text))).strip()


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def numbers_in(text: str) -> list[str]:
    """The digit sequences in ``text`` (e.g. years, counts), thousands separators removed."""
    return [n.replace(",", "") for n in _NUMBER.findall(normalize(text))]


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
