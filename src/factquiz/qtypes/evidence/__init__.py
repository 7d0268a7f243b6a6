"""Find the evidence: which passage of the sources supports a claim?

The options are whole sentences of the sources (:mod:`factquiz.passages`: never
furniture, headings, datelines or fragments). The key is the passage holding one of the
fact's evidence quotes; the distractors are passages of the same sources on the same
topic (they share the claim's rarer key terms) that do not support it: they hold no
quote of the fact, nor of a fact asking the same or of its cluster, and do not mention
its answer. Feedback on each distractor says why it falls short: the other claim it
supports, or what it mentions without saying the answer.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from ...model import Fact, Level, Question
from ...normalize import answer_key, mentions
from ...terms import key_terms, word_form
from ..base import Draft, QType, choice_answer_text, choice_grade, choice_responses
from ..corpus import Corpus
from ..mc import INSTRUCTOR_FIELDS  # an instructor writes one as multiple choice
from ..mc import from_instructor as choice_from_instructor
from ..sourced import (
    clear_of,
    corpus,
    fact_sources,
    memo,
    pick,
    quoted,
    source_label,
    told_in_quotes,
    unloaded_source,
)
from .instructor import FORM

if TYPE_CHECKING:
    from ...factbank import Bank
    from ...passages import Passage

N_DISTRACTORS = 3
#: Distractors are drawn from this many of the most on-topic passages.
POOL = 6
#: A passage sharing this share of the claim's topic terms may restate it: never offered.
RESTATES_SHARE = 0.6
#: Longer passages make poor options (a key may be longer: it is what the source says).
MAX_OPTION_CHARS = 360


def _related(fact: Fact, bank: Bank) -> list[Fact]:
    """The fact and those that may support the same claim: same question or cluster."""
    same = {f.id: f for f in bank.same_question(fact)}
    if fact.cluster:
        same.update((f.id, f) for f in bank.facts if f.cluster == fact.cluster)
    same[fact.id] = fact
    return list(same.values())


def distractor_passages(fact: Fact, bank: Bank) -> list[Passage]:
    """Passages of the fact's sources on its topic that do not support it, most on-topic
    first (cached per bank)."""
    return memo(bank, "evidence-distractors", fact, lambda: _distractors(fact, bank))


def _distractors(fact: Fact, bank: Bank) -> list[Passage]:
    texts = corpus(bank)
    topic = texts.topic_words(fact)
    related = _related(fact, bank)
    scored = []
    for sid in fact_sources(fact):
        passages = texts.sources.get(sid)
        for p in passages.passages if passages else []:
            shared = topic & texts.words_of(p)
            if (not shared or len(shared) >= RESTATES_SHARE * len(topic)
                    or len(p.text) > MAX_OPTION_CHARS
                    or any(mentions(p.text, a) for a in fact.accepted)
                    or any(texts.quotes_in(p, f) for f in related)):
                continue
            scored.append((-sum(texts.weight(s) for s in shared), p.source_id, p.start, p))
    return [p for *_, p in sorted(scored, key=lambda t: t[:3])]


def why_not(fact: Fact, bank: Bank) -> str | None:
    """Why ``fact`` cannot yield a find-the-evidence question (None when it can)."""
    unloaded = unloaded_source(fact, bank)
    if unloaded is not None:
        return unloaded
    if fact.derived:
        return ("it is derived (its note says how it goes beyond the quotes), so no one "
                "passage supports it")
    if not corpus(bank).key_passages(fact):
        return "none of its quotes lies in a whole sentence of its source (furniture or a heading)"
    have = len(distractor_passages(fact, bank))
    if have < N_DISTRACTORS:
        return (f"its sources have {have} passage(s) on its topic that do not support it and "
                f"the question needs {N_DISTRACTORS}: it stays with the other types")
    return None


def _shared_words(fact: Fact, passage: Passage, texts: Corpus) -> list[str]:
    """The claim's topic words that ``passage`` shares, rarest first, at most three."""
    shared = texts.topic_words(fact) & texts.words_of(passage)
    words = [w for w in key_terms(fact.statement) if word_form(w) in shared]
    words.sort(key=lambda w: -texts.weight(word_form(w)))
    return list(dict.fromkeys(words))[:3]


def falls_short(fact: Fact, passage: Passage, texts: Corpus) -> str:
    """Why ``passage`` does not support ``fact``'s claim, in a sentence."""
    others = [f for f in texts.supported_by(passage) if f.id != fact.id]
    if others:
        return f"This passage supports a different claim: {others[0].statement}"
    words = " and ".join(f"“{w}”" for w in _shared_words(fact, passage, texts))
    return (f"This passage is on the same topic (it mentions {words}) but does not say "
            f"{quoted(fact.answer)}, so it does not support the claim.")


def _reasons(fact: Fact, bank: Bank) -> dict[Passage, tuple[str, str]]:
    """Why each passage a distractor may be falls short, alone and after the passage's
    opening words (cached per bank: the planner builds a question many times)."""
    def compute() -> dict[Passage, tuple[str, str]]:
        texts = corpus(bank)
        found = {}
        for p in distractor_passages(fact, bank):
            why = falls_short(fact, p, texts)
            found[p] = (why, f"“{_opening(p)}”: {why}")
        return found
    return memo(bank, "evidence-reasons", fact, compute)


