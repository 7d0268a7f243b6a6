"""A student's progress: every quiz attempt, kept in a local JSON file across kernel restarts.

The file (default ``~/.factquiz/progress.json``, or the path in ``FACTQUIZ_PROGRESS``)
holds a list of attempts, a list of resets and the variants moved to with "Try again".
Every change is a read-modify-write under a file lock, written atomically, so two kernels
writing at once lose nothing and a crash leaves the old file or the new one, never half of
it. Nothing is overwritten or moved that was not asked for:

* a progress file that was read and is not valid progress JSON (truncated, say) is moved
  aside to ``<name>.corrupt-<time>`` with a warning, and only when an answer is being
  saved: reading (``factquiz progress``, :func:`progress`, restoring a quiz) warns and
  leaves it as it is;
* a file that cannot be read (permissions), a directory, or a file that is not a factquiz
  progress file at all is an error that names it, and is never moved;
* one bad attempt record hides nothing else: the valid ones are used, the bad one is named
  in a warning and the summary, and kept in the file as it was.

An attempt stores its answer by content (option and item texts, not indices) and a
fingerprint of its question, so a question that changed since (the bank was edited and
the quiz regenerated) is detected, and its saved answer is not graded again silently.

This module stores and summarises; it renders nothing but the summary's own text, HTML
and chart, and knows nothing of widgets.
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
import io
import json
import os
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from datetime import datetime, timezone
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args, get_type_hints

from .errors import FactquizError
from .normalize import answer_key

if TYPE_CHECKING:
    from filelock import FileLock, Timeout

    from .model import Question

#: Environment variable naming the progress file.
PROGRESS_ENV = "FACTQUIZ_PROGRESS"
#: Format version written to the file (2: answers by content, fingerprints, variants).
FORMAT_VERSION = 2
#: Seconds to wait for another kernel holding the lock.
LOCK_TIMEOUT = 10.0


class ProgressLocked(FactquizError):
    """The progress file stayed locked by another process for too long."""


class ProgressWarning(UserWarning):
    """Something about the progress file needs the user's attention (e.g. it was corrupt)."""


class ProgressUnusable(FactquizError):
    """The progress path cannot be used (unreadable, a directory, not a progress file)."""


def utc_now() -> str:
    """The current time as ISO 8601 UTC with seconds, e.g. ``2024-05-01T09:30:00Z``."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def default_path() -> Path:
    """``$FACTQUIZ_PROGRESS`` if set, else ``~/.factquiz/progress.json``."""
    configured = os.environ.get(PROGRESS_ENV)
    if configured:
        return Path(configured).expanduser()
    return Path.home() / ".factquiz" / "progress.json"


@dataclass(frozen=True, kw_only=True)
class Attempt:
    """One checked answer to one question of one quiz variant."""

    quiz: str
    lesson: str
    seed: int
    student: str | None = None
    question: str  # the question's id
    type: str
    answer: Any  # the response as given to grade()
    correct: bool
    time: str
    #: The answer by content: option text (mc, tf), item texts in order (ordering),
    #: [item, option] pairs (matching); None for typed answers (the answer is its own
    #: content).
    content: Any = None
    #: question_fingerprint() of the question when it was answered.
    fingerprint: str | None = None


@dataclass(frozen=True, kw_only=True)
class Reset:
    """The student pressed Reset: attempts before ``after`` no longer count for the variant."""

    quiz: str
    seed: int
    student: str | None = None
    after: int  # number of attempts in the file when the reset happened
    time: str


@dataclass(frozen=True, kw_only=True)
class Variant:
    """The student moved to another variant of a quiz ("Try again")."""

    quiz: str
    seed: int
    student: str | None = None
    time: str


#: A record of the progress file (one of the three kinds above).
Record = Attempt | Reset | Variant


@dataclass
class ProgressData:
    """The whole progress file. Records are kept as the file holds them (a bad one is kept
    too, and named in ``problems``); the valid ones are read through the properties."""

    version: int = FORMAT_VERSION
    records: list[Any] = field(default_factory=list)
    reset_records: list[Any] = field(default_factory=list)
    variant_records: list[Any] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._attempts = _valid(Attempt, self.records, "attempt", self.problems)
        self._resets = _valid(Reset, self.reset_records, "reset", self.problems)
        self._variants = _valid(Variant, self.variant_records, "variant", self.problems)

    @property
    def attempts(self) -> list[Attempt]:
        """The valid attempts, oldest first."""
        return [a for _, a in self._attempts]

    @property
    def indexed_attempts(self) -> list[tuple[int, Attempt]]:
        """The valid attempts with their position among all the file's attempt records."""
        return list(self._attempts)

    @property
    def resets(self) -> list[Reset]:
        """The valid resets, oldest first."""
        return [r for _, r in self._resets]

    @property
    def variants(self) -> list[Variant]:
        """The valid moves to another variant, oldest first."""
        return [v for _, v in self._variants]

    def add(self, kind: str, record: Record) -> None:
        """Append a new attempt, reset or variant record."""
        lists = {"attempt": (self.records, self._attempts),
                 "reset": (self.reset_records, self._resets),
                 "variant": (self.variant_records, self._variants)}
        raw, valid = lists[kind]
        valid.append((len(raw), record))  # type: ignore[arg-type]
        raw.append(_as_json(record))

    def to_json(self) -> dict[str, Any]:
        """The file's content: every record as it was read or added."""
        return {"version": FORMAT_VERSION, "attempts": self.records,
                "resets": self.reset_records, "variants": self.variant_records}


