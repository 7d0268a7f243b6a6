"""Anki deck (.apkg via genanki): one note per fact the quiz asks about, source on the back.

Identity is what lets a re-export update a student's cards instead of duplicating them
or wiping their review history: the deck id comes from the quiz id, the note type (model)
id is fixed, and each note's guid is ``genanki.guid_for(fact id)``. Anki matches imported
notes to existing ones by guid and keeps their scheduling, so exporting again (another
seed, corrected wording, more facts) updates and adds notes; it never removes any.
A short-answer question gets a note of its own instead (prompt; model answer, key points
and sources on the back), its guid from the quiz and the question's name in the quiz file.

The back of a fact's card also lists why each wrong option of the quiz's choice questions
on that fact is wrong (field ``WrongOptions``, empty when they give no reasons). That
field was added to the note type without changing its id (genanki does not require a new
one): guids stay the same, and Anki 2.1.55 or later, importing with "Merge note types",
updates cards exported before the field existed and keeps their review history, which a
new note type id would prevent.
"""

from __future__ import annotations

import io
import itertools
import re
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import FactquizError
from ..escape import html_text, xml_text
from ..factbank import Bank
from ..feedback import citation_html
from ..model import Fact, Question
from ..qtypes.base import option_feedback
from ..qtypes.short import key_html
from ..quizmodel import Quiz
from .base import ExportContext, Format
from .common import export_kind, stable_int

if TYPE_CHECKING:  # genanki is imported only when a deck is written (start-up cost)
    import genanki

MODEL_ID = stable_int("factquiz", "anki-model", "fact-v1")  # kept when fields were added
#: The export kinds whose options a card's back explains.
CHOICE_KINDS = ("mc", "tf")
FIELDS = ("FactId", "Question", "Answer", "Statement", "Source", "WrongOptions")
CSS = """.card { font-family: sans-serif; font-size: 20px; text-align: left; color: black;
  background-color: white; }
.answer { font-weight: bold; }
.statement { margin-top: 0.5em; }
.source { margin-top: 1em; font-size: 16px; }
.why-not { margin-top: 1em; font-size: 16px; }
"""
@cache
def fact_model() -> genanki.Model:
    """The note type of every fact (genanki is imported only when a deck is written)."""
    import genanki

    return genanki.Model(
        MODEL_ID,
        "factquiz fact",
        fields=[{"name": name} for name in FIELDS],
        templates=[{
            "name": "Question → answer",
            "qfmt": '<div class="question">{{Question}}</div>',
            "afmt": '{{FrontSide}}<hr id="answer"><div class="answer">{{Answer}}</div>'
                    '<div class="statement">{{Statement}}</div>'
                    '<div class="source">{{Source}}</div>'
                    '{{#WrongOptions}}<div class="why-not">Why not the others:'
                    '{{WrongOptions}}</div>{{/WrongOptions}}',
        }],
        css=CSS,
        sort_field_index=1,
    )


SHORT_MODEL_ID = stable_int("factquiz", "anki-model", "short-v1")
SHORT_FIELDS = ("QuestionId", "Prompt", "ModelAnswer", "Source")


@cache
def short_model() -> genanki.Model:
    """The note type of a short-answer question: the prompt; on the back its model answer,
    key points and sources."""
    import genanki

    return genanki.Model(
        SHORT_MODEL_ID,
        "factquiz short answer",
        fields=[{"name": name} for name in SHORT_FIELDS],
        templates=[{
            "name": "Prompt → model answer",
            "qfmt": '<div class="question">{{Prompt}}</div>',
            "afmt": '{{FrontSide}}<hr id="answer"><div class="statement">{{ModelAnswer}}</div>'
                    '<div class="source">{{Source}}</div>',
        }],
        css=CSS,
        sort_field_index=1,
    )


def short_note(quiz: Quiz, question: Question) -> genanki.Note:
    """The note of a short-answer question; its guid depends on the quiz and the
    question's name in the quiz file (not on its place in a variant)."""
    import genanki

    name = re.sub(rf"^{re.escape(quiz.id)}-\d+-", "", question.id)
    source = "<br>".join(citation_html(c, ("“", "”")) for c in question.citations)
    fields = [name, html_text(question.prompt), key_html(question), source]
    return genanki.Note(model=short_model(), fields=fields,
                        guid=genanki.guid_for("factquiz-short", quiz.id, name),
                        tags=[quiz.lesson, "short"])


