"""Content-hash cache of work derived from a project's files (check results, quizzes).

An entry is keyed by a SHA-256 digest of every input a result can depend on: the bytes
of the project's data files (sources, facts, quizzes, lessons.yml, pages) and a
fingerprint of the factquiz code that computed it. Any edit gives another digest, so an
entry is never stale; it is only reused while nothing it was computed from has changed.

Entries are JSON files in the user's cache folder, one folder per project
(``$FACTQUIZ_CACHE_DIR``, else ``$XDG_CACHE_HOME/factquiz``, else ``~/.cache/factquiz``;
never inside the project, whose files only the user's commands write), each written
atomically. A file that cannot be read or decoded is ignored (and rewritten); when the
cache folder cannot be written to, nothing is cached. ``FACTQUIZ_NO_CACHE=1`` turns the
cache off.

This module imports nothing heavy, so a cache hit costs little more than hashing the
project's files.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

#: Suffixes of the files whose bytes make up a project's digest.
INPUT_SUFFIXES = frozenset({".yml", ".yaml", ".txt", ".md"})
#: Version of the entries' layout: bump it when an entry's JSON changes shape.
LAYOUT = "1"

T = TypeVar("T")


def enabled() -> bool:
    """Whether the cache is in use (``FACTQUIZ_NO_CACHE=1`` turns it off)."""
    return os.environ.get("FACTQUIZ_NO_CACHE", "") not in ("1", "true", "yes")


def _input_files(root: Path) -> Iterator[Path]:
    """The project's data files: every file with an :data:`INPUT_SUFFIXES` suffix, in
    folders not hidden, not build output (``_*``) and not ``node_modules``."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")) and d != "node_modules")
        for name in sorted(files):
            if os.path.splitext(name)[1] in INPUT_SUFFIXES:
                yield Path(folder, name)


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


def project_digest(root: Path) -> str:
    """The SHA-256 of the project's data files (names and bytes) and of the code."""
    root = root.resolve()
    digest = hashlib.sha256(f"{_code_fingerprint()}\0{root}\0".encode())
    for path in _input_files(root):
        try:
            data = path.read_bytes()
        except OSError:
            data = b"\0unreadable"
        digest.update(f"{path.relative_to(root)}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def cache_dir(root: Path) -> Path:
    """The cache folder of the project at ``root``."""
    base = (os.environ.get("FACTQUIZ_CACHE_DIR")
            or os.path.join(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache",
                            "factquiz"))
    return Path(base) / hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:24]


def key_hash(text: str) -> str:
    """A short digest of ``text``, to name an entry after arbitrary arguments."""
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def _entry(root: Path, name: str) -> Path:
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in name)
    return cache_dir(root) / f"{safe}.json"


def load(root: Path, name: str, digest: str) -> Any | None:
    """The value stored as ``name`` for ``digest``, or None (missing, other digest,
    unreadable or corrupt)."""
    try:
        data = json.loads(_entry(root, name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("digest") != digest or "value" not in data:
        return None
    return data["value"]


def store(root: Path, name: str, digest: str, value: Any) -> None:
    """Store ``value`` (JSON-serialisable) as ``name`` for ``digest``, replacing the
    entry for any older digest; nothing happens when the project cannot be written."""
    from .atomic import atomic_write_text

    path = _entry(root, name)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, json.dumps({"digest": digest, "value": value},
                                           ensure_ascii=False, separators=(",", ":")))
    except OSError:
        pass


def fetch(root: Path, name: str, digest: str, decode: Callable[[Any], T]) -> T | None:
    """The value stored as ``name`` for ``digest`` decoded by ``decode``, or None when
    there is none or ``decode`` rejects it (``ValueError``, ``TypeError``, ``KeyError``)."""
    stored = load(root, name, digest)
    if stored is None:
        return None
    try:
        return decode(stored)
    except (ValueError, TypeError, KeyError):
        return None


def cached(root: Path, name: str, compute: Callable[[], T], encode: Callable[[T], Any],
           decode: Callable[[Any], T], digest: str | None = None) -> T:
    """``compute()``, or the value stored as ``name`` for the project's current digest.

    ``encode`` turns a computed value into JSON data and ``decode`` turns it back; a
    stored value that ``decode`` rejects (``ValueError``, ``TypeError``, ``KeyError``)
    is treated as missing. ``digest`` may be given when the caller computed it already.
    """
    if not enabled():
        return compute()
    digest = digest or project_digest(root)
    found = fetch(root, name, digest, decode)
    if found is not None:
        return found
    value = compute()
    store(root, name, digest, encode(value))
    return value
