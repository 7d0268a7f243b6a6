"""Ordering on the book's page: the items as a list the script adds ↑ and ↓ buttons to."""

from __future__ import annotations

from ...model import Question
from ..static import permutation_tokens, position_hashes, text

accept_tokens = permutation_tokens
key_attributes = position_hashes


def controls_html(question: Question, qid: str) -> str:
    """The items, numbered, with a hint on how to move them."""
    rows = "".join(f'<li data-fq-item="{i}"><span class="fq-item">{text(item)}</span></li>'
                   for i, item in enumerate(question.items))
    return (f'<p id="{qid}-hint">Move an item with its ↑ and ↓ buttons.</p>'
            f'<ol class="fq-order" aria-describedby="{qid}-hint">{rows}</ol>')
