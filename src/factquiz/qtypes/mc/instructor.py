"""How ``add question`` writes a multiple-choice question: the choices and the right one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..instructor import InstructorForm, Prompter, same


def ask(fields: dict[str, Any], wanted: Callable[[str], bool], prompter: Prompter) -> None:
    """Ask for the choices, then for the correct one among them."""
    if wanted("choices"):
        fields["choices"] = prompter.lines("choices", "Choices, the correct one among them")
    if wanted("answer") or wanted("choices"):
        choices = fields["choices"]
        fields["answer"] = (prompter.choose("answer", "Correct choice", [(c, "") for c in choices])
                            if choices else prompter.text("answer", "Correct choice"))


FORM = InstructorForm(
    fields={"choices": "one of the options (repeat it)", "answer": "the correct choice"},
    needs=("choices", "answer"),
    read=lambda values: same(values, "choices", "answer"),
    ask=ask,
    example={"choices": ["Tokyo", "Osaka", "Kyoto"], "answer": "Tokyo"},
)
