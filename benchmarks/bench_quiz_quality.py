"""Benchmark: item quality of the real quizzes over 50 seeds of each lesson (issue 9).

For every lesson of ``lessons.yml``, generates the variants of seeds 0-49 and audits
each with :func:`factquiz.quality.audit`, then prints, summed over all of them:

* answers shown by another question of the same variant,
* answers shown in another question's feedback (explanation, quotes, reasons),
* duplicate answers within a variant,
* distractors outside the answer's category (or form),
* facts of a lesson later than the quiz's,
* questions resting on one cluster twice, and variants that could not be assembled.

Floor: all 0. Run: ``python benchmarks/bench_quiz_quality.py`` (prints one result line;
exit 1 if a figure is not 0), or ``make bench``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from factquiz.load import load_project
from factquiz.quality import quality_over_seeds

ROOT = Path(__file__).resolve().parents[1]
SEEDS = 50


def main() -> int:
    project = load_project(ROOT)
    result = quality_over_seeds(project, SEEDS)
    rules = result.per_rule
    figures = {
        "answers shown by another question": rules["answer-shown"],
        "answers shown in another question's feedback": rules["answer-told"],
        "duplicate answers": rules["duplicate-answer"],
        "distractors outside the answer's category": rules["distractor-category"],
        "later-lesson facts": rules["later-lesson"],
        "same-cluster pairs": rules["same-cluster"],
        "unassembled variants": result.unsatisfiable,
    }
    ok = not any(figures.values())
    print(f"quiz quality: {result.variants} variants ({SEEDS} seeds x {len(project.lessons)} "
          f"lessons, {result.questions} questions): "
          + ", ".join(f"{name} {count}" for name, count in figures.items())
          + f"; floor (all 0) {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
