"""Directives: ``{quiz}`` (a lesson's self-check quiz), ``{timeline}`` (the events of the
fact bank) and ``{factsources}`` (every source with its metadata and the facts citing it).

Each reads the book's data (:mod:`.state`: what they show is kept in factquiz's cache
while the data are unchanged, the whole project loaded only to make it) and declares the
data files as dependencies, so an incremental build re-reads the page when the facts
change.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.nodes import Node
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

from ..errors import FactquizError
from ..quotes import quoted
from .dates import human_date
from .nodes import fact_ref, quiz_block, source_entry
from .state import (
    SOURCE_ANCHOR,
    BookData,
    book_quiz,
    book_rows,
    note_data_dependencies,
    project_of,
    source_pages,
)
from .transforms import source_key

if TYPE_CHECKING:
    from sphinx.builders import Builder

    from ..load import Project
    from ..model import Fact

logger = logging.getLogger(__name__)


class QuizDirective(SphinxDirective):
    """``{quiz} <quiz id>`` with an optional ``:seed:``: the lesson's self-check quiz."""

    required_arguments = 1
    option_spec = {"seed": directives.nonnegative_int}  # noqa: RUF012  (docutils API)

    def run(self) -> list[Node]:
        quiz_id = self.arguments[0]
        note_data_dependencies(self.env, quiz_id=quiz_id)
        try:
            made = book_quiz(self.env, quiz_id, self.options.get("seed"))
        except FactquizError as exc:
            logger.warning("cannot render the quiz: %s", exc, location=self.get_location(),
                           type="factquiz", subtype="quiz")
            return []
        return [quiz_block(quiz=made["quiz"], scripts=made["scripts"],
                           serial=self.env.new_serialno("factquiz-quiz"))]


def _lesson_link(builder: Builder, docname_from: str, project: BookData,
                 lesson_id: str) -> Node:
    """The lesson's title, linked (from page ``docname_from``) to its page when the page
    is part of the book (as the ``std`` domain resolves a reference to a document)."""
    lesson = project.lessons.get(lesson_id)
    if lesson is None:
        return nodes.Text(lesson_id)
    docname = str(PurePosixPath(lesson.page).with_suffix(""))
    if docname not in builder.env.found_docs:
        return nodes.emphasis("", lesson.title)
    return make_refnode(builder, docname_from, docname, None,
                        nodes.inline(lesson.title, lesson.title, classes=["doc"]))


class TimelineDirective(SphinxDirective):
    """``{timeline}``: the events of the fact bank, earliest first, as a vertical list
    (see :mod:`.timeline` for which facts are events).

    Options: ``:lesson:`` to keep one lesson's facts, ``:caption:`` for the list.
    """

    option_spec = {"lesson": directives.unchanged, "caption": directives.unchanged}  # noqa: RUF012

    def run(self) -> list[Node]:
        lesson = self.options.get("lesson")
        note_data_dependencies(self.env)
        events = book_rows(self.env, f"book-timeline-{lesson or 'all'}",
                           lambda project: timeline_rows(project, lesson))
        if not events:
            logger.warning("timeline: no fact is an event (a `when` date, a `label` and a kind "
                           "such as event, date, year or agreement)%s",
                           f" in lesson '{lesson}'" if lesson else "",
                           location=self.get_location(), type="factquiz", subtype="timeline")
            return []
        serial = self.env.new_serialno("factquiz-timeline")
        caption_id = f"fq-timeline-{serial}-caption"
        box = nodes.container(classes=["fq-timeline"])
        box += nodes.paragraph("", self.options.get("caption", "Events, earliest first."),
                               ids=[caption_id], classes=["fq-timeline-caption"])
        # Text from the bank is shown as written: no "smart" quotes.
        listing = nodes.bullet_list(classes=["fq-timeline-list"], support_smartquotes=False)
        for precision, when, label, gap, fact_ids in events:
            item = nodes.list_item(classes=[f"fq-{precision}"])
            if gap:
                item += nodes.paragraph("", gap, classes=["fq-gap"])
            para = nodes.paragraph()
            para += nodes.strong("", human_date(when), classes=["fq-when"])
            para += nodes.Text(f" {label}")
            for fact_id in fact_ids:
                para += fact_ref("", fact_id=fact_id)
            item += para
            listing += item
        box += listing
        return [box]


