"""The instructor's write path: adding facts, instructor questions and lessons safely.

A new item is checked with exactly the rules of ``factquiz check`` (:mod:`.scratch`): the
candidate file is built in memory (:mod:`.yamlinsert`, which keeps the rest of the file
byte for byte), the project is loaded and checked with it in place in a scratch copy of
the data files, and any error the change brings in refuses it, so nothing invalid is ever
written. Each check-and-write holds the project's lock and writes atomically
(:mod:`.transaction`). :mod:`.facts`, :mod:`.questions` and :mod:`.lessons` are the three
commands' work; :mod:`.ids` suggests ids.
"""

from __future__ import annotations

from .errors import FileBusy, InvalidItem, LessonExists, NotAddable, UnknownLesson, UnknownQuizFile
from .facts import add_fact, doubtful_fact_findings, fact_file_for, guess_kind, require_lesson
from .ids import slugify, suggest_fact_id, suggest_question_id
from .lessons import NewLessonResult, add_to_toc, new_lesson
from .questions import add_question, quiz_file_for
from .transaction import AddResult

__all__ = [
    "AddResult", "FileBusy", "InvalidItem", "LessonExists", "NewLessonResult", "NotAddable",
    "UnknownLesson", "UnknownQuizFile", "add_fact", "add_question", "add_to_toc",
    "doubtful_fact_findings", "fact_file_for", "guess_kind", "new_lesson", "quiz_file_for",
    "require_lesson", "slugify", "suggest_fact_id", "suggest_question_id",
]
