"""Short answer with a model answer: instructor-written, self-assessed by key points.

The student writes a few sentences, then sees the model answer, its key points and the
sources, and marks each key point their answer covers. The response is
``{"text": <what they wrote>, "covered": [bool per key point]}``; it is correct when every
key point is marked covered (the rule is in :mod:`factquiz.answers`). Nothing is generated
from facts: the instructor writes the prompt, the model answer and 2 to 5 key points, each
resting on a fact the question names (its citations come from those facts).

In a :class:`~factquiz.model.Question` of this type ``answer`` is the model answer and
``items`` the key points: both are the key, shown only after the student has written.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

from ...answers import MAX_SHORT_ANSWER_CHARS, MESSAGES, wrong_with
from ...escape import html_text
from ...model import Fact, Grade, Level, Question
from ..base import MALFORMED, QType, Responses
from .instructor import FORM

if TYPE_CHECKING:
    from ...factbank import Bank
    from ...quizmodel import InstructorQuestion

NAME = "short"
#: How many key points a short-answer question has.
MIN_KEY_POINTS, MAX_KEY_POINTS = 2, 5
WHY_NOT = ("short answers are written by the instructor, not generated from facts: add one "
           "under `instructor_questions:` in quizzes/<lesson>.yml (type: short, with "
           "model_answer, key_points and level), or with `factquiz add question --type short`")


def why_not(fact: Fact, bank: Bank) -> str | None:
    """Always a reason: no fact yields a short-answer question by itself."""
    return WHY_NOT


def generate(fact: Fact, bank: Bank, rng: random.Random, qid: str,
             avoid: frozenset[str] = frozenset(),
             prefer: frozenset[str] = frozenset()) -> Question:
    """Refused: short answers are instructor-written (see :func:`why_not`)."""
    raise ValueError(f"fact '{fact.id}': {WHY_NOT}")


def answer_text(question: Question) -> str:
    """The model answer."""
    return str(question.answer)


def key_text(question: Question) -> str:
    """The model answer and its numbered key points, as plain text (exports)."""
    points = "\n".join(f"{n}. {p}" for n, p in enumerate(question.items, start=1))
    return f"{MESSAGES['model_answer']} {answer_text(question)}\nKey points:\n{points}"


def key_html(question: Question) -> str:
    """The model answer and its numbered key points, as HTML (text escaped; exports)."""
    points = "".join(f"<li>{html_text(p)}</li>" for p in question.items)
    return (f"<p><strong>{html_text(MESSAGES['model_answer'])}</strong> "
            f"{html_text(answer_text(question))}</p><p><strong>Key points:</strong></p>"
            f"<ol>{points}</ol>")


def parse(question: Question, response: object) -> tuple[str, list[bool]] | Grade:
    """The written text and the key points marked covered, or a Grade saying what is
    wrong with the response (the script checks the same, in the same order)."""
    expected = answer_text(question)

    def refuse(message: str) -> Grade:
        return Grade(correct=False, message=message, expected=expected)

    if not isinstance(response, dict):
        return refuse(MESSAGES["short_shape"])
    text, covered = response.get("text"), response.get("covered")
    if not isinstance(text, str):
        return refuse(MESSAGES["short_text"])
    if not text.strip():
        return refuse(MESSAGES["short_empty"])
    if len(text) > MAX_SHORT_ANSWER_CHARS:
        return refuse(MESSAGES["short_too_long"])
    points = len(question.items)
    if (not isinstance(covered, list) or len(covered) != points
            or not all(isinstance(c, bool) for c in covered)):
        return refuse(MESSAGES["short_marks"].format(n=points))
    return text, covered


def grade(question: Question, response: object) -> Grade:
    """Correct when every key point is marked covered; else how many are."""
    parsed = parse(question, response)
    if isinstance(parsed, Grade):
        return parsed
    _text, covered = parsed
    expected = answer_text(question)
    if all(covered):
        return Grade(correct=True, message=MESSAGES["correct"], expected=expected)
    message, detail = wrong_with(MESSAGES["short_covered"].format(
        covered=sum(covered), total=len(covered)))
    return Grade(correct=False, message=message, expected=expected, detail=detail)


def responses(question: Question) -> Responses:
    """Self-test: every key point covered is right; any one left out is wrong; a missing
    text, a wrong number of marks or marks that are not true/false are malformed."""
    n = len(question.items)
    text = "Our answer, in a few sentences."
    return Responses(
        right=[{"text": text, "covered": [True] * n}],
        wrong=[{"text": text, "covered": [j != i for j in range(n)]} for i in range(n)]
        + [{"text": text, "covered": [False] * n}],
        malformed=[*MALFORMED, text, [True] * n, {"covered": [True] * n},
                   {"text": "  ", "covered": [True] * n},
                   {"text": "x" * (MAX_SHORT_ANSWER_CHARS + 1), "covered": [True] * n},
                   {"text": text, "covered": [True] * (n + 1)},
                   {"text": text, "covered": [1] * n}, {"text": text}])


def from_instructor(iq: InstructorQuestion, common: dict[str, Any], rng: random.Random,
                    bank: Bank) -> Question:
    """A checked instructor question of this type: the model answer as ``answer``, the
    key points as ``items`` (in the order written)."""
    return Question(**common, answer=(iq.model_answer or "").strip(),
                    items=[p.strip() for p in iq.key_points])


QTYPE = QType(NAME, "short answer", generate, grade, why_not, responses, answer_text,
              frozenset({"model_answer", "key_points", "level"}), from_instructor, form=FORM,
              instructor_only=True, level=Level.analyse)
