"""Adding facts, instructor questions and lessons safely: the instructor's write path.

A new item is checked with exactly the rules of ``factquiz check``: the candidate file is
built in memory, the project is loaded and checked with it in place (in a scratch copy of
the data files), and any error that the change brings in refuses it, so nothing invalid
is ever written. No rule is re-implemented here.

Writing keeps the file as it was: the new item's YAML is inserted as text at the end of
its list, so comments, order and formatting elsewhere stay byte for byte (a ruamel
round-trip, which keeps comments and order, is the fallback for files of unusual shape).
Each validate-and-write step holds the project's one lock (``.factquiz.lock`` at its
root), re-reads the files inside it, and goes through
:func:`~factquiz.yamlio.atomic_write_text`, so two instructors adding at once both land,
two facts with one id cannot both be added (even to different files), and a writer killed
mid-write leaves the old file intact. A file written with CRLF line ends keeps them.
"""

from __future__ import annotations

import io
import random
import re
import shutil
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from .categories import CATEGORIES_FILE
from .errors import FactquizError
from .escape import control_characters, markdown_text, one_line, yaml_scalar
from .factbank import Bank
from .findings import Finding
from .load import FACTS_DIR, LESSONS_FILE, SOURCES_DIR, Project, load_project
from .model import SLUG, Fact, Kind, Question
from .normalize import answer_key, numbers_in
from .project import MARKER
from .quizmodel import QUIZZES_DIR, InstructorQuestion, QuizFile
from .selection import instructor_question
from .verify import check
from .yamlio import (
    atomic_write_all,
    atomic_write_text,
    display_path,
    encoded,
    read_text,
    read_yaml,
    round_trip_yaml,
)

LOCK_TIMEOUT = 60.0  # seconds to wait for another writer before giving up
FACT_FIELDS: tuple[str, ...] = tuple(Fact.model_fields)
QUESTION_FIELDS: tuple[str, ...] = tuple(InstructorQuestion.model_fields)
# Lists the bank writes inline (``aliases: [LNG]``); the others one item per line.
FLOW_LISTS = frozenset({"aliases", "tags", "distractors", "accepted", "facts"})
SCHEMA_LINE = "# yaml-language-server: $schema=../schemas/{}.schema.json\n"
# What the loader reads; a scratch copy of these is enough to run every check.
DATA_PATHS: tuple[str, ...] = (MARKER, LESSONS_FILE, SOURCES_DIR, FACTS_DIR, QUIZZES_DIR,
                                CATEGORIES_FILE)
BOOK_LESSONS_DIR = "book/lessons"
TOC_FILE = "_toc.yml"  # the book's table of contents (Jupyter Book 1.x)
PROJECT_LOCK = ".factquiz"  # locked() adds ".lock": one lock for every writer of the project


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


@dataclass
class AddResult:
    """What adding an item did (or, for a dry run, would do)."""

    item_id: str
    path: Path
    shown: str
    item_yaml: str = field(repr=False)
    text: str = field(repr=False)
    warnings: list[Finding]
    written: bool
    created: bool
    project: Project | None = field(default=None, repr=False)  # as checked, with the item
    fact: Fact | None = field(default=None, repr=False)
    question: Question | None = field(default=None, repr=False)  # a variant of it


# --- Building the YAML of a new item ------------------------------------------------------------


