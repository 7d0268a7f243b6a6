"""What lesson pages cite: the ``{fact}`` roles of a page, and the rule that a page citing
one side of a contested claim cites the other side too.

The only rule of ``factquiz check`` that reads lesson pages, kept apart from the rest
(:mod:`factquiz.verify_claims`) and light: the book build runs it on every build, with
the facts it needs from its cache (see :mod:`factquiz.sphinxext.state`), without loading
the project.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Protocol

from .findings import Finding

_CITATION = re.compile(r"\{fact\}`([^`]*)`")


class ContestedFact(Protocol):
    """What the rule reads of a fact."""

    @property
    def contested_by(self) -> Sequence[str]: ...


class LessonPage(Protocol):
    """What the rule reads of a lesson."""

    @property
    def page(self) -> str: ...


class CitingProject(Protocol):
    """What the rule reads of a project (a loaded ``Project`` or the book's cached data)."""

    root: Path

    @property
    def facts_by_id(self) -> Mapping[str, ContestedFact]: ...

    @property
    def lessons(self) -> Mapping[str, LessonPage]: ...

    def shown(self, path: Path) -> str: ...


def page_citations(text: str) -> Iterator[tuple[str, int, int]]:
    """Each fact id cited by ``{fact}`` roles in a page, with its 1-based line and column."""
    for row, line in enumerate(text.splitlines(), start=1):
        for match in _CITATION.finditer(line):
            for part in match.group(1).split(","):
                if part.strip():
                    yield part.strip(), row, match.start() + 1


def pages_cite_both_sides(project: CitingProject) -> Iterator[Finding]:
    """A lesson page citing a contested fact cites the facts contesting it too."""
    facts = project.facts_by_id
    for lesson in project.lessons.values():
        path = project.root / lesson.page
        if not path.is_file():
            continue
        cited = list(page_citations(path.read_text(encoding="utf-8")))
        ids = {fact_id for fact_id, _, _ in cited}
        reported: set[str] = set()
        for fact_id, line, col in cited:
            fact = facts.get(fact_id)
            if fact is None or fact_id in reported:
                continue
            missing = [o for o in fact.contested_by if o in facts and o not in ids]
            if missing:
                reported.add(fact_id)
                yield Finding(project.shown(path), line, col, "contested-one-side",
                              f"cites '{fact_id}', which is contested by "
                              f"{', '.join(repr(m) for m in missing)}, without citing the other "
                              "side", "present both claims and cite both facts (say who claims "
                              "what)", fact_id)
