"""Contested claims: who makes a claim the sources dispute, or that is one person's view?

A fact yields this type when other facts contest it (``contested_by``) or when it is a
person's view rather than the report's own (``claimed_by``). The question shows the
claim in the source's words (the sentence holding its quote, or the quote alone when the
sentence is long or prints another fact's answer), with the claimant's name blanked out,
and asks who makes it: the person (``claimed_by``), or else the source. The claim is
never keyed as true or false: the key is who says it, and the feedback says what the
other sources say (the contesting facts, with their sources) or that the claim is
presented as one person's view.

Wrong options are people of the claimant's category (``categories.yml``), other
claimants and people the bank's facts name, never one named where the claim is
attributed; or sources that do not say the claim (as for the ``source`` type), a source
holding a contesting fact first.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from ...model import Fact, Kind, Level, Question
from ...normalize import answer_key, mentions
from ..base import (
    BLANK,
    Draft,
    QType,
    answer_spans,
    choice_answer_text,
    choice_grade,
    choice_responses,
    replace_spans,
)
from ..mc import INSTRUCTOR_FIELDS  # an instructor writes one as multiple choice
from ..mc import from_instructor as choice_from_instructor
from ..sourced import (
    clear_of,
    corpus,
    fact_sources,
    memo,
    option_name,
    pick,
    source_label,
    unloaded_source,
)
from .instructor import FORM

if TYPE_CHECKING:
    from ...factbank import Bank

N_DISTRACTORS = 3
MIN_DISTRACTORS = 2
#: A sentence longer than this is shown as the quote alone.
MAX_SHOWN_CHARS = 360


def _surname(name: str) -> str:
    return name.split()[-1] if name.split() else name


def _names(person: str, shown: str) -> bool:
    """Whether ``shown`` names ``person`` (full name or surname)."""
    return mentions(shown, person) or mentions(shown, _surname(person))


def _contesting(fact: Fact, bank: Bank) -> list[Fact]:
    return [bank.by_id[i] for i in fact.contested_by if i in bank.by_id]


def _redacted(text: str, person: str) -> str:
    """``text`` with ``person`` (full name, then surname) replaced by a blank."""
    for name in (person, _surname(person)):
        text = replace_spans(text, answer_spans(text, [name]), lambda _found: BLANK)
    return text


def _claim_text(fact: Fact, bank: Bank) -> tuple[str, str]:
    """(the claim as shown, the id of the source it is from): the sentence holding the
    first evidence quote, or the quote alone when the sentence is long or prints another
    fact's answer (which another question may ask), with a claimant named in it blanked
    out (what is left of the attribution, "_____ said in a statement", is evidence too)."""
    def compute() -> tuple[str, str]:
        texts = corpus(bank)
        ev = fact.evidence[0]
        passages = texts.sources.get(ev.source)
        held = passages.holding(ev.quote) if passages else []
        quote = f"“{ev.quote.strip()}”"
        shown = [held[0].text] if held and len(held[0].text) <= MAX_SHOWN_CHARS else []
        if fact.claimed_by:
            shown = [_redacted(t, fact.claimed_by) for t in shown]
            quote = _redacted(quote, fact.claimed_by)
        clear = clear_of(bank, frozenset(f.id for f in bank.facts
                                         if f.cluster_key != fact.cluster_key))
        return next((t for t in shown if clear(t)), quote), ev.source
    return memo(bank, "contested-claim", fact, compute)


def _context(fact: Fact, bank: Bank) -> str:
    """The sentences holding the fact's quotes and the few before each (where a claim is
    attributed), as one text."""
    texts = corpus(bank)
    return " ".join(p.text for ev in fact.evidence if ev.source in texts.sources
                    for p in texts.sources[ev.source].attributed(ev.quote))


def _people(fact: Fact, bank: Bank) -> list[str]:
    """People who may be offered as not making the claim: of the claimant's categories
    (``categories.yml``), the bank's other claimants and the people its facts name as
    answers, never one named where the claim is attributed; those the claim's sources
    name first (they are plausible speakers). Kept per bank."""
    return memo(bank, "contested-people", fact, lambda: _find_people(fact, bank))


def _find_people(fact: Fact, bank: Bank) -> list[str]:
    from ...categories import membership

    assert fact.claimed_by is not None
    claimant = fact.claimed_by
    names = [m for category in bank.categories.values()
             if category.kind == Kind.person and membership(category, claimant)
             for m in category.members]
    names += [f.claimed_by for f in bank.facts if f.claimed_by]
    names += [f.answer for f in bank.facts if f.kind == Kind.person]
    found: dict[str, str] = {}
    for name in names:  # a name in either order is one person: the first form found
        found.setdefault(" ".join(sorted(answer_key(name).split())), name)
    context = _context(fact, bank)
    bodies = " ".join(bank.sources[s].body for s in fact_sources(fact) if s in bank.sources)
    people = [name for _, name in sorted(found.items())
              if not _names(name, claimant) and not _names(claimant, name)
              and not _names(name, context)]
    return sorted(people, key=lambda name: not _names(name, bodies))


def _sources(fact: Fact, bank: Bank) -> list[str]:
    """Sources that may be offered as not making the claim: those holding a contesting
    fact first. Kept per bank."""
    return memo(bank, "contested-sources", fact, lambda: _find_sources(fact, bank))


def _find_sources(fact: Fact, bank: Bank) -> list[str]:
    texts = corpus(bank)
    cited = fact_sources(fact)
    other = {s for f in _contesting(fact, bank) for s in fact_sources(f)}
    wrong = [sid for sid in sorted(bank.sources)
             if sid not in cited and not texts.says(sid, fact)]
    return sorted(wrong, key=lambda s: s not in other)


def why_not(fact: Fact, bank: Bank) -> str | None:
    """Why ``fact`` cannot yield a contested-claim question (None when it can)."""
    unloaded = unloaded_source(fact, bank)
    if unloaded is not None:
        return unloaded
    if not _contesting(fact, bank) and fact.claimed_by is None:
        if fact.contested_by:
            return (f"the facts disputing it ({', '.join(fact.contested_by)}) are in later "
                    "lessons, outside this quiz")
        return ("no source disputes it and it is nobody's view in particular: add "
                "`contested_by:` (both ways) or `claimed_by:` naming who makes the claim")
    have = len(_people(fact, bank) if fact.claimed_by else _sources(fact, bank))
    if have < MIN_DISTRACTORS:
        return (f"only {have} other claimant(s) can be offered (needs {MIN_DISTRACTORS}): add "
                "people to the claimant's category in categories.yml")
    return None


def _other_side(fact: Fact, bank: Bank) -> str:
    """What the other sources say: each contesting fact with its sources."""
    parts = []
    for other in _contesting(fact, bank):
        where = " and ".join(option_name(bank.sources[s].meta) for s in fact_sources(other)
                             if s in bank.sources)
        parts.append(f"{where}: {other.statement}")
    if not parts:
        return ("The report presents it as this person's view, not as an established fact.")
    return "Other sources see it differently. " + " ".join(parts)


def _key(fact: Fact, bank: Bank) -> str:
    """The right option: the claimant, else the source the claim is shown from."""
    if fact.claimed_by is not None:
        return fact.claimed_by
    return option_name(bank.sources[_claim_text(fact, bank)[1]].meta)


def _draw(fact: Fact, bank: Bank, rng: random.Random, avoid: frozenset[str],
          ) -> tuple[list[str], list[str], list[str]]:
    """The wrong claimants drawn (people, or source ids), their options, and all the
    options in their order."""
    clear = clear_of(bank, avoid)
    if fact.claimed_by is not None:
        picked = pick(rng, _people(fact, bank), N_DISTRACTORS, clear, N_DISTRACTORS + 1)
        wrong = picked
    else:
        picked = pick(rng, _sources(fact, bank), N_DISTRACTORS,
                      lambda s: clear(option_name(bank.sources[s].meta)), N_DISTRACTORS)
        wrong = [option_name(bank.sources[s].meta) for s in picked]
    return picked, wrong, rng.sample([_key(fact, bank), *wrong], len(wrong) + 1)


def _prompt(fact: Fact, bank: Bank) -> str:
    lead = ("The sources disagree on this point." if _contesting(fact, bank)
            else "This is one view.")
    ask = "Who says this?" if fact.claimed_by is not None else "Which source makes this claim?"
    return f"{lead} {ask} {_claim_text(fact, bank)[0]}"


def draft(fact: Fact, bank: Bank, rng: random.Random, avoid: frozenset[str] = frozenset(),
          prefer: frozenset[str] = frozenset()) -> Draft:
    """The claimants :func:`generate` draws with the same arguments, without making the
    question (see ``QType.draft``)."""
    picked, _wrong, options = _draw(fact, bank, rng, avoid)
    return Draft((tuple(picked), tuple(options)), [_prompt(fact, bank), *options])


def generate(fact: Fact, bank: Bank, rng: random.Random, qid: str,
             avoid: frozenset[str] = frozenset(),
             prefer: frozenset[str] = frozenset()) -> Question:
    """Three or four claimants; ``answer`` indexes the one who makes the claim. Claimants
    printing the answers of the facts in ``avoid`` are offered only when others lack."""
    meta = bank.sources[_claim_text(fact, bank)[1]].meta
    key = _key(fact, bank)
    picked, wrong, options = _draw(fact, bank, rng, avoid)
    if fact.claimed_by is not None:
        why = {w: f"{w} is not the one: {key} says this, in {source_label(meta)}." for w in wrong}
        said = f"{key} says this, in {source_label(meta)}."
    else:
        why = {}
        for sid, label in zip(picked, wrong, strict=True):
            theirs = [f.statement for f in _contesting(fact, bank) if sid in fact_sources(f)]
            why[label] = (f"{label} does not make this claim"
                          + (f"; it says instead: {theirs[0]}" if theirs else ".")
                          ).replace(".;", ";")
        said = f"{source_label(meta)} makes this claim."
    citations = [*bank.citations(fact),
                 *(c for other in _contesting(fact, bank) for c in bank.citations(other))]
    return Question(id=qid, type="contested", prompt=_prompt(fact, bank), options=options,
                    answer=options.index(key),
                    explanation=f"{said} {_other_side(fact, bank)}",
                    option_feedback=["" if o == key else why[o] for o in options],
                    citations=citations, fact_ids=[fact.id], level=Level.evaluate)


QTYPE = QType("contested", "contested claim", generate, choice_grade, why_not,
              choice_responses, choice_answer_text, INSTRUCTOR_FIELDS, choice_from_instructor,
              form=FORM, level=Level.evaluate, exports_as="mc", draft=draft)
