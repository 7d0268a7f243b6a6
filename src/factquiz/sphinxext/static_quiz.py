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

The script mirrors :func:`digest`, :func:`accept_tokens`, :func:`wrap`,
:func:`feedback_keystream` and :func:`factquiz.normalize.answer_key`; the tests run the
script under Node on the shared table of grading cases. Every text from the bank is
HTML-escaped here; nothing is injected as markup by the script.
"""

from __future__ import annotations

import base64
import hashlib
import json
from decimal import Decimal
from html import escape

from ..answers import (
    FUZZY_MAX_EDITS,
    FUZZY_MIN_LENGTH,
    FUZZY_THRESHOLD,
    MAX_RESPONSE_CHARS,
    MESSAGES,
)
from ..model import Question
from ..normalize import VARIANTS, answer_key, numbers_in
from ..qtypes.numeric import TYPED, exact
from ..quizmodel import Quiz
from .dates import human_date

#: Hex digits kept of each salted SHA-256 (48 bits: plenty to tell answers apart).
DIGEST_CHARS = 12
#: Bytes of a question's content key (the key of its feedback).
KEY_BYTES = 8
#: Messages only the page shows (the graders' messages are factquiz.answers.MESSAGES).
PAGE_MESSAGES = {
    "locked": "The explanation and its sources appear once your answer is right.",
    "choose": "Choose an answer first.",
    "type": "Type an answer first.",
    "choose_all": "Choose a match for every item first.",
}


def grading_config() -> dict[str, object]:
    """The constants and messages the script grades with, as the page receives them."""
    return {"fuzzyThreshold": FUZZY_THRESHOLD, "fuzzyMinLength": FUZZY_MIN_LENGTH,
            "fuzzyMaxEdits": FUZZY_MAX_EDITS, "maxResponseChars": MAX_RESPONSE_CHARS,
            "typed": TYPED.pattern, "variants": VARIANTS,
            "messages": {**MESSAGES, **PAGE_MESSAGES}}


def quiz_salt(quiz: Quiz) -> str:
    """The quiz's salt: derived from its id, seed and question ids, so builds reproduce."""
    ids = "|".join(q.id for q in quiz.questions)
    return hashlib.sha256(f"factquiz|{quiz.id}|{quiz.seed}|{ids}".encode()).hexdigest()[:16]


def question_salt(salt: str, number: int) -> str:
    """The salt of question ``number`` (from 1): the script derives it the same way."""
    return f"{salt}-{number}"


def digest(salt: str, part: int | str, value: str) -> str:
    """Salted, truncated SHA-256 of one part of a canonical response."""
    data = f"{salt}|{part}|{value}".encode()
    return hashlib.sha256(data).hexdigest()[:DIGEST_CHARS]


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


def deletions(key: str, count: int) -> list[str]:
    """``key`` with ``count`` characters removed, each way (duplicates dropped)."""
    variants = [key]
    for _ in range(count):
        variants = list(dict.fromkeys(v[:i] + v[i + 1:] for v in variants for i in range(len(v))))
    return variants


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
    """The tokens of the right responses (see the module docstring and factquiz.answers):

    * mc, tf: ``c|<option index>``; ordering, matching: ``p|<indices, comma-separated>``;
    * numeric: ``n<k>|<n>`` for each block of :func:`numeric_blocks`;
    * cloze: ``0|<key>`` for each accepted key and, for a fuzzy question, ``<i>|<numbers of
      the key>|<the key less i characters>`` for i up to FUZZY_MAX_EDITS, for keys long
      enough to forgive a typo.
    """
    qtype = question.type
    if qtype in ("mc", "tf"):
        return [f"c|{question.answer}"]
    if qtype in ("ordering", "matching"):
        return ["p|" + ",".join(str(v) for v in question.answer)]
    if qtype == "numeric":
        return [f"n{k}|{n}" for k, n in numeric_blocks(question)]
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
    """The grading data of ``question`` as ``data-fq-*`` attributes: ``k`` each token's id
    and wrapped key; ``h`` per-position hashes (ordering, matching); ``r`` hashes of the
    rejected typos (cloze); ``exp`` the grid step and ``kb`` the largest block (numeric);
    ``m`` the match (cloze)."""
    key = content_key(salt, question)
    attrs = {"k": " ".join(token_id(salt, t) + wrap(salt, t, key)
                           for t in accept_tokens(question))}
    if question.type in ("ordering", "matching"):
        attrs["h"] = " ".join(digest(salt, i, str(v)) for i, v in enumerate(question.answer))
    elif question.type == "numeric":
        attrs["exp"] = str(numeric_step(question))
        attrs["kb"] = str(max(k for k, _ in numeric_blocks(question)))
    elif question.type == "cloze":
        attrs["m"] = question.match
        rejected = [k for k in dict.fromkeys(answer_key(r) for r in question.rejected) if k]
        if rejected and question.match == "fuzzy":
            attrs["r"] = " ".join(digest(salt, "r", k) for k in rejected)
    return attrs


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
    """The answer controls of one question: native inputs, each with a label. The script
    adds the Check button, the feedback region and the ordering buttons."""
    qtype = question.type
    if qtype in ("mc", "tf"):
        rows = "".join(f'<li><label><input type="radio" name="{qid}" value="{i}"> '
                       f"{_text(option)}</label></li>" for i, option in enumerate(question.options))
        return f'<ul class="fq-options">{rows}</ul>'
    if qtype in ("cloze", "numeric"):
        label = "Your answer (a number)" if qtype == "numeric" else "Your answer"
        mode = ' inputmode="decimal"' if qtype == "numeric" else ""
        return (f'<p><label for="{qid}-in">{label}</label> <input type="text" id="{qid}-in" '
                f'class="fq-input"{mode} autocomplete="off" spellcheck="false" maxlength="200">'
                f"</p>")
    if qtype == "ordering":
        rows = "".join(f'<li data-fq-item="{i}"><span class="fq-item">{_text(item)}</span></li>'
                       for i, item in enumerate(question.items))
        return (f'<p id="{qid}-hint">Move an item with its ↑ and ↓ buttons.</p>'
                f'<ol class="fq-order" aria-describedby="{qid}-hint">{rows}</ol>')
    if qtype == "matching":
        # The options are written once, in the first list; the script copies them into
        # the others (the quiz needs the script anyway), which keeps the page light.
        options = "".join(f'<option value="{j}">{_text(o)}</option>'
                          for j, o in enumerate(question.options))
        rows = "".join(f'<li><label for="{qid}-m{i}">{_text(item)}</label> <select '
                       f'id="{qid}-m{i}"><option value="">Choose…</option>'
                       f'{options if i == 0 else ""}</select></li>'
                       for i, item in enumerate(question.items))
        return f'<ul class="fq-match">{rows}</ul>'
    raise ValueError(f"unknown question type {qtype!r}")  # pragma: no cover


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