class FactNotFound(FactquizError):
    """A question names a fact that is not in the fact bank."""


def deck_id(quiz_id: str) -> int:
    """The Anki deck id of a quiz: the same for every export of that quiz."""
    return stable_int("factquiz", "anki-deck", quiz_id)


def deck_name(title: str) -> str:
    """A quiz title as one Anki deck name: on one line, and ``::`` (which would nest
    decks) written ``:``."""
    return " ".join(xml_text(title).replace("::", ":").split())


def source_html(fact: Fact, context: ExportContext) -> str:
    """Each piece of evidence as ``Title (date): “quote”``, one per line."""
    citations = Bank((), context.sources).citations(fact)
    return "<br>".join(
        citation_html(c if c.published else c.model_copy(update={"published": "date unknown"}),
                      ("“", "”"))
        for c in citations)


def wrong_options_html(questions: Iterable[Question]) -> str:
    """Each wrong option of the choice questions that has a reason, as an HTML list of
    ``option: why it is wrong`` (each once); '' when none has one."""
    reasons = dict.fromkeys(
        f"<li>{html_text(question.options[i])}: {html_text(why)}</li>"
        for question in questions if export_kind(question) in CHOICE_KINDS
        for i in range(len(question.options)) if (why := option_feedback(question, i)))
    return f"<ul>{''.join(reasons)}</ul>" if reasons else ""


def fact_note(fact: Fact, context: ExportContext,
              asked: Iterable[Question] = ()) -> genanki.Note:
    """The note for one fact, the reasons of the choice questions ``asked`` about it on the
    back; its guid depends on the fact id only."""
    answer = fact.answer if not fact.aliases else f"{fact.answer} (also: {', '.join(fact.aliases)})"
    import genanki

    fields = [fact.id, html_text(fact.question), html_text(answer), html_text(fact.statement),
              source_html(fact, context), wrong_options_html(asked)]
    return genanki.Note(model=fact_model(), fields=fields, guid=genanki.guid_for(fact.id),
                        tags=[fact.lesson, fact.kind.value])


def quiz_facts(questions: list[Question], context: ExportContext) -> list[Fact]:
    """The facts the questions are about, each once, in the order they first appear."""
    facts: dict[str, Fact] = {}
    for question in questions:
        for fact_id in question.fact_ids:
            if fact_id not in context.facts:
                raise FactNotFound(f"question {question.id} names fact '{fact_id}', which is not "
                                   "in the fact bank; run `factquiz check`")
            facts.setdefault(fact_id, context.facts[fact_id])
    return list(facts.values())


def render(quiz: Quiz, questions: list[Question], context: ExportContext) -> bytes:
    """The .apkg bytes: a collection database (written by genanki) in a zip."""
    import genanki

    deck = genanki.Deck(deck_id(quiz.id), f"factquiz::{deck_name(quiz.title)}",
                        description=html_text(f"Facts of the quiz {quiz.id}, each with its "
                                              "source. Generated by factquiz."))
    shorts = [q for q in questions if q.type == "short"]  # a note each, not per fact
    for fact in quiz_facts([q for q in questions if q.type != "short"], context):
        # A question's reasons go on the card of the fact it is anchored on (its first).
        asked = [q for q in questions if q.fact_ids[:1] == [fact.id]]
        deck.add_note(fact_note(fact, context, asked))
    for question in shorts:
        deck.add_note(short_note(quiz, question))
    timestamp = time.time() if context.timestamp is None else context.timestamp
    with tempfile.TemporaryDirectory() as tmp:
        database = Path(tmp) / "collection.anki2"
        connection = sqlite3.connect(database)
        # A throw-away file zipped at once: no journal on disk and no sync per statement
        # (genanki runs one script per table; synchronous writes made them take 100s of ms).
        connection.execute("PRAGMA journal_mode=MEMORY")
        connection.execute("PRAGMA synchronous=OFF")
        try:
            genanki.Package(deck).write_to_db(connection.cursor(), timestamp,
                                              itertools.count(int(timestamp * 1000)))
            connection.commit()
        finally:
            connection.close()
        stream = io.BytesIO()
        with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.write(database, "collection.anki2")
            archive.writestr("media", "{}")
    return stream.getvalue()


FORMAT = Format(
    name="anki",
    extension="apkg",
    description="Anki deck, one note per fact with its source (File > Import)",
    render=render,
    carries=frozenset({"mc", "tf", "cloze", "numeric", "ordering", "matching", "short"}),
)
