"""Exports read back by independent third-party readers: counts, answers and text must match.

Readers: moodle-xml-parser (Moodle XML), pygiftparser (GIFT), text2qti (the QTI structure
Canvas imports), sqlite3 (the Anki collection inside the .apkg), csv/json (tabular).

Two readers cover less than the formats do, and the tests say so where it matters:
- moodle-xml-parser 0.3.1 reads only ``multichoice`` and ``cloze`` (multianswer)
  questions and skips every other type without a word, so the truefalse, shortanswer,
  numerical, matching and ordering questions are read back with ``xml.etree`` following
  Moodle's documented XML format.
- pygiftparser 1.1 ends an answer block at the first ``}`` even when it is escaped as
  ``\\}``. The exporter writes braces in HTML text as character references, which both
  Moodle and pygiftparser read; a brace inside a plain-text key (a short answer, a
  matching choice) must stay ``\\}`` for Moodle, so that case is checked on the raw text.
"""

from __future__ import annotations

import csv
import html
import io
import json
import sqlite3
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from pathlib import Path

import genanki
import pytest
from cli_run import run
from moodle_xml_parser.parser import parse_file
from pygiftparser import parser as gift_parser
from pygiftparser.utils import transformSpecials
from text2qti.config import Config as T2QConfig
from text2qti.qti import QTI as T2QTI
from text2qti.quiz import Quiz as T2QQuiz

from factquiz.escape import CSV_FORMULA_START
from factquiz.export import (
    FORMATS,
    ExportContext,
    NothingToExport,
    UnknownFormat,
    UnsupportedQuestionType,
    anki,
    context_for,
    export_quiz,
)
from factquiz.export.common import export_kind
from factquiz.feedback import feedback_text
from factquiz.generate import Quiz, make_quiz
from factquiz.load import load_project
from factquiz.model import Citation, Evidence, Fact, Kind, Question
from factquiz.qtypes.base import option_feedback

TRICKY = "It's \"quoted\" & <b>bold</b> {braces} ~tilde =equals #hash :colon — 日本 Ōsaka"
QTI_NS = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
CITATION = Citation(source_id="tokyo-raa-basic-agreement-2020", title=f"Title {TRICKY}",
                    published="2020-11-17", quote=f"a quote: {TRICKY}")


def question(qid: str, qtype: str, **fields: object) -> Question:
    return Question(id=qid, type=qtype, explanation=f"Because {TRICKY}", citations=[CITATION],
                    fact_ids=[f"fact-{qid}"], **fields)


QUESTIONS = [
    question("q-mc", "mc", prompt=f"Which? {TRICKY}",
             options=[f"A {TRICKY}", "B {b}", "C ~c & <c>", "D =d #d :d"], answer=1,
             option_feedback=[f"A is another pact: {TRICKY}", "", "", "=D came {later}"]),
    question("q-tf", "tf", prompt=f"True or false? {TRICKY}", options=["True", "False"], answer=1),
    question("q-cloze", "cloze", prompt=f"Signed in _____ ({TRICKY})",
             accepted=["Tokyo", 'Ōsaka "x" & #2 ~ = : <y>'], match="fuzzy"),
    question("q-num", "numeric", prompt=f"Which year? {TRICKY}", answer=1960, tolerance=0.5),
    question("q-ord", "ordering", prompt=f"Order {TRICKY}", items=[f"c {TRICKY}", "a", "b"],
             answer=[1, 2, 0]),
    question("q-match", "matching", prompt=f"Match {TRICKY}",
             items=[f"left {TRICKY}", "left two"],
             options=["right two & <x>", 'right "one" = # ~ : 東京', "spare choice"],
             answer=[1, 0]),
]
BY_ID = {q.id: q for q in QUESTIONS}


@pytest.fixture
def quiz() -> Quiz:
    return Quiz(id="raa", title=f"Quiz {TRICKY}", lesson="raa", seed=7, questions=QUESTIONS)


def exported(quiz: Quiz, fmt: str, tmp_path: Path, **kwargs: object):
    path = tmp_path / f"out.{FORMATS[fmt].extension}"
    return export_quiz(quiz, fmt, path, **kwargs), path


# --- Moodle XML ------------------------------------------------------------------------------


