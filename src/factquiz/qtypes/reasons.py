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

Feedback tells no other question's answer (README, "Fair quizzes"): the planner keeps
apart questions whose explanation or quotes tell each other's answers, and once a variant
is chosen :func:`fair_feedback` rewords what the planner leaves to wording: a source named
in an explanation or a reason (by its short name or in full) when that name tells another
question's answer, and a reason that names one. A reason is reworded (the source named
by less, an "another question" reason in the source-gives form, a telling quote left
out) or, as a last resort, dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING

from ..assembly import padded_keys, telling_needles
from ..model import Citation, Fact, Question
from ..normalize import answer_key, mentions
from ..quotes import quoted
from .sourced import date_text, kept, memo, option_name, source_label

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
    the whole claim matters most: most words shared first). Kept per bank."""
    return memo(bank, ("reasons-evidence", claim), fact,
                lambda: _evidence_of(fact, bank, claim))


def _evidence_of(fact: Fact, bank: Bank, claim: bool) -> tuple[str, str]:
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
    source, how: the fact's ``note``, else the quote it rests on). Kept per bank."""
    return memo(bank, ("reasons-wrong", text), fact, lambda: _wrong_answer(fact, text, bank))


def _wrong_answer(fact: Fact, text: str, bank: Bank) -> str:
    other = answered_by(text, fact, bank)
    if other is not None:
        return other_answer(text, other, bank)
    name, quote = evidence_of(fact, bank)
    return source_gives(fact, text, name, quote)


def source_gives(fact: Fact, text: str, name: str, quote: str) -> str:
    """Why ``text`` is not ``fact``'s answer, from the source ``name``'s ``quote`` (with
    ``text`` empty, what the answer is, without naming the wrong one)."""
    answer = fact.answer.strip()
    wrong = f", not {text.strip()}" if text.strip() else ""
    if shows_answer(quote, fact):
        return f"{name} gives {answer}{wrong}: {quoted(quote)}"
    if fact.note:  # a derived answer: how it is worked out
        return f"It is {answer}{wrong}: {fact.note.strip()}"
    return f"It is {answer}{wrong}, from what {name} says: {quoted(quote)}"


def typed_reasons(fact: Fact, bank: Bank, rejected: Sequence[str] = ()) -> dict[str, str]:
    """Reasons for the wrong answers a student may type for ``fact``: its safe distractors
    (its own first, then its category's or kind's) and the ``rejected`` near misses that
    are another fact's answer, at most :data:`MAX_TYPED_REASONS`, by :func:`typed_token`.
    Kept per bank (a new dict each call)."""
    return dict(memo(bank, ("reasons-typed", tuple(rejected)), fact,
                     lambda: _typed_reasons(fact, bank, rejected)))


def _typed_reasons(fact: Fact, bank: Bank, rejected: Sequence[str]) -> dict[str, str]:
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
    sources say ('' for the key; none without a citation). Kept per bank (a new list each
    call)."""
    first = question.citations[0] if question.citations else None
    key = (tuple(question.options), question.answer, tuple(question.fact_ids),
           (first.source_id, first.quote) if first else None)
    return list(kept(bank, "reasons-instructor", key,
                     lambda: _instructor_choice_reasons(question, bank)))


def _instructor_choice_reasons(question: Question, bank: Bank) -> list[str]:
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
    would name the key (:func:`reveals`); a wrong option's such reason is replaced by
    :func:`withheld`. A number gets none: its distance would give the
    answer away, and the page reads numbers in more forms than one token."""
    found = {f"c|{i}": why for i, why in enumerate(question.option_feedback)
             if why and i != question.answer}
    found.update({token: why for token, why in question.response_feedback.items()
                  if question.accepted or not token.startswith("t|")})
    shown = {}
    for token, why in found.items():
        keys = key_texts(question, token)
        if token.startswith("c|") and reveals(why, keys):
            why = withheld(question.options[int(token[2:])])
        if not reveals(why, keys):
            shown[token] = why
    return shown


def withheld(option: str) -> str:
    """What the book's page says of a wrong option whose reason would name the key: that
    the sources do not give it (the reason itself opens with the right answer)."""
    return f"{quoted(option)} is not what the sources give here."


# --- feedback that tells no other question's answer ----------------------------------------

#: How a reworded reason or explanation names a source whose name would tell an answer.
A_SOURCE = "the source"
_SENTENCE_START = re.compile(r"(^|[.!?:]\s+)the source\b")
#: A quote closing a reason, with what introduces it (left out when it tells an answer).
_CLOSING_QUOTE = re.compile(r"[:,]?\s*\u201c[^\u201d]*\u201d\W*$")


def tells(text: str, needles: Collection[str]) -> bool:
    """Whether ``text`` names one of ``needles`` (answer keys padded with spaces, as
    :class:`~factquiz.assembly.Traits` holds them)."""
    key = f" {answer_key(text)} "
    return any(needle in key for needle in needles)


