"""Quiz definition files (quizzes/<lesson>.yml): models, loading, and their check rules.

A quiz file says which facts a lesson's quiz draws on, how many questions it has, the
mix of question types, its default seed, and any instructor-written questions. Every
instructor question names the facts it rests on, so it too is grounded in the sources.
Loading reports problems as located findings; :func:`check_quizzes` (one of
``verify.RULES``) reports what only the whole project can tell: unknown fact ids,
a missing or duplicated correct choice, an answer that contradicts its facts, a mix
the facts cannot fill, facts with too few safe distractors.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field
from rapidfuzz import process
from ruamel.yaml.comments import CommentedMap

from .answers import accepts, match_for
from .distractors import Bank, plain_number, scope_lessons, unsafe_reason
from .findings import Finding, fact_warning
from .model import QUESTION_TYPES, Fact, NonEmpty, Question, QuestionType, Slug, Strict
from .normalize import answer_key
from .qtypes import REGISTRY
from .qtypes.base import BLANK
from .qtypes.cloze import rejected_for
from .qtypes.ordering import interval
from .yamlio import is_fatal, position, read_yaml, validate

if TYPE_CHECKING:
    from .load import Project
    from .verify import SourceIndex

QUIZZES_DIR = "quizzes"
MIN_OPTIONS = {"mc": 3, "ordering": 3, "matching": 3}


class Selection(Strict):
    """Which facts the generated questions come from: the union of all three lists."""

    lessons: list[Slug] = Field(default_factory=list, description="Every fact of these lessons.")
    ids: list[Slug] = Field(default_factory=list, description="These facts, by id.")
    tags: list[Slug] = Field(default_factory=list, description="Every fact with one of these tags.")


class Mix(Strict):
    """Relative weights of the question types among the generated questions.

    When they add up to the number of generated questions they are exact counts;
    otherwise the generated questions are shared out in proportion (largest remainder).
    """

    mc: int = Field(default=0, ge=0, description="Multiple choice.")
    tf: int = Field(default=0, ge=0, description="True/false.")
    cloze: int = Field(default=0, ge=0, description="Fill in the blank.")
    numeric: int = Field(default=0, ge=0, description="Numeric (years, counts).")
    ordering: int = Field(default=0, ge=0, description="Chronological ordering.")
    matching: int = Field(default=0, ge=0, description="Matching pairs.")


class Pair(Strict):
    """One row of an instructor-written matching question."""

    item: NonEmpty = Field(description="Left column.")
    answer: NonEmpty = Field(description="Its match in the right column.")


class InstructorQuestion(Strict):
    """A question written by the instructor, grounded in the facts it names."""

    id: Slug | None = Field(default=None, description="Stable short name (default: q1, q2...).")
    type: QuestionType
    prompt: NonEmpty = Field(description="What the student reads; a cloze prompt has '_____'.")
    choices: list[NonEmpty] = Field(default_factory=list, description="mc: all the options.")
    answer: str | bool | int | float | None = Field(
        default=None,
        description="mc: the correct choice's text; tf: true or false; numeric: the number.",
    )
    accepted: list[NonEmpty] = Field(default_factory=list, description="cloze: accepted answers.")
    match: Literal["exact", "fuzzy"] = Field(
        default="exact", description="cloze: 'fuzzy' forgives small typos (for names).")
    tolerance: float = Field(default=0.0, ge=0, description="numeric: accepted absolute error.")
    items: list[NonEmpty] = Field(
        default_factory=list, description="ordering: the items in the correct order.")
    pairs: list[Pair] = Field(default_factory=list, description="matching: the right pairs.")
    shuffle: bool = Field(default=True, description="mc/ordering/matching: shuffle per variant.")
    explanation: NonEmpty = Field(description="Shown after answering.")
    facts: list[Slug] = Field(min_length=1, description="Ids of the facts this question rests on.")


class QuizFile(Strict):
    """A file in quizzes/: one lesson's quiz. Its id is the lesson id (and file name)."""

    title: NonEmpty
    lesson: Slug = Field(description="Id of the lesson (lessons.yml); also the quiz id.")
    select: Selection = Field(
        default_factory=Selection,
        description="Facts to generate questions from (default: the lesson's facts).")
    questions: int = Field(default=10, ge=1, le=50,
                           description="Questions per variant, instructor questions included.")
    mix: Mix = Field(default_factory=lambda: Mix(mc=1, tf=1, cloze=1, numeric=1, ordering=1,
                                                 matching=1))
    seed: int = Field(default=0, ge=0, description="Seed of the default variant.")
    fit: bool = Field(
        default=False,
        description="Fit the quiz to its facts (for a new lesson): types the selected facts "
        "cannot yield are left out of the mix, and each type asks at most as many questions "
        "as there are facts that can yield it, and fewer where no fair variant would fill "
        "the mix (see README, 'Fair quizzes'), so a variant may be shorter than `questions`.")
    instructor_questions: list[InstructorQuestion] = Field(default_factory=list)


