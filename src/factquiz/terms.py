"""Key terms of a text: its content words, and crude stems to compare them by.

Shared by the claim rules (does a quote carry the statement's terms?) and the
source-aware question types (which passages are on a claim's topic?).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .normalize import casefold

#: Words that carry no claim of their own.
STOPWORDS = frozenset(re.findall(r"\S+", """
a about above after again against all also am an and any are as at be been before being
both but by can could did do does during each few for from further had has have having he
her here hers him his how i if in into is it its itself just more most much no nor not of
off on once only or other our out over own same she should so some such than that the their
them then there these they this those through to too under until up very was we were what
when where which while who whom why will with would you your said says say one two also
country countries nation nations both each other another first new
"""))
#: Spellings the lessons use for the sources' (mostly American) ones.
SPELLINGS = {"defence": "defense", "organisation": "organization", "militarisation":
             "militarization", "recognise": "recognize", "programme": "program"}
_WORD = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=65536)
def word_form(word: str) -> str:
    """A word compared as itself: British spelling folded, a plural 's' dropped."""
    word = SPELLINGS.get(word, word)
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude stem: :func:`word_form`'s first five letters ("agreed" and "agreement",
    "signs" and "signed" share one)."""
    return word_form(word)[:5]


def word_forms(texts: list[str]) -> set[str]:
    """The :func:`word_form` of every content word of ``texts`` (stricter than
    :func:`stems`: "Pacific" and "pacifist" differ)."""
    return {word_form(w) for text in texts for w in key_terms(text)}


#: For ASCII text: each letter case-folded, each digit kept, anything else a space, so
#: that splitting gives the words :data:`_WORD` finds (a byte table, one C call).
_ASCII_WORDS = bytes(c if chr(c).isdigit() or chr(c).islower() else
                     ord(chr(c).casefold()) if chr(c).isupper() else 32
                     for c in range(128)) + bytes(range(128, 256))


def words(text: str) -> list[str]:
    """Every word of ``text``, casefolded, repeats kept (:func:`content_stem` tells the
    content words). ASCII text is only case-folded (normalising its spacing would not
    change its words), in one table lookup a character."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_WORDS).decode("ascii").split()
    return _WORD.findall(casefold(text))


class _ContentStems(dict[str, str]):
    """Each word's :func:`stem` when it is a content word (longer than two letters, no
    stopword), else "": one dict lookup a word instead of three tests and a call (a
    check at scale looks words up millions of times). Emptied when it grows large."""

    def __missing__(self, word: str) -> str:
        if len(self) >= 1 << 17:
            self.clear()
        found = self[word] = stem(word) if len(word) > 2 and word not in STOPWORDS else ""
        return found


#: The stem of a word of :func:`words` if it is a content word, else "".
content_stem = _ContentStems().__getitem__


def _content_words(text: str) -> list[str]:
    """The content words of ``text`` (casefolded, no stopwords), repeats kept."""
    return [w for w in words(text) if content_stem(w)]


def key_terms(text: str) -> list[str]:
    """The content words of ``text`` (casefolded, no stopwords), in order, once each."""
    return list(dict.fromkeys(_content_words(text)))


def stems(texts: list[str]) -> set[str]:
    """The stems of the content words of ``texts``."""
    found: set[str] = set()
    for text in texts:
        found.update(map(content_stem, words(text)))
    found.discard("")
    return found
