"""How ``add question`` writes a matching question: pairs typed as ``item = its match``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...errors import FactquizError
from ..instructor import InstructorForm, Prompter


def parse_pairs(values: list[str]) -> list[dict[str, str]]:
    """Each ``item = its match`` as ``{item, answer}``."""
    pairs = []
    for value in values:
        if "=" not in value:
            raise FactquizError(f"pair {value!r} has no '=': write it as `item = its match`")
        item, match = value.split("=", 1)
        pairs.append({"item": item.strip(), "answer": match.strip()})
    return pairs


def ask(fields: dict[str, Any], wanted: Callable[[str], bool], prompter: Prompter) -> None:
    """Ask for the pairs, one per line."""
    if wanted("pairs"):
        fields["pairs"] = parse_pairs(prompter.lines("pairs", "Pairs, as `item = its match`"))


FORM = InstructorForm(
    fields={"pairs": "'item = its match' (repeat it)"},
    needs=("pairs",),
    read=lambda values: {"pairs": parse_pairs(values.get("pairs") or [])},
    ask=ask,
    example={"pairs": ["a = 1", "b = 2", "c = 3"]},
)
