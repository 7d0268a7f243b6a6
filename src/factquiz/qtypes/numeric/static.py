"""Numeric on the book's page: a text box for a number; the accepted range as hashed
binary blocks of a decimal grid."""

from __future__ import annotations

from decimal import Decimal

from ...model import Question
from ..cloze.static import controls_html as text_box
from . import exact


def controls_html(question: Question, qid: str) -> str:
    """A text box labelled as taking a number."""
    return text_box(question, qid, label="Your answer (a number)", mode="decimal")


def numeric_step(question: Question) -> int:
    """Exponent ``e`` of the grid step ``10**e``: the finest power of ten the answer and
    the tolerance are written in (at most 1), so both bounds fall on the grid."""
    exponents = [exact(question.answer).normalize().as_tuple().exponent,
                 exact(question.tolerance).normalize().as_tuple().exponent, 0]
    return int(min(e for e in exponents if isinstance(e, int)))


def numeric_blocks(question: Question) -> list[tuple[int, int]]:
    """The grid ``[low, high]`` of accepted multiples of the step, as aligned binary blocks
    ``(k, n)`` (the integers whose ``>> k`` is ``n``): a few dozen tokens for any range."""
    step = Decimal(10) ** numeric_step(question)
    answer, tolerance = exact(question.answer), exact(question.tolerance)
    low, high = int((answer - tolerance) / step), int((answer + tolerance) / step)
    blocks = []
    while low <= high:
        k = 0
        while low % (1 << (k + 1)) == 0 and low + (1 << (k + 1)) - 1 <= high:
            k += 1
        blocks.append((k, low >> k))
        low += 1 << k
    return blocks


def accept_tokens(question: Question) -> list[str]:
    """``n<k>|<n>`` for each block of :func:`numeric_blocks`."""
    return [f"n{k}|{n}" for k, n in numeric_blocks(question)]


def key_attributes(question: Question, salt: str) -> dict[str, str]:
    """``exp`` the grid step, ``kb`` the largest block."""
    return {"exp": str(numeric_step(question)),
            "kb": str(max(k for k, _ in numeric_blocks(question)))}


#: Its script builds on cloze's text box (loaded first).
SCRIPT_NEEDS = ("cloze",)
