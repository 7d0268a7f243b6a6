"""The question-type contract: every registered type works in every consumer.

Parametrised over ``qtypes.REGISTRY`` and the consumers below, so a new type that one
consumer does not handle fails a test named after that consumer. Each type's own
self-test responses (right, wrong, malformed; ``QType.responses``) drive the grading
check. The last test registers a minimal dummy type and records which consumers it
passes and which it fails: the list an author of a new type works through.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager

import pytest
from fixture_project import new_project
from quiz_fixtures import frozen_files

from factquiz.cli.quiz import question_lines
from factquiz.export import FORMATS
from factquiz.export.base import ExportContext
from factquiz.factbank import Bank
from factquiz.grade import grade
from factquiz.load import Project, load_project
from factquiz.model import Fact, Grade, Question
from factquiz.qtypes import REGISTRY, QType
from factquiz.qtypes.base import Responses
from factquiz.quizmodel import InstructorQuestion, Quiz
from factquiz.schema import expected_schemas
from factquiz.selection import instructor_question
from factquiz.sphinxext.static_quiz import render_question
from factquiz.widgets import QuestionCard

_PROJECT: list[Project] = []


@pytest.fixture(scope="module", autouse=True)
def frozen_project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The frozen fact bank (tests/golden/bank) as a project, for every check here."""
    _PROJECT.append(load_project(new_project(tmp_path_factory.mktemp("contract") / "project",
                                             frozen_files())))
    yield
    _PROJECT.clear()


def project() -> Project:
    return _PROJECT[0]


def sample_question(name: str) -> Question:
    """A question of type ``name`` generated from the first frozen fact that can yield it."""
    qtype = REGISTRY[name]
    bank = Bank.of(project())
    fact = next((f for f in bank.facts if qtype.why_not(f, bank) is None), None)
    assert fact is not None, f"no fact of the frozen bank can yield a {name} question"
    question = qtype.generate(fact, bank, random.Random(7), f"contract-{name}-{fact.id}")
    assert question.type == name
    return question


def check_generate(question: Question) -> None:
    assert question.prompt.strip() and question.fact_ids


def check_grade(question: Question) -> None:
    responses = REGISTRY[question.type].responses(question)
    assert responses.right and responses.wrong and responses.malformed
    for response in responses.right:
        assert grade(question, response).correct, response
    for response in [*responses.wrong, *responses.malformed]:
        verdict = grade(question, response)
        assert isinstance(verdict, Grade) and not verdict.correct, response
    for response in responses.malformed:
        assert grade(question, response).message, response


def check_widget(question: Question) -> None:
    card = QuestionCard(question, 1, 1, on_check=lambda _card: None)
    assert card.controls


def check_static_page(question: Question) -> None:
    html = render_question(question, "q1", 1, "salt")
    assert f'data-fq-type="{question.type}"' in html


def check_export(name: str) -> Callable[[Question], None]:
    fmt = FORMATS[name]

    def check(question: Question) -> None:
        if fmt.reason_to_skip(question) is not None:
            assert question.type in fmt.unsupported, (
                f"{name} neither carries {question.type} questions nor says why it cannot "
                "(add the type to its `carries`, or a reason to its `unsupported`)")
            return
        quiz = Quiz(id="contract", title="Contract", lesson="contract", seed=0,
                    questions=[question])
        context = ExportContext(facts=project().facts_by_id, sources=project().sources,
                                timestamp=0.0)
        assert fmt.render(quiz, [question], context)
    return check


def check_cli_preview(question: Question) -> None:
    text = "\n".join(line.plain for line in question_lines(1, question, answers=True))
    assert "Answer:" in text


class ExamplePrompter:
    """Answers a form's prompts with its example's values, by the field each one fills."""

    def __init__(self, example: Mapping[str, object]) -> None:
        self.example = example

    def text(self, field: str, label: str, default: str | None = None) -> str:
        return str(self.example[field])

    def number(self, field: str, label: str, default: str | None = None) -> int | float:
        value = float(self.example[field])  # type: ignore[arg-type]
        return int(value) if value.is_integer() else value

    def lines(self, field: str, label: str) -> list[str]:
        return list(self.example[field])  # type: ignore[call-overload]

    def choose(self, field: str, label: str, options: list[tuple[str, str]],
               default: str | None = None) -> str:
        value = str(self.example[field])
        assert value in dict(options), f"{field}: {value!r} is not among the choices offered"
        return value

    def confirm(self, field: str, label: str, default: bool = True) -> bool:
        return str(self.example[field]).lower() == "true"


