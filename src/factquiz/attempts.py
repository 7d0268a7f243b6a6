"""A student's progress: every quiz attempt, kept in a local JSON file across kernel restarts.

The file (default ``~/.factquiz/progress.json``, or the path in ``FACTQUIZ_PROGRESS``)
holds a list of attempts and a list of resets. Every change is a read-modify-write under
a file lock, written atomically, so two kernels writing at once lose nothing and a crash
leaves the old file or the new one, never half of it. A file that cannot be read is never
overwritten silently: it is moved aside to ``<name>.corrupt-<time>`` with a warning.

This module stores and summarises; it renders nothing but the summary's own text, HTML
and chart, and knows nothing of widgets.
"""

from __future__ import annotations

import html
import io
import json
import os
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import FactquizError
from .yamlio import atomic_write_text

#: Environment variable naming the progress file.
PROGRESS_ENV = "FACTQUIZ_PROGRESS"
#: Format version written to the file.
FORMAT_VERSION = 1
#: Seconds to wait for another kernel holding the lock.
LOCK_TIMEOUT = 10.0


class ProgressLocked(FactquizError):
    """The progress file stayed locked by another process for too long."""


class ProgressWarning(UserWarning):
    """Something about the progress file needs the user's attention (e.g. it was corrupt)."""


def utc_now() -> str:
    """The current time as ISO 8601 UTC with seconds, e.g. ``2024-05-01T09:30:00Z``."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def default_path() -> Path:
    """``$FACTQUIZ_PROGRESS`` if set, else ``~/.factquiz/progress.json``."""
    configured = os.environ.get(PROGRESS_ENV)
    if configured:
        return Path(configured).expanduser()
    return Path.home() / ".factquiz" / "progress.json"


class Attempt(BaseModel):
    """One checked answer to one question of one quiz variant."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    quiz: str
    lesson: str
    seed: int
    student: str | None = None
    question: str = Field(description="Question id.")
    type: str
    answer: Any = Field(description="The response as given to grade().")
    correct: bool
    time: str