def _clean(value: Any) -> Any:
    """Strip strings; drop blank strings from lists."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, Kind):
        return value.value
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value if not (isinstance(v, str) and not v.strip())]
    if isinstance(value, Mapping):
        return {k: _clean(v) for k, v in value.items()}
    return value


def _node(value: Any, key: str = "") -> Any:
    """A ruamel node for ``value``: mappings keep their order, short lists are inline."""
    if isinstance(value, Mapping):
        node = CommentedMap()
        for k, v in value.items():
            node[k] = _node(v, k)
        return node
    if isinstance(value, list):
        seq = CommentedSeq(_node(v) for v in value)
        if key in FLOW_LISTS:
            seq.fa.set_flow_style()
        return seq
    return value


def item_node(fields: Mapping[str, Any], order: Iterable[str],
              defaults: Mapping[str, Any] | None = None) -> CommentedMap:
    """The new item as a YAML mapping: keys in the model's order, empty and default fields
    left out. Unknown keys are kept (after the others) so that ``check`` reports them."""
    order = list(order)
    keys = [k for k in order if k in fields] + [k for k in fields if k not in order]
    node = CommentedMap()
    for key in keys:
        value = _clean(fields[key])
        if value is None or value == "" or value == [] or value == {}:
            continue
        if defaults and key in defaults and value == defaults[key]:
            continue
        node[key] = _node(value, key)
    return node


def fact_node(fields: Mapping[str, Any]) -> CommentedMap:
    """A new fact's mapping (evidence as a block list of {source, quote})."""
    return item_node(fields, FACT_FIELDS, {"derived": False})


def question_node(fields: Mapping[str, Any]) -> CommentedMap:
    """A new instructor question's mapping; matching pairs are written inline."""
    node = item_node(fields, QUESTION_FIELDS, {"shuffle": True, "match": "exact", "tolerance": 0})
    for pair in node.get("pairs", []):
        if isinstance(pair, CommentedMap):
            pair.fa.set_flow_style()
    return node


def _dump(data: Any) -> str:
    yaml = round_trip_yaml()
    yaml.width = 4096  # the bank keeps one field per line
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def item_yaml(key: str, node: CommentedMap) -> str:
    """The YAML lines of one list item under ``key:``, indented as the bank indents them."""
    text = _dump(CommentedMap({key: CommentedSeq([node])}))
    return text.split("\n", 1)[1]


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _load(text: str, shown: str) -> Any:
    try:
        return round_trip_yaml().load(text)
    except YAMLError as exc:
        raise NotAddable(f"{shown} is not valid YAML ({' '.join(str(exc).split())}); fix it "
                         "first (`factquiz check` shows where)") from None


def _insertion_point(text: str, data: CommentedMap, key: str) -> int:
    """Offset in ``text`` just after the last content line of ``key``'s value.

    That is the end of the file, or the start of the next top-level key with the
    comments and blank lines right above it (they belong to that key).
    """
    keys = list(data)
    following = keys[keys.index(key) + 1:]
    if not following:
        return len(text)
    lines = text.splitlines(keepends=True)
    row = data.lc.key(following[0])[0]
    while row > 0 and (not lines[row - 1].strip() or lines[row - 1].startswith("#")):
        row -= 1
    return sum(len(line) for line in lines[:row])


def insert_item(original: str | None, key: str, node: CommentedMap, header: str = "",
                shown: str = "the file") -> str:
    """The file text with ``node`` appended to its top-level list ``key``.

    The item goes in as text after the list's last item, so everything else is kept
    byte for byte. When that would not give the intended document (``key: []``, an odd
    layout), the file is round-tripped through ruamel instead, keeping comments and order.
    """
    if original is None or not original.strip():
        original = (original or "") + header + f"{key}:\n"
    before = _load(original, shown)
    if before is None:  # only comments
        original += ("" if original.endswith("\n") else "\n") + f"{key}:\n"
        before = _load(original, shown)
    if not isinstance(before, CommentedMap):
        raise NotAddable(f"{shown} is not a mapping with a `{key}:` list; fix it first")
    if key not in before:
        original += ("" if original.endswith("\n") else "\n") + f"{key}:\n"
        before = _load(original, shown)
    old = before.get(key)
    expected = {**_plain(before), key: [*(_plain(old) or []), _plain(node)]}
    at = _insertion_point(original, before, key)
    head, rest = original[:at], original[at:]
    if head and not head.endswith("\n"):
        head += "\n"
    separated = "\n\n  - " in original[: at + 1]  # items are separated by blank lines
    if separated and not head.endswith("\n\n"):
        head += "\n"
    candidate = head + item_yaml(key, node) + rest
    try:
        after = round_trip_yaml().load(candidate)
    except YAMLError:
        after = None
    if isinstance(after, CommentedMap) and _plain(after) == expected \
            and list(after) == list(before):
        return candidate
    seq = before.get(key)
    if not isinstance(seq, CommentedSeq):
        seq = CommentedSeq()
        before[key] = seq
    if not seq:
        seq.fa.set_block_style()
    seq.append(node)
    return _dump(before)