def check_add_question(question: Question) -> None:
    """``factquiz add question`` can write the type: its form (``QType.form``, in
    ``qtypes/<type>/instructor.py``) reads its example's option values into fields it
    declares, asking at the prompts gives the same fields, and the instructor question
    they make becomes a question of the type that its key answers."""
    qtype = REGISTRY[question.type]
    form = qtype.form
    assert form is not None, ("no `form` (qtypes/<type>/instructor.py): `factquiz add "
                              "question` cannot write this type")
    assert set(form.needs) <= set(form.fields) <= qtype.instructor_fields
    fields = form.read(form.example)
    assert set(fields) <= set(form.fields)
    assert all(fields[name] not in (None, "", []) for name in form.needs), fields
    asked: dict[str, object] = {}
    form.ask(asked, lambda name: asked.get(name) in (None, "", []),
             ExamplePrompter(form.example))
    assert asked == fields
    iq = InstructorQuestion(type=question.type, prompt="Which _____?", explanation="Because.",
                            facts=question.fact_ids, **fields)
    made = instructor_question(iq, "contract-iq", random.Random(1), Bank.of(project()))
    assert made.type == question.type and grade(made, made.answer
                                                if question.type != "cloze"
                                                else made.accepted[0]).correct


def check_schema(question: Question) -> None:
    schema = json.loads(expected_schemas()["quiz.schema.json"])
    mix = next(s for s in schema["properties"]["mix"]["anyOf"] if s.get("type") == "object")
    assert question.type in mix["properties"]
    kinds = InstructorQuestion.model_json_schema()["properties"]["type"]
    assert question.type in (kinds.get("enum") or [kinds.get("const")])


CONSUMERS: dict[str, Callable[[Question], None]] = {
    "generate": check_generate,
    "grade": check_grade,
    "widget": check_widget,
    "static page": check_static_page,
    **{f"export {name}": check_export(name) for name in FORMATS},
    "cli preview": check_cli_preview,
    "add question": check_add_question,
    "schema": check_schema,
}


@pytest.mark.parametrize("consumer", list(CONSUMERS))
@pytest.mark.parametrize("name", list(REGISTRY))
def test_every_type_works_in_every_consumer(name: str, consumer: str) -> None:
    CONSUMERS[consumer](sample_question(name))


# --- a new type: what it still lacks ------------------------------------------------------

def _dummy_generate(fact: Fact, bank: Bank, rng: random.Random, qid: str,
                    avoid: frozenset[str] = frozenset(),
                    prefer: frozenset[str] = frozenset()) -> Question:
    # model_construct: the model's type list does not know the dummy (see below).
    return Question.model_construct(
        id=qid, type="dummy", prompt=f"Dummy: {fact.question}", options=[], items=[],
        accepted=[fact.answer], rejected=[], match="exact", answer=None, tolerance=0.0,
        explanation=fact.statement, fact_ids=[fact.id], citations=bank.citations(fact))


def _dummy_grade(question: Question, response: object) -> Grade:
    if not isinstance(response, str):
        return Grade(correct=False, expected="", message="Please type some text.")
    ok = response == question.accepted[0]
    return Grade(correct=ok, expected=question.accepted[0], message="Right." if ok else "No.")


def _no_instructor_question(iq: InstructorQuestion, common: dict[str, object],
                            rng: random.Random, bank: Bank) -> Question:
    raise NotImplementedError("the dummy type has no instructor questions")


DUMMY = QType(
    name="dummy", title="Dummy", generate=_dummy_generate, grade=_dummy_grade,
    why_not=lambda fact, bank: None,
    responses=lambda q: Responses(right=[q.accepted[0]], wrong=[q.accepted[0] + "x"],
                                  malformed=[None, 3]),
    answer_text=lambda q: q.accepted[0],
    instructor_fields=frozenset(), from_instructor=_no_instructor_question)


@contextmanager
def registered(qtype: QType) -> Iterator[None]:
    REGISTRY[qtype.name] = qtype
    try:
        yield
    finally:
        del REGISTRY[qtype.name]


def test_a_new_type_is_told_which_consumers_it_still_lacks() -> None:
    """A type that is only registered passes the consumers that dispatch through the
    registry and fails, by name, the ones that still need its own code."""
    outcome: dict[str, bool] = {}
    with registered(DUMMY):
        question = sample_question("dummy")
        for consumer, check in CONSUMERS.items():
            try:
                check(question)
            except Exception:
                outcome[consumer] = False
            else:
                outcome[consumer] = True
    assert "dummy" not in REGISTRY
    passed = {c for c, ok in outcome.items() if ok}
    failed = set(outcome) - passed
    assert passed == {"generate", "grade", "cli preview"}, sorted(passed)
    assert failed == {"widget", "static page", "add question", "schema",
                      *(f"export {name}" for name in FORMATS)}
