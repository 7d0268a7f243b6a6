"""Why a wrong response is wrong, from what the bank knows (never invented).

Every type explains a wrong answer: a choice question by one reason per option
(``Question.option_feedback``), the others by reasons keyed by the *token* of a wrong
response they can name (``Question.response_feedback``): a typed answer as
``t|<answer_key>`` (:func:`typed_token`), one position's choice of an ordering or
matching question as ``<position>|<index>`` (:func:`part_token`). The book's page uses the
same tokens to find (encrypted) the reason of what the reader chose
(:mod:`factquiz.sphinxext.static_quiz`), so the notebook, the terminal preview and the
page say the same thing.

A reason names where the truth comes from: the source's short name with a verbatim
quote (so the source's modality is kept), or, for a wrong answer that is another fact's
answer, the question it answers and that fact's source.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..model import Citation, Fact, Question
from ..normalize import answer_key, mentions

if TYPE_CHECKING:
    from ..factbank import Bank

#: Most typed wrong answers a cloze or numeric question explains (the page carries each).
MAX_TYPED_REASONS = 8


def typed_token(text: str) -> str:
    """The token of a typed answer: ``t|`` and its :func:`~factquiz.normalize.answer_key`."""
    return f"t|{answer_key(text)}"


def part_token(position: int, index: int) -> str:
    """The token of one position's choice (ordering: item ``index`` at ``position``;
    matching: option ``index`` for item ``position``)."""
    return f"{position}|{index}"


def quoted(text: str) -> str:
    """``text`` between curly quotes."""
    return f"\u201c{text.strip()}\u201d"


def short_name(source_id: str, bank: Bank) -> str:
    """How a reason names a source: its short name ("AA 2022"), else its id."""
    source = bank.sources.get(source_id)
    return (source.meta.short_name or source.id) if source else source_id


def _words(text: str) -> set[str]:
    """The longer words of ``text``, normalised (to compare a quote with a claim)."""
    return {w for w in answer_key(text).split() if len(w) >= 4}


def shows_answer(quote: str, fact: Fact) -> bool:
    """Whether ``quote`` names ``fact``'s answer (or an alias)."""
    return any(mentions(quote, a) for a in fact.accepted)


def evidence_of(fact: Fact, bank: Bank, claim: bool = False) -> tuple[str, str]:
    """``(source name, quote)`` of the evidence that best shows ``fact``: a quote naming
    the answer first, then the one sharing most words with the statement (with ``claim``,
    the whole claim matters most: most words shared first)."""
    claim_words = _words(fact.statement)

    def rank(quote: str) -> tuple[int, ...]:
        named, shared = shows_answer(quote, fact), len(claim_words & _words(quote))
        return (-shared, not named) if claim else (not named, -shared)

    chosen = min(fact.evidence, key=lambda ev: rank(ev.quote))
    return short_name(chosen.source, bank), chosen.quote.strip()


def says(fact: Fact, bank: Bank) -> str:
    """``AA 2022 says: “quote”`` for ``fact`` (the quote that best shows the claim)."""
    name, quote = evidence_of(fact, bank, claim=True)
    return f"{name} says: {quoted(quote)}"


def _answer_index(bank: Bank) -> dict[str, list[Fact]]:
    """The bank's facts by the answer keys of their accepted answers (built once)."""
    found: dict[str, list[Fact]] | None = bank.cache.get("reasons-answers")
    if found is None:
        found = {}
        for fact in bank.facts:
            for key in {answer_key(a) for a in fact.accepted}:
                found.setdefault(key, []).append(fact)
        bank.cache["reasons-answers"] = found
    return found


def answered_by(text: str, fact: Fact, bank: Bank) -> Fact | None:
    """Another fact (not of ``fact``'s cluster) whose answer ``text`` is, if any: what
    that wrong answer actually is."""
    for other in _answer_index(bank).get(answer_key(text), []):
        if other.id != fact.id and other.cluster_key != fact.cluster_key:
            return other
    return None


def other_answer(text: str, other: Fact, bank: Bank) -> str:
    """``D is the answer to “other question” (source)``."""
    return (f"{text.strip()} is the answer to another question, "
            f"{quoted(other.question)} ({short_name(other.evidence[0].source, bank)}).")


def wrong_answer(fact: Fact, text: str, bank: Bank) -> str:
    """Why ``text`` is not ``fact``'s answer: what it is when it is another fact's answer,
    else what the source gives instead, in its words (for an answer worked out from the
    source, how: the fact's ``note``, else the quote it rests on)."""
    other = answered_by(text, fact, bank)
    if other is not None:
        return other_answer(text, other, bank)
    name, quote = evidence_of(fact, bank)
    answer, wrong = fact.answer.strip(), text.strip()
    if shows_answer(quote, fact):
        return f"{name} gives {answer}, not {wrong}: {quoted(quote)}"
    if fact.note:  # a derived answer: how it is worked out
        return f"It is {answer}, not {wrong}: {fact.note.strip()}"
    return f"It is {answer}, not {wrong}, from what {name} says: {quoted(quote)}"


