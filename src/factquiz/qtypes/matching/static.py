"""Matching on the book's page: a select per item offering every option."""

from __future__ import annotations

from ...model import Question
from ..static import permutation_tokens, position_hashes, text

accept_tokens = permutation_tokens
key_attributes = position_hashes


def controls_html(question: Question, qid: str) -> str:
    """A labelled select per item. The options are written once, in the first select; the
    script copies them into the others (the quiz needs the script anyway), which keeps the
    page light."""
    options = "".join(f'<option value="{j}">{text(o)}</option>'
                      for j, o in enumerate(question.options))
    rows = "".join(f'<li><label for="{qid}-m{i}">{text(item)}</label> <select '
                   f'id="{qid}-m{i}"><option value="">Choose…</option>'
                   f'{options if i == 0 else ""}</select></li>'
                   for i, item in enumerate(question.items))
    return f'<ul class="fq-match">{rows}</ul>'
