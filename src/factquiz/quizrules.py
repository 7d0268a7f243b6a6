"""The check rules of quiz definition files (quizzes/<lesson>.yml).

The models are in :mod:`factquiz.quizmodel`, loading in :mod:`factquiz.load`, selection
in :mod:`factquiz.selection`. Loading reports problems as located findings;
:func:`check_quizzes` (one of
``verify.RULES``) reports what only the whole project can tell: unknown fact ids,
a missing or duplicated correct choice, an answer that contradicts its facts, a mix
the facts cannot fill, facts with too few safe distractors.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sized
from itertools import pairwise
from typing import Literal

from rapidfuzz import process
from ruamel.yaml.comments import CommentedMap

from .answers import accepts, match_for, unsafe_reason
from .factbank import Bank, scope_lessons
from .findings import Finding, fact_warning
from .load import Project
from .model import Fact, Level
from .normalize import answer_key, plain_number
from .qtypes import REGISTRY
from .qtypes.base import BLANK
from .qtypes.evidence.written import option_problems
from .qtypes.ordering import interval
from .qtypes.short import MAX_KEY_POINTS, MIN_KEY_POINTS
from .quizmodel import (
    MIN_OPTIONS,
    QUIZZES_DIR,
    InstructorQuestion,
    LoadedQuiz,
    describe_shortfall,
    level_shortfalls,
)
from .selection import allocate, generated_counts, planned_levels, select_facts
from .sourceindex import SourceIndex

# --- instructor questions -> Question -------------------------------------------------------





# --- check rules -------------------------------------------------------------------------------

COMMON_FIELDS = {"id", "type", "prompt", "explanation", "facts", "level"}
_TF_PREFIX = re.compile(r"^\s*true\s+or\s+false\s*[?:.]?\s*", re.IGNORECASE)


class _Reporter:
    """Builds findings located in one quiz file."""

    def __init__(self, loaded: LoadedQuiz) -> None:
        self.loaded = loaded

    def __call__(self, loc: tuple[str | int, ...], code: str, message: str, hint: str,
                 severity: Literal["error", "warning"] = "error", suggestion: str = "") -> Finding:
        line, col = self.loaded.at(*loc)
        # A quiz file's suggestions are "did you mean ...?" sentences: no label.
        return Finding(self.loaded.path, line, col, code, message, hint, self.loaded.id,
                       severity=severity, suggestion=suggestion, suggestion_label="")


def _closest(word: str, choices: list[str]) -> str:
    best = process.extractOne(word, choices, score_cutoff=60) if choices else None
    return f"did you mean '{best[0]}'?" if best else ""


def instructor_findings(project: Project, loaded: LoadedQuiz) -> Iterator[Finding]:
    """Problems in a quiz file's instructor questions."""
    report = _Reporter(loaded)
    by_id = project.facts_by_id
    seen_ids: dict[str, int] = {}
    for i, iq in enumerate(loaded.quiz.instructor_questions):
        base: tuple[str | int, ...] = ("instructor_questions", i)
        name = iq.id or f"q{i + 1}"
        if name in seen_ids:
            yield report((*base, "id"), "duplicate-id",
                         f"instructor question id '{name}' is already used by question "
                         f"{seen_ids[name] + 1}", "give each instructor question a unique id")
        seen_ids.setdefault(name, i)
        if iq.type not in REGISTRY:
            yield report((*base, "type"), "unknown-type", f"`{iq.type}` is not a question type",
                         "use one of: " + ", ".join(REGISTRY),
                         suggestion=_closest(iq.type, list(REGISTRY)))
            continue
        node = loaded.node["instructor_questions"][i]
        given = set(node) if isinstance(node, CommentedMap) else set()
        for key in sorted(given - COMMON_FIELDS - REGISTRY[iq.type].instructor_fields):
            yield report((*base, key), "unused-field",
                         f"`{key}` is not used by a {iq.type} question",
                         f"remove it; a {iq.type} question uses "
                         + ", ".join(f"`{f}`" for f in sorted(REGISTRY[iq.type].instructor_fields)))
        if not iq.prompt.strip():
            yield report((*base, "prompt"), "empty-prompt", "the prompt is blank",
                         "write the question the student should answer")
        if not iq.explanation.strip():
            yield report((*base, "explanation"), "empty-explanation", "the explanation is blank",
                         "say why the answer is right, in words the facts support")
        facts: list[Fact] = []
        scope = scope_lessons(project, loaded.quiz.lesson)
        for j, fid in enumerate(iq.facts):
            if fid in by_id and by_id[fid].lesson not in scope:
                yield report((*base, "facts", j), "later-lesson",
                             f"fact '{fid}' belongs to lesson '{by_id[fid].lesson}', which "
                             f"comes after '{loaded.quiz.lesson}'",
                             "rest the question on facts of this lesson or earlier ones")
            if fid in by_id:
                facts.append(by_id[fid])
            else:
                yield report((*base, "facts", j), "unknown-fact", f"unknown fact id '{fid}'",
                             "name a fact from facts/*.yml (`factquiz stats` lists them)",
                             suggestion=_closest(fid, list(by_id)))
        yield from _shape_findings(iq, base, report)
        yield from _level_findings(iq, base, report)
        if iq.type == "evidence" and facts and iq.choices and isinstance(iq.answer, str):
            for problem in option_problems(iq.choices, iq.answer, facts, Bank.of(project)):
                yield report((*base, "choices", problem.index), problem.code, problem.message,
                             problem.hint)
        yield from _contradictions(iq, base, report, facts)