def _opening(passage: Passage, words: int = 8) -> str:
    parts = passage.text.strip("“”\"‘’'").split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def key_passages(fact: Fact, bank: Bank) -> list[Passage]:
    """The passages holding ``fact``'s evidence quotes (kept per bank)."""
    return memo(bank, "evidence-keys", fact, lambda: corpus(bank).key_passages(fact))


def _draw(fact: Fact, bank: Bank, rng: random.Random, avoid: frozenset[str],
          ) -> tuple[Passage, list[Passage], list[Passage]]:
    """The passages of one question: the key, the distractors drawn, all in their order."""
    clear = clear_of(bank, avoid)
    keys = key_passages(fact, bank)
    [key] = pick(rng, keys, 1, lambda p: clear(p.text))
    wrong = pick(rng, distractor_passages(fact, bank), N_DISTRACTORS, lambda p: clear(p.text),
                 POOL)
    return key, wrong, rng.sample([key, *wrong], N_DISTRACTORS + 1)


def _prompt(fact: Fact) -> str:
    return f"Claim: {quoted(fact.statement)} Which passage of the sources supports it?"


def draft(fact: Fact, bank: Bank, rng: random.Random, avoid: frozenset[str] = frozenset(),
          prefer: frozenset[str] = frozenset()) -> Draft:
    """The passages :func:`generate` draws with the same arguments, without making the
    question (see ``QType.draft``)."""
    key, wrong, order = _draw(fact, bank, rng, avoid)
    return Draft((key, tuple(wrong), tuple(order)), [_prompt(fact), *(p.text for p in order)])


def _passages(fact: Fact, bank: Bank,
              ) -> tuple[list[Passage], list[Passage], list[str], dict[str, int]]:
    """The passages :func:`_draw` may take (keys, distractors), their padded answer keys
    in that order, and (filled by :func:`hopeless`) which of them each needle is in."""
    keys = key_passages(fact, bank)
    wrong = distractor_passages(fact, bank)
    return keys, wrong, [f" {answer_key(p.text)} " for p in [*keys, *wrong]], {}


def hopeless(fact: Fact, bank: Bank, needles: frozenset[str], telling: frozenset[str],
             avoid: frozenset[str] = frozenset()) -> bool:
    """Whether every question :func:`generate` can draw from ``fact`` with ``avoid`` shows
    one of ``needles`` (each passage it may take as the key does, or all but too few of
    those it may take as distractors, as :func:`_draw` picks) or tells one of ``telling``
    in its citations' quotes (see ``QType.hopeless``)."""
    if told_in_quotes(fact, bank, telling):
        return True
    keys, wrong, texts, showing = memo(bank, "evidence-hopeless", fact, lambda: _passages(
        fact, bank))
    bad = 0
    for needle in needles:
        mask = showing.get(needle)
        if mask is None:
            mask = showing[needle] = sum(1 << n for n, t in enumerate(texts) if needle in t)
        bad |= mask
    if not bad:
        return False
    clear = clear_of(bank, avoid)
    # The key: one of the clear key passages, else the first.
    if all(bad >> n & 1 for n in [n for n, p in enumerate(keys) if clear(p.text)] or [0]):
        return True
    wrong_bad = bad >> len(keys)
    good = [n for n, p in enumerate(wrong) if clear(p.text)]
    top = good[:max(POOL, N_DISTRACTORS)]
    if len(top) >= N_DISTRACTORS:  # any N_DISTRACTORS of them
        return sum(not wrong_bad >> n & 1 for n in top) < N_DISTRACTORS
    # All of them, then the first others.
    taken = [*top, *[n for n in range(len(wrong)) if n not in good][:N_DISTRACTORS - len(top)]]
    return any(wrong_bad >> n & 1 for n in taken)


def generate(fact: Fact, bank: Bank, rng: random.Random, qid: str,
             avoid: frozenset[str] = frozenset(),
             prefer: frozenset[str] = frozenset()) -> Question:
    """Four passages; ``answer`` is the index of the one holding the fact's quote. Passages
    printing the answers of the facts in ``avoid`` (asked by other questions) are taken
    only when there are not enough others."""
    key, wrong, order = _draw(fact, bank, rng, avoid)
    reasons = _reasons(fact, bank)
    feedback = ["" if p == key else reasons[p][0] for p in order]
    meta = bank.sources[key.source_id].meta
    why = " ".join(reasons[p][1] for p in wrong)
    explanation = (f"{fact.statement} The passage from {source_label(meta)} says so. "
                   f"Why not the others: {why}")
    return Question(id=qid, type="evidence", prompt=_prompt(fact),
                    options=[p.text for p in order], answer=order.index(key),
                    explanation=explanation, option_feedback=feedback,
                    citations=bank.citations(fact), fact_ids=[fact.id], level=Level.evaluate)


QTYPE = QType("evidence", "find the evidence", generate, choice_grade, why_not,
              choice_responses, choice_answer_text, INSTRUCTOR_FIELDS, choice_from_instructor,
              form=FORM, level=Level.evaluate, exports_as="mc", draft=draft,
              hopeless=hopeless)
