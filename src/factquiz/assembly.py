"""Whole-quiz rules: the questions of one variant must not answer each other.

A variant is fair only as a set. Two questions *conflict* when

* they rest on facts of one cluster (facts that teach the same thing; a fact without a
  ``cluster`` is a cluster of its own),
* they share an answer (the fact's answer or an alias, or an instructor question's
  answer; compared with :func:`~factquiz.normalize.answer_key`), or
* one's answer is printed in the other's text: its stem (a true/false statement
  included), its items (ordering and matching labels, a short answer's key points), its
  matching options or a short answer's model answer (shown once the student has written),
* or one's answer is *told* in the other's feedback: its explanation or its citations'
  quotes (students get feedback question by question and answer in any order). The
  reasons a wrong answer gets (``option_feedback``, ``response_feedback``) are not part of
  this rule: they are many wordings per question, so once a variant is chosen the ones
  naming another question's answer are reworded or dropped
  (:func:`factquiz.qtypes.reasons.fair_feedback`).

:func:`traits` reduces a question to what these rules look at, once, so that
:func:`conflict` is a few set and substring tests; the generator
(:mod:`factquiz.generate`) searches for a set of questions with no conflict, and
:mod:`factquiz.quality` measures variants against the same rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .model import Fact, Question
from .normalize import answer_key

#: Question types built on one fact, whose fact's answer (and aliases) is what they test.
SINGLE_FACT_TYPES = frozenset({"mc", "tf", "cloze", "numeric"})
#: Types whose options are answers of the bank (the key and its distractors): another
#: question's answer among them gives nothing away. Every other type's options (matching's
#: answers, statements, passages...) are read as part of the question.
ANSWER_OPTIONS = frozenset({"mc", "tf", "ordering"})
#: Choice types whose key option is no answer of its own ("True"/"False").
ANSWER_FREE_CHOICES = frozenset({"tf"})
#: Types whose answer is a pairing of texts printed in the question itself: feedback
#: naming one of them tells nothing (their answers count for the other rules).
UNTOLD_TYPES = frozenset({"matching"})


@dataclass(frozen=True)
class Traits:
    """What the whole-quiz rules look at in one question."""

    qid: str
    facts: frozenset[str]
    clusters: dict[str, str]  # cluster -> the fact of this question in it
    answers: dict[str, str]  # " answer key " (padded with spaces) -> the answer as written
    shown: str  # answer keys of the texts a student reads, padded, one per line
    told: str = ""  # answer keys of its explanation and citation quotes, padded, one per line
    #: The needles of ``answers`` that feedback must not tell (see :data:`UNTOLD_TYPES`).
    telling: frozenset[str] = frozenset()


def question_answers(question: Question, facts: Iterable[Fact] = ()) -> list[str]:
    """The answers a question tests: its key's texts, and its facts' answers and aliases."""
    found: list[str] = []
    if (question.type not in ANSWER_FREE_CHOICES and isinstance(question.answer, int)
            and not isinstance(question.answer, bool)
            and 0 <= question.answer < len(question.options)):
        found.append(question.options[question.answer])  # a choice question's key
    elif question.type == "cloze":
        found.extend(question.accepted)
    elif question.type == "numeric" and question.answer is not None:
        found.append(str(question.answer))
    elif question.type == "matching":
        found.extend(question.options)
    if question.type in SINGLE_FACT_TYPES or question.type == "matching":
        for fact in facts:
            found.extend(fact.accepted)
    return found


def shown_texts(question: Question) -> list[str]:
    """The texts a student reads before answering, where another answer must not appear."""
    texts = [question.prompt, *question.items]
    if question.type not in ANSWER_OPTIONS:
        texts.extend(question.options)
    if question.type == "short":  # its model answer is read before the other questions
        texts.append(str(question.answer))
    return texts


def told_texts(question: Question, unnamed: Iterable[str] = ()) -> list[str]:
    """The feedback every student gets once the question is answered, right or wrong (its
    explanation and its citations' quotes), where another answer must not appear; each
    text of ``unnamed`` (ways of naming a source, which the generator rewords once a
    variant is chosen, see :func:`factquiz.qtypes.reasons.fair_feedback`) left out of the
    explanation."""
    explanation = question.explanation
    for text in unnamed:
        if text in explanation:
            explanation = explanation.replace(text, "\n")
    return [*explanation.split("\n"), *(c.quote for c in question.citations)]


def feedback_texts(question: Question) -> list[str]:
    """Everything a question's feedback may show: :func:`told_texts` and the reasons its
    wrong responses get (``option_feedback``, ``response_feedback``)."""
    return [*told_texts(question), *question.option_feedback,
            *question.response_feedback.values()]


def padded_keys(texts: Iterable[str]) -> str:
    """The answer keys of ``texts``, each padded with spaces, one per line (a padded
    answer key, which holds no newline, is found in it only as a whole phrase of one text)."""
    return "\n".join(f" {answer_key(t)} " for t in texts)


def answer_needles(question: Question, mine: Iterable[Fact]) -> dict[str, str]:
    """The answers of :func:`question_answers` by their padded answer keys."""
    answers: dict[str, str] = {}
    for text in question_answers(question, mine):
        key = answer_key(text)
        if key:
            answers.setdefault(f" {key} ", text.strip())
    return answers


def telling_needles(question: Question, facts: dict[str, Fact]) -> frozenset[str]:
    """:attr:`Traits.telling` of ``question`` alone (cheaper than :func:`traits`)."""
    if question.type in UNTOLD_TYPES:
        return frozenset()
    return frozenset(answer_needles(question, [facts[f] for f in question.fact_ids if f in facts]))


def traits(question: Question, facts: dict[str, Fact], unnamed: Iterable[str] = ()) -> Traits:
    """The :class:`Traits` of ``question``; ``facts`` maps fact ids to facts; ``unnamed``
    as for :func:`told_texts` (longest first)."""
    mine = [facts[fid] for fid in question.fact_ids if fid in facts]
    clusters = {f.cluster_key: f.id for f in mine}
    for fid in question.fact_ids:
        clusters.setdefault(facts[fid].cluster_key if fid in facts else fid, fid)
    answers = answer_needles(question, mine)
    telling = frozenset() if question.type in UNTOLD_TYPES else frozenset(answers)
    return Traits(question.id, frozenset(question.fact_ids), clusters, answers,
                  padded_keys(shown_texts(question)),
                  padded_keys(told_texts(question, unnamed)), telling)


def _printed(a: Traits, b: Traits) -> str | None:
    """An answer of ``a`` printed in ``b``'s texts, if any (keys never hold a newline, so
    a padded key cannot span two texts)."""
    return next((text for needle, text in a.answers.items() if needle in b.shown), None)


def told(a: Traits, b: Traits) -> str | None:
    """An answer of ``a`` told in ``b``'s feedback (explanation, citation quotes), if any."""
    return next((a.answers[needle] for needle in a.telling if needle in b.told), None)


