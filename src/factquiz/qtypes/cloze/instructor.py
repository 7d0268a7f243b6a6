"""How ``add question`` writes a fill-in-the-blank question: accepted answers, matching."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..instructor import InstructorForm, Prompter, same

MATCHES = [("fuzzy", "forgive small typos (names)"), ("exact", "numbers, years, codes")]


def ask(fields: dict[str, Any], wanted: Callable[[str], bool], prompter: Prompter) -> None:
    """Ask for the accepted answers and how typed answers are matched."""
    if wanted("accepted"):
        fields["accepted"] = prompter.lines("accepted", "Accepted answers")
    if wanted("match"):
        fields["match"] = prompter.choose("match", "Match typed answers", MATCHES, "fuzzy")


FORM = InstructorForm(
    fields={"accepted": "an accepted answer (repeat it)",
            "match": "fuzzy (forgives small typos) or exact"},
    needs=("accepted",),
    read=lambda values: same(values, "accepted", "match"),
    ask=ask,
    example={"accepted": ["Tokyo"], "match": "exact"},
    prompt_hint="put _____ where the answer goes",
)
