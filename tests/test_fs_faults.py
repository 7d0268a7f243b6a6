"""File-system faults and hostile YAML: a finding or a one-line error, never a traceback.

Every data file ``check``, ``add`` and ``export`` read can be a directory, a dangling
link or unreadable (tested with privileges really dropped: the command runs as ``nobody``
when the tests run as root); writes can fail on a full or read-only disk (an OS error
injected into the write path) or be killed between files. Deeply nested YAML, an alias
bomb and a huge quote must give findings, not a recursion error or a hang.
"""

from __future__ import annotations

import errno
import importlib
import json
import os
import pty
import shutil
import signal
import stat
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from cli_run import run, run_forked, start_command
from fixture_project import ONE_QUIZ
from test_add import SUGA, fact_flags

from factquiz.authoring import add_fact
from factquiz.load import load_project
from factquiz.verify import check

NOBODY = 65534
TARGETS = ["sources/tokyo-raa-basic-agreement-2020.txt", "facts/raa.yml", "quizzes/raa.yml",
           "lessons.yml"]


def _directory(path: Path) -> None:
    path.unlink()
    path.mkdir()


def _dangling(path: Path) -> None:
    path.unlink()
    path.symlink_to(path.parent / "no-such-file")


def _unreadable(path: Path) -> None:
    path.chmod(0)


FAULTS: dict[str, Callable[[Path], None]] = {
    "directory": _directory, "dangling symlink": _dangling, "unreadable": _unreadable}


@pytest.fixture
def shared_project(make_project: Callable[..., Path]) -> Iterator[Path]:
    """The project in a directory any user may enter and write (privileges get dropped)."""
    built = make_project(copy=ONE_QUIZ)
    base = Path(tempfile.mkdtemp(prefix="factquiz-faults-"))
    root = base / "project"
    shutil.copytree(built, root)
    for path in [base, root, *root.rglob("*")]:
        if path.is_dir():
            path.chmod(0o777)
        else:
            path.chmod(0o666)
    yield root
    for path in root.rglob("*"):  # let rmtree into what a test made unreadable
        if not path.is_symlink():
            path.chmod(0o777 if path.is_dir() else 0o666)
    shutil.rmtree(base)


#: What the commands import lazily: imported before privileges are dropped, since ``nobody``
#: may not read Python's own files (under /root).
LAZY_IMPORTS = ("csv", "errno", "importlib.metadata", "sqlite3", "xml.etree.ElementTree",
                "zipfile", "filelock", "typer.main", "factquiz.authoring", "factquiz.export",
                "factquiz.generate", "factquiz.verify")


def import_lazy_modules() -> None:
    """Import everything the commands would import lazily (once: children forked after
    this inherit them)."""
    import typer.main

    from factquiz.cli.common import app
    from factquiz.cli.lazy import COMMANDS, load_command_module

    for name in LAZY_IMPORTS:
        importlib.import_module(name)
    for module, _ in COMMANDS.values():
        load_command_module(module)
    typer.main.get_command(app)


def drop_privileges() -> None:
    """Give up root for good, having imported everything the command would import."""
    import_lazy_modules()
    if os.geteuid() == 0:
        os.setgroups([])
        os.setgid(NOBODY)
        os.setuid(NOBODY)


