"""How ``add question`` writes a true/false question: whether the statement is true."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..instructor import InstructorForm, Prompter, read_bool


def ask(fields: dict[str, Any], wanted: Callable[[str], bool], prompter: Prompter) -> None:
    """Ask whether the statement is true."""
    if wanted("answer"):
        fields["answer"] = prompter.confirm("answer", "Is the statement true?", default=True)


FORM = InstructorForm(
    fields={"answer": "true or false"},
    needs=("answer",),
    read=lambda values: {"answer": read_bool(values.get("answer"),
                                             "--answer of a true/false question")},
    ask=ask,
    example={"answer": "true"},
)
