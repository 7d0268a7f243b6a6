"""Statistics about the fact bank, for instructors and for the README."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .load import Project


@dataclass
class BankStats:
    """Counts over the fact bank."""

    facts: int = 0
    per_lesson: dict[str, int] = field(default_factory=dict)
    per_source: dict[str, int] = field(default_factory=dict)
    per_kind: dict[str, int] = field(default_factory=dict)
    corroborated: int = 0
    derived: int = 0
    unused_sources: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


def bank_stats(project: Project) -> BankStats:
    """Facts per lesson, per source and per kind; how many have two or more sources."""
    per_lesson = Counter({lesson: 0 for lesson in project.lessons})
    per_source = Counter({sid: 0 for sid in project.sources})
    per_kind: Counter[str] = Counter()
    corroborated = 0
    for fact in project.facts:
        per_lesson[fact.lesson] += 1
        per_kind[fact.kind.value] += 1
        cited = {ev.source for ev in fact.evidence}
        for sid in cited:
            per_source[sid] += 1
        corroborated += len(cited) >= 2
    return BankStats(
        facts=len(project.facts),
        per_lesson=dict(per_lesson),
        per_source=dict(per_source),
        per_kind=dict(sorted(per_kind.items(), key=lambda kv: (-kv[1], kv[0]))),
        corroborated=corroborated,
        derived=sum(f.derived for f in project.facts),
        unused_sources=sorted(s for s, n in per_source.items() if n == 0),
    )
