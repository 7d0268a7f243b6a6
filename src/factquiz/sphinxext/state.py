"""The project a build reads facts from: checked once per build, cached, and tracked as a
dependency of every page that uses it.

The project (sources, lessons, facts) is found from the Sphinx source directory (the
repository root, where ``_config.yml`` lives) when the builder starts. Problems found
while loading or checking it are Sphinx warnings located at ``file:line``, so a build
with ``-W`` stops where the data is wrong.

Most of a build needs little of the project: the ids, quotes and sources of the facts its
pages cite, the lessons' pages, the check's findings. That is kept as :class:`BookData`
in factquiz's cache (:mod:`factquiz.cache`) under the hash of the data it comes from
(:data:`DATA_PARTS` and factquiz's code), so that a build after an edit to a page, or a
cold build of unchanged data, loads nothing (no YAML, no fact model). The whole project
is loaded on first need only: when the data changed, for a quiz not made before, for the
timeline and the sources page.

The check is not redone by every build either: its findings are cached by the same hash,
and the one rule that reads lesson pages (:mod:`factquiz.pagecites`) runs again on every
build. A quiz is kept by the hash of the data and of the one thing it reads of the lesson
pages (which facts' statements are sentences of their page, see :func:`book_quiz`), and
its HTML by the hash of the quiz and of the page's notes (:func:`quiz_html`): an edit
that changes either shows, one that does not reuses them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sphinx.util import logging

from .. import cache
from ..checked import CheckResult, check_root
from ..digest import PACKAGE, code_digest, files_under, hash_files
from ..findings import Finding
from ..normalize import has_sentence, sentence_text
from ..pagecites import pages_cite_both_sides
from ..project import (
    CATEGORIES_FILE,
    FACTS_DIR,
    LESSONS_FILE,
    QUIZZES_DIR,
    SCHEMA_DIR,
    SOURCES_DIR,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..load import Project

logger = logging.getLogger(__name__)

#: The anchor of a source's entry on the sources page.
SOURCE_ANCHOR = "source-{}"
#: What the bank's check reads, but for the lesson pages (relative to the project root).
DATA_PARTS = (SOURCES_DIR, FACTS_DIR, QUIZZES_DIR, LESSONS_FILE, CATEGORIES_FILE, SCHEMA_DIR)
#: Version of the layout of :class:`BookData`'s cache entry.
LAYOUT = 1
#: Where each (source id, quote) stands in a page's notes (``static_quiz.NoteIndex``).
NoteIndex = dict[tuple[str, str], tuple[int, int, str]]


def project_root(app: Sphinx) -> Path:
    """The project directory: ``factquiz_root`` (relative to the source dir) or the source dir."""
    configured = app.config.factquiz_root
    return (Path(app.srcdir) / configured).resolve() if configured else Path(app.srcdir).resolve()


@dataclass(frozen=True)
class CitedQuote:
    """One quote of a fact's evidence: its source id and the quote."""

    source: str
    quote: str


@dataclass(frozen=True)
class FactData:
    """What pages read of a fact: its lesson, statement, evidence and contesting facts."""

    id: str
    lesson: str
    statement: str
    evidence: tuple[CitedQuote, ...]
    contested_by: tuple[str, ...]


@dataclass(frozen=True)
class SourceData:
    """What pages read of a source's metadata (``meta`` is the record itself, as a
    loaded source's metadata is read)."""

    id: str
    title: str
    short_name: str | None
    published: str

    @property
    def meta(self) -> SourceData:
        return self


@dataclass(frozen=True)
class LessonData:
    """A lesson: its id, title and page."""

    id: str
    title: str
    page: str


