"""Multiple choice: the fact's question, its answer and three safe distractors, shuffled.

Each distractor says why it is wrong (``option_feedback``, see :mod:`factquiz.qtypes.reasons`):
what it is when it is another fact's answer, else what the source gives instead.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

from ...model import Fact, Grade, Question
from ...normalize import answer_key
from ..base import (
    Draft,
    QType,
    choice_answer_text,
    choice_grade,
    choice_responses,
    distractors_for,
    shuffled,
)
from ..reasons import instructor_choice_reasons, wrong_answer
from .instructor import FORM

if TYPE_CHECKING:
    from ...factbank import Bank
    from ...quizmodel import InstructorQuestion

N_DISTRACTORS = 3
#: The instructor-question fields of multiple choice, and of every type an instructor
#: writes as multiple choice.
INSTRUCTOR_FIELDS = frozenset({"choices", "answer", "shuffle"})


def why_not(fact: Fact, bank: Bank) -> str | None:
    """Why ``fact`` cannot yield a multiple-choice question (None when it can)."""
    have = bank.distractor_count(fact)
    if have < N_DISTRACTORS:
        return (f"it has {have} safe distractor(s) and multiple choice needs {N_DISTRACTORS}: "
                f"add `distractors:` of kind {fact.kind.value}")
    return None


def _options(fact: Fact, bank: Bank, rng: random.Random) -> list[str]:
    options = [fact.answer.strip(), *distractors_for(fact, bank, N_DISTRACTORS, rng)]
    rng.shuffle(options)
    return options


def draft(fact: Fact, bank: Bank, rng: random.Random, avoid: frozenset[str] = frozenset(),
          prefer: frozenset[str] = frozenset()) -> Draft:
    """The options :func:`generate` draws with the same arguments, without making the
    question (see ``QType.draft``)."""
    return Draft(tuple(_options(fact, bank, rng)), [fact.question])


def generate(fact: Fact, bank: Bank, rng: random.Random, qid: str,
             avoid: frozenset[str] = frozenset(),
             prefer: frozenset[str] = frozenset()) -> Question:
    """A four-option question; ``answer`` is the index of the correct option."""
    options = _options(fact, bank, rng)
    answer = options.index(fact.answer.strip())
    return Question(id=qid, type="mc", prompt=fact.question, options=options,
                    answer=answer, explanation=fact.statement,
                    option_feedback=["" if i == answer else wrong_answer(fact, option, bank)
                                     for i, option in enumerate(options)],
                    citations=bank.citations(fact), fact_ids=[fact.id])


def grade(question: Question, response: object) -> Grade:
    """Correct when ``response`` is the index of the correct option."""
    return choice_grade(question, response)


def from_instructor(iq: InstructorQuestion, common: dict[str, Any], rng: random.Random,
                    bank: Bank) -> Question:
    """A checked instructor question of this type as a :class:`Question`."""
    options = shuffled([c.strip() for c in iq.choices], rng, iq.shuffle)
    key = answer_key(str(iq.answer))
    question = Question(**common, options=options,
                        answer=next(i for i, c in enumerate(options) if answer_key(c) == key))
    return question.model_copy(
        update={"option_feedback": instructor_choice_reasons(question, bank)})


QTYPE = QType("mc", "multiple choice", generate, grade, why_not, choice_responses,
              choice_answer_text, INSTRUCTOR_FIELDS, from_instructor,
              form=FORM, draft=draft)
