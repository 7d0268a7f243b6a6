"""Numeric: a year or a count typed as a number; exact unless the fact gives a tolerance.

Only facts of kind ``year`` or ``number`` whose answer is a plain number ("1960",
"2,000", "1.5") and whose tolerance is finite yield this type. A response may be an int, a
float or a numeric string; how a string is read and when it is within the tolerance is
specified in :mod:`factquiz.answers` (exact decimal arithmetic, Unicode digits read as
their values; booleans, NaN and infinities are refused).

A wrong number is told how far it is and which way ("2019 is 3 years too late"), and,
when the bank knows it (a distractor, another fact's answer), what it is
(``response_feedback``, see :mod:`factquiz.qtypes.reasons`).
"""

from __future__ import annotations

import math
import random
import re
import unicodedata
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ...answers import MAX_RESPONSE_CHARS, MESSAGES, wrong_with
from ...model import Fact, Grade, Kind, Question
from ...normalize import number_text, plain_number
from ..base import MALFORMED, QType, Responses, describe
from ..reasons import typed_reasons
from .instructor import FORM

if TYPE_CHECKING:
    from ...factbank import Bank
    from ...quizmodel import InstructorQuestion

NUMERIC_KINDS = frozenset({Kind.year, Kind.number})
#: A typed number once its digits are ASCII (the script uses the same pattern).
TYPED = re.compile(r"^[+-]?(?:[0-9]{1,3}(?:[, ][0-9]{3})+|[0-9]+)(?:\.[0-9]+)?$|^[+-]?\.[0-9]+$")


def why_not(fact: Fact, bank: Bank) -> str | None:
    """Why ``fact`` cannot yield a numeric question (None when it can)."""
    if fact.kind not in NUMERIC_KINDS:
        return f"numeric questions are for kinds year and number, not {fact.kind.value}"
    if plain_number(fact.answer) is None:
        return f"the answer '{fact.answer}' is not a plain number"
    if fact.tolerance is not None and not math.isfinite(fact.tolerance):
        return f"the tolerance {fact.tolerance} is not a finite number"
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
    reasons = {number_token(parsed): why for text, why in typed_reasons(fact, bank).items()
               if not isinstance(parsed := parse_number(text[2:]), str)}
    return Question(id=qid, type="numeric", prompt=fact.question, answer=_clean(value),
                    tolerance=fact.tolerance or 0.0, explanation=fact.statement,
                    response_feedback=reasons, unit="year" if fact.kind is Kind.year else "",
                    citations=bank.citations(fact), fact_ids=[fact.id])


def number_token(value: Decimal) -> str:
    """The token of a typed number: ``t|`` and the number in plain digits ("t|2019")."""
    return f"t|{format(value.normalize(), 'f')}"


def how_far(question: Question, value: Decimal) -> str:
    """How far ``value`` is from the answer and which way: "2019 is 3 years too late",
    "55049 is 5049 too high"."""
    gap = value - exact(question.answer)
    size = format(abs(gap).normalize(), "f")
    shown = format(value.normalize(), "f")
    if question.unit == "year":
        years = "year" if abs(gap) == 1 else "years"
        return f"{shown} is {size} {years} too {'late' if gap > 0 else 'early'}."
    return f"{shown} is {size} too {'high' if gap > 0 else 'low'}."


def answer_text(question: Question) -> str:
    """The expected answer: the number, with its accepted error when there is one."""
    tolerance = f" ± {number_text(question.tolerance)}" if question.tolerance else ""
    return number_text(question.answer) + tolerance


def exact(value: float) -> Decimal:
    """``value`` as the decimal it is written as (an int exactly, a float by its repr)."""
    return Decimal(value) if isinstance(value, int) else Decimal(repr(float(value)))


def ascii_digits(text: str) -> str:
    """``text`` in NFKC form with every Unicode decimal digit replaced by its ASCII digit."""
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c
                   for c in unicodedata.normalize("NFKC", text))


def parse_number(response: object) -> Decimal | str:
    """The number in ``response`` as an exact decimal, or a message saying why it is not one."""
    if isinstance(response, bool) or not isinstance(response, (int, float, str)):
        return f"Please type a number (got {describe(response)})."
    if isinstance(response, str):
        text = response.strip()
        if not text:
            return MESSAGES["empty_number"]
        if len(text) > MAX_RESPONSE_CHARS:
            return MESSAGES["too_long_number"]
        plain = ascii_digits(text)
        if not TYPED.match(plain):
            return MESSAGES["not_a_number"].format(text=text[:40])
        return Decimal(plain.replace(",", "").replace(" ", ""))
    if isinstance(response, float) and not math.isfinite(response):
        return MESSAGES["not_finite"]
    if isinstance(response, int) and abs(response) >= 10 ** MAX_RESPONSE_CHARS:
        return "That number is too large."
    return exact(response)


def within(question: Question, value: Decimal) -> bool:
    """Whether ``value`` is within the question's tolerance of its answer (exactly)."""
    answer, tolerance = exact(question.answer), exact(question.tolerance)
    return answer - tolerance <= value <= answer + tolerance


def grade(question: Question, response: object) -> Grade:
    """Correct when the number is within ``tolerance`` of the answer (see factquiz.answers)."""
    expected = answer_text(question)
    value = parse_number(response)
    if isinstance(value, str):
        return Grade(correct=False, message=value, expected=expected)
    if within(question, value):
        return Grade(correct=True, message=MESSAGES["correct"], expected=expected)
    why = " ".join(w for w in (how_far(question, value),
                               question.response_feedback.get(number_token(value), "")) if w)
    message, detail = wrong_with(why)
    return Grade(correct=False, message=message, expected=expected, detail=detail)


def responses(question: Question) -> Responses:
    """Self-test: the answer and the edges of its tolerance are right, just beyond is wrong."""
    answer, tolerance = question.answer, question.tolerance
    return Responses(right=[answer, answer + tolerance, answer - tolerance],
                     wrong=[answer + tolerance + 1, answer - tolerance - 1],
                     malformed=[*MALFORMED, "", "soon", True, float("inf")])


def from_instructor(iq: InstructorQuestion, common: dict[str, Any], rng: random.Random,
                    bank: Bank) -> Question:
    """A checked instructor question of this type as a :class:`Question`."""
    value = float(iq.answer)  # type: ignore[arg-type]
    return Question(**common, answer=int(value) if value.is_integer() else value,
                    tolerance=iq.tolerance)


QTYPE = QType("numeric", "numeric", generate, grade, why_not, responses, answer_text,
              frozenset({"answer", "tolerance"}), from_instructor,
              form=FORM)
