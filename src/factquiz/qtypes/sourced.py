"""What the source-aware question types share: the bank's sources as passages.

``evidence`` shows passages of the sources, ``source`` names the sources that report a
claim and ``contested`` asks who makes a disputed claim. They all need to know, for a
fact, which passages hold its quotes, which passages are on its topic, and which
sources say it (quote it, or state its answer in its context). :func:`corpus` builds
that once per bank.
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from datetime import date
from functools import cached_property
from typing import TypeVar

from ..answers import MESSAGES
from ..factbank import Bank
from ..model import Fact, Grade, Question, SourceMeta
from ..normalize import answer_key, mentions
from ..passages import Passage, SourcePassages
from ..sourceindex import IndexedSource
from ..terms import stems
from .base import choice_grade

T = TypeVar("T")

#: A stem found in more than this share of all passages says nothing about a topic.
COMMON_SHARE = 0.2
#: A passage states a fact's answer "in context" when it mentions the answer and at
#: least this share of the statement's other key terms.
CONTEXT_SHARE = 1 / 3


class Corpus:
    """The bank's sources split into passages, with term frequencies over all of them."""

    def __init__(self, bank: Bank) -> None:
        self.bank = bank
        self.sources: dict[str, SourcePassages] = {
            sid: SourcePassages(IndexedSource(src)) for sid, src in bank.sources.items()}
        self.passage_stems: dict[Passage, frozenset[str]] = {
            p: frozenset(stems([p.text])) for sp in self.sources.values() for p in sp.passages}
        self.df: Counter[str] = Counter(s for found in self.passage_stems.values() for s in found)
        self.total = max(len(self.passage_stems), 1)

    def stems_of(self, passage: Passage) -> frozenset[str]:
        """The stems of a passage (a joined one included)."""
        found = self.passage_stems.get(passage)
        return found if found is not None else frozenset(stems([passage.text]))

    def weight(self, stem: str) -> float:
        """How much sharing ``stem`` says about a topic (inverse passage frequency)."""
        return math.log(self.total / self.df[stem]) if self.df.get(stem) else 0.0

    def topic_stems(self, fact: Fact) -> frozenset[str]:
        """The statement's stems that are rare enough to name its topic."""
        return frozenset(s for s in stems([fact.statement])
                         if self.df.get(s, 0) <= COMMON_SHARE * self.total)

    def context_stems(self, fact: Fact) -> frozenset[str]:
        """The topic stems of the statement besides the answer's own."""
        return self.topic_stems(fact) - stems(fact.accepted)

    def key_passages(self, fact: Fact) -> list[Passage]:
        """The passages holding the fact's evidence quotes, once each, in evidence order."""
        found: dict[Passage, None] = {}
        for ev in fact.evidence:
            passages = self.sources.get(ev.source)
            if passages is not None:
                found.update(dict.fromkeys(passages.holding(ev.quote)))
        return list(found)

    def quotes_in(self, passage: Passage, fact: Fact) -> bool:
        """Whether any evidence quote of ``fact`` overlaps ``passage``."""
        passages = self.sources.get(passage.source_id)
        quotes = [ev.quote for ev in fact.evidence]
        return passages is not None and passages.mentions_quote(passage, quotes)

    def states(self, passage: Passage, fact: Fact) -> bool:
        """Whether ``passage`` states ``fact``'s answer in the fact's context: it names an
        accepted answer and enough of the statement's other key terms."""
        if not any(mentions(passage.text, a) for a in fact.accepted):
            return False
        context = self.context_stems(fact)
        shared = len(context & self.stems_of(passage))
        return not context or shared >= CONTEXT_SHARE * len(context)

    def says(self, source_id: str, fact: Fact) -> bool:
        """Whether a source says ``fact``: it is cited for it, holds one of its quotes, or
        has a passage stating its answer in its context."""
        if any(ev.source == source_id for ev in fact.evidence):
            return True
        passages = self.sources[source_id]
        return (any(any(m.citable for m in passages.indexed.find(ev.quote))
                    for ev in fact.evidence)
                or any(self.states(p, fact) for p in passages.passages))

    @cached_property
    def supports(self) -> dict[tuple[str, int], list[Fact]]:
        """For each passage (source id, start), the facts whose quotes lie in it."""
        found: dict[tuple[str, int], list[Fact]] = defaultdict(list)
        for fact in self.bank.facts:
            for ev in fact.evidence:
                passages = self.sources.get(ev.source)
                if passages is None:
                    continue
                for match in passages.indexed.find(ev.quote):
                    for p in passages.covering(match.start, match.end):
                        if fact not in found[(p.source_id, p.start)]:
                            found[(p.source_id, p.start)].append(fact)
        return found

    def supported_by(self, passage: Passage) -> list[Fact]:
        """The facts whose quotes lie in ``passage``."""
        return list(self.supports.get((passage.source_id, passage.start), []))