# --- Checking with the project's own rules --------------------------------------------------------


def _scratch_copy(root: Path, into: Path) -> None:
    """Copy what the loader reads (data files only) from ``root`` into ``into``.

    A dangling link is left out (``check`` reports it in the project itself); a file that
    cannot be read stops the copy with :class:`NotAddable` naming it.
    """
    ignore = shutil.ignore_patterns("*.lock", "*.tmp", ".*")
    for name in DATA_PATHS:
        src = root / name
        try:
            if src.is_dir():
                shutil.copytree(src, into / name, ignore=ignore, ignore_dangling_symlinks=True)
            elif src.is_file():
                shutil.copy2(src, into / name)
        except OSError as exc:
            where = _copy_failure(exc) or display_path(src, root)
            raise NotAddable(f"cannot read {where} to check the change; fix it first "
                             "(`factquiz check` shows what is wrong)") from None


def _copy_failure(exc: OSError) -> str:
    """The file and reason of a failed copy (``shutil.Error`` lists them)."""
    if isinstance(exc, shutil.Error) and exc.args and isinstance(exc.args[0], list):
        return "; ".join(f"{src} ({why})" for src, _, why in exc.args[0])
    return f"{exc.filename} ({exc.strerror})" if exc.filename else ""


def check_with(root: Path, replaced: Mapping[Path, str]) -> tuple[Project, list[Finding]]:
    """Load and check the project as it would be with the files in ``replaced`` rewritten.

    Exactly what ``factquiz check`` runs, on a scratch copy; the real files are untouched.
    Findings carry the project's own relative paths.
    """
    with tempfile.TemporaryDirectory(prefix="factquiz-check-") as tmp:
        scratch = Path(tmp)
        _scratch_copy(root, scratch)
        for path, text in replaced.items():
            target = scratch / path.relative_to(root)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        project = load_project(scratch)
        findings = check(project)
    project.root = root
    return project, findings


def _identity(finding: Finding) -> tuple[str, ...]:
    # Not the line: lines after an inserted item move.
    return (finding.path, finding.code, finding.item, finding.message, finding.severity)


def new_findings(before: Iterable[Finding], after: Iterable[Finding]) -> list[Finding]:
    """The findings of ``after`` that ``before`` does not have (as a multiset)."""
    known = Counter(_identity(f) for f in before)
    fresh = []
    for finding in after:
        if known[_identity(finding)]:
            known[_identity(finding)] -= 1
        else:
            fresh.append(finding)
    return fresh


def _item_lines(text: str, key: str, length: int) -> tuple[int, dict[int, str]]:
    """Where the last item of ``key`` starts (1-based line), and the field each of its
    ``length`` lines belongs to."""
    data, _ = read_yaml(Path("candidate"), "candidate", text=text)
    seq = data[key]
    node = seq[-1]
    start = seq.lc.item(len(seq) - 1)[0] + 1
    lines: dict[int, str] = {}
    if isinstance(node, CommentedMap):
        starts = sorted((node.lc.key(name)[0] + 1, name) for name in node)
        ends = [line for line, _ in starts[1:]] + [start + length]
        for (line, name), end in zip(starts, ends, strict=True):
            for row in range(line, end):
                lines[row] = name
    return start, lines


