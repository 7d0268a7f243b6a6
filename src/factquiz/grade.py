"""Grading a response to any question: dispatches to the question's type.

``grade`` never raises for a student's input: a missing, empty, overlong or wrongly
typed response is graded incorrect with a message saying what was expected.
"""

from __future__ import annotations

from .model import Grade, Question
from .qtypes import REGISTRY


def grade(question: Question, response: object) -> Grade:
    """Grade ``response`` to ``question`` (see the question API for response forms)."""
    qtype = REGISTRY.get(question.type)
    if qtype is None:  # unreachable for a validated Question; kept for foreign input
        return Grade(correct=False, message=f"unknown question type {question.type!r}",
                     expected="")
    return qtype.grade(question, response)