def test_moodle_xml_multichoice_read_back_by_moodle_xml_parser(quiz: Quiz, tmp_path: Path) -> None:
    result, path = exported(quiz, "moodle-xml", tmp_path)
    assert result.exported == [q.id for q in QUESTIONS] and result.skipped == []
    parsed = parse_file(str(path))
    (mc,) = parsed["multichoice"]
    source = BY_ID["q-mc"]
    assert mc.name == "q-mc"
    assert mc.text_pre_parse == source.prompt  # the parser unescapes XML, then HTML
    assert [o.answer for o in mc.options] == source.options
    assert [o.score_fraction for o in mc.options] == [0, 100, 0, 0]
    assert [o.feedback or "" for o in mc.options] == source.option_feedback  # why it is wrong
    assert mc.single is True
    # The parser undoes both escapes, so the feedback reads as the HTML Moodle shows.
    assert mc.general_feedback.startswith(f"<p>Because {TRICKY}</p><p>Source: <cite>Title ")
    assert mc.general_feedback.count(TRICKY) == 3  # explanation, source title, quote
    assert parsed["cloze"] == []  # shortanswer is not multianswer: read with etree below


def _text(element: ET.Element, path: str) -> str:
    found = element.find(path)
    assert found is not None, path
    return found.text or ""


def test_moodle_xml_every_type_read_back(quiz: Quiz, tmp_path: Path) -> None:
    _, path = exported(quiz, "moodle-xml", tmp_path)
    root = ET.parse(path).getroot()
    questions = [q for q in root.findall("question") if q.get("type") != "category"]
    assert [q.get("type") for q in questions] == [
        "multichoice", "truefalse", "shortanswer", "numerical", "ordering", "matching"]
    assert _text(root.find("question[@type='category']"), "category/text") == \
        "$course$/top/factquiz/raa"
    by_name = {_text(q, "name/text"): q for q in questions}
    for qid, element in by_name.items():
        assert html.unescape(_text(element, "questiontext/text")) == BY_ID[qid].prompt
        feedback = html.unescape(_text(element, "generalfeedback/text"))
        assert f"Because {TRICKY}" in feedback and f"a quote: {TRICKY}" in feedback
        assert [t.text for t in element.findall("tags/tag/text")] == [f"fact-{qid}"]
    tf = by_name["q-tf"]
    assert [(_text(a, "text"), a.get("fraction")) for a in tf.findall("answer")] == \
        [("true", "0"), ("false", "100")]
    short = by_name["q-cloze"]
    assert [_text(a, "text") for a in short.findall("answer")] == BY_ID["q-cloze"].accepted
    assert {a.get("fraction") for a in short.findall("answer")} == {"100"}
    numerical = by_name["q-num"]
    assert _text(numerical, "answer/text") == "1960"
    assert _text(numerical, "answer/tolerance") == "0.5"
    ordering = by_name["q-ord"]
    assert [html.unescape(_text(a, "text")) for a in ordering.findall("answer")] == \
        ["a", "b", f"c {TRICKY}"]
    assert _text(ordering, "selectcount") == "3"
    matching = by_name["q-match"]
    pairs = [(html.unescape(_text(s, "text")), _text(s, "answer/text"))
             for s in matching.findall("subquestion")]
    assert pairs == [(f"left {TRICKY}", 'right "one" = # ~ : 東京'),
                     ("left two", "right two & <x>"), ("", "spare choice")]


def test_moodle_xml_escaping_is_exact(quiz: Quiz, tmp_path: Path) -> None:
    _, path = exported(quiz, "moodle-xml", tmp_path)
    raw = path.read_text(encoding="utf-8")
    # HTML text is escaped twice (HTML, then XML); plain keys once (XML).
    assert ("Which? It's \"quoted\" &amp;amp; &amp;lt;b&amp;gt;bold&amp;lt;/b&amp;gt; {braces}"
            in raw)
    assert "<text>Ōsaka \"x\" &amp; #2 ~ = : &lt;y&gt;</text>" in raw
    assert raw.startswith("<?xml version='1.0' encoding='utf-8'?>\n<quiz>")


# --- GIFT ------------------------------------------------------------------------------------


def _gift(value: str, html_text: bool = True) -> str:
    text = transformSpecials(value).strip()
    return html.unescape(text) if html_text else text


