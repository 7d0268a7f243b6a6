"""What changed in the terminal: as multiple choice (the statements, lettered)."""

from __future__ import annotations

from ...model import Question
from ..mc.preview import key as choice_key
from ..mc.preview import lines
from ..preview import letter

__all__ = ["key", "lines"]


def key(question: Question) -> str:
    """The right option, then why each other option is wrong."""
    return "\n".join([choice_key(question), *(
        f"   {letter(i)}) {why}" for i, why in enumerate(question.option_feedback) if why)])
