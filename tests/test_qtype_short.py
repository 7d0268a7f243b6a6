"""Short answer with a model answer (``qtypes/short``): instructor-written, self-assessed.

The engine's tests run on the frozen fixture bank; the content rules (marked ``content``)
hold for any number of lessons. What is checked: every key point covered is right and
each one left out is wrong; malformed responses get a message; nothing is generated from
facts; the key (model answer, key points) is in no page, widget or notebook state before
the student has written; the book's script opens the model answer with the same token it
grades with; every export carries the question and its reader reads it back; the CLI
preview and ``add question`` handle the type; ``check`` reports a malformed question.
"""

from __future__ import annotations

import csv
import html
import io
import json
import random
import shutil
import sqlite3
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import ipywidgets as widgets
import pytest
from cli_run import run
from content_root import CONTENT_ROOT
from moodle_xml_parser.parser import parse_file
from pygiftparser import parser as gift_parser
from quiz_fixtures import QUIZ_HEAD, frozen_files, load
from text2qti.config import Config as T2QConfig
from text2qti.qti import QTI as T2QTI
from text2qti.quiz import Quiz as T2QQuiz

from factquiz.answers import MESSAGES
from factquiz.assembly import question_answers, shown_texts
from factquiz.attempts import ProgressStore
from factquiz.export import FORMATS, export_quiz
from factquiz.export.base import ExportContext
from factquiz.factbank import Bank
from factquiz.generate import make_quiz
from factquiz.grade import grade
from factquiz.load import load_project
from factquiz.model import Citation, Level, Question
from factquiz.normalize import answer_key
from factquiz.qtypes import REGISTRY
from factquiz.qtypes.short.static import TOKEN
from factquiz.qtypes.static import script_path
from factquiz.quizmodel import InstructorQuestion, Quiz
from factquiz.quizrules import check_quizzes
from factquiz.selection import allocate, instructor_question
from factquiz.sphinxext.static_quiz import (
    content_key,
    decode_feedback,
    encode_feedback,
    feedback_payload,
    grading_config,
    key_attributes,
    render_question,
    unwrap,
)
from factquiz.widgets import QuestionCard, QuizWidget

ROOT = Path(__file__).resolve().parents[1]
CORE_SCRIPT = ROOT / "src" / "factquiz" / "static" / "factquiz.js"
NODE = shutil.which("node")

MODEL = "Both sides wanted a legal basis for visits <b>& more</b>."
POINTS = ["a legal basis for visits", "wanted by both sides", "signed \"later\" & <i>"]
CITATION = Citation(source_id="tokyo-raa-basic-agreement-2020", title="Title & <t>",
                    published="2020-11-17", quote="a quote")


def esc(text: str) -> str:
    """Text as the exports write it in HTML (factquiz.escape.html_text)."""
    return html.escape(text, quote=False)


def sample(points: list[str] | None = None) -> Question:
    return Question(id="raa-3-short-why", type="short", prompt="Why did they agree?",
                    answer=MODEL, items=POINTS if points is None else points,
                    explanation="Weigh both sides.", citations=[CITATION],
                    fact_ids=["raa-basic-agreement"])


def written(covered: list[bool]) -> dict[str, object]:
    return {"text": "They wanted rules for visiting troops.", "covered": covered}


# --- grading -----------------------------------------------------------------------------


def test_every_key_point_covered_is_right_and_any_left_out_is_wrong() -> None:
    question = sample()
    right = grade(question, written([True, True, True]))
    assert right.correct and right.message == MESSAGES["correct"] and right.expected == MODEL
    for i in range(3):
        covered = [j != i for j in range(3)]
        verdict = grade(question, written(covered))
        assert not verdict.correct
        assert verdict.message == "Not quite: you marked 2 of 3 key points as covered."
        assert verdict.detail == "you marked 2 of 3 key points as covered."
    assert not grade(question, written([False] * 3)).correct


@pytest.mark.parametrize("response, message", [
    ("just text", "short_shape"),
    ({"covered": [True] * 3}, "short_text"),
    ({"text": " \n ", "covered": [True] * 3}, "short_empty"),
    ({"text": "x" * 4001, "covered": [True] * 3}, "short_too_long"),
    ({"text": "x", "covered": [True] * 2}, "short_marks"),
    ({"text": "x", "covered": [1, 1, 1]}, "short_marks"),
    ({"text": "x", "covered": "yes"}, "short_marks"),
])
def test_malformed_responses_get_a_message_never_an_exception(response: object,
                                                              message: str) -> None:
    verdict = grade(sample(), response)
    assert not verdict.correct
    assert verdict.message == MESSAGES[message].format(n=3)