@dataclass(frozen=True)
class LoadedQuiz:
    """A quiz file as loaded: its model, shown path and YAML node (for positions)."""

    id: str
    path: str
    node: Any
    quiz: QuizFile

    def at(self, *loc: str | int) -> tuple[int, int]:
        return position(self.node, loc)


def quiz_files(root: Path) -> list[Path]:
    """The quiz files of a project, in a stable order."""
    folder = root / QUIZZES_DIR
    return sorted(folder.glob("*.yml")) + sorted(folder.glob("*.yaml"))


def load_quizzes(project: Project) -> None:
    """Read every quiz file into ``project.quizzes``; problems become findings."""
    for path in quiz_files(project.root):
        shown = project.shown(path)
        data, findings = read_yaml(path, shown)
        if not findings and data is None:
            findings = [Finding(shown, 1, 1, "schema", "the quiz file is empty",
                                "add at least `title:` and `lesson:`")]
        project.findings.extend(findings)
        if is_fatal(findings):
            continue
        quiz, findings = validate(QuizFile, data, shown)
        project.findings.extend(Finding(f.path, f.line, f.col, f.code, f.message, f.hint,
                                        path.stem) for f in findings)
        if quiz is not None:
            project.quizzes[path.stem] = LoadedQuiz(path.stem, shown, data, quiz)


def select_facts(project: Project, quiz: QuizFile) -> list[Fact]:
    """The facts a quiz's generated questions are drawn from, in bank order.

    Only facts in the lesson's scope (it and earlier lessons) are ever selected;
    ``check`` reports a selection naming later ones.
    """
    sel = quiz.select
    lessons = set(sel.lessons) or (set() if sel.ids or sel.tags else {quiz.lesson})
    ids, tags = set(sel.ids), set(sel.tags)
    scope = scope_lessons(project, quiz.lesson)
    seen: set[str] = set()
    chosen = []
    for fact in project.facts:
        if fact.id in seen or fact.lesson not in scope:
            continue
        if fact.lesson in lessons or fact.id in ids or tags.intersection(fact.tags):
            seen.add(fact.id)
            chosen.append(fact)
    return chosen


def allocate(mix: Mix, n: int) -> dict[str, int]:
    """Share ``n`` generated questions among the types by ``mix`` (largest remainder)."""
    weights = {t: getattr(mix, t) for t in QUESTION_TYPES}
    total = sum(weights.values())
    if n <= 0 or total == 0:
        return dict.fromkeys(QUESTION_TYPES, 0)
    exact = {t: w * n / total for t, w in weights.items()}
    counts = {t: int(v) for t, v in exact.items()}
    left = n - sum(counts.values())
    by_remainder = sorted(QUESTION_TYPES, key=lambda t: (-(exact[t] - counts[t]),
                                                         QUESTION_TYPES.index(t)))
    for t in by_remainder[:left]:
        counts[t] += 1
    return counts


def generated_counts(quiz: QuizFile, capable: Mapping[str, int]) -> dict[str, int]:
    """Generated questions per type: the mix shared out over the questions that are not
    instructor-written; with ``fit``, only over types that ``capable[type]`` (the number
    of selected facts able to yield it) allows, each capped at that number."""
    generated = max(quiz.questions - len(quiz.instructor_questions), 0)
    if not quiz.fit:
        return allocate(quiz.mix, generated)
    mix = Mix(**{t: getattr(quiz.mix, t) if capable.get(t, 0) else 0 for t in QUESTION_TYPES})
    counts = allocate(mix, generated)
    return {t: min(n, capable.get(t, 0)) for t, n in counts.items()}


# --- instructor questions -> Question -------------------------------------------------------

def _shuffled(items: list[str], rng: random.Random, shuffle: bool) -> list[str]:
    return rng.sample(items, len(items)) if shuffle else list(items)


