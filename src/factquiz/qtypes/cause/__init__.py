"""Cause and effect: "Why ...?" about a fact linked to its causes by ``because:``.

The options are statements of facts of the bank: one of the fact's causes (the key) and
causes of *other* effects (true statements, but not why this happened). Feedback on a
wrong option says which question that cause does answer.
"""

from __future__ import annotations

import random
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ...model import Fact, Level, Question
from ...normalize import answer_key, mentions
from ..base import (
    Draft,
    QType,
    choice_answer_text,
    choice_grade,
    choice_responses,
    source_name,
)
from ..mc import INSTRUCTOR_FIELDS  # an instructor writes one as multiple choice
from ..mc import from_instructor as choice_from_instructor
from ..sourced import kept, memo
from .instructor import FORM

if TYPE_CHECKING:
    from ...factbank import Bank

LEVEL = Level.understand  # explaining: a cause-and-effect model (see README, 'Question levels')
N_DISTRACTORS = 3
MIN_DISTRACTORS = 2


def causes_of(fact: Fact, bank: Bank) -> list[Fact]:
    """The facts of ``bank`` that ``fact`` names in ``because:``, in that order."""
    return [bank.by_id[c] for c in fact.because if c in bank.by_id and c != fact.id]


def effects_of(bank: Bank) -> dict[str, list[Fact]]:
    """For each fact of ``bank`` that is a cause, the facts (with a ``why:``) it explains."""
    found: dict[str, list[Fact]] | None = bank.cache.get("cause-effects")
    if found is None:
        found = {}
        for fact in bank.facts:
            if fact.why:
                for cause in causes_of(fact, bank):
                    found.setdefault(cause.id, []).append(fact)
        bank.cache["cause-effects"] = found
    return found


def ancestors(fact: Fact, bank: Bank) -> set[str]:
    """Ids of ``fact``'s causes, their causes, and so on (a cycle is reported by check)."""
    seen: set[str] = set()
    stack = [c.id for c in causes_of(fact, bank)]
    while stack:
        fid = stack.pop()
        if fid not in seen and fid != fact.id:
            seen.add(fid)
            stack.extend(c.id for c in causes_of(bank.by_id[fid], bank))
    return seen


def wrong_causes(fact: Fact, bank: Bank) -> list[Fact]:
    """Causes of other effects that are no cause of ``fact`` (nor a near-duplicate of one,
    by cluster or statement), in bank order."""
    mine = ancestors(fact, bank)
    clusters = {bank.by_id[f].cluster_key for f in mine} | {fact.cluster_key}
    statements = {answer_key(bank.by_id[f].statement) for f in mine}
    return [bank.by_id[fid] for fid in effects_of(bank)
            if fid not in mine and fid != fact.id
            and bank.by_id[fid].cluster_key not in clusters
            and answer_key(bank.by_id[fid].statement) not in statements]


def why_not(fact: Fact, bank: Bank) -> str | None:
    """Why ``fact`` cannot yield a cause question (None when it can)."""
    if not fact.because:
        return "it names no causes: add `because: [fact ids]` and a `why:` question"
    if not fact.why:
        return "it has `because:` but no `why:` question to ask about it"
    if not causes_of(fact, bank):
        return "none of its causes (`because:`) is among the facts this quiz may use"
    have = len(wrong_causes(fact, bank))
    if have < MIN_DISTRACTORS:
        return (f"the bank has {have} other cause(s) to offer as wrong options and a cause "
                f"question needs {MIN_DISTRACTORS}: link more facts with `because:`")
    return None


@lru_cache(maxsize=4096)
def _words(text: str) -> frozenset[str]:
    """The longer words of ``text``, normalised (to compare topics)."""
    return frozenset(w[:5] for w in re.findall(r"[a-z]{4,}", answer_key(text)))


def _naming(candidate: Fact, bank: Bank) -> frozenset[str]:
    """The facts of ``bank`` whose answer (or an alias) ``candidate``'s statement names
    (kept per bank)."""
    return memo(bank, "cause-naming", candidate, lambda: frozenset(
        fid for fid, f in bank.by_id.items()
        if any(mentions(candidate.statement, a) for a in f.accepted)))


