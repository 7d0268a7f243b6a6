"""``factquiz export --all``: every lesson in every format asked for, in one process."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cli_run import run

from factquiz.export import FORMATS
from factquiz.load import load_project


def test_export_all_writes_each_lesson_in_each_format_as_one_export_would(
        make_project: Callable[..., Path]) -> None:
    root = make_project(copy=("facts", "quizzes"))
    lessons = list(load_project(root).lessons)
    done = run("export", "--all", "-f", "json", "-f", "gift", "-o", "out", cwd=root)
    assert done.returncode == 0, done.stderr
    written = sorted(p.name for p in (root / "out").iterdir())
    assert len(written) == 2 * len(lessons)
    for lesson in lessons:
        (json_file,) = [n for n in written if n.startswith(f"{lesson}-") and n.endswith(".json")]
        single = run("export", lesson, "-f", "json", "-o", "one.json", "--force", cwd=root)
        assert single.returncode == 0, single.stderr
        assert (root / "out" / json_file).read_bytes() == (root / "one.json").read_bytes()
    every = run("export", "--all", "-o", "all", cwd=root)
    assert every.returncode == 0, every.stderr
    assert len(list((root / "all").iterdir())) == len(FORMATS) * len(lessons)


def test_export_needs_one_quiz_or_all(make_project: Callable[..., Path]) -> None:
    root = make_project(copy=("facts", "quizzes"))
    both = run("export", "raa", "--all", cwd=root)
    neither = run("export", "-f", "json", cwd=root)
    two_formats = run("export", "raa", "-f", "json", "-f", "gift", cwd=root)
    for result in (both, neither, two_formats):
        assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "not both" in both.stderr and "--all" in neither.stderr
    assert "one format" in two_formats.stderr
    assert not (root / "exports").exists()