def _fields_of(findings: list[Finding], shown: str, lines: dict[int, str],
               known: Iterable[str]) -> list[str]:
    """The item's fields the findings point at (by line, or by the field the message names)."""
    names, known = [], set(known)
    for f in findings:
        name = lines.get(f.line) if f.path == shown else None
        head = f.message.split(":", 1)[0].split(".", 1)[0]
        if f.code == "schema" and head in known:
            name = head
        if name and name not in names:
            names.append(name)
    return names


def in_new_item(finding: Finding, shown: str, lines: range, name: str) -> Finding:
    """``finding`` located in the new item (which is not in the file: it was refused) as
    ``name`` and a line counted from the item's first line, else ``finding`` itself."""
    if finding.path != shown or finding.line not in lines:
        return finding
    return replace(finding, path=name, line=finding.line - lines.start + 1)


def refusal(findings: list[Finding], what: str) -> str:
    """The message refusing an item: every error it brings in, each with its fix."""
    listed = "\n".join(f.format() for f in findings)
    return f"{what} was not added; nothing was written:\n{listed}"


# --- Writing --------------------------------------------------------------------------------------


def locked(path: Path) -> FileLock:
    """The lock every writer of ``path`` holds (``<file>.lock`` beside it)."""
    return FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT)


def _acquire(lock: FileLock, shown: str) -> None:
    try:
        lock.acquire()
    except Timeout:
        raise FileBusy(f"{shown} is locked by another writer (lock file {lock.lock_file}); "
                       "try again, or delete the lock file if no factquiz is running") from None


@dataclass
class _Change:
    """A checked change to one file, ready to write."""

    text: str
    item_yaml: str
    created: bool
    project: Project
    warnings: list[Finding]  # new warnings, and new errors of things that already failed


def blocking(fresh: Iterable[Finding], baseline: Iterable[Finding], item_id: str, shown: str,
             lines: range) -> list[Finding]:
    """The new errors that refuse a change.

    An error inside the new item, or naming it, always refuses; so does an error about
    a file item (fact, quiz, source) that had none before. A new error about something
    that was already failing (a scaffolded quiz without facts, say) does not: it is
    reported, and ``check`` keeps failing on it as it did before.
    """
    failing = {(f.path, f.item) for f in baseline if f.severity == "error"}
    return [f for f in fresh if f.severity == "error"
            and ((item_id and f.item == item_id) or (f.path == shown and f.line in lines)
                 or (f.path, f.item) not in failing)]


def _change(root: Path, target: Path, shown: str, key: str, node: CommentedMap, header: str,
            what: str, known_fields: Iterable[str], write: bool = True) -> _Change:
    """Insert ``node`` into ``target`` under its lock, check, and write unless refused.

    Refuses (:class:`InvalidItem`) when the change brings in an error (see :func:`blocking`).
    """
    lock = locked(root / PROJECT_LOCK)
    _acquire(lock, "the project")
    try:
        original, newline = read_text(target, shown)
        text = insert_item(original, key, node, header, shown)
        baseline = check(load_project(root))
        project, findings = check_with(root, {target: text})
        item = item_yaml(key, node)
        length = item.count("\n")
        start, fields_at = _item_lines(text, key, length)
        lines = range(start, start + length)
        fresh = new_findings(baseline, findings)
        errors = blocking(fresh, baseline, str(node.get("id", "")) if key == "facts" else "",
                          shown, lines)
        if errors:
            fields = _fields_of(errors, shown, fields_at, known_fields)
            noun = "fact" if key == "facts" else "question"
            errors = [in_new_item(f, shown, lines, f"<new {noun} for {shown}>") for f in errors]
            raise InvalidItem(refusal(errors, what), errors, fields)
        if write:
            atomic_write_text(target, text, newline)
    finally:
        lock.release()
    return _Change(text, item, original is None, project, [f for f in fresh if f not in errors])


def fact_file_for(project: Project, lesson: str) -> Path:
    """Where a new fact of ``lesson`` goes: the one file its lesson's facts are in, else
    ``facts/<lesson>.yml``."""
    files = {project.fact_locations[fact.id][0].path for fact in project.facts
             if fact.lesson == lesson and fact.id in project.fact_locations}
    if len(files) == 1:
        return project.root / files.pop()
    return project.root / FACTS_DIR / f"{lesson}.yml"


