"""Building the online book: ``jupyter-book build`` with warnings as errors.

The book is a Jupyter Book 1.x project whose ``_config.yml`` and ``_toc.yml`` sit at the
project root (pages under ``book/``). :func:`build_book` runs Jupyter Book in a
subprocess (so a build never shares state with the caller) with ``-W --keep-going``:
every warning is reported, and any warning fails the build. Notebooks are executed
through Jupyter Book's cache (``execute_notebooks: cache``), so a rebuild re-runs only
notebooks that changed. After a successful build the hash of everything the book is built
from (:data:`BOOK_PARTS`, factquiz's code, Jupyter Book's and Sphinx's versions) is kept
in ``_build/.factquiz-inputs``; while it is unchanged, a build returns at once.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

from .atomic import atomic_write_text
from .digest import code_digest, files_under, hash_files
from .errors import FactquizError

#: Where Jupyter Book writes, relative to the project root.
BUILD_DIR = Path("_build")
HTML_DIR = BUILD_DIR / "html"
LOG_FILE = BUILD_DIR / "book-build.log"
#: The hash of the inputs of the last successful build (see :func:`inputs_digest`).
INPUTS_FILE = BUILD_DIR / ".factquiz-inputs"
#: Sphinx's saved environment: after a failed build it is removed, so that the next build
#: reads every page again and reports every problem again (Sphinx only re-reads pages
#: that changed, and would otherwise pass without re-reporting the warnings).
ENVIRONMENT = BUILD_DIR / ".doctrees" / "environment.pickle"

#: What the book is built from: configuration, pages and the data the extension reads.
BOOK_PARTS = ("_config.yml", "_toc.yml", "lessons.yml", "categories.yml", "book", "facts",
              "sources", "quizzes", "notebooks")

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_PROBLEM = re.compile(r"(WARNING|ERROR|CRITICAL|SEVERE):")
_EXCEPTION = re.compile(r"^(?:[A-Za-z_][\w.]*\.)?[A-Z]\w*(?:Error|Exception):(.*)$")
_RULER = re.compile(r"^[=\-]{10,}$")


class BookBuildFailed(FactquizError):
    """Jupyter Book reported warnings or errors; the message lists them."""

    def __init__(self, message: str, problems: list[str], log: Path) -> None:
        super().__init__(message)
        self.problems = problems
        self.log = log


class NotABook(FactquizError):
    """The directory has no _config.yml and _toc.yml for Jupyter Book."""


def problems_in(output: str) -> list[str]:
    """The warning and error lines of a build's output, without colour codes."""
    return [line.strip() for line in _ANSI.sub("", output).splitlines() if _PROBLEM.search(line)]


def failure_cause(output: str) -> str:
    """The message of the error that stopped a build (the last exception in the output),
    or "" if there is none: e.g. "The Table of Contents file is malformed: ..."."""
    lines = [line.strip() for line in _ANSI.sub("", output).splitlines()]
    starts = [i for i, line in enumerate(lines) if _EXCEPTION.match(line)]
    if not starts:
        return ""
    first = _EXCEPTION.match(lines[starts[-1]])
    message = [first.group(1).strip()] if first else []
    message += lines[starts[-1] + 1:]
    return next((line for line in message if line and not _RULER.match(line)), "")


def jupyter_book_command(root: Path, *, strict: bool = True, builder: str = "html") -> list[str]:
    """The command line that builds the book at ``root``."""
    command = [sys.executable, "-c", "from jupyter_book.cli.main import main; main()",
               "build", str(root), "--builder", builder]
    if strict:
        command += ["-W", "--keep-going"]
    return command


def inputs_digest(root: Path, strict: bool) -> str:
    """SHA-256 of what the book at ``root`` is built from, and how."""
    digest = hashlib.sha256(f"{code_digest()} strict={strict} jupyter-book="
                            f"{version('jupyter-book')} sphinx={version('sphinx')}".encode())
    hash_files(digest, root, files_under(root, BOOK_PARTS))
    return digest.hexdigest()


def is_current(root: Path, digest: str) -> bool:
    """Whether the book at ``root`` was built, successfully, from inputs of hash ``digest``."""
    stamp = Path(root) / INPUTS_FILE
    return (Path(root) / HTML_DIR / "index.html").is_file() and stamp.is_file() \
        and stamp.read_text(encoding="utf-8").strip() == digest


def build_book(root: Path, *, strict: bool = True, force: bool = False) -> Path:
    """Build the HTML book of the project at ``root``; return the path of its index.html.

    With ``strict`` (the default) any Sphinx warning (an unknown fact id, a broken link,
    a notebook cell that fails, ...) fails the build. The full output is kept in
    ``_build/book-build.log``. Raises :class:`BookBuildFailed` listing the problems.
    When nothing the book is built from changed since the last successful build, nothing
    is done (``force`` builds anyway).
    """
    root = Path(root).resolve()
    for name in ("_config.yml", "_toc.yml"):
        if not (root / name).is_file():
            raise NotABook(f"{root} has no {name}: the book's configuration and table of "
                           "contents must be at the project root")
    index = root / HTML_DIR / "index.html"
    stamp = root / INPUTS_FILE
    digest = inputs_digest(root, strict)
    if not force and is_current(root, digest):
        return index
    stamp.unlink(missing_ok=True)
    result = subprocess.run(jupyter_book_command(root, strict=strict), cwd=root,
                            capture_output=True, text=True, check=False)
    output = result.stdout + result.stderr
    log = root / LOG_FILE
    log.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(log, _ANSI.sub("", output))
    problems = problems_in(output)
    if result.returncode != 0 or not index.is_file():
        (root / ENVIRONMENT).unlink(missing_ok=True)
        if problems:
            summary = f"the book did not build ({len(problems)} problem(s)):\n" + "\n".join(
                f"  {p}" for p in problems)
        else:
            cause = failure_cause(output) or "no warning or error lines; see the full output"
            summary = f"the book did not build: {cause}"
            if "Table of Contents" in cause or "_toc.yml" in cause:
                summary += (f"\n  fix: correct {root / '_toc.yml'} (`factquiz new-lesson` "
                            "already lists a new lesson's page there)")
        raise BookBuildFailed(f"{summary}\nfull output: {log}", problems, log)
    atomic_write_text(stamp, digest + "\n")
    return index


def copy_book(root: Path, dest: Path) -> Path:
    """Copy what the book of ``root`` is built from into ``dest`` (without build output),
    e.g. to build it somewhere else; return ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in BOOK_PARTS:
        src = Path(root) / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns(
                "_build", ".ipynb_checkpoints", "__pycache__"), dirs_exist_ok=True)
        elif src.is_file():
            shutil.copy2(src, dest / part)
    return dest