def _valid(model: type[Any], records: list[Any], what: str,
           problems: list[str]) -> list[tuple[int, Any]]:
    """The records that are valid ``model`` objects, with their positions; each bad one is
    named in ``problems``."""
    out = []
    for i, record in enumerate(records):
        plain = _plain(model, record)
        if plain is not None:
            out.append((i, plain))
            continue
        from pydantic import ValidationError  # here: only a record that is not plain

        try:
            out.append((i, _validated(model, record)))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "record"
            problems.append(f"{what} {i + 1} is not valid ({where}: {first['msg']}); it is kept "
                            "in the file and left out")
    return out


@cache
def _fields(model: type[Any]) -> tuple[tuple[str, Any, bool], ...]:
    """``(name, type, required)`` of each field of a record class."""
    hints = get_type_hints(model)
    return tuple((f.name, hints[f.name], f.default is dataclasses.MISSING)
                 for f in fields(model))


def _plain(model: type[Any], record: Any) -> Any | None:
    """``record`` as a ``model`` when each of its fields holds exactly its JSON type (as
    every record this module writes does), else None: pydantic then validates it and says
    what is wrong. Saves loading pydantic when a quiz is shown or checked."""
    if not isinstance(record, dict):
        return None
    values = {}
    for name, annotation, required in _fields(model):
        if name in record:
            if not _holds(annotation, record[name]):
                return None
            values[name] = record[name]
        elif required:
            return None
    return model(**values)


@cache
def _adapter(model: type[Any]) -> Any:
    """pydantic's validator of a record class (unknown keys ignored; made when a record
    is not plain)."""
    from pydantic import TypeAdapter

    return TypeAdapter(model)


def _validated(model: type[Any], record: Any) -> Any:
    """``record`` as a ``model``, its values converted by pydantic (e.g. ``"3"`` to 3);
    pydantic's ``ValidationError`` (a ``ValueError``) says what is wrong with it."""
    if not isinstance(record, dict):  # as pydantic says it of a model's record
        from pydantic_core import InitErrorDetails, PydanticCustomError, ValidationError

        error = PydanticCustomError("model_type", "Input should be a valid dictionary or "
                                    "instance of {name}", {"name": model.__name__})
        raise ValidationError.from_exception_data(
            model.__name__, [InitErrorDetails(type=error, loc=(), input=record)])
    return _adapter(model).validate_python(record)


def _holds(annotation: Any, value: Any) -> bool:
    """Whether ``value`` is exactly of the field type ``annotation`` (str, int, bool,
    ``X | None`` or Any), with no conversion."""
    if annotation is Any:
        return True
    if annotation is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if annotation in (str, bool, type(None)):
        return type(value) is annotation
    options = get_args(annotation)
    return bool(options) and any(_holds(option, value) for option in options)


def _record(model: type[Any], **values: Any) -> Any:
    """A new ``model`` record (validated by pydantic only when a value is not plain)."""
    plain = _plain(model, values)
    return plain if plain is not None else _validated(model, values)


def _as_json(record: Record) -> dict[str, Any]:
    """A record as its file holds it (its fields, JSON values as given)."""
    return {name: getattr(record, name) for name, _, _ in _fields(type(record))}


def question_fingerprint(question: Question) -> str:
    """A short hash of what a student answers: type, prompt, the options and items (in any
    order: a reshuffle is not a change) and the key by content."""
    key = answer_content(question, question.answer)
    content = {"type": question.type, "prompt": question.prompt,
               "options": sorted(question.options), "items": sorted(question.items),
               "key": question.answer if key is None else _sorted_pairs(key),
               "accepted": question.accepted, "tolerance": question.tolerance,
               "match": question.match}
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()[:16]


