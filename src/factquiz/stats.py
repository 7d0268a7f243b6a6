"""Statistics about the fact bank, for instructors and for the README."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .factbank import Bank
from .generate import STATS_SEEDS, make_quiz
from .load import Project
from .model import Fact, Level
from .planner import UnsatisfiableQuiz
from .qtypes import REGISTRY
from .quality import quality_over_seeds


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
    # For instructors: what the bank can ask, what it cannot and why, what it under-uses.
    capable: dict[str, dict[str, int]] = field(default_factory=dict)  # lesson -> type -> facts
    instructor: dict[str, dict[str, int]] = field(default_factory=dict)  # lesson -> type -> qs
    cannot: dict[str, list[dict[str, str]]] = field(default_factory=dict)  # type -> [fact, why]
    underused_sources: list[dict[str, object]] = field(default_factory=list)
    #: Item quality over many seeds per lesson (see ``quality.quality_over_seeds``).
    quality: dict[str, object] = field(default_factory=dict)
    #: Each question type's level, and per lesson the levels of its quiz's questions over
    #: many seeds (see :func:`level_stats`).
    type_levels: dict[str, str] = field(default_factory=dict)
    levels: dict[str, dict[str, object]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


def capabilities(project: Project, fact: Fact) -> dict[str, str | None]:
    """For each question type, why ``fact`` cannot yield it (None when it can)."""
    bank = Bank.of(project)  # built once per project
    return {name: qtype.why_not(fact, bank) for name, qtype in REGISTRY.items()}


def question_stats(project: Project, stats: BankStats) -> None:
    """Fill in, per lesson and question type, the facts able to yield that type and the
    instructor questions; the facts that cannot, with the reason; and the sources cited by
    fewer than half as many facts as the average cited source."""
    stats.capable = {lesson: dict.fromkeys(REGISTRY, 0) for lesson in project.lessons}
    stats.cannot = {name: [] for name in REGISTRY}
    for fact in project.facts:
        row = stats.capable.setdefault(fact.lesson, dict.fromkeys(REGISTRY, 0))
        for name, why in capabilities(project, fact).items():
            if why is None:
                row[name] += 1
            else:
                stats.cannot[name].append({"fact": fact.id, "lesson": fact.lesson, "why": why})
    stats.instructor = {lesson: dict.fromkeys(REGISTRY, 0) for lesson in project.lessons}
    for loaded in project.quizzes.values():
        row = stats.instructor.setdefault(loaded.quiz.lesson, dict.fromkeys(REGISTRY, 0))
        for question in loaded.quiz.instructor_questions:
            row[question.type] += 1
    cited = {sid: n for sid, n in stats.per_source.items() if n}  # unused ones are listed apart
    if cited:
        average = sum(cited.values()) / len(cited)
        stats.underused_sources = [
            {"source": sid, "facts": n, "average": round(average, 1)}
            for sid, n in sorted(cited.items(), key=lambda kv: (kv[1], kv[0])) if n < average / 2]


def bank_stats(project: Project) -> BankStats:
    """Facts per lesson, per source and per kind; how many have two or more sources; and
    what questions the bank can yield (see :func:`question_stats`)."""
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
    stats = BankStats(
        facts=len(project.facts),
        per_lesson=dict(per_lesson),
        per_source=dict(per_source),
        per_kind=dict(sorted(per_kind.items(), key=lambda kv: (-kv[1], kv[0]))),
        corroborated=corroborated,
        derived=sum(f.derived for f in project.facts),
        unused_sources=sorted(s for s, n in per_source.items() if n == 0),
    )
    question_stats(project, stats)
    stats.quality = quality_over_seeds(project).to_dict()
    stats.type_levels = {name: qtype.level.value for name, qtype in REGISTRY.items()}
    stats.levels = level_stats(project)
    return stats


def level_stats(project: Project, seeds: int = STATS_SEEDS) -> dict[str, dict[str, object]]:
    """Per lesson, over the variants of seeds ``0 .. seeds-1`` that can be assembled: the
    questions at each level (all variants together) and the fewest above recall in one."""
    found: dict[str, dict[str, object]] = {}
    for lesson in project.lessons:
        per_level = dict.fromkeys((level.value for level in Level), 0)
        fewest: int | None = None
        variants = 0
        for seed in range(seeds):
            try:
                quiz = make_quiz(project, lesson, seed=seed)
            except UnsatisfiableQuiz:
                continue
            variants += 1
            for question in quiz.questions:
                per_level[question.level.value] += 1
            above = sum(q.level is not Level.recall for q in quiz.questions)
            fewest = above if fewest is None else min(fewest, above)
        found[lesson] = {"variants": variants, "per_level": per_level,
                         "fewest_above_recall": fewest or 0}
    return found
