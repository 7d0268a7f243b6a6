"""True/false: the fact's statement, or the statement with a distractor in the answer's place.

The false form keeps the statement's wording and replaces each occurrence of the answer
(found as a whole phrase, case-insensitively) with one safe distractor, matching the
case of its first letter, so it reads naturally.
"""

from __future__ import annotations

import random

from ..distractors import Bank, distractors_for
from ..model import Fact, Grade, Question
from .base import QType, answer_spans, choice_grade, replace_spans

OPTIONS = ["True", "False"]


def why_not(fact: Fact, bank: Bank) -> str | None:
    """Why ``fact`` cannot yield a true/false question (None when it can)."""
    if fact.contested_by:
        return (f"its claim is contested by {', '.join(fact.contested_by)}: a contested claim "
                "is never keyed true or false")
    if not answer_spans(fact.statement, [fact.answer]):
        return (f"the answer '{fact.answer}' is not written as a phrase in the statement, so "
                "no false form can be made: quote the answer in the statement as it is")
    if bank.distractor_count(fact) < 1:
        return (f"it has no safe distractor for the false form: add `distractors:` of kind "
                f"{fact.kind.value}")
    return None


def _same_case(original: str, replacement: str) -> str:
    if original[:1].islower() and replacement[:1].isupper() and not replacement[1:2].isupper():
        return replacement[:1].lower() + replacement[1:]
    if original[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def false_statement(fact: Fact, distractor: str,
                    spans: list[tuple[int, int]] | None = None) -> str:
    """The fact's statement with ``distractor`` in place of the answer."""
    if spans is None:
        spans = answer_spans(fact.statement, [fact.answer])
    return replace_spans(fact.statement, spans, lambda orig: _same_case(orig, distractor))


def generate(fact: Fact, bank: Bank, rng: random.Random, qid: str,
             avoid: frozenset[str] = frozenset(),
             prefer: frozenset[str] = frozenset()) -> Question:
    """The true statement or a false one (even odds); ``answer`` 0 is True, 1 is False."""
    if rng.random() < 0.5:
        statement, answer = fact.statement, 0
    else:
        key = ("tf-spans", fact.id)
        if key not in bank.cache or bank.by_id.get(fact.id) is not fact:
            bank.cache[key] = answer_spans(fact.statement, [fact.answer])
        wrong = distractors_for(fact, bank, 1, rng)[0]
        statement, answer = false_statement(fact, wrong, bank.cache[key]), 1
    return Question(id=qid, type="tf", prompt=f"True or false? {statement}", options=list(OPTIONS),
                    answer=answer, explanation=fact.statement, citations=bank.citations(fact),
                    fact_ids=[fact.id])


def grade(question: Question, response: object) -> Grade:
    """Correct when ``response`` is 0 for a true statement or 1 for a false one."""
    return choice_grade(question, response, what="options (0 for True, 1 for False)")


QTYPE = QType("tf", "true/false", generate, grade, why_not)