def test_gift_read_back_by_pygiftparser(quiz: Quiz, tmp_path: Path) -> None:
    result, path = exported(quiz, "gift", tmp_path)
    assert [(s.id, s.type) for s in result.skipped] == [("q-ord", "ordering")]
    assert result.skipped[0].reason == "GIFT has no ordering question type (use moodle-xml)"
    with path.open(encoding="utf-8") as handle:
        parsed = gift_parser.parseFile(handle)
    assert [q.title for q in parsed] == ["q-mc", "q-tf", "q-cloze", "q-num", "q-match"]
    assert all(q.valid for q in parsed)
    by_title = {q.title: q for q in parsed}
    for qid, read in by_title.items():
        assert read.cat == "$course$/top/factquiz/raa"
        assert read.markup == "html"
        assert _gift(read.text) == BY_ID[qid].prompt
        feedback = _gift(read.generalFeedback)
        assert f"Because {TRICKY}" in feedback and f"Title {TRICKY}" in feedback
    mc = by_title["q-mc"].answers
    assert type(mc).__name__ == "SelectSet"
    assert [_gift(a.answer) for a in mc.answers] == BY_ID["q-mc"].options
    assert [a.fraction for a in mc.answers] == [0, 100, 0, 0]
    assert [_gift(a.feedback or "") for a in mc.answers] == BY_ID["q-mc"].option_feedback
    tf = by_title["q-tf"].answers
    assert type(tf).__name__ == "TrueFalseSet" and tf.answer is False
    short = by_title["q-cloze"].answers
    assert type(short).__name__ == "ShortSet"
    assert [_gift(a.answer, html_text=False) for a in short.answers] == BY_ID["q-cloze"].accepted
    numeric = by_title["q-num"].answers
    assert [(a.value, a.tolerance) for a in numeric.answers] == [(1960.0, 0.5)]
    matching = by_title["q-match"].answers
    assert type(matching).__name__ == "MatchingSet"
    assert [(_gift(a.question), _gift(a.answer, html_text=False)) for a in matching.answers] == [
        (f"left {TRICKY}", 'right "one" = # ~ : 東京'), ("left two", "right two & <x>"),
        ("", "spare choice")]


def test_gift_escapes_special_characters_in_keys(tmp_path: Path) -> None:
    cloze = question("q-braces", "cloze", prompt="Name _____", accepted=["a}b{c", "back\\slash"])
    quiz = Quiz(id="raa", title="T", lesson="raa", seed=1, questions=[cloze])
    _, path = exported(quiz, "gift", tmp_path)
    raw = path.read_text(encoding="utf-8")
    assert "=a\\}b\\{c\n=back\\\\slash\n" in raw
    assert "::q-braces::[html]Name _____{\n" in raw


def test_gift_multiline_text_stays_one_question(tmp_path: Path) -> None:
    two_lines = question("q-lines", "tf", prompt="First line\n\nsecond line", options=["True",
                         "False"], answer=0)
    quiz = Quiz(id="raa", title="T", lesson="raa", seed=1, questions=[two_lines])
    _, path = exported(quiz, "gift", tmp_path)
    with path.open(encoding="utf-8") as handle:
        (read,) = gift_parser.parseFile(handle)
    assert read.text == "First line\n\nsecond line"  # pygiftparser turns \n back into newlines
    assert read.answers.answer is True


# --- QTI (Canvas) ----------------------------------------------------------------------------

T2Q_TEXT = """Quiz title: Compare
Quiz description: The same questions through text2qti

1.  Which one?
... Because.
+   Correct.
-   Not quite.
a)  A
... A is another treaty.
*b) B
c)  C
d)  D
... D came later.

2.  Is it so?
... Because.
+   Correct.
-   Not quite.
a)  True
... It was signed in 2022.
*b) False

3.  Signed in _____?
... Because.
*   Tokyo
*   Tokio

4.  Which year?
... Because.
=   1960 +- 0.5
"""
SAME_AS_T2Q = [
    question("c-mc", "mc", prompt="Which one?", options=["A", "B", "C", "D"], answer=1,
             option_feedback=["A is another treaty.", "", "", "D came later."]),
    question("c-tf", "tf", prompt="Is it so?", options=["True", "False"], answer=1,
             option_feedback=["It was signed in 2022.", ""]),
    question("c-cloze", "cloze", prompt="Signed in _____?", accepted=["Tokyo", "Tokio"]),
    question("c-num", "numeric", prompt="Which year?", answer=1960, tolerance=0.5),
]
NOT_IDS = {"ident", "title", "identifier", "identifierref", "href"}
#: Feedback every item has under the same name; a choice's feedback is named after the choice.
NAMED_FEEDBACK = {"general_fb", "correct_fb", "general_incorrect_fb"}