def _needle_test(keys: str) -> Callable[[str], bool]:
    """Whether a needle (a padded answer key) is in ``keys``, each needle's answer kept."""
    known: dict[str, bool] = {}

    def found(needle: str) -> bool:
        hit = known.get(needle)
        if hit is None:
            hit = known[needle] = needle in keys
        return hit
    return found


def _test(bank: Bank, texts: tuple[str, ...]) -> Callable[[str], bool]:
    """A test of whether one of ``texts`` names a needle (as :func:`tells`), kept per bank
    with what it found: a variant's feedback is tested against the answers of the others,
    and the same texts come back in many variants."""
    # a needle holds no newline: found in one text or none
    return kept(bank, "reasons-tests", texts, lambda: _needle_test(padded_keys(texts)))


def _tells(bank: Bank, text: str, needles: Collection[str]) -> bool:
    """:func:`tells`, with what was found kept per bank."""
    test = _test(bank, (text,))
    return any(test(needle) for needle in needles)


def source_names(bank: Bank) -> list[tuple[str, list[str]]]:
    """Every way feedback names a source (in full, as an option names it, by short name),
    longest first, each with the shorter ways to name it, the last its title and date
    (a short name has none: it is a few words already). Built once per bank."""
    found: list[tuple[str, list[str]]] | None = bank.cache.get("reasons-source-names")
    if found is None:
        found = []
        for source in bank.sources.values():
            meta = source.meta
            titled = f"\u201c{meta.title}\u201d ({date_text(meta.published)})"
            forms = [source_label(meta), option_name(meta), meta.short_name or ""]
            found.extend((form, [f for f in [*forms[n + 1:], titled] if f and f != form])
                         for n, form in enumerate(forms[:2]))
            if meta.short_name:
                found.append((meta.short_name, []))
        found.sort(key=lambda item: -len(item[0]))
        bank.cache["reasons-source-names"] = found
    return found


def unnamed(bank: Bank) -> tuple[str, ...]:
    """The ways feedback names sources (:func:`source_names`), for
    :func:`~factquiz.assembly.traits`: the planner does not count an answer told by a
    source's name, as :func:`fair_feedback` names that source by less."""
    found: tuple[str, ...] | None = bank.cache.get("reasons-unnamed")
    if found is None:
        found = bank.cache["reasons-unnamed"] = tuple(form for form, _ in source_names(bank))
    return found


def renamed(text: str, needles: Collection[str], bank: Bank) -> str:
    """``text`` with each source named in a way that tells one of ``needles`` named by a
    shorter way that does not: its short name, else "the source" (an aside in brackets
    is left out). Kept per bank, by ``text`` and the needles that matter: those in
    ``text`` or in a way to name a source (the only texts this looks for them in)."""
    key = f" {answer_key(text)} "
    named = _named(bank)
    relevant = frozenset(n for n in needles if n in key or named(n))
    if not any(n in key for n in relevant):
        return text
    return kept(bank, "reasons-renamed", (text, relevant),
                lambda: _renamed(text, relevant, bank))


def _named(bank: Bank) -> Callable[[str], bool]:
    """A test of whether a needle is in a way :func:`source_names` names a source (kept
    per bank, with what it found)."""
    found: Callable[[str], bool] | None = bank.cache.get("reasons-named")
    if found is None:
        found = bank.cache["reasons-named"] = _needle_test(padded_keys(
            [text for form, shorter in source_names(bank) for text in (form, *shorter)]))
    return found


def _renamed(text: str, needles: Collection[str], bank: Bank) -> str:
    for form, shorter in source_names(bank):
        if form not in text or not _tells(bank, form, needles):
            continue
        aside = f" ({form})"
        if aside in text:  # "(AA 2022)." after a question: its closing mark is enough
            text = text.replace(aside, "").replace("?\u201d.", "?\u201d")
        name = next((s for s in shorter if not _tells(bank, s, needles)), A_SOURCE)
        text = text.replace(form, name)
    return _SENTENCE_START.sub(lambda m: f"{m.group(1)}The source", text)


def reworded(reason: str, needles: Collection[str], bank: Bank,
             other_ways: Sequence[str] = (), seen: list[str] | None = None) -> str:
    """``reason``, or the first of its rewordings that names none of ``needles``: the
    sources named by less (:func:`renamed`), each of ``other_ways`` (the same reason in
    other words) likewise, then the reason without the quote it closes with; '' when
    every wording would tell. ``seen`` collects the texts found to name none of
    ``needles`` and those given to :func:`renamed` (see :func:`fair_question`)."""
    def clear(text: str) -> bool:
        if _tells(bank, text, needles):
            return False
        if seen is not None:
            seen.append(text)
        return True

    for way in [reason, *other_ways]:
        if seen is not None:
            seen.append(way)
        for text in (way, renamed(way, needles, bank)):
            if clear(text):
                return text
    for way in [reason, *other_ways]:
        text = renamed(way, needles, bank)
        cut = _CLOSING_QUOTE.sub("", text).rstrip()
        if cut != text and cut and not cut.endswith(("says", "say", "said")) and clear(cut):
            return cut + "."
    return ""


