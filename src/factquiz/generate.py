"""Seeded quiz generation: a quiz definition plus a seed gives one variant, always the same.

``make_quiz(project, "raa", seed=7)`` returns the same questions, options and order
every time; another seed (or another student, hashed with SHA-256 by :func:`seed_for`)
shuffles which facts are asked, as which type, and the options. Only
``random.Random(seed)`` is used, never the global generator or Python's ``hash()``.

The work that does not depend on the seed (resolving the quiz file, which facts can
yield which type, each fact's safe distractors) is done once per loaded project and
cached, so a variant costs little more than building its questions.
"""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

from .assembly import Traits
from .errors import FactquizError
from .factbank import Bank, as_bank
from .findings import Finding
from .load import Project, current_project
from .model import Fact, Question, QuestionType
from .planner import QuizPlan, Search, UnsatisfiableQuiz, plan_traits
from .qtypes import REGISTRY
from .qtypes.reasons import fair_feedback
from .quizmodel import QUIZZES_DIR, InstructorQuestion, LoadedQuiz, Quiz, QuizFile, level_shortfalls
from .quizrules import instructor_findings, mix_findings
from .selection import generated_counts, instructor_question, planned_levels, select_facts, why_not
from .variants import find, find_at, remember, seed_for

#: Seeds a quiz is tried with by ``check`` and ``stats`` (beside its default seed), and
#: that a fitted quiz (``fit: true``) must assemble for.
STATS_SEEDS = 20


class UnknownQuiz(FactquizError):
    """No lesson, and so no quiz, has the id asked for."""


class InvalidQuiz(FactquizError):
    """The quiz file has errors; ``factquiz check`` lists them."""


def quiz_definition(project: Project, quiz_id: str) -> QuizFile:
    """The quiz file for ``quiz_id``, or the default quiz of that lesson when it has none."""
    loaded: LoadedQuiz | None = project.quizzes.get(quiz_id)
    if loaded is not None:
        return loaded.quiz
    if quiz_id not in project.lessons:
        known = ", ".join(sorted(project.lessons)) or "none (lessons.yml defines no lessons)"
        raise UnknownQuiz(f"no quiz '{quiz_id}': a quiz's id is a lesson id; lessons: {known}")
    path = project.root / QUIZZES_DIR / f"{quiz_id}.yml"
    if path.exists():
        raise InvalidQuiz(f"{project.shown(path)} has errors; run `factquiz check` to see them")
    return QuizFile(title=project.lessons[quiz_id].title, lesson=quiz_id)


def plan_quiz(project: Project, quiz_id: str) -> QuizPlan:
    """The seed-independent part of a quiz (cached per loaded project)."""
    cache = _plans_of(project)
    if quiz_id in cache:
        return cache[quiz_id]
    definition = quiz_definition(project, quiz_id)
    loaded = project.quizzes.get(quiz_id)
    if loaded is not None:
        problems = [f for f in [*mix_findings(loaded), *instructor_findings(project, loaded)]
                    if f.severity == "error"]
        if problems:
            raise InvalidQuiz(f"{_first(problems)} (run `factquiz check` for all problems)")
    bank = Bank.of(project, definition.lesson)
    pool = select_facts(project, definition)
    capable = {t: frozenset(f.id for f in pool if why_not(t, f, bank) is None)
               for t in REGISTRY}
    counts = generated_counts(definition, {t: len(ids) for t, ids in capable.items()})
    plan = QuizPlan(quiz_id, definition, bank, pool, counts, capable,
                    _type_order(counts, capable), list(definition.instructor_questions))
    if definition.fit and pool:
        plan = _fitted(plan, [definition.seed, *range(STATS_SEEDS)])
    cache[quiz_id] = plan
    return plan


def _type_order(counts: dict[str, int], capable: dict[str, frozenset[str]]) -> list[str]:
    """The types asked, those fewest facts can yield first."""
    return sorted((t for t in REGISTRY if counts[t]),
                  key=lambda t: (len(capable[t]), list(REGISTRY).index(t)))