def test_the_self_test_holds_for_any_number_of_key_points() -> None:
    for n in range(2, 6):
        question = sample([f"point {i}" for i in range(n)])
        own = REGISTRY["short"].responses(question)
        assert all(grade(question, r).correct for r in own.right)
        assert len(own.wrong) == n + 1
        assert not any(grade(question, r).correct for r in [*own.wrong, *own.malformed])


def test_nothing_is_generated_from_facts(make_project: Callable[..., Path]) -> None:
    project = load(make_project(files=frozen_files()))
    bank = Bank.of(project)
    qtype = REGISTRY["short"]
    for fact in bank.facts:
        assert "instructor" in (qtype.why_not(fact, bank) or "")
    with pytest.raises(ValueError, match="written by the instructor"):
        qtype.generate(bank.facts[0], bank, random.Random(1), "q")
    assert qtype.instructor_only and allocate(None, 12)["short"] == 0
    assert sum(allocate(None, 12).values()) == 12


def test_an_instructor_question_keeps_its_model_answer_and_key_points_in_order(
        make_project: Callable[..., Path]) -> None:
    bank = Bank.of(load(make_project(files=frozen_files())))
    fact = bank.facts[0]
    iq = InstructorQuestion(type="short", prompt=" Why? ", explanation="Because.",
                            model_answer=" The model. ", key_points=["b", "a"],
                            level="analyse", facts=[fact.id])
    made = instructor_question(iq, "q1", random.Random(3), bank)
    assert (made.answer, made.items, made.fact_ids) == ("The model.", ["b", "a"], [fact.id])
    assert made.citations == bank.citations(fact)
    assert shown_texts(made)[-1] == "The model."  # shown: no other answer may be in it
    assert question_answers(made) == []


# --- check ----------------------------------------------------------------------------------

SHORT = QUIZ_HEAD + """instructor_questions:
  - type: short
    prompt: Why was the pact a notable step?
    model_answer: It was the first of its kind in decades.
    key_points: [first of its kind, in decades]
    level: analyse
    explanation: Weigh both.
    facts: [raa-tokyo]
"""


def quiz_findings(make_project: Callable[..., Path], text: str) -> list[tuple[int, str, str]]:
    project = load(make_project(files=frozen_files({"raa": text})))
    found = [f for f in project.findings if f.path.startswith("quizzes/")]
    found += check_quizzes(project)
    return [(f.line, f.code, f.message) for f in sorted(found)]


def test_a_valid_short_answer_question_has_no_findings(
        make_project: Callable[..., Path]) -> None:
    assert quiz_findings(make_project, SHORT) == []
    # without a level it asks students to analyse (the type's level)
    unlevelled = SHORT.replace("    level: analyse\n", "")
    assert quiz_findings(make_project, unlevelled) == []
    project = load(make_project(files=frozen_files({"raa": unlevelled})))
    [made] = [q for q in make_quiz(project, "raa").questions if q.type == "short"]
    assert made.level is Level.analyse


@pytest.mark.parametrize("change, code", [
    (("    model_answer: It was the first of its kind in decades.\n", ""), "missing-answer"),
    (("[first of its kind, in decades]", "[first of its kind]"), "key-points"),
    (("[first of its kind, in decades]", "[a, b, c, d, e, f]"), "key-points"),
    (("[first of its kind, in decades]", "[in decades, In decades.]"), "duplicate-option"),
    (("    level: analyse\n", "    level: recall\n"), "short-level"),
    (("    level: analyse\n", "    level: apply\n"), "short-level"),
    (("    level: analyse\n", "    level: deep\n"), "schema"),
    (("    level: analyse\n", "    level: analyse\n    choices: [a, b, c]\n"), "unused-field"),
])
def test_check_reports_a_malformed_short_answer_question(
        change: tuple[str, str], code: str, make_project: Callable[..., Path]) -> None:
    text = SHORT.replace(*change)
    assert text != SHORT
    assert code in {c for _, c, _ in quiz_findings(make_project, text)}


# --- the key stays out of sight until the student has written ------------------------------

def key_texts(question: Question) -> list[str]:
    return [str(question.answer), *question.items]


def all_widgets(widget: widgets.Widget) -> Iterator[widgets.Widget]:
    yield widget
    for child in getattr(widget, "children", ()):
        yield from all_widgets(child)