def require_readable(project: Project) -> None:
    """Refuse to add anything while a data file cannot be read: the check could not see
    the whole project (an unreadable lessons.yml would look like "no lessons")."""
    unreadable = [f"{f.path} ({f.message.removeprefix('cannot read the file ')})"
                  for f in project.findings if f.code == "unreadable"]
    if unreadable:
        raise NotAddable(f"cannot read {', '.join(unreadable)}; fix it first (`factquiz check` "
                         "says how); nothing was written")


def require_lesson(project: Project, lesson: Any) -> str:
    """``lesson`` if lessons.yml has it; else :class:`UnknownLesson` naming the known ones
    (or :class:`NotAddable`, when a data file cannot be read)."""
    require_readable(project)
    if not isinstance(lesson, str) or lesson not in project.lessons:
        known = ", ".join(sorted(project.lessons)) or "none defined"
        raise UnknownLesson(f"unknown lesson {lesson!r}; use one of: {known} "
                            "(or create one with `factquiz new-lesson`)")
    return lesson


def add_fact(root: Path, fields: Mapping[str, Any], dry_run: bool = False,
             project: Project | None = None) -> AddResult:
    """Check a new fact with ``check``'s rules and append it to its lesson's fact file.

    ``fields`` are the :class:`~factquiz.model.Fact` fields (``evidence`` a list of
    ``{source, quote}``). Raises :class:`InvalidItem` (nothing written) if the fact brings
    in any error. With ``dry_run`` everything is done except the write. ``project``, the
    project already loaded from ``root``, saves loading it again to find the target file
    (the check itself always reads the files afresh, under the lock).
    """
    project = project or load_project(root)
    lesson = require_lesson(project, fields.get("lesson"))
    node = fact_node(fields)
    item_id = str(node.get("id", ""))
    target = fact_file_for(project, lesson)
    shown = display_path(target, root)
    header = (SCHEMA_LINE.format("facts")
              + f"# Lesson `{lesson}`: {one_line(project.lessons[lesson].title)}.\n")
    change = _change(root, target, shown, "facts", node, header, f"fact {item_id or '(no id)'}",
                     FACT_FIELDS, write=not dry_run)
    fact = next((f for f in reversed(change.project.facts) if f.id == item_id), None)
    doubts = doubtful_fact_findings(change.project, fact) if fact is not None else []
    return AddResult(item_id=item_id, path=target, shown=shown, item_yaml=change.item_yaml,
                     text=change.text, warnings=change.warnings + doubts, written=not dry_run,
                     created=change.created, project=change.project, fact=fact)


def doubtful_fact_findings(project: Project, fact: Fact) -> list[Finding]:
    """Warnings about a new fact that passes ``check`` but is likely a mistake: it asks the
    same question with the same answer as another fact, or its statement gives a number
    (a year, say) that none of its quotes gives ("in 2021" for "last year")."""
    located = project.located(fact.id)
    line, col = located.at("id")
    found = []
    same = (answer_key(fact.question), answer_key(fact.answer))
    for other in project.facts:
        if other.id != fact.id and (answer_key(other.question), answer_key(other.answer)) == same:
            at = project.located(other.id)
            where = f"{at.path}:{at.at('id')[0]}"
            found.append(Finding(
                located.path, line, col, "likely-duplicate",
                f"same question and answer as fact '{other.id}' ({where})",
                f"if it is the same fact, add this evidence to '{other.id}' instead; otherwise "
                "make the question say what sets it apart", fact.id, severity="warning"))
    quoted = {n for ev in fact.evidence for n in numbers_in(ev.quote)}
    unquoted = [n for n in dict.fromkeys(numbers_in(fact.statement)) if n not in quoted]
    if unquoted:
        found.append(Finding(
            located.path, line, col, "statement-beyond-quote",
            f"the statement says {', '.join(unquoted)}, which none of its quotes says",
            "state only what the quotes say, or quote the passage that gives it (a reader "
            "cannot check a year worked out from 'last year')", fact.id, severity="warning"))
    return found


