"""Benchmark: what an instructor waits for at the terminal, each from a cold process.

Floors (issue 16): ``factquiz --help`` at most 3x ``python -c "import yaml"``;
``factquiz check`` on the project's bank and ``factquiz quiz LESSON`` at most 300 ms each;
exporting every lesson in every format (``export --all``, one process) at most 3 s.
Each is timed beside the ``import yaml`` process in the same run (paired medians), and the
export beside the same exports done in one process through the library. ``check`` and
``quiz`` reuse results cached by content hash; their first run after an edit (the cache
off) is reported too.

Run: ``python benchmarks/bench_cli.py`` (one line a row; exit 1 if a floor is missed).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from harness import IMPORT_YAML, ROOT, Row, factquiz, first_lesson, paired, report

FORMATS = ("moodle-xml", "gift", "qti", "anki", "csv", "json")


def export_all_library(out: Path) -> list[str]:
    """The argv of one fresh process doing every export through the library."""
    code = (
        "import sys; from pathlib import Path\n"
        "from factquiz.load import load_project\n"
        "from factquiz.generate import make_quiz\n"
        "from factquiz.export import context_for, export_quiz, get_format\n"
        f"root = Path({str(ROOT)!r}); out = Path(sys.argv[1])\n"
        "project = load_project(root); context = context_for(project)\n"
        "for lesson in project.lessons:\n"
        "    quiz = make_quiz(project, lesson)\n"
        f"    for fmt in {FORMATS!r}:\n"
        "        export_quiz(quiz, fmt, out / f'{lesson}-{fmt}.lib', context)\n"
    )
    return [sys.executable, "-c", code, str(out)]


NO_CACHE = ["env", "FACTQUIZ_NO_CACHE=1"]


def main() -> int:
    rows = []
    helped, base = paired(factquiz("--help"), IMPORT_YAML)
    rows.append(report(Row("`factquiz --help`", helped, "s", "`python -c 'import yaml'`", base,
                           "<= 3x baseline", helped <= 3 * base)))
    checked, base = paired(factquiz("check"), IMPORT_YAML)
    rows.append(report(Row("`factquiz check` (project bank)", checked, "s",
                           "`python -c 'import yaml'`", base, "<= 300 ms", checked <= 0.3)))
    uncached, base = paired([*NO_CACHE, *factquiz("check")], IMPORT_YAML, runs=3)
    rows.append(report(Row("`factquiz check`, first run after an edit (no cache)", uncached,
                           "s", "`python -c 'import yaml'`", base, "none (reported)", True)))
    lesson = first_lesson()
    quizzed, base = paired(factquiz("quiz", lesson), IMPORT_YAML)
    rows.append(report(Row(f"`factquiz quiz {lesson}`", quizzed, "s",
                           "`python -c 'import yaml'`", base, "<= 300 ms", quizzed <= 0.3)))
    uncached, base = paired([*NO_CACHE, *factquiz("quiz", lesson)], IMPORT_YAML, runs=3)
    rows.append(report(Row(f"`factquiz quiz {lesson}`, first run after an edit (no cache)",
                           uncached, "s", "`python -c 'import yaml'`", base, "none (reported)",
                           True)))
    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        cli, lib = paired(factquiz("export", "--all", "-o", tmp, "--force"),
                          export_all_library(Path(tmp)), runs=3)
    rows.append(report(Row("`factquiz export --all` (every lesson x every format)", cli, "s",
                           "the same in one process via the library", lib, "<= 3 s",
                           cli <= 3.0)))
    return 0 if all(r.met for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