def _level_findings(iq: InstructorQuestion, base: tuple[str | int, ...],
                    report: _Reporter) -> Iterator[Finding]:
    """An instructor question may ask more of students than its type does, never less
    (a short answer's own rule, ``short-level``, says what it asks)."""
    own = REGISTRY[iq.type].level
    if iq.level is None or iq.level.rank >= own.rank or iq.type == "short":
        return
    above = ", ".join(level.value for level in Level if level.rank > own.rank)
    yield report((*base, "level"), "level-below-type",
                 f"`level: {iq.level.value}` is below the level of a {REGISTRY[iq.type].title} "
                 f"question, which asks students to {own.value}",
                 f"leave `level:` out ({own.value}) or set it to {own.value}"
                 + (f" or a level above it ({above})" if above else ""))


def _shape_findings(iq: InstructorQuestion, base: tuple[str | int, ...],
                    report: _Reporter) -> Iterator[Finding]:
    """Each type has what it needs: options, one correct choice, a blank, a number..."""
    minimum = MIN_OPTIONS.get(iq.type, MIN_OPTIONS["mc"] if _is_choice(iq) else 0)
    if _is_choice(iq):
        yield from _too_few(report, base, "choices", iq.choices, minimum,
                            "a multiple-choice question" if iq.type == "mc"
                            else f"a {REGISTRY[iq.type].title} question",
                            "add plausible wrong choices")
        if iq.answer is None or isinstance(iq.answer, bool):
            yield report((*base, "answer"), "missing-correct-choice",
                         "no correct choice: `answer` must be the text of one choice",
                         "set `answer:` to the correct choice, copied from `choices`")
            return
        keys = [answer_key(c) for c in iq.choices]
        hits = [j for j, k in enumerate(keys) if k == answer_key(str(iq.answer))]
        if not hits:
            yield report((*base, "answer"), "missing-correct-choice",
                         f"the answer '{iq.answer}' is not one of the choices",
                         "copy the correct choice exactly into `answer`, or add it to `choices`")
        for j in hits[1:]:
            yield report((*base, "choices", j), "duplicate-correct-choice",
                         f"the correct choice '{iq.answer}' appears more than once",
                         "keep exactly one copy of the correct choice")
        for j in _repeated(keys):
            if j not in hits:
                yield report((*base, "choices", j), "duplicate-option",
                             f"the choice '{iq.choices[j]}' appears more than once",
                             "make every choice different")
    elif iq.type == "tf":
        if not isinstance(iq.answer, bool):
            yield report((*base, "answer"), "missing-answer",
                         "a true/false question needs `answer: true` or `answer: false`",
                         "set `answer:` to true or false")
    elif iq.type == "cloze":
        if BLANK not in iq.prompt:
            yield report((*base, "prompt"), "no-blank",
                         f"a fill-in-the-blank prompt must contain the blank {BLANK}",
                         f"put {BLANK} (five underscores) where the answer goes")
        if not iq.accepted:
            yield report((*base, "type"), "missing-answer", "no accepted answers",
                         "list the accepted answers under `accepted:`")
    elif iq.type == "numeric":
        if isinstance(iq.answer, bool) or not isinstance(iq.answer, (int, float)):
            yield report((*base, "answer"), "missing-answer",
                         "a numeric question needs a number as `answer`",
                         "set `answer:` to the number, e.g. 2022")
    elif iq.type == "ordering":
        yield from _too_few(report, base, "items", iq.items, minimum, "an ordering question",
                            "list 3 to 5 items in the right order")
        for j in _repeated([answer_key(x) for x in iq.items]):
            yield report((*base, "items", j), "duplicate-option",
                         f"the item '{iq.items[j]}' appears more than once",
                         "make every item different")
    elif iq.type == "matching":
        yield from _too_few(report, base, "pairs", iq.pairs, minimum, "a matching question",
                            "list 3 to 5 pairs")
        for side in ("item", "answer"):
            for j in _repeated([answer_key(getattr(p, side)) for p in iq.pairs]):
                yield report((*base, "pairs", j, side), "duplicate-option",
                             f"the {side} '{getattr(iq.pairs[j], side)}' appears in more "
                             "than one pair", "make every pair's item and answer different")
    elif iq.type == "short":
        yield from _short_findings(iq, base, report)