def timeline_rows(project: Project, lesson: str | None) -> list[list[Any]]:
    """The timeline's entries (of ``lesson``'s facts, or of all): ``[precision, when,
    label, gap before it or None, fact ids]`` each (see :mod:`.timeline`)."""
    from .timeline import gap_before, timeline_events

    events = timeline_events(f for f in project.facts_by_id.values()
                             if lesson is None or f.lesson == lesson)
    return [[event.precision, event.when, event.label, gap_before(previous, event),
             [fact.id for fact in event.facts]]
            for previous, event in zip([None, *events], events, strict=False)]


class FactSourcesDirective(SphinxDirective):
    """``{factsources}``: one section per source, with metadata and the facts citing it."""

    def run(self) -> list[Node]:
        note_data_dependencies(self.env)
        source_pages(self.env).add(self.env.docname)
        rows = book_rows(self.env, "book-sources", source_rows)
        return [self.section(*row) for row in rows]

    def section(self, source_id: str, title: str, fields_shown: list[list[Any]],
                facts: list[list[str]]) -> Node:
        section = nodes.section(ids=[SOURCE_ANCHOR.format(source_id)])
        section += nodes.title("", title)
        # Its body is made when the page is written (see source_entry): the rows as data.
        section += source_entry(fields=fields_shown, facts=facts)
        return section


def source_entry_nodes(builder: Builder, docname: str, entry: source_entry) -> list[Node]:
    """The body of a source's section on the sources page (``entry``'s data, on page
    ``docname``): its metadata as a field list, how many facts cite it, and each citing
    fact with its quote and its lesson."""
    fields = nodes.field_list(classes=["fq-meta"], support_smartquotes=False)
    for name, value, literal in entry["fields"]:
        field = nodes.field()
        field += nodes.field_name("", name)
        body = nodes.field_body()
        body += nodes.paragraph("", "", nodes.literal("", value) if literal
                                else nodes.Text(value))
        field += body
        fields += field
    facts = entry["facts"]
    count = len({fact_id for fact_id, *_ in facts})
    out: list[Node] = [fields, nodes.paragraph("", f"Facts that cite this source: {count}."
                                               if count else "No fact cites this source yet.")]
    if facts:
        # Quotes are verbatim: no "smart" quotes.
        listing = nodes.bullet_list(classes=["fq-source-facts"], support_smartquotes=False)
        for fact_id, statement, lesson, quote in facts:
            item = nodes.list_item()
            para = nodes.paragraph()
            para += nodes.literal("", fact_id)
            para += nodes.Text(f": {statement} (lesson: ")
            para += _lesson_link(builder, docname, project_of(builder.env), lesson)
            para += nodes.Text(")")
            item += para
            item += nodes.paragraph("", quoted(quote), classes=["fq-quote"])
            listing += item
        out.append(listing)
    return out


def source_rows(project: Project) -> list[list[Any]]:
    """The sources page's sections, earliest source first: ``[id, title, fields, citing
    facts]``, the fields ``[name, value, shown as code]`` and the citing facts ``[id,
    statement, lesson, quote]`` (in fact id order)."""
    citing: dict[str, list[tuple[Fact, str]]] = {}
    for fact in project.facts_by_id.values():
        for evidence in fact.evidence:
            citing.setdefault(evidence.source, []).append((fact, evidence.quote))
    rows = []
    for source in sorted(project.sources.values(), key=lambda s: (s.meta.published, s.id)):
        meta = source.meta
        publisher = meta.publisher or "not named in the text"
        if meta.publisher_description:
            publisher += f" ({meta.publisher_description})"
        fields = [
            ["Cited as", f"[{source_key(project, meta.id)}]", False],
            ["Publisher", publisher, False],
            ["Published", f"{human_date(meta.published)} ({meta.date_basis})", False],
            ["Source id", meta.id, True],
            ["File", source.path, True],
            ["Original file", meta.origin, True],
            ["SHA-256 of the text", meta.sha256, True],
        ]
        facts = [[fact.id, fact.statement, fact.lesson, quote] for fact, quote in
                 sorted(citing.get(source.id, []), key=lambda fq: fq[0].id)]
        rows.append([meta.id, meta.title, fields, facts])
    return rows
