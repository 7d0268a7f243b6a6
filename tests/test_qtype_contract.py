"""The question-type contract: every registered type works in every consumer.

Parametrised over ``qtypes.REGISTRY`` and the consumers below, so a new type that one
consumer does not handle fails a test named after that consumer. Each type's own
self-test responses (right, wrong, malformed; ``QType.responses``) drive the grading
check. Each check fails with what the type's author must add (:data:`ADVICE`).

The last tests register a new type, ``dummy``, written as an author would: one folder (a
package in a temporary directory) with its core, ``widget.py``, ``static.py``,
``preview.py``, built on cloze's pieces (its ``static.py`` declares ``SCRIPT_AS = "cloze"``:
cloze's script grades it on the page). Complete, it works in every consumer; without any
one piece, exactly the consumer that needs the piece fails, and its message says what to
add; a script of its own that only makes it cloze is refused.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pytest
from fixture_project import new_project
from quiz_fixtures import frozen_files

from factquiz.cli.quiz import question_lines
from factquiz.export import FORMATS
from factquiz.export.base import ExportContext
from factquiz.factbank import Bank
from factquiz.grade import grade
from factquiz.load import Project, load_project
from factquiz.model import Grade, Question
from factquiz.qtypes import REGISTRY, QType
from factquiz.qtypes.preview import preview_module
from factquiz.qtypes.static import own_script_path, script_path, script_type, scripts_for
from factquiz.quizmodel import InstructorQuestion, Quiz
from factquiz.schema import expected_schemas
from factquiz.selection import instructor_question
from factquiz.sphinxext.static_quiz import render_question
from factquiz.widgets import QuestionCard

_PROJECT: list[Project] = []
CORE_SCRIPT = Path(__file__).resolve().parents[1] / "src" / "factquiz" / "static" / "factquiz.js"
NODE = shutil.which("node")


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
    """A question of type ``name`` generated from the first frozen fact that can yield it
    (an instructor-only type: its form's example question, on the first fact)."""
    qtype = REGISTRY[name]
    bank = Bank.of(project())
    if qtype.instructor_only:
        assert qtype.form is not None, f"the instructor-only type {name} has no form"
        assert all(qtype.why_not(f, bank) for f in bank.facts), "instructor-only, yet generated"
        iq = InstructorQuestion(type=name, prompt="Why?", explanation="Because.",
                                facts=[bank.facts[0].id], **qtype.form.read(qtype.form.example))
        return instructor_question(iq, f"contract-{name}", random.Random(7), bank)
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


def check_answer_text(question: Question) -> None:
    qtype = REGISTRY[question.type]
    text = qtype.answer_text(question)
    assert text.strip(), "answer_text gave no text"
    for response in qtype.responses(question).right:
        assert grade(question, response).expected == text, "grade().expected is not answer_text"


def check_widget(question: Question) -> None:
    card = QuestionCard(question, 1, 1, on_check=lambda _card: None)
    assert card.controls
    assert card.response() is None, "a blank card must give no response"
    assert card.incomplete_message(), "no incomplete message"
    right = REGISTRY[question.type].responses(question).right[0]
    card.set_response(right)
    assert grade(question, card.response()).correct, "a saved right answer does not come back"
    assert card.text().strip()


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


def only_aliases(script: str) -> bool:
    """Whether a type's script does nothing but make the type another type's: the body of
    its install function is one ``core.types.<type> = core.types.<other>;``."""
    code = re.sub(r"/\*.*?\*/|//[^\n]*|[\"']use strict[\"'];", "", script, flags=re.DOTALL)
    body = code.rpartition("function (core) {")[2]
    return re.fullmatch(r"\s*core\.types\.\w+\s*=\s*core\.types\.\w+;?\s*\}\);?\s*",
                        body) is not None


def check_script(question: Question) -> None:
    as_type = script_type(question.type)
    if as_type != question.type:  # SCRIPT_AS: graded on the page by that type's script
        assert as_type in REGISTRY and script_type(as_type) == as_type, (
            f"SCRIPT_AS names {as_type!r}, not a registered type with a script of its own")
        own = own_script_path(question.type)
        assert not own.exists(), f"{own} is left over: the type declares SCRIPT_AS"
    path = script_path(question.type)
    assert path.is_file(), f"no script {path}"
    assert not only_aliases(path.read_text(encoding="utf-8")), (
        f"{path.name} only makes the type another type's: declare SCRIPT_AS instead")
    if NODE is None:
        return
    scripts = json.dumps([str(own_script_path(n)) for n in scripts_for([question.type])])
    proc = subprocess.run(
        [NODE, "-e", "const core = require(process.argv[1]);"
         "for (const s of JSON.parse(process.argv[2])) { require(s)(core); }"
         "if (typeof core.types[process.argv[3]].grade !== 'function') { process.exit(3); }",
         str(CORE_SCRIPT), scripts, as_type],
        capture_output=True, text=True, check=False, timeout=60)
    assert proc.returncode == 0, (
        f"its script does not add factquiz.types.{as_type} with a grade function: "
        f"{proc.stderr.strip()[-300:]}")


def check_cli_preview(question: Question) -> None:
    preview = preview_module(question.type)
    text = "\n".join(line.plain for line in question_lines(1, question, answers=True))
    assert "Answer: " + preview.key(question) in text


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
    assert made.type == question.type
    assert grade(made, qtype.responses(made).right[0]).correct


def check_schema(question: Question) -> None:
    schema = json.loads(expected_schemas()["quiz.schema.json"])
    mix = next(s for s in schema["properties"]["mix"]["anyOf"] if s.get("type") == "object")
    assert question.type in mix["properties"]
    assert question.type in schema["$defs"]["InstructorQuestion"]["properties"]["type"]["enum"]


CONSUMERS: dict[str, Callable[[Question], None]] = {
    "generate": check_generate,
    "grade": check_grade,
    "answer text": check_answer_text,
    "widget": check_widget,
    "static page": check_static_page,
    "script": check_script,
    **{f"export {name}": check_export(name) for name in FORMATS},
    "cli preview": check_cli_preview,
    "add question": check_add_question,
    "schema": check_schema,
}

#: What the author of a type ``T`` (folder ``qtypes/<folder>/``) adds when a consumer fails.
ADVICE: dict[str, str] = {
    "generate": "give the QType a `generate` that returns a Question of the type with a "
                "prompt and its fact ids",
    "grade": "give the QType a `grade` (never raising) and `responses` (its self-test: "
             "right, wrong, malformed)",
    "answer text": "give the QType an `answer_text`: the one expected-answer text, the same "
                   "as grade().expected",
    "widget": "add qtypes/<folder>/widget.py: `controls(question, number)` (inputs, view, "
              "response, set_response, clear), `INCOMPLETE` (a key of answers.MESSAGES) and "
              "`text_lines(question)`; see factquiz.qtypes.widget",
    "static page": "add qtypes/<folder>/static.py: `controls_html`, `accept_tokens`, "
                   "`key_attributes`; see factquiz.qtypes.static",
    "script": "add qtypes/<folder>/<type>.js: it adds factquiz.types.<type> = {grade, "
              "response, restore, size, ...}; see static/factquiz.js (or, when another "
              "type's script grades it as it is, no script but SCRIPT_AS = '<that type>' "
              "in its static.py)",
    **{f"export {name}": f"add the type to the `carries` of the {name} format in "
                         f"factquiz/export, or a reason to its `unsupported`"
       for name in FORMATS},
    "cli preview": "add qtypes/<folder>/preview.py: `lines(question)` and `key(question)`; "
                   "see factquiz.qtypes.preview",
    "add question": "give the QType `instructor_fields`, `from_instructor` and a `form` "
                    "(qtypes/<folder>/instructor.py: fields, prompts, an example)",
    "schema": "register the type in factquiz.qtypes.REGISTRY (the schema lists its keys)",
}


def run_consumer(consumer: str, question: Question) -> None:
    """Run one consumer's check; a failure says what the type's author must add."""
    try:
        CONSUMERS[consumer](question)
    except Exception as exc:
        pytest.fail(f"question type {question.type!r} fails the {consumer!r} consumer: "
                    f"{type(exc).__name__}: {exc}\n  to fix: {ADVICE[consumer]}")


def test_every_consumer_has_advice() -> None:
    assert set(ADVICE) == set(CONSUMERS)


@pytest.mark.parametrize("consumer", list(CONSUMERS))
@pytest.mark.parametrize("name", list(REGISTRY))
def test_every_type_works_in_every_consumer(name: str, consumer: str) -> None:
    run_consumer(consumer, sample_question(name))


# --- a new type: what it still lacks ------------------------------------------------------

#: A new type's folder, as its author writes it: a package ``fqdummy`` whose pieces reuse
#: cloze's (a typed answer), so only its name and its registration are new.
DUMMY_FILES: dict[str, str] = {
    "__init__.py": """
from factquiz.qtypes import cloze
from factquiz.qtypes.base import QType


def generate(fact, bank, rng, qid, avoid=frozenset(), prefer=frozenset()):
    question = cloze.generate(fact, bank, rng, qid, avoid, prefer)
    return question.model_copy(update={"type": "dummy"})


def why_not(fact, bank):
    return cloze.why_not(fact, bank)


QTYPE = QType("dummy", "dummy", generate, cloze.grade, why_not, cloze.responses,
              cloze.answer_text, cloze.QTYPE.instructor_fields, cloze.from_instructor,
              form=cloze.QTYPE.form)
""",
    "widget.py": "from factquiz.qtypes.cloze.widget import INCOMPLETE, controls, text_lines\n",
    "static.py": "from factquiz.qtypes.cloze.static import accept_tokens, controls_html, "
                 "key_attributes\nSCRIPT_AS = 'cloze'\n",
    "preview.py": "from factquiz.qtypes.cloze.preview import key, lines\n",
}

#: A script of its own that only makes the dummy cloze (what SCRIPT_AS replaces).
ALIAS_SCRIPT = """(function (install) {
  if (typeof module === "object" && module.exports) { module.exports = install; }
  else { install(self.factquiz); }
})(function (core) { core.types.dummy = core.types.cloze; });
"""

#: What an author may leave out, and the one consumer (or consumers) that then fails.
LACKS: dict[str, set[str]] = {
    "widget.py": {"widget"},
    "static.py": {"static page", "script"},
    "SCRIPT_AS": {"script"},
    "preview.py": {"cli preview"},
    "answer_text": {"answer text"},
    "instructor question": {"add question"},
    **{f"export {name}": {f"export {name}"} for name in FORMATS},
}


@pytest.fixture
def dummy_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The dummy type's folder (importable as ``fqdummy``), its exports handled as an
    author would (a reason in each format's ``unsupported``), its instructor form cloze's."""
    folder = tmp_path / "fqdummy"
    folder.mkdir()
    for name, text in DUMMY_FILES.items():
        (folder / name).write_text(text.lstrip(), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    for fmt in FORMATS.values():
        monkeypatch.setitem(fmt.unsupported, "dummy", "dummy questions are a test")
    yield folder
    for module in [m for m in sys.modules if m == "fqdummy" or m.startswith("fqdummy.")]:
        del sys.modules[module]


def dummy_type(folder: Path, lack: str | None, monkeypatch: pytest.MonkeyPatch) -> QType:
    """The dummy's QType with the piece ``lack`` left out."""
    if lack in DUMMY_FILES:
        (folder / lack).unlink()
    if lack == "SCRIPT_AS":  # and no script of its own either
        static = folder / "static.py"
        static.write_text(static.read_text(encoding="utf-8").replace("SCRIPT_AS = 'cloze'\n",
                                                                     ""), encoding="utf-8")
    if lack is not None and lack.startswith("export "):
        monkeypatch.delitem(FORMATS[lack.removeprefix("export ")].unsupported, "dummy")
    import fqdummy  # type: ignore[import-not-found]

    qtype: QType = fqdummy.QTYPE
    if lack == "answer_text":
        qtype = QType(**{**vars(qtype), "answer_text": lambda q: ""})
    if lack == "instructor question":
        qtype = QType(**{**vars(qtype), "instructor_fields": frozenset(), "form": None})
    return qtype


@contextmanager
def registered(qtype: QType) -> Iterator[None]:
    REGISTRY[qtype.name] = qtype
    try:
        yield
    finally:
        del REGISTRY[qtype.name]


def failing_consumers(qtype: QType) -> dict[str, str]:
    """Each consumer the registered ``qtype`` fails, with the failure's message."""
    failed: dict[str, str] = {}
    with registered(qtype):
        question = sample_question(qtype.name)
        for consumer in CONSUMERS:
            try:
                run_consumer(consumer, question)
            except pytest.fail.Exception as exc:
                failed[consumer] = str(exc)
    assert qtype.name not in REGISTRY
    return failed


def test_a_complete_new_type_works_in_every_consumer(dummy_folder: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    assert failing_consumers(dummy_type(dummy_folder, None, monkeypatch)) == {}


@pytest.mark.parametrize("lack", list(LACKS))
def test_a_new_type_without_a_piece_fails_the_consumer_that_needs_it(
        lack: str, dummy_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    failed = failing_consumers(dummy_type(dummy_folder, lack, monkeypatch))
    assert set(failed) == LACKS[lack], failed
    for consumer, message in failed.items():
        assert ADVICE[consumer] in message, message
    if lack in DUMMY_FILES:  # the message names the missing module or file
        stem = lack.removesuffix(".py")
        assert any(f"fqdummy.{stem}" in m or lack in m for m in failed.values()), failed
    if lack == "SCRIPT_AS":
        assert "no script" in failed["script"] and "dummy.js" in failed["script"], failed


@pytest.mark.parametrize(("lack", "message"), [(None, "left over"),
                                             ("SCRIPT_AS", "declare SCRIPT_AS")])
def test_a_new_type_whose_script_only_aliases_another_is_refused(
        lack: str | None, message: str, dummy_folder: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A script whose one line makes the type cloze's costs a file and a request: the type
    declares SCRIPT_AS instead, and has no script left over when it does."""
    (dummy_folder / "dummy.js").write_text(ALIAS_SCRIPT, encoding="utf-8")
    failed = failing_consumers(dummy_type(dummy_folder, lack, monkeypatch))
    assert set(failed) == {"script"} and message in failed["script"], failed
    assert ADVICE["script"] in failed["script"]