def _short_findings(iq: InstructorQuestion, base: tuple[str | int, ...],
                    report: _Reporter) -> Iterator[Finding]:
    """A short answer has a model answer, 2 to 5 different key points and a level."""
    if not (iq.model_answer or "").strip():
        yield report((*base, "type"), "missing-answer", "a short-answer question needs a "
                     "`model_answer`", "write the answer you expect, in your own words")
    if not MIN_KEY_POINTS <= len(iq.key_points) <= MAX_KEY_POINTS:
        yield report((*base, "key_points" if iq.key_points else "type"), "key-points",
                     f"a short-answer question needs {MIN_KEY_POINTS} to {MAX_KEY_POINTS} "
                     f"`key_points`, this one has {len(iq.key_points)}",
                     "list the points a good answer makes, each resting on a fact of `facts`")
    for j in _repeated([answer_key(p) for p in iq.key_points]):
        yield report((*base, "key_points", j), "duplicate-option",
                     f"the key point '{iq.key_points[j]}' appears more than once",
                     "make every key point different")
    if iq.level is not None and iq.level not in (Level.analyse, Level.evaluate):
        yield report((*base, "level"), "short-level", f"a short-answer question asks students "
                     f"to analyse or evaluate, not to {iq.level.value}",
                     "set `level:` to analyse or evaluate (or leave it out: analyse)")


def _is_choice(iq: InstructorQuestion) -> bool:
    """Whether the question is written like multiple choice (choices and the answer's text)."""
    return iq.type == "mc" or "choices" in REGISTRY[iq.type].instructor_fields


def _too_few(report: _Reporter, base: tuple[str | int, ...], field: str, values: Sized,
             minimum: int, what: str, hint: str) -> Iterator[Finding]:
    """``too-few-options`` when ``what``'s ``field`` has fewer than ``minimum`` values."""
    if len(values) < minimum:
        yield report((*base, field), "too-few-options",
                     f"{what} needs at least {minimum} {field}, this one has {len(values)}", hint)


def _repeated(keys: list[str]) -> Iterator[int]:
    """Indices of the keys that already appeared earlier in ``keys``."""
    seen: set[str] = set()
    for j, key in enumerate(keys):
        if key in seen:
            yield j
        seen.add(key)


