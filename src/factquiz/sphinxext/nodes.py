"""Doctree nodes of the extension and how the HTML builder writes them.

Other builders (LaTeX, text, ...) get a plain rendering: citations as ``[n]``, notes
as a list, and no quiz (it needs a browser).
"""

from __future__ import annotations

from html import escape
from typing import Any

from docutils import nodes
from sphinx.writers.html5 import HTML5Translator

from ..quotes import quoted
from .state import SOURCE_ANCHOR, NoteIndex, quiz_html, source_pages


class fact_ref(nodes.Inline, nodes.Element):
    """A citation of one fact in the text: ``fact_id``, and ``number``/``ids``/``refid``
    filled in by :class:`~factquiz.sphinxext.transforms.NumberFactCitations`."""


class fact_notes(nodes.General, nodes.Element):
    """The notes of a page: ``notes`` (number, [(quote, source id)], back-link ids) and
    ``sources`` (key, source id, title, date). Its children, added when the page is
    written (:mod:`.expand`), are a plain-text rendering for builders other than HTML and
    for the search index."""


class source_entry(nodes.General, nodes.Element):
    """The body of a source's section on the sources page, as data: ``fields`` (name,
    value, shown as code) and ``facts`` (the citing facts: id, statement, lesson, quote).
    Made into ordinary nodes when the page is written (:mod:`.expand`), so that the
    transforms that run on every page as it is read do not walk its many nodes."""


class quiz_block(nodes.General, nodes.Element):
    """A self-check quiz: ``quiz`` (the variant's JSON), ``scripts`` (the question types
    whose scripts its page loads) and ``serial``; written by the HTML builder only."""



# --- HTML ---------------------------------------------------------------------------------

def visit_fact_ref_html(self: HTML5Translator, node: fact_ref) -> None:
    # Raised by the stylesheet (a[role=doc-noteref]); no <sup>, which weighs on pages
    # with many citations and adds no meaning the role does not already give.
    self.body.append(f'<a id="{node["ids"][0]}" href="#{node["refid"]}" '
                     f'role="doc-noteref">[{node["number"]}]</a>')
    raise nodes.SkipNode


def _sources_uri(self: HTML5Translator) -> str | None:
    """Relative URI of the book's sources page, if it has one."""
    pages = sorted(source_pages(self.builder.env))
    if not pages:
        return None
    return self.builder.get_relative_uri(self.builder.current_docname, pages[0])


def quote_html(text: str) -> str:
    """A verbatim quote as HTML: ``<q>``, whose marks the browser adds unless the quote
    opens with its own (then ``fq-own``, whose stylesheet rule adds none)."""
    own = ' class="fq-own"' if quoted(text) == text else ""
    return f"<q{own}>{escape(text, quote=False)}</q>"


def unbroken(text: str) -> str:
    """``text`` as HTML that never breaks across lines (spaces made no-break)."""
    return escape(text).replace(" ", "\u00a0")


def visit_fact_notes_html(self: HTML5Translator, node: fact_notes) -> None:
    """The notes, compactly: each quote is followed by the key of its source (the same on
    every page; a no-break space keeps it on one line), and each source is listed once
    below: its key linked to the source on the sources page, its title and date."""
    out = [f'<section class="fq-notes" role="doc-endnotes" aria-labelledby="fqnotes">'
           f'<h2 id="fqnotes">{escape(node["title"])}</h2><ol>']
    uri = _sources_uri(self)
    key_of = {source_id: key for key, source_id, _title, _date in node["sources"]}

    def link(source_id: str, inner: str) -> str:
        if uri is None:  # a book without a sources page
            return inner
        return f'<a href="{escape(f"{uri}#{SOURCE_ANCHOR.format(source_id)}")}">{inner}</a>'

    for number, quotes, backs in node["notes"]:
        out.append(f'<li id="fqn{number}">')
        out.append("; ".join(f"{quote_html(quote)} [{unbroken(key_of[source_id])}]"
                             for quote, source_id in quotes))
        for k, back in enumerate(backs):
            mark = "" if len(backs) == 1 else chr(ord("a") + k) if k < 26 else str(k + 1)
            out.append(f' <a href="#{back}" role="doc-backlink" aria-label="Back'
                       f'{" " + mark if mark else ""}">↩{mark}</a>')
        out.append("</li>")
    out.append('</ol><h3 id="fqsources">Sources</h3><ul class="fq-srcs" '
               'aria-labelledby="fqsources">')
    for key, source_id, title, date in node["sources"]:
        out.append(f'<li id="fqs-{escape(source_id)}">{link(source_id, f"[{unbroken(key)}]")} '
                   f'<cite>{escape(title, quote=False)}</cite>, '
                   f'<span class="fq-date">{escape(date)}</span>.</li>')
    out.append("</ul></section>")
    self.body.append("".join(out))
    raise nodes.SkipNode


def note_index(document: nodes.document) -> NoteIndex:
    """Where each (source id, quote) stands in the page's notes, for the quiz feedback:
    (note number, index of the quote in the note, source id)."""
    index: NoteIndex = {}
    for notes in document.findall(fact_notes):
        for number, quotes, _backs in notes["notes"]:
            for i, (quote, source_id) in enumerate(quotes):
                index.setdefault((source_id, quote), (number, i, source_id))
    return index


def visit_quiz_block_html(self: HTML5Translator, node: quiz_block) -> None:
    self.body.append(quiz_html(self.builder.env, self.builder.current_docname, node["quiz"],
                               node["serial"], note_index(self.document)))
    raise nodes.SkipNode


# --- other builders -----------------------------------------------------------------------

def _pass(self: Any, node: nodes.Element) -> None:
    """Write nothing for the node itself; its children are written as usual."""


def _skip(self: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


PLAIN = {
    fact_ref: (_pass, _pass),
    fact_notes: (_pass, _pass),
    quiz_block: (_skip, None),
}

HTML = {
    fact_ref: (visit_fact_ref_html, None),
    fact_notes: (visit_fact_notes_html, None),
    quiz_block: (visit_quiz_block_html, None),
}
