"""Why an item was not added: the refusals of the write path (each a :class:`FactquizError`,
so the CLI shows its message, never a traceback)."""

from __future__ import annotations

from ..errors import FactquizError
from ..findings import Finding


class InvalidItem(FactquizError):
    """The new item breaks a rule of ``factquiz check``; nothing was written."""

    def __init__(self, message: str, findings: list[Finding], fields: list[str]) -> None:
        super().__init__(message)
        self.findings = findings
        self.fields = fields  # the item's fields the errors point at, for re-prompting


class UnknownLesson(FactquizError):
    """The lesson named is not in lessons.yml."""


class UnknownQuizFile(FactquizError):
    """The quiz named has no file in quizzes/ to add a question to."""


class LessonExists(FactquizError):
    """``new-lesson`` was asked for a lesson id, or files, that already exist."""


class FileBusy(FactquizError):
    """Another writer held the file's lock for too long."""


class NotAddable(FactquizError):
    """The target file is not valid YAML of the expected shape; fix it first."""
