"""Render a quiz as static HTML that grades itself in the browser (``static/factquiz.js``).

The page must work from ``file://`` with no server and no network, and must not give the
key away at a glance or to a text search. So the HTML never holds, in plain text, which
option is correct, a fill-in answer, or an explanation:

* every accepted response is stored as a *salted, truncated SHA-256* of its canonical
  form (:func:`digest`), one salt per question; the script hashes what the reader answers
  and compares;
* the feedback (explanation, the expected answer and the citations) is XOR-ed with a
  keystream derived from the salt and base64-encoded (:func:`encode_feedback`); the script
  decodes it only after the reader has answered, and shows it with ``textContent``.

This is a **spoiler guard for self-study, not exam security**: anyone can run the script's
decoder or try the four options of a multiple-choice question. Graded tests belong in an
LMS (see the exports).

The JavaScript mirrors :func:`digest`, :func:`feedback_keystream`, :func:`deletable`,
:func:`numeric_grid` and :func:`factquiz.normalize.answer_key`; the browser tests run
both on the same inputs. Every text from the bank is HTML-escaped here; nothing is
injected as markup by the script.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from collections.abc import Iterable
from decimal import Decimal
from html import escape
from typing import TYPE_CHECKING

from ..answers import FUZZY_MIN_LENGTH, FUZZY_THRESHOLD
from ..grade import grade
from ..model import Question
from ..normalize import answer_key
from .dates import human_date

if TYPE_CHECKING:
    from ..generate import Quiz

#: Hex digits kept of each salted SHA-256 (48 bits: plenty to tell answers apart).
DIGEST_CHARS = 12
#: Most grid points a numeric question may list (the grid is coarsened beyond that).
MAX_GRID = 201
#: Shortest accepted key for which one substituted or swapped letter is forgiven: the
#: rapidfuzz ratio of two keys of length n one substitution apart is 100 * (1 - 1/n).
SUBSTITUTION_MIN_LENGTH = math.ceil(100 / (100 - FUZZY_THRESHOLD))

def quiz_salt(quiz: Quiz) -> str:
    """The quiz's salt: derived from its id, seed and question ids, so builds reproduce."""
    ids = "|".join(q.id for q in quiz.questions)
    return hashlib.sha256(f"factquiz|{quiz.id}|{quiz.seed}|{ids}".encode()).hexdigest()[:16]


def question_salt(salt: str, number: int) -> str:
    """The salt of question ``number`` (from 1): the script derives it the same way."""
    return f"{salt}-{number}"


def digest(salt: str, part: int, value: str) -> str:
    """Salted, truncated SHA-256 of one part of a canonical response."""
    data = f"{salt}|{part}|{value}".encode()
    return hashlib.sha256(data).hexdigest()[:DIGEST_CHARS]


def feedback_keystream(salt: str, length: int) -> bytes:
    """``length`` bytes of SHA-256(salt|fb|i) blocks, the mask of the encoded feedback."""
    out = bytearray()
    block = 0
    while len(out) < length:
        out += hashlib.sha256(f"{salt}|fb|{block}".encode()).digest()
        block += 1
    return bytes(out[:length])


def encode_feedback(salt: str, payload: dict[str, object]) -> str:
    """The feedback as base64 of its UTF-8 JSON XOR-ed with the salt's keystream."""
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    mask = feedback_keystream(salt, len(data))
    return base64.b64encode(bytes(a ^ b for a, b in zip(data, mask, strict=True))).decode()


def decode_feedback(salt: str, blob: str) -> dict[str, object]:
    """Inverse of :func:`encode_feedback` (the script does the same)."""
    data = base64.b64decode(blob)
    mask = feedback_keystream(salt, len(data))
    return json.loads(bytes(a ^ b for a, b in zip(data, mask, strict=True)).decode())


def deletable(key: str, i: int) -> bool:
    """Whether dropping ``key[i]`` can stand for a typo: never a digit, nor a space between
    two digits, so that numbers must match exactly (as in :func:`factquiz.answers.accepts`).
    """
    ch = key[i]
    if ch.isdigit():
        return False
    if ch == " ":
        return not (0 < i < len(key) - 1 and key[i - 1].isdigit() and key[i + 1].isdigit())
    return True


def deletions(key: str) -> list[str]:
    """``key`` with one deletable character removed, for each such character."""
    return list(dict.fromkeys(key[:i] + key[i + 1:] for i in range(len(key)) if deletable(key, i)))