def widget_state(card: QuestionCard) -> str:
    return json.dumps([w.get_state() for w in all_widgets(card.box)], default=str)


def test_the_notebook_card_shows_the_key_only_after_writing() -> None:
    question = sample()
    card = QuestionCard(question, 1, 1, on_check=lambda _card: None)
    controls = card.inputs
    assert isinstance(controls.text, widgets.Textarea) and controls.text.description
    assert not any(k in widget_state(card) for k in key_texts(question))
    assert card.response() is None
    controls.show.click()  # nothing written yet: no model answer
    assert not any(k in widget_state(card) for k in key_texts(question))
    assert MESSAGES["write_first"] in controls.note.value
    controls.text.value = "They wanted rules for visiting troops."
    assert card.response() is None  # not yet compared with the model answer
    controls.show.click()
    assert html.escape(MODEL) in controls.note.value and "Title &amp; &lt;t&gt;" in \
        controls.note.value
    boxes = controls.points
    assert [b.description for b in boxes] == POINTS  # one labelled checkbox per key point
    assert all(isinstance(b, widgets.Checkbox) for b in boxes)
    assert card.response() == written([False] * 3) | {"text": controls.text.value}
    boxes[0].value = boxes[2].value = True
    assert not grade(question, card.response()).correct
    boxes[1].value = True
    assert grade(question, card.response()).correct
    card.clear()
    assert card.response() is None and controls.points == []
    assert not any(k in widget_state(card) for k in key_texts(question))
    card.set_response(written([True, False, True]))
    assert card.response() == written([True, False, True])
    assert card.text().splitlines() == [f"1. [short answer] {question.prompt}"]


def test_the_self_assessment_is_recorded_and_scored_like_any_attempt(tmp_path: Path) -> None:
    other = sample().model_copy(update={"id": "raa-4-short-other"})
    quiz = Quiz(id="t", title="T", lesson="raa", seed=1, questions=[sample(), other])
    store = ProgressStore(tmp_path / "progress.json")
    first = QuizWidget(quiz, store=store)
    first.check(1)  # nothing written: a hint, nothing saved
    assert first.answered == 0 and MESSAGES["incomplete_short"] in first.cards[0].feedback_text
    first.cards[0].set_response(written([True, True, True]))
    first.check(1)
    first.cards[1].set_response(written([True, False, True]))
    first.check(2)
    assert first.score_text == "Score: 1 of 2 correct at the first try · 2 of 2 answered"
    assert "you marked 2 of 3 key points as covered" in first.cards[1].feedback_text
    saved = json.loads(store.path.read_text(encoding="utf-8"))["attempts"]
    assert [(a["answer"], a["correct"]) for a in saved] == [
        (written([True, True, True]), True), (written([True, False, True]), False)]
    again = QuizWidget(quiz, store=ProgressStore(store.path))  # a new kernel
    assert again.score_text == first.score_text
    assert again.cards[1].response() == written([True, False, True])


def test_the_book_page_holds_no_key_in_plain_text() -> None:
    question = sample()
    page = render_question(question, "q1", 1, "salt")
    assert 'data-fq-type="short"' in page and "<textarea" in page and 'for="q1-in"' in page
    for text in key_texts(question):
        assert text not in page and html.escape(text) not in page
        assert html.escape(text, quote=True) not in page
    assert 'data-fq-kp="3"' in page


def test_the_token_that_grades_opens_the_model_answer() -> None:
    question = sample()
    attrs = key_attributes(question, "salt-1")
    [entry] = attrs["k"].split()
    key = unwrap("salt-1", TOKEN, entry[12:])
    assert key == content_key("salt-1", question)
    payload = decode_feedback(key, encode_feedback(key, feedback_payload(question)))
    assert payload["a"] == MODEL and payload["p"] == POINTS and payload["e"] == \
        question.explanation


NODE_RUN = """
const core = require(process.argv[1]);
require(process.argv[2])(core);
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = input.responses.map(r => {
  const result = core.grade(input.q, input.config, r);
  return {correct: result.correct, message: result.message,
          fb: result.key ? core.decodeFeedback(result.key, input.fb) : null};
});
const opened = core.openKey(input.q, "s|all");
process.stdout.write(JSON.stringify({out: out,
  reveal: opened ? core.decodeFeedback(opened, input.fb) : null}));
"""


