"""Shared fixtures: the project whose content is checked, and small throw-away projects.

Tests of the engine run on fixture projects (``make_project``, ``tests/books``,
``tests/quiz_fixtures.py``) whose lessons are frozen in ``tests/golden/bank/lessons.yml``,
so adding a lesson to the course never breaks them. Tests of the content (marked
``content``) are rules that hold for any number of lessons; they check the repository, or
the project named by ``$FACTQUIZ_TEST_PROJECT`` (the instructor-path test points them at a
copy where a lesson was just added).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from content_root import CONTENT_ROOT, REPO

ROOT = REPO
FROZEN_LESSONS = Path(__file__).resolve().parent / "golden" / "bank" / "lessons.yml"
#: Copied parts that come with the real lessons.yml (they name the real lessons).
REAL_CONTENT = ("facts", "quizzes", "notebooks")


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The project whose content the content rules check (the repository by default)."""
    return CONTENT_ROOT


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """Build a minimal project in tmp_path: the real sources, lessons and given files.

    ``make_project(files={"facts/x.yml": "..."}, copy=("facts/raa.yml",))`` returns the
    project root. Its lessons are the frozen fixture lessons, unless ``copy`` takes a whole
    content folder of the repository (facts, quizzes, notebooks): then the repository's
    own lessons.yml comes with it.
    """

    def build(files: dict[str, str] | None = None, copy: tuple[str, ...] = ()) -> Path:
        root = tmp_path / "project"
        root.mkdir(exist_ok=True)
        (root / "_config.yml").write_text("title: test\n", encoding="utf-8")
        (root / "facts").mkdir(exist_ok=True)
        shutil.copytree(ROOT / "sources", root / "sources", dirs_exist_ok=True)
        real = any(part in REAL_CONTENT for part in copy)
        shutil.copy(ROOT / "lessons.yml" if real else FROZEN_LESSONS, root / "lessons.yml")
        for rel in copy:
            src = ROOT / rel
            if src.is_dir():
                shutil.copytree(src, root / rel, dirs_exist_ok=True)
            else:
                (root / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(src, root / rel)
        for rel, text in (files or {}).items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text, encoding="utf-8")
        return root

    return build