def typed_reasons(fact: Fact, bank: Bank, rejected: Sequence[str] = ()) -> dict[str, str]:
    """Reasons for the wrong answers a student may type for ``fact``: its safe distractors
    (its own first, then its category's or kind's) and the ``rejected`` near misses that
    are another fact's answer, at most :data:`MAX_TYPED_REASONS`, by :func:`typed_token`."""
    own, others = bank.pool(fact)
    out: dict[str, str] = {}
    for text in [*own, *others, *rejected]:
        token = typed_token(text)
        if len(out) == MAX_TYPED_REASONS:
            break
        if token in out or token == "t|":
            continue
        if text in rejected and answered_by(text, fact, bank) is None:
            continue  # a near miss that is only a word: nothing to say about it
        out[token] = wrong_answer(fact, text, bank)
    return out


def citation_says(citations: Sequence[Citation], bank: Bank) -> str:
    """``AA 2022 says: “quote”`` of the first citation ('' without one): the reason an
    instructor question's wrong choices get from the facts it rests on."""
    if not citations:
        return ""
    return f"{short_name(citations[0].source_id, bank)} says: {quoted(citations[0].quote)}"


def instructor_choice_reasons(question: Question, bank: Bank) -> list[str]:
    """An instructor choice question's ``option_feedback``: for each wrong option, what it
    is when it is the answer of a fact the question does not rest on, else what its
    sources say ('' for the key; none without a citation)."""
    says_so = citation_says(question.citations, bank)
    if not says_so:
        return []
    out = []
    for i, option in enumerate(question.options):
        other = next((f for f in _answer_index(bank).get(answer_key(option), [])
                      if f.id not in question.fact_ids), None)
        out.append("" if i == question.answer
                   else other_answer(option, other, bank) if other else says_so)
    return out


def reveals(reason: str, key_texts: Sequence[str]) -> bool:
    """Whether ``reason`` names one of ``key_texts`` (as a whole phrase): such a reason is
    not put on the book's page, where it would give the key away."""
    return any(text.strip() and mentions(reason, text) for text in key_texts)


def response_reason(question: Question, token: str) -> str:
    """The reason stored for a wrong response's token ('' when none)."""
    return question.response_feedback.get(token, "")


def order_reasons(items: Sequence[str], answer: Sequence[int],
                  dates: Sequence[str] = ()) -> dict[str, str]:
    """Ordering: for each position and each item that does not belong there, which way
    the item goes (with its date when known), by :func:`part_token`. No reason names the
    item that does belong there."""
    out = {}
    for position in range(len(answer)):
        for index, item in enumerate(items):
            right = list(answer).index(index)
            if right == position:
                continue
            when = f" ({dates[index]})" if index < len(dates) and dates[index] else ""
            way = "later" if right > position else "earlier"
            out[part_token(position, index)] = (f"{quoted(item)}{when} comes {way} than "
                                                f"place {position + 1}.")
    return out


def pairing_reasons(items: Sequence[str], options: Sequence[str], answer: Sequence[int],
                    sources: Sequence[str] = ()) -> dict[str, str]:
    """Matching: for each item and each option that is not its match, which item that
    option goes with (and that pair's source when known), by :func:`part_token`."""
    out = {}
    for position, item in enumerate(items):
        for index, option in enumerate(options):
            if index == answer[position] or index not in answer:
                continue
            owner = list(answer).index(index)
            source = f" ({sources[owner]})" if owner < len(sources) and sources[owner] else ""
            out[part_token(position, index)] = (f"{quoted(option)} goes with "
                                                f"{quoted(items[owner])}{source}, not with "
                                                f"{quoted(item)}.")
    return out


def part_reasons(question: Question, response: Sequence[int]) -> list[str]:
    """The reasons of the wrong positions of ``response`` (ordering, matching)."""
    return [why for position, (got, want) in enumerate(zip(response, question.answer,
                                                            strict=True))
            if got != want and (why := response_reason(question, part_token(position, got)))]


def key_texts(question: Question, token: str) -> list[str]:
    """What a reason for ``token`` must not name on the book's page: the key's text for
    that response (the right option, the item or match that belongs at that position)."""
    if token.startswith("c|"):
        return [question.options[question.answer]]
    if token.startswith("t|"):
        return [*question.accepted, str(question.answer or "")]
    position = int(token.partition("|")[0])
    right = question.answer[position]
    return [question.options[right] if question.options else question.items[right]]


def page_reasons(question: Question) -> dict[str, str]:
    """The reasons the book's page carries, by token: each wrong option's
    (``c|<index>``), each wrong position choice's (ordering, matching) and each known wrong
    text answer's (cloze: the page computes the same :func:`typed_token`), less those that
    would name the key (:func:`reveals`). A number gets none: its distance would give the
    answer away, and the page reads numbers in more forms than one token."""
    found = {f"c|{i}": why for i, why in enumerate(question.option_feedback)
             if why and i != question.answer}
    found.update({token: why for token, why in question.response_feedback.items()
                  if question.accepted or not token.startswith("t|")})
    return {token: why for token, why in found.items()
            if not reveals(why, key_texts(question, token))}
