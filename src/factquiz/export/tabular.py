"""CSV and JSON: every question type with its key, for any other tool.

JSON is the quiz as the question API defines it (``Question.model_dump``). CSV has one row
per question; list-valued columns hold JSON arrays so that nothing is lost to a separator,
and ``correct_answer`` spells the key out in words. Both carry ``option_feedback``: for a
choice question, why each option is wrong ('' for the key), aligned with ``options``
(an empty list when the type gives no reasons).
"""

from __future__ import annotations

import csv
import io
import json

from ..escape import csv_cell
from ..feedback import feedback_text
from ..model import Question
from ..quizmodel import Quiz
from .base import ExportContext, Format
from .common import answer_text

CSV_COLUMNS = ("id", "type", "prompt", "options", "items", "answer", "accepted", "tolerance",
               "match", "correct_answer", "explanation", "feedback", "option_feedback",
               "citations", "fact_ids")


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def csv_row(question: Question) -> dict[str, str]:
    """One CSV row: scalars as text, lists and the key as JSON."""
    data = question.model_dump(mode="json")
    return {
        "id": question.id,
        "type": question.type,
        "prompt": question.prompt,
        "options": _json(data["options"]),
        "items": _json(data["items"]),
        "answer": _json(data["answer"]),
        "accepted": _json(data["accepted"]),
        "tolerance": _json(data["tolerance"]),
        "match": question.match,
        "correct_answer": answer_text(question),
        "explanation": question.explanation,
        "feedback": feedback_text(question),
        "option_feedback": _json(data["option_feedback"]),
        "citations": _json(data["citations"]),
        "fact_ids": _json(data["fact_ids"]),
    }


def render_csv(quiz: Quiz, questions: list[Question], context: ExportContext) -> bytes:
    """UTF-8 CSV (RFC 4180 quoting, CRLF line ends) with a header row.

    Every cell is escaped by :func:`~factquiz.escape.csv_cell`, so a spreadsheet never
    runs one as a formula, and keeps no control character."""
    stream = io.StringIO(newline="")
    writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for question in questions:
        writer.writerow({key: csv_cell(value) for key, value in csv_row(question).items()})
    return stream.getvalue().encode("utf-8")


def render_json(quiz: Quiz, questions: list[Question], context: ExportContext) -> bytes:
    """The quiz and its questions as JSON (UTF-8, not ASCII-escaped)."""
    document = {
        "id": quiz.id,
        "title": quiz.title,
        "lesson": quiz.lesson,
        "seed": quiz.seed,
        "questions": [q.model_dump(mode="json") for q in questions],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


#: The types whose answer text ``common.answer_text`` writes.
CARRIES = frozenset({"mc", "tf", "cloze", "numeric", "ordering", "matching", "short"})
CSV = Format(name="csv", extension="csv", render=render_csv, carries=CARRIES,
             description="CSV, one row per question, lists as JSON arrays")
JSON = Format(name="json", extension="json", render=render_json, carries=CARRIES,
              description="JSON, the quiz as the question API defines it")