@pytest.mark.skipif(NODE is None, reason="Node is not installed")
def test_the_script_grades_as_python_and_reveals_with_the_grading_token() -> None:
    question = sample()
    salt = "salt-2"
    data = {"type": "short", "salt": salt, **key_attributes(question, salt), "options": 0,
            "items": len(question.items)}
    responses = [written([True] * 3), written([True, False, True]), written([False] * 3),
                 {"text": "  ", "covered": [True] * 3}, {"text": "x", "covered": [True] * 2},
                 "text", None, [True, True, True], {"text": "東" * 4000, "covered": [True] * 3}]
    payload = feedback_payload(question)
    proc = subprocess.run(
        [str(NODE), "-e", NODE_RUN, str(CORE_SCRIPT), str(script_path("short"))],
        input=json.dumps({"q": data, "config": grading_config(), "responses": responses,
                          "fb": encode_feedback(content_key(salt, question), payload)}),
        capture_output=True, text=True, check=True, timeout=60)
    result = json.loads(proc.stdout)
    for response, js in zip(responses, result["out"], strict=True):
        verdict = grade(question, response)
        assert (js["correct"], js["message"]) == (verdict.correct, verdict.message), response
        assert js["fb"] == (payload if verdict.correct else None)
    assert result["reveal"] == payload


# --- exports -----------------------------------------------------------------------------------


@pytest.fixture
def exported(tmp_path: Path) -> Callable[[str], Path]:
    quiz = Quiz(id="raa", title="Quiz", lesson="raa", seed=3, questions=[sample()])

    def export(fmt: str) -> Path:
        path = tmp_path / f"out.{FORMATS[fmt].extension}"
        result = export_quiz(quiz, fmt, path, ExportContext(timestamp=0.0))
        assert result.exported == [sample().id] and result.skipped == []
        return path
    return export


def test_moodle_xml_is_an_essay_with_the_model_answer_for_graders(
        exported: Callable[[str], Path]) -> None:
    path = exported("moodle-xml")
    assert parse_file(str(path)) == {"multichoice": [], "cloze": []}  # the reader accepts it
    [essay] = ET.parse(path).getroot().findall("question[@type='essay']")
    info = html.unescape(essay.findtext("graderinfo/text") or "")
    assert MESSAGES["model_answer"] in info and html.unescape(html.escape(MODEL)) in info
    assert all(esc(p) in (essay.findtext("graderinfo/text") or "") for p in POINTS)
    assert html.unescape(essay.findtext("questiontext/text") or "") == sample().prompt
    assert essay.findtext("responseformat") == "editor"
    assert "a quote" in (essay.findtext("generalfeedback/text") or "")


def test_gift_is_an_essay_with_the_model_answer_in_general_feedback(
        exported: Callable[[str], Path]) -> None:
    with exported("gift").open(encoding="utf-8") as handle:
        [read] = gift_parser.parseFile(handle)
    assert read.valid and type(read.answers).__name__ == "Essay"
    feedback = html.unescape(read.generalFeedback.replace("\\", ""))
    assert MODEL in html.unescape(feedback) and "Weigh both sides." in feedback
    assert all(p in html.unescape(feedback) for p in POINTS)


def test_qti_is_an_essay_shaped_as_text2qti_writes_one(exported: Callable[[str], Path]) -> None:
    from test_export import _package, _shape

    theirs = T2QTI(T2QQuiz("Quiz title: C\n\n1.  Why?\n... Because.\n____\n",
                           config=T2QConfig(), source_name="c.txt")).zip_bytes()
    _, _, t_assessment, _ = _package(theirs)
    _, _, o_assessment, _ = _package(exported("qti").read_bytes())
    ns = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
    [ours], [their] = o_assessment.iter(f"{ns}item"), t_assessment.iter(f"{ns}item")
    assert _shape(ours) == _shape(their)
    feedback = html.unescape(ours.find(f".//{ns}itemfeedback//{ns}mattext").text)
    assert html.escape(MODEL) in feedback or MODEL in html.unescape(feedback)
    assert "essay_question" in ET.tostring(ours, encoding="unicode")


def test_anki_note_has_the_prompt_in_front_and_the_model_answer_behind(
        exported: Callable[[str], Path], tmp_path: Path) -> None:
    with zipfile.ZipFile(exported("anki")) as archive:
        archive.extract("collection.anki2", tmp_path)
    connection = sqlite3.connect(tmp_path / "collection.anki2")
    try:
        notes = connection.execute("select guid, mid, flds, tags from notes").fetchall()
    finally:
        connection.close()
    [(_guid, mid, fields, tags)] = notes
    name, prompt, back, source = fields.split("\x1f")
    from factquiz.export.anki import SHORT_MODEL_ID
    assert (mid, name, prompt) == (SHORT_MODEL_ID, "short-why", "Why did they agree?")
    assert esc(MODEL) in back and all(esc(p) in back for p in POINTS)
    assert "a quote" in source and "short" in tags.split()


