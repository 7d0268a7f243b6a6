"""Fill in the blank on the book's page: a text box; typos forgiven by hashed deletions."""

from __future__ import annotations

from ...answers import FUZZY_MAX_EDITS, FUZZY_MIN_LENGTH
from ...model import Question
from ...normalize import answer_key, numbers_in
from ..static import deletions, digest

#: The label of the text box, and the input mode of the box (none: any text).
LABEL, MODE = "Your answer", ""


def controls_html(question: Question, qid: str, label: str = LABEL, mode: str = MODE) -> str:
    """A labelled text box (numeric uses it too, with its own label and input mode)."""
    mode_attr = f' inputmode="{mode}"' if mode else ""
    return (f'<p><label for="{qid}-in">{label}</label> <input type="text" id="{qid}-in" '
            f'class="fq-input"{mode_attr} autocomplete="off" spellcheck="false" maxlength="200">'
            f"</p>")


def accept_tokens(question: Question) -> list[str]:
    """``0|<key>`` for each accepted key and, for a fuzzy question, ``<i>|<numbers of the
    key>|<the key less i characters>`` for i up to FUZZY_MAX_EDITS, for keys long enough
    to forgive a typo."""
    keys = [k for k in dict.fromkeys(answer_key(a) for a in question.accepted) if k]
    tokens = [f"0|{k}" for k in keys]
    if question.match == "fuzzy":
        for k in keys:
            if len(k) >= FUZZY_MIN_LENGTH:
                numbers = ",".join(numbers_in(k))
                tokens += [f"{i}|{numbers}|{v}" for i in range(1, FUZZY_MAX_EDITS + 1)
                           for v in deletions(k, i)]
    return list(dict.fromkeys(tokens))


def key_attributes(question: Question, salt: str) -> dict[str, str]:
    """``m`` the match; ``r`` hashes of the rejected typos (fuzzy only)."""
    attrs = {"m": question.match}
    rejected = [k for k in dict.fromkeys(answer_key(r) for r in question.rejected) if k]
    if rejected and question.match == "fuzzy":
        attrs["r"] = " ".join(digest(salt, "r", k) for k in rejected)
    return attrs