class Reset(BaseModel):
    """The student pressed Reset: attempts before ``after`` no longer count for the variant."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    quiz: str
    seed: int
    student: str | None = None
    after: int = Field(description="Number of attempts in the file when the reset happened.")
    time: str


class ProgressData(BaseModel):
    """The whole progress file."""

    model_config = ConfigDict(extra="ignore")

    version: int = FORMAT_VERSION
    attempts: list[Attempt] = Field(default_factory=list)
    resets: list[Reset] = Field(default_factory=list)


class ProgressStore:
    """The progress file: read, append attempts and resets, summarise."""

    def __init__(self, path: Path | str | None = None,
                 clock: Callable[[], str] = utc_now) -> None:
        self.path = Path(path).expanduser() if path is not None else default_path()
        self.clock = clock
        self._lock = FileLock(str(self.path) + ".lock", timeout=LOCK_TIMEOUT)

    # --- reading and writing ----------------------------------------------------------

    def _read_unlocked(self) -> ProgressData:
        """The file's data; a corrupt file is moved aside (with a warning) and read as empty."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return ProgressData()
        except (OSError, UnicodeDecodeError) as exc:
            return self._set_aside(f"cannot be read ({exc})")
        if not text.strip():
            return ProgressData()
        try:
            data = ProgressData.model_validate(json.loads(text))
        except json.JSONDecodeError as exc:
            return self._set_aside(f"is not valid JSON (line {exc.lineno}, column {exc.colno})")
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            return self._set_aside(f"does not hold progress data ({where}: {first['msg']})")
        if data.version > FORMAT_VERSION:
            raise FactquizError(f"{self.path} was written by a newer factquiz (format "
                                f"{data.version}); upgrade factquiz to read it")
        return data

    def _set_aside(self, problem: str) -> ProgressData:
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        os.replace(self.path, aside)
        warnings.warn(ProgressWarning(
            f"progress file {self.path} {problem}; it was moved to {aside} and a new, "
            "empty progress file is used"), stacklevel=4)
        return ProgressData()

    def _write_unlocked(self, data: ProgressData) -> None:
        text = json.dumps(data.model_dump(mode="json"), indent=1, ensure_ascii=False)
        atomic_write_text(self.path, text + "\n")

    def _locked(self) -> FileLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return self._lock

    def _locked_error(self, exc: Timeout) -> ProgressLocked:
        return ProgressLocked(f"{self.path} is locked by another process ({exc.lock_file}); try "
                              "again, or delete the lock file if no kernel is running")

    def load(self) -> ProgressData:
        """Everything in the file (empty when there is no file yet)."""
        if not self.path.exists():
            return ProgressData()
        try:
            with self._locked():
                return self._read_unlocked()
        except Timeout as exc:
            raise self._locked_error(exc) from exc

    def _update(self, change: Callable[[ProgressData], None]) -> None:
        try:
            with self._locked():
                data = self._read_unlocked()
                change(data)
                self._write_unlocked(data)
        except Timeout as exc:
            raise self._locked_error(exc) from exc

    def record(self, quiz: str, lesson: str, seed: int, student: str | None, question: str,
               qtype: str, answer: Any, correct: bool) -> Attempt:
        """Append one attempt and save; returns it."""
        attempt = Attempt(quiz=quiz, lesson=lesson, seed=seed, student=student,
                          question=question, type=qtype, answer=answer, correct=correct,
                          time=self.clock())
        self._update(lambda data: data.attempts.append(attempt))
        return attempt

    def reset(self, quiz: str, seed: int, student: str | None) -> None:
        """Start the variant afresh: earlier attempts stay in the history but no longer count."""
        def change(data: ProgressData) -> None:
            data.resets.append(Reset(quiz=quiz, seed=seed, student=student,
                                     after=len(data.attempts), time=self.clock()))
        self._update(change)

    def current(self, quiz: str, seed: int, student: str | None,
                data: ProgressData | None = None) -> list[Attempt]:
        """The attempts at one variant since its last reset, oldest first."""
        data = data if data is not None else self.load()
        start = max((r.after for r in data.resets
                     if (r.quiz, r.seed, r.student) == (quiz, seed, student)), default=0)
        return [a for a in data.attempts[start:]
                if (a.quiz, a.seed, a.student) == (quiz, seed, student)]

    def summary(self, lessons: dict[str, str] | None = None) -> ProgressSummary:
        """Per-lesson summary; ``lessons`` (id -> title, in order) adds untried lessons."""
        return summarise(self.load().attempts, lessons or {}, self.path)


# --- summary ----------------------------------------------------------------------------


@dataclass(frozen=True)
class LessonProgress:
    """What a student has done on one lesson's quizzes."""

    lesson: str
    title: str
    attempts: int
    questions: int  # distinct questions tried (per variant)
    first_try_correct: int
    last: str | None

    @property
    def accuracy(self) -> float | None:
        """Share of questions right at the first attempt (None when none was tried)."""
        return self.first_try_correct / self.questions if self.questions else None

    def to_dict(self) -> dict[str, Any]:
        return {"lesson": self.lesson, "title": self.title, "attempts": self.attempts,
                "questions": self.questions, "first_try_correct": self.first_try_correct,
                "accuracy": None if self.accuracy is None else round(self.accuracy, 4),
                "last": self.last}


def summarise(attempts: Iterable[Attempt], lessons: dict[str, str],
              path: Path | None = None) -> ProgressSummary:
    """Group attempts by lesson: counts, first-try score and last activity."""
    by_lesson: dict[str, list[Attempt]] = {}
    for attempt in attempts:
        by_lesson.setdefault(attempt.lesson, []).append(attempt)
    order = list(lessons) + sorted(set(by_lesson) - set(lessons))
    rows = []
    for lesson in order:
        tried = by_lesson.get(lesson, [])
        first: dict[tuple[str, int, str | None, str], bool] = {}
        for a in tried:
            first.setdefault((a.quiz, a.seed, a.student, a.question), a.correct)
        rows.append(LessonProgress(
            lesson=lesson, title=lessons.get(lesson, lesson), attempts=len(tried),
            questions=len(first), first_try_correct=sum(first.values()),
            last=max((a.time for a in tried), default=None)))
    return ProgressSummary(rows=rows, path=path)


def bar(fraction: float | None, width: int = 20) -> str:
    """A text bar such as ``██████░░░░`` for a fraction in [0, 1] (blank when None)."""
    if fraction is None:
        return "·" * width
    filled = round(max(0.0, min(1.0, fraction)) * width)
    return "█" * filled + "░" * (width - filled)


