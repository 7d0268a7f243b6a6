"""Finding the project a command works on, like git finds its repository."""

from __future__ import annotations

from pathlib import Path

from .errors import FactquizError

MARKER = "_config.yml"
#: Where a project keeps its data, relative to its root (named here, in a module that
#: imports nothing heavy, so that a cache key can list them without loading anything).
SOURCES_DIR = "sources"
FACTS_DIR = "facts"
LESSONS_FILE = "lessons.yml"
SCHEMA_DIR = "schemas"
QUIZZES_DIR = "quizzes"
CATEGORIES_FILE = "categories.yml"


class ProjectNotFound(FactquizError):
    """No factquiz project (a directory with _config.yml and facts/) here or above."""


def find_project(start: Path | None = None) -> Path:
    """The nearest directory at or above ``start`` holding ``_config.yml`` and ``facts/``."""
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / MARKER).is_file() and (candidate / "facts").is_dir():
            return candidate
    raise ProjectNotFound(
        f"no factquiz project in {here} or any parent directory "
        f"(looked for {MARKER} beside a facts/ directory); "
        "run the command inside a project or pass --project DIR"
    )


def project_root(explicit: Path | None) -> Path:
    """The project root: ``explicit`` if given (checked), else found from the cwd."""
    if explicit is None:
        return find_project()
    root = explicit.resolve()
    if not (root / MARKER).is_file() or not (root / "facts").is_dir():
        raise ProjectNotFound(
            f"{explicit} is not a factquiz project: it needs {MARKER} and a facts/ directory"
        )
    return root
