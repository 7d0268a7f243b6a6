"""What an export format is, what an export did, and the errors it raises.

Kept apart from the registry in ``__init__`` so format modules can import it without a cycle.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import FactquizError
from ..model import Fact, Question, Source
from ..quizmodel import Quiz
from .common import export_kind


class UnknownFormat(FactquizError):
    """The export format asked for is not one factquiz writes."""


class UnsupportedQuestionType(FactquizError):
    """Some questions of the quiz cannot be carried by the chosen format."""

    def __init__(self, message: str, skipped: list[Skipped]) -> None:
        super().__init__(message)
        self.skipped = skipped


class NothingToExport(FactquizError):
    """No question of the quiz can be carried by the chosen format."""


@dataclass(frozen=True)
class Skipped:
    """A question an export left out, and why."""

    id: str
    type: str
    reason: str

    def format(self) -> str:
        return f"{self.id} ({self.type}): {self.reason}"


@dataclass(frozen=True)
class ExportContext:
    """What a format may need besides the questions: the facts and sources they cite."""

    facts: Mapping[str, Fact] = field(default_factory=dict)
    sources: Mapping[str, Source] = field(default_factory=dict)
    timestamp: float | None = None  # for formats that stamp their output (Anki); None = now


@dataclass(frozen=True)
class Format:
    """One export format: how to write a quiz, and which question types it carries.

    ``carries`` is an allow-list: a question of any other type (a type added later
    included) is left out and named, with the reason in ``unsupported`` when the format
    is known not to have such a question, else a generic one.
    """

    name: str
    extension: str
    description: str
    render: Callable[[Quiz, list[Question], ExportContext], bytes]
    carries: frozenset[str]
    unsupported: Mapping[str, str] = field(default_factory=dict)
    # What the format loses for the questions it does carry (told to the user, once).
    notes: Callable[[list[Question]], list[str]] = lambda questions: []

    def reason_to_skip(self, question: Question) -> str | None:
        """Why ``question`` cannot be exported in this format, or None if it can."""
        if question.type in self.carries or export_kind(question) in self.carries:
            return None
        return self.unsupported.get(
            question.type, f"{self.name} export does not carry {question.type} questions")


@dataclass
class ExportResult:
    """What an export wrote and what it left out."""

    format: str
    path: Path
    exported: list[str]
    skipped: list[Skipped]
    notes: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "path": str(self.path),
            "exported": self.exported,
            "skipped": [s.__dict__ for s in self.skipped],
            "notes": self.notes,
        }
