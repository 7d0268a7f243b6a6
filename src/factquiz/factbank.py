"""The indexed fact bank: the facts questions are drawn from, indexed once per project."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from .answers import unsafe_reason
from .categories import FORM_KINDS, Category, category_problem, in_answer_form, load_categories
from .load import Project
from .model import Citation, Fact, Kind, Source
from .normalize import answer_key, has_sentence, sentence_text


class Bank:
    """The facts questions are drawn from, indexed once for fast seeded generation."""

    def __init__(self, facts: Iterable[Fact], sources: Mapping[str, Source] | None = None,
                 categories: Mapping[str, Category] | None = None) -> None:
        self.categories: dict[str, Category] = dict(categories or {})
        self.by_id: dict[str, Fact] = {}
        for fact in facts:
            self.by_id.setdefault(fact.id, fact)
        self.facts: list[Fact] = list(self.by_id.values())
        self.sources: dict[str, Source] = dict(sources or {})
        self.by_kind: dict[Kind, list[Fact]] = defaultdict(list)
        self._by_question: dict[str, list[Fact]] = defaultdict(list)
        for fact in self.facts:
            self.by_kind[fact.kind].append(fact)
            self._by_question[answer_key(fact.question)].append(fact)
        self._pools: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        self._citations: dict[str, list[Citation]] = {}
        #: Each lesson's page as one normalised text (see :meth:`in_lesson_text`).
        self.lesson_texts: dict[str, str] = {}
        #: Per-type caches the question types may fill (e.g. compatible partners).
        self.cache: dict[Any, Any] = {}

    @classmethod
    def of(cls, project: Project, lesson: str | None = None) -> Bank:
        """The bank of a loaded project, built once per project object.

        With ``lesson``, only the facts in that lesson's scope (see :func:`in_scope`):
        a lesson's quiz never draws questions, partners or distractors from later lessons.
        """
        key = "bank" if lesson is None else ("bank", lesson)
        bank = project.derived.get(key)
        if bank is None:
            facts = project.facts if lesson is None else in_scope(project, lesson)
            bank = project.derived[key] = cls(facts, project.sources,
                                              load_categories(project).by_id)
            bank.lesson_texts = lesson_texts(project)
        return bank

    def in_lesson_text(self, fact: Fact) -> bool:
        """Whether ``fact``'s statement is, word for word, a sentence of its lesson page."""
        return has_sentence(self.lesson_texts.get(fact.lesson), fact.statement)

    def same_question(self, fact: Fact) -> list[Fact]:
        """Other facts whose question is the same as ``fact``'s (after normalisation)."""
        return [f for f in self._by_question.get(answer_key(fact.question), []) if f.id != fact.id]

    def category_of(self, fact: Fact) -> Category | None:
        """The fact's answer category, when it names a known one."""
        return self.categories.get(fact.category) if fact.category else None

    def pool(self, fact: Fact) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The safe distractors of ``fact``: (its own, others of its category).

        With a category, the others are its members and the answers of facts of that
        category, written in the answer's form; without one, the answers of other facts
        of its kind when that kind is a form (year, number, date), else none.
        """
        cached = self._pools.get(fact.id)
        if cached is not None and self.by_id.get(fact.id) is fact:
            return cached
        same = self.same_question(fact)
        category = self.category_of(fact)
        seen: set[str] = set()

        def take(candidates: Iterable[str]) -> list[str]:
            kept = []
            for candidate in candidates:
                text = in_answer_form(category, fact, candidate) if category else candidate.strip()
                key = answer_key(text)
                if key in seen or category_problem(category, fact, text) is not None:
                    continue
                if unsafe_reason(fact, text, same) is None:
                    seen.add(key)
                    kept.append(text)
            return kept

        own = take(fact.distractors)
        if category is not None:
            others = take([*category.members,
                           *(f.answer for f in self.facts
                             if f.category == category.id and f.id != fact.id)])
        elif fact.kind in FORM_KINDS:
            others = take(f.answer for f in self.by_kind.get(fact.kind, []) if f.id != fact.id)
        else:
            others = []
        result = (tuple(own), tuple(others))
        if self.by_id.get(fact.id) is fact:
            self._pools[fact.id] = result
        return result

    def distractor_count(self, fact: Fact) -> int:
        """How many safe distractors ``fact`` can yield."""
        own, others = self.pool(fact)
        return len(own) + len(others)

    def citations(self, fact: Fact) -> list[Citation]:
        """The citations of ``fact``: source title and date with each evidence quote."""
        cached = self._citations.get(fact.id)
        if cached is None or self.by_id.get(fact.id) is not fact:
            cached = []
            for ev in fact.evidence:
                source = self.sources.get(ev.source)
                cached.append(Citation(
                    source_id=ev.source,
                    title=source.meta.title if source else ev.source,
                    published=source.meta.published if source else "",
                    quote=ev.quote,
                ))
            if self.by_id.get(fact.id) is fact:
                self._citations[fact.id] = cached
        return list(cached)


def lesson_texts(project: Project) -> dict[str, str]:
    """Each lesson's page as one normalised text (pages that do not exist are empty)."""
    cached: dict[str, str] | None = project.derived.get("lesson-texts")
    if cached is None:
        cached = {}
        for lesson in project.lessons.values():
            path = project.root / lesson.page
            text = path.read_text(encoding="utf-8") if path.is_file() else ""
            cached[lesson.id] = sentence_text(text)
        project.derived["lesson-texts"] = cached
    return cached


def scope_lessons(project: Project, lesson: str) -> frozenset[str]:
    """``lesson`` and the lessons before it in ``lessons.yml`` (just ``lesson`` if unknown)."""
    order = list(project.lessons)
    if lesson not in order:
        return frozenset({lesson})
    return frozenset(order[:order.index(lesson) + 1])


def in_scope(project: Project, lesson: str) -> list[Fact]:
    """The facts a quiz of ``lesson`` may use: those of that lesson and earlier ones."""
    lessons = scope_lessons(project, lesson)
    return [f for f in project.facts if f.lesson in lessons]


def as_bank(bank: Bank | Project | Iterable[Fact]) -> Bank:
    """A :class:`Bank` from a bank, a loaded project or a list of facts."""
    if isinstance(bank, Bank):
        return bank
    if hasattr(bank, "facts") and hasattr(bank, "sources"):
        return Bank.of(bank)  # type: ignore[arg-type]
    return Bank(bank)  # type: ignore[arg-type]