def _attribute(name: str, value: str) -> tuple[str, str]:
    if name == "linkrefid" and value not in NAMED_FEEDBACK:
        return name, "<choice id>_fb" if value.endswith("_fb") else value
    return name, value


def _shape(element: ET.Element) -> tuple[object, ...]:
    """Tag, attributes (but identifiers) and children: the structure, not the content."""
    attrs = tuple(sorted(_attribute(k.split("}")[-1], v) for k, v in element.attrib.items()
                         if k.split("}")[-1] not in NOT_IDS))
    return (element.tag.split("}")[-1], attrs, tuple(_shape(c) for c in element))


def _package(data: bytes) -> tuple[list[str], ET.Element, ET.Element, ET.Element]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = archive.namelist()
    manifest = ET.fromstring(archive.read("imsmanifest.xml"))
    ns = {"m": "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"}
    qti_href = manifest.find("m:resources/m:resource[@type='imsqti_xmlv1p2']/m:file", ns)
    meta_href = manifest.find("m:resources/m:resource/m:file[@href]", ns)
    hrefs = [f.get("href") for f in manifest.iterfind("m:resources/m:resource/m:file", ns)]
    assert set(hrefs) <= set(names)
    assert meta_href is not None and qti_href is not None
    meta_name = next(h for h in hrefs if h.endswith("assessment_meta.xml"))
    return names, manifest, ET.fromstring(archive.read(qti_href.get("href"))), \
        ET.fromstring(archive.read(meta_name))


def _layout(names: list[str]) -> list[str]:
    folder = next(n.split("/")[0] for n in names if n.endswith("/assessment_meta.xml"))
    return sorted(n.replace(folder, "ID") for n in names)


def test_qti_has_the_structure_text2qti_gives_canvas(tmp_path: Path) -> None:
    theirs = T2QTI(T2QQuiz(T2Q_TEXT, config=T2QConfig(), source_name="compare.txt")).zip_bytes()
    quiz = Quiz(id="compare", title="Compare", lesson="raa", seed=1, questions=SAME_AS_T2Q)
    _, path = exported(quiz, "qti", tmp_path)
    t_names, t_manifest, t_assessment, t_meta = _package(theirs)
    o_names, o_manifest, o_assessment, o_meta = _package(path.read_bytes())
    assert _layout(o_names) == _layout(t_names) == [
        "ID/ID.xml", "ID/assessment_meta.xml", "imsmanifest.xml", "non_cc_assessments/"]

    def resources(manifest: ET.Element) -> list[tuple[object, ...]]:
        return [_shape(r) for r in manifest.iter() if r.tag.endswith("}resources")]

    assert resources(o_manifest) == resources(t_manifest)
    assert o_assessment.tag == t_assessment.tag == f"{QTI_NS}questestinterop"
    t_items = list(t_assessment.iter(f"{QTI_NS}item"))
    o_items = list(o_assessment.iter(f"{QTI_NS}item"))
    assert len(o_items) == len(t_items) == 4
    for ours, theirs_item in zip(o_items, t_items, strict=True):
        assert _shape(ours) == _shape(theirs_item)
    t_meta_tags = {e.tag for e in t_meta.iter()}
    assert {e.tag for e in o_meta.iter()} <= t_meta_tags  # only settings Canvas knows


def _field(item: ET.Element, label: str) -> str:
    for field in item.iter(f"{QTI_NS}qtimetadatafield"):
        if field.findtext(f"{QTI_NS}fieldlabel") == label:
            return field.findtext(f"{QTI_NS}fieldentry") or ""
    raise AssertionError(label)