def run_unprivileged(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``factquiz ARGS`` as an ordinary user (``nobody`` when the tests run as root), so
    that file permissions apply: in a child process that gives up root before the command."""
    import_lazy_modules()
    env = {k: v for k, v in os.environ.items() if k != "FACTQUIZ_PROJECT"}
    return run_forked(*args, cwd=cwd, env={**env, "HOME": str(cwd)}, prepare=drop_privileges)


def assert_no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    assert result.returncode in (0, 1, 2), (result.returncode, result.stderr)


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("fault", list(FAULTS))
def test_check_reports_a_file_it_cannot_read(shared_project: Path, fault: str,
                                             target: str) -> None:
    FAULTS[fault](shared_project / target)
    result = run_unprivileged("check", cwd=shared_project)
    assert_no_traceback(result)
    assert result.returncode == 1
    assert f"{target}:1:1: error[unreadable]" in result.stderr
    assert "fix: " in result.stderr


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("fault", list(FAULTS))
def test_add_and_export_name_a_file_they_cannot_read(shared_project: Path, fault: str,
                                                     target: str) -> None:
    FAULTS[fault](shared_project / target)
    added = run_unprivileged("add", "fact", *fact_flags(SUGA), "--yes", cwd=shared_project)
    assert_no_traceback(added)
    if added.returncode != 0:  # refused because of that file, and saying so
        assert target in added.stderr, added.stderr
    exported = run_unprivileged("export", "raa", "-f", "json", "-o", "out.json",
                                cwd=shared_project)
    assert_no_traceback(exported)


# --- Hostile YAML ------------------------------------------------------------------------------


def _nested(levels: int) -> str:
    return "facts:\n" + "".join("  " * i + f"- k{i}:\n" for i in range(levels)) + \
        "  " * levels + "- end\n"


def _alias_bomb() -> str:
    text = 'facts:\n  - &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
    for i in range(1, 12):
        text += f"  - &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]\n"
    return text


def _huge_quote() -> str:
    quote = "Nothing like this sentence is in any source at all. " * 4000
    return f"""facts:
  - id: raa-huge-quote
    lesson: raa
    statement: The agreement was signed in Tokyo.
    question: Where was the agreement signed?
    answer: Tokyo
    kind: place
    evidence:
      - source: tokyo-raa-basic-agreement-2020
        quote: "{quote}"
"""


HOSTILE_YAML = {
    "nested in blocks": (_nested(300), "too-deep"),
    "nested in flows": ("facts: " + "[" * 5000 + "]" * 5000 + "\n", "yaml-syntax"),
    "alias bomb": (_alias_bomb(), "yaml-alias"),
    "huge quote not found": (_huge_quote(), "quote-not-found"),
}


@pytest.mark.parametrize("name", list(HOSTILE_YAML))
def test_hostile_yaml_is_a_finding(make_project: Callable[..., Path], name: str) -> None:
    text, code = HOSTILE_YAML[name]
    root = make_project(files={"facts/hostile.yml": text})
    result = run("check", "--json", cwd=root)  # a hang would hit the runner's timeout
    assert_no_traceback(result)
    assert result.returncode == 1
    codes = {(f["path"], f["code"]) for f in json.loads(result.stdout)["findings"]}
    assert ("facts/hostile.yml", code) in codes


# --- Failing writes ----------------------------------------------------------------------------

def inject(fault: str) -> None:
    """Make this (child) process's writes fail as ``fault`` says: "ENOSPC" (the disk fills
    up while the new text is flushed), "EROFS" (the file system is read-only), "kill" or
    "ENOSPC-second" (the second project file of several dies or fails)."""
    if fault == "ENOSPC":
        def fsync(fd: int) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        os.fsync = fsync
    elif fault == "EROFS":
        def mkstemp(*args: object, **kwargs: object) -> tuple[int, str]:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        tempfile.mkstemp = mkstemp  # type: ignore[assignment]
    else:
        real_replace, count = os.replace, [0]

        def replace(src: str, dst: str) -> None:
            if not os.path.abspath(dst).startswith(os.getcwd() + os.sep):
                return real_replace(src, dst)  # factquiz's cache, outside the project
            count[0] += 1
            if count[0] == 2 and fault == "kill":
                os.kill(os.getpid(), signal.SIGKILL)
            if count[0] == 2:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return real_replace(src, dst)
        os.replace = replace  # type: ignore[assignment]


def run_with_fault(fault: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``factquiz ARGS`` in a child process whose writes fail as ``fault`` says."""
    return run_forked(*args, cwd=cwd, env=dict(os.environ), prepare=lambda: inject(fault))


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not p.name.endswith(".lock")}


WRITES = {
    "add fact": ("add", "fact", *fact_flags(SUGA), "--yes"),
    "export": ("export", "raa", "-f", "moodle-xml", "-o", "out.xml"),
    "new-lesson": ("new-lesson", "quad", "--title", "The Quad"),
}
WRITTEN_FIRST = {"add fact": "facts/raa.yml", "export": "out.xml", "new-lesson": "facts/quad.yml"}


@pytest.fixture
def book_project(make_project: Callable[..., Path]) -> Path:
    return make_project(copy=(*ONE_QUIZ, "book", "_toc.yml"))


@pytest.mark.parametrize("fault, reason", [("ENOSPC", "No space left on device"),
                                           ("EROFS", "Read-only file system")])
@pytest.mark.parametrize("command", list(WRITES))
def test_a_failed_write_changes_nothing(book_project: Path, command: str, fault: str,
                                        reason: str) -> None:
    before = snapshot(book_project)
    result = run_with_fault(fault, *WRITES[command], cwd=book_project)
    assert_no_traceback(result)
    assert result.returncode == 2
    (line,) = [ln for ln in result.stderr.splitlines() if ln.startswith("error:")]
    assert f"cannot write {WRITTEN_FIRST[command]}" in line.replace(f"{book_project}/", "")
    assert reason in line
    assert snapshot(book_project) == before  # nothing changed, no temporary file left


def test_new_lesson_is_all_or_nothing(book_project: Path) -> None:
    before = snapshot(book_project)
    failed = run_with_fault("ENOSPC-second", *WRITES["new-lesson"], cwd=book_project)
    assert failed.returncode == 2 and "No space left on device" in failed.stderr
    assert snapshot(book_project) == before  # the first file written was taken back
    retry = run(*WRITES["new-lesson"], cwd=book_project)
    assert retry.returncode == 0, retry.stderr


def test_new_lesson_killed_between_files_can_be_retried(book_project: Path) -> None:
    killed = run_with_fault("kill", *WRITES["new-lesson"], cwd=book_project)
    assert killed.returncode == -9
    assert "quad" not in (book_project / "lessons.yml").read_text(encoding="utf-8")
    retry = run(*WRITES["new-lesson"], cwd=book_project)
    assert retry.returncode == 0, retry.stderr
    assert "quad" in load_project(book_project).lessons
    assert (book_project / "book" / "lessons" / "quad.md").is_file()


