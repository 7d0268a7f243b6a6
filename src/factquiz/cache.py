"""Content-hash cache of work derived from a project's files (check results, quizzes).

An entry is keyed by a SHA-256 digest of every input a result can depend on: the names
and bytes of the project's data files (sources, facts, quizzes, lessons.yml, pages), the
names of its folders that have a data file's name, and a fingerprint of the factquiz code
that computed it. Any edit gives another digest, so an entry is never stale; it is only
reused while nothing it was computed from has changed.

The digest does not depend on where the project is (but see :func:`project_digest` for
linked folders), so an entry can be *shared*: results that name no absolute path (the
check's findings, quiz variants, previews) are kept by content, and two clones of a
project, or a copy of it, reuse what either computed. Entries that may hold
path-dependent text (the book's) are kept per project folder, as ``store(shared=False)``
does by default.

Entries are JSON files in the user's cache folder (``$FACTQUIZ_CACHE_DIR``, else
``$XDG_CACHE_HOME/factquiz``, else ``~/.cache/factquiz``; never inside the project, whose
files only the user's commands write): one folder per project path for the per-project
entries, replaced by the newest digest; one folder per digest under ``shared/`` for the
shared ones, the :data:`SHARED_KEPT` most recently used kept. Each entry is written
atomically. A file that cannot be read or decoded is ignored (and rewritten); when the
cache folder cannot be written to, nothing is cached. ``FACTQUIZ_NO_CACHE=1`` turns the
cache off.

This module imports nothing heavy, so a cache hit costs little more than hashing the
project's files.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from .atomic import atomic_write_text

#: Suffixes of the files whose bytes make up a project's digest.
INPUT_SUFFIXES = frozenset({".yml", ".yaml", ".txt", ".md"})
#: Version of the entries' layout: bump it when an entry's JSON changes shape.
LAYOUT = "1"
#: How many project contents' shared entries are kept (the least recently used go).
SHARED_KEPT = 32

T = TypeVar("T")


def enabled() -> bool:
    """Whether the cache is in use (``FACTQUIZ_NO_CACHE=1`` turns it off)."""
    return os.environ.get("FACTQUIZ_NO_CACHE", "") not in ("1", "true", "yes")


def _inputs(root: Path, only: frozenset[str] | None = None,
            added: Iterable[Path] = ()) -> Iterator[tuple[str, Path]]:
    """What a project's digest is made of, in a stable order: ``("file", path)`` for each
    data file (a file with an :data:`INPUT_SUFFIXES` suffix), ``("folder", path)`` for a
    folder with such a name (the loader reports it: it is not a missing file), and
    ``("link", path)`` for a linked folder (not followed); in folders not hidden, not
    build output (``_*``) and not ``node_modules``; at the top, only the names in ``only``
    when given. ``added`` are files counted as data files though they do not exist (yet)."""
    pending = {Path(path) for path in added}
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")) and d != "node_modules"
                         and (only is None or folder != str(root) or d in only))
        for name in dirs:
            path = Path(folder, name)
            if path.is_symlink():
                yield "link", path
            elif os.path.splitext(name)[1] in INPUT_SUFFIXES:
                yield "folder", path
        names = set(files) | {path.name for path in pending if str(path.parent) == folder}
        for name in sorted(names):
            if os.path.splitext(name)[1] in INPUT_SUFFIXES and (
                    only is None or folder != str(root) or name in only):
                pending.discard(Path(folder, name))
                yield "file", Path(folder, name)
    if pending:
        raise ValueError(f"not data files of the project: {sorted(map(str, pending))}")


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """The factquiz code's modules (path, size, modification time) and Python's version,
    taken once per process: the code a process runs is the code it started with."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(f"{LAYOUT}\0{sys.version}\0".encode())
    for path in sorted(package.rglob("*.py")):
        stat = path.stat()
        digest.update(f"{path.relative_to(package)}\0{stat.st_size}\0{stat.st_mtime_ns}\0"
                      .encode())
    return digest.hexdigest()


