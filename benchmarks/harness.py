"""Shared pieces of the benchmarks: paired timing of cold processes and one result row.

These machines are noisy, so a figure means little alone. Every row is measured beside a
baseline that the same run measures too, alternating the two so that a burst of load hits
both, and prints the ratio. A row also names its floor (from the issue that set it) and
whether it was met. ``run_all.py`` gathers the rows into the README's table.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
#: Rows are also appended here (one JSON object a line) when ``run_all.py`` sets it.
ROWS_FILE = os.environ.get("FACTQUIZ_BENCH_ROWS")


@dataclass(frozen=True)
class Row:
    """One benchmark figure beside its baseline and its floor."""

    what: str
    value: float
    unit: str
    baseline_what: str
    baseline: float
    floor: str
    met: bool

    @property
    def ratio(self) -> float:
        return self.value / self.baseline if self.baseline else float("inf")

    def line(self) -> str:
        return (f"{self.what}: {fmt(self.value, self.unit)} | baseline {self.baseline_what}: "
                f"{fmt(self.baseline, self.unit)} | ratio {self.ratio:.2f}x | floor {self.floor}"
                f" | {'met' if self.met else 'MISSED'}")


def fmt(value: float, unit: str) -> str:
    """``value`` with its unit, to a sensible precision."""
    if unit == "s":
        return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"
    if unit == "KB":
        return f"{value:.1f} KB"
    return f"{value:g} {unit}"


def report(row: Row) -> Row:
    """Print ``row`` and record it for ``run_all.py``."""
    print(row.line(), flush=True)
    if ROWS_FILE:
        with open(ROWS_FILE, "a", encoding="utf-8") as out:
            out.write(json.dumps({**asdict(row), "ratio": row.ratio}) + "\n")
    return row


def run_once(argv: Sequence[str], cwd: Path = ROOT) -> float:
    """Wall-clock seconds of one cold process (its output discarded; it must succeed)."""
    start = time.perf_counter()
    done = subprocess.run(list(argv), cwd=cwd, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"benchmark command failed ({done.returncode}): {' '.join(argv)}\n"
                         + done.stderr.decode(errors="replace")[-2000:])
    return seconds


def paired(argv: Sequence[str], baseline: Sequence[str], runs: int = 9,
           cwd: Path = ROOT) -> tuple[float, float]:
    """Median seconds of ``argv`` and of ``baseline``, run alternately ``runs`` times each
    after one warm-up of each (so the file cache is warm for both)."""
    run_once(argv, cwd)
    run_once(baseline, cwd)
    ours, base = [], []
    for i in range(runs):
        pair = [(argv, ours), (baseline, base)]
        for cmd, out in (pair if i % 2 == 0 else pair[::-1]):
            out.append(run_once(cmd, cwd))
    return statistics.median(ours), statistics.median(base)


def factquiz(*args: str) -> list[str]:
    """The argv of the installed ``factquiz`` command (the one beside this interpreter)."""
    return [str(BIN / "factquiz"), *args]


#: The floor command of a Python CLI: start the interpreter and import a YAML parser.
IMPORT_YAML = [sys.executable, "-c", "import yaml"]


def first_lesson() -> str:
    """The first lesson of the project (benchmarks never hard-code the content)."""
    from factquiz.load import load_project

    return next(iter(load_project(ROOT).lessons))
