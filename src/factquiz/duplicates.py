"""Likely near-duplicate facts: facts that teach the same thing but share no cluster.

Two facts of one lesson are reported when they are not in the same ``cluster`` and

* their answers are near-identical without being equal (rapidfuzz ``ratio`` of the
  normalised answers of at least :data:`ANSWER_SIMILARITY`; equal answers never meet in
  one variant anyway, see :mod:`factquiz.assembly`),
* each one's statement or question states the other's answer (ACSA ↔ "defence
  logistics"), or
* they quote the same passage (same source, and the shorter quote is found in the
  longer one with a ``partial_ratio`` of at least :data:`QUOTE_OVERLAP`) and one states
  the other's answer.

Such facts answer each other; ``cluster:`` tells the generator to ask only one of them
per variant (or the facts should be merged).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator

from rapidfuzz import fuzz, process

from .findings import Finding
from .load import Project
from .model import Fact
from .normalize import answer_key, answer_words, mentions, numbers_in
from .sourceindex import SourceIndex

ANSWER_SIMILARITY = 85
QUOTE_OVERLAP = 95
#: Quotes shorter than this (normalised) are too short to show that two facts overlap.
MIN_QUOTE = 40


def _similar(ka: str, kb: str) -> bool:
    """Near-identical answer keys with the same numbers ("Article 5" is not "Article 6")."""
    return (min(len(ka), len(kb)) >= 4 and numbers_in(ka) == numbers_in(kb)
            and fuzz.ratio(ka, kb) >= ANSWER_SIMILARITY)


def _states(fact: Fact, answer: str) -> bool:
    """Whether ``fact``'s statement or question states ``answer``."""
    return mentions(fact.statement, answer) or mentions(fact.question, answer)


def _same_passage(a: Fact, b: Fact) -> str | None:
    for ea in a.evidence:
        for eb in b.evidence:
            if ea.source != eb.source:
                continue
            qa, qb = sorted((answer_key(ea.quote), answer_key(eb.quote)), key=len)
            if len(qa) >= MIN_QUOTE and fuzz.partial_ratio(qa, qb) >= QUOTE_OVERLAP:
                return ea.source
    return None


def why_duplicates(a: Fact, b: Fact) -> str | None:
    """Why ``a`` and ``b`` look like the same fact (None when they do not)."""
    ka, kb = answer_key(a.answer), answer_key(b.answer)
    if ka == kb:
        return None  # a variant never asks two questions with one answer
    if _similar(ka, kb):
        return f"their answers '{a.answer}' and '{b.answer}' are nearly the same"
    a_in_b, b_in_a = _states(b, a.answer), _states(a, b.answer)
    if a_in_b and b_in_a:
        return "each one states the other's answer"
    source = _same_passage(a, b) if a_in_b or b_in_a else None
    if source is not None:
        return (f"they quote the same passage of '{source}' and one states the other's "
                "answer")
    return None


def _answer_mentions(facts: list[Fact], keys: list[str],
                     by_answer: dict[str, list[int]]) -> dict[int, set[str]]:
    """The other answer keys each fact's statement or question contains as whole words,
    by fact index (facts naming none are left out), looked up by word n-grams of the
    lengths answers have, so linear in the text."""
    lengths = sorted({len(k.split()) for k in by_answer})
    found: dict[int, set[str]] = {}
    answers = by_answer.keys()
    for i, (fact, own) in enumerate(zip(facts, keys, strict=True)):
        for text in (fact.statement, fact.question):
            # Uncached: every statement is scanned once, and would only crowd out the
            # answers the memo is for.
            words = answer_words(text)
            for n in lengths:
                grams = words if n == 1 else [" ".join(words[start:start + n])
                                              for start in range(len(words) - n + 1)]
                hits = answers & grams  # looked up in C
                hits.discard(own)
                if hits:
                    found.setdefault(i, set()).update(hits)
    return found