def quiz_file_for(project: Project, quiz_id: str) -> Path:
    """The file of quiz ``quiz_id`` (it must exist: ``new-lesson`` creates one)."""
    loaded = project.quizzes.get(quiz_id)
    if loaded is not None:
        return project.root / loaded.path
    path = project.root / QUIZZES_DIR / f"{quiz_id}.yml"
    if path.exists():
        return path  # it has errors; the check below will say which
    known = ", ".join(sorted(project.quizzes)) or "none"
    raise UnknownQuizFile(f"no quiz file {QUIZZES_DIR}/{quiz_id}.yml; quizzes: {known} "
                          "(`factquiz new-lesson` creates a lesson with its quiz file)")


def add_question(root: Path, quiz_id: str, fields: Mapping[str, Any], dry_run: bool = False,
                 project: Project | None = None) -> AddResult:
    """Check a new instructor question with ``check``'s rules and append it to the quiz file.

    ``fields`` are the :class:`~factquiz.quizmodel.InstructorQuestion` fields. The result
    carries a generated variant of the question (options shuffled by the quiz's seed).
    ``project`` is as for :func:`add_fact`.
    """
    project = project or load_project(root)
    require_readable(project)
    target = quiz_file_for(project, quiz_id)
    shown = display_path(target, root)
    current = project.quizzes.get(quiz_id)
    if not fields.get("id") and current is not None:  # written to the file: it never shifts
        fields = {**fields, "id": suggest_question_id(current.quiz, str(fields.get("prompt", "")))}
    node = question_node(fields)
    item_id = str(node.get("id", ""))
    change = _change(root, target, shown, "instructor_questions", node, "",
                     f"question {item_id or '(no id)'} of quiz {quiz_id}", QUESTION_FIELDS,
                     write=not dry_run)
    loaded = change.project.quizzes.get(quiz_id)
    question = None
    if loaded is not None and loaded.quiz.instructor_questions:
        position = len(loaded.quiz.instructor_questions)
        iq = loaded.quiz.instructor_questions[-1]
        name = iq.id or f"q{position}"
        question = instructor_question(iq, f"{quiz_id}-{name}", random.Random(loaded.quiz.seed),
                                       Bank.of(change.project))
        item_id = name
    return AddResult(item_id=item_id, path=target, shown=shown,
                     item_yaml=change.item_yaml, text=change.text,
                     warnings=change.warnings, written=not dry_run, created=False,
                     project=change.project, question=question)


# --- New lessons ----------------------------------------------------------------------------------

PAGE_TEMPLATE = """\
# {title}

<!-- Scaffolded by `factquiz new-lesson {id}`: replace every TODO placeholder with the
     lesson's own text (the strict book build reports each one left), then delete this. -->

TODO: one paragraph saying what this lesson is about and how it follows the previous one.

## Learning objectives

By the end of this lesson you will be able to:

1. TODO: an objective a quiz question can test.

## Before you start

- **Prerequisites:** TODO: the lessons to read first.
- **Time:** about 10 minutes of reading, plus the self-check at the end.

## TODO: first section

Write the lesson in your own words. After each claim, cite the fact that supports it,
like this: ``{{fact}}`fact-id` ``. Add facts from the terminal with
`factquiz add fact --lesson {id}`; `factquiz check` verifies each against its source.

## Summary

- TODO: the three or four points to remember, each with its fact.

## Self-check

```{{quiz}} {id}
```

## What's next

TODO: a sentence leading to the next lesson.
"""

