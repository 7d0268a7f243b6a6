"""What every type's terminal preview provides (``qtypes/<type>/preview.py``), used by
``factquiz quiz`` (:mod:`factquiz.cli.quiz`).

A type's ``preview`` module defines ``lines(question) -> list[str]``: what follows the
prompt (options, items; plain text, indented three spaces, no key), and ``key(question)
-> str``: the answer key as the instructor reads it, built on the type's one answer text
(``QType.answer_text``).
"""

from __future__ import annotations

from types import ModuleType

from ..model import Question
from .parts import type_module

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def preview_module(question_type: str) -> ModuleType:
    """The ``preview`` module of a registered type (see the module docstring)."""
    return type_module(question_type, "preview")


def letter(i: int) -> str:
    """The letter of option ``i`` (its number past z)."""
    return LETTERS[i] if i < len(LETTERS) else str(i + 1)


def no_lines(question: object) -> list[str]:
    """Nothing after the prompt (a typed answer)."""
    return []


def typed_reasons(question: Question) -> list[str]:
    """The wrong answers a typed question explains, each with its reason (indented)."""
    return [f"   if typed \u201c{token[2:]}\u201d: {why}"
            for token, why in question.response_feedback.items() if token.startswith("t|")]
