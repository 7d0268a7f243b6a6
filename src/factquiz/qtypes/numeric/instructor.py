"""How ``add question`` writes a numeric question: the number and the accepted error."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..instructor import InstructorForm, Prompter, read_number


def read(values: Mapping[str, Any]) -> dict[str, Any]:
    """The answer given as text, read as a number."""
    return {"answer": read_number(values.get("answer"), "--answer of a numeric question"),
            "tolerance": values.get("tolerance")}


def ask(fields: dict[str, Any], wanted: Callable[[str], bool], prompter: Prompter) -> None:
    """Ask for the number and the accepted error."""
    if wanted("answer"):
        fields["answer"] = prompter.number("answer", "Answer (a number)")
    if wanted("tolerance"):
        fields["tolerance"] = prompter.number("tolerance", "Accepted error", "0")


FORM = InstructorForm(
    fields={"answer": "the number", "tolerance": "the accepted error"},
    needs=("answer",),
    read=read,
    ask=ask,
    example={"answer": "2022", "tolerance": 1.0},
)
