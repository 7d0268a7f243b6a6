"""The bank's sources as passages, with term frequencies: built once per bank.

The source index is imported only when a corpus is built (questions are generated), so
that showing or grading a question already made loads no loader.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from functools import cached_property
from typing import TYPE_CHECKING

from ..model import Fact
from ..normalize import mentions
from ..terms import word_forms

if TYPE_CHECKING:
    from ..factbank import Bank
    from ..passages import Passage, SourcePassages

#: A word found in more than this share of all passages says nothing about a topic.
COMMON_SHARE = 0.2
#: A passage states a fact's answer "in context" when it mentions the answer and at
#: least this share of the statement's other key terms.
CONTEXT_SHARE = 1 / 3


class Corpus:
    """The bank's sources split into passages, with term frequencies over all of them."""

    def __init__(self, bank: Bank) -> None:
        from ..passages import SourcePassages
        from ..sourceindex import IndexedSource

        self.bank = bank
        self.sources: dict[str, SourcePassages] = {
            sid: SourcePassages(IndexedSource(src)) for sid, src in bank.sources.items()}
        self.passage_words: dict[Passage, frozenset[str]] = {
            p: frozenset(word_forms([p.text])) for sp in self.sources.values() for p in sp.passages}
        self.df: Counter[str] = Counter(s for found in self.passage_words.values() for s in found)
        self.total = max(len(self.passage_words), 1)

    def words_of(self, passage: Passage) -> frozenset[str]:
        """The content words of a passage (:func:`~factquiz.terms.word_forms`; a joined one
        included)."""
        found = self.passage_words.get(passage)
        return found if found is not None else frozenset(word_forms([passage.text]))

    def weight(self, word: str) -> float:
        """How much sharing ``word`` says about a topic (inverse passage frequency)."""
        return math.log(self.total / self.df[word]) if self.df.get(word) else 0.0

    def topic_words(self, fact: Fact) -> frozenset[str]:
        """The statement's words that are rare enough to name its topic."""
        return frozenset(s for s in word_forms([fact.statement])
                         if self.df.get(s, 0) <= COMMON_SHARE * self.total)

    def context_words(self, fact: Fact) -> frozenset[str]:
        """The topic words of the statement besides the answer's own."""
        return self.topic_words(fact) - word_forms(fact.accepted)

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
        context = self.context_words(fact)
        shared = len(context & self.words_of(passage))
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