QUIZ_TEMPLATE = """\
{schema}# Quiz for the lesson `{id}`: {title}.
# Until the lesson has facts, `factquiz check` reports that this quiz selects none:
# add them with `factquiz add fact --lesson {id}`. `fit: true` fits the quiz to the
# facts while the lesson is new: types they cannot yield yet are left out, and each type
# asks at most one question per fact that can yield it (three facts of different kinds
# make a short quiz). Remove it once the lesson has enough facts for the full mix.
title: {title_yaml}
lesson: {id}
questions: 8
fit: true
mix: {{mc: 2, tf: 2, cloze: 2, numeric: 1, ordering: 1, matching: 1}}
seed: 1
"""


@dataclass
class NewLessonResult:
    """What ``new-lesson`` created, and what ``check`` still reports about it."""

    lesson: str
    created: list[str]
    todo: list[Finding]
    toc: str | None = None  # the table of contents changed, or None if it must be edited by hand
    updated: list[str] = field(default_factory=list)  # existing files that changed


def add_to_toc(text: str, page: str) -> str | None:
    """``_toc.yml`` with ``page`` listed after the last chapter in its folder, or None when
    no chapter is in that folder (the author places it by hand).

    Inserted as one line, so the rest of the file is kept byte for byte.
    """
    entry = page.removesuffix(".md")
    folder = entry.rsplit("/", 1)[0] + "/"
    lines = text.splitlines(keepends=True)
    last = max((i for i, line in enumerate(lines)
                if re.match(rf"\s*- file: {re.escape(folder)}[^/\s]+\s*$", line)), default=None)
    if last is None:
        return None
    indent = lines[last][: len(lines[last]) - len(lines[last].lstrip())]
    if not lines[last].endswith("\n"):
        lines[last] += "\n"
    lines.insert(last + 1, f"{indent}- file: {entry}\n")
    new = "".join(lines)
    try:
        round_trip_yaml().load(new)
    except YAMLError:
        return None
    return new


def _page_dir(project: Project) -> str:
    """Where lesson pages live: the folder most existing lessons' pages are in."""
    folders = [str(Path(lesson.page).parent) for lesson in project.lessons.values()]
    return max(set(folders), key=folders.count) if folders else BOOK_LESSONS_DIR