@dataclass
class BookData:
    """The part of a project a build reads, read like the loaded project (``facts_by_id``,
    ``sources``, ``lessons``, ``root``, ``shown``) by the roles, transforms and lint.

    :meth:`project` loads the whole project, once, when something needs more."""

    root: Path
    digest: str
    facts_by_id: dict[str, FactData]
    sources: dict[str, SourceData]
    lessons: dict[str, LessonData]
    #: The files every page that uses the data depends on, and the quiz files.
    data_files: list[str]
    quiz_files: list[str]
    #: The problems found while loading (reported when the book's check is off).
    load_findings: list[Finding]
    #: How findings name each lesson page (by its path).
    shown_pages: dict[str, str]
    _project: Project | None = field(default=None, repr=False)
    _stated: frozenset[str] | None = field(default=None, repr=False)

    def shown(self, path: Path) -> str:
        """``path`` (a lesson page) as findings name it."""
        return self.shown_pages.get(str(path), str(path))

    def project(self) -> Project:
        """The whole project, loaded on first use."""
        if self._project is None:
            from ..load import load_project

            self._project = load_project(self.root)
        return self._project

    def stated_in_pages(self) -> frozenset[str]:
        """The facts whose statement is, word for word, a sentence of their lesson page:
        all a quiz reads of the pages (see ``factbank.Bank.in_lesson_text``)."""
        if self._stated is None:
            stated: set[str] = set()
            for lesson in self.lessons.values():
                stated.update(self._stated_in(lesson))
            self._stated = frozenset(stated)
        return self._stated

    def _stated_in(self, lesson: LessonData) -> list[str]:
        """The facts of ``lesson`` its page states (kept per content of the page)."""
        path = self.root / lesson.page
        raw = path.read_bytes() if path.is_file() else b""
        facts = [fact for fact in self.facts_by_id.values() if fact.lesson == lesson.id]

        def compute() -> list[str]:
            page = sentence_text(raw.decode("utf-8"))
            return [fact.id for fact in facts if has_sentence(page, fact.statement)]

        key = cache.key_hash(f"{self.digest}\0{hashlib.sha256(raw).hexdigest()}")
        return cache.cached(self.root, f"book-stated-{lesson.id}", compute, _list, _list,
                            digest=key)

    @classmethod
    def of(cls, project: Project, digest: str) -> BookData:
        """The book's data of a loaded project whose data hash is ``digest``."""
        from ..load import fact_files, quiz_files

        root = project.root
        facts = {fact_id: FactData(fact.id, fact.lesson, fact.statement,
                                   tuple(CitedQuote(e.source, e.quote) for e in fact.evidence),
                                   tuple(fact.contested_by))
                 for fact_id, fact in project.facts_by_id.items()}
        sources = {source_id: SourceData(s.meta.id, s.meta.title, s.meta.short_name,
                                         s.meta.published)
                   for source_id, s in project.sources.items()}
        lessons = {lesson_id: LessonData(lesson.id, lesson.title, lesson.page)
                   for lesson_id, lesson in project.lessons.items()}
        data_files = [str(path) for path in (*fact_files(root), root / LESSONS_FILE,
                                             *(root / s.path for s in project.sources.values()))
                      if path.exists()]
        shown = {str(root / lesson.page): project.shown(root / lesson.page)
                 for lesson in project.lessons.values()}
        return cls(root, digest, facts, sources, lessons, data_files,
                   [str(path) for path in quiz_files(root)], list(project.findings), shown,
                   _project=project)

    def to_json(self) -> dict[str, Any]:
        return {"layout": LAYOUT,
                "facts": [[f.id, f.lesson, f.statement, [[e.source, e.quote] for e in f.evidence],
                           list(f.contested_by)] for f in self.facts_by_id.values()],
                "sources": [[s.id, s.title, s.short_name, s.published]
                            for s in self.sources.values()],
                "lessons": [[lesson.id, lesson.title, lesson.page]
                            for lesson in self.lessons.values()],
                "data_files": self.data_files, "quiz_files": self.quiz_files,
                "load_findings": [f.to_dict() for f in self.load_findings],
                "shown_pages": self.shown_pages}

    @classmethod
    def from_json(cls, root: Path, digest: str, data: dict[str, Any]) -> BookData:
        """The data :meth:`to_json` gave (``KeyError``/``TypeError``/``ValueError`` for
        another shape, which the cache then treats as missing)."""
        if data["layout"] != LAYOUT:
            raise ValueError("another layout")
        facts = {}
        for fact_id, lesson, statement, evidence, contested in data["facts"]:
            facts[fact_id] = FactData(fact_id, lesson, statement,
                                      tuple(CitedQuote(s, q) for s, q in evidence),
                                      tuple(contested))
        return cls(root, digest, facts,
                   {s[0]: SourceData(*s) for s in data["sources"]},
                   {lesson[0]: LessonData(*lesson) for lesson in data["lessons"]},
                   list(data["data_files"]), list(data["quiz_files"]),
                   [Finding(**f) for f in data["load_findings"]], dict(data["shown_pages"]))