def numeric_grid(answer: float, tolerance: float) -> tuple[int, list[int]]:
    """Exponent ``e`` and the integers n with n * 10**e within ``tolerance`` of ``answer``.

    The step is the finest power of ten that both numbers are written in, coarsened until
    at most :data:`MAX_GRID` points remain; the script rounds a typed number to the same
    step and hashes the integer.
    """
    a, t = Decimal(repr(float(answer))), Decimal(repr(float(tolerance)))
    exponent = min(a.normalize().as_tuple().exponent, t.normalize().as_tuple().exponent, 0)
    exponent = int(exponent)
    while True:
        step = Decimal(10) ** exponent
        low, high = math.ceil((a - t) / step), math.floor((a + t) / step)
        if high - low + 1 <= MAX_GRID:
            break
        exponent += 1
    if high < low:  # a coarse step can fall between the bounds: keep the nearest point
        low = high = round(a / step)
    return exponent, list(range(low, high + 1))


def _hashes(salt: str, part: int, values: Iterable[str]) -> str:
    return " ".join(dict.fromkeys(digest(salt, part, v) for v in values))


def key_attributes(question: Question, salt: str) -> dict[str, str]:
    """The grading data of ``question`` as ``data-fq-*`` attributes (hashes only)."""
    attrs: dict[str, str] = {}
    qtype = question.type
    if qtype in ("mc", "tf"):
        attrs["h"] = digest(salt, 0, str(question.answer))
    elif qtype == "cloze":
        keys = [k for k in dict.fromkeys(answer_key(a) for a in question.accepted) if k]
        attrs["h"] = _hashes(salt, 0, keys)
        if question.match == "fuzzy":
            # b: a long enough key (the reader typed one letter too many); c: such a key
            # less one letter (a letter missing); e: the same for keys long enough to
            # forgive a wrong or swapped letter too (see SUBSTITUTION_MIN_LENGTH).
            long_keys = [k for k in keys if len(k) >= FUZZY_MIN_LENGTH]
            missing = [d for k in long_keys if len(k) < SUBSTITUTION_MIN_LENGTH
                       for d in deletions(k)]
            swapped = [d for k in long_keys if len(k) >= SUBSTITUTION_MIN_LENGTH
                       for d in deletions(k)]
            for name, values in (("b", long_keys), ("c", missing), ("e", swapped)):
                if values:
                    attrs[name] = _hashes(salt, 0, values)
    elif qtype == "numeric":
        exponent, grid = numeric_grid(float(question.answer), question.tolerance)
        attrs["exp"] = str(exponent)
        attrs["h"] = _hashes(salt, 0, (str(n) for n in grid))
    elif qtype in ("ordering", "matching"):
        attrs["h"] = " ".join(digest(salt, i, str(v)) for i, v in enumerate(question.answer))
    else:  # pragma: no cover - QuestionType is a closed Literal
        raise ValueError(f"unknown question type {qtype!r}")
    return attrs


def expected_answer(question: Question) -> str:
    """The correct answer as the feedback states it (the grader's own wording)."""
    return grade(question, None).expected


#: Where a quote already stands in the page's notes: (source id, quote) -> (note number,
#: index of the quote in that note, source key). The feedback then points there instead of
#: carrying the quote again.
NoteIndex = dict[tuple[str, str], tuple[int, int, str]]


def feedback_payload(question: Question, notes: NoteIndex | None = None) -> dict[str, object]:
    """What the reader sees after answering: the explanation, the expected answer, and each
    citation, either as [note number, quote index, source key] of a note on the page or
    in full as [title, date, quote]."""
    citations: list[list[object]] = []
    for c in question.citations:
        found = (notes or {}).get((c.source_id, c.quote))
        citations.append(list(found) if found else [c.title, human_date(c.published), c.quote])
    return {"e": question.explanation, "x": expected_answer(question), "c": citations}


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
    feedback = encode_feedback(salt, feedback_payload(question, notes))
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
        f'{_attr("aria-label", "Self-check quiz: " + quiz.title)}>'
        f"<p>{len(quiz.questions)} questions, checked in your browser; your answers stay in "
        f"this browser.</p><noscript><p>The quiz needs JavaScript.</p></noscript>"
        f'<ol class="fq-questions">{items}</ol></section>'
    )
