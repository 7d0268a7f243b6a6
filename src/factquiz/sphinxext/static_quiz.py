"""Render a quiz as static HTML that grades itself in the browser (``static/factquiz.js``).

The page must work from ``file://`` with no server and no network, and must not give the
key away at a glance, to a text search or to a wrong guess. So the HTML never holds, in
plain text, which option is correct, a fill-in answer, or an explanation:

* every right response is a *token* (its canonical form, see :func:`accept_tokens`),
  stored only as a salted, truncated SHA-256 (:func:`token_id`), one salt per question;
  the script computes the tokens of what the reader answers and looks them up. The rules
  are those of :mod:`factquiz.answers`, and the constants and messages the script uses
  come from :func:`grading_config` (``data-fq-config``), not copied by hand;
* the feedback (explanation, the expected answer and the citations) is encrypted with a
  per-question content key (:func:`encode_feedback`); the page stores that key only
  *wrapped* once per token (XOR with a second hash of the token, :func:`wrap`). Only a
  right response yields a token whose wrap opens the key, so a wrong guess reveals
  nothing but "Not quite" (and, for ordering and matching, which positions are right).

This is a **spoiler guard for self-study, not exam security**: what remains guessable is
what can be enumerated. A multiple-choice or true/false question has 2-4 tokens to try;
an ordering or matching question's positions are checked one by one; a numeric answer can
be searched over a range of numbers; a fill-in answer can be found by trying the words of
the lesson. Graded tests belong in an LMS (see the exports).

The script mirrors :func:`digest`, :func:`accept_tokens` (each type's script its own), :func:`wrap`,
:func:`feedback_keystream` and :func:`factquiz.normalize.answer_key`; the tests run the
script under Node on the shared table of grading cases. Every text from the bank is
HTML-escaped here; nothing is injected as markup by the script.
"""

from __future__ import annotations

import base64
import hashlib
import json
from html import escape

from ..answers import (
    FUZZY_MAX_EDITS,
    FUZZY_MIN_LENGTH,
    FUZZY_THRESHOLD,
    MAX_RESPONSE_CHARS,
    MESSAGES,
)
from ..model import Question
from ..normalize import VARIANTS
from ..qtypes.numeric import TYPED
from ..qtypes.static import DIGEST_CHARS, deletions, digest, static_module
from ..quizmodel import Quiz
from .dates import human_date

__all__ = ["DIGEST_CHARS", "accept_tokens", "content_key", "decode_feedback", "deletions",
           "digest", "encode_feedback", "feedback_payload", "grading_config", "key_attributes",
           "question_salt", "quiz_salt", "render_controls", "render_question", "render_quiz",
           "token_id", "unwrap", "wrap"]

#: Bytes of a question's content key (the key of its feedback).
KEY_BYTES = 8
def grading_config() -> dict[str, object]:
    """The constants and messages the script grades with, as the page receives them."""
    return {"fuzzyThreshold": FUZZY_THRESHOLD, "fuzzyMinLength": FUZZY_MIN_LENGTH,
            "fuzzyMaxEdits": FUZZY_MAX_EDITS, "maxResponseChars": MAX_RESPONSE_CHARS,
            "typed": TYPED.pattern, "variants": VARIANTS,
            "messages": MESSAGES}


def quiz_salt(quiz: Quiz) -> str:
    """The quiz's salt: derived from its id, seed and question ids, so builds reproduce."""
    ids = "|".join(q.id for q in quiz.questions)
    return hashlib.sha256(f"factquiz|{quiz.id}|{quiz.seed}|{ids}".encode()).hexdigest()[:16]


def question_salt(salt: str, number: int) -> str:
    """The salt of question ``number`` (from 1): the script derives it the same way."""
    return f"{salt}-{number}"


def token_id(salt: str, token: str) -> str:
    """What the page stores to recognise a right response's token."""
    return digest(salt, "k", token)


def content_key(salt: str, question: Question) -> bytes:
    """The question's feedback key: from its salt and its whole content (key included), so
    builds reproduce and the page alone does not give it."""
    data = f"factquiz-key|{salt}|{question.model_dump_json()}".encode()
    return hashlib.sha256(data).digest()[:KEY_BYTES]


def wrap(salt: str, token: str, key: bytes) -> str:
    """``key`` XOR-ed with a hash of ``token`` (hex): only the token opens it."""
    mask = hashlib.sha256(f"{salt}|w|{token}".encode()).digest()
    return bytes(a ^ b for a, b in zip(key, mask, strict=False)).hex()


def unwrap(salt: str, token: str, wrapped: str) -> bytes:
    """Inverse of :func:`wrap` (the script does the same)."""
    return bytes.fromhex(wrap(salt, token, bytes.fromhex(wrapped)))


def accept_tokens(question: Question) -> list[str]:
    """The tokens of the right responses (see the module docstring and factquiz.answers),
    as the question's type defines them (``qtypes/<type>/static.py``)."""
    return static_module(question.type).accept_tokens(question)


