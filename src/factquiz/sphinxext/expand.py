"""What a page's doctree holds as data while it is read, made into ordinary nodes when
the page is written.

The notes of a page (:class:`.nodes.fact_notes`, whose HTML is written from their data),
the citation marks' text (``[n]``, :class:`.nodes.fact_ref`) and the sources page's entries
(:class:`.nodes.source_entry`) hold many nodes: every transform that runs as a page is
read would walk them, and the saved doctree would carry them. They are read as data, and
:class:`ExpandAtWrite` adds what each builder needs after the other post-transforms (which
then need not walk them either):

* builders other than HTML get the nodes, and write them;
* an HTML builder writes the notes and the marks from their data, and each source entry
  from its nodes, made as the entry is written (:func:`visit_source_entry_html`); until
  then each holds only what the search index reads of it: the words of those nodes, each
  once (:func:`index_words`). The index keeps a page's set of words, so it is the same,
  but it is fed far fewer.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.search import SearchLanguage
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.writers.html5 import HTML5Translator

from .directives import source_entry_nodes
from .nodes import fact_notes, fact_ref, source_entry
from .transforms import mark_text, plain_notes


def index_words(made: list[nodes.Node], splitter: SearchLanguage | None) -> list[nodes.Node]:
    """What the search index reads of the nodes ``made``: one text of the words of their
    text nodes, each once, split as ``splitter`` splits (one text node per node of
    ``made`` when the splitter's words may not come out of such a text the same)."""
    if splitter is None or type(splitter).split is not SearchLanguage.split:
        return [nodes.Text(n.astext()) for node in made for n in node.findall(nodes.Text)]
    words = dict.fromkeys(word for node in made for text in node.findall(nodes.Text)
                          for word in splitter.split(text.astext()))
    return [nodes.Text(" ".join(words))]


class ExpandAtWrite(SphinxPostTransform):
    """Add the notes' plain rendering and the marks' text, and make each source entry into
    its nodes (for an HTML builder: their words, see the module docstring)."""

    #: After Sphinx's and the theme's post-transforms: nothing they do applies to these
    #: nodes (the entries' links to lesson pages are made resolved).
    default_priority = 950

    def run(self, **kwargs: Any) -> None:
        builder = self.app.builder
        html = builder.format == "html"
        indexer = getattr(builder, "indexer", None)
        splitter = indexer.lang if indexer is not None else None
        for node in list(self.document.findall(
                lambda n: isinstance(n, (fact_notes, fact_ref, source_entry)))):
            if isinstance(node, fact_ref):
                # In HTML the mark's number is among its note's words (``n. ...``).
                if not node.children and not html:  # (a mark in a title has it)
                    node += mark_text(node)
            elif isinstance(node, fact_notes):
                if not node.children:  # (a doctree saved by an older factquiz has them)
                    plain = plain_notes(node["notes"], node["sources"])
                    node += index_words(plain, splitter) if html else plain
            else:
                made = source_entry_nodes(builder, self.env.docname, node)
                if html:
                    node += index_words(made, splitter)
                else:
                    node.replace_self(made)


def visit_source_entry_html(self: HTML5Translator, node: source_entry) -> None:
    """Write the entry from its nodes, made now in place of its words (the writer then
    walks them as the entry's children, which add nothing of their own)."""
    node.children = []
    node.extend(source_entry_nodes(self.builder, self.builder.current_docname, node))


def depart_source_entry_html(self: HTML5Translator, node: source_entry) -> None:
    """Nothing: the entry's nodes wrote it."""