# --- Keeping what is there ----------------------------------------------------------------------


def test_add_keeps_crlf_line_ends(make_project: Callable[..., Path]) -> None:
    root = make_project(copy=ONE_QUIZ)
    path = root / "facts" / "raa.yml"
    original = path.read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(original)
    add_fact(root, SUGA)
    after = path.read_bytes()
    assert after.startswith(original.rstrip(b"\r\n"))
    assert after.count(b"\n") == after.count(b"\r\n")  # no bare LF
    assert b"raa-suga-counterpart" in after


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_new_files_follow_the_umask(make_project: Callable[..., Path], umask: int,
                                    mode: int) -> None:
    # No fact files: adding creates facts/raa.yml (SUGA names a category of categories.yml).
    root = make_project(copy=("quizzes", "categories.yml"))
    old = os.umask(umask)
    try:
        add_fact(root, SUGA)
    finally:
        os.umask(old)
    assert stat.S_IMODE((root / "facts" / "raa.yml").stat().st_mode) == mode


def test_one_id_into_two_lesson_files_at_once(make_project: Callable[..., Path]) -> None:
    """The project lock covers validate-and-write: the second writer sees the first's fact."""
    root = make_project(copy=ONE_QUIZ)

    def slow_writes() -> None:  # in each writer: 1 s inside the lock before writing
        import factquiz.authoring.transaction as transaction

        real = transaction.atomic_write_text

        def slow(*args: Any) -> None:
            time.sleep(1)
            real(*args)
        transaction.atomic_write_text = slow  # type: ignore[assignment]

    writers = [start_command("add", "fact", *fact_flags({**SUGA, "lesson": lesson}), "--yes",
                             cwd=root, prepare=slow_writes)
               for lesson in ("raa", "regional")]
    results = []
    for w in writers:
        _, err = w.communicate(timeout=300)
        results.append((w.returncode, err))
    assert "already used" in "".join(err for _, err in results)
    assert sorted(code for code, _ in results) == [0, 2], results
    assert [f.format() for f in check(load_project(root)) if f.code == "duplicate-id"] == []


# --- export never overwrites data; internal errors ------------------------------------------------

PROTECTED = ["facts/raa.yml", "lessons.yml", "_config.yml", "sources/new.txt", "quizzes/x.csv",
             "book/lessons/raa.md"]


@pytest.mark.parametrize("target", PROTECTED)
def test_export_never_writes_project_data(book_project: Path, target: str) -> None:
    before = snapshot(book_project)
    result = run("export", "raa", "-f", "csv", "-o", target, "--force", cwd=book_project)
    assert_no_traceback(result)
    assert result.returncode == 2 and "never writes into the project's data" in result.stderr
    assert snapshot(book_project) == before


def test_export_replaces_an_existing_file_only_with_force(book_project: Path) -> None:
    other = book_project / "notes.json"
    other.write_text("my notes", encoding="utf-8")
    refused = run("export", "raa", "-f", "json", "-o", "notes.json", cwd=book_project)
    assert refused.returncode == 2 and "pass --force" in refused.stderr
    assert other.read_text(encoding="utf-8") == "my notes"
    forced = run("export", "raa", "-f", "json", "-o", "notes.json", "--force", cwd=book_project)
    assert forced.returncode == 0, forced.stderr
    assert other.read_text(encoding="utf-8").startswith("{")
    folder = run("export", "raa", "-f", "json", "-o", "book", cwd=book_project)
    assert folder.returncode == 2


def test_an_internal_error_exits_3_and_says_how_to_report_it(make_project: Callable[..., Path]
                                                             ) -> None:
    root = make_project(copy=ONE_QUIZ)
    def break_check() -> None:
        import factquiz.cli.bank as bank

        def boom(root: Path) -> None:
            raise RuntimeError("an unexpected bug")
        bank.check_root = boom

    for debug, traceback in (("", False), ("1", True)):
        result = run_forked("check", cwd=root, env={**os.environ, "FACTQUIZ_DEBUG": debug},
                            prepare=break_check)
        assert result.returncode == 3
        assert ("Traceback" in result.stderr) is traceback
        if not traceback:
            assert "internal error: RuntimeError: an unexpected bug" in result.stderr
            assert "FACTQUIZ_DEBUG=1" in result.stderr and "report" in result.stderr


@pytest.mark.parametrize("answer, replaced", [("n", False), ("y", True)])
def test_export_asks_before_replacing_a_file_on_a_terminal(book_project: Path, answer: str,
                                                           replaced: bool) -> None:
    other = book_project / "notes.json"
    other.write_text("my notes", encoding="utf-8")
    main, terminal = pty.openpty()
    try:
        os.write(main, f"{answer}\n".encode())
        result = run_forked("export", "raa", "-f", "json", "-o", "notes.json", cwd=book_project,
                            stdin=terminal)
    finally:
        os.close(main)
        os.close(terminal)
    assert "notes.json exists. Replace it?" in result.stdout
    assert result.returncode == (0 if replaced else 1), result.stderr
    assert (other.read_text(encoding="utf-8") != "my notes") is replaced
