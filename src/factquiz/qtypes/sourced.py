"""What the source-aware question types share: the bank's sources as passages.

``evidence`` shows passages of the sources, ``source`` names the sources that report a
claim and ``contested`` asks who makes a disputed claim. They all need to know, for a
fact, which passages hold its quotes, which passages are on its topic, and which
sources say it (quote it, or state its answer in its context). :func:`corpus` builds
that once per bank.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Hashable, Sequence
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from ..assembly import padded_keys
from ..model import Fact, SourceMeta
from ..normalize import answer_key
from .corpus import Corpus

if TYPE_CHECKING:
    from ..factbank import Bank

T = TypeVar("T")


def corpus(bank: Bank) -> Corpus:
    """The :class:`~factquiz.qtypes.corpus.Corpus` of ``bank``, built once per bank."""
    found: Corpus | None = bank.cache.get("sourced-corpus")
    if found is None:
        found = bank.cache["sourced-corpus"] = Corpus(bank)
    return found


def memo(bank: Bank, name: Hashable, fact: Fact, compute: Callable[[], T]) -> T:
    """``compute()`` for ``fact``, kept in the bank's cache under ``name`` (recomputed for
    another fact object of the same id)."""
    key = (name, fact.id)
    held = bank.cache.get(key)
    if held is None or held[0] is not fact:
        held = bank.cache[key] = (fact, compute())
    value: T = held[1]
    return value


#: Values :func:`kept` holds per name and bank (all dropped when full).
KEPT_MAX = 8192


def kept(bank: Bank, name: str, key: Hashable, compute: Callable[[], T],
         limit: int = KEPT_MAX) -> T:
    """``compute()`` kept in the bank's cache under ``name`` by ``key`` (a value of another
    question, text or set the same key gives), at most ``limit`` values: when full, all
    are dropped and kept again as they come back."""
    values: dict[Hashable, T] = bank.cache.setdefault(name, {})
    found = values.get(key)
    if found is None:
        if len(values) >= limit:
            values.clear()
        found = values[key] = compute()
    return found


def told_in_quotes(fact: Fact, bank: Bank, telling: frozenset[str]) -> bool:
    """Whether a quote of ``fact``'s citations tells one of ``telling`` (padded answer
    keys): a question citing the fact tells it in its feedback, whatever it draws."""
    quotes = memo(bank, "quote-keys", fact,
                  lambda: padded_keys([c.quote for c in bank.citations(fact)]))
    return any(needle in quotes for needle in telling)


def clear_of(bank: Bank, avoid: frozenset[str]) -> Callable[[str], bool]:
    """A test of whether a text prints none of the answers (or aliases) of the facts in
    ``avoid`` (the facts other questions of the quiz ask about), compared as
    :func:`~factquiz.normalize.answer_key` forms, as the whole-quiz rules compare them."""
    needles, known = kept(bank, "clear-needles", avoid, lambda: (tuple({
        f" {key} " for fid in sorted(avoid) if (other := bank.by_id.get(fid))
        for key in map(answer_key, other.accepted) if key}), {}), limit=4096)

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


def unloaded_source(fact: Fact, bank: Bank) -> str | None:
    """Why ``fact`` cannot be asked about its sources: one of them is not loaded (None
    when all are)."""
    missing = [s for s in fact_sources(fact) if s not in bank.sources]
    if missing:
        return (f"its source '{missing[0]}' could not be loaded (`factquiz check` says why)")
    return None


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
