"""Fill in the blank (cloze): the statement with the answer blanked out.

Every occurrence of the answer or an alias in the statement becomes ``_____``. A typed
answer is accepted when it matches the answer or an alias under the rule in
:mod:`factquiz.answers`: case, spacing and punctuation are ignored; names (every kind
except year, number and date) forgive one typo in answers of 5 or more characters, unless
the typo is another answer or word of the bank (listed in the question's ``rejected``);
years, numbers and dates must match exactly. A wrong answer the bank knows (a distractor,
another fact's answer) is told what it is (``response_feedback``, see
:mod:`factquiz.qtypes.reasons`).
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ...answers import (
    FUZZY_MAX_EDITS,
    MAX_RESPONSE_CHARS,
    MESSAGES,
    accepts,
    match_for,
    near_misses,
    wrong_with,
)
from ...model import Fact, Grade, Kind, Question
from ...normalize import answer_key
from ..base import (
    BLANK,
    MALFORMED,
    Draft,
    QType,
    Responses,
    answer_spans,
    replace_spans,
    text_response,
    with_expected,
)
from ..reasons import typed_reasons, typed_token
from ..sourced import memo
from .instructor import FORM

if TYPE_CHECKING:
    from ...factbank import Bank
    from ...quizmodel import InstructorQuestion

PREFIX = "Fill in the blank: "


#: Words before a blanked count that say a number goes there ("about _____ troops").
NUMBER_CUES = frozenset({"about", "some", "around", "nearly", "almost", "over", "than",
                         "of", "to", "by", "in", "since", "until", "from", "for", "least",
                         "most", "only", "exactly", "roughly", "approximately"})


#: Words after a blanked count that say a number goes there ("_____ years after").
NUMBER_UNITS = ("year", "month", "day", "week", "per", "percent", "million", "billion",
                "thousand", "times")


def why_not(fact: Fact, bank: Bank) -> str | None:
    """Why ``fact`` cannot yield a cloze question (None when it can).

    The blank must be cued: a common-noun answer may not open the sentence ("_____ are
    one of the features..." has several right answers), and a blanked count must follow
    or precede a word that asks for a number ("about _____", "_____ years"; "Japan
    dispatched _____ aircraft" is as well filled by "C-130" as by "2")."""
    spans = answer_spans(fact.statement, [fact.answer])
    if not spans:
        return (f"the answer '{fact.answer}' is not written as a phrase in the statement, so "
                "it cannot be blanked: quote the answer in the statement as it is")
    before = fact.statement[:spans[0][0]].split()
    after = fact.statement[spans[0][1]:].lstrip("- ").split()
    if not before and fact.kind is Kind.concept:
        return ("the statement opens with the answer, so nothing tells what kind of answer "
                "the blank wants: put the answer after words that cue it")
    unit = bool(after) and after[0].lower().strip(",;:.").startswith(NUMBER_UNITS)
    if fact.kind is Kind.number and not unit and (
            not before or before[-1].lower().strip(",;:") not in NUMBER_CUES):
        return ("nothing around the blanked number asks for a number (other words would "
                "fit): word the statement as 'about N', 'N years'...")
    return None


def _known_answers(fact: Fact, bank: Bank) -> tuple[str, ...]:
    """Other answers a student could mean: the fact's distractors, its category's members
    and the answers of other facts of its kind (kept per bank)."""
    def compute() -> tuple[str, ...]:
        category = bank.category_of(fact)
        return (*fact.distractors, *(category.members if category else []),
                *(f.answer for f in bank.by_kind.get(fact.kind, [])
                  if f.id != fact.id and f.cluster_key != fact.cluster_key))
    return memo(bank, "cloze-known-answers", fact, compute)


def cloze_text(fact: Fact) -> str:
    """The statement with the answer and its aliases blanked."""
    return replace_spans(fact.statement, answer_spans(fact.statement, fact.accepted),
                         lambda _orig: BLANK)


_WORD = re.compile(r"\w+")


def vocabulary(bank: Bank) -> dict[int, list[str]]:
    """Every answer, alias, distractor and label of the bank, and each word of those and
    of the statements and questions (what a typo must not turn out to be), as keys by
    length."""
    if "cloze-vocabulary" not in bank.cache:
        phrases = {p for f in bank.facts for p in (*f.accepted, *f.distractors, f.label or "")}
        texts = {*phrases, *(t for f in bank.facts for t in (f.statement, f.question))}
        keys = {answer_key(p) for p in phrases} | {
            answer_key(w) for t in texts for w in _WORD.findall(t)}
        by_length: dict[int, list[str]] = {}
        for key in sorted(keys - {""}):
            by_length.setdefault(len(key), []).append(key)
        bank.cache["cloze-vocabulary"] = by_length
    return bank.cache["cloze-vocabulary"]


def rejected_for(accepted: list[str], match: str, bank: Bank,
                 also: Sequence[str] = ()) -> list[str]:
    """The keys of the bank's answers and words, and of ``also`` (other answers a student
    could mean), that the typo rule would take for one of ``accepted`` (none for an exact
    match): the question's ``rejected``."""
    if match != "fuzzy":
        return []
    key = ("cloze-rejected", tuple(accepted), tuple(also))
    if key not in bank.cache:
        words = vocabulary(bank)
        lengths = {n + d for a in accepted for n in [len(answer_key(a))]
                   for d in range(-FUZZY_MAX_EDITS, FUZZY_MAX_EDITS + 1)}
        candidates = [w for n in sorted(lengths) for w in words.get(n, [])]
        bank.cache[key] = near_misses(accepted, [*candidates, *map(answer_key, also)])
    return list(bank.cache[key])


def _prompt(fact: Fact, bank: Bank) -> str:
    return PREFIX + memo(bank, "cloze-text", fact, lambda: cloze_text(fact))


def draft(fact: Fact, bank: Bank, rng: random.Random, avoid: frozenset[str] = frozenset(),
          prefer: frozenset[str] = frozenset()) -> Draft:
    """:func:`generate` draws nothing: one question per fact (see ``QType.draft``)."""
    return Draft((), [_prompt(fact, bank)])


def generate(fact: Fact, bank: Bank, rng: random.Random, qid: str,
             avoid: frozenset[str] = frozenset(),
             prefer: frozenset[str] = frozenset()) -> Question:
    """The blanked statement; ``accepted`` lists the answer and its aliases."""
    rejected = rejected_for(fact.accepted, match_for(fact.kind), bank,
                            also=_known_answers(fact, bank))
    return Question(id=qid, type="cloze", prompt=_prompt(fact, bank),
                    accepted=[a.strip() for a in fact.accepted], match=match_for(fact.kind),
                    rejected=rejected, explanation=fact.statement,
                    response_feedback=typed_reasons(fact, bank, rejected),
                    citations=bank.citations(fact), fact_ids=[fact.id])


def grade(question: Question, response: object) -> Grade:
    """Correct when the typed text matches an accepted answer (see the module docstring)."""
    expected = answer_text(question)
    text = text_response(response)
    if not isinstance(text, str):
        return with_expected(text, expected)
    if accepts(question.accepted, question.match, text, question.rejected):
        return Grade(correct=True, message=MESSAGES["correct"], expected=expected)
    why = question.response_feedback.get(typed_token(text), "")
    if why:
        message, detail = wrong_with(why)
        return Grade(correct=False, message=message, expected=expected, detail=detail)
    return Grade(correct=False, message=MESSAGES["wrong"], expected=expected)


def answer_text(question: Question) -> str:
    """The expected answer: the first accepted answer (the others are its other forms)."""
    return question.accepted[0] if question.accepted else ""


def responses(question: Question) -> Responses:
    """Self-test: every accepted answer is right; the rejected ones are wrong."""
    return Responses(right=list(question.accepted),
                     wrong=[*question.rejected[:5], "zq"],
                     malformed=[*MALFORMED, "", "   ", "x" * (MAX_RESPONSE_CHARS + 1), 3])


def from_instructor(iq: InstructorQuestion, common: dict[str, Any], rng: random.Random,
                    bank: Bank) -> Question:
    """A checked instructor question of this type as a :class:`Question`."""
    accepted = [a.strip() for a in iq.accepted]
    return Question(**common, accepted=accepted, match=iq.match,
                    rejected=rejected_for(accepted, iq.match, bank))


QTYPE = QType("cloze", "fill in the blank", generate, grade, why_not, responses, answer_text,
              frozenset({"accepted", "match"}), from_instructor,
              form=FORM, draft=draft)
