"""What counts as the same answer: the one rule shared by grading and distractor safety.

A typed answer matches an accepted one when their :func:`~factquiz.normalize.answer_key`
forms are equal (case, spacing and punctuation ignored). For names (``match="fuzzy"``)
small typos are forgiven: the rapidfuzz ``ratio`` of the two keys must be at least
:data:`FUZZY_THRESHOLD` (85 out of 100), the accepted key must have at least
:data:`FUZZY_MIN_LENGTH` (5) characters, and both must contain the same numbers, so
"Kishda" is taken for "Kishida" but "Article 6" is never taken for "Article 5".
Numbers, years and dates (``match="exact"``) must match exactly after normalisation.

Distractors are filtered with the very same rule, so a distractor can never be graded
as correct.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from rapidfuzz import fuzz

from .model import Kind
from .normalize import answer_key, numbers_in

Match = Literal["exact", "fuzzy"]

#: Minimum rapidfuzz ``ratio`` (0-100) between normalised keys for a fuzzy match.
FUZZY_THRESHOLD = 85
#: Accepted answers shorter than this (after normalisation) must match exactly.
FUZZY_MIN_LENGTH = 5
#: Kinds whose answers are matched exactly (numbers, years, dates).
EXACT_KINDS = frozenset({Kind.year, Kind.number, Kind.date})


def match_for(kind: Kind) -> Match:
    """How answers of ``kind`` are compared: exactly for numbers and dates, else fuzzily."""
    return "exact" if kind in EXACT_KINDS else "fuzzy"


def accepts(accepted: Sequence[str], match: Match, response: str) -> bool:
    """Whether ``response`` matches one of ``accepted`` under the ``match`` rule."""
    key = answer_key(response)
    if not key:
        return False
    keys = [answer_key(a) for a in accepted]
    if key in keys:
        return True
    if match != "fuzzy":
        return False
    numbers = numbers_in(key)
    return any(
        len(k) >= FUZZY_MIN_LENGTH
        and numbers_in(k) == numbers
        and fuzz.ratio(key, k) >= FUZZY_THRESHOLD
        for k in keys
    )


def names_same_thing(a: str, b: str) -> bool:
    """Whether one answer's words are all contained in the other's ("Morrison" in
    "Scott Morrison"): such a pair may name the same thing, so neither is a safe
    distractor for the other."""
    words_a, words_b = set(answer_key(a).split()), set(answer_key(b).split())
    if not words_a or not words_b:
        return False
    return words_a <= words_b or words_b <= words_a