def _sorted_pairs(content: Any) -> Any:
    if isinstance(content, list) and content and isinstance(content[0], list):
        return sorted(content)
    return content


def answer_content(question: Question, response: Any) -> Any:
    """``response`` by content, which survives a reshuffle of options and items (None for
    typed answers, which are their own content, and for a response that does not fit)."""
    try:
        if question.type in ("mc", "tf"):
            return question.options[response]
        if question.type == "ordering":
            return [question.items[i] for i in response]
        if question.type == "matching":
            return [[item, question.options[j]]
                    for item, j in zip(question.items, response, strict=True)]
    except (IndexError, TypeError, ValueError):
        return None
    return None


def response_from_content(question: Question, content: Any) -> Any:
    """The response to ``question`` that :func:`answer_content` stored as ``content``, or
    None when it no longer fits (an option or item is gone)."""
    def index(texts: list[str], text: object) -> int:
        keys = [answer_key(t) for t in texts]
        return keys.index(answer_key(str(text)))

    try:
        if question.type in ("mc", "tf"):
            return index(question.options, content)
        if question.type == "ordering":
            order = [index(question.items, t) for t in content]
            return order if sorted(order) == list(range(len(question.items))) else None
        if question.type == "matching":
            pairs = {answer_key(str(item)): option for item, option in content}
            return [index(question.options, pairs[answer_key(item)]) for item in question.items]
    except (KeyError, ValueError, TypeError):
        return None
    return content


