"""Benchmark: building the online book, and what factquiz's Sphinx extension adds to it.

Floors (issue 16): the extension adds at most 10 % to a cold build and at most 5 % to a
rebuild after editing one lesson (its verification results are cached by content hash,
not redone); issue 5's absolute floors stay (cold build under 3 minutes, rebuild under
30 s on a 2-core machine).

The baseline is the same book built without the extension, in the same run: a copy of
the book whose ``_config.yml`` drops ``factquiz.sphinxext`` and whose pages have each of
its roles and directives replaced by plain text (:func:`plain_book`). Both copies are
built with ``factquiz.book.build_book`` (``jupyter-book build -W --keep-going``), paired
and alternated, and timed in CPU seconds of the build's processes (user + system, the
kernels that execute notebooks included), which a shared machine disturbs far less than
wall-clock time; the medians are reported.

"Cold" is a build with no build output and no notebook cache, factquiz's content-hash
cache warm (the check and the quizzes, as ``make book`` leaves them: it runs ``factquiz
check`` and ``factquiz notebooks`` first); the same build with factquiz's cache empty
too, which comes first in each run, is reported. The rebuild follows an edit of one
lesson page (whose text the lesson's quiz depends on, so that quiz is made again).

Run: ``python benchmarks/bench_book.py`` (one line a row; exit 1 if a floor is missed).
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from harness import ROOT, Row, factquiz, report

from factquiz.book import BUILD_DIR, build_book, copy_book

COLD_S, REBUILD_S = 180.0, 30.0
COLD_OVERHEAD, REBUILD_OVERHEAD = 0.10, 0.05
RUNS = 5
EXTENSION = "factquiz.sphinxext"
#: The lesson page edited before a rebuild.
EDITED = Path("book/lessons/raa.md")

#: ``{fact}`id``` and ``{nofact}`reason```: the text between the backquotes.
_ROLE = re.compile(r"\{(?:fact|nofact)\}`([^`]*)`")
#: A ``{quiz}``, ``{timeline}`` or ``{factsources}`` directive at the start of a line, with
#: its options, up to its closing fence.
_DIRECTIVE = re.compile(r"^(`{3,})\{(quiz|timeline|factsources)\}([^\n]*)\n(?:.*\n)*?\1[ \t]*$",
                        re.MULTILINE)


def plain_text(page: str, directive: Callable[[re.Match[str]], str] | None = None) -> str:
    """``page`` with the extension's roles as their text in brackets and its directives as
    one paragraph naming them (or as ``directive(match)`` says)."""
    page = _DIRECTIVE.sub(directive or (lambda m: f"({m[2]}{m[3]})"), page)
    return _ROLE.sub(lambda m: f"[{m[1]}]", page)


def drop_extension(config: str) -> str:
    """The book's ``_config.yml`` text without the factquiz extension in its lists."""
    kept = [line for line in config.splitlines(keepends=True)
            if line.strip() != f"- {EXTENSION}"]
    if len(kept) == len(config.splitlines()):
        raise SystemExit(f"bench_book: {EXTENSION} not found in _config.yml")
    return "".join(kept)


def plain_book(root: Path, dest: Path,
               directive: Callable[[re.Match[str]], str] | None = None) -> Path:
    """A copy of the book at ``root`` in ``dest`` built without the factquiz extension:
    its configuration drops it and its pages hold plain text where its roles and
    directives were. Return ``dest``."""
    copy_book(root, dest)
    config = dest / "_config.yml"
    config.write_text(drop_extension(config.read_text(encoding="utf-8")), encoding="utf-8")
    for page in (dest / "book").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        page.write_text(plain_text(text, directive), encoding="utf-8")
    return dest


def cpu_build(root: Path) -> float:
    """CPU seconds (user + system) of the processes of one build of the book at ``root``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    build_book(root, strict=True, force=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def warm_check(root: Path) -> None:
    """``factquiz check`` on the copy at ``root``, as ``make book`` runs it before a build
    (the quizzes are in the cache from the build with an empty cache before)."""
    subprocess.run(factquiz("check"), cwd=root, check=True, stdout=subprocess.DEVNULL)


def edit_lesson(root: Path) -> None:
    """Add a line to one lesson page."""
    lesson = root / EDITED
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\nOne more line.\n",
                      encoding="utf-8")


def measure(ours: Path, plain: Path, cache_root: Path) -> dict[str, list[float]]:
    """CPU seconds of cold builds, cold builds with an empty factquiz cache, and rebuilds
    after an edit, of ``ours`` and ``plain`` alternately (``RUNS`` times each)."""
    times: dict[str, list[float]] = {k: [] for k in (
        "cold", "plain cold", "cold no cache", "plain cold no cache", "rebuild",
        "plain rebuild")}
    for i in range(RUNS):
        for root, name in ((ours, ""), (plain, "plain "))[::1 if i % 2 == 0 else -1]:
            original = (root / EDITED).read_text(encoding="utf-8")
            os.environ["FACTQUIZ_CACHE_DIR"] = str(cache_root / f"{name}{i}")
            shutil.rmtree(root / BUILD_DIR, ignore_errors=True)
            times[f"{name}cold no cache"].append(cpu_build(root))
            shutil.rmtree(root / BUILD_DIR, ignore_errors=True)
            warm_check(root)
            times[f"{name}cold"].append(cpu_build(root))
            edit_lesson(root)
            times[f"{name}rebuild"].append(cpu_build(root))
            (root / EDITED).write_text(original, encoding="utf-8")
    return times


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="bench-book-") as tmp:
        ours = copy_book(ROOT, Path(tmp) / "ours")
        plain = plain_book(ROOT, Path(tmp) / "plain")
        times = measure(ours, plain, Path(tmp) / "cache")
    med = {k: statistics.median(v) for k, v in times.items()}
    base = "the same pages without the extension"
    unit = "s"
    rows = [
        report(Row("book: cold build (CPU; factquiz's cache warm)", med["cold"], unit, base,
                   med["plain cold"], f"<= {1 + COLD_OVERHEAD:.2f}x baseline and < "
                   f"{COLD_S:.0f} s", med["cold"] <= (1 + COLD_OVERHEAD) * med["plain cold"]
                   and med["cold"] < COLD_S)),
        report(Row("book: cold build, factquiz cache empty too (CPU)", med["cold no cache"],
                   unit, base, med["plain cold no cache"], "none (reported)", True)),
        report(Row(f"book: rebuild after editing `{EDITED.name}` (CPU)", med["rebuild"], unit,
                   base, med["plain rebuild"], f"<= {1 + REBUILD_OVERHEAD:.2f}x baseline and "
                   f"< {REBUILD_S:.0f} s", med["rebuild"] <= (1 + REBUILD_OVERHEAD)
                   * med["plain rebuild"] and med["rebuild"] < REBUILD_S)),
    ]
    return 0 if all(r.met for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
