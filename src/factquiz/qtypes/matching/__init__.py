"""Matching: pair 3-5 items with their answers (event ↔ leader, agreement ↔ place,
event ↔ year).

The facts of one question share a kind and, when they have one, a category (so an item's
wording or a name's nationality cannot pair it), and no item shares a telling word with
any answer of the question (so it cannot be solved by sight). Each item is the fact's
``label`` when every
fact in the question has one that does not contain its answer, else its ``question``;
the options are the answers, shuffled. Facts may stand together only when no fact's
answer would be accepted for another's (same rule as grading), no item mentions another
fact's answer, and their items differ, so exactly one pairing is right. Partners not
already used elsewhere in the quiz come first (so the pairs do not give away another
question's answer), then the quiz's facts (else the anchor's lesson). A wrong match is
told which item that answer goes with, and its source (``response_feedback``, see
:mod:`factquiz.qtypes.reasons`).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ...answers import MESSAGES, accepts, match_for, names_same_thing, wrong_with
from ...model import Fact, Grade, Question
from ...normalize import answer_key, mentions
from ..base import (
    QType,
    has_compatible_pair,
    index_list_response,
    partner_rank,
    permutation_responses,
    pick_group,
    shuffled,
    with_expected,
)
from ..reasons import evidence_of, pairing_reasons, part_reasons
from .instructor import FORM

if TYPE_CHECKING:
    from ...factbank import Bank
    from ...quizmodel import InstructorQuestion

MIN_ITEMS, MAX_ITEMS = 3, 5

#: How the right column is named in the prompt, by fact kind.
NOUNS = {"person": "person", "place": "place", "date": "date", "year": "year",
         "number": "number", "organisation": "organisation", "agreement": "agreement",
         "country": "country", "concept": "idea", "event": "event", "title": "title"}


#: Words too common to count as a shared-word clue between an item and an answer.
_COMMON = frozenset({"the", "and", "for", "with", "from", "that", "this", "which", "what",
                     "who", "whose", "where", "when", "into", "over", "their", "its", "was",
                     "were", "has", "have", "had", "between", "australia", "australian",
                     "japan", "japanese", "two", "countries", "country"})


@lru_cache(maxsize=4096)
def content_words(text: str) -> frozenset[str]:
    """The words of ``text`` that could pair an item with its answer by sight (memoised:
    planning compares every pair of a kind's facts)."""
    return frozenset(w for w in answer_key(text).split() if len(w) >= 4 and w not in _COMMON)


def shared_word_clue(fact: Fact, answer: str) -> bool:
    """Whether ``fact``'s label or question shares a telling word with ``answer``
    ("Agreement on sharing classified information" and "Information Security Agreement")."""
    words = content_words(answer)
    return any(words & content_words(text) for text in (fact.label or "", fact.question))


def compatible(a: Fact, b: Fact) -> bool:
    """Two facts of one kind (and one category, when they have one) whose answers and items
    cannot be confused, and whose items share no telling word with an answer."""
    if a.kind != b.kind or a.id == b.id or a.category != b.category:
        return False
    if any(shared_word_clue(x, y.answer) for x in (a, b) for y in (a, b)):
        return False
    if answer_key(a.question) == answer_key(b.question):
        return False
    if a.label and b.label and answer_key(a.label) == answer_key(b.label):
        return False
    if _mentions(a, b.answer) or _mentions(b, a.answer):
        return False
    match = match_for(a.kind)
    return not (accepts(a.accepted, match, b.answer) or accepts(b.accepted, match, a.answer)
                or any(names_same_thing(x, y) for x in a.accepted for y in b.accepted))


def _mentions(fact: Fact, answer: str) -> bool:
    """Whether ``fact``'s question or label mentions ``answer`` (as whole words)."""
    return mentions(fact.question, answer) or mentions(fact.label or "", answer)


def item_label(fact: Fact) -> str | None:
    """The fact's label as a matching item, or None when it has none or it gives the
    answer away ("Budget, the Tuesday after the Perth meeting" for "Budget")."""
    label = (fact.label or "").strip()
    if not label:
        return None
    return None if mentions(label, fact.answer) else label


def _compatible_cached(bank: Bank) -> Callable[[Fact, Fact], bool]:
    memo: dict[tuple[str, str], bool] = bank.cache.setdefault("matching-pairs", {})

    def check(a: Fact, b: Fact) -> bool:
        key = (a.id, b.id) if a.id < b.id else (b.id, a.id)
        if key not in memo:
            memo[key] = compatible(a, b)
        return memo[key]

    return check


def partners(fact: Fact, bank: Bank) -> list[Fact]:
    """Facts of the same kind that can share a matching question with ``fact``."""
    key = ("matching-partners", fact.id)
    if key not in bank.cache:
        check = _compatible_cached(bank)
        bank.cache[key] = [f for f in bank.by_kind.get(fact.kind, [])
                           if f.id != fact.id and check(fact, f)]
    return bank.cache[key]


def why_not(fact: Fact, bank: Bank) -> str | None:
    """Why ``fact`` cannot anchor a matching question (None when it can)."""
    key = ("matching-why-not", fact.id)
    if key not in bank.cache:
        ok = has_compatible_pair(partners(fact, bank), _compatible_cached(bank))
        bank.cache[key] = None if ok else (
            f"the bank has fewer than two other facts of kind {fact.kind.value} with "
            "different answers to pair it with")
    return bank.cache[key]


def generate(fact: Fact, bank: Bank, rng: random.Random, qid: str,
             avoid: frozenset[str] = frozenset(),
             prefer: frozenset[str] = frozenset()) -> Question:
    """Items (left) and shuffled answers (right); ``answer[i]`` is item i's option index."""
    size = rng.randint(MIN_ITEMS, MAX_ITEMS)
    rank = partner_rank(fact, avoid, prefer, avoid_first=True)
    labels_of: dict[str, str | None] = bank.cache.setdefault("matching-labels", {})
    for f in (fact, *partners(fact, bank)):
        if f.id not in labels_of:
            labels_of[f.id] = item_label(f)
    wants_labels = labels_of[fact.id] is not None
    group = pick_group(fact, partners(fact, bank), rng, size, _compatible_cached(bank),
                       lambda f: (*rank(f), wants_labels and labels_of[f.id] is None))
    rng.shuffle(group)
    labels = [labels_of[f.id] for f in group]
    labelled = all(labels)
    items = [label or "" for label in labels] if labelled else [f.question for f in group]
    options = [f.answer.strip() for f in group]
    rng.shuffle(options)
    answer = [options.index(f.answer.strip()) for f in group]
    noun = NOUNS.get(fact.kind.value, "answer")
    prompt = (f"Match each item with its {noun}." if labelled
              else "Match each question with its answer.")
    explanation = " ".join(f.statement for f in group)
    sources = [evidence_of(f, bank)[0] for f in group]
    return Question(id=qid, type="matching", prompt=prompt, items=items, options=options,
                    answer=answer, explanation=explanation,
                    response_feedback=pairing_reasons(items, options, answer, sources),
                    citations=[c for f in group for c in bank.citations(f)],
                    fact_ids=[f.id for f in group])


def grade(question: Question, response: object) -> Grade:
    """Correct when ``response[i]`` is the right option index for every item i."""
    n, m = len(question.items), len(question.options)
    expected = answer_text(question)
    chosen = index_list_response(response, n, m, "option numbers")
    if not isinstance(chosen, list):
        return with_expected(chosen, expected)
    if chosen == list(question.answer):
        return Grade(correct=True, message=MESSAGES["correct"], expected=expected)
    right = sum(a == b for a, b in zip(chosen, question.answer, strict=True))
    message, detail = wrong_with(" ".join([MESSAGES["pairs_right"].format(right=right, total=n),
                                           *part_reasons(question, chosen)]))
    return Grade(correct=False, expected=expected, message=message, detail=detail)


def answer_text(question: Question) -> str:
    """The expected answer: each item with its match."""
    return "; ".join(f"{item} → {question.options[j]}"
                     for item, j in zip(question.items, question.answer, strict=True))


def from_instructor(iq: InstructorQuestion, common: dict[str, Any], rng: random.Random,
                    bank: Bank) -> Question:
    """A checked instructor question of this type as a :class:`Question`."""
    pairs = shuffled([f"{p.item.strip()}\0{p.answer.strip()}" for p in iq.pairs], rng,
                     iq.shuffle)
    items = [p.split("\0")[0] for p in pairs]
    rights = [p.split("\0")[1] for p in pairs]
    options = shuffled(rights, rng, iq.shuffle)
    answer = [options.index(r) for r in rights]
    return Question(**common, items=items, options=options, answer=answer,
                    response_feedback=pairing_reasons(items, options, answer))


QTYPE = QType("matching", "matching", generate, grade, why_not, permutation_responses, answer_text,
              frozenset({"pairs", "shuffle"}), from_instructor, facts_needed=MIN_ITEMS,
              form=FORM)
