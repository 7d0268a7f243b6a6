"""True/false: the fact's statement, or the statement with a distractor in the answer's place.

The false form keeps the statement's wording and replaces each occurrence of the answer
(found as a whole phrase, case-insensitively) with one safe distractor of the answer's
category and form, matching the case of its first letter and the article before it, so
it reads naturally. A fact whose statement is a lesson sentence word for word yields no
true/false question (it would test the wording).

The explanation is never the prompt again: a true item's says which source says it, in
its words; a false item's says what was swapped. The wrong option's reason
(``option_feedback``) says the same from the other side (see :mod:`factquiz.qtypes.reasons`).
"""

from __future__ import annotations

import random
import re
from typing import TYPE_CHECKING, Any

from ...model import Fact, Grade, Question
from ...quotes import quoted
from ..base import (
    QType,
    answer_spans,
    choice_answer_text,
    choice_grade,
    choice_responses,
    distractors_for,
)
from ..reasons import evidence_of, instructor_choice_reasons, says
from ..sourced import memo
from .instructor import FORM

if TYPE_CHECKING:
    from ...factbank import Bank
    from ...quizmodel import InstructorQuestion

OPTIONS = ["True", "False"]
PREFIX = "True or false? "


def why_not(fact: Fact, bank: Bank) -> str | None:
    """Why ``fact`` cannot yield a true/false question (None when it can)."""
    if fact.contested_by:
        return (f"its claim is contested by {', '.join(fact.contested_by)}: a contested claim "
                "is never keyed true or false")
    if not answer_spans(fact.statement, [fact.answer]):
        return (f"the answer '{fact.answer}' is not written as a phrase in the statement, so "
                "no false form can be made: quote the answer in the statement as it is")
    if bank.distractor_count(fact) < 1:
        return (f"it has no safe distractor for the false form: add `distractors:` of kind "
                f"{fact.kind.value}")
    if bank.in_lesson_text(fact):
        return ("its statement is a sentence of the lesson word for word, so a true/false "
                "item would test the wording, not the fact: word the statement differently")
    return None


def _same_case(original: str, replacement: str) -> str:
    if original[:1].islower() and replacement[:1].isupper() and not replacement[1:2].isupper():
        return replacement[:1].lower() + replacement[1:]
    if original[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


_ARTICLE_BEFORE = re.compile(r"\b(a|an|A|An)(\s+)$")
_ARTICLE_START = re.compile(r"^(?:a|an|the)\s+", re.IGNORECASE)
#: Words starting with a vowel letter but a consonant sound, and the reverse.
_A_BEFORE_VOWEL = ("uni", "use", "usu", "eu", "one", "once")
_AN_BEFORE_CONSONANT = ("hour", "honest", "honour", "honor", "heir")


def indefinite_article(word: str) -> str:
    """"a" or "an" for ``word`` (by its first sound, with the common exceptions)."""
    lower = word.lower()
    if lower.startswith(_AN_BEFORE_CONSONANT):
        return "an"
    if lower.startswith(_A_BEFORE_VOWEL):
        return "a"
    return "an" if lower[:1] in "aeiou" else "a"


def _bare(original: str, distractor: str) -> str:
    """``distractor`` without its own article when the answer it replaces has none."""
    word = distractor.strip()
    if not _ARTICLE_START.match(original):
        word = _ARTICLE_START.sub("", word) or word
    return word


def placed(original: str, distractor: str) -> str:
    """``distractor`` as the false statement writes it in place of ``original`` (the
    answer as the statement has it): article and case made to fit."""
    return _same_case(original, _bare(original, distractor))


def false_statement(fact: Fact, distractor: str,
                    spans: list[tuple[int, int]] | None = None) -> str:
    """The fact's statement with ``distractor`` in place of the answer, kept grammatical:
    a distractor's own article is dropped when the answer has none, and an "a"/"an"
    before it is made to agree ("an nuclear" never happens)."""
    if spans is None:
        spans = answer_spans(fact.statement, [fact.answer])
    text, out, last = fact.statement, [], 0
    for start, end in spans:
        original = text[start:end]
        word = _bare(original, distractor)
        before = "".join(out) + text[last:start]
        found = _ARTICLE_BEFORE.search(before)
        if found:
            article = indefinite_article(word)
            if found.group(1)[0].isupper():
                article = article.capitalize()
            before = before[:found.start()] + article + found.group(2)
        out = [before, placed(original, distractor)]
        last = end
    return "".join(out) + text[last:]


def build(fact: Fact, bank: Bank, rng: random.Random, qid: str, true: bool) -> Question:
    """The true/false question on ``fact`` in its true or false form."""
    name, quote = evidence_of(fact, bank, claim=true)  # the claim, or where the answer is
    if true:
        statement, answer = fact.statement, 0
        explanation = says(fact, bank)
        reasons = ["", f"Nothing in it is swapped: it is what {name} says, {quoted(quote)}"]
    else:
        spans = memo(bank, "tf-spans", fact,
                     lambda: answer_spans(fact.statement, [fact.answer]))
        wrong = distractors_for(fact, bank, 1, rng)[0]
        statement, answer = false_statement(fact, wrong, spans), 1
        start, end = spans[0]
        original = fact.statement[start:end]
        said = _ARTICLE_START.sub(lambda m: m.group(0).lower(), original)  # mid-sentence
        swap = f"The statement puts {placed(original, wrong)} where {name} says {said}"
        explanation = f"{swap}. {fact.statement.strip()}"
        reasons = [f"{swap}: {quoted(quote)}", ""]
    return Question(id=qid, type="tf", prompt=f"{PREFIX}{statement}", options=list(OPTIONS),
                    answer=answer, explanation=explanation, option_feedback=reasons,
                    citations=bank.citations(fact), fact_ids=[fact.id])


def generate(fact: Fact, bank: Bank, rng: random.Random, qid: str,
             avoid: frozenset[str] = frozenset(),
             prefer: frozenset[str] = frozenset()) -> Question:
    """The true statement or a false one (even odds); ``answer`` 0 is True, 1 is False.

    A quiz balances its true/false questions (see ``generate.make_quiz``)."""
    return build(fact, bank, rng, qid, rng.random() < 0.5)


def grade(question: Question, response: object) -> Grade:
    """Correct when ``response`` is 0 for a true statement or 1 for a false one."""
    return choice_grade(question, response, what="options (0 for True, 1 for False)")


def from_instructor(iq: InstructorQuestion, common: dict[str, Any], rng: random.Random,
                    bank: Bank) -> Question:
    """A checked instructor question of this type as a :class:`Question`."""
    question = Question(**common, options=["True", "False"],
                        answer=0 if iq.answer is True else 1)
    return question.model_copy(
        update={"option_feedback": instructor_choice_reasons(question, bank)})


QTYPE = QType("tf", "true/false", generate, grade, why_not, choice_responses,
              choice_answer_text, frozenset({"answer"}), from_instructor,
              form=FORM)
