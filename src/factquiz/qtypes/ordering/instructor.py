"""How ``add question`` writes an ordering question: the items in their right order."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..instructor import InstructorForm, Prompter, same


def ask(fields: dict[str, Any], wanted: Callable[[str], bool], prompter: Prompter) -> None:
    """Ask for the items, in the correct order."""
    if wanted("items"):
        fields["items"] = prompter.lines("items", "Items, in the correct order")


FORM = InstructorForm(
    fields={"items": "an item, in the correct order (repeat it)"},
    needs=("items",),
    read=lambda values: same(values, "items"),
    ask=ask,
    example={"items": ["first", "second", "third"]},
)
