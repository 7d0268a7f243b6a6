"""What every type's ipywidgets controls provide (``qtypes/<type>/widget.py``).

A type's ``widget`` module defines ``controls(question, number) -> Controls``: the input
widgets of one question card (built from ``Question.options`` and ``Question.items`` only,
never the key), how to read the response in ``grade()``'s form, how to put a saved
response back, and how to clear them; ``text_lines(question)``, the lines under the
prompt in the plain-text fallback; and ``INCOMPLETE``, the name (in
:data:`factquiz.answers.MESSAGES`) of the message shown when Check is pressed without a
complete answer. :class:`~factquiz.widgets.QuestionCard` finds the module through the
registry (:func:`widget_module`) and holds no code of any type.

The built-in types' controls and lines are functions of :mod:`factquiz.controls` (the
shared pieces a type's author builds on: :class:`Dropdowns`, :func:`single`, the shared
layouts and styles...), which a notebook imports without loading the question types: a
type whose ``controls`` and ``text_lines`` are defined outside ``factquiz.qtypes`` is
shown without them (see :mod:`factquiz.widgettypes`).
"""

from __future__ import annotations

from types import ModuleType

from ..controls import (
    CHOOSE,
    LABEL_STYLE,
    UNCHOSEN,
    Controls,
    Dropdowns,
    Shared,
    auto_layout,
    building,
    label_style,
    ordinal,
    question_text_lines,
    shared,
    single,
)
from .parts import type_module

__all__ = ["CHOOSE", "LABEL_STYLE", "UNCHOSEN", "Controls", "Dropdowns", "Shared",
           "auto_layout", "building", "label_style", "ordinal", "question_text_lines",
           "shared", "single", "widget_module"]


def widget_module(question_type: str) -> ModuleType:
    """The ``widget`` module of a registered type (see the module docstring)."""
    return type_module(question_type, "widget")
