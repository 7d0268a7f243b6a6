"""The locked transaction every write goes through: lock, re-read, check, write atomically.

Each validate-and-write step holds the project's one lock (``.factquiz.lock`` at its
root), re-reads the files inside it, and goes through
:func:`~factquiz.yamlio.atomic_write_text`, so two instructors adding at once both land,
two facts with one id cannot both be added (even to different files), and a writer killed
mid-write leaves the old file intact. A file written with CRLF line ends keeps them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock, Timeout
from ruamel.yaml.comments import CommentedMap

from ..cache import project_digest
from ..checked import check_root
from ..findings import Finding
from ..load import Project
from ..model import Fact, Question
from ..yamlio import atomic_write_text, encoded, read_text
from .errors import FileBusy, InvalidItem, NotAddable
from .scratch import blocking, check_with, fields_of, in_new_item, new_findings, refusal
from .yamlinsert import insert_item, item_lines, item_yaml

LOCK_TIMEOUT = 60.0  # seconds to wait for another writer before giving up
PROJECT_LOCK = ".factquiz"  # locked() adds ".lock": one lock for every writer of the project


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
    #: The checked change, which writing the same item reuses while the project is unchanged.
    change: Change | None = field(default=None, repr=False)


def locked(path: Path) -> FileLock:
    """The lock every writer of ``path`` holds (``<file>.lock`` beside it)."""
    return FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT)


def acquire(lock: FileLock, shown: str) -> None:
    """Take ``lock``, or raise :class:`FileBusy` naming ``shown`` after :data:`LOCK_TIMEOUT`."""
    try:
        lock.acquire()
    except Timeout:
        raise FileBusy(f"{shown} is locked by another writer (lock file {lock.lock_file}); "
                       "try again, or delete the lock file if no factquiz is running") from None


@contextmanager
def project_locked(root: Path) -> Iterator[None]:
    """Hold the project's one lock (every writer of the project takes it)."""
    lock = locked(root / PROJECT_LOCK)
    acquire(lock, "the project")
    try:
        yield
    finally:
        lock.release()


def baseline_findings(root: Path, digest: str | None = None) -> list[Finding]:
    """What ``factquiz check`` finds in the project at ``root`` (``digest``, its
    :func:`~factquiz.cache.project_digest`, when the caller computed it already).

    The findings come from the content-hash cache (:mod:`factquiz.checked`) when the
    project's files are as they were at the last ``check``; else they are computed (and
    cached).
    """
    return check_root(root, digest=digest or project_digest(root)).findings


@dataclass
class Change:
    """A checked change to one file, ready to write."""

    text: str
    item_yaml: str
    created: bool
    project: Project
    warnings: list[Finding]  # new warnings, and new errors of things that already failed
    digest: str  # of the project the change was checked against (before the change)


def change_file(root: Path, target: Path, shown: str, key: str, node: CommentedMap, header: str,
                what: str, known_fields: Iterable[str], write: bool = True,
                checked: Change | None = None) -> Change:
    """Insert ``node`` into ``target`` under the project's lock, check, and write unless
    refused.

    Refuses (:class:`InvalidItem`) when the change brings in an error (see
    :func:`~factquiz.authoring.scratch.blocking`). The project is checked twice: as it is
    (the baseline, from the cache when ``check`` saw these files) and with the change, in a
    scratch copy. ``checked``, the result of an earlier dry run of the same change, is
    reused without checking again when the project's files (and factquiz) are byte for byte
    what it checked: the same inputs give the same findings.
    """
    with project_locked(root):
        original, newline = read_text(target, shown)
        text = insert_item(original, key, node, header, shown)
        digest = project_digest(root)
        if checked is not None and (checked.digest, checked.text) == (digest, text):
            change = checked
        else:
            change = _checked_change(root, target, shown, key, node, what, known_fields,
                                     original is None, text, digest, newline)
        if write:
            atomic_write_text(target, text, newline)
    return change


def _checked_change(root: Path, target: Path, shown: str, key: str, node: CommentedMap,
                    what: str, known_fields: Iterable[str], created: bool, text: str,
                    digest: str, newline: str) -> Change:
    """Check the project with ``target`` holding ``text``; refuse the new errors it brings."""
    baseline = baseline_findings(root, digest)
    project, findings = check_with(root, {target: text}, _digest_after(root, target, text,
                                                                       newline))
    item = item_yaml(key, node)
    length = item.count("\n")
    start, fields_at = item_lines(text, key, length)
    lines = range(start, start + length)
    fresh = new_findings(baseline, findings)
    errors = blocking(fresh, baseline, str(node.get("id", "")) if key == "facts" else "",
                      shown, lines)
    if errors:
        fields = fields_of(errors, shown, fields_at, known_fields)
        noun = "fact" if key == "facts" else "question"
        errors = [in_new_item(f, shown, lines, f"<new {noun} for {shown}>") for f in errors]
        raise InvalidItem(refusal(errors, what), errors, fields)
    return Change(text, item, created, project, fresh, digest)


def _digest_after(root: Path, target: Path, text: str, newline: str) -> str | None:
    """The project's digest once ``target`` holds ``text`` as written (None when
    ``target`` would not be one of the project's data files)."""
    try:
        return project_digest(root, {target: encoded(text, newline)})
    except ValueError:
        return None


def require_readable(project: Project) -> None:
    """Refuse to add anything while a data file cannot be read: the check could not see
    the whole project (an unreadable lessons.yml would look like "no lessons")."""
    unreadable = [f"{f.path} ({f.message.removeprefix('cannot read the file ')})"
                  for f in project.findings if f.code == "unreadable"]
    if unreadable:
        raise NotAddable(f"cannot read {', '.join(unreadable)}; fix it first (`factquiz check` "
                         "says how); nothing was written")
