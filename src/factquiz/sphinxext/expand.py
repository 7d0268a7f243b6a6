"""What a page's doctree holds as data while it is read, made into ordinary nodes when
the page is written.

The notes of a page (:class:`.nodes.fact_notes`, whose HTML is written from their data),
the citation marks' text (``[n]``, :class:`.nodes.fact_ref`) and the sources page's entries
(:class:`.nodes.source_entry`) hold many nodes: every
transform that runs as a page is read would walk them, and the saved doctree would carry
them. They are read as data, and :class:`ExpandAtWrite` adds the nodes after the other
post-transforms (which then need not walk them either), for every builder: builders other
than HTML write them, and the search index reads their words.
"""

from __future__ import annotations

from typing import Any

from sphinx.transforms.post_transforms import SphinxPostTransform

from .directives import source_entry_nodes
from .nodes import fact_notes, fact_ref, source_entry
from .transforms import mark_text, plain_notes


class ExpandAtWrite(SphinxPostTransform):
    """Add the notes' plain rendering and the marks' text, and make each source entry into
    its nodes."""

    #: After Sphinx's and the theme's post-transforms: nothing they do applies to these
    #: nodes (the entries' links to lesson pages are made resolved).
    default_priority = 950

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(
                lambda n: isinstance(n, (fact_notes, fact_ref, source_entry)))):
            if isinstance(node, fact_ref):
                if not node.children:  # (a mark in a title has it)
                    node += mark_text(node)
            elif isinstance(node, fact_notes):
                if not node.children:  # (a doctree saved by an older factquiz has them)
                    node += plain_notes(node["notes"], node["sources"])
            else:
                node.replace_self(source_entry_nodes(self.app.builder, node))
