"""Per-page source notes for the ``{fact}`` citations.

:class:`NumberFactCitations` runs when a page is read. It numbers the page's citations in
order of first appearance (one number per fact, however often it is cited) and appends
the notes: each fact's verbatim quotes, each followed by its source's key (the source's
``short_name``, the same on every page), with each source listed once below them (title and
date, linked to the sources page), and links back to every citation in the text. Listing
each source once keeps a heavily cited page light.

A citation mark never starts a line on its own: it is kept with the word before it.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from ..load import Project
from .dates import human_date
from .nodes import fact_notes, fact_ref, quoted
from .state import project_of

NOTES_TITLE = "Notes and sources"
#: The last word of a text (what a citation mark is kept with).
LAST_WORD = re.compile(r"\S*$")


def source_key(project: Project, source_id: str) -> str:
    """How the book cites a source on every page: its ``short_name``, else its id."""
    source = project.sources.get(source_id)
    return (source.meta.short_name or source_id) if source else source_id


def keep_marks_with_words(refs: list[fact_ref]) -> None:
    """Join each run of citation marks to the word before it, so the line never breaks
    between them: the space before the run goes, and the last word and the marks are
    wrapped in an inline ``fq-cited`` (no wrapping, in the stylesheet)."""
    done: set[int] = set()
    for ref in refs:
        if id(ref) in done or ref.parent is None:
            continue
        parent = ref.parent
        start = parent.index(ref)
        run = [ref]
        for node in parent.children[start + 1:]:  # the marks that follow, spaces between
            if isinstance(node, fact_ref):
                run.append(node)
            elif not (isinstance(node, nodes.Text) and not node.astext().strip()):
                break
        done.update(id(r) for r in run)
        moved = parent.children[start:parent.index(run[-1]) + 1]
        del parent.children[start:start + len(moved)]
        wrapper = nodes.inline(classes=["fq-cited"])
        before = parent.children[start - 1] if start else None
        if isinstance(before, (nodes.Text, nodes.Inline)):
            start -= 1
            del parent.children[start]  # by position: equal Text nodes compare equal
            if isinstance(before, nodes.Text):
                text = before.astext().rstrip()
                word = LAST_WORD.search(text).group(0)  # type: ignore[union-attr]
                if len(word) < len(text):
                    parent.insert(start, nodes.Text(text[:len(text) - len(word)]))
                    start += 1
                wrapper += nodes.Text(word)
            else:  # e.g. an emphasised word
                wrapper += before
        wrapper.extend(node for node in moved if isinstance(node, fact_ref))
        parent.insert(start, wrapper)


class NumberFactCitations(SphinxTransform):
    """Number the page's fact citations and append the notes."""

    default_priority = 700

    def apply(self, **kwargs: Any) -> None:
        refs = list(self.document.findall(fact_ref))
        if not refs:
            return
        numbers: dict[str, int] = {}
        cited_at: dict[str, list[str]] = {}
        for ref in refs:
            fact_id = ref["fact_id"]
            number = numbers.setdefault(fact_id, len(numbers) + 1)
            places = cited_at.setdefault(fact_id, [])
            ref["number"] = number
            ref["ids"] = [f"fqr{number}-{len(places) + 1}"]
            ref["refid"] = f"fqn{number}"
            ref += nodes.Text(f"[{number}]")  # what builders other than HTML show
            places.append(ref["ids"][0])
        keep_marks_with_words(refs)
        project = project_of(self.env)
        facts = project.facts_by_id
        cited: dict[str, str] = {}  # source id -> key, in order of first citation
        notes = []
        for fact_id, number in numbers.items():
            quotes = []
            for evidence in facts[fact_id].evidence:
                key = cited.setdefault(evidence.source, source_key(project, evidence.source))
                quotes.append((evidence.quote, evidence.source))
            notes.append((number, quotes, cited_at[fact_id]))
        sources = []
        for source_id, key in cited.items():
            source = project.sources.get(source_id)
            title = source.meta.title if source else source_id
            date = human_date(source.meta.published) if source else "date unknown"
            sources.append((key, source_id, title, date))
        node = fact_notes(title=NOTES_TITLE, notes=notes, sources=sources,
                          support_smartquotes=False)  # quotes are verbatim
        node += plain_notes(notes, sources)
        self.document += node


def plain_notes(notes: list[Any], sources: list[Any]) -> list[nodes.Node]:
    """The notes as ordinary paragraphs, for builders other than HTML."""
    key_of = {source_id: key for key, source_id, _title, _date in sources}
    out: list[nodes.Node] = [nodes.rubric("", NOTES_TITLE)]
    for number, quotes, _backs in notes:
        text = "; ".join(f"{quoted(quote)} [{key_of[source_id]}]" for quote, source_id in quotes)
        out.append(nodes.paragraph("", f"{number}. {text}"))
    for key, _source_id, title, date in sources:
        out.append(nodes.paragraph("", f"[{key}] {title}, {date}."))
    return out
