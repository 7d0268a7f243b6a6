"""Benchmark: what an instructor waits for at the terminal, each from a cold process.

Floors (issue 16): ``factquiz --help`` at most 3x ``python -c "import yaml"``;
``factquiz check`` on the project's bank and ``factquiz quiz LESSON`` at most 300 ms each;
exporting every lesson in every format at most 3 s in all. Each is timed beside the
``import yaml`` process in the same run (paired medians), and the export beside the same
exports done in one process through the library.

Run: ``python benchmarks/bench_cli.py`` (one line a row; exit 1 if a floor is missed).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import IMPORT_YAML, ROOT, Row, factquiz, first_lesson, paired, report

FORMATS = ("moodle-xml", "gift", "qti", "anki", "csv", "json")


def export_all_cli(out: Path) -> float:
    """Seconds to export every lesson in every format, one CLI process per file."""
    from factquiz.load import load_project

    lessons = list(load_project(ROOT).lessons)
    start = time.perf_counter()
    for lesson in lessons:
        for fmt in FORMATS:
            path = out / f"{lesson}-{fmt}"
            subprocess.run(factquiz("export", lesson, "-f", fmt, "-o", str(path)),
                           cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def export_all_library(out: Path) -> float:
    """Seconds for the same exports in one fresh process through the library."""
    code = (
        "import sys, time; from pathlib import Path\n"
        "t = time.perf_counter()\n"
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
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, str(out)], check=True)
    return time.perf_counter() - start


def main() -> int:
    rows = []
    helped, base = paired(factquiz("--help"), IMPORT_YAML)
    rows.append(report(Row("`factquiz --help`", helped, "s", "`python -c 'import yaml'`", base,
                           "<= 3x baseline", helped <= 3 * base)))
    checked, base = paired(factquiz("check"), IMPORT_YAML)
    rows.append(report(Row("`factquiz check` (project bank)", checked, "s",
                           "`python -c 'import yaml'`", base, "<= 300 ms", checked <= 0.3)))
    lesson = first_lesson()
    quizzed, base = paired(factquiz("quiz", lesson), IMPORT_YAML)
    rows.append(report(Row(f"`factquiz quiz {lesson}`", quizzed, "s",
                           "`python -c 'import yaml'`", base, "<= 300 ms", quizzed <= 0.3)))
    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        cli = statistics.median(export_all_cli(Path(tmp)) for _ in range(1))
        lib = export_all_library(Path(tmp))
    rows.append(report(Row("export every lesson in every format (CLI)", cli, "s",
                           "the same in one process via the library", lib, "<= 3 s",
                           cli <= 3.0)))
    return 0 if all(r.met for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
