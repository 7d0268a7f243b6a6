"""Short answer in the terminal: nothing under the prompt; as key, the model answer and
its numbered key points."""

from __future__ import annotations

from ...model import Question
from .. import REGISTRY
from ..preview import no_lines

lines = no_lines


def key(question: Question) -> str:
    """The model answer, then ``Key points: (1) ...; (2) ...`` on the same line."""
    points = "; ".join(f"({n}) {point}" for n, point in enumerate(question.items, start=1))
    return f"{REGISTRY[question.type].answer_text(question)}  Key points: {points}"
