"""Shared fixtures: the project whose content is checked, and small throw-away projects.

Tests of the engine run on fixture projects (``make_project``, ``tests/books``,
``tests/quiz_fixtures.py``) whose lessons are frozen in ``tests/golden/bank/lessons.yml``,
so adding a lesson to the course never breaks them. Tests of the content (marked
``content``) are rules that hold for any number of lessons; they check the repository, or
the project named by ``$FACTQUIZ_TEST_PROJECT`` (the instructor-path test points them at a
copy where a lesson was just added).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from content_root import CONTENT_ROOT
from fixture_project import new_project

#: Holds the ``sitecustomize.py`` that every Python process of the session runs first (see
#: there); on ``PYTHONPATH`` for the processes started from here on (the xdist workers, the
#: commands, builds, kernels and nested pytest runs the tests start).
STARTUP = Path(__file__).resolve().parent / "startup"
if str(STARTUP) not in os.environ.get("PYTHONPATH", "").split(os.pathsep):
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [str(STARTUP), *filter(None, [os.environ.get("PYTHONPATH")])])

#: The longest tests, started first and in this order, so that the many short tests fill in
#: around them and neither worker is left alone with a long test at the end. ``make test``
#: runs pytest-xdist with ``--no-loadscope-reorder``, which keeps this order.
FIRST = ("tests/test_instructor_path.py", "tests/browser/test_every_page.py",
         "tests/browser/test_jupyterlab.py", "tests/test_book.py", "tests/test_notebooks.py",
         "tests/browser/test_a11y.py")


def rank(item: pytest.Item) -> int:
    """Where ``item`` starts: by :data:`FIRST`, then the rest in collection order."""
    path = item.nodeid.split("::", 1)[0]
    return FIRST.index(path) if path in FIRST else len(FIRST)


@pytest.hookimpl(trylast=True)  # after pytest-xdist's own hook (see pin_to_groups)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Order the tests by :func:`rank` (stable: the same order on every worker) and pin
    each ``xdist_group`` to one worker. When ``make test`` runs nbval over ``notebooks/``
    in the same session, each notebook's cells are one group: run in order, in one
    kernel, on one worker."""
    items.sort(key=rank)
    for item in items:
        if item.path.suffix == ".ipynb":
            item.add_marker(pytest.mark.xdist_group(f"nbval-{item.path.name}"))
    if config.getoption("loadgroup", default=False):
        pin_to_groups(items)


def pin_to_groups(items: list[pytest.Item]) -> None:
    """Give each test marked ``xdist_group`` the ``@group`` suffix by which
    ``--dist loadgroup`` sends a group's tests to one worker, when pytest-xdist could not.

    pytest-xdist (3.8) appends it to ``item._nodeid``, which pytest 9.2 no longer reads (it
    keeps a structured ``_id``), so every group silently spread over both workers
    (pytest-xdist issue #1386; its pending fix, PR #1388, sets ``_id`` as done here): the
    JupyterLab server and the small notebooks' build were made on each worker.
    """
    try:
        from _pytest.nodeid import NodeId
    except ImportError:  # an older pytest, whose node ids pytest-xdist still suffixes
        return
    for item in items:
        groups = sorted({str(m.args[0] if m.args else m.kwargs.get("name", "default"))
                         for m in item.iter_markers("xdist_group")})
        if groups and "@" not in item.nodeid:
            item._id = NodeId.parse(f"{item.nodeid}@{'_'.join(groups)}")  # type: ignore[attr-defined]


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
    tests run, is kept in a temporary folder, not the user's ``~/.cache``: one for all the
    workers of a parallel run (the cache is safe to share), so that what one worker checked
    or generated for a project's files, every copy of them reuses; or the one
    ``$FACTQUIZ_TEST_CACHE_DIR`` names (a session started by a test, such as the
    instructor-path test's run of the content rules, shares its parent's). A test about the
    cache itself sets its own ``FACTQUIZ_CACHE_DIR``."""
    if os.environ.get("FACTQUIZ_TEST_CACHE_DIR"):
        folder = Path(os.environ["FACTQUIZ_TEST_CACHE_DIR"])
    elif os.environ.get("PYTEST_XDIST_WORKER"):  # the workers' temporary folders share a parent
        folder = tmp_path_factory.getbasetemp().parent / "factquiz-cache"
        folder.mkdir(exist_ok=True)
    else:
        folder = tmp_path_factory.mktemp("factquiz-cache")
    os.environ["FACTQUIZ_CACHE_DIR"] = str(folder)
