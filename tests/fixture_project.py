"""Small throw-away projects for the engine's tests (see ``make_project`` in conftest)."""

from __future__ import annotations

import shutil
from pathlib import Path

from content_root import REPO

ROOT = REPO
FROZEN_LESSONS = Path(__file__).resolve().parent / "golden" / "bank" / "lessons.yml"
#: Copied parts that come with the real lessons.yml (they name the real lessons).
REAL_CONTENT = ("facts", "quizzes", "notebooks")
#: The real facts with one lesson's quiz (raa), for the tests about one lesson: the raa facts
#: and quiz are written against the whole bank (they name facts of other lessons), and a
#: check of this copy makes one quiz's variants, not every lesson's (a fifth of the cost).
#: Copy the whole bank (``("facts", "quizzes")``) only where a test is about every quiz.
ONE_QUIZ = ("facts", "quizzes/raa.yml")


def new_project(root: Path, files: dict[str, str] | None = None,
                copy: tuple[str, ...] = ()) -> Path:
    """A minimal project at ``root``: the real sources, lessons and given files.

    ``copy`` names parts of the repository to copy. The lessons are the frozen fixture
    lessons, unless ``copy`` takes a whole content folder of the repository (facts,
    quizzes, notebooks): then the repository's own lessons.yml comes with it.
    """
    root.mkdir(parents=True, exist_ok=True)
    (root / "_config.yml").write_text("title: test\n", encoding="utf-8")
    (root / "facts").mkdir(exist_ok=True)
    shutil.copytree(ROOT / "sources", root / "sources", dirs_exist_ok=True)
    real = any(part in REAL_CONTENT for part in copy)
    shutil.copy(ROOT / "lessons.yml" if real else FROZEN_LESSONS, root / "lessons.yml")
    # The real facts name the real answer categories: they come together.
    facts = any(rel == "facts" or rel.startswith("facts/") for rel in copy)
    for rel in (*copy, "categories.yml") if facts else copy:
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
