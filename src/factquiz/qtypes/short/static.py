"""Short answer on the book's page: a labelled text area; the script adds "Show model
answer", which opens the question's encrypted feedback (the model answer, the key points
and the sources) once something is written, and one checkbox per key point.

The model answer is not a secret key (the student reads it before marking), but it stays
out of the page's text until then: it rides in the encrypted feedback like every type's
explanation, opened by the one token ``s|all``, which the script also uses to grade a
response with every key point covered. So a text search, a reader skimming the page or
a print-out shows no model answer before the student has written theirs.
"""

from __future__ import annotations

from ...answers import MAX_SHORT_ANSWER_CHARS
from ...model import Question

#: The token of a response that marks every key point covered (also what "Show model
#: answer" opens the feedback with).
TOKEN = "s|all"
LABEL = "Your answer (a few sentences)"


def controls_html(question: Question, qid: str) -> str:
    """A labelled text area and the (hidden) place the model answer goes."""
    return (f'<p><label for="{qid}-in">{LABEL}</label><br><textarea id="{qid}-in" '
            f'class="fq-input fq-short-text" rows="5" cols="60" '
            f'maxlength="{MAX_SHORT_ANSWER_CHARS}"></textarea></p>'
            f'<div class="fq-short-reveal" id="{qid}-model" hidden></div>')


def accept_tokens(question: Question) -> list[str]:
    """The one token: every key point covered."""
    return [TOKEN]


def key_attributes(question: Question, salt: str) -> dict[str, str]:
    """``kp``: how many key points (not secret: it is the number of checkboxes)."""
    return {"kp": str(len(question.items))}


def feedback_extra(question: Question) -> dict[str, object]:
    """What the encrypted feedback carries besides the explanation and citations:
    ``a`` the model answer, ``p`` the key points."""
    return {"a": str(question.answer), "p": list(question.items)}
