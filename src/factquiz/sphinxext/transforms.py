"""Per-page source notes for the ``{fact}`` citations.

:class:`NumberFactCitations` runs when a page is read. It numbers the page's citations in
order of first appearance (one number per fact, however often it is cited) and appends
the notes: each fact's verbatim quotes, each pointing to a lettered source listed once
below them (title and date, linked to the sources page), with links back to every
citation in the text. Listing each source once keeps a heavily cited page light.
"""

from __future__ import annotations

from string import ascii_uppercase
from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from .dates import human_date
from .nodes import fact_notes, fact_ref
from .state import project_of

NOTES_TITLE = "Notes and sources"


def source_key(index: int) -> str:
    """``A``, ``B``, ... ``Z``, then ``AA``, ``AB``, ...: the label of the n-th source."""
    key = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        key = ascii_uppercase[rest] + key
    return key


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
        project = project_of(self.env)
        facts = project.facts_by_id
        keys: dict[str, str] = {}
        notes = []
        for fact_id, number in numbers.items():
            quotes = []
            for evidence in facts[fact_id].evidence:
                key = keys.setdefault(evidence.source, source_key(len(keys)))
                quotes.append((evidence.quote, key))
            notes.append((number, quotes, cited_at[fact_id]))
        sources = []
        for source_id, key in keys.items():
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
    out: list[nodes.Node] = [nodes.rubric("", NOTES_TITLE)]
    for number, quotes, _backs in notes:
        text = "; ".join(f"“{quote}” [{key}]" for quote, key in quotes)
        out.append(nodes.paragraph("", f"{number}. {text}"))
    for key, _source_id, title, date in sources:
        out.append(nodes.paragraph("", f"[{key}] {title}, {date}."))
    return out
