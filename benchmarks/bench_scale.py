"""Benchmark: ``check`` at scale (issue 16): 100,000 facts quoting 10,000 sources.

Floors: time at most 1.5x and peak memory at most 10x the naive floor, a process that
loads the same fact files with C-YAML and looks each quote up in its source's text with
``in`` (no positions, no findings: the least any checker must do); and linear from 1k to
100k facts (the 100k run at most 1.2x a hundred 1k runs, imports left out; the time per
fact is printed at 1k, 10k and 100k). Each figure is the median of three runs, the 100k
ones alternating with the naive floor's. Each is a fresh process that reports its own time
(imports included), CPU time (also after imports) and peak resident memory; the CPU ratios
are printed beside the rows (steadier than wall-clock time on a shared machine). The
synthetic bank (``bench_check``) draws no finding: a run with any is invalid.

Run: ``python benchmarks/bench_scale.py`` (one line a row; exit 1 if a floor is missed).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_check import make_corpus
from harness import Row, report

#: The process's own peak resident memory in KB. Linux keeps ``ru_maxrss`` across the
#: exec that starts a child, so it would count the benchmark's own memory at the fork;
#: ``VmHWM`` belongs to the new program's address space.
PEAK = """
def peak_kb():
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

def cpu_s():
    times = os.times()
    return times.user + times.system
"""

OURS = """
import json, os, resource, sys, time
start = time.perf_counter()
from pathlib import Path
from factquiz.load import load_project
from factquiz.verify import check
imported, imported_cpu = time.perf_counter(), cpu_s()
findings = check(load_project(Path(sys.argv[1])))
end = time.perf_counter()
print(json.dumps({"s": end - start, "work": end - imported, "kb": peak_kb(),
                  "cpu": cpu_s(), "work_cpu": cpu_s() - imported_cpu, "n": len(findings)}))
"""

NAIVE = """
import json, os, resource, sys, time
start = time.perf_counter()
from pathlib import Path
import yaml
root = Path(sys.argv[1])
bodies = {p.stem: p.read_text(encoding="utf-8") for p in (root / "sources").glob("*.txt")}
missing = 0
for path in sorted((root / "facts").glob("*.yml")):
    for fact in yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)["facts"]:
        for ev in fact["evidence"]:
            missing += ev["quote"] not in bodies[ev["source"]]
print(json.dumps({"s": time.perf_counter() - start, "kb": peak_kb(), "cpu": cpu_s(),
                  "n": missing}))
"""


def measure(code: str, root: Path) -> dict[str, float]:
    """Seconds, peak KB and count of problems of one fresh process over ``root``."""
    env = {"FACTQUIZ_NO_CACHE": "1", "PATH": "/usr/bin:/bin"}
    if "PYTHONPATH" in os.environ:  # a worktree's sources, not the installed package
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    code = code.replace("start = time.perf_counter()", PEAK + "start = time.perf_counter()", 1)
    done = subprocess.run([sys.executable, "-c", code, str(root)], capture_output=True,
                          text=True, check=True, env=env)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _median(runs: list[dict[str, float]]) -> dict[str, float]:
    """The run of median time (after imports, when reported; its other figures with it)."""
    return sorted(runs, key=lambda r: r.get("work", r["s"]))[len(runs) // 2]


def main() -> int:
    sizes = ((100, 1_000), (1_000, 10_000), (10_000, 100_000))
    ours: dict[int, dict[str, float]] = {}
    naive: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        for n_sources, n_facts in sizes:
            root = Path(tmp) / f"k{n_facts // 1000}"
            make_corpus(root, n_sources, n_facts)
            if n_facts < 100_000:
                ours[n_facts] = _median([measure(OURS, root) for _ in range(3)])
            else:  # beside the naive floor, alternately (a burst of load hits both)
                pairs = [(measure(OURS, root), measure(NAIVE, root)) for _ in range(3)]
                ours[n_facts] = _median([o for o, _ in pairs])
                naive = _median([n for _, n in pairs])
            print(f"scale: {n_facts:,} facts / {n_sources:,} sources: "
                  f"{ours[n_facts]['work']:.2f} s after imports, "
                  f"{ours[n_facts]['work'] / n_facts * 1e6:.0f} us a fact "
                  f"({ours[n_facts]['work_cpu'] / n_facts * 1e6:.0f} us of CPU), "
                  f"peak {ours[n_facts]['kb'] / 1000:.0f} MB", flush=True)
    large, small = ours[100_000], ours[1_000]
    # CPU seconds (user + system) of the same runs: steadier than wall-clock time on a
    # shared machine, printed beside the rows (the floors stay on wall-clock time).
    print(f"scale: 100k CPU time {large['cpu']:.2f} s, naive floor {naive['cpu']:.2f} s "
          f"({large['cpu'] / naive['cpu']:.2f}x); after imports {large['work_cpu']:.2f} s, "
          f"the 1k run x100 {100 * small['work_cpu']:.2f} s "
          f"({large['work_cpu'] / (100 * small['work_cpu']):.2f}x)", flush=True)
    if naive["n"] or any(r["n"] for r in ours.values()):
        print("scale: the synthetic bank has findings; benchmark invalid", file=sys.stderr)
        return 2
    rows = [
        report(Row("`check`, 100k facts / 10k sources (fresh process)", large["s"], "s",
                   "naive floor: C-YAML load + substring search", naive["s"],
                   "<= 1.5x baseline", large["s"] <= 1.5 * naive["s"])),
        report(Row("`check`, 100k facts: peak memory", large["kb"] / 1000, "MB",
                   "naive floor", naive["kb"] / 1000, "<= 10x baseline",
                   large["kb"] <= 10 * naive["kb"])),
        report(Row("`check`, 100k facts vs 1k facts (after imports)", large["work"], "s",
                   "the 1k-fact run x100 (linear)", 100 * small["work"],
                   "<= 1.2x baseline", large["work"] <= 1.2 * 100 * small["work"])),
    ]
    return 0 if all(r.met for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
