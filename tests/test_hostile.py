"""Hostile text in the data, through every writer and reader.

One fixture project holds a quiz whose every free-text field is a payload (HTML and
script, XML's ``]]>``, Jinja, GIFT's special characters, spreadsheet formulas, Rich
markup, line breaks, emoji, right-to-left marks). ``check`` accepts it; then each row of
the table below exports it and reads it back with that format's own parser, and the
terminal preview is checked. Control characters are refused by ``check`` (the second
table) yet still cannot break an export or the terminal.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import sqlite3
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_run import run
from fixture_project import ONE_QUIZ
from pygiftparser import parser as gift_parser
from pygiftparser.utils import transformSpecials

from factquiz.escape import (
    CSV_FORMULA_START,
    control_characters,
    csv_cell,
    gift_text,
    markdown_text,
    one_line,
    terminal_text,
    xml_text,
    yaml_scalar,
)
from factquiz.export import FORMATS, anki, context_for, export_quiz
from factquiz.generate import make_quiz
from factquiz.load import load_project
from factquiz.verify import check

SMALL = Path(__file__).parent / "books" / "small"

TITLE = "Quiz {{7*7}} <script>alert(1)</script>\n::injected::{=x} ]]> [/b]"
MARKUP = "[/b] [link=http://evil.example]click[/link] [bold]loud :smile:"
TEMPLATE = "{{7*7}} {% raw %}x{% endraw %} <script>alert(1)</script> <img src=x onerror=alert(2)>"
GIFT = "close } open { tilde ~ equals = hash # colon : backslash \\ ]]> <![CDATA[x]]>"
LINES = "first line\nsecond line\n::q2::[html]Injected{TRUE}"
WORLD = "The leaders met in _____ 😀 \u200fعربي\u202e right-to-left"
FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1:A2)"]
PAYLOADS = [TITLE, MARKUP, TEMPLATE, GIFT, LINES, WORLD, *FORMULAS]

FACTS = (SMALL / "facts" / "small.yml").read_text(encoding="utf-8")
LESSONS = f"lessons:\n  - id: hostile\n    title: {yaml_scalar(TITLE)}\n    page: book/hostile.md\n"
QUIZ = f"""\
title: {yaml_scalar(TITLE)}
lesson: hostile
questions: 6
mix: {{mc: 0, tf: 0, cloze: 0, numeric: 0, ordering: 0, matching: 0}}
seed: 3
instructor_questions:
  - id: city
    type: mc
    prompt: {yaml_scalar(MARKUP)}
    choices: [{", ".join(yaml_scalar(f) for f in FORMULAS)}]
    answer: {yaml_scalar(FORMULAS[0])}
    explanation: {yaml_scalar(GIFT)}
    facts: [small-perth]
  - id: sofa-us
    type: tf
    prompt: {yaml_scalar(TEMPLATE)}
    answer: true
    explanation: {yaml_scalar(LINES)}
    facts: [small-sofa-1960]
  - id: where
    type: cloze
    prompt: {yaml_scalar(WORLD)}
    accepted: [Tokyo]
    explanation: {yaml_scalar(MARKUP)}
    facts: [small-tokyo]
  - id: sofa-year
    type: numeric
    prompt: {yaml_scalar(GIFT)}
    answer: 1960
    explanation: {yaml_scalar(TEMPLATE)}
    facts: [small-sofa-1960]
  - id: order
    type: ordering
    prompt: {yaml_scalar(LINES)}
    items: [{yaml_scalar(FORMULAS[1])}, {yaml_scalar(MARKUP)}, {yaml_scalar(GIFT)},
            {yaml_scalar(WORLD)}]
    explanation: {yaml_scalar(WORLD)}
    facts: [small-sofa-1960, small-tokyo, small-perth, small-mmx-2029]
  - id: pairs
    type: matching
    prompt: {yaml_scalar(FORMULAS[2])}
    pairs:
      - {{item: "1960", answer: {yaml_scalar(FORMULAS[3])}}}
      - {{item: "2020", answer: {yaml_scalar(TEMPLATE)}}}
      - {{item: "2022", answer: {yaml_scalar(GIFT)}}}
      - {{item: "2029", answer: {yaml_scalar(WORLD)}}}
    explanation: {yaml_scalar(FORMULAS[1])}
    facts: [small-sofa-1960, small-tokyo, small-perth, small-mmx-2029]
