"""Which source? "Which source says …?" for a fact backed by one source, "Which two
sources both say …?" for a fact backed by several.

Options name real sources by their short names, as the book cites them on every page
("AA 2022"; title and date for a source without one); the feedback gives each source's
title, publisher (when the text shows one) and date, all from the front matter. A source
is offered as wrong only when it really does not say the claim
(:meth:`~factquiz.qtypes.sourced.Corpus.says`: it quotes none of the fact's evidence and
states its answer in no passage on the claim's topic); a source that says it without
being cited is never offered. When the claim names a year in which some of its sources
appeared, only sources of that year are offered, so the date gives nothing away. A claim
that names its reports ("One 2022 report calls …") is not asked.
"""

from __future__ import annotations

import random
import re
from itertools import combinations
from typing import TYPE_CHECKING

from ...model import Fact, Level, Question
from ..base import Draft, QType, choice_answer_text, choice_grade, choice_responses
from ..mc import INSTRUCTOR_FIELDS  # an instructor writes one as multiple choice
from ..mc import from_instructor as choice_from_instructor
from ..sourced import (
    clear_of,
    corpus,
    fact_sources,
    memo,
    option_name,
    pick,
    quoted,
    source_label,
    told_in_quotes,
    unloaded_source,
)
from .instructor import FORM

if TYPE_CHECKING:
    from ...factbank import Bank

