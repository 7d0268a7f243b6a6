"""Content hashes of what generated files are built from, to redo only what changed.

``factquiz notebooks`` executes a notebook again only when the hash of its inputs differs
from the one recorded in it; ``factquiz book`` skips Jupyter Book when the hash of the
book's inputs is the one recorded by the last successful build.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).resolve().parent


def hash_files(digest: Any, base: Path, paths: Iterable[Path]) -> None:
    """Feed each file's path (relative to ``base``) and bytes to ``digest``, in name order."""
    for path in sorted(paths):
        digest.update(path.relative_to(base).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")


def files_under(root: Path, parts: Iterable[str]) -> list[Path]:
    """Every file of ``parts`` (files or folders relative to ``root``), caches left out."""
    found: list[Path] = []
    for part in parts:
        path = root / part
        if path.is_file():
            found.append(path)
        elif path.is_dir():
            found += [p for p in path.rglob("*") if p.is_file() and not {
                "__pycache__", ".ipynb_checkpoints", "_build"}.intersection(p.parts)
                and p.suffix != ".lock"]
    return found


@functools.cache
def code_digest(leave_out: tuple[str, ...] = ()) -> str:
    """SHA-256 of factquiz's own files (code, static assets), but for the package's
    folders in ``leave_out``: what generated files show depends on them."""
    digest = hashlib.sha256()
    files = []
    for folder, dirs, names in os.walk(PACKAGE):
        dirs[:] = [d for d in dirs if d != "__pycache__"
                   and (folder != str(PACKAGE) or d not in leave_out)]
        files += [Path(folder, name) for name in names
                  if folder != str(PACKAGE) or name not in leave_out]
    hash_files(digest, PACKAGE, files)
    return digest.hexdigest()