def _contradictions(iq: InstructorQuestion, base: tuple[str | int, ...], report: _Reporter,
                    facts: list[Fact]) -> Iterator[Finding]:
    """An instructor answer must not contradict the answers of the facts it names."""
    def finding(loc: tuple[str | int, ...], message: str) -> Finding:
        return report((*base, *loc), "contradicts-facts", message,
                      "correct the answer, or name the facts the question really rests on")

    same_question = [f for f in facts if answer_key(f.question) == answer_key(iq.prompt)]
    if iq.type in ("mc", "cloze", "numeric"):
        answers = ([str(iq.answer)] if iq.type == "mc" and iq.answer is not None
                   and not isinstance(iq.answer, bool)
                   else list(iq.accepted) if iq.type == "cloze"
                   else [str(iq.answer)] if iq.type == "numeric" and iq.answer is not None
                   else [])
        loc: tuple[str | int, ...] = ("accepted",) if iq.type == "cloze" else ("answer",)
        for fact in same_question:
            if answers and not any(_fact_accepts(fact, a) for a in answers):
                yield finding(loc, f"fact '{fact.id}' asks the same question and answers "
                                   f"'{fact.answer}', not '{answers[0]}'")
        for fact in facts:
            for a in answers:
                wrong = next((d for d in fact.distractors if answer_key(d) == answer_key(a)), None)
                if wrong is not None:
                    yield finding(loc, f"'{a}' is listed as a wrong answer (distractor) of fact "
                                       f"'{fact.id}'")
        keys = [answer_key(c) for c in iq.choices]
        if iq.type == "mc" and answers and facts and answer_key(answers[0]) in keys:
            key = answer_key(answers[0])
            if not any(_fact_accepts(f, answers[0]) for f in facts):
                for j, choice in enumerate(iq.choices):
                    owner = next((f for f in facts if _fact_accepts(f, choice)), None)
                    if owner is not None and answer_key(choice) != key:
                        yield finding(("choices", j),
                                      f"the choice '{choice}' is the answer of fact '{owner.id}' "
                                      f"but is marked wrong, and the marked answer "
                                      f"'{answers[0]}' is the answer of none of its facts")
    elif iq.type == "tf" and isinstance(iq.answer, bool):
        stated = answer_key(_TF_PREFIX.sub("", iq.prompt))
        for fact in facts:
            if stated == answer_key(fact.statement) and iq.answer is False:
                yield finding(("answer",), f"the prompt is the statement of fact '{fact.id}', "
                                           "which is true, but the answer is false")
    elif iq.type == "ordering":
        dated = {answer_key(f.label): f for f in facts if f.label and f.when}
        placed = [(j, dated[answer_key(x)]) for j, x in enumerate(iq.items)
                  if answer_key(x) in dated]
        for (j1, f1), (j2, f2) in pairwise(placed):
            if interval(f1)[0] > interval(f2)[1]:
                yield finding(("items", j2), f"'{iq.items[j2]}' ({f2.when}, fact '{f2.id}') is "
                                             f"placed after '{iq.items[j1]}' ({f1.when}, fact "
                                             f"'{f1.id}') but happened before it")
    elif iq.type == "matching":
        for j, pair in enumerate(iq.pairs):
            for fact in facts:
                names = {answer_key(fact.label or ""), answer_key(fact.question)}
                if answer_key(pair.item) in names and not _fact_accepts(fact, pair.answer):
                    yield finding(("pairs", j, "answer"),
                                  f"'{pair.item}' is paired with '{pair.answer}', but fact "
                                  f"'{fact.id}' answers '{fact.answer}'")


def _fact_accepts(fact: Fact, answer: str) -> bool:
    if accepts(fact.accepted, match_for(fact.kind), answer):
        return True
    a, b = plain_number(answer), plain_number(fact.answer)
    if a is None or b is None:
        return False
    return abs(a - b) <= (fact.tolerance or 0.0) + 1e-9