def _other_ways(question: Question, wrong: str, bank: Bank) -> list[str]:
    """Other wordings of a generated one-fact question's reason for the wrong answer
    ``wrong``: the source-gives form from each of its fact's quotes, naming ``wrong``,
    then not (when ``wrong`` is itself another question's answer)."""
    if len(question.fact_ids) != 1 or question.fact_ids[0] not in bank.by_id \
            or question.type not in ("mc", "cloze", "numeric") or not wrong:
        return []
    fact = bank.by_id[question.fact_ids[0]]
    return [source_gives(fact, text, short_name(ev.source, bank), ev.quote.strip())
            for text in (wrong, "") for ev in fact.evidence]


def _typed_text(question: Question, token: str, bank: Bank) -> str:
    """The typed answer whose :func:`typed_token` is ``token``, as the bank writes it."""
    key = token.removeprefix("t|")
    fact = bank.by_id.get(question.fact_ids[0]) if question.fact_ids else None
    if fact is not None:
        own, others = bank.pool(fact)
        found = next((t for t in [*own, *others] if answer_key(t) == key), None)
        if found is not None:
            return found
    return next((a for f in _answer_index(bank).get(key, []) for a in f.accepted
                 if answer_key(a) == key), "")


def fair_question(question: Question, needles: Collection[str], bank: Bank) -> Question:
    """``question`` with feedback that names none of ``needles`` (the answers of the other
    questions of its variant): its explanation's source names and its reasons reworded
    (:func:`reworded`), a reason no wording clears dropped."""
    if not needles:
        return question
    feedback = _test(bank, (question.explanation, *question.option_feedback,
                            *question.response_feedback.values()))
    if all(question.response_feedback.values()) and not any(feedback(n) for n in needles):
        return question  # nothing to reword (the common case, checked at once)
    # Kept per bank by the question's feedback and the needles it or a source's name
    # holds, and reused while no other needle is in a text the rewording looked at.
    named = _named(bank)
    relevant = frozenset(n for n in needles if feedback(n) or named(n))
    others = [n for n in needles if n not in relevant]
    key = (question.type, tuple(question.fact_ids), tuple(question.options),
           question.explanation, tuple(question.option_feedback),
           tuple(question.response_feedback.items()), relevant)

    def reword() -> tuple[list[str], dict[str, str], str, Callable[[str], bool]]:
        seen: list[str] = []
        return (*_fair_parts(question, relevant, bank, seen), _test(bank, tuple(seen)))
    held = kept(bank, "reasons-fair", key, reword)
    if any(held[3](n) for n in others):
        options, responses, explanation = _fair_parts(question, needles, bank, None)
    else:
        options, responses, explanation = list(held[0]), dict(held[1]), held[2]
    if (options, responses, explanation) == (question.option_feedback,
                                             question.response_feedback, question.explanation):
        return question
    return question.model_copy(update={"option_feedback": options,
                                       "response_feedback": responses,
                                       "explanation": explanation})


def _fair_parts(question: Question, needles: Collection[str], bank: Bank,
                seen: list[str] | None) -> tuple[list[str], dict[str, str], str]:
    """The option reasons, response reasons and explanation of :func:`fair_question`;
    ``seen`` as for :func:`reworded` (with the reasons found to name no needle and the
    explanation)."""
    options = []
    for i, why in enumerate(question.option_feedback):
        if why and _tells(bank, why, needles):
            wrong = question.options[i] if i < len(question.options) else ""
            why = reworded(why, needles, bank, _other_ways(question, wrong, bank), seen)
        elif why and seen is not None:
            seen.append(why)
        options.append(why)
    responses = {}
    for token, why in question.response_feedback.items():
        if _tells(bank, why, needles):
            wrong = _typed_text(question, token, bank) if token.startswith("t|") else ""
            why = reworded(why, needles, bank, _other_ways(question, wrong, bank), seen)
        elif seen is not None:
            seen.append(why)
        if why:
            responses[token] = why
    if seen is not None:
        seen.append(question.explanation)
    return options, responses, renamed(question.explanation, needles, bank)


def fair_feedback(questions: Sequence[Question], bank: Bank,
                  telling: Sequence[frozenset[str]] | None = None) -> list[Question]:
    """The questions of one variant, each with feedback that tells no other question's
    answer (:func:`fair_question`; the answers compared as the whole-quiz rules compare
    them, :attr:`~factquiz.assembly.Traits.telling`, which ``telling`` gives when known).
    Deterministic."""
    marks = list(telling) if telling is not None else [
        telling_needles(q, bank.by_id) for q in questions]
    return [fair_question(q, {n for j, t in enumerate(marks) if j != i for n in t}, bank)
            for i, q in enumerate(questions)]
