"""Benchmark: 1,000 seeded variants of a 10-question quiz.

Floor (issue 3): under 1 s on a 2-core machine, counting the one-off planning (which
facts can yield which type, each fact's safe distractors) as well as the variants.
Runs on the real project's ``raa`` quiz; the best of 3 runs, each on a freshly loaded
project so that nothing is cached from the run before.

Run: ``python benchmarks/bench_generate.py`` (prints one result line; exit 1 if missed).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from factquiz.generate import make_quiz
from factquiz.load import load_project

ROOT = Path(__file__).resolve().parents[1]
QUIZ, VARIANTS, FLOOR_S = "raa", 1000, 1.0


def one_run() -> tuple[float, float, int]:
    """Seconds (wall clock, then CPU of this process) and the most questions a variant has."""
    # Generation itself is measured: the content-hash cache of variants is off.
    os.environ["FACTQUIZ_NO_CACHE"] = "1"
    project = load_project(ROOT)
    start, cpu = time.perf_counter(), time.process_time()
    sizes = {len(make_quiz(project, QUIZ, seed=seed).questions) for seed in range(VARIANTS)}
    return time.perf_counter() - start, time.process_time() - cpu, max(sizes)


def main() -> int:
    runs = [one_run() for _ in range(3)]
    seconds, cpu, questions = min(runs)
    ok = seconds < FLOOR_S
    # The CPU time is steadier than the wall clock on a shared machine (reported only).
    print(f"generate: {VARIANTS:,} variants of a {questions}-question quiz in {seconds:.2f} s "
          f"(CPU {cpu:.2f} s); floor (< {FLOOR_S:g} s) {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
