"""Per-page source notes for the ``{fact}`` citations.

:class:`NumberFactCitations` runs when a page is read. It numbers the page's citations in
order of first appearance (one number per fact, however often it is cited) and appends
the notes: each fact's verbatim quotes, each followed by its source's key (the source's
``short_name``, the same on every page), with each source listed once below them (title and
date, linked to the sources page), and links back to every citation in the text. Listing
each source once keeps a heavily cited page light.

A citation mark never starts a line on its own: it is joined to the word before it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from ..quotes import quoted
from .dates import human_date
from .nodes import fact_notes, fact_ref
from .state import BookData, project_of

if TYPE_CHECKING:
    from ..load import Project

NOTES_TITLE = "Notes and sources"
#: Joins a citation mark to the word before it: no line break between them.
WORD_JOINER = "\u2060"


def source_key(project: Project | BookData, source_id: str) -> str:
    """How the book cites a source on every page: its ``short_name``, else its id."""
    source = project.sources.get(source_id)
    return (source.meta.short_name or source_id) if source else source_id


def mark_text(ref: fact_ref) -> nodes.Text:
    """A citation's mark as text (``[n]``): what builders other than HTML show, and what
    the search index reads; added when the page is written (see .expand)."""
    return nodes.Text(f"[{ref['number']}]")


def _ancestors(node: nodes.Node) -> list[nodes.Node]:
    parents = []
    while node.parent is not None:
        node = node.parent
        parents.append(node)
    return parents


def keep_marks_with_words(refs: list[fact_ref]) -> None:
    """Join each citation mark to what comes before it (a word, or the mark before) with a
    word joiner, U+2060, in place of any space: the line never breaks between them."""
    for ref in refs:
        parent = ref.parent
        if parent is None:
            continue
        start = parent.index(ref)
        before = parent.children[start - 1] if start else None
        if before is None:
            continue
        if isinstance(before, nodes.Text):
            text = before.astext().rstrip()
            if not text.endswith(WORD_JOINER):
                text += WORD_JOINER
            # by position: equal Text nodes compare equal, so no parent.replace()
            parent.children[start - 1] = nodes.Text(text)
            parent.children[start - 1].parent = parent
        else:  # an element: an emphasised word, the mark before, ...
            parent.insert(start, nodes.Text(WORD_JOINER))


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
            if any(isinstance(parent, nodes.title) for parent in _ancestors(ref)):
                ref += mark_text(ref)  # in a title, the contents and the toctree show it
            places.append(ref["ids"][0])
        keep_marks_with_words(refs)
        project = project_of(self.env)
        facts = project.facts_by_id
        cited: dict[str, str] = {}  # source id -> key, in order of first citation
        notes = []
        for fact_id, number in numbers.items():
            quotes = []
            for evidence in facts[fact_id].evidence:
                cited.setdefault(evidence.source, source_key(project, evidence.source))
                quotes.append((evidence.quote, evidence.source))
            notes.append((number, quotes, cited_at[fact_id]))
        sources = []
        for source_id, key in cited.items():
            source = project.sources.get(source_id)
            title = source.meta.title if source else source_id
            date = human_date(source.meta.published) if source else "date unknown"
            sources.append((key, source_id, title, date))
        # Its plain-text rendering is added when the page is written (see .expand).
        self.document += fact_notes(title=NOTES_TITLE, notes=notes, sources=sources,
                                    support_smartquotes=False)  # quotes are verbatim


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
