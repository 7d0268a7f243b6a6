"""Benchmark: building the online book.

Floors (issue 5), on a 2-core machine: a cold full build (no build output, no notebook
cache) under 3 minutes; a rebuild after editing one lesson under 30 s; and a lesson page
with its quiz no heavier than a Jupyter Book 1.0.4 page showing a single jupyterquiz
question (about 58 KB of HTML).

Builds a copy of the repository's book in a temporary directory with
``factquiz.book.build_book`` (``jupyter-book build -W --keep-going``).

Run: ``python benchmarks/bench_book.py`` (prints one line per figure; exit 1 if missed).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from factquiz.book import HTML_DIR, build_book, copy_book

ROOT = Path(__file__).resolve().parents[1]
COLD_S, REBUILD_S, PAGE_BYTES = 180.0, 30.0, 58_000
EDITED = Path("book/lessons/raa.md")


def timed_build(root: Path) -> float:
    start = time.perf_counter()
    build_book(root, strict=True)
    return time.perf_counter() - start


def main() -> int:
    missed = []
    with tempfile.TemporaryDirectory(prefix="bench-book-") as tmp:
        root = copy_book(ROOT, Path(tmp) / "book")
        cold = timed_build(root)
        print(f"book: cold full build {cold:.1f} s (floor < {COLD_S:.0f} s)")
        lesson = root / EDITED
        lesson.write_text(lesson.read_text(encoding="utf-8") + "\nOne more line.\n",
                          encoding="utf-8")
        rebuild = timed_build(root)
        print(f"book: rebuild after editing {EDITED} {rebuild:.1f} s (floor < {REBUILD_S:.0f} s)")
        pages = sorted((root / HTML_DIR / "book" / "lessons").glob("*.html"))
        sizes = {page.stem: page.stat().st_size for page in pages}
        heaviest = max(sizes, key=sizes.__getitem__)
        print(f"book: heaviest lesson page with its quiz {sizes[heaviest] / 1000:.1f} KB "
              f"({heaviest}; all six {min(sizes.values()) / 1000:.1f}-"
              f"{sizes[heaviest] / 1000:.1f} KB; floor <= {PAGE_BYTES / 1000:.0f} KB)")
        if cold >= COLD_S:
            missed.append("cold build")
        if rebuild >= REBUILD_S:
            missed.append("rebuild")
        if sizes[heaviest] > PAGE_BYTES:
            missed.append("page weight")
    if missed:
        print("book: missed " + ", ".join(missed), file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