def _rivals(fact: Fact, bank: Bank, prefer: frozenset[str]) -> frozenset[str]:
    """The causes of the effects among ``prefer`` (other than ``fact``) that have a
    ``why:`` (kept per bank and ``prefer``)."""
    return kept(bank, "cause-rivals", (fact.id, prefer), lambda: frozenset(
        c.id for fid in prefer if fid in bank.by_id and fid != fact.id
        for c in causes_of(bank.by_id[fid], bank) if bank.by_id[fid].why))


def _pick(fact: Fact, key: Fact, candidates: list[Fact], bank: Bank, rng: random.Random,
          avoid: frozenset[str], prefer: frozenset[str]) -> list[Fact]:
    """Up to :data:`N_DISTRACTORS` wrong causes, at least :data:`MIN_DISTRACTORS`: facts
    other questions ask about (``avoid``), or whose statement names one of their answers,
    only to make up that least number; then causes
    of effects among the quiz's facts (``prefer``: the keys of its other cause questions)
    last; then those sharing most words with the question and the key (on its topic), then
    those closest in length to the key (the same form)."""
    order = rng.sample(candidates, len(candidates))
    size = len(key.statement)
    topic = _words(f"{fact.why} {key.statement}")
    rivals = _rivals(fact, bank, prefer)
    avoided = {f.id: 2 if f.id in avoid else 1 for f in order
               if f.id in avoid or not avoid.isdisjoint(_naming(f, bank))}
    order.sort(key=lambda f: (avoided.get(f.id, 0), f.id in rivals,
                              -len(topic & _words(f.statement)),
                              abs(len(f.statement) - size) // 40))
    free = len(order) - len(avoided)
    return order[:max(min(free, N_DISTRACTORS), MIN_DISTRACTORS)]


def _draw(fact: Fact, causes: list[Fact], bank: Bank, rng: random.Random,
          avoid: frozenset[str], prefer: frozenset[str]) -> tuple[Fact, list[Fact]]:
    """The options of one question: the key (one of ``causes``) and all in their order."""
    key = rng.choice(causes)
    chosen = [key, *_pick(fact, key, wrong_causes(fact, bank), bank, rng, avoid, prefer)]
    rng.shuffle(chosen)
    return key, chosen


def draft(fact: Fact, bank: Bank, rng: random.Random, avoid: frozenset[str] = frozenset(),
          prefer: frozenset[str] = frozenset()) -> Draft:
    """The options :func:`generate` draws with the same arguments, without making the
    question (see ``QType.draft``)."""
    key, chosen = _draw(fact, causes_of(fact, bank), bank, rng, avoid, prefer)
    return Draft((key.id, tuple(c.id for c in chosen)),
                 [(fact.why or "").strip(), *(c.statement.strip() for c in chosen)])


def generate(fact: Fact, bank: Bank, rng: random.Random, qid: str,
             avoid: frozenset[str] = frozenset(),
             prefer: frozenset[str] = frozenset()) -> Question:
    """"Why ...?" with one of ``fact``'s causes and wrong causes as options."""
    causes = causes_of(fact, bank)
    key, chosen = _draw(fact, causes, bank, rng, avoid, prefer)
    effects = effects_of(bank)
    feedback = []
    for option in chosen:
        if option is key:
            feedback.append("")
            continue
        other = next(e for e in effects[option.id] if e.id != fact.id)
        feedback.append(f"True ({source_name(option, bank)}), but that is not why: it answers "
                        f"another question, \u201c{other.why}\u201d")
    because = " ".join(c.statement.strip() for c in causes)
    return Question(id=qid, type="cause", prompt=(fact.why or "").strip(),
                    options=[c.statement.strip() for c in chosen], answer=chosen.index(key),
                    explanation=f"{fact.statement.strip()} The reason: {because}",
                    option_feedback=feedback,
                    citations=[*bank.citations(fact), *(x for c in causes
                                                       for x in bank.citations(c))],
                    fact_ids=[fact.id, *(c.id for c in causes)], level=LEVEL)


QTYPE = QType("cause", "cause and effect", generate, choice_grade, why_not,
              choice_responses, choice_answer_text, INSTRUCTOR_FIELDS, choice_from_instructor,
              form=FORM, level=LEVEL, exports_as="mc", draft=draft)
