"""How ``add question`` writes a short-answer question: model answer, key points, level."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..instructor import InstructorForm, Prompter, same

LEVELS = [("analyse", "compare, explain why, relate causes and effects"),
          ("evaluate", "judge, weigh evidence, take a position")]


def ask(fields: dict[str, Any], wanted: Callable[[str], bool], prompter: Prompter) -> None:
    """Ask for the model answer, its key points and the level."""
    if wanted("model_answer"):
        fields["model_answer"] = prompter.text("model_answer", "Model answer (in your own words)")
    if wanted("key_points"):
        fields["key_points"] = prompter.lines("key_points", "Key points (2 to 5, one per line)")
    if wanted("level"):
        fields["level"] = prompter.choose("level", "Level", LEVELS, "analyse")


FORM = InstructorForm(
    fields={"model_answer": "the model answer, in your own words",
            "key_points": "a point a good answer makes (repeat it, 2 to 5)",
            "level": "analyse or evaluate"},
    needs=("model_answer", "key_points"),  # without a level: the type's, analyse
    read=lambda values: same(values, "model_answer", "key_points", "level"),
    ask=ask,
    example={"model_answer": "Both sides wanted a legal basis for visiting forces.",
             "key_points": ["a legal basis for visits", "wanted by both sides"],
             "level": "analyse"},
    prompt_hint="a question answered in a few sentences",
)