def data_digest(root: Path) -> str:
    """SHA-256 of factquiz's code and of the project's :data:`DATA_PARTS`."""
    digest = hashlib.sha256(f"{code_digest()}\0".encode())
    hash_files(digest, root, files_under(root, DATA_PARTS))
    return digest.hexdigest()


def book_data(root: Path) -> BookData:
    """The book's data of the project at ``root``: from the cache while the data and
    factquiz are unchanged, else from the project, loaded."""
    digest = data_digest(root)

    def compute() -> BookData:  # what cache.cached returns when it computes (the project kept)
        from ..load import load_project

        return BookData.of(load_project(root), digest)

    return cache.cached(root, "book-data", compute, BookData.to_json,
                        lambda data: BookData.from_json(root, digest, data), digest=digest)


def load(app: Sphinx) -> None:
    """``builder-inited``: find the book's data once and report its problems as warnings."""
    data = book_data(project_root(app))
    app.factquiz_data = data  # type: ignore[attr-defined]
    findings = book_check(data) if app.config.factquiz_check else data.load_findings
    for finding in findings:
        if finding.severity != "error":
            continue
        logger.warning("%s: %s [%s]", finding.item or finding.code, finding.message,
                       finding.code, location=f"{data.root / finding.path}:{finding.line}",
                       type="factquiz", subtype=finding.code)


def book_check(project: Project | BookData) -> list[Finding]:
    """Every finding of ``factquiz check`` for ``project``: those about its data from the
    cache while the data and factquiz are unchanged, those located in its lesson pages
    (which only one rule reads) found again."""
    root = project.root
    pages = {project.shown(root / lesson.page) for lesson in project.lessons.values()}

    def data_findings() -> CheckResult:
        loaded = project.project() if isinstance(project, BookData) else project
        result = check_root(root, loaded)
        return CheckResult([f for f in result.findings if f.path not in pages], result.facts,
                           result.sources)

    digest = project.digest if isinstance(project, BookData) else data_digest(root)
    cached = cache.cached(root, "book-check", data_findings, CheckResult.to_json,
                          CheckResult.from_json, digest=digest)
    return sorted({*cached.findings, *pages_cite_both_sides(project)})


def project_of(env: BuildEnvironment) -> BookData:
    """The book's data found for this build (see :class:`BookData`)."""
    data = getattr(env.app, "factquiz_data", None)
    if data is None:  # e.g. a doctree read outside a normal build
        load(env.app)
        data = env.app.factquiz_data  # type: ignore[attr-defined]
    return data


def loaded_project(env: BuildEnvironment) -> Project:
    """The whole project of this build (loaded on first use)."""
    return project_of(env).project()


def note_data_dependencies(env: BuildEnvironment, quiz_id: str | None = None) -> None:
    """Re-read the current page when the facts, sources or lessons (or its quiz) change."""
    data = project_of(env)
    paths = data.data_files
    if quiz_id is not None:
        paths = [*paths, *(p for p in data.quiz_files if Path(p).stem == quiz_id)]
    # Once per page and file (every citation asks): what is noted is kept while the page
    # is read (``temp_data`` is per page).
    noted: set[str] = env.temp_data.setdefault("factquiz_noted", set())
    for path in paths:
        if path not in noted:
            noted.add(path)
            env.note_dependency(path)


T = TypeVar("T")


