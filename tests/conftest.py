"""Shared fixtures: the project whose content is checked, and small throw-away projects.

Tests of the engine run on fixture projects (``make_project``, ``tests/books``,
``tests/quiz_fixtures.py``) whose lessons are frozen in ``tests/golden/bank/lessons.yml``,
so adding a lesson to the course never breaks them. Tests of the content (marked
``content``) are rules that hold for any number of lessons; they check the repository, or
the project named by ``$FACTQUIZ_TEST_PROJECT`` (the instructor-path test points them at a
copy where a lesson was just added).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from content_root import CONTENT_ROOT
from fixture_project import new_project

#: The longest work, started first and in this order, so that the many short tests fill in
#: around it and neither worker is left alone with a long test at the end. ``make test``
#: runs pytest-xdist with ``--dist loadgroup --no-loadscope-reorder``: a group (tests that
#: share a server, or a notebook's cells) goes to one worker, everything else test by test.
FIRST = ("tests/test_instructor_path.py", "tests/browser/test_every_page.py",
         "tests/browser/test_jupyterlab.py", "tests/test_book.py", "tests/test_notebooks.py",
         "tests/browser/test_a11y.py", "notebooks/fact-check.ipynb")


def rank(item: pytest.Item) -> int:
    """Where ``item`` starts: by :data:`FIRST`, then quiz notebooks, then the rest."""
    path = item.nodeid.split("::", 1)[0]
    if path in FIRST:
        return FIRST.index(path)
    return len(FIRST) + (0 if path.endswith(".ipynb") else 1)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Order the tests by :func:`rank` (stable: the same order on every worker), and keep
    each notebook's nbval cells together: nbval runs them in order in one kernel."""
    items.sort(key=rank)
    for item in items:
        if item.path.suffix == ".ipynb":
            item.add_marker(pytest.mark.xdist_group(f"nbval-{item.path.name}"))


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The project whose content the content rules check (the repository by default)."""
    return CONTENT_ROOT


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """Build a minimal project in tmp_path (see :func:`new_project`).

    ``make_project(files={"facts/x.yml": "..."}, copy=("facts/raa.yml",))`` returns the
    project root.
    """

    def build(files: dict[str, str] | None = None, copy: tuple[str, ...] = ()) -> Path:
        return new_project(tmp_path / "project", files, copy)

    return build


@pytest.fixture(autouse=True, scope="session")
def _cache_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The content-hash cache (``factquiz.cache``) of every test, and of the commands the
    tests run, is kept in a temporary folder, not the user's ``~/.cache``."""
    import os

    os.environ["FACTQUIZ_CACHE_DIR"] = str(tmp_path_factory.mktemp("factquiz-cache"))