def test_qti_read_back(quiz: Quiz, tmp_path: Path) -> None:
    result, path = exported(quiz, "qti", tmp_path)
    assert [(s.id, s.type, s.reason) for s in result.skipped] == [
        ("q-ord", "ordering", "Canvas classic quizzes (QTI 1.2) have no ordering question type")]
    _, _, assessment, meta = _package(path.read_bytes())
    assert assessment.find(f"{QTI_NS}assessment").get("title") == f"Quiz {TRICKY}"
    items = {i.get("title"): i for i in assessment.iter(f"{QTI_NS}item")}
    assert list(items) == ["q-mc", "q-tf", "q-cloze", "q-num", "q-match"]
    assert [_field(i, "question_type") for i in items.values()] == [
        "multiple_choice_question", "true_false_question", "short_answer_question",
        "numerical_question", "matching_question"]
    assert meta.findtext("{http://canvas.instructure.com/xsd/cccv1p0}points_possible") == "5.0"
    for qid, item in items.items():
        prompt = item.find(f"{QTI_NS}presentation/{QTI_NS}material/{QTI_NS}mattext")
        assert html.unescape(prompt.text) == BY_ID[qid].prompt
        feedback = item.find(f".//{QTI_NS}itemfeedback[@ident='general_fb']//{QTI_NS}mattext")
        assert f"Because {TRICKY}" in html.unescape(feedback.text)
    for qid in ("q-mc", "q-tf"):
        labels = list(items[qid].iter(f"{QTI_NS}response_label"))
        texts = [html.unescape(label.find(f".//{QTI_NS}mattext").text) for label in labels]
        assert texts == BY_ID[qid].options
        correct = items[qid].find(f".//{QTI_NS}setvar/../{QTI_NS}conditionvar/{QTI_NS}varequal")
        assert correct.text == labels[BY_ID[qid].answer].get("ident")
        answer = BY_ID[qid].options[BY_ID[qid].answer]
        assert _qti_feedback(items[qid], "correct_fb") == f"<p>Correct. {answer}</p>"
        assert _qti_feedback(items[qid], "general_incorrect_fb") == \
            f"<p>Not quite. The right answer: {answer}</p>"
    # Each option with a reason: shown (by Canvas) when that option is chosen.
    mc = items["q-mc"]
    shown = {c.find(f"{QTI_NS}conditionvar/{QTI_NS}varequal").text:
             c.find(f"{QTI_NS}displayfeedback").get("linkrefid")
             for c in mc.iter(f"{QTI_NS}respcondition")
             if c.get("continue") == "Yes" and c.find(f".//{QTI_NS}varequal") is not None}
    labels = [label.get("ident") for label in mc.iter(f"{QTI_NS}response_label")]
    assert {labels.index(choice): _qti_feedback(mc, link) for choice, link in shown.items()} \
        == {0: f"<p>A is another pact: {TRICKY}</p>", 3: "<p>=D came {later}</p>"}
    # A choice question without reasons has the general, correct and incorrect feedback only.
    assert [f.get("ident") for f in items["q-tf"].iter(f"{QTI_NS}itemfeedback")] == [
        "general_fb", "correct_fb", "general_incorrect_fb"]
    keys = [v.text for v in items["q-cloze"].iter(f"{QTI_NS}varequal")]
    assert keys == BY_ID["q-cloze"].accepted
    numeric = items["q-num"]
    assert [numeric.find(f".//{QTI_NS}{tag}").text for tag in ("varequal", "vargte", "varlte")] \
        == ["1960", "1959.5", "1960.5"]
    matching = items["q-match"]
    lids = matching.findall(f".//{QTI_NS}response_lid")
    assert [lid.find(f"{QTI_NS}material/{QTI_NS}mattext").text for lid in lids] == \
        BY_ID["q-match"].items
    label_text = {label.get("ident"): label.find(f".//{QTI_NS}mattext").text
                  for label in lids[0].iter(f"{QTI_NS}response_label")}
    chosen = {v.get("respident"): label_text[v.text] for v in matching.iter(f"{QTI_NS}varequal")}
    assert [chosen[f"{lid.get('ident')}"] for lid in lids] == [
        'right "one" = # ~ : 東京', "right two & <x>"]
    assert [s.text for s in matching.iter(f"{QTI_NS}setvar")] == ["50.00", "50.00"]


def _qti_feedback(item: ET.Element, ident: str) -> str:
    """The HTML an item's ``itemfeedback`` shows (XML-unescaped, as Canvas reads it)."""
    found = item.find(f"{QTI_NS}itemfeedback[@ident='{ident}']//{QTI_NS}mattext")
    assert found is not None, ident
    return html.unescape(found.text)


