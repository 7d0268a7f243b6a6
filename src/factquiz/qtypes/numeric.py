"""Numeric: a year or a count typed as a number; exact unless the fact gives a tolerance.

Only facts of kind ``year`` or ``number`` whose answer is a plain number ("1960",
"2,000", "1.5") yield this type. A response may be an int, a float or a numeric
string (thousands separators allowed); booleans, NaN and infinities are rejected.
"""

from __future__ import annotations

import math
import random
import re

from ..distractors import Bank, plain_number
from ..model import Fact, Grade, Kind, Question
from .base import MAX_RESPONSE_CHARS, QType, describe

NUMERIC_KINDS = frozenset({Kind.year, Kind.number})
_TYPED = re.compile(r"^[+-]?(?:\d{1,3}(?:[, ]\d{3})+|\d+)(?:\.\d+)?$|^[+-]?\.\d+$")


def why_not(fact: Fact, bank: Bank) -> str | None:
    """Why ``fact`` cannot yield a numeric question (None when it can)."""
    if fact.kind not in NUMERIC_KINDS:
        return f"numeric questions are for kinds year and number, not {fact.kind.value}"
    if plain_number(fact.answer) is None:
        return f"the answer '{fact.answer}' is not a plain number"
    return None


def _clean(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def generate(fact: Fact, bank: Bank, rng: random.Random, qid: str,
             avoid: frozenset[str] = frozenset(),
             prefer: frozenset[str] = frozenset()) -> Question:
    """The fact's question; ``answer`` is the number, ``tolerance`` the accepted error."""
    value = plain_number(fact.answer)
    if value is None:
        raise ValueError(f"fact '{fact.id}': {why_not(fact, bank)}")
    return Question(id=qid, type="numeric", prompt=fact.question, answer=_clean(value),
                    tolerance=fact.tolerance or 0.0, explanation=fact.statement,
                    citations=bank.citations(fact), fact_ids=[fact.id])


def expected_text(question: Question) -> str:
    tol = question.tolerance
    return f"{question.answer} (± {_clean(tol)})" if tol else str(question.answer)


def parse_number(response: object) -> float | str:
    """The number in ``response``, or a message saying why it is not one."""
    if isinstance(response, bool) or not isinstance(response, (int, float, str)):
        return f"Please type a number (got {describe(response)})."
    if isinstance(response, str):
        text = response.strip()
        if not text:
            return "Please type a number."
        if len(text) > MAX_RESPONSE_CHARS:
            return "That answer is too long to be a number."
        if not _TYPED.match(text):
            return f"'{text[:40]}' is not a number: type digits only, such as 1960 or 2.5."
        value = float(text.replace(",", "").replace(" ", ""))
    else:
        try:
            value = float(response)
        except OverflowError:
            return "That number is too large."
    if not math.isfinite(value):
        return "Please type a finite number."
    return value


def grade(question: Question, response: object) -> Grade:
    """Correct when the number is within ``tolerance`` of the answer."""
    expected = expected_text(question)
    value = parse_number(response)
    if isinstance(value, str):
        return Grade(correct=False, message=value, expected=expected)
    if abs(value - float(question.answer)) <= question.tolerance + 1e-9:
        return Grade(correct=True, message="Correct.", expected=expected)
    return Grade(correct=False, message="Not quite.", expected=expected)


QTYPE = QType("numeric", "numeric", generate, grade, why_not)
