"""Fill in the blank (cloze): the statement with the answer blanked out.

Every occurrence of the answer or an alias in the statement becomes ``_____``. A typed
answer is accepted when it matches the answer or an alias under the rule in
:mod:`factquiz.answers`: case, spacing and punctuation are ignored; names (every kind
except year, number and date) forgive small typos, with a rapidfuzz ``ratio`` of at
least 85 for answers of 5 or more characters and the same numbers; years, numbers and
dates must match exactly.
"""

from __future__ import annotations

import random

from ..answers import accepts, match_for
from ..distractors import Bank
from ..model import Fact, Grade, Question
from .base import BLANK, QType, answer_spans, replace_spans, text_response, with_expected

PREFIX = "Fill in the blank: "


def why_not(fact: Fact, bank: Bank) -> str | None:
    """Why ``fact`` cannot yield a cloze question (None when it can)."""
    if not answer_spans(fact.statement, [fact.answer]):
        return (f"the answer '{fact.answer}' is not written as a phrase in the statement, so "
                "it cannot be blanked: quote the answer in the statement as it is")
    return None


def cloze_text(fact: Fact) -> str:
    """The statement with the answer and its aliases blanked."""
    return replace_spans(fact.statement, answer_spans(fact.statement, fact.accepted),
                         lambda _orig: BLANK)


def generate(fact: Fact, bank: Bank, rng: random.Random, qid: str,
             avoid: frozenset[str] = frozenset(),
             prefer: frozenset[str] = frozenset()) -> Question:
    """The blanked statement; ``accepted`` lists the answer and its aliases."""
    key = ("cloze-text", fact.id)
    if key not in bank.cache or bank.by_id.get(fact.id) is not fact:
        bank.cache[key] = cloze_text(fact)
    return Question(id=qid, type="cloze", prompt=PREFIX + bank.cache[key],
                    accepted=[a.strip() for a in fact.accepted], match=match_for(fact.kind),
                    explanation=fact.statement, citations=bank.citations(fact),
                    fact_ids=[fact.id])


def grade(question: Question, response: object) -> Grade:
    """Correct when the typed text matches an accepted answer (see the module docstring)."""
    expected = question.accepted[0] if question.accepted else ""
    text = text_response(response)
    if not isinstance(text, str):
        return with_expected(text, expected)
    if accepts(question.accepted, question.match, text):
        return Grade(correct=True, message="Correct.", expected=expected)
    return Grade(correct=False, message="Not quite.", expected=expected)


QTYPE = QType("cloze", "fill in the blank", generate, grade, why_not)