def test_qti_same_seed_same_bytes(quiz: Quiz, tmp_path: Path) -> None:
    first = export_quiz(quiz, "qti", tmp_path / "a.zip").path.read_bytes()
    second = export_quiz(quiz, "qti", tmp_path / "b.zip").path.read_bytes()
    assert first == second


# --- Anki ------------------------------------------------------------------------------------


def _fact(fid: str, answer: str, lesson: str = "raa") -> Fact:
    return Fact(id=fid, lesson=lesson, statement=f"The answer is {answer}; {TRICKY}.",
                question=f"Question about {fid}? {TRICKY}", answer=answer, aliases=["alias & co"],
                kind=Kind.concept, evidence=[Evidence(source="tokyo-raa-basic-agreement-2020",
                                                      quote=f"quoted {TRICKY}")])


def _notes(path: Path, tmp_path: Path) -> tuple[list[tuple[str, int, list[str], str]], dict]:
    with zipfile.ZipFile(path) as archive:
        assert set(archive.namelist()) == {"collection.anki2", "media"}
        archive.extract("collection.anki2", tmp_path)
    connection = sqlite3.connect(tmp_path / "collection.anki2")
    try:
        notes = [(guid, mid, fields.split("\x1f"), tags) for guid, mid, fields, tags in
                 connection.execute("SELECT guid, mid, flds, tags FROM notes ORDER BY id")]
        decks = {int(k): v for k, v in json.loads(
            connection.execute("SELECT decks FROM col").fetchone()[0]).items()}
        card_decks = {did for (did,) in connection.execute("SELECT did FROM cards")}
        cards = connection.execute("SELECT count(*) FROM cards").fetchone()[0]
    finally:
        connection.close()
    (tmp_path / "collection.anki2").unlink()
    return notes, {"decks": decks, "card_decks": card_decks, "cards": cards}


def test_anki_one_note_per_fact_with_stable_ids(repo_root: Path, tmp_path: Path) -> None:
    project = load_project(repo_root)
    facts = {f.id: f for f in (_fact("fact-one", "first"), _fact("fact-two", "second"))}
    context = ExportContext(facts=facts, sources=dict(project.sources), timestamp=1.7e9)
    asked = [question("a1", "tf", prompt="x", options=["True", "False"], answer=0,
                      option_feedback=["", f"It was signed: {TRICKY}"]),
             question("a2", "cloze", prompt="y _____", accepted=["z"])]
    asked = [asked[0].model_copy(update={"fact_ids": ["fact-one", "fact-two"]}),
             asked[1].model_copy(update={"fact_ids": ["fact-two"]})]
    quiz = Quiz(id="raa", title=f"Quiz {TRICKY}", lesson="raa", seed=3, questions=asked)
    result = export_quiz(quiz, "anki", tmp_path / "deck.apkg", context)
    assert result.exported == ["a1", "a2"] and result.skipped == []
    notes, info = _notes(tmp_path / "deck.apkg", tmp_path)
    assert [n[0] for n in notes] == [genanki.guid_for("fact-one"), genanki.guid_for("fact-two")]
    assert {n[1] for n in notes} == {anki.MODEL_ID}
    fact_id, front, back, statement, source, wrong_options = notes[0][2]
    # The back says why the wrong option of the true/false question anchored on the fact is
    # wrong, escaped for Anki's HTML; the other fact's card has no choice question on it.
    assert wrong_options == f"<ul><li>False: It was signed: {html.escape(TRICKY, quote=False)}" \
        "</li></ul>"
    assert notes[1][2][5] == ""
    assert fact_id == "fact-one"
    assert html.unescape(front) == facts["fact-one"].question
    assert html.unescape(back) == "first (also: alias & co)"
    assert html.unescape(statement) == facts["fact-one"].statement
    assert html.unescape(source) == (
        f"Source: <cite>{project.sources['tokyo-raa-basic-agreement-2020'].meta.title}</cite> "
        f"(2020-11-17): “quoted {TRICKY}”")
    assert notes[0][3].split() == ["raa", "concept"]
    assert info["cards"] == 2
    assert info["card_decks"] == {anki.deck_id("raa")}
    assert info["decks"][anki.deck_id("raa")]["name"] == f"factquiz::Quiz {TRICKY}"

    # Another seed and another day: the same deck, note type and notes, so Anki updates.
    again = quiz.model_copy(update={"seed": 99, "questions": list(reversed(asked))})
    later = ExportContext(facts=facts, sources=dict(project.sources), timestamp=1.8e9)
    export_quiz(again, "anki", tmp_path / "again.apkg", later)
    notes_again, info_again = _notes(tmp_path / "again.apkg", tmp_path)
    assert sorted(n[0] for n in notes_again) == sorted(n[0] for n in notes)
    assert {n[1] for n in notes_again} == {anki.MODEL_ID}
    assert info_again["card_decks"] == info["card_decks"]