def new_lesson(root: Path, lesson_id: str, title: str, dry_run: bool = False) -> NewLessonResult:
    """Scaffold a lesson: its entry in lessons.yml, fact file, quiz file and page.

    Refuses if the id is taken or any of the files exists. Findings that only say the
    new quiz has no facts yet are returned as things to do, not refused. The title is
    escaped for each file (Markdown in the page, YAML in the quiz file), so it shows as
    typed and never runs as markup or template code.

    All or nothing: every file is staged, then all replace their targets, with
    ``lessons.yml`` last; a failure puts back what was replaced. Files left by a run
    killed half-way (the same scaffold, with the lesson not yet in ``lessons.yml``) do not
    block a retry.
    """
    if not re.fullmatch(SLUG, lesson_id) or not 2 <= len(lesson_id) <= 80:
        raise FactquizError(f"lesson id {lesson_id!r} is not a slug: use lowercase letters, "
                            "digits and hyphens, e.g. 'quad-2021'")
    if not title.strip():
        raise FactquizError("the lesson needs a title")
    if control_characters(title):
        raise FactquizError("the title holds control characters (an escape sequence?); "
                            "type it as plain text")
    title = " ".join(title.split())
    project = load_project(root)
    require_readable(project)
    if lesson_id in project.lessons:
        raise LessonExists(f"lesson '{lesson_id}' already exists in {LESSONS_FILE}")
    page = f"{_page_dir(project)}/{lesson_id}.md"
    files = {
        root / FACTS_DIR / f"{lesson_id}.yml":
            SCHEMA_LINE.format("facts")
            + f"# Lesson `{lesson_id}`: {one_line(title)}.\nfacts: []\n",
        root / QUIZZES_DIR / f"{lesson_id}.yml":
            QUIZ_TEMPLATE.format(schema=SCHEMA_LINE.format("quiz"), id=lesson_id,
                                 title=one_line(title), title_yaml=yaml_scalar(title)),
        root / page: PAGE_TEMPLATE.format(title=markdown_text(title), id=lesson_id),
    }
    taken = [display_path(p, root) for p, text in files.items()
             if (p.exists() or p.is_symlink()) and not _holds(p, text)]
    if taken:
        raise LessonExists(f"{', '.join(taken)} already exist(s); choose another lesson id")
    lessons_path = root / LESSONS_FILE
    toc_path = root / TOC_FILE
    updated: list[str] = []
    node = _node({"id": lesson_id, "title": title, "page": page})
    lock = locked(root / PROJECT_LOCK)
    _acquire(lock, "the project")
    try:
        toc, toc_newline = read_text(toc_path, TOC_FILE)
        new_toc = add_to_toc(toc, page) if toc is not None else None
        original, newline = read_text(lessons_path, LESSONS_FILE)
        text = insert_item(original, "lessons", node, SCHEMA_LINE.format("lessons"), LESSONS_FILE)
        baseline = check(load_project(root))
        yaml_files = {p: t for p, t in files.items() if p.suffix == ".yml"}
        _, findings = check_with(root, {**yaml_files, lessons_path: text})
        fresh = new_findings(baseline, findings)
        quiz_shown = f"{QUIZZES_DIR}/{lesson_id}.yml"
        todo = [f for f in fresh if f.path == quiz_shown]
        errors = [f for f in fresh if f.severity == "error" and f not in todo]
        if errors:
            raise InvalidItem(refusal(errors, f"lesson {lesson_id}"), errors, [])
        if not dry_run:
            writes = {path: encoded(content) for path, content in files.items()}
            if new_toc is not None:
                writes[toc_path] = encoded(new_toc, toc_newline)
            writes[lessons_path] = encoded(text, newline)
            atomic_write_all(writes)
    finally:
        lock.release()
    created = [display_path(p, root) for p in files]
    (created if original is None else updated).append(LESSONS_FILE)
    return NewLessonResult(lesson_id, created, todo, TOC_FILE if new_toc is not None else None,
                           updated)


def _holds(path: Path, text: str) -> bool:
    """Whether ``path`` is a file holding exactly ``text`` (a scaffold left by a killed run)."""
    try:
        return path.is_file() and path.read_bytes() == encoded(text)
    except OSError:
        return False


# --- Suggestions for prompts ----------------------------------------------------------------------


def slugify(text: str, limit: int = 40) -> str:
    """A lowercase ASCII slug of ``text``, whole words, at most ``limit`` characters."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = ""
    for word in re.findall(r"[a-z0-9]+", ascii_text.lower()):
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit:
            break
        slug = candidate
    return slug


def _free(base: str, taken: set[str]) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def suggest_fact_id(project: Project, lesson: str, answer: str) -> str:
    """A free id like the lesson's others: their usual prefix plus the answer's words."""
    prefixes = [f.id.split("-", 1)[0] for f in project.facts if f.lesson == lesson]
    prefix = max(sorted(set(prefixes)), key=prefixes.count) if prefixes else lesson
    base = "-".join(p for p in (prefix, slugify(answer, 40 - len(prefix))) if p)
    return _free(base if len(base) >= 2 else f"{lesson}-fact", set(project.fact_locations))


def suggest_question_id(quiz: QuizFile, prompt: str) -> str:
    """A free instructor-question id from the prompt's first words."""
    taken = {q.id for q in quiz.instructor_questions if q.id}
    taken |= {f"q{i + 1}" for i, q in enumerate(quiz.instructor_questions) if not q.id}
    base = slugify(prompt, 30)
    return _free(base if len(base) >= 2 else "question", taken)


def guess_kind(answer: str) -> Kind | None:
    """The kind an answer obviously is (a year, a date, a number), else None."""
    text = answer.strip()
    if re.fullmatch(r"\d{4}", text):
        return Kind.year
    if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", text):
        return Kind.date
    if re.fullmatch(r"[+-]?\d+(?:[.,]\d+)*", text):
        return Kind.number
    return None