def percent(fraction: float | None) -> str:
    return "—" if fraction is None else f"{fraction:.0%}"


@dataclass(frozen=True)
class ProgressSummary:
    """The per-lesson summary table, displayable as text, HTML (with a chart) or JSON."""

    rows: list[LessonProgress]
    path: Path | None = None

    HEADERS = ("Lesson", "Attempts", "Questions", "First try", "Score", "Last activity")

    def cells(self, row: LessonProgress) -> tuple[str, ...]:
        return (row.title, str(row.attempts), str(row.questions), str(row.first_try_correct),
                percent(row.accuracy), row.last or "—")

    @property
    def total_attempts(self) -> int:
        return sum(r.attempts for r in self.rows)

    def text(self) -> str:
        """A plain-text table with a bar per lesson."""
        table = [self.HEADERS, *(self.cells(r) for r in self.rows)]
        widths = [max(len(row[i]) for row in table) for i in range(len(self.HEADERS))]
        lines = []
        for n, row in enumerate(table):
            chart = "Chart" if n == 0 else bar(self.rows[n - 1].accuracy)
            lines.append("  ".join([row[0].ljust(widths[0]),
                                    *(c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)),
                                    chart]).rstrip())
        if not self.total_attempts:
            lines.append("No attempts yet: answer a question and press Check.")
        return "\n".join(lines)

    def chart_svg(self) -> str:
        """A horizontal bar chart of the first-try score per lesson, as SVG text."""
        # A bare Figure needs no backend: the user's (e.g. inline) backend is left alone.
        from matplotlib.figure import Figure

        tried = [r for r in self.rows if r.accuracy is not None]
        figure = Figure(figsize=(6, 0.45 * len(tried) + 0.9))
        axes = figure.add_subplot()
        labels = [r.title for r in tried][::-1]
        values = [100 * (r.accuracy or 0) for r in tried][::-1]
        bars = axes.barh(labels, values, color="#3b6ea8")
        axes.bar_label(bars, labels=[f"{v:.0f}%" for v in values], padding=3)
        axes.set_xlim(0, 110)
        axes.set_xlabel("Correct at the first try (%)")
        axes.set_title("Score per lesson")
        figure.tight_layout()
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg")
        svg = buffer.getvalue()
        return svg[svg.find("<svg"):]

    def html(self) -> str:
        """An HTML table and, once something was tried, the chart."""
        head = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in self.HEADERS)
        body = "".join(
            "<tr>" + f'<th scope="row" style="text-align:left">{html.escape(cells[0])}</th>'
            + "".join(f'<td style="text-align:right">{html.escape(c)}</td>' for c in cells[1:])
            + "</tr>"
            for cells in (self.cells(r) for r in self.rows))
        parts = [f"<table><caption>Quiz progress per lesson</caption><thead><tr>{head}</tr>"
                 f"</thead><tbody>{body}</tbody></table>"]
        if self.total_attempts:
            parts.append(f'<figure role="img" aria-label="Bar chart of the first-try score '
                         f'per lesson">{self.chart_svg()}</figure>')
        else:
            parts.append("<p>No attempts yet: answer a question and press Check.</p>")
        return "\n".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {"path": None if self.path is None else str(self.path),
                "lessons": [r.to_dict() for r in self.rows]}

    def _repr_html_(self) -> str:
        return self.html()

    def __repr__(self) -> str:
        return self.text()

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(self.text())


def progress(path: Path | str | None = None, project: Path | str | None = None) -> ProgressSummary:
    """The per-lesson progress summary (a table and chart when displayed in a notebook).

    Lessons come from the project found from the current directory (or ``project``), so
    untried lessons are listed too; outside a project only tried lessons are shown.
    """
    from .load import Project, load_lessons
    from .project import ProjectNotFound, project_root

    lessons: dict[str, str] = {}
    try:
        root = project_root(Path(project) if project is not None else None)
    except ProjectNotFound:
        if project is not None:
            raise
    else:
        loaded = Project(root=root)
        load_lessons(loaded)
        lessons = {lesson.id: lesson.title for lesson in loaded.lessons.values()}
    return ProgressStore(path).summary(lessons)