def test_csv_row_carries_the_model_answer_and_key_points(exported: Callable[[str], Path]) -> None:
    rows = list(csv.DictReader(io.StringIO(exported("csv").read_text(encoding="utf-8"))))
    assert [(r["type"], r["correct_answer"], json.loads(r["items"])) for r in rows] == [
        ("short", MODEL, POINTS)]


# --- the real project: CLI, add question, content rules ------------------------------------

def test_cli_preview_shows_the_model_answer_and_key_points() -> None:
    project = load_project(CONTENT_ROOT)
    lesson = next(q for q in sorted(project.quizzes)
                  if any(iq.type == "short" for iq in project.quizzes[q].quiz.instructor_questions))
    proc = run("quiz", lesson, "--answers", cwd=CONTENT_ROOT)
    assert proc.returncode == 0, proc.stderr
    text = " ".join(proc.stdout.split())
    shorts = [q for q in make_quiz(project, lesson).questions if q.type == "short"]
    for question in shorts:
        assert "Answer: " + " ".join(str(question.answer).split()) in text
        assert "Key points: (1) " + question.items[0] in text
    plain = " ".join(run("quiz", lesson, cwd=CONTENT_ROOT).stdout.split())
    assert not any(" ".join(str(q.answer).split()) in plain for q in shorts)


def test_add_question_writes_a_short_answer_question(make_project: Callable[..., Path]) -> None:
    root = make_project(files=frozen_files({"raa": SHORT}))
    proc = run("add", "question", "raa", "--type", "short", "--id", "why-later",
               "--prompt", "Why was the treaty signed later?", "--model-answer",
               "Ratification was still pending.", "--key-point", "ratification pending",
               "--key-point", "parliaments of both", "--level", "evaluate", "--explanation",
               "Weigh the steps.", "--fact", "raa-tokyo", "--yes", cwd=root)
    assert proc.returncode == 0, proc.stderr + proc.stdout
    text = (root / "quizzes" / "raa.yml").read_text(encoding="utf-8")
    assert "type: short" in text.split("why-later", 1)[1]
    assert "model_answer: Ratification was still pending." in text
    added = load(root).quizzes["raa"].quiz.instructor_questions[-1]
    assert (added.key_points, added.level) == (["ratification pending",
                                                 "parliaments of both"], "evaluate")


HIGHER = {"analyse", "evaluate"}


@pytest.mark.content
def test_every_lesson_has_two_instructor_questions_above_recall() -> None:
    project = load_project(CONTENT_ROOT)
    lessons = {f.lesson for f in project.facts} | set(project.quizzes)
    for lesson in sorted(lessons):
        assert lesson in project.quizzes, f"lesson {lesson} has no quiz file"
        higher = [iq for iq in project.quizzes[lesson].quiz.instructor_questions
                  if getattr(iq, "level", None) in HIGHER]
        assert len(higher) >= 2, f"{lesson}: {len(higher)} analyse/evaluate questions"


def content_words(text: str) -> set[str]:
    return {w for w in answer_key(text).split() if len(w) >= 5}


@pytest.mark.content
def test_every_key_point_rests_on_a_cited_fact_and_no_answer_is_printed_elsewhere() -> None:
    project = load_project(CONTENT_ROOT)
    bank = Bank.of(project)
    for lesson, loaded in sorted(project.quizzes.items()):
        made = [instructor_question(iq, f"{lesson}-{n}", random.Random(0), bank)
                for n, iq in enumerate(loaded.quiz.instructor_questions)]
        for question in made:
            if question.type != "short":
                continue
            assert question.answer.strip() and 2 <= len(question.items) <= 5, question.id
            statements = [bank.by_id[f].statement for f in question.fact_ids]
            for point in question.items:
                assert any(content_words(point) & content_words(s) for s in statements), \
                    f"{question.id}: key point '{point}' shares no word with its facts"
        for question in made:
            keys = {answer_key(t) for t in question_answers(question)} - {""}
            if question.type in ("tf", "matching", "ordering"):
                continue  # their facts' answers are not what the student picks
            for other in made:
                if other is question:
                    continue
                shown = " ".join(f" {answer_key(t)} " for t in shown_texts(other))
                printed = [k for k in keys if f" {k} " in shown]
                assert printed == [], f"{lesson}: {question.id}'s answer printed in {other.id}"