def _fitted(plan: QuizPlan, seeds: list[int]) -> QuizPlan:
    """``plan`` with its counts lowered until whole-quiz assembly fills them for every
    seed of ``seeds`` (for ``fit: true``). Each failure takes one question off: off a
    many-fact type (ordering, matching) while one is asked, as it uses up several facts;
    else off the type asked most, among equals the one most facts can yield (so the
    scarce types stay), then the one latest in the mix (so multiple choice stays longest);
    never a type the quiz's level mix (``levels:``) needs. The result is the same on every
    run."""
    counts = dict(plan.counts)
    while True:
        plan = replace(plan, counts=counts, type_order=_type_order(counts, plan.capable))
        try:
            for seed in seeds:
                _assemble(plan, seed)
            return plan
        except UnsatisfiableQuiz:
            # Never below the quiz's level mix: a type it needs is not lowered.
            open_types = [t for t in plan.type_order if not level_shortfalls(
                plan.definition.levels,
                planned_levels(plan.definition, {**counts, t: counts[t] - 1}))]
            many = [t for t in open_types if REGISTRY[t].facts_needed > 1]
            if not open_types or (len(plan.type_order) == 1 and counts[open_types[0]] == 1):
                raise  # not even one question, or the level mix: say why
            lower = many[-1] if many else min(
                open_types, key=lambda t: (-counts[t], -len(plan.capable[t]),
                                           -list(REGISTRY).index(t)))
            counts = {**counts, lower: counts[lower] - 1}


def _first(findings: list[Finding]) -> str:
    f = sorted(findings)[0]
    return f"{f.path}:{f.line}:{f.col}: {f.message}"


def _instructor_traits(plan: QuizPlan) -> list[Traits]:
    """The whole-quiz traits of the instructor questions (they do not depend on the seed)."""
    cached: list[Traits] | None = plan.bank.cache.get(("instructor-traits", plan.quiz_id))
    if cached is None:
        cached = [plan_traits(instructor_question(iq, f"{plan.quiz_id}-{iq.id or n}",
                                                  random.Random(0), plan.bank), plan)
                  for n, iq in enumerate(plan.instructor, start=1)]
        plan.bank.cache[("instructor-traits", plan.quiz_id)] = cached
    return cached


def make_quiz(project: Project, quiz_id: str, seed: int | None = None,
              student: str | None = None) -> Quiz:
    """One variant of the quiz ``quiz_id`` (a lesson id) for ``seed`` or ``student``.

    The variant is chosen as a set: no question gives away another's answer, no two
    share an answer, and at most one fact of each cluster is asked (see
    :mod:`factquiz.assembly`). Without a seed or student, the quiz file's default seed
    is used. Giving both is an error. Raises :class:`UnknownQuiz` for an unknown id,
    :class:`InvalidQuiz` for a quiz file with errors and :class:`UnsatisfiableQuiz`
    when no fair set exists (``factquiz check`` reports such quizzes). A variant is
    generated once per content of the project's files and reused (see
    :mod:`factquiz.variants`: across calls, processes and the book build).
    """
    if seed is not None and student is not None:
        raise FactquizError("give a seed or a student id, not both")
    if student is not None:
        seed = seed_for(student)
    digest = project.derived.get("content-digest")
    if digest is None:
        return _make_quiz(project, quiz_id, seed)
    found = find(project.root, quiz_id, seed, digest)
    if found is not None:
        return found
    quiz = _make_quiz(project, quiz_id, seed)
    remember(project.root, quiz_id, seed, digest, quiz)
    return quiz