def instructor_question(iq: InstructorQuestion, qid: str, rng: random.Random,
                        bank: Bank) -> Question:
    """The :class:`Question` of one (checked) instructor question, options shuffled by ``rng``."""
    common: dict[str, Any] = {
        "id": qid, "type": iq.type, "prompt": iq.prompt.strip(),
        "explanation": iq.explanation.strip(), "fact_ids": list(iq.facts),
        "citations": [c for fid in iq.facts if fid in bank.by_id
                      for c in bank.citations(bank.by_id[fid])],
    }
    if iq.type == "mc":
        options = _shuffled([c.strip() for c in iq.choices], rng, iq.shuffle)
        key = answer_key(str(iq.answer))
        return Question(**common, options=options,
                        answer=next(i for i, c in enumerate(options) if answer_key(c) == key))
    if iq.type == "tf":
        return Question(**common, options=["True", "False"], answer=0 if iq.answer is True else 1)
    if iq.type == "cloze":
        accepted = [a.strip() for a in iq.accepted]
        return Question(**common, accepted=accepted, match=iq.match,
                        rejected=rejected_for(accepted, iq.match, bank))
    if iq.type == "numeric":
        value = float(iq.answer)  # type: ignore[arg-type]
        return Question(**common, answer=int(value) if value.is_integer() else value,
                        tolerance=iq.tolerance)
    if iq.type == "ordering":
        items = _shuffled([i.strip() for i in iq.items], rng, iq.shuffle)
        return Question(**common, items=items, answer=[items.index(i.strip()) for i in iq.items])
    pairs = _shuffled([f"{p.item.strip()}\0{p.answer.strip()}" for p in iq.pairs], rng, iq.shuffle)
    items = [p.split("\0")[0] for p in pairs]
    rights = [p.split("\0")[1] for p in pairs]
    options = _shuffled(rights, rng, iq.shuffle)
    return Question(**common, items=items, options=options,
                    answer=[options.index(r) for r in rights])


# --- check rules -------------------------------------------------------------------------------

FIELDS_FOR = {
    "mc": {"choices", "answer", "shuffle"},
    "tf": {"answer"},
    "cloze": {"accepted", "match"},
    "numeric": {"answer", "tolerance"},
    "ordering": {"items", "shuffle"},
    "matching": {"pairs", "shuffle"},
}
COMMON_FIELDS = {"id", "type", "prompt", "explanation", "facts"}
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
        node = loaded.node["instructor_questions"][i]
        given = set(node) if isinstance(node, CommentedMap) else set()
        for key in sorted(given - COMMON_FIELDS - FIELDS_FOR[iq.type]):
            yield report((*base, key), "unused-field",
                         f"`{key}` is not used by a {iq.type} question",
                         f"remove it; a {iq.type} question uses "
                         + ", ".join(f"`{f}`" for f in sorted(FIELDS_FOR[iq.type])))
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
        yield from _contradictions(iq, base, report, facts)


def _shape_findings(iq: InstructorQuestion, base: tuple[str | int, ...],
                    report: _Reporter) -> Iterator[Finding]:
    """Each type has what it needs: options, one correct choice, a blank, a number..."""
    minimum = MIN_OPTIONS.get(iq.type, 0)
    if iq.type == "mc":
        if len(iq.choices) < minimum:
            yield report((*base, "choices"), "too-few-options",
                         f"a multiple-choice question needs at least {minimum} choices, "
                         f"this one has {len(iq.choices)}", "add plausible wrong choices")
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
        if len(iq.items) < minimum:
            yield report((*base, "items"), "too-few-options",
                         f"an ordering question needs at least {minimum} items, "
                         f"this one has {len(iq.items)}", "list 3 to 5 items in the right order")
        for j in _repeated([answer_key(x) for x in iq.items]):
            yield report((*base, "items", j), "duplicate-option",
                         f"the item '{iq.items[j]}' appears more than once",
                         "make every item different")
    elif iq.type == "matching":
        if len(iq.pairs) < minimum:
            yield report((*base, "pairs"), "too-few-options",
                         f"a matching question needs at least {minimum} pairs, "
                         f"this one has {len(iq.pairs)}", "list 3 to 5 pairs")
        for side in ("item", "answer"):
            for j in _repeated([answer_key(getattr(p, side)) for p in iq.pairs]):
                yield report((*base, "pairs", j, side), "duplicate-option",
                             f"the {side} '{getattr(iq.pairs[j], side)}' appears in more "
                             "than one pair", "make every pair's item and answer different")


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
                       for t in QUESTION_TYPES}
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
    yield from distractor_findings(project)
