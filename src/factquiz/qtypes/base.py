"""Shared pieces of the question types: the type record, text spans, response checks.

Grading never raises for a student's input: each helper returns either the parsed
response or a :class:`~factquiz.model.Grade` saying what was wrong with it.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol

from ..answers import MAX_RESPONSE_CHARS, MESSAGES, wrong_with
from ..model import Fact, Grade, Level, Question
from ..normalize import VARIANTS
from .instructor import InstructorForm

if TYPE_CHECKING:
    from ..factbank import Bank
    from ..quizmodel import InstructorQuestion

BLANK = "_____"


class Generator(Protocol):
    """``generate(fact, bank, rng, qid, avoid, prefer)``: one question anchored on ``fact``.

    Types that draw on several facts take partners from ``prefer`` (the quiz's facts)
    first, and from ``avoid`` (facts other questions of the quiz ask about) last.
    """

    def __call__(self, fact: Fact, bank: Bank, rng: random.Random, qid: str,
                 avoid: frozenset[str] = ..., prefer: frozenset[str] = ...) -> Question: ...


@dataclass(frozen=True)
class Responses:
    """A question's self-test: responses its grader must accept, reject, and reject with
    a message saying what was expected (malformed input)."""

    right: list[object]
    wrong: list[object]
    malformed: list[object]


#: Responses no type accepts: nothing, the wrong shapes, a non-value.
MALFORMED: list[object] = [None, {}, object(), float("nan")]


@dataclass(frozen=True)
class QType:
    """A question type: how to generate, grade, and whether a fact can yield it, and
    the self-test responses that show its grader works (:class:`Responses`)."""

    name: str
    title: str
    generate: Generator
    grade: Callable[[Question, object], Grade]
    why_not: Callable[[Fact, Bank], str | None]
    responses: Callable[[Question], Responses]
    #: The expected answer in words: the one text graders, exports and previews show.
    answer_text: Callable[[Question], str]
    #: The instructor-question fields (see ``quizmodel.InstructorQuestion``) this type uses.
    instructor_fields: frozenset[str]
    #: A checked instructor question of this type as a :class:`Question`, given the fields
    #: every type shares (``common``), options shuffled by ``rng``.
    from_instructor: FromInstructor
    facts_needed: int = 1
    #: How ``factquiz add question`` asks for and reads its fields (see
    #: :mod:`factquiz.qtypes.instructor`); None: the command cannot write this type.
    form: InstructorForm | None = None
    #: What its generated questions ask of the student (an instructor question may say more).
    level: Level = Level.recall
    #: A type of the same shape whose form the export formats give this type's questions
    #: (cause and what-changed questions go out as multiple choice); None: its own.
    exports_as: str | None = None
    #: Written by instructors only (``why_not`` refuses every fact): a quiz without a
    #: ``mix`` gives it no generated questions.
    instructor_only: bool = False
    #: What ``generate`` draws at random, without making the question (see :class:`Draft`):
    #: the planner tries many seeded candidates and keeps the questions it made by their
    #: draws (None: every candidate is made).
    draft: Drafter | None = None
    #: ``hopeless(fact, bank, answers, telling, avoid)``: whether every question
    #: ``generate`` can make from ``fact`` with ``avoid`` shows one of ``answers`` or tells
    #: one of ``telling`` in its feedback (padded answer keys, see
    #: :class:`~factquiz.assembly.Traits`): the planner then draws none (None: it draws).
    hopeless: Hopeless | None = None


@dataclass(frozen=True)
class Draft:
    """What ``generate(fact, bank, rng, qid, avoid, prefer)`` draws: ``key`` is hashable and
    determines the question (for one fact and ``qid``: two calls drawing equal keys make
    equal questions); ``shown`` is the :func:`~factquiz.assembly.shown_texts` of it."""

    key: Hashable
    shown: list[str]


class Drafter(Protocol):
    """``draft(fact, bank, rng, avoid, prefer)``: the :class:`Draft` of the question
    ``generate`` makes with the same arguments (and ``rng`` in the same state)."""

    def __call__(self, fact: Fact, bank: Bank, rng: random.Random,
                 avoid: frozenset[str] = ..., prefer: frozenset[str] = ...) -> Draft: ...


Hopeless = Callable[["Fact", "Bank", frozenset[str], frozenset[str], frozenset[str]], bool]


class FromInstructor(Protocol):
    """``from_instructor(iq, common, rng, bank)``: an instructor question as a Question."""

    def __call__(self, iq: InstructorQuestion, common: dict[str, Any], rng: random.Random,
                 bank: Bank) -> Question: ...


def source_name(fact: Fact, bank: Bank) -> str:
    """How feedback names the source of ``fact``: the short name of its first source whose
    date is stated (else of its first source)."""
    known = [bank.sources[ev.source] for ev in fact.evidence if ev.source in bank.sources]
    stated = [s for s in known if not s.meta.date_is_inferred]
    for source in (*stated, *known):
        return source.meta.short_name or source.id
    return fact.evidence[0].source


def shuffled(items: list[str], rng: random.Random, shuffle: bool) -> list[str]:
    """``items`` in an order drawn by ``rng`` (as given when ``shuffle`` is off)."""
    return rng.sample(items, len(items)) if shuffle else list(items)


def choice_answer_text(question: Question) -> str:
    """The expected answer of a single-choice question (mc and tf): its correct option."""
    return question.options[question.answer]


def choice_responses(question: Question) -> Responses:
    """Self-test of a single-choice question (mc and tf): each other option is wrong."""
    n = len(question.options)
    return Responses(right=[question.answer],
                     wrong=[i for i in range(n) if i != question.answer],
                     malformed=[*MALFORMED, n, -1, "0", True])


def permutation_responses(question: Question) -> Responses:
    """Self-test of a question answered by a list of indices (ordering, matching): every
    rotation of the key is wrong."""
    key = list(question.answer)
    rotations = [key[i:] + key[:i] for i in range(1, len(key))]
    return Responses(right=[key], wrong=[r for r in rotations if r != key],
                     malformed=[*MALFORMED, key[:-1], [*key, 0], "0", [None] * len(key)])


#: Each quote or dash character -> a regex class of all its variants (see normalize.VARIANTS).
_VARIANT_CLASS = {
    ch: "[" + re.escape(plain + variants) + "]"
    for plain, variants in VARIANTS.items()
    for ch in plain + variants
}


@lru_cache(maxsize=4096)
def span_pattern(answer: str) -> re.Pattern[str]:
    """A case-insensitive pattern finding ``answer`` as a whole phrase in a statement,
    tolerant of quote and dash variants and of line breaks between words."""
    parts = []
    for ch in answer.strip():
        if ch.isspace():
            if not parts or parts[-1] != r"\s+":
                parts.append(r"\s+")
        elif ch in _VARIANT_CLASS:
            parts.append(_VARIANT_CLASS[ch])
        else:
            parts.append(re.escape(ch))
    body = "".join(parts)
    left = r"(?<!\w)" if answer.strip()[:1].isalnum() else ""
    right = r"(?!\w)" if answer.strip()[-1:].isalnum() else ""
    return re.compile(left + body + right, re.IGNORECASE)


def answer_spans(text: str, answers: list[str]) -> list[tuple[int, int]]:
    """Non-overlapping spans of ``text`` where any of ``answers`` occurs (longest first)."""
    spans: list[tuple[int, int]] = []
    for answer in sorted({a for a in answers if a.strip()}, key=len, reverse=True):
        for m in span_pattern(answer).finditer(text):
            if not any(m.start() < e and s < m.end() for s, e in spans):
                spans.append((m.start(), m.end()))
    return sorted(spans)


def replace_spans(text: str, spans: list[tuple[int, int]], make: Callable[[str], str]) -> str:
    """``text`` with each span replaced by ``make(original span text)``."""
    out, last = [], 0
    for start, end in spans:
        out.append(text[last:start])
        out.append(make(text[start:end]))
        last = end
    out.append(text[last:])
    return "".join(out)


def describe(response: object) -> str:
    """A short, safe description of a response's type for a message."""
    return type(response).__name__


def text_response(response: object) -> str | Grade:
    """The response as text, or a Grade explaining why it cannot be graded."""
    if not isinstance(response, str):
        return Grade(correct=False, expected="",
                     message=f"Please type your answer as text (got {describe(response)}).")
    if not response.strip():
        return Grade(correct=False, expected="", message=MESSAGES["empty"])
    if len(response) > MAX_RESPONSE_CHARS:
        return Grade(correct=False, expected="", message=MESSAGES["too_long"])
    return response


def is_int(value: object) -> bool:
    """A true integer (bool is not one here)."""
    return isinstance(value, int) and not isinstance(value, bool)


def index_response(response: object, n: int, what: str) -> int | Grade:
    """An option index in ``range(n)``, or a Grade explaining the problem."""
    if not is_int(response):
        return Grade(correct=False, expected="",
                     message=f"Please choose one of the {n} {what} (got {describe(response)}).")
    assert isinstance(response, int)
    if not 0 <= response < n:
        return Grade(correct=False, expected="",
                     message=f"Please choose one of the {n} {what}: {response} is not one.")
    return response


def index_list_response(response: object, length: int, n: int,
                        what: str) -> list[int] | Grade:
    """A list of ``length`` indices, each in ``range(n)``, or a Grade explaining the problem."""
    if not isinstance(response, (list, tuple)):
        return Grade(correct=False, expected="",
                     message=f"Please give a list of {length} {what} (got {describe(response)}).")
    if len(response) != length:
        return Grade(correct=False, expected="",
                     message=f"Please give exactly {length} {what} (got {len(response)}).")
    if not all(is_int(x) and 0 <= x < n for x in response):
        return Grade(correct=False, expected="",
                     message=f"Each of the {what} must be a whole number from 0 to {n - 1}.")
    return list(response)


def with_expected(grade: Grade, expected: str) -> Grade:
    """``grade`` with its ``expected`` field filled in."""
    return Grade(correct=grade.correct, message=grade.message, expected=expected)


def option_feedback(question: Question, index: int) -> str:
    """Why option ``index`` of a choice question is wrong ('' for the key, or none given)."""
    return question.option_feedback[index] if index < len(question.option_feedback) else ""


def choice_grade(question: Question, response: object, what: str = "options") -> Grade:
    """Grade a single-choice response (mc, tf and the types shaped like them). A wrong
    choice with an ``option_feedback`` says why it is wrong (in ``detail``)."""
    expected = choice_answer_text(question)
    index = index_response(response, len(question.options), what)
    if isinstance(index, Grade):
        return with_expected(index, expected)
    if index == question.answer:
        return Grade(correct=True, message=MESSAGES["correct"], expected=expected)
    why = option_feedback(question, index)
    if why:
        message, detail = wrong_with(why)
        return Grade(correct=False, message=message, expected=expected, detail=detail)
    return Grade(correct=False, message=MESSAGES["wrong"], expected=expected)


def has_compatible_pair(candidates: list[Fact], compatible: Callable[[Fact, Fact], bool]) -> bool:
    """Whether two of ``candidates`` can stand together in one question."""
    return any(compatible(a, b) for i, a in enumerate(candidates) for b in candidates[i + 1:])


def pick_group(anchor: Fact, candidates: list[Fact], rng: random.Random, size: int,
               compatible: Callable[[Fact, Fact], bool],
               rank: Callable[[Fact], tuple[bool, ...]]) -> list[Fact]:
    """``anchor`` and up to ``size - 1`` partners, pairwise compatible, at least 3 in all.

    ``candidates`` are already compatible with ``anchor``; they are shuffled, then
    stably sorted by ``rank`` (lower first), then taken greedily. A partner whose rank
    starts with True (one to avoid) is taken only while the group has fewer than 3.
    """
    order = rng.sample(candidates, len(candidates))
    order.sort(key=rank)
    chosen = [anchor]
    for cand in order:
        if len(chosen) == size or (len(chosen) >= 3 and rank(cand)[:1] == (True,)):
            break
        if all(compatible(cand, other) for other in chosen[1:]):
            chosen.append(cand)
    if len(chosen) >= 3:
        return chosen
    for i, first in enumerate(order):
        for second in order[i + 1:]:
            if compatible(first, second):
                return [anchor, first, second]
    raise ValueError(f"fact '{anchor.id}' has no two compatible partners")


def partner_rank(anchor: Fact, avoid: frozenset[str], prefer: frozenset[str],
                 avoid_first: bool) -> Callable[[Fact], tuple[bool, ...]]:
    """Sort key for partners: preferred (else same-lesson) facts first, avoided ones last
    (or, with ``avoid_first``, avoidance before preference)."""
    def rank(fact: Fact) -> tuple[bool, ...]:
        outside = fact.id not in prefer if prefer else fact.lesson != anchor.lesson
        used = fact.id in avoid
        return (used, outside) if avoid_first else (outside, used)
    return rank


def distractors_for(fact: Fact, bank: Bank, n: int, rng: random.Random) -> list[str]:
    """:func:`factquiz.distractors.distractors_for`, imported only when a question is
    generated, so that showing or grading a question already made (a notebook quiz from
    the cache) loads neither the fact bank's machinery nor the project loader."""
    from ..distractors import distractors_for as draw

    return draw(fact, bank, n, rng)
