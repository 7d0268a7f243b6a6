"""The progress file: attempts saved atomically, safe across kernels, corrupt files kept."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock

from factquiz import attempts
from factquiz.attempts import (
    PROGRESS_ENV,
    ProgressLocked,
    ProgressStore,
    ProgressUnusable,
    ProgressWarning,
    default_path,
    progress,
)


def ticking_clock() -> object:
    """A clock giving 2024-05-01T10:00:00Z, then one minute later each call."""
    minutes = iter(range(1000))
    return lambda: f"2024-05-01T10:{next(minutes):02d}:00Z"


@pytest.fixture
def store(tmp_path: Path) -> ProgressStore:
    return ProgressStore(tmp_path / "p" / "progress.json", clock=ticking_clock())


def test_default_path_is_in_home_or_from_environment(monkeypatch: pytest.MonkeyPatch,
                                                     tmp_path: Path) -> None:
    monkeypatch.delenv(PROGRESS_ENV, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert default_path() == tmp_path / ".factquiz" / "progress.json"
    monkeypatch.setenv(PROGRESS_ENV, str(tmp_path / "elsewhere.json"))
    assert default_path() == tmp_path / "elsewhere.json"
    assert ProgressStore().path == tmp_path / "elsewhere.json"


def test_an_attempt_is_saved_and_loaded_back_by_a_new_store(store: ProgressStore) -> None:
    store.record("raa", "raa", 7, None, "raa-1-mc-x", "mc", 2, True)
    store.record("raa", "raa", 7, "ann", "raa-2-ordering-y", "ordering", [2, 0, 1], False)
    saved = json.loads(store.path.read_text(encoding="utf-8"))
    assert saved["version"] == 2
    assert saved["attempts"][0] == {
        "quiz": "raa", "lesson": "raa", "seed": 7, "student": None, "question": "raa-1-mc-x",
        "type": "mc", "answer": 2, "correct": True, "time": "2024-05-01T10:00:00Z",
        "content": None, "fingerprint": None}
    again = ProgressStore(store.path).load()  # as after a kernel restart
    assert [(a.question, a.answer, a.correct, a.student) for a in again.attempts] == [
        ("raa-1-mc-x", 2, True, None), ("raa-2-ordering-y", [2, 0, 1], False, "ann")]
    assert not list(store.path.parent.glob(".progress.json.*.tmp"))


def test_reading_without_a_file_creates_nothing(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "none" / "progress.json")
    assert store.load().attempts == []
    assert not (tmp_path / "none").exists()


def test_current_counts_attempts_since_the_variants_last_reset(store: ProgressStore) -> None:
    store.record("raa", "raa", 1, None, "q1", "mc", 0, False)
    store.record("raa", "raa", 2, None, "q1", "mc", 1, True)  # another variant
    store.reset("raa", 1, None)
    store.record("raa", "raa", 1, None, "q2", "tf", 1, True)
    store.record("raa", "raa", 1, "ann", "q3", "tf", 0, True)  # another student
    assert [(a.seed, a.question) for a in store.current("raa", 1, None)] == [(1, "q2")]
    assert [a.question for a in store.current("raa", 2, None)] == ["q1"]
    assert [a.question for a in store.current("raa", 1, "ann")] == ["q3"]
    assert len(store.load().attempts) == 4  # the history is kept


def test_a_crash_while_writing_leaves_the_old_file(store: ProgressStore,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    store.record("raa", "raa", 1, None, "q1", "mc", 0, True)
    before = store.path.read_bytes()

    def crash(fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("factquiz.atomic.os.fsync", crash)
    with pytest.raises(OSError, match="disk full"):
        store.record("raa", "raa", 1, None, "q2", "mc", 1, False)
    assert store.path.read_bytes() == before
    assert sorted(p.name for p in store.path.parent.iterdir()) == [
        "progress.json", "progress.json.lock"]


def test_a_corrupt_file_is_moved_aside_with_a_warning_not_overwritten(
        store: ProgressStore) -> None:
    store.path.parent.mkdir(parents=True)
    store.path.write_text('{"attempts": [ oops', encoding="utf-8")
    with pytest.warns(ProgressWarning) as caught:
        store.record("raa", "raa", 1, None, "q1", "mc", 0, True)
    aside = [p for p in store.path.parent.iterdir() if ".corrupt-" in p.name]
    assert len(aside) == 1
    assert aside[0].read_text(encoding="utf-8") == '{"attempts": [ oops'
    message = str(caught[0].message)
    assert message.startswith(f"progress file {store.path} is not valid JSON (line 1, column 16); "
                              f"it was moved to {aside[0]}")
    assert [a.question for a in store.load().attempts] == ["q1"]


def test_reading_a_corrupt_file_warns_and_moves_nothing(store: ProgressStore) -> None:
    store.path.parent.mkdir(parents=True)
    store.path.write_text('{"attempts": [ oops', encoding="utf-8")
    with pytest.warns(ProgressWarning, match="is not valid JSON .*; it was left as it is"):
        assert store.load().attempts == []
    with pytest.warns(ProgressWarning, match="left as it is"):
        assert store.summary().total_attempts == 0
    assert store.path.read_text(encoding="utf-8") == '{"attempts": [ oops'
    assert not [p for p in store.path.parent.iterdir() if ".corrupt-" in p.name]


def test_a_file_of_the_wrong_shape_is_set_aside_when_saving(store: ProgressStore) -> None:
    store.path.parent.mkdir(parents=True)
    store.path.write_text('{"attempts": {"quiz": 3}}', encoding="utf-8")
    with pytest.warns(ProgressWarning, match=r"does not hold progress data"):
        store.record("raa", "raa", 1, None, "q1", "mc", 0, True)
    assert [a.question for a in store.load().attempts] == ["q1"]
    assert len([p for p in store.path.parent.iterdir() if ".corrupt-" in p.name]) == 1


def test_one_bad_record_hides_nothing_else_and_is_kept(store: ProgressStore) -> None:
    store.record("raa", "raa", 1, None, "q1", "mc", 0, True)
    saved = json.loads(store.path.read_text(encoding="utf-8"))
    saved["attempts"].insert(0, {"quiz": 3})
    store.path.write_text(json.dumps(saved), encoding="utf-8")
    with pytest.warns(ProgressWarning, match=r"attempt 1 is not valid \(quiz: "):
        summary = store.summary({"raa": "The RAA"})
    assert summary.rows[0].attempts == 1
    assert "Left out: attempt 1 is not valid (quiz: " in summary.text()
    assert summary.to_dict()["problems"] == summary.problems != []
    with pytest.warns(ProgressWarning):  # the bad record is kept, and resets count it
        store.reset("raa", 1, None)
        store.record("raa", "raa", 1, None, "q2", "mc", 0, True)
        assert [a.question for a in store.current("raa", 1, None)] == ["q2"]
    assert json.loads(store.path.read_text(encoding="utf-8"))["attempts"][0] == {"quiz": 3}


@pytest.mark.parametrize("make", ["directory", "unrelated", "binary"])
def test_a_path_that_is_not_a_progress_file_is_an_error_and_left_alone(
        store: ProgressStore, make: str) -> None:
    store.path.parent.mkdir(parents=True)
    if make == "directory":
        store.path.mkdir()
        (store.path / "keep.txt").write_text("mine", encoding="utf-8")
    elif make == "unrelated":
        store.path.write_text('{"name": "my-notes", "dependencies": {}}', encoding="utf-8")
    else:
        store.path.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    before = sorted(p.name for p in store.path.parent.rglob("*"))
    for action in (store.load, lambda: store.record("raa", "raa", 1, None, "q1", "mc", 0, True),
                   store.summary):
        with pytest.raises(ProgressUnusable, match=f"progress file {store.path} is "):
            action()
    after = sorted(p.name for p in store.path.parent.rglob("*"))
    assert [n for n in after if not n.endswith(".lock")] == [
        n for n in before if not n.endswith(".lock")]


def test_an_unreadable_file_is_an_error_never_moved(store: ProgressStore,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    store.record("raa", "raa", 1, None, "q1", "mc", 0, True)
    before = store.path.read_bytes()

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(ProgressUnusable, match="cannot be read \\(Permission denied\\)"):
        store.record("raa", "raa", 1, None, "q2", "mc", 0, True)
    with pytest.raises(ProgressUnusable):
        store.load()
    monkeypatch.undo()
    assert store.path.read_bytes() == before
    assert not [p for p in store.path.parent.iterdir() if ".corrupt-" in p.name]


def test_the_last_variant_is_the_one_moved_to_or_answered(store: ProgressStore) -> None:
    assert store.last_variant("raa", None) is None
    store.record("raa", "raa", 4, None, "q1", "mc", 0, True)
    assert store.last_variant("raa", None) == 4
    store.moved_to("raa", 5, None)
    assert store.last_variant("raa", None) == 5 and store.last_variant("raa", "ann") is None


def test_a_held_lock_gives_a_clear_error(store: ProgressStore,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    store.record("raa", "raa", 1, None, "q1", "mc", 0, True)
    monkeypatch.setattr(attempts, "LOCK_TIMEOUT", 0.1)
    other = ProgressStore(store.path)
    with FileLock(str(store.path) + ".lock"), pytest.raises(ProgressLocked) as raised:
        other.record("raa", "raa", 1, None, "q2", "mc", 0, True)
    assert str(raised.value).startswith(f"{store.path} is locked by another process")
    assert len(store.load().attempts) == 1


def test_two_kernels_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "progress.json"
    script = textwrap.dedent(f"""
        import sys
        from factquiz.attempts import ProgressStore
        store = ProgressStore({str(path)!r})
        for i in range(40):
            store.record("raa", "raa", 1, sys.argv[1], f"q{{i}}", "mc", i % 4, i % 2 == 0)
    """)
    procs = [subprocess.Popen([sys.executable, "-c", script, who]) for who in ("ann", "bob")]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    data = json.loads(path.read_text(encoding="utf-8"))
    assert len(data["attempts"]) == 80
    for who in ("ann", "bob"):
        mine = [a["question"] for a in data["attempts"] if a["student"] == who]
        assert mine == [f"q{i}" for i in range(40)]


def test_summary_per_lesson_counts_first_tries(store: ProgressStore) -> None:
    store.record("raa", "raa", 1, None, "q1", "mc", 0, False)
    store.record("raa", "raa", 1, None, "q1", "mc", 1, True)
    store.record("raa", "raa", 1, None, "q2", "tf", 0, True)
    store.record("raa", "raa", 2, None, "q1", "mc", 3, True)  # same id, other variant
    store.record("jdsc", "jdsc", 1, None, "q9", "cloze", "Perth", True)
    summary = store.summary({"overview": "Overview", "raa": "The RAA", "jdsc": "The JDSC"})
    assert [r.to_dict() for r in summary.rows] == [
        {"lesson": "overview", "title": "Overview", "attempts": 0, "questions": 0,
         "first_try_correct": 0, "accuracy": None, "last": None},
        {"lesson": "raa", "title": "The RAA", "attempts": 4, "questions": 3,
         "first_try_correct": 2, "accuracy": 0.6667, "last": "2024-05-01T10:03:00Z"},
        {"lesson": "jdsc", "title": "The JDSC", "attempts": 1, "questions": 1,
         "first_try_correct": 1, "accuracy": 1.0, "last": "2024-05-01T10:04:00Z"},
    ]
    assert summary.text().splitlines() == [
        "Lesson    Attempts  Questions  First try  Score         Last activity  Chart",
        "Overview         0          0          0      —                     —  "
        "····················",
        "The RAA          4          3          2    67%  2024-05-01T10:03:00Z  "
        "█████████████░░░░░░░",
        "The JDSC         1          1          1   100%  2024-05-01T10:04:00Z  "
        "████████████████████",
    ]
    page = summary.html()
    assert "<caption>Quiz progress per lesson</caption>" in page
    assert '<th scope="row" style="text-align:left">The RAA</th>' in page
    assert 'aria-label="Bar chart of the first-try score per lesson"><svg' in page


def test_summary_without_attempts_says_so_and_draws_no_chart(store: ProgressStore) -> None:
    summary = store.summary({"raa": "The RAA"})
    assert summary.text().splitlines()[-1] == (
        "No attempts yet: answer a question and press Check.")
    assert "<svg" not in summary.html()
    assert "<p>No attempts yet: answer a question and press Check.</p>" in summary.html()


def test_progress_lists_the_projects_lessons(repo_root: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo_root / "notebooks")
    store = ProgressStore(tmp_path / "progress.json")
    store.record("raa", "raa", 1, None, "q1", "mc", 0, True)
    summary = progress(tmp_path / "progress.json")
    assert [r.lesson for r in summary.rows] == [
        line.split("id: ")[1] for line in
        (repo_root / "lessons.yml").read_text(encoding="utf-8").splitlines()
        if line.startswith("  - id: ")]
    assert next(r for r in summary.rows if r.lesson == "raa").attempts == 1
    monkeypatch.chdir(tmp_path)  # outside any project: only the tried lessons
    assert [r.lesson for r in progress(tmp_path / "progress.json").rows] == ["raa"]


def run_cli(*args: str, cwd: Path, progress_file: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "120", PROGRESS_ENV: str(progress_file)}
    env.pop("FACTQUIZ_PROJECT", None)
    return subprocess.run([sys.executable, "-m", "factquiz", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_cli_progress_prints_the_table_and_json(make_project: Callable[..., Path],
                                                tmp_path: Path) -> None:
    repo_root = make_project()  # the frozen lessons: overview, ..., raa, ...
    path = tmp_path / "progress.json"
    store = ProgressStore(path, clock=ticking_clock())
    store.record("raa", "raa", 1, None, "q1", "mc", 0, False)
    store.record("raa", "raa", 1, None, "q2", "mc", 0, True)
    result = run_cli("progress", cwd=repo_root, progress_file=path)
    assert result.returncode == 0, result.stderr
    lines = [line.strip() for line in result.stdout.splitlines()]
    assert ("raa                     2           2           1    50% █████░░░░░   2024-05-01"
            in lines)
    assert "overview                0           0           0      — ··········   —" in lines
    assert lines[-2:] == ["2 attempts; 1 of 2 questions right at the first try (50%)",
                          f"Progress file: {path}"]
    result = run_cli("progress", "--json", cwd=repo_root, progress_file=path)
    data = json.loads(result.stdout)
    assert data["path"] == str(path)
    assert {"lesson": "raa", "title": "The Reciprocal Access Agreement", "attempts": 2,
            "questions": 2, "first_try_correct": 1, "accuracy": 0.5,
            "last": "2024-05-01T10:01:00Z"} in data["lessons"]


def test_cli_progress_warns_about_a_corrupt_file_and_leaves_it(repo_root: Path,
                                                               tmp_path: Path) -> None:
    path = tmp_path / "progress.json"
    path.write_text('{"version": 2, "attempts": [', encoding="utf-8")
    result = run_cli("progress", cwd=repo_root, progress_file=path)
    assert result.returncode == 0
    assert result.stderr.startswith(f"warning: progress file {path} is not valid JSON")
    assert "No attempts yet: open a quiz notebook in notebooks/ and press Check." in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")) == [
        "progress.json"]


def test_cli_progress_names_an_unusable_path_without_a_traceback(repo_root: Path,
                                                                 tmp_path: Path) -> None:
    result = run_cli("progress", cwd=repo_root, progress_file=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: progress file {tmp_path} is a directory")
    assert "Traceback" not in result.stderr


def test_cli_progress_shows_the_valid_records_and_names_the_bad_one(repo_root: Path,
                                                                    tmp_path: Path) -> None:
    path = tmp_path / "progress.json"
    store = ProgressStore(path, clock=ticking_clock())
    store.record("raa", "raa", 1, None, "q1", "mc", 0, True)
    saved = json.loads(path.read_text(encoding="utf-8"))
    saved["attempts"].append({"quiz": "raa", "seed": "[bold]x"})
    path.write_text(json.dumps(saved), encoding="utf-8")
    result = run_cli("progress", cwd=repo_root, progress_file=path)
    assert result.returncode == 0, result.stderr
    assert "attempt 2 is not valid (lesson: Field required)" in " ".join(result.stderr.split())
    assert "1 attempts; 1 of 1 questions right at the first try (100%)" in result.stdout
    assert json.loads(path.read_text(encoding="utf-8")) == saved  # nothing moved or dropped