MAX_DISTRACTORS = 3
MIN_DISTRACTORS = 2
_NAMES_REPORTS = re.compile(r"\b(reports?|according to|article|sources?|page)\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _year(bank: Bank, source_id: str) -> str:
    return bank.sources[source_id].meta.published[:4]


def wrong_sources(fact: Fact, bank: Bank) -> list[str]:
    """The sources that may be offered as not saying ``fact``, in id order (cached per
    bank)."""
    def compute() -> list[str]:
        texts = corpus(bank)
        cited = fact_sources(fact)
        years = set(_YEAR.findall(fact.statement)) & {_year(bank, s) for s in cited
                                                       if s in bank.sources}
        return [sid for sid in sorted(bank.sources)
                if sid not in cited and not texts.says(sid, fact)
                and (not years or _year(bank, sid) in years)]

    return list(memo(bank, "source-wrong", fact, compute))


def _wrong_pairs(cited: list[str], wrong: list[str]) -> list[tuple[str, str]]:
    """Pairs of sources of which at least one does not say the claim."""
    return [(c, w) for c in cited for w in wrong] + list(combinations(wrong, 2))


def why_not(fact: Fact, bank: Bank) -> str | None:
    """Why ``fact`` cannot yield a which-source question (None when it can)."""
    unloaded = unloaded_source(fact, bank)
    if unloaded is not None:
        return unloaded
    if _NAMES_REPORTS.search(fact.statement):
        return ("its statement names its sources (\"one report\", \"according to\"), which "
                "would give the answer away")
    cited = [s for s in fact_sources(fact) if s in bank.sources]
    if not cited:
        return "it cites no loaded source"
    wrong = wrong_sources(fact, bank)
    have = len(wrong) if len(cited) == 1 else len(_wrong_pairs(cited, wrong))
    if have < MIN_DISTRACTORS:
        what = "source" if len(cited) == 1 else "pair of sources"
        return (f"only {have} other {what} can be shown not to say it (needs "
                f"{MIN_DISTRACTORS}): the rest say it too, or their date gives the answer away")
    return None


def _label(bank: Bank, sources: tuple[str, ...]) -> str:
    """The option naming ``sources`` (oldest first), built once per bank."""
    labels: dict[tuple[str, ...], str] = bank.cache.setdefault("source-option-labels", {})
    found = labels.get(sources)
    if found is None:
        ordered = sorted(sources, key=lambda s: (bank.sources[s].meta.published, s))
        found = labels[sources] = " and ".join(option_name(bank.sources[s].meta)
                                               for s in ordered)
    return found


def _why_wrong(bank: Bank, option: tuple[str, ...], cited: list[str]) -> str:
    """Why a wrong option is wrong: which of its sources does not say the claim."""
    names = {s: option_name(bank.sources[s].meta) for s in option}
    silent = [s for s in option if s not in cited]
    if len(option) == 1:
        return f"{names[option[0]]} does not report this claim."
    if len(silent) == 1:
        said = next(s for s in option if s in cited)
        return f"{names[said]} reports it, but {names[silent[0]]} does not."
    return f"Neither {names[silent[0]]} nor {names[silent[1]]} reports it."


def _cited(fact: Fact, bank: Bank) -> list[str]:
    return [s for s in fact_sources(fact) if s in bank.sources]


def _prompt(fact: Fact, bank: Bank) -> str:
    ask = "Which source says so?" if len(_cited(fact, bank)) == 1 else \
        "Which two sources both say so?"
    return f"Claim: {quoted(fact.statement)} {ask}"


Option = tuple[str, ...]


def _draw(fact: Fact, bank: Bank, rng: random.Random, avoid: frozenset[str],
          ) -> tuple[Option, list[Option], list[Option]]:
    """The options of one question: the key, the wrong ones drawn, all in their order."""
    cited = _cited(fact, bank)
    wrong = wrong_sources(fact, bank)
    clear = clear_of(bank, avoid)

    def shows_nothing(option: Option) -> bool:
        return clear(_label(bank, option))

    if len(cited) == 1:
        key: Option = (cited[0],)
        pool: list[Option] = [(w,) for w in wrong]
    else:
        [key] = pick(rng, list(combinations(cited, 2)), 1, shows_nothing)
        pool = _wrong_pairs(cited, wrong)
        rng.shuffle(pool)
        pool.sort(key=lambda pair: not set(pair) & set(cited))  # half-right pairs first
    chosen = pick(rng, pool, MAX_DISTRACTORS, shows_nothing,
                  None if len(cited) == 1 else MAX_DISTRACTORS + 1)
    return key, chosen, rng.sample([key, *chosen], len(chosen) + 1)


def draft(fact: Fact, bank: Bank, rng: random.Random, avoid: frozenset[str] = frozenset(),
          prefer: frozenset[str] = frozenset()) -> Draft:
    """The options :func:`generate` draws with the same arguments, without making the
    question (see ``QType.draft``)."""
    key, chosen, order = _draw(fact, bank, rng, avoid)
    return Draft((key, tuple(chosen), tuple(order)),
                 [_prompt(fact, bank), *(_label(bank, option) for option in order)])


def hopeless(fact: Fact, bank: Bank, answers: frozenset[str], telling: frozenset[str],
             avoid: frozenset[str] = frozenset()) -> bool:
    """Whether every question :func:`generate` can make from ``fact`` tells one of
    ``telling``: in its citations' quotes (see ``QType.hopeless``)."""
    return told_in_quotes(fact, bank, telling)


def generate(fact: Fact, bank: Bank, rng: random.Random, qid: str,
             avoid: frozenset[str] = frozenset(),
             prefer: frozenset[str] = frozenset()) -> Question:
    """Three or four options naming sources (or pairs); ``answer`` indexes the right one.
    Options printing the answers of the facts in ``avoid`` come last."""
    cited = _cited(fact, bank)
    key, chosen, order = _draw(fact, bank, rng, avoid)
    why = {o: "" if o == key else _why_wrong(bank, o, cited) for o in order}
    sayers = "; ".join(source_label(bank.sources[s].meta) for s in cited)
    explanation = " ".join([fact.statement, f"Reported by {sayers}.",
                            *(why[option] for option in chosen)])
    return Question(id=qid, type="source", prompt=_prompt(fact, bank),
                    options=[_label(bank, option) for option in order], answer=order.index(key),
                    explanation=explanation, option_feedback=[why[o] for o in order],
                    citations=bank.citations(fact), fact_ids=[fact.id], level=Level.analyse)


QTYPE = QType("source", "which source", generate, choice_grade, why_not,
              choice_responses, choice_answer_text, INSTRUCTOR_FIELDS, choice_from_instructor,
              form=FORM, level=Level.analyse, exports_as="mc", draft=draft,
              hopeless=hopeless)
