"""Item quality of generated variants, measured against the rules the generator enforces.

:func:`audit` checks one variant question by question and :func:`quality_over_seeds`
sums it over many seeds of every lesson; ``factquiz stats``, ``factquiz check`` and
``benchmarks/quiz_quality.py`` report these figures. The rules:

* ``answer-shown``: a question's answer is printed in another question of the variant;
* ``answer-told``: a question's answer is told in another question's feedback (its
  explanation, its citations' quotes or a reason a wrong response gets);
* ``duplicate-answer``: two questions of the variant have the same answer;
* ``same-cluster``: two questions rest on facts of one cluster;
* ``distractor-category``: a multiple-choice option, or the substitute in a false
  true/false statement, is outside the answer's category or form;
* ``later-lesson``: a question uses a fact of a lesson after the quiz's own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from .assembly import feedback_texts, padded_keys, traits
from .categories import FORM_KINDS, category_problem
from .factbank import Bank, scope_lessons
from .findings import Finding
from .generate import STATS_SEEDS, InvalidQuiz, make_quiz
from .load import Project
from .model import Fact, Question
from .normalize import answer_key
from .planner import UnsatisfiableQuiz
from .qtypes.truefalse import PREFIX as TF_PREFIX
from .qtypes.truefalse import false_statement
from .quizmodel import Quiz
from .sourceindex import SourceIndex

RULES = ("answer-shown", "answer-told", "duplicate-answer", "same-cluster",
         "distractor-category", "later-lesson")


@dataclass(frozen=True)
class Violation:
    """One broken rule in one question of a variant."""

    question: str
    rule: str
    detail: str


def _wrong_options(question: Question, fact: Fact, bank: Bank) -> list[str]:
    """The wrong answers a question shows for ``fact``: mc options, and the distractor a
    false true/false statement was built with (or the whole statement when it was built
    from none of the fact's candidates)."""
    if question.type == "mc":
        return [o for i, o in enumerate(question.options) if i != question.answer]
    if question.type == "tf" and question.answer == 1:
        said = question.prompt.removeprefix(TF_PREFIX)
        own, others = bank.pool(fact)
        candidates = [*own, *others, *fact.distractors]
        used = next((d for d in candidates if false_statement(fact, d) == said), None)
        return [used if used is not None else said]
    return []


def distractor_problem(bank: Bank, fact: Fact, option: str) -> str | None:
    """Why ``option``, shown as a wrong answer of ``fact``, breaks the category rule."""
    category = bank.category_of(fact)
    if category is not None or fact.kind in FORM_KINDS:
        return category_problem(category, fact, option)
    own = {answer_key(d) for d in fact.distractors}
    if answer_key(option) not in own:
        return "a fact without a category may only use its own distractors"
    return category_problem(None, fact, option)


def audit(project: Project, quiz: Quiz) -> list[Violation]:
    """Every rule a variant breaks, question by question (empty for a fair variant)."""
    bank = Bank.of(project, quiz.lesson)
    by_id = project.facts_by_id
    scope = scope_lessons(project, quiz.lesson)
    found: list[Violation] = []
    marks = [traits(q, by_id) for q in quiz.questions]
    told = [padded_keys(feedback_texts(q)) for q in quiz.questions]
    for i, (question, mine) in enumerate(zip(quiz.questions, marks, strict=True)):
        for fid in question.fact_ids:
            if fid in by_id and by_id[fid].lesson not in scope:
                found.append(Violation(question.id, "later-lesson",
                                       f"fact '{fid}' is of lesson '{by_id[fid].lesson}'"))
        for j, other in enumerate(marks):
            if j == i:
                continue
            shown = next((t for n, t in mine.answers.items() if n in other.shown), None)
            if shown is not None:
                found.append(Violation(question.id, "answer-shown",
                                       f"'{shown}' is printed in {other.qid}"))
            said = next((mine.answers[n] for n in sorted(mine.telling) if n in told[j]), None)
            if said is not None:
                found.append(Violation(question.id, "answer-told",
                                       f"'{said}' is told in the feedback of {other.qid}"))
            if j > i and not mine.answers.keys().isdisjoint(other.answers):
                found.append(Violation(question.id, "duplicate-answer",
                                       f"shares an answer with {other.qid}"))
            if j > i and not mine.clusters.keys().isdisjoint(other.clusters):
                found.append(Violation(question.id, "same-cluster",
                                       f"shares a cluster with {other.qid}"))
        fact = by_id.get(question.fact_ids[0]) if len(question.fact_ids) == 1 else None
        # Generated mc and tf questions are named after their fact and explain with its
        # statement; instructor questions (with their own wrong choices) are not.
        if question.type in ("mc", "tf") and fact is not None \
                and question.id.endswith(f"-{fact.id}") and question.explanation == fact.statement:
            for option in _wrong_options(question, fact, bank):
                why = distractor_problem(bank, fact, option)
                if why is not None:
                    found.append(Violation(question.id, "distractor-category",
                                           f"'{option}': {why}"))
    return found


@dataclass
class Quality:
    """Rule violations summed over many seeds of each lesson's quiz."""

    seeds: int = 0
    variants: int = 0
    questions: int = 0
    failing: int = 0  # questions breaking at least one rule
    unsatisfiable: int = 0  # variants the generator could not assemble
    per_rule: dict[str, int] = field(default_factory=lambda: dict.fromkeys(RULES, 0))
    per_lesson: dict[str, dict[str, float]] = field(default_factory=dict)

    @property
    def share(self) -> float:
        """Share of generated questions that fail any rule."""
        return self.failing / self.questions if self.questions else 0.0

    def to_dict(self) -> dict[str, object]:
        return {**self.__dict__, "share": self.share}


def quality_over_seeds(project: Project, seeds: int = STATS_SEEDS) -> Quality:
    """:func:`audit` over seeds ``0 .. seeds-1`` of every lesson's quiz."""

    result = Quality(seeds=seeds)
    for lesson in project.lessons:
        counts: Counter[str] = Counter()
        for seed in range(seeds):
            try:
                quiz = make_quiz(project, lesson, seed=seed)
            except UnsatisfiableQuiz:
                result.unsatisfiable += 1
                counts["unsatisfiable"] += 1
                continue
            broken = audit(project, quiz)
            result.variants += 1
            result.questions += len(quiz.questions)
            counts["questions"] += len(quiz.questions)
            bad = {v.question for v in broken}
            result.failing += len(bad)
            counts["failing"] += len(bad)
            for v in broken:
                result.per_rule[v.rule] += 1
        asked = counts["questions"]
        result.per_lesson[lesson] = {
            "questions": asked, "failing": counts["failing"],
            "unsatisfiable": counts["unsatisfiable"],
            "share": counts["failing"] / asked if asked else 0.0}
    return result


def check_quality(project: Project, index: SourceIndex | None = None) -> Iterator[Finding]:
    """Rule for ``verify.check``: every quiz file's quiz can be assembled for its default
    seed and seeds 0..N, and its variants break no item-quality rule; otherwise say which
    facts and why."""

    for lesson, loaded in project.quizzes.items():
        line, col = loaded.at("mix") if "mix" in loaded.node else loaded.at("lesson")
        seeds = [loaded.quiz.seed, *(s for s in range(STATS_SEEDS) if s != loaded.quiz.seed)]
        for seed in seeds:
            try:
                quiz = make_quiz(project, lesson, seed=seed)
            except (InvalidQuiz, KeyError):
                break  # the quiz file's own findings say why
            except UnsatisfiableQuiz as exc:
                yield Finding(loaded.path, line, col, "unsatisfiable-quiz", str(exc),
                              "lower the mix of that type, select more facts, or reword the "
                              "questions named so they do not print each other's answers",
                              lesson)
                break
            broken = audit(project, quiz)
            if broken:
                v = broken[0]
                yield Finding(loaded.path, line, col, "quiz-quality",
                              f"seed {seed}: {v.question} breaks '{v.rule}': {v.detail}",
                              "reword the facts named, or report it: the generator should "
                              "never produce it", lesson, severity="warning")
                break
