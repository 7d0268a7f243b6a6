"""Benchmark: `factquiz check` on a synthetic corpus of 1,000 sources and 10,000 facts.

Floors (issue 2): the 10k-fact run under 2 s on a 2-core machine, and no more than ~12x
the 1k-fact run (sources are indexed once, never rescanned per quote). The synthetic bank
(:func:`make_corpus`) satisfies every rule: a run with any finding is invalid. The 100k-
fact run, in a fresh process beside a naive floor, is ``bench_scale.py``.

Run: ``python benchmarks/bench_check.py`` (prints one line per size).
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from harness import Row, report

from factquiz.load import load_project
from factquiz.model import SourceMeta
from factquiz.sources import body_checksum, render_source
from factquiz.verify import check

WORDS = [
    "alliance",
    "treaty",
    "defence",
    "minister",
    "cooperation",
    "partnership",
    "security",
    "region",
    "agreement",
    "forces",
    "exercise",
    "training",
    "leaders",
    "summit",
    "capability",
    "intelligence",
    "energy",
    "minerals",
    "trade",
    "investment",
    "maritime",
    "strategic",
    "framework",
    "island",
    "ocean",
    "port",
]
NAMES = ["Alder", "Birch", "Cedar", "Dogwood", "Elm", "Fir", "Ginkgo", "Hazel", "Ivy", "Juniper"]


def make_corpus(root: Path, n_sources: int, n_facts: int, seed: int = 7) -> None:
    """Write a synthetic project that every rule accepts (``check`` finds nothing): sources
    with ~360-word bodies of 12 sentences, each naming one entity found nowhere else (its
    name is unique to the source and sentence) and a year; facts quoting 8 words of a
    sentence around its entity, which is their answer. Facts quoting one sentence share
    their answer (so they are never near-duplicates), and no statement names another
    sentence's entity, so the bank grows without findings from 1k to 100k facts."""
    rng = random.Random(seed)
    (root / "sources").mkdir(parents=True)
    (root / "facts").mkdir()
    (root / "_config.yml").write_text("title: bench\n", encoding="utf-8")
    (root / "lessons.yml").write_text(
        "lessons:\n  - {id: bench, title: Bench, page: book/bench.md}\n", encoding="utf-8"
    )
    sentences: list[list[tuple[list[str], int]]] = []  # per source: (words, entity at)
    for s in range(n_sources):
        lines, body_lines = [], []
        for n in range(12):
            words = [rng.choice(WORDS) for _ in range(30)]
            at = rng.randrange(30)
            year = rng.choice([i for i in range(30) if i != at])
            words[at] = f"{NAMES[(s + n) % len(NAMES)]}{s * 12 + n}"
            words[year] = str(rng.randrange(1900, 2030))
            words[0] = words[0].capitalize()
            lines.append((words, at))
            body_lines.append(" ".join(words) + ".")
        sentences.append(lines)
        body = "\n".join(body_lines) + "\n"
        meta = SourceMeta(
            id=f"src-{s}",
            title=f"Source {s}",
            publisher=None,
            published="2022",
            date_basis="stated: synthetic",
            origin=f"{s}.txt",
            sha256=body_checksum(body),
        )
        (root / "sources" / f"src-{s}.txt").write_text(render_source(meta, body), encoding="utf-8")
    per_file = 100
    for f in range(0, n_facts, per_file):
        out = ["facts:"]
        for i in range(f, min(f + per_file, n_facts)):
            s = rng.randrange(n_sources)
            words, at = rng.choice(sentences[s])
            start = rng.randrange(max(0, at - 7), min(at, 22) + 1)
            quote = " ".join(words[start : start + 8])
            out += [
                f"  - id: fact-{i}",
                "    lesson: bench",
                f"    statement: 'The passage says: {quote}.'",
                f"    question: What does passage {i} say?",
                f"    answer: '{words[at]}'",
                "    kind: concept",
                "    evidence:",
                f"      - source: src-{s}",
                f"        quote: '{quote}'",
            ]
        (root / "facts" / f"bank-{f // per_file:03d}.yml").write_text(
            "\n".join(out) + "\n", encoding="utf-8"
        )


def time_check(root: Path, repeat: int = 3) -> tuple[float, int]:
    """Median seconds for load + check, and the number of findings (must be 0)."""
    times, findings = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        findings = check(load_project(root))
        times.append(time.perf_counter() - start)
    return statistics.median(times), len(findings)


def main() -> int:
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n_sources, n_facts in ((100, 1_000), (1_000, 10_000)):
            root = Path(tmp) / f"p{n_facts}"
            make_corpus(root, n_sources, n_facts)
            seconds, n_findings = time_check(root)
            if n_findings:
                print(f"check: synthetic bank has {n_findings} findings; benchmark invalid")
                return 1
            results[n_facts] = seconds
            print(f"check: {n_sources:,} sources, {n_facts:,} facts in {seconds:.2f} s "
                  f"({seconds / n_facts * 1e6:.0f} us a fact)")
    linear = 10 * results[1_000]
    report(Row("`check` (load + verify, in process): 1,000 sources, 10,000 facts",
               results[10_000], "s", "the 100-source, 1,000-fact run x10 (linear)", linear,
               "< 2 s and <= 1.2x baseline",
               results[10_000] < 2.0 and results[10_000] <= 1.2 * linear))
    return 0 if results[10_000] < 2.0 and results[10_000] <= 1.2 * linear else 1

if __name__ == "__main__":
    sys.exit(main())
