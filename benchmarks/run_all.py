"""Run every benchmark in this directory (``make bench``) and print the README's table.

Each ``bench_*.py`` prints its own lines as it goes; rows reported through
``harness.report`` are gathered and printed again at the end as one Markdown table, with
each figure beside the baseline measured in the same run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def table(rows: list[dict]) -> str:
    """The rows as the README's Markdown table."""
    from harness import Row, fmt

    out = ["| what | factquiz | baseline (same run) | ratio | floor | |",
           "|---|---|---|---|---|---|"]
    for data in rows:
        row = Row(**{k: v for k, v in data.items() if k != "ratio"})
        out.append(f"| {row.what} | {fmt(row.value, row.unit)} | {row.baseline_what}: "
                   f"{fmt(row.baseline, row.unit)} | {row.ratio:.2f}x | {row.floor} | "
                   f"{'met' if row.met else 'missed'} |")
    return "\n".join(out)


def main() -> int:
    status = 0
    with tempfile.TemporaryDirectory(prefix="bench-rows-") as tmp:
        rows_file = Path(tmp) / "rows.jsonl"
        env = {**os.environ, "FACTQUIZ_BENCH_ROWS": str(rows_file)}
        for script in sorted(HERE.glob("bench_*.py")):
            result = subprocess.run([sys.executable, str(script)], check=False, env=env)
            status = status or result.returncode
        rows = ([json.loads(line) for line in rows_file.read_text().splitlines()]
                if rows_file.exists() else [])
    if rows:
        sys.path.insert(0, str(HERE))
        print("\n" + table(rows))
    return status


if __name__ == "__main__":
    sys.exit(main())