class ProgressStore:
    """The progress file: read, append attempts and resets, summarise."""

    def __init__(self, path: Path | str | None = None,
                 clock: Callable[[], str] = utc_now) -> None:
        self.path = Path(path).expanduser() if path is not None else default_path()
        self.clock = clock
        self._lock: FileLock | None = None  # made on first use (filelock loads slowly)

    # --- reading and writing ----------------------------------------------------------

    def _unusable(self, problem: str) -> ProgressUnusable:
        return ProgressUnusable(f"progress file {self.path} {problem}; it was left as it is: "
                                f"fix it, or set {PROGRESS_ENV} to another file")

    def _read_unlocked(self, repair: bool) -> ProgressData:
        """The file's data. A file that is not valid progress JSON is moved aside (with a
        warning) when ``repair`` (an answer is being saved), else only warned about; either
        way it reads as empty. An unreadable path, a directory or a file that is not a
        progress file raises :class:`ProgressUnusable`."""
        if self.path.is_dir():
            raise self._unusable("is a directory, not a file")
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return ProgressData()
        except OSError as exc:
            raise self._unusable(f"cannot be read ({exc.strerror or exc})") from exc
        if not raw.strip():
            return ProgressData()
        if b'"attempts"' not in raw:
            raise self._unusable("is not a factquiz progress file (it has no attempts)")
        try:
            loaded = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            return self._corrupt("is not UTF-8 text", repair)
        except json.JSONDecodeError as exc:
            return self._corrupt(f"is not valid JSON (line {exc.lineno}, column {exc.colno})",
                                 repair)
        shape = {"attempts": list, "resets": list, "variants": list, "version": int}
        if not isinstance(loaded, dict) or any(
                not isinstance(loaded.get(k, t()), t) for k, t in shape.items()):
            return self._corrupt("does not hold progress data (an object with lists of "
                                 "attempts and resets)", repair)
        data = ProgressData(version=loaded.get("version", 1), records=loaded.get("attempts", []),
                            reset_records=loaded.get("resets", []),
                            variant_records=loaded.get("variants", []))
        if data.version > FORMAT_VERSION:
            raise FactquizError(f"{self.path} was written by a newer factquiz (format "
                                f"{data.version}); upgrade factquiz to read it")
        if not repair:  # named once, when read; not again at every saved answer
            for problem in data.problems:
                warnings.warn(ProgressWarning(f"progress file {self.path}: {problem}"),
                              stacklevel=4)
        return data

    def _corrupt(self, problem: str, repair: bool) -> ProgressData:
        if not repair:
            warnings.warn(ProgressWarning(
                f"progress file {self.path} {problem}; it was left as it is (it will be moved "
                "aside when the next answer is saved)"), stacklevel=4)
            return ProgressData()
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        os.replace(self.path, aside)
        warnings.warn(ProgressWarning(
            f"progress file {self.path} {problem}; it was moved to {aside} and a new, "
            "empty progress file is used"), stacklevel=4)
        return ProgressData()

    def _write_unlocked(self, data: ProgressData) -> None:
        from .atomic import atomic_write_text

        text = json.dumps(data.to_json(), indent=1, ensure_ascii=False)
        atomic_write_text(self.path, text + "\n")

    def _locked(self) -> FileLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self._lock is None:
            from filelock import FileLock

            self._lock = FileLock(str(self.path) + ".lock", timeout=LOCK_TIMEOUT)
        return self._lock

    def _locked_error(self, exc: Timeout) -> ProgressLocked:
        return ProgressLocked(f"{self.path} is locked by another process ({exc.lock_file}); try "
                              "again, or delete the lock file if no kernel is running")

    def stamp(self) -> tuple[int, int, int] | None:
        """The file's modification time, size and inode (None when there is none): a
        change means someone wrote it."""
        try:
            stat = self.path.stat()
        except OSError:
            return None
        return stat.st_mtime_ns, stat.st_size, stat.st_ino

    def load(self) -> ProgressData:
        """Everything in the file (empty when there is no file yet). Reading takes no lock:
        the file is only ever replaced whole (see :meth:`_update`), so a reader sees the
        file before a change or after it."""
        if not self.path.exists():
            return ProgressData()
        return self._read_unlocked(repair=False)

    def _update(self, change: Callable[[ProgressData], None]) -> None:
        """Read, ``change`` and write the file, under the lock."""
        from filelock import Timeout

        if self.path.is_dir():
            raise self._unusable("is a directory, not a file")
        try:
            with self._locked():
                data = self._read_unlocked(repair=True)
                change(data)
                self._write_unlocked(data)
        except Timeout as exc:
            raise self._locked_error(exc) from exc

    def record(self, quiz: str, lesson: str, seed: int, student: str | None,
               question: str | Question, qtype: str, answer: Any, correct: bool) -> Attempt:
        """Append one attempt and save; returns it. Given the :class:`Question` itself, the
        answer is also stored by content with the question's fingerprint."""
        extra: dict[str, Any] = {}
        if not isinstance(question, str):
            extra = {"content": answer_content(question, answer),
                     "fingerprint": question_fingerprint(question)}
            question = question.id
        attempt = _record(Attempt, quiz=quiz, lesson=lesson, seed=seed, student=student,
                          question=question, type=qtype, answer=answer, correct=correct,
                          time=self.clock(), **extra)
        self._update(lambda data: data.add("attempt", attempt))
        return attempt

    def moved_to(self, quiz: str, seed: int, student: str | None) -> None:
        """Note that the student moved to variant ``seed`` ("Try again")."""
        variant = _record(Variant, quiz=quiz, seed=seed, student=student, time=self.clock())
        self._update(lambda data: data.add("variant", variant))

    def last_variant(self, quiz: str, student: str | None,
                     data: ProgressData | None = None) -> int | None:
        """The variant the student was last on (moved to, or answered), or None."""
        data = data if data is not None else self.load()
        moved = [v.seed for v in data.variants if (v.quiz, v.student) == (quiz, student)]
        if moved:
            return moved[-1]
        answered = [a.seed for a in data.attempts if (a.quiz, a.student) == (quiz, student)]
        return answered[-1] if answered else None

    def reset(self, quiz: str, seed: int, student: str | None) -> None:
        """Start the variant afresh: earlier attempts stay in the history but no longer count."""
        def change(data: ProgressData) -> None:
            data.add("reset", _record(Reset, quiz=quiz, seed=seed, student=student,
                                      after=len(data.records), time=self.clock()))
        self._update(change)

    def current(self, quiz: str, seed: int, student: str | None,
                data: ProgressData | None = None) -> list[Attempt]:
        """The attempts at one variant since its last reset, oldest first."""
        data = data if data is not None else self.load()
        start = max((r.after for r in data.resets
                     if (r.quiz, r.seed, r.student) == (quiz, seed, student)), default=0)
        return [a for i, a in data.indexed_attempts
                if i >= start and (a.quiz, a.seed, a.student) == (quiz, seed, student)]

    def summary(self, lessons: dict[str, str] | None = None) -> ProgressSummary:
        """Per-lesson summary; ``lessons`` (id -> title, in order) adds untried lessons."""
        data = self.load()
        return summarise(data.attempts, lessons or {}, self.path, data.problems)


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
              path: Path | None = None, problems: Iterable[str] = ()) -> ProgressSummary:
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
    return ProgressSummary(rows=rows, path=path, problems=list(problems))


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
    problems: list[str] = field(default_factory=list)

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
        lines += [f"Left out: {p}" for p in self.problems]
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
        parts += [f"<p>Left out: {html.escape(p)}</p>" for p in self.problems]
        return "\n".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {"path": None if self.path is None else str(self.path),
                "lessons": [r.to_dict() for r in self.rows], "problems": list(self.problems)}

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
