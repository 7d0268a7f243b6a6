"""Lesson lint: a factual sentence that cites no fact is a warning (so ``-W`` fails).

Which sentences are checked: every sentence of a lesson page (the pages in
``lessons.yml``) outside the sections whose titles are in :data:`FRAMING_SECTIONS`
(objectives, prerequisites, the self-check), and every glossary definition on any page.

The heuristic, kept narrow on purpose: a sentence states a fact when it contains a digit,
a month name, or a capitalised word other than its first word (a proper noun or an
acronym: a name, a place, a treaty, a date). Such a sentence must carry a ``{fact}``
citation. Link text (a page title) is not counted; glossary terms are. A sentence that
looks factual but is the lesson's own framing ("Notice that ... Kishida and Albanese ...")
is marked with the role ``{nofact}`reason``` , which renders nothing; use it sparingly:
a sentence that states what a source says should cite it instead.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePath
from typing import Any

from docutils import nodes
from docutils.nodes import Node, system_message
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

from .nodes import fact_notes, fact_ref
from .state import project_of

logger = logging.getLogger(__name__)

#: Sections (by title, case-insensitive) that frame a lesson rather than state facts.
FRAMING_SECTIONS = frozenset({"learning objectives", "before you start", "self-check"})
#: The class of the empty inline the ``{nofact}`` role leaves in the doctree.
NOFACT_CLASS = "fq-nofact"

_CITED, _EXEMPT = "\x00", "\x01"
_MARKS = _CITED + _EXEMPT
_SENTENCE = re.compile(r"[.!?][\"'\u201d\u2019)\x00\x01]*\s+(?=[\"'\u201c\u2018(]?[A-Z0-9*])")
_MONTH = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|"
                    r"October|November|December)\b")
_CAPITAL = re.compile(r"(?<![\w'\u2019-])[A-Z][\w'\u2019-]*")


class NoFactRole(SphinxRole):
    """``{nofact}`reason```: the sentence it ends is framing, not a claim needing a citation."""

    def run(self) -> tuple[list[Node], list[system_message]]:
        if not self.text.strip():
            logger.warning("empty {nofact} role: say why the sentence is not a claim, e.g. "
                           "{nofact}`the lesson's own framing`", location=self.get_location(),
                           type="factquiz", subtype="uncited-claim")
        return [nodes.inline("", "", classes=[NOFACT_CLASS])], []


def why_factual(sentence: str) -> str | None:
    """What makes ``sentence`` (citation marks removed) state a fact, or None."""
    if digit := re.search(r"\d+", sentence):
        return f"the number {digit.group(0)!r}"
    if month := _MONTH.search(sentence):
        return f"the date {month.group(0)!r}"
    words = list(_CAPITAL.finditer(sentence.lstrip("\"'\u201c\u2018(*- \u2013\u2014")))
    names = [w.group(0) for w in words[1:] if w.group(0) != "I"]
    if words and words[0].start() > 0:  # the sentence does not start with this word
        names.insert(0, words[0].group(0))
    return f"the name {names[0]!r}" if names else None


def _flatten(node: Node, out: list[str]) -> None:
    """The text of ``node`` with citations and opt-outs as marks; link text left out."""
    for child in node.children:
        if isinstance(child, fact_ref):
            out.append(_CITED)
        elif isinstance(child, nodes.inline) and NOFACT_CLASS in child["classes"]:
            out.append(_EXEMPT)
        elif isinstance(child, nodes.reference) or (
                isinstance(child, addnodes.pending_xref) and child.get("reftype") != "term"):
            out.append("page")  # a link's text is a page title, not a claim
        elif isinstance(child, nodes.Text):
            out.append(child.astext())
        elif isinstance(child, nodes.Element):
            _flatten(child, out)


def uncited_sentences(paragraph: nodes.paragraph) -> list[tuple[int, str, str]]:
    """(line offset, sentence, why it is factual) for each uncited factual sentence."""
    parts: list[str] = []
    _flatten(paragraph, parts)
    text = "".join(parts)
    found = []
    start = 0
    for end in [*(m.end() for m in _SENTENCE.finditer(text)), len(text)]:
        sentence = text[start:end]
        plain = " ".join(sentence.translate({ord(m): None for m in _MARKS}).split())
        why = why_factual(plain)
        if why and not any(m in sentence for m in _MARKS):
            found.append((text[:start].count("\n"), plain, why))
        start = end
    return found


def _framing(node: Node) -> bool:
    """Whether ``node`` sits in a framing section of a lesson."""
    parent = node.parent
    while parent is not None:
        title = parent[0] if isinstance(parent, nodes.section) and parent.children else None
        if isinstance(title, nodes.title) and title.astext().strip().lower() in FRAMING_SECTIONS:
            return True
        parent = parent.parent
    return False


def _inside(node: Node, kind: type[Node]) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, kind):
            return True
        parent = parent.parent
    return False


class LintUncitedClaims(SphinxTransform):
    """Warn, at file:line, about each factual sentence without a ``{fact}`` citation."""

    default_priority = 710

    def apply(self, **kwargs: Any) -> None:
        lesson = self.env.docname in lesson_docnames(self.env.app)
        for paragraph in self.document.findall(nodes.paragraph):
            if _inside(paragraph, fact_notes):
                continue
            if _inside(paragraph, addnodes.glossary):
                if not _inside(paragraph, nodes.definition):
                    continue
            elif not lesson or _framing(paragraph):
                continue
            for offset, sentence, why in uncited_sentences(paragraph):
                short = sentence if len(sentence) <= 70 else sentence[:67] + "..."
                line = self._source_line((paragraph.line or 1) + offset, sentence)
                logger.warning(
                    "uncited claim: %r states a fact (%s) but cites none; cite the fact with "
                    "{fact}`id`, or end framing that is not a claim with {nofact}`reason`",
                    short, why, location=(self.env.docname, line),
                    type="factquiz", subtype="uncited-claim")

    def _source_line(self, line: int, sentence: str) -> int:
        """The line of the page where ``sentence`` starts, near the doctree's ``line``.

        Directive bodies (a glossary with options) can report lines a few rows early, so
        the sentence's first words are looked up in the next few lines of the source.
        """
        path = self.env.doc2path(self.env.docname)
        lines = Path(path).read_text(encoding="utf-8").splitlines() if Path(path).is_file() else []
        start = " ".join(sentence.split()[:3])
        for row in range(line, min(line + 6, len(lines) + 1)):
            if start and start in " ".join(lines[row - 1].split()):
                return row
        return line


def lesson_docnames(app: Any) -> frozenset[str]:
    """The docnames of the project's lesson pages (computed once per build)."""
    cached: frozenset[str] | None = getattr(app, "factquiz_lesson_docnames", None)
    if cached is None:
        project = project_of(app.env)
        srcdir = Path(app.srcdir).resolve()
        names = set()
        for lesson in project.lessons.values():
            page = (project.root / lesson.page).resolve()
            if page.is_relative_to(srcdir):
                names.add(PurePath(page.relative_to(srcdir)).with_suffix("").as_posix())
        cached = app.factquiz_lesson_docnames = frozenset(names)
    return cached