def project_digest(root: Path, replaced: Mapping[Path, bytes] | None = None,
                   only: Iterable[str] | None = None) -> str:
    """The SHA-256 of the project's data files (names and bytes), of its folders named like
    data files, and of the code; not of where the project is, unless it has a linked
    folder: then its path too (files read through such a link are named by their absolute
    path, and what the link points to is not hashed).

    ``replaced``: the digest the project would have with these files (new or not) holding
    these bytes; ``ValueError`` when one of them would not be a data file. ``only``: the
    digest of these top-level files and folders alone.
    """
    root = root.resolve()
    instead = {path.parent.resolve() / path.name: data for path, data in (replaced or {}).items()}
    digest = hashlib.sha256(f"{_code_fingerprint()}\0".encode())
    for kind, path in _inputs(root, None if only is None else frozenset(only), instead):
        name = path.relative_to(root).as_posix()
        if kind == "link":
            digest.update(f"link\0{name}\0{root}\0".encode())
            continue
        if kind == "folder":
            digest.update(f"folder\0{name}\0".encode())
            continue
        try:
            data = instead[path] if path in instead else path.read_bytes()
        except OSError:
            digest.update(f"unreadable\0{name}\0".encode())
            continue
        digest.update(f"file\0{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def _base() -> Path:
    """The user's cache folder of factquiz."""
    return Path(os.environ.get("FACTQUIZ_CACHE_DIR")
                or os.path.join(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache",
                                "factquiz"))


def cache_dir(root: Path) -> Path:
    """The cache folder of the per-project entries of the project at ``root``."""
    return _base() / hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:24]


def shared_dir(digest: str) -> Path:
    """The cache folder of the shared entries of the project contents ``digest``."""
    return _base() / "shared" / digest[:32]


def key_hash(text: str) -> str:
    """A short digest of ``text``, to name an entry after arbitrary arguments."""
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def entry_path(root: Path, name: str, digest: str, shared: bool = False) -> Path:
    """The file of entry ``name``: per project (``root``), or shared by every project
    whose contents are ``digest``."""
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in name)
    return (shared_dir(digest) if shared else cache_dir(root)) / f"{safe}.json"


def load(root: Path, name: str, digest: str, shared: bool = False) -> Any | None:
    """The value stored as ``name`` for ``digest``, or None (missing, other digest,
    unreadable or corrupt)."""
    path = entry_path(root, name, digest, shared)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("digest") != digest or "value" not in data:
        return None
    if shared:
        _mark_used(path.parent)
    return data["value"]


def store(root: Path, name: str, digest: str, value: Any, shared: bool = False) -> None:
    """Store ``value`` (JSON-serialisable) as ``name`` for ``digest``: per project,
    replacing the entry for any older digest, or shared (see the module's docstring);
    nothing happens when the cache folder cannot be written."""
    path = entry_path(root, name, digest, shared)
    try:
        new_folder = not path.parent.is_dir()
        path.parent.mkdir(parents=True, exist_ok=True)
        # without waiting for the disk (``fsync``: milliseconds an entry, and ``check``
        # stores over a hundred quiz variants): an entry a crash leaves cut short fails
        # to decode and reads as missing
        atomic_write_text(path, json.dumps({"digest": digest, "value": value},
                                           ensure_ascii=False, separators=(",", ":")),
                          sync=False)
    except OSError:
        return
    if shared and new_folder:
        _prune(path.parent.parent)


def _mark_used(folder: Path) -> None:
    """Mark a shared folder as just used (its modification time), for :func:`_prune`."""
    with contextlib.suppress(OSError):
        os.utime(folder)


def _prune(shared: Path) -> None:
    """Remove the shared folders beyond the :data:`SHARED_KEPT` most recently used (another
    process may be removing them too, or writing into one: an entry written into a removed
    folder is lost, and computed again when needed)."""
    try:
        folders = [(entry.stat().st_mtime_ns, entry.path) for entry in os.scandir(shared)
                   if entry.is_dir(follow_symlinks=False)]
    except OSError:
        return
    for _, path in sorted(folders, reverse=True)[SHARED_KEPT:]:
        shutil.rmtree(path, ignore_errors=True)


def fetch(root: Path, name: str, digest: str, decode: Callable[[Any], T],
          shared: bool = False) -> T | None:
    """The value stored as ``name`` for ``digest`` decoded by ``decode``, or None when
    there is none or ``decode`` rejects it (``ValueError``, ``TypeError``, ``KeyError``)."""
    stored = load(root, name, digest, shared)
    if stored is None:
        return None
    try:
        return decode(stored)
    except (ValueError, TypeError, KeyError):
        return None


def cached(root: Path, name: str, compute: Callable[[], T], encode: Callable[[T], Any],
           decode: Callable[[Any], T], digest: str | None = None, shared: bool = False) -> T:
    """``compute()``, or the value stored as ``name`` for the project's current digest.

    ``encode`` turns a computed value into JSON data and ``decode`` turns it back; a
    stored value that ``decode`` rejects (``ValueError``, ``TypeError``, ``KeyError``)
    is treated as missing. ``digest`` may be given when the caller computed it already.
    ``shared``: the value names no absolute path, so every project with these contents may
    reuse it (see the module's docstring).
    """
    if not enabled():
        return compute()
    digest = digest or project_digest(root)
    found = fetch(root, name, digest, decode, shared)
    if found is not None:
        return found
    value = compute()
    store(root, name, digest, encode(value), shared)
    return value
