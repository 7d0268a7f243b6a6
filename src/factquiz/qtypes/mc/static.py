"""Multiple choice on the book's page: a radio button per option."""

from __future__ import annotations

from ...model import Question
from ..static import text


def controls_html(question: Question, qid: str) -> str:
    """A list of radio buttons, each labelled with its option."""
    rows = "".join(f'<li><label><input type="radio" name="{qid}" value="{i}"> '
                   f"{text(option)}</label></li>" for i, option in enumerate(question.options))
    return f'<ul class="fq-options">{rows}</ul>'


def accept_tokens(question: Question) -> list[str]:
    """``c|<index of the right option>``."""
    return [f"c|{question.answer}"]


def key_attributes(question: Question, salt: str) -> dict[str, str]:
    """None besides the tokens."""
    return {}
