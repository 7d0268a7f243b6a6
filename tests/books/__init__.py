"""Books the tests build, and building them once per test session.

``small/`` is a tiny book (a hostile quiz, a page of citations, the timeline and the
sources) built over the repository's real ``sources/``. The real book is built from a
copy of the repository (or of ``$FACTQUIZ_TEST_PROJECT``). Under pytest-xdist the
workers share one build per book through a file lock, so the book tests and the browser
tests never build the same book twice.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from content_root import CONTENT_ROOT
from filelock import FileLock

from factquiz.book import build_book, copy_book

REPO = Path(__file__).resolve().parents[2]
SMALL = Path(__file__).resolve().parent / "small"
def copy_project(dest: Path) -> Path:
    """A copy of the book, facts, sources and quizzes of the project the content rules
    check (the repository, or ``$FACTQUIZ_TEST_PROJECT``) in ``dest``."""
    return copy_book(CONTENT_ROOT, dest)


def copy_small_book(dest: Path) -> Path:
    """A copy of the small test book in ``dest``, with the repository's sources."""
    shutil.copytree(SMALL, dest)
    shutil.copytree(REPO / "sources", dest / "sources")
    return dest


def shared_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory shared by all the workers of this test session."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str,
               make: Callable[[Path], Path]) -> Path:
    """Make the project ``name`` with ``make(dir)`` and build it, once per session.

    Returns the project root; its site is in ``_build/html``.
    """
    shared = shared_dir(tmp_path_factory)
    root = shared / name
    with FileLock(str(shared / f"{name}.lock")):
        if not (root / "_build" / "html" / "index.html").is_file():
            if root.exists():
                shutil.rmtree(root)
            make(root)
            build_book(root, strict=True)
    return root


def real_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real book, built from a copy of the repository (strict)."""
    return built_once(tmp_path_factory, "real-book", copy_project)


def small_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small test book, built (strict)."""
    return built_once(tmp_path_factory, "small-book", copy_small_book)
