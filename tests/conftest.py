"""Shared fixtures: the real project, and small throw-away projects built from fixtures."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The real project (the repository root)."""
    return ROOT


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """Build a minimal project in tmp_path: the real sources and lessons plus given files.

    ``make_project(files={"facts/x.yml": "..."})`` returns the project root.
    """

    def build(files: dict[str, str] | None = None, copy: tuple[str, ...] = ()) -> Path:
        root = tmp_path / "project"
        root.mkdir(exist_ok=True)
        (root / "_config.yml").write_text("title: test\n", encoding="utf-8")
        (root / "facts").mkdir(exist_ok=True)
        shutil.copytree(ROOT / "sources", root / "sources", dirs_exist_ok=True)
        shutil.copy(ROOT / "lessons.yml", root / "lessons.yml")
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


@pytest.fixture(autouse=True, scope="session")
def _cache_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The content-hash cache (``factquiz.cache``) of every test, and of the commands the
    tests run, is kept in a temporary folder, not the user's ``~/.cache``."""
    import os

    os.environ["FACTQUIZ_CACHE_DIR"] = str(tmp_path_factory.mktemp("factquiz-cache"))