def _similar_answer_pairs(by_answer: dict[str, list[int]]) -> Iterator[tuple[str, str]]:
    """Near-identical distinct answer keys (see :func:`_similar`), compared only within
    blocks of the same first two letters and the same numbers (keys with other numbers
    are never similar), and within a block only with keys of a length the ratio allows."""
    blocks: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    for key in by_answer:
        if len(key) >= 4:
            blocks.setdefault((key[:2], tuple(numbers_in(key))), []).append(key)
    for keys in blocks.values():
        if len(keys) < 2:
            continue
        keys.sort(key=len)
        lengths = [len(k) for k in keys]
        for n, ka in enumerate(keys):
            # ratio = 2 * common / (len_a + len_b) >= 85 % needs len_b <= len_a * 115 / 85.
            longest = len(ka) * (200 - ANSWER_SIMILARITY) // ANSWER_SIMILARITY
            stop = bisect_right(lengths, longest, n + 1)
            if stop <= n + 1:
                continue
            # rapidfuzz compares one key with the rest of its window in C.
            for kb, _score, _j in process.extract(ka, keys[n + 1:stop], scorer=fuzz.ratio,
                                                  score_cutoff=ANSWER_SIMILARITY, limit=None):
                if _similar(ka, kb):
                    yield ka, kb


def candidate_pairs(facts: list[Fact]) -> set[tuple[int, int]]:
    """Pairs of ``facts`` (by index) that :func:`why_duplicates` may report, found through
    indexes so that the work grows with the facts and the pairs reported, never with all
    pairs (a common answer stated by thousands of facts pairs none of them by itself):

    * near-identical distinct answers (:func:`_similar_answer_pairs`, and any pair in
      which one fact states the other's near-identical answer);
    * facts each stating the other's answer: facts are bucketed by (own answer, answer
      stated), and bucket (A, B) is paired with bucket (B, A);
    * a fact stating another's answer while citing a source that other cites (the
      same-passage rule needs both): looked up by (answer, source).

    Facts with equal answers are never paired: a variant keeps them apart anyway."""
    keys = [answer_key.__wrapped__(fact.answer) for fact in facts]  # once each: no memo
    by_answer: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        by_answer.setdefault(key, []).append(i)
    pairs: set[tuple[int, int]] = set()

    def add(group_a: Iterable[int], group_b: list[int]) -> None:
        pairs.update((min(a, b), max(a, b)) for a in group_a for b in group_b)

    for ka, kb in _similar_answer_pairs(by_answer):
        add(by_answer[ka], by_answer[kb])
    named = _answer_mentions(facts, keys, by_answer)
    stating: dict[tuple[str, str], list[int]] = {}
    by_answer_source: dict[tuple[str, str], list[int]] = {}
    for i, named_keys in named.items():
        for key in named_keys:
            stating.setdefault((keys[i], key), []).append(i)
    stated = {key for named_keys in named.values() for key in named_keys}
    for i, fact in enumerate(facts):
        if keys[i] in stated:  # only answers some fact states can pair by source
            for source in {ev.source for ev in fact.evidence}:
                by_answer_source.setdefault((keys[i], source), []).append(i)
    for (own, other), group in stating.items():
        if own < other:
            add(group, stating.get((other, own), []))
        if _similar(own, other):  # near-identical answers in blocks of other first letters
            add(group, by_answer[other])
    for i, named_keys in named.items():
        sources = {ev.source for ev in facts[i].evidence}
        for key in named_keys:
            for source in sources:
                add([i], by_answer_source.get((key, source), []))
    return pairs


def duplicate_findings(project: Project, index: SourceIndex | None = None) -> Iterator[Finding]:
    """Rule for ``verify.check``: warn about likely near-duplicates not in one cluster."""
    by_lesson: dict[str, list[Fact]] = {}
    for fact in project.facts_by_id.values():
        by_lesson.setdefault(fact.lesson, []).append(fact)
    for facts in by_lesson.values():
        for i, j in sorted(candidate_pairs(facts)):
            a, b = facts[i], facts[j]
            if a.cluster_key == b.cluster_key:
                continue
            why = why_duplicates(a, b)
            if why is None:
                continue
            located = project.located(b.id)
            line, col = located.at("id")
            name = a.cluster or b.cluster or a.id
            yield Finding(located.path, line, col, "near-duplicate",
                          f"fact '{b.id}' looks like a near-duplicate of '{a.id}': {why}",
                          f"if they teach the same thing, give both `cluster: {name}` (a quiz "
                          "variant then asks only one of them), or merge them",
                          b.id, severity="warning")