def test_anki_refuses_a_question_naming_an_unknown_fact(tmp_path: Path) -> None:
    quiz = Quiz(id="raa", title="T", lesson="raa", seed=1, questions=[QUESTIONS[0]])
    with pytest.raises(anki.FactNotFound, match="question q-mc names fact 'fact-q-mc', which "
                       "is not in the fact bank; run `factquiz check`"):
        export_quiz(quiz, "anki", tmp_path / "x.apkg", ExportContext())
    assert not (tmp_path / "x.apkg").exists()


# --- CSV and JSON ----------------------------------------------------------------------------


def test_csv_round_trip(quiz: Quiz, tmp_path: Path) -> None:
    result, path = exported(quiz, "csv", tmp_path)
    assert result.skipped == []
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(QUESTIONS)
    for row, original in zip(rows, QUESTIONS, strict=True):
        assert row["id"] == original.id and row["prompt"] == original.prompt
        rebuilt = Question(id=row["id"], type=row["type"], prompt=row["prompt"],
                           options=json.loads(row["options"]), items=json.loads(row["items"]),
                           answer=json.loads(row["answer"]), accepted=json.loads(row["accepted"]),
                           tolerance=json.loads(row["tolerance"]), match=row["match"],
                           explanation=row["explanation"],
                           option_feedback=json.loads(row["option_feedback"]),
                           citations=json.loads(row["citations"]),
                           fact_ids=json.loads(row["fact_ids"]))
        assert rebuilt == original
        assert row["feedback"] == feedback_text(original)
        assert not any(cell.startswith(CSV_FORMULA_START) for cell in row.values())
    correct = {row["id"]: row["correct_answer"] for row in rows}
    # The type's one answer text: a cloze's first accepted answer (all are in `accepted`).
    assert correct == {
        "q-mc": "B {b}", "q-tf": "False", "q-cloze": "Tokyo",
        "q-num": "1960 ± 0.5", "q-ord": f"a → b → c {TRICKY}",
        "q-match": f'left {TRICKY} → right "one" = # ~ : 東京; left two → right two & <x>'}


def test_json_round_trip(quiz: Quiz, tmp_path: Path) -> None:
    _, path = exported(quiz, "json", tmp_path)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert Quiz.model_validate(document) == quiz
    mc = next(q for q in document["questions"] if q["id"] == "q-mc")
    assert mc["option_feedback"] == BY_ID["q-mc"].option_feedback  # aligned with the options
    assert len(mc["option_feedback"]) == len(mc["options"])
    assert "— 日本 Ōsaka" in path.read_text(encoding="utf-8")  # UTF-8, not \u-escaped


# --- What cannot be carried, errors, the real quizzes --------------------------------------------


def test_strict_refuses_and_writes_nothing(quiz: Quiz, tmp_path: Path) -> None:
    with pytest.raises(UnsupportedQuestionType) as caught:
        export_quiz(quiz, "gift", tmp_path / "x.gift", strict=True)
    assert str(caught.value) == (
        "gift cannot carry 1 question(s) of quiz raa: q-ord (ordering): GIFT has no ordering "
        "question type (use moodle-xml); nothing was written (drop --strict to export the others)")
    assert [s.id for s in caught.value.skipped] == ["q-ord"]
    assert not (tmp_path / "x.gift").exists()


def test_nothing_to_export(tmp_path: Path) -> None:
    only_ordering = Quiz(id="raa", title="T", lesson="raa", seed=1, questions=[BY_ID["q-ord"]])
    with pytest.raises(NothingToExport, match="quiz raa has no question that qti can carry: "
                       "q-ord \\(ordering\\)"):
        export_quiz(only_ordering, "qti", tmp_path / "x.zip")
    assert not (tmp_path / "x.zip").exists()


def test_unknown_format(quiz: Quiz, tmp_path: Path) -> None:
    with pytest.raises(UnknownFormat, match="unknown export format 'pdf'; use one of: "
                       "moodle-xml, gift, qti, anki, csv, json"):
        export_quiz(quiz, "pdf", tmp_path / "x.pdf")