def make_quiz_at(root: Path, quiz_id: str, seed: int | None = None,
                 student: str | None = None) -> Quiz:
    """:func:`make_quiz` for the project at ``root``, which is loaded only when the
    variant is neither kept in this process nor in the cache for the project's current
    files (see :mod:`factquiz.variants`)."""
    if seed is not None and student is not None:
        raise FactquizError("give a seed or a student id, not both")
    if student is not None:
        seed = seed_for(student)
    found = find_at(root, quiz_id, seed)
    if found is not None:
        return found
    return make_quiz(current_project(root), quiz_id, seed=seed)


def _make_quiz(project: Project, quiz_id: str, seed: int | None) -> Quiz:
    """The variant of ``quiz_id`` for ``seed`` (None: the quiz file's default)."""
    plan = plan_quiz(project, quiz_id)
    if seed is None:
        seed = plan.definition.seed
    try:
        chosen, rng, telling = _assemble(plan, seed)
    except UnsatisfiableQuiz:
        if not plan.definition.fit:
            raise
        # A fitted quiz fits every seed check tries; another seed may need fewer questions.
        chosen, rng, telling = _assemble(_fitted(plan, [seed]), seed)
    # Each question with the answers its feedback must not tell (from the planner's traits).
    slots: list[tuple[str, str, Question | InstructorQuestion, frozenset[str]]] = [
        (*c, t) for c, t in zip(chosen, telling, strict=True)]
    slots.extend((iq.type, iq.id or f"q{n}", iq, t.telling) for n, (iq, t)
                 in enumerate(zip(plan.instructor, _instructor_traits(plan), strict=True), 1))
    rng.shuffle(slots)
    questions = []
    for n, (qtype, name, source, _) in enumerate(slots, start=1):
        qid = f"{quiz_id}-{n}-{qtype}-{name}"
        if isinstance(source, InstructorQuestion):
            questions.append(instructor_question(source, qid, rng, plan.bank))
        else:
            questions.append(source.model_copy(update={"id": qid}))
    # No feedback tells another question's answer.
    questions = fair_feedback(questions, plan.bank, [slot[3] for slot in slots])
    definition = plan.definition
    return Quiz(id=quiz_id, title=definition.title, lesson=definition.lesson, seed=seed,
                questions=questions)


def _assemble(plan: QuizPlan, seed: int,
              ) -> tuple[list[tuple[str, str, Question]], random.Random, list[frozenset[str]]]:
    """The generated questions of one variant (see :class:`Search`), the variant's
    random generator, to shuffle them with the instructor questions, and the answers each
    question's feedback must not tell (:attr:`~factquiz.assembly.Traits.telling`)."""
    rng = random.Random(seed)
    order = rng.sample(plan.pool, len(plan.pool))
    prefer = plan.prefer

    def build(qtype: str, fact: Fact, fact_rng: random.Random,
              avoid: frozenset[str]) -> Question:
        return REGISTRY[qtype].generate(fact, plan.bank, fact_rng, f"{qtype}-{fact.id}", avoid,
                                        prefer)

    # A lesson with no facts yet (a new lesson) has nothing to ask: an empty quiz.
    if not plan.pool:
        return [], rng, []
    search = Search(plan, seed, order, _instructor_traits(plan), build)
    chosen = search.run()
    return chosen, rng, [c[3].telling for c in search.state.chosen]


def generate_question(bank: Bank | Project | list[Fact], fact: Fact, qtype: QuestionType,
                      rng: random.Random, qid: str | None = None) -> Question:
    """One question of type ``qtype`` from ``fact`` (``ValueError`` if it cannot yield it)."""
    bank = as_bank(bank)
    why = REGISTRY[qtype].why_not(fact, bank)
    if why is not None:
        raise ValueError(f"fact '{fact.id}' cannot yield a {qtype} question: {why}")
    return REGISTRY[qtype].generate(fact, bank, rng, qid or f"{fact.lesson}-{qtype}-{fact.id}")


def _plans_of(project: Project) -> dict[str, QuizPlan]:
    plans: dict[str, QuizPlan] = project.derived.setdefault("quiz-plans", {})
    return plans
