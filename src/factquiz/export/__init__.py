"""Exporting a generated quiz for other platforms: Moodle, Canvas, Anki, CSV and JSON.

One module per format; this module is the registry and the one entry point,
:func:`export_quiz`. A format that cannot carry a question type says so: by default the
other questions are exported and the skipped ones are reported in the result; with
``strict=True`` nothing is written and :class:`UnsupportedQuestionType` names them.
Nothing is ever dropped silently, and every file is written atomically.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import FactquizError
from ..load import Project
from ..quizmodel import Quiz
from ..yamlio import atomic_write_bytes
from . import anki, gift, moodle, qti, tabular
from .base import (
    ExportContext,
    ExportResult,
    Format,
    NothingToExport,
    Skipped,
    UnknownFormat,
    UnsupportedQuestionType,
)

__all__ = [
    "FORMATS",
    "ExportContext",
    "ExportResult",
    "Format",
    "NothingToExport",
    "ProtectedPath",
    "Skipped",
    "UnknownFormat",
    "UnsupportedQuestionType",
    "default_path",
    "export_quiz",
    "get_format",
    "protected_reason",
]

FORMATS: dict[str, Format] = {
    f.name: f for f in (moodle.FORMAT, gift.FORMAT, qti.FORMAT, anki.FORMAT, tabular.CSV,
                        tabular.JSON)
}
EXPORTS_DIR = "exports"
#: What an export may never write to or into: the project's data and the book.
PROTECTED = ("sources", "facts", "quizzes", "book", "schemas", "notebooks", "lessons.yml",
             "_toc.yml", "_config.yml", ".git")


class ProtectedPath(FactquizError):
    """The output path is project data (or a directory): an export never writes there."""


def protected_reason(path: Path, root: Path) -> str | None:
    """Why an export must not write ``path``, or None if it may (perhaps replacing a file).

    Nothing inside the project's data (:data:`PROTECTED`) may be written, existing or not:
    a stray file in ``facts/`` or ``quizzes/`` would be read as data. A directory is
    never replaced.
    """
    target = path.resolve()
    if target.is_dir():
        return f"{path} is a directory; name a file to write"
    try:
        parts = target.relative_to(root.resolve()).parts
    except ValueError:
        return None
    if parts and parts[0] in PROTECTED:
        return (f"{path} is the project's {parts[0]}; an export never writes into the project's "
                f"data ({', '.join(PROTECTED)}): write it to {EXPORTS_DIR}/ or outside the "
                "project")
    return None


def get_format(name: str) -> Format:
    """The format called ``name``; an unknown name lists the known ones."""
    try:
        return FORMATS[name]
    except KeyError:
        raise UnknownFormat(f"unknown export format '{name}'; use one of: "
                            f"{', '.join(FORMATS)}") from None


def default_path(root: Path, quiz: Quiz, fmt: Format) -> Path:
    """``exports/<quiz>-<seed>.<ext>`` under the project root."""
    return root / EXPORTS_DIR / f"{quiz.id}-{quiz.seed}.{fmt.extension}"


def context_for(project: Project) -> ExportContext:
    """What formats may need from the project: its facts and sources."""
    return ExportContext(facts=project.facts_by_id, sources=dict(project.sources))


def export_quiz(quiz: Quiz, fmt: str, path: Path, context: ExportContext | None = None,
                strict: bool = False) -> ExportResult:
    """Write ``quiz`` to ``path`` in format ``fmt``; report what could not be carried.

    Raises :class:`UnsupportedQuestionType` (with ``strict``) or :class:`NothingToExport`
    instead of writing when questions cannot be carried.
    """
    format_ = get_format(fmt)
    context = context or ExportContext()
    carried, skipped = [], []
    for question in quiz.questions:
        reason = format_.reason_to_skip(question)
        if reason is None:
            carried.append(question)
        else:
            skipped.append(Skipped(question.id, question.type, reason))
    listing = "; ".join(s.format() for s in skipped)
    if skipped and strict:
        raise UnsupportedQuestionType(
            f"{format_.name} cannot carry {len(skipped)} question(s) of quiz {quiz.id}: {listing}; "
            "nothing was written (drop --strict to export the others)", skipped)
    if not carried:
        detail = f": {listing}" if listing else ""
        raise NothingToExport(f"quiz {quiz.id} has no question that {format_.name} can carry"
                              f"{detail}; nothing was written")
    data = format_.render(quiz, carried, context)
    atomic_write_bytes(path, data)
    return ExportResult(format=format_.name, path=path, exported=[q.id for q in carried],
                        skipped=skipped, notes=format_.notes(carried))