@pytest.mark.content
def test_real_quizzes_round_trip_through_the_readers(repo_root: Path, tmp_path: Path) -> None:
    project = load_project(repo_root)
    context = context_for(project)
    assert project.quizzes, "the project has quiz files"
    for quiz_id in sorted(project.quizzes):
        variant = make_quiz(project, quiz_id, seed=5)
        carried = [q for q in variant.questions if q.type != "ordering"]
        moodle = export_quiz(variant, "moodle-xml", tmp_path / f"{quiz_id}.xml", context)
        assert moodle.skipped == []
        parsed = parse_file(str(moodle.path))
        # Choice-shaped types (cause, what changed, evidence, source, contested) go out as
        # multiple choice.
        mcs = {q.id: q for q in variant.questions if export_kind(q) == "mc"}
        assert {m.name for m in parsed["multichoice"]} == set(mcs)
        for read in parsed["multichoice"]:
            assert [o.answer for o in read.options] == mcs[read.name].options
            assert [o.score_fraction for o in read.options].index(100) == mcs[read.name].answer
            assert [o.feedback or "" for o in read.options] == [
                option_feedback(mcs[read.name], i) for i in range(len(read.options))]
        qti = export_quiz(variant, "qti", tmp_path / f"{quiz_id}.zip", context)
        _, _, assessment, _ = _package(qti.path.read_bytes())
        for item in assessment.iter(f"{QTI_NS}item"):  # Canvas's per-answer feedback
            if item.get("title") in mcs:
                reasons = [why for why in mcs[item.get("title")].option_feedback if why]
                shown = [_qti_feedback(item, f.get("ident")) for f in
                         item.iter(f"{QTI_NS}itemfeedback") if f.get("ident") not in
                         NAMED_FEEDBACK]
                assert shown == [f"<p>{why}</p>" for why in reasons]
        gift = export_quiz(variant, "gift", tmp_path / f"{quiz_id}.gift", context)
        with gift.path.open(encoding="utf-8") as handle:
            read_gift = gift_parser.parseFile(handle)
        assert [q.title for q in read_gift] == [q.id for q in carried]
        assert all(q.valid for q in read_gift)
        apkg = export_quiz(variant, "anki", tmp_path / f"{quiz_id}.apkg", context)
        notes, _ = _notes(apkg.path, tmp_path)
        fact_ids = list(dict.fromkeys(f for q in variant.questions if q.type != "short"
                                      for f in q.fact_ids))
        shorts = [anki.short_note(variant, q).guid for q in variant.questions
                  if q.type == "short"]  # a short answer is a note of its own
        assert [n[0] for n in notes] == [genanki.guid_for(f) for f in fact_ids] + shorts


# --- The command --------------------------------------------------------------------------------



def test_export_command_names_what_it_leaves_out(make_project: Callable[..., Path]) -> None:
    root = make_project(copy=("facts", "quizzes"))
    result = run("export", "foundations", "--format", "gift", "--seed", "4", cwd=root)
    assert result.returncode == 0, result.stderr
    variant = make_quiz(load_project(root), "foundations", seed=4)
    ordering = [q for q in variant.questions if q.type == "ordering"]
    assert ordering, "the foundations quiz has an instructor ordering question"
    for q in ordering:
        assert (f"warning: left out {q.id} (ordering): GIFT has no ordering question type "
                "(use moodle-xml)") in result.stderr
    total = len(variant.questions)
    assert result.stdout.strip() == (f"wrote exports/foundations-4.gift: {total - len(ordering)} "
                                     f"of {total} questions of quiz foundations (seed 4) as gift")
    assert (root / "exports" / "foundations-4.gift").is_file()

    strict = run("export", "foundations", "-f", "qti", "--seed", "4", "--strict", "-o",
                 "out.zip", cwd=root)
    assert strict.returncode == 2
    assert "qti cannot carry" in strict.stderr and "nothing was written" in strict.stderr
    assert not (root / "out.zip").exists()

    unknown = run("export", "foundations", "-f", "pdf", cwd=root)
    assert unknown.returncode == 2
    assert "'pdf' is not one of 'moodle-xml', 'gift', 'qti', 'anki', 'csv', 'json'" in \
        unknown.stderr