def clash(a: Traits, b: Traits) -> bool:
    """Whether ``a`` and ``b`` conflict: :func:`conflict` without the message (fast)."""
    return (not a.clusters.keys().isdisjoint(b.clusters)
            or not a.answers.keys().isdisjoint(b.answers)
            or any(needle in b.shown for needle in a.answers)
            or any(needle in a.shown for needle in b.answers)
            or any(needle in b.told for needle in a.telling)
            or any(needle in a.told for needle in b.telling))


def conflict(a: Traits, b: Traits) -> str | None:
    """Why questions ``a`` and ``b`` may not stand in one variant (None when they may)."""
    shared = a.clusters.keys() & b.clusters.keys()
    if shared:
        cluster = min(shared)
        fa, fb = a.clusters[cluster], b.clusters[cluster]
        if fa == fb:
            return f"both rest on fact '{fa}'"
        return f"facts '{fa}' and '{fb}' teach the same thing (cluster '{cluster}')"
    same = a.answers.keys() & b.answers.keys()
    if same:
        return f"both have the answer '{a.answers[min(same)]}'"
    for first, second in ((a, b), (b, a)):
        text = _printed(first, second)
        if text is not None:
            return (f"the answer '{text}' of {_about(first)} is printed in the question "
                    f"{_about(second)}")
    for first, second in ((a, b), (b, a)):
        text = told(first, second)
        if text is not None:
            return (f"the answer '{text}' of {_about(first)} is told in the feedback "
                    f"(explanation or quotes) of the question {_about(second)}")
    return None


def _about(t: Traits) -> str:
    return "on " + ", ".join(f"'{f}'" for f in sorted(t.facts)) if t.facts else f"'{t.qid}'"


def conflicts(questions: list[Traits]) -> list[tuple[int, int, str]]:
    """Every conflicting pair ``(i, j, why)`` among ``questions`` (i < j)."""
    found = []
    for i, a in enumerate(questions):
        for j in range(i + 1, len(questions)):
            why = conflict(a, questions[j])
            if why is not None:
                found.append((i, j, why))
    return found