def definition_findings(project: Project, loaded: LoadedQuiz) -> Iterator[Finding]:
    """Problems with a quiz's lesson, selection and mix."""
    report = _Reporter(loaded)
    quiz = loaded.quiz
    if quiz.lesson not in project.lessons:
        yield report(("lesson",), "unknown-lesson", f"unknown lesson '{quiz.lesson}'",
                     "use one of: " + (", ".join(sorted(project.lessons)) or "none defined"))
    if loaded.id != quiz.lesson:
        yield report(("lesson",), "quiz-name",
                     f"the file is named {loaded.id} but the quiz is for lesson '{quiz.lesson}'",
                     f"name the file {QUIZZES_DIR}/{quiz.lesson}.yml: a quiz's id is its "
                     "lesson's id")
    for j, lesson in enumerate(quiz.select.lessons):
        if lesson not in project.lessons:
            yield report(("select", "lessons", j), "unknown-lesson", f"unknown lesson '{lesson}'",
                         "use one of: " + ", ".join(sorted(project.lessons)))
    scope = scope_lessons(project, quiz.lesson)
    for j, lesson in enumerate(quiz.select.lessons):
        if lesson in project.lessons and lesson not in scope:
            yield report(("select", "lessons", j), "later-lesson",
                         f"lesson '{lesson}' comes after '{quiz.lesson}' in lessons.yml: a "
                         "quiz may only use facts of its lesson and earlier ones",
                         "remove it, or move this quiz's lesson after it in lessons.yml")
    by_id = project.facts_by_id
    for j, fid in enumerate(quiz.select.ids):
        if fid not in by_id:
            yield report(("select", "ids", j), "unknown-fact", f"unknown fact id '{fid}'",
                         "name a fact from facts/*.yml", suggestion=_closest(fid, list(by_id)))
        elif by_id[fid].lesson not in scope:
            yield report(("select", "ids", j), "later-lesson",
                         f"fact '{fid}' belongs to lesson '{by_id[fid].lesson}', which comes "
                         f"after '{quiz.lesson}': students have not met it yet",
                         "remove it from the selection, or select a fact of this lesson or "
                         "an earlier one")
    tags = {t for f in project.facts for t in f.tags}
    for j, tag in enumerate(quiz.select.tags):
        if tag not in tags:
            yield report(("select", "tags", j), "unknown-tag", f"no fact has the tag '{tag}'",
                         "use a tag that facts carry, or tag the facts")
    yield from mix_findings(loaded)
    instructor = len(quiz.instructor_questions)
    if instructor > quiz.questions:
        yield report(("questions",), "too-many-instructor-questions",
                     f"the quiz has {quiz.questions} question(s) but {instructor} instructor "
                     "questions", f"set `questions:` to at least {instructor}")
        return
    generated = quiz.questions - instructor
    if generated == 0:
        return
    pool = select_facts(project, quiz)
    if not pool:
        yield report(("select",) if "select" in loaded.node else ("lesson",), "empty-quiz",
                     "the quiz selects no facts to generate questions from",
                     "select facts by lesson, id or tag, or make every question instructor-written")
        return
    if not any(allocate(quiz.mix, generated).values()):
        yield report(("mix",) if "mix" in loaded.node else ("questions",), "empty-mix",
                     "every type in `mix` has weight 0", "give at least one type a weight")
        return
    bank = Bank.of(project, quiz.lesson)
    reasons_by_type = {t: {f.id: REGISTRY[t].why_not(f, bank) for f in pool}
                       for t in REGISTRY}
    counts = generated_counts(quiz, {t: sum(why is None for why in reasons.values())
                                     for t, reasons in reasons_by_type.items()})
    if not any(counts.values()):
        yield report(("mix",) if "mix" in loaded.node else ("questions",), "empty-mix",
                     f"none of the {len(pool)} selected facts can yield a question of a type "
                     "in `mix`", "add types to `mix`, or facts that can yield its types "
                     "(`factquiz stats --why TYPE` says what they lack)")
        return
    for qtype, count in counts.items():
        if not count:
            continue
        reasons = reasons_by_type[qtype]
        capable = [fid for fid, why in reasons.items() if why is None]
        loc = _mix_loc(loaded, qtype)
        if len(capable) < count:
            examples = "; ".join(f"{fid}: {why}" for fid, why in reasons.items() if why)
            yield report(loc, "mix-unfillable",
                         f"the mix asks for {count} {REGISTRY[qtype].title} question(s) but only "
                         f"{len(capable)} of the {len(pool)} selected facts can yield one"
                         + (f" ({_trim(examples)})" if examples else ""),
                         f"lower mix.{qtype}, select more facts, or add what the facts named lack")
    # The most distractors a requested type needs (multiple choice 3, true/false 1).
    wants = [(t, n) for t, n in (("mc", 3), ("tf", 1)) if counts[t]]
    if wants:
        qtype, needed = wants[0]
        for fact in pool:
            have = bank.distractor_count(fact)
            if have < needed:
                yield fact_warning(project, fact, "too-few-distractors",
                                    f"quiz '{loaded.id}' asks for {REGISTRY[qtype].title} "
                                    f"questions, which need {needed} safe distractor(s), but "
                                    f"this fact has {have}",
                                    f"add `distractors:` of kind {fact.kind.value} (wrong "
                                    "answers of the same form as the answer)")


