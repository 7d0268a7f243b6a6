"""The grading specification: what counts as the same answer, per question type.

This module is the one rule shared by grading (:mod:`factquiz.grade`, the widgets), the
book's self-check quiz (``static/factquiz.js``, which implements the same rules and is run
against the same table of cases, ``tests/grading_cases.json``) and distractor safety.

**Text (cloze).** A typed answer is first reduced to its :func:`~factquiz.normalize.
answer_key`: Unicode NFKC, the quote and dash variants of ``normalize.VARIANTS`` folded,
punctuation to spaces, whitespace runs to one space, case folded. It is correct when its
key equals the key of an accepted answer. An empty key, a response that is not text, and
one longer than :data:`MAX_RESPONSE_CHARS` characters are not graded (a message says why).
For names (``match="fuzzy"``, every kind but year, number and date) one typo is forgiven:
with ``n`` the length of the accepted key, ``m`` that of the typed key (in code points)
and ``L`` the length of their longest common subsequence,

* the accepted key has at least :data:`FUZZY_MIN_LENGTH` (5) characters;
* at most :data:`FUZZY_MAX_EDITS` (1) letter of the accepted key is missing (``n - L``)
  and at most one letter is extra (``m - L``), so one letter missing, one extra, one
  wrong or two swapped;
* the rapidfuzz ``ratio``, the normalised Indel similarity
  ``100 * (1 - (n + m - 2L) / (n + m))``, is at least :data:`FUZZY_THRESHOLD` (85): a
  wrong or swapped letter is therefore forgiven only in keys of 7 or more characters;
* both keys contain the same numbers (:func:`~factquiz.normalize.numbers_in`), so
  "Article 6" is never "Article 5";
* the typed key is not one of the question's ``rejected`` answers: other answers, aliases,
  distractors and words of the bank that fall within the typo rule ("Indian" for "India").

So "Kishda" is taken for "Kishida", but "Austria" and "Australasia" are not taken for
"Australia", nor "Scott Morris" for "Scott Morrison".

**Numbers (numeric).** A typed number is stripped of surrounding whitespace, refused
when empty or longer than :data:`MAX_RESPONSE_CHARS`, put in NFKC form (fullwidth digits
become ASCII) and every other Unicode decimal digit (category Nd, such as "٦٠") is read as
its value; it must then read ``[+-]digits[.digits]`` with optional thousands separators
(``,`` or a space) between groups of three ("55,049", "50 000"). NaN, infinities,
exponents and anything else are refused with a message. The number ``x`` is correct when
``answer - tolerance <= x <= answer + tolerance`` in exact decimal arithmetic (the answer
and tolerance as written), so 60.4 is not 60, 1960.4 is not 1960 and 55,049 is outside
50,000 ± 5,000 while 55,000 is inside. A question never carries a NaN or infinite answer
or tolerance (:class:`factquiz.model.Question` refuses them).

**Choices (mc, tf).** The response is an option index (an int, not a bool) in range; it
is correct when it is the key's index.

**Ordering and matching.** The response is a list of indices of the right length, each in
range (ordering: a permutation); it is correct when it equals the key, and each position
is marked right or wrong.

**Short answer (short).** The student writes a few sentences, is shown the model answer,
its key points and sources, and marks each key point their answer covers; nothing
compares the text with the model answer. The response is ``{"text": ..., "covered":
[bool, ...]}``: the text must be a string that is not blank once stripped and at most
:data:`MAX_SHORT_ANSWER_CHARS` characters long, and ``covered`` a list of exactly one
true/false per key point (else it is not graded, and a message says why). It is correct
when every key point is marked covered, and then counts in the score like any right
answer (first try, right now); otherwise the message says how many were covered.

**Why a wrong answer is wrong.** A graded wrong answer ("Not quite.") says why, in the
grade's ``detail``, from what the bank knows (:mod:`factquiz.qtypes.reasons`): a chosen
wrong option its reason (``option_feedback``: what that option is when it is another
fact's answer, else what the source gives instead, in its words); a typed answer the bank
knows (a distractor, another fact's answer) what it is, and a wrong number how far it is
and which way; each misplaced item of an ordering which way it goes (with its date), each
wrong match which item that answer goes with. The book's page shows the same reason for
what was chosen (a choice, a position's choice, a known wrong text), opened by that
response only, unless it names the key; it cannot say how far a number is (it has no key).

Distractors are filtered with the very same rule, so a distractor can never be graded
as correct.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Literal

from rapidfuzz.distance import Indel

from .messages import MAX_RESPONSE_CHARS as MAX_RESPONSE_CHARS
from .messages import MAX_SHORT_ANSWER_CHARS as MAX_SHORT_ANSWER_CHARS
from .messages import MESSAGES
from .model import Fact, Kind
from .normalize import answer_key, mentions, numbers_in, plain_number

Match = Literal["exact", "fuzzy"]

#: Minimum rapidfuzz ``ratio`` (0-100) between normalised keys for a fuzzy match.
FUZZY_THRESHOLD = 85
#: Accepted answers shorter than this (after normalisation) must match exactly.
FUZZY_MIN_LENGTH = 5
#: Most letters of the accepted key missing, and most letters extra, in a forgiven typo.
FUZZY_MAX_EDITS = 1
#: Kinds whose answers are matched exactly (numbers, years, dates).
EXACT_KINDS = frozenset({Kind.year, Kind.number, Kind.date})


def wrong_with(detail: str) -> tuple[str, str]:
    """``(message, detail)`` of a wrong answer that says more than "Not quite."."""
    return MESSAGES["wrong_detail"].format(detail=detail), detail


def match_for(kind: Kind) -> Match:
    """How answers of ``kind`` are compared: exactly for numbers and dates, else fuzzily."""
    return "exact" if kind in EXACT_KINDS else "fuzzy"


def similarity(distance: int, total: int) -> float:
    """``(1 - distance / total) * 100``: rapidfuzz's normalised Indel similarity, computed
    in the same order as the script does, so the floats agree."""
    return 100.0 if total == 0 else (1 - distance / total) * 100


def ratio(a: str, b: str) -> float:
    """The rapidfuzz ``ratio`` of two keys."""
    return similarity(Indel.distance(a, b), len(a) + len(b))


def typo_of(key: str, accepted_key: str) -> bool:
    """Whether ``key`` is a forgiven typo of ``accepted_key`` (see the module docstring),
    leaving aside the ``rejected`` answers."""
    n, m = len(accepted_key), len(key)
    if n < FUZZY_MIN_LENGTH or abs(n - m) > FUZZY_MAX_EDITS:
        return False
    distance = Indel.distance(key, accepted_key, score_cutoff=2 * FUZZY_MAX_EDITS)
    common = (n + m - distance) // 2
    return (n - common <= FUZZY_MAX_EDITS and m - common <= FUZZY_MAX_EDITS
            and similarity(distance, n + m) >= FUZZY_THRESHOLD
            and numbers_in(key) == numbers_in(accepted_key))


def accepts(accepted: Sequence[str], match: Match, response: str,
            rejected: Iterable[str] = ()) -> bool:
    """Whether ``response`` matches one of ``accepted`` under the ``match`` rule; a fuzzy
    match is never a typo equal to one of ``rejected``."""
    key = answer_key(response)
    if not key:
        return False
    keys = [answer_key(a) for a in accepted]
    if key in keys:
        return True
    if match != "fuzzy" or key in {answer_key(r) for r in rejected}:
        return False
    return any(typo_of(key, k) for k in keys)


def near_misses(accepted: Sequence[str], candidate_keys: Iterable[str]) -> list[str]:
    """The candidate keys (:func:`~factquiz.normalize.answer_key` forms of other answers and
    words of the bank) that the typo rule would take for one of ``accepted``: a question
    lists them as ``rejected``. Words of the accepted answers themselves ("postwar" of
    "postwar development") are kept out."""
    from rapidfuzz import process  # here: grading answers needs none of it

    keys = {answer_key(a) for a in accepted}
    own = {w for k in keys for w in k.split()}
    pool = [key for key in dict.fromkeys(candidate_keys)
            if key and key not in keys and key not in own]
    out = set()
    for k in keys:
        # A typo is at most 2 * FUZZY_MAX_EDITS Indel edits away: rapidfuzz finds those
        # candidates in C, and only they are weighed by the whole rule.
        close = process.extract(k, pool, scorer=Indel.distance, limit=None,
                                score_cutoff=2 * FUZZY_MAX_EDITS)
        out.update(key for key, _distance, _at in close if typo_of(key, k))
    return sorted(out)


def names_same_thing(a: str, b: str) -> bool:
    """Whether one answer's words are all contained in the other's ("Morrison" in
    "Scott Morrison"): such a pair may name the same thing, so neither is a safe
    distractor for the other."""
    words_a, words_b = set(answer_key(a).split()), set(answer_key(b).split())
    if not words_a or not words_b:
        return False
    return words_a <= words_b or words_b <= words_a


_YEAR = re.compile(r"^\d{4}$")


def unsafe_reason(fact: Fact, candidate: str, same_question: Iterable[Fact] = ()) -> str | None:
    """Why ``candidate`` may not be a distractor for ``fact`` (None when it is safe)."""
    key = answer_key(candidate)
    if not key:
        return "it is empty after normalisation"
    match = match_for(fact.kind)
    if accepts(fact.accepted, match, candidate):
        return "it would be accepted as the answer"
    if any(names_same_thing(candidate, a) for a in fact.accepted):
        return "it names the same thing as the answer"
    for other in same_question:
        if other.id != fact.id and (accepts(other.accepted, match_for(other.kind), candidate)
                                    or any(names_same_thing(candidate, a)
                                           for a in other.accepted)):
            return f"it is the answer of fact '{other.id}', which asks the same question"
    if fact.kind is Kind.year and not _YEAR.match(candidate.strip()):
        return "it is not a year (four digits)"
    if fact.kind is Kind.number and plain_number(candidate) is None:
        return "it is not a plain number"
    if fact.kind is Kind.date and len(numbers_in(candidate)) != len(numbers_in(fact.answer)):
        return "it is not a date of the same form as the answer"
    if mentions(fact.statement, candidate) or mentions(fact.question, candidate):
        return "it already appears in the fact's statement or question"
    return None