def corpus(bank: Bank) -> Corpus:
    """The :class:`Corpus` of ``bank``, built once per bank."""
    found: Corpus | None = bank.cache.get("sourced-corpus")
    if found is None:
        found = bank.cache["sourced-corpus"] = Corpus(bank)
    return found


def memo(bank: Bank, name: str, fact: Fact, compute: Callable[[], T]) -> T:
    """``compute()`` for ``fact``, kept in the bank's cache under ``name`` (recomputed for
    another fact object of the same id)."""
    key = (name, fact.id)
    held = bank.cache.get(key)
    if held is None or held[0] is not fact:
        held = bank.cache[key] = (fact, compute())
    value: T = held[1]
    return value


#: Answer sets kept per bank for :func:`clear_of` (one per set of facts to avoid).
_MAX_NEEDLE_SETS = 4096


def clear_of(bank: Bank, avoid: frozenset[str]) -> Callable[[str], bool]:
    """A test of whether a text prints none of the answers (or aliases) of the facts in
    ``avoid`` (the facts other questions of the quiz ask about), compared as
    :func:`~factquiz.normalize.answer_key` forms, as the whole-quiz rules compare them."""
    sets: dict[frozenset[str], tuple[tuple[str, ...], dict[str, bool]]] = bank.cache.setdefault(
        "clear-needles", {})
    held = sets.get(avoid)
    if held is None:
        if len(sets) >= _MAX_NEEDLE_SETS:
            sets.clear()
        held = sets[avoid] = (tuple({
            f" {key} " for fid in sorted(avoid) if (other := bank.by_id.get(fid))
            for key in map(answer_key, other.accepted) if key}), {})
    needles, known = held

    def clear(text: str) -> bool:
        found = known.get(text)
        if found is None:
            padded = f" {answer_key(text)} "
            found = known[text] = not any(needle in padded for needle in needles)
        return found
    return clear


def pick(rng: random.Random, candidates: Sequence[T], n: int, clear: Callable[[T], bool],
         best: int | None = None) -> list[T]:
    """``n`` of ``candidates`` drawn by ``rng``: from the first ``best`` (all when None)
    of those that are ``clear``, then, only to make up ``n``, from the others in order."""
    good: list[T] = []
    rest: list[T] = []
    for candidate in candidates:
        (good if clear(candidate) else rest).append(candidate)
    top = good[:max(best, n)] if best is not None else good
    chosen = rng.sample(top, min(n, len(top)))
    return chosen + rest[:n - len(chosen)]


def fact_sources(fact: Fact) -> list[str]:
    """The ids of the sources ``fact`` cites, once each, in evidence order."""
    return list(dict.fromkeys(ev.source for ev in fact.evidence))


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def date_text(iso: str) -> str:
    """An ISO date of any precision in words: "2022", "January 2022", "17 November 2020"."""
    parts = iso.split("-")
    if len(parts) == 3:
        day = date.fromisoformat(iso)
        return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
    if len(parts) == 2:
        return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return iso


def option_name(meta: SourceMeta) -> str:
    """A source as an option names it: its short name, as the book cites it on every page
    ("AA 2022"), else its title and date. Short names print few other answers (titles
    name the two countries, their leaders and places)."""
    return meta.short_name or f"“{meta.title}” ({date_text(meta.published)})"


def source_label(meta: SourceMeta) -> str:
    """A source in full, for feedback: short name, title, publisher (when the text shows
    one) and date."""
    by = f"{meta.publisher}, " if meta.publisher else ""
    full = f"“{meta.title}” ({by}{date_text(meta.published)})"
    return f"{meta.short_name}, {full}" if meta.short_name else full


_QUOTE_MARKS = "“”\"'‘’"


def quoted(text: str) -> str:
    """``text`` between curly quotes, without quotes of its own at the ends."""
    return "“" + text.strip().strip(_QUOTE_MARKS) + "”"


def grade_with_feedback(question: Question, response: object) -> Grade:
    """Grade a single-choice response; a wrong choice's message says why it is wrong."""
    result = choice_grade(question, response)
    if (result.correct or not isinstance(response, int) or isinstance(response, bool)
            or not 0 <= response < len(question.option_feedback)):
        return result
    why = question.option_feedback[response]
    if result.message != MESSAGES["wrong"] or not why:
        return result
    return Grade(correct=False, message=f"{MESSAGES['wrong']} {why}", expected=result.expected)