def level_findings(project: Project, loaded: LoadedQuiz) -> Iterator[Finding]:
    """A quiz whose mix and instructor questions cannot meet its level mix (``levels:``)
    for any seed: generated questions count at their type's level when the selected facts
    can yield that type (a slot no fact can fill falls back to a recall type)."""
    quiz = loaded.quiz
    if quiz.levels is None or loaded.node.get("levels") is None:
        return
    report = _Reporter(loaded)
    pool = select_facts(project, quiz)
    bank = Bank.of(project, quiz.lesson)
    capable = {t: sum(REGISTRY[t].why_not(f, bank) is None for f in pool) for t in REGISTRY}
    counts = generated_counts(quiz, capable) if pool and set(quiz.mix or REGISTRY) <= set(
        REGISTRY) else {}
    asked = planned_levels(quiz, {t: min(n, capable[t]) for t, n in counts.items()})
    for key, lowest, needed, have in level_shortfalls(quiz.levels, asked):
        able = [f"{t} ({capable[t]} fact(s))" for t, q in REGISTRY.items()
                if q.level.rank >= lowest.rank and capable[t]]
        yield report(("levels", key), "levels-unmet",
                     f"{describe_shortfall(key, lowest, needed, have)}, whatever the seed",
                     "add to `mix` types " + ("the selected facts can yield at that level: "
                                              + ", ".join(able) if able else
                                              "at that level (no selected fact can yield one "
                                              "yet: link facts with `because:` or `state_of:`)")
                     + f"; or set `level:` on instructor questions that ask more than recall; "
                     f"or lower `levels.{key}`")


def mix_findings(loaded: LoadedQuiz) -> Iterator[Finding]:
    """Every name in ``mix`` is a registered question type."""
    report = _Reporter(loaded)
    for name in (loaded.quiz.mix or {}):
        if name not in REGISTRY:
            yield report(("mix", name), "unknown-type", f"`{name}` is not a question type",
                         "use one of: " + ", ".join(REGISTRY),
                         suggestion=_closest(name, list(REGISTRY)))


def _mix_loc(loaded: LoadedQuiz, qtype: str) -> tuple[str, ...]:
    mix = loaded.node.get("mix")
    if isinstance(mix, CommentedMap):
        return ("mix", qtype) if qtype in mix else ("mix",)
    return ("questions",)


def _trim(text: str, limit: int = 400) -> str:
    return text if len(text) <= limit else text[:limit - 3] + "..."


def distractor_findings(project: Project) -> Iterator[Finding]:
    """A fact's own distractor that could be taken for the answer is dropped: say so."""
    bank = Bank.of(project)
    for fact in bank.facts:
        same = bank.same_question(fact)
        for j, candidate in enumerate(fact.distractors):
            why = unsafe_reason(fact, candidate, same)
            if why is not None:
                yield fact_warning(project, fact, "unsafe-distractor",
                                    f"the distractor '{candidate}' is never used: {why}",
                                    "replace it with a clearly wrong answer of the same kind",
                                    loc=("distractors", j))


def check_quizzes(project: Project, index: SourceIndex | None = None) -> Iterator[Finding]:
    """Rule for ``verify.check``: every quiz file, and the distractors facts declare."""
    for loaded in project.quizzes.values():
        yield from definition_findings(project, loaded)
        yield from instructor_findings(project, loaded)
        yield from level_findings(project, loaded)
    yield from distractor_findings(project)