def _of_type(kind: type[T]) -> Callable[[Any], T]:
    """A check that a cache entry's data is a ``kind`` (``TypeError`` otherwise, which
    the cache treats as a missing entry)."""
    def checked(value: Any) -> T:
        if not isinstance(value, kind):
            raise TypeError(f"not a {kind.__name__}")
        return value

    return checked


_dict, _text, _list = _of_type(dict), _of_type(str), _of_type(list)


def book_quiz(env: BuildEnvironment, quiz_id: str, seed: int | None) -> dict[str, Any]:
    """The variant of quiz ``quiz_id`` for ``seed`` that a page shows, as data: ``quiz``
    (the variant's JSON, see :func:`factquiz.variants.encode`) and ``scripts`` (the question
    types whose scripts the page loads, see :func:`factquiz.qtypes.static.scripts_for`).

    Made once per content of the data and of what it reads of the lesson pages; raises
    ``FactquizError`` when it cannot be made."""
    data = project_of(env)
    stated = ",".join(sorted(data.stated_in_pages()))
    key = cache.key_hash(f"{data.digest}\0{quiz_id}\0{seed}\0{stated}")

    def compute() -> dict[str, Any]:
        from ..generate import make_quiz
        from ..qtypes.static import scripts_for
        from ..variants import encode

        quiz = make_quiz(data.project(), quiz_id, seed=seed)
        return {"quiz": encode(quiz),
                "scripts": scripts_for(dict.fromkeys(q.type for q in quiz.questions))}

    name = f"book-quiz-{quiz_id}-{'default' if seed is None else seed}"
    return cache.cached(data.root, name, compute, _dict, _dict, digest=key)


def quiz_html(env: BuildEnvironment, docname: str, quiz: dict[str, Any], serial: int,
              notes: NoteIndex) -> str:
    """The HTML of a quiz (:func:`.static_quiz.render_quiz` of ``quiz``, a variant's JSON)
    placed ``serial``-th on page ``docname``, whose notes are ``notes``: rendered once per
    content of the quiz, the page's notes and factquiz."""
    data = project_of(env)
    placed = sorted([*k, *v] for k, v in notes.items())
    key = cache.key_hash(json.dumps([data.digest, quiz, serial, placed], sort_keys=True))

    def compute() -> str:
        from ..variants import decode
        from .static_quiz import render_quiz

        return render_quiz(decode(quiz), serial=serial, notes=notes)

    return cache.cached(data.root, f"book-html-{docname}-{serial}", compute, str, _text,
                        digest=key)


def type_scripts(root: Path) -> dict[str, Any]:
    """What every site gets in ``_static``: ``messages`` (the messages script, see
    :func:`.static_quiz.messages_script`) and ``scripts`` (the script of each registered
    question type that has its own, relative to the package), kept per content of
    factquiz's code."""

    def compute() -> dict[str, Any]:
        from ..qtypes import REGISTRY
        from ..qtypes.static import script_aliases, script_path
        from .static_quiz import messages_script

        aliased = script_aliases()
        return {"messages": messages_script(),
                "scripts": {name: script_path(name).resolve().relative_to(PACKAGE).as_posix()
                            for name in REGISTRY if name not in aliased}}

    return cache.cached(root, "book-scripts", compute, _dict, _dict, digest=code_digest())


def book_rows(env: BuildEnvironment, name: str,
              compute: Callable[[Project], list[Any]]) -> list[Any]:
    """``compute(project)`` (JSON data: what a directive shows of the whole project),
    kept as ``name`` in the cache while the data and factquiz are unchanged."""
    data = project_of(env)
    return cache.cached(data.root, name, lambda: compute(data.project()), _list, _list,
                        digest=data.digest)


def source_pages(env: BuildEnvironment) -> set[str]:
    """Pages holding the ``{factsources}`` list: per-document state of the environment,
    kept right by the ``env-purge-doc`` and ``env-merge-info`` handlers."""
    if not hasattr(env, "factquiz_source_pages"):
        env.factquiz_source_pages = set()  # type: ignore[attr-defined]
    return env.factquiz_source_pages  # type: ignore[attr-defined]
