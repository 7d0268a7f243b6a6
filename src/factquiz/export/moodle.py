"""Moodle XML (question bank import): every question type, feedback with citations.

Text goes into ``format="html"`` fields HTML-escaped, and ``xml.etree`` escapes it again
for XML, so quotes, ampersands and ``<`` arrive in Moodle exactly as written. Answer keys
that Moodle compares as plain text (short answers, numbers, matching choices) are not
HTML-escaped. Ordering uses the Ordering question type, standard since Moodle 4.4 (a
plugin before that). A short answer is an essay question, its model answer and key points
in the grader information (Moodle grades essays by hand).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..escape import html_text, xml_text
from ..feedback import feedback_html
from ..model import Question
from ..normalize import number_text
from ..qtypes.base import option_feedback
from ..qtypes.short import key_html
from ..quizmodel import Quiz
from .base import ExportContext, Format
from .common import export_kind, fuzzy_cloze_notes

PENALTY = "0.3333333"


def _text(parent: ET.Element, tag: str, value: str, fmt: str | None = "html",
          **attrs: str) -> ET.Element:
    """``<tag format=...><text>value</text></tag>`` under ``parent``."""
    element = ET.SubElement(parent, tag, {**({"format": fmt} if fmt else {}), **attrs})
    ET.SubElement(element, "text").text = xml_text(value)
    return element


def _header(quiz: Quiz, question: Question, qtype: str) -> ET.Element:
    element = ET.Element("question", {"type": qtype})
    _text(element, "name", question.id, fmt=None)
    _text(element, "questiontext", html_text(question.prompt))
    _text(element, "generalfeedback", feedback_html(question))
    ET.SubElement(element, "defaultgrade").text = "1"
    ET.SubElement(element, "penalty").text = PENALTY
    ET.SubElement(element, "hidden").text = "0"
    return element


def _answer(parent: ET.Element, fraction: str, text: str, fmt: str = "html",
            feedback: str = "") -> ET.Element:
    answer = _text(parent, "answer", text, fmt=fmt, fraction=fraction)
    _text(answer, "feedback", html_text(feedback) if feedback else "")
    return answer


def _combined_feedback(element: ET.Element) -> None:
    for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
        _text(element, tag, "")


def _tags(element: ET.Element, question: Question) -> None:
    tags = ET.SubElement(element, "tags")
    for fact_id in question.fact_ids:
        _text(tags, "tag", fact_id, fmt=None)


def question_element(quiz: Quiz, question: Question) -> ET.Element:
    """The ``<question>`` element for one question."""
    kind = export_kind(question)
    if kind == "mc":
        element = _header(quiz, question, "multichoice")
        ET.SubElement(element, "single").text = "true"
        # Options are already in the order the seed chose; shuffling would undo it.
        ET.SubElement(element, "shuffleanswers").text = "false"
        ET.SubElement(element, "answernumbering").text = "abc"
        _combined_feedback(element)
        for i, option in enumerate(question.options):  # with why a wrong one is wrong
            _answer(element, "100" if i == question.answer else "0", html_text(option),
                    feedback=option_feedback(question, i))
    elif kind == "tf":
        element = _header(quiz, question, "truefalse")
        _answer(element, "100" if question.answer == 0 else "0", "true", fmt="moodle_auto_format")
        _answer(element, "100" if question.answer == 1 else "0", "false", fmt="moodle_auto_format")
    elif kind == "cloze":
        element = _header(quiz, question, "shortanswer")
        ET.SubElement(element, "usecase").text = "0"
        for accepted in question.accepted:
            _answer(element, "100", accepted, fmt="moodle_auto_format")
    elif kind == "numeric":
        element = _header(quiz, question, "numerical")
        answer = _answer(element, "100", number_text(question.answer), fmt="moodle_auto_format")
        ET.SubElement(answer, "tolerance").text = number_text(question.tolerance)
        ET.SubElement(element, "unitgradingtype").text = "0"
        ET.SubElement(element, "unitpenalty").text = "0.1000000"
        ET.SubElement(element, "showunits").text = "3"
        ET.SubElement(element, "unitsleft").text = "0"
    elif kind == "matching":
        element = _header(quiz, question, "matching")
        ET.SubElement(element, "shuffleanswers").text = "true"
        _combined_feedback(element)
        used = set(question.answer)
        for i, item in enumerate(question.items):
            sub = _text(element, "subquestion", html_text(item))
            _text(sub, "answer", question.options[question.answer[i]], fmt=None)
        for j, option in enumerate(question.options):
            if j not in used:  # a choice no item takes: a distractor, as Moodle spells it
                sub = _text(element, "subquestion", "")
                _text(sub, "answer", option, fmt=None)
    elif kind == "ordering":
        element = _header(quiz, question, "ordering")
        ET.SubElement(element, "layouttype").text = "VERTICAL"
        ET.SubElement(element, "selecttype").text = "ALL"
        ET.SubElement(element, "selectcount").text = str(len(question.items))
        ET.SubElement(element, "gradingtype").text = "ALL_OR_NOTHING"
        ET.SubElement(element, "showgrading").text = "SHOW"
        ET.SubElement(element, "numberingstyle").text = "none"
        _combined_feedback(element)
        for rank, index in enumerate(question.answer, start=1):
            _text(element, "answer", html_text(question.items[index]), fraction=str(rank))
    elif kind == "short":
        element = _header(quiz, question, "essay")
        element.find("penalty").text = "0"  # type: ignore[union-attr]
        for tag, value in (("responseformat", "editor"), ("responserequired", "1"),
                           ("responsefieldlines", "10"), ("attachments", "0"),
                           ("attachmentsrequired", "0")):
            ET.SubElement(element, tag).text = value
        _text(element, "graderinfo", key_html(question))
        _text(element, "responsetemplate", "")
    else:
        raise ValueError(f"unknown question type {kind!r}")
    _tags(element, question)
    return element


def render(quiz: Quiz, questions: list[Question], context: ExportContext) -> bytes:
    """The quiz as a Moodle XML document: a category named after the lesson, then the questions."""
    root = ET.Element("quiz")
    category = ET.SubElement(root, "question", {"type": "category"})
    _text(category, "category", f"$course$/top/factquiz/{quiz.lesson}", fmt=None)
    _text(category, "info", html_text(quiz.title))
    for question in questions:
        root.append(question_element(quiz, question))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True,
                       short_empty_elements=False) + b"\n"


def _notes(questions: list[Question]) -> list[str]:
    notes = fuzzy_cloze_notes(questions, "Moodle short-answer questions")
    if any(q.type == "ordering" for q in questions):
        notes.append("ordering questions need Moodle 4.4 or later (or the Ordering plugin)")
    return notes


FORMAT = Format(
    name="moodle-xml",
    extension="xml",
    description="Moodle XML for the question bank (Question bank > Import > Moodle XML format)",
    render=render,
    carries=frozenset({"mc", "tf", "cloze", "numeric", "ordering", "matching", "short"}),
    notes=_notes,
)