def key_attributes(question: Question, salt: str) -> dict[str, str]:
    """The grading data of ``question`` as ``data-fq-*`` attributes: ``k`` each token's id
    and wrapped key, then the type's own (``qtypes/<type>/static.py``)."""
    key = content_key(salt, question)
    return {"k": " ".join(token_id(salt, t) + wrap(salt, t, key)
                          for t in accept_tokens(question)),
            **static_module(question.type).key_attributes(question, salt)}


def feedback_keystream(key: bytes, length: int) -> bytes:
    """``length`` bytes of SHA-256(hex key|fb|i) blocks, the mask of the encoded feedback."""
    out = bytearray()
    block = 0
    while len(out) < length:
        out += hashlib.sha256(f"{key.hex()}|fb|{block}".encode()).digest()
        block += 1
    return bytes(out[:length])


def encode_feedback(key: bytes, payload: dict[str, object]) -> str:
    """The feedback as base64 of its UTF-8 JSON XOR-ed with the content key's keystream."""
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    mask = feedback_keystream(key, len(data))
    return base64.b64encode(bytes(a ^ b for a, b in zip(data, mask, strict=True))).decode()


def decode_feedback(key: bytes, blob: str) -> dict[str, object]:
    """Inverse of :func:`encode_feedback` (the script does the same)."""
    data = base64.b64decode(blob)
    mask = feedback_keystream(key, len(data))
    return json.loads(bytes(a ^ b for a, b in zip(data, mask, strict=True)).decode())


#: Where a quote already stands in the page's notes: (source id, quote) -> (note number,
#: index of the quote in that note, source key). The feedback then points there instead of
#: carrying the quote again.
NoteIndex = dict[tuple[str, str], tuple[int, int, str]]


def feedback_payload(question: Question, notes: NoteIndex | None = None) -> dict[str, object]:
    """What the reader sees after a right answer: the explanation and each citation,
    either as [note number, quote index, source key] of a note on the page or in full as
    [title, date, quote]."""
    citations: list[list[object]] = []
    for c in question.citations:
        found = (notes or {}).get((c.source_id, c.quote))
        citations.append(list(found) if found else [c.title, human_date(c.published), c.quote])
    return {"e": question.explanation, "c": citations}


def _attr(name: str, value: str) -> str:
    return f' {name}="{escape(value, quote=True)}"'


def _text(value: str) -> str:
    return escape(value, quote=False)


def render_controls(question: Question, qid: str) -> str:
    """The answer controls of one question, as its type writes them
    (``qtypes/<type>/static.py``). The script adds the Check button and the feedback."""
    return static_module(question.type).controls_html(question, qid)


def render_question(question: Question, qid: str, number: int, salt: str,
                    notes: NoteIndex | None = None) -> str:
    """One question as an ``<li>``: a fieldset with its prompt as legend and its controls;
    the grading data and the encoded feedback ride on ``data-fq-*`` attributes."""
    attrs = "".join(_attr(f"data-fq-{k}", v) for k, v in key_attributes(question, salt).items())
    feedback = encode_feedback(content_key(salt, question), feedback_payload(question, notes))
    return (
        f'<li class="fq-q" id="{qid}" data-fq-type="{question.type}"{attrs}'
        f'{_attr("data-fq-fb", feedback)}><fieldset><legend id="{qid}-l">'
        f'<span class="fq-num">Question {number}</span> '
        f"{_text(question.prompt)}</legend>{render_controls(question, qid)}</fieldset></li>"
    )


def quiz_version(html_questions: str) -> str:
    """A short fingerprint of the rendered questions: saved answers of another version of
    the quiz are not restored into this one."""
    return hashlib.sha256(html_questions.encode()).hexdigest()[:10]


def render_quiz(quiz: Quiz, serial: int = 0, notes: NoteIndex | None = None) -> str:
    """The whole quiz as one HTML fragment: a labelled region holding its questions.

    ``serial`` tells apart the DOM ids of several quizzes on one page; ``notes`` lets the
    feedback point to quotes already in the page's notes (see :data:`NoteIndex`).
    """
    salt = quiz_salt(quiz)
    prefix = f"fq{serial or ''}q"
    items = "".join(
        render_question(q, f"{prefix}{n}", n, question_salt(salt, n), notes)
        for n, q in enumerate(quiz.questions, start=1)
    )
    return (
        f'<section class="fq-quiz" id="fq-{escape(quiz.id)}"{_attr("data-fq-quiz", quiz.id)}'
        f' data-fq-version="{quiz_version(items)}"{_attr("data-fq-salt", salt)}'
        f'{_attr("data-fq-config", json.dumps(grading_config(), separators=(",", ":")))}'
        f'{_attr("aria-label", "Self-check quiz: " + quiz.title)}>'
        f"<p>{len(quiz.questions)} questions, checked in your browser; your answers stay in "
        f"this browser.</p><noscript><p>The quiz needs JavaScript.</p></noscript>"
        f'<ol class="fq-questions">{items}</ol></section>'
    )
