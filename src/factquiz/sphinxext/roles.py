"""The ``{fact}`` role: cite a fact of the bank in the text of a page.

``{fact}`raa-first-since-1960``` (or several ids separated by commas) becomes a
superscript note number; the notes at the end of the page give each fact's sources and
verbatim quotes (see :mod:`.transforms`). An id that is not in the bank is a warning
at the page's file and line, so ``-W`` fails the build where the author made the slip.
"""

from __future__ import annotations

import difflib

from docutils import nodes
from docutils.nodes import Node, system_message
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

from .nodes import fact_ref
from .state import note_data_dependencies, project_of

logger = logging.getLogger(__name__)


def unknown_fact_message(fact_id: str, known: list[str]) -> str:
    """The warning for an unknown fact id, with the closest known ids as a hint."""
    close = difflib.get_close_matches(fact_id, known, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else (
        "; cite an id from facts/*.yml (factquiz stats lists them per lesson)")
    return f"unknown fact id '{fact_id}'{hint}"


class FactRole(SphinxRole):
    """``{fact}`id``` or ``{fact}`id-one, id-two```: citation(s) of facts in the bank."""

    def run(self) -> tuple[list[Node], list[system_message]]:
        project = project_of(self.env)
        facts = project.facts_by_id
        note_data_dependencies(self.env)
        out: list[Node] = []
        ids = [part.strip() for part in self.text.split(",") if part.strip()]
        if not ids:
            logger.warning("empty {fact} role: name a fact id, e.g. {fact}`raa-first-since-1960`",
                           location=self.get_location(), type="factquiz", subtype="unknown-fact")
        for fact_id in ids:
            if fact_id not in facts:
                logger.warning(unknown_fact_message(fact_id, sorted(facts)),
                               location=self.get_location(), type="factquiz",
                               subtype="unknown-fact")
                out.append(nodes.inline(self.rawtext, f"[unknown fact: {fact_id}]",
                                        classes=["fq-unknown"]))
                continue
            out.append(fact_ref(self.rawtext, fact_id=fact_id))
        return out, []