"""


@pytest.fixture
def hostile(make_project: Callable[..., Path]) -> Path:
    return make_project(files={"lessons.yml": LESSONS, "facts/small.yml": FACTS,
                               "quizzes/hostile.yml": QUIZ})


def _texts(obj: object) -> list[str]:
    """Every string inside a JSON-like value."""
    if isinstance(obj, str):
        return [obj]
    if isinstance(obj, dict):
        return [t for v in obj.values() for t in _texts(v)]
    if isinstance(obj, list):
        return [t for v in obj for t in _texts(v)]
    return []


def _xml_texts(data: bytes) -> list[str]:
    """The text of every element and attribute, HTML fields unescaped (XML must parse)."""
    root = ET.fromstring(data)
    found = []
    for element in root.iter():
        found += [html.unescape(element.text or ""), *element.attrib.values()]
    return found


def read_moodle(path: Path) -> list[str]:
    return _xml_texts(path.read_bytes())


def read_qti(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return [t for name in archive.namelist() if name.endswith(".xml")
                for t in _xml_texts(archive.read(name))]


def read_gift(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as handle:
        parsed = gift_parser.parseFile(handle)
    assert parsed and all(q.valid for q in parsed)
    found = []
    for question in parsed:
        found += [question.title, question.text, question.generalFeedback]
        for answer in getattr(question.answers, "answers", []):
            found += [str(getattr(answer, name, "")) for name in ("answer", "question")]
    # pygiftparser ends a block at the first "}", even escaped (see test_export): plain-text
    # keys with a brace (matching choices) are found in the raw text, escaped as Moodle reads.
    return [html.unescape(transformSpecials(t)) for t in found] + [path.read_text("utf-8")]


def read_anki(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        database = path.parent / "collection.anki2"
        database.write_bytes(archive.read("collection.anki2"))
    connection = sqlite3.connect(database)
    try:
        notes = [fields.split("\x1f") for (fields,) in connection.execute("SELECT flds FROM notes")]
        decks = json.loads(connection.execute("SELECT decks FROM col").fetchone()[0])
    finally:
        connection.close()
    assert notes and all(len(fields) == len(anki.FIELDS) for fields in notes)  # none split
    return [html.unescape(f) for fields in notes for f in fields] + \
        [d["name"] for d in decks.values()]


def read_csv(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert len({len(row) for row in rows}) == 1  # every row has the header's columns
    cells = [cell for row in rows for cell in row]
    assert not [c for c in cells if c.startswith(CSV_FORMULA_START)]  # no formula runs
    return cells


def read_json(path: Path) -> list[str]:
    return _texts(json.loads(path.read_text(encoding="utf-8")))


# Each format's reader, and the forms a payload written in a text field may be read back as.
READERS: dict[str, tuple[Callable[[Path], list[str]], Callable[[str], list[str]]]] = {
    "moodle-xml": (read_moodle, lambda p: [p]),
    "qti": (read_qti, lambda p: [p]),
    "gift": (read_gift, lambda p: [p, gift_text(p)]),
    "anki": (read_anki, lambda p: [p]),
    "csv": (read_csv, lambda p: [csv_cell(p), json.dumps(p, ensure_ascii=False)]),  # in a list
    "json": (read_json, lambda p: [p]),
}


def test_check_accepts_the_hostile_bank(hostile: Path) -> None:
    assert [f.format() for f in check(load_project(hostile)) if f.severity == "error"] == []


@pytest.mark.parametrize("fmt", list(READERS))
def test_every_export_reads_back_every_payload(hostile: Path, tmp_path: Path, fmt: str) -> None:
    assert set(READERS) == set(FORMATS)
    project = load_project(hostile)
    quiz = make_quiz(project, "hostile")
    path = tmp_path / f"out.{FORMATS[fmt].extension}"
    result = export_quiz(quiz, fmt, path, context_for(project))
    reader, expected = READERS[fmt]
    text = "\n".join(reader(path))
    carried = {q.id for q in quiz.questions if q.id in result.exported}
    for question in quiz.questions:
        if question.id not in carried or fmt == "anki":
            continue  # anki carries the facts, not the instructor questions
        written = [question.prompt, question.explanation, *question.items, *question.accepted]
        written += question.options if question.type != "tf" else []
        for payload in written:
            assert any(form in text for form in expected(payload)), (fmt, question.id, payload)
    if fmt in ("moodle-xml", "qti"):
        assert TITLE in text  # the quiz title, as a text node or attribute
    if fmt == "gift":
        # The title with its line break stays in the comment: no question was injected.
        assert [q for q in gift_parser.parseFile(io.StringIO(path.read_text("utf-8")))
                if q.title == "injected"] == []


def test_the_terminal_preview_prints_payloads_as_plain_text(hostile: Path) -> None:
    result = run("quiz", "hostile", "--answers", cwd=hostile)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "Traceback" not in result.stderr
    for payload in (MARKUP, "[/b]", ":smile:", FORMULAS[0]):
        assert payload in result.stdout  # shown as typed: not markup, not an emoji
    assert WORLD.splitlines()[0] in result.stdout  # emoji and right-to-left marks kept
    for args in (("stats",), *(("stats", "--why", t) for t in ("mc", "cloze", "ordering")),
                 ("check",)):
        shown = run(*args, cwd=hostile)
        assert shown.returncode == 0, (args, shown.stderr)
        assert "\x1b" not in shown.stdout + shown.stderr and "Error" not in shown.stderr


# --- Control characters: refused by check, harmless everywhere else --------------------------

CONTROL = {"escape sequence": "\\e[31mred\\e[0m", "bell": "ring\\a", "C1 CSI": "x\\x9b2J",
           "NUL": "nul\\0", "unit separator": "a\\x1fb", "carriage return": "over\\rwrite"}


@pytest.mark.parametrize("name", list(CONTROL))
def test_check_refuses_control_characters_where_they_are(
        make_project: Callable[..., Path], name: str) -> None:
    quiz = QUIZ.replace(f"prompt: {yaml_scalar(WORLD)}", f'prompt: "{CONTROL[name]}"')
    root = make_project(files={"lessons.yml": LESSONS, "facts/small.yml": FACTS,
                               "quizzes/hostile.yml": quiz})
    line = quiz.splitlines().index(f'    prompt: "{CONTROL[name]}"') + 1
    findings = [f for f in check(load_project(root)) if f.code == "control-char"]
    assert [(f.path, f.line, f.col) for f in findings] == [("quizzes/hostile.yml", line, 13)]
    assert "fix" in findings[0].format()
    # The CLI says so, as plain text, and exits 1 (the data has problems).
    result = run("check", cwd=root)
    assert result.returncode == 1
    assert "control-char" in result.stderr and "\x1b" not in result.stderr + result.stdout


@pytest.mark.parametrize("where, text", [
    ("lessons.yml", LESSONS.replace(f"title: {yaml_scalar(TITLE)}", 'title: "\\e[2J clear"')),
    ("facts/small.yml", FACTS.replace("label: Japan-US status of forces agreement",
                                      'label: "\\e]8;;http://x\\a link"')),
])
def test_control_characters_in_lessons_and_facts(make_project: Callable[..., Path], where: str,
                                                 text: str) -> None:
    files = {"lessons.yml": LESSONS, "facts/small.yml": FACTS, "quizzes/hostile.yml": QUIZ}
    root = make_project(files={**files, where: text})
    assert text != files[where]
    findings = check(load_project(root))
    assert [f.path for f in findings if f.code == "control-char"] == [where]
    # One bad value hides nothing else: the facts and lessons still load.
    assert len(load_project(root).facts) == 4 and "hostile" in load_project(root).lessons


def test_non_finite_tolerance_is_refused(make_project: Callable[..., Path]) -> None:
    quiz = QUIZ.replace("    answer: 1960\n", "    answer: 1960\n    tolerance: .nan\n")
    root = make_project(files={"lessons.yml": LESSONS, "facts/small.yml": FACTS,
                               "quizzes/hostile.yml": quiz})
    codes = [f.code for f in check(load_project(root))]
    assert "non-finite" in codes


@pytest.mark.parametrize("fmt", list(READERS))
def test_exports_parse_even_with_control_characters(make_project: Callable[..., Path],
                                                    tmp_path: Path, fmt: str) -> None:
    """``export`` does not run ``check``: the files must still parse."""
    quiz = QUIZ.replace(f"prompt: {yaml_scalar(WORLD)}", 'prompt: "bad _____ \\e[31m \\x1f \\0 x"')
    quiz = quiz.replace(f"title: {yaml_scalar(TITLE)}", 'title: "T \\x0b\\x1f"')
    root = make_project(files={"lessons.yml": LESSONS, "facts/small.yml": FACTS,
                               "quizzes/hostile.yml": quiz})
    project = load_project(root)
    assert "hostile" in project.quizzes
    path = tmp_path / f"out.{FORMATS[fmt].extension}"
    export_quiz(make_quiz(project, "hostile"), fmt, path, context_for(project))
    READERS[fmt][0](path)


def test_terminal_strips_control_characters(make_project: Callable[..., Path]) -> None:
    quiz = QUIZ.replace(f"prompt: {yaml_scalar(WORLD)}", 'prompt: "bad _____ \\e[31m [/b] x"')
    root = make_project(files={"lessons.yml": LESSONS, "facts/small.yml": FACTS,
                               "quizzes/hostile.yml": quiz})
    result = run("quiz", "hostile", "--answers", cwd=root)
    assert result.returncode == 0, result.stderr
    assert "bad _____ [31m [/b] x" in result.stdout and "\x1b" not in result.stdout


# --- The book: a hostile lesson title runs no template and no HTML ---------------------------


def test_markdown_text_renders_as_written() -> None:
    from markdown_it import MarkdownIt

    for payload in PAYLOADS:
        rendered = MarkdownIt("commonmark").render(markdown_text(payload))
        flat = " ".join(payload.split())
        assert html.unescape(rendered.removeprefix("<p>").removesuffix("</p>\n")) == flat


@pytest.mark.xdist_group("book")
def test_new_lesson_title_runs_no_template_and_no_html_in_the_book(tmp_path: Path) -> None:
    """The real project enables MyST's ``substitution`` extension, which runs Jinja in a
    page; a lesson title typed at ``new-lesson`` must show as typed, in the page and in the
    sidebar of every page."""
    from books import copy_small_book

    from factquiz.authoring import new_lesson
    from factquiz.book import build_book

    root = copy_small_book(tmp_path / "book")
    config = root / "_config.yml"
    config.write_text(config.read_text(encoding="utf-8")
                      + "parse:\n  myst_enable_extensions: [colon_fence, substitution]\n",
                      encoding="utf-8")
    title = "{{ 7777*11 }} <script>window.__pwned = 1</script> {% if 1 %}jinja{% endif %} [/b] ]]>"
    result = new_lesson(root, "evil", title)
    assert result.toc == "_toc.yml"
    build_book(root, strict=False)  # the new quiz has no facts yet: that is only a warning
    page = (root / "_build" / "html" / "book" / "evil.html").read_text(encoding="utf-8")
    other = (root / "_build" / "html" / "book" / "hostile.html").read_text(encoding="utf-8")
    for html_page in (page, other):
        assert str(7777 * 11) not in html_page  # no template ran
        assert "<script>window.__pwned" not in html_page
    shown = html.escape(title, quote=False)
    assert f"<h1>{shown}" in page  # the heading reads exactly as typed
    assert shown in other  # and so does the sidebar entry of every page


# --- Each escaper, against its context's own parser --------------------------------------------

NASTY = [*PAYLOADS, "bell \x07 esc \x1b[2J csi \x9b1m nul \x00 us \x1f del \x7f", "", " lead",
         "\ufeffbom", "surrogate-free \U0001f600"]


def _yaml_round_trip(text: str) -> None:
    from ruamel.yaml import YAML

    assert YAML(typ="safe").load(f"key: {yaml_scalar(text)}\n")["key"] == text
    assert "\n" not in yaml_scalar(text)


def _xml_round_trip(text: str) -> None:
    element = ET.Element("t")
    element.text = xml_text(text)
    assert ET.fromstring(ET.tostring(element)).text in (xml_text(text), None)
    assert not control_characters(xml_text(text).replace("\r", ""))


def _csv_safe(text: str) -> None:
    cell = csv_cell(text)
    assert not cell.startswith(CSV_FORMULA_START)
    assert cell.removeprefix("'") == xml_text(text) or cell == xml_text(text)


def _terminal_plain(text: str) -> None:
    shown = terminal_text(text)
    assert not control_characters(shown) and "\x1b" not in shown and "\r" not in shown


def _gift_one_line(text: str) -> None:
    escaped = gift_text(text)
    assert "\n" not in escaped and "\r" not in escaped
    unescaped = re.sub(r"\\(.)", "", escaped)  # what is left once escapes are removed
    assert not set(unescaped) & set("~=#{}:")


def _comment_one_line(text: str) -> None:
    assert "\n" not in one_line(text) and not control_characters(one_line(text))


ESCAPERS = {"yaml": _yaml_round_trip, "xml": _xml_round_trip, "csv": _csv_safe,
            "terminal": _terminal_plain, "gift": _gift_one_line, "comment": _comment_one_line}


@pytest.mark.parametrize("context", list(ESCAPERS))
def test_each_escaper_holds_for_every_payload(context: str) -> None:
    for payload in NASTY:
        ESCAPERS[context](payload)


def test_add_fact_preview_prints_markup_as_typed(make_project: Callable[..., Path]) -> None:
    from test_add import SUGA, fact_flags

    root = make_project(copy=ONE_QUIZ)
    question = f"Who was Morrison's counterpart? {MARKUP} {TEMPLATE}"
    result = run("add", "fact", *fact_flags({**SUGA, "question": question}), "--dry-run",
                 cwd=root)
    assert result.returncode == 0, result.stderr
    assert "MarkupError" not in result.stderr and "\x1b" not in result.stdout
    assert MARKUP in result.stdout  # in the example question, shown as typed
    assert "dry run: nothing was written" in result.stdout
