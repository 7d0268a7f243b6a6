"""The project a build reads facts from: loaded once per build, checked, and tracked as a
dependency of every page that uses it.

The project (sources, lessons, facts) is loaded from the Sphinx source directory (the
repository root, where ``_config.yml`` lives) when the builder starts. Problems found
while loading or checking it are Sphinx warnings located at ``file:line``, so a build
with ``-W`` stops where the data is wrong.

The check is not redone by every build: its findings are cached by the hash of the data
it reads (:data:`DATA_PARTS` and factquiz's code), so that editing a page does not
invalidate them; the one rule that reads lesson pages is run again on every build.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from .. import cache
from ..categories import CATEGORIES_FILE
from ..checked import CheckResult, check_root
from ..digest import code_digest, files_under, hash_files
from ..findings import Finding
from ..load import (
    FACTS_DIR,
    LESSONS_FILE,
    SCHEMA_DIR,
    SOURCES_DIR,
    Project,
    fact_files,
    load_project,
    quiz_files,
)
from ..quizmodel import QUIZZES_DIR
from ..verify_claims import _pages_cite_both_sides as page_findings  # reads the lesson pages

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

#: The anchor of a source's entry on the sources page.
SOURCE_ANCHOR = "source-{}"
#: What the bank's check reads, but for the lesson pages (relative to the project root).
DATA_PARTS = (SOURCES_DIR, FACTS_DIR, QUIZZES_DIR, LESSONS_FILE, CATEGORIES_FILE, SCHEMA_DIR)


def project_root(app: Sphinx) -> Path:
    """The project directory: ``factquiz_root`` (relative to the source dir) or the source dir."""
    configured = app.config.factquiz_root
    return (Path(app.srcdir) / configured).resolve() if configured else Path(app.srcdir).resolve()


def load(app: Sphinx) -> None:
    """``builder-inited``: load the project once and report its problems as warnings."""
    project = load_project(project_root(app))
    app.factquiz_project = project  # type: ignore[attr-defined]
    # The files every page that uses the data depends on, listed once per build.
    app.factquiz_data_files = [  # type: ignore[attr-defined]
        str(path) for path in (*fact_files(project.root), project.root / LESSONS_FILE,
                               *(project.root / s.path for s in project.sources.values()))
        if path.exists()]
    findings = book_check(project) if app.config.factquiz_check else project.findings
    for finding in findings:
        if finding.severity != "error":
            continue
        logger.warning("%s: %s [%s]", finding.item or finding.code, finding.message,
                       finding.code, location=f"{project.root / finding.path}:{finding.line}",
                       type="factquiz", subtype=finding.code)


def data_digest(root: Path) -> str:
    """SHA-256 of factquiz's code and of the project's :data:`DATA_PARTS`."""
    digest = hashlib.sha256(f"{code_digest()}\0".encode())
    hash_files(digest, root, files_under(root, DATA_PARTS))
    return digest.hexdigest()


def book_check(project: Project) -> list[Finding]:
    """Every finding of ``factquiz check`` for ``project``: those about its data from the
    cache while the data and factquiz are unchanged, those located in its lesson pages
    (which only one rule reads) found again."""
    root = project.root
    pages = {project.shown(root / lesson.page) for lesson in project.lessons.values()}

    def data_findings() -> CheckResult:
        result = check_root(root, project)
        return CheckResult([f for f in result.findings if f.path not in pages], result.facts,
                           result.sources)

    cached = cache.cached(root, "book-check", data_findings, CheckResult.to_json,
                          CheckResult.from_json, digest=data_digest(root))
    return sorted({*cached.findings, *page_findings(project)})


def project_of(env: BuildEnvironment) -> Project:
    """The project loaded for this build."""
    project = getattr(env.app, "factquiz_project", None)
    if project is None:  # e.g. a doctree read outside a normal build
        load(env.app)
        project = env.app.factquiz_project  # type: ignore[attr-defined]
    return project


def note_data_dependencies(env: BuildEnvironment, quiz_id: str | None = None) -> None:
    """Re-read the current page when the facts, sources or lessons (or its quiz) change."""
    project = project_of(env)
    paths: list[str] = env.app.factquiz_data_files  # type: ignore[attr-defined]
    if quiz_id is not None:
        paths = [*paths, *(str(p) for p in quiz_files(project.root) if p.stem == quiz_id)]
    for path in paths:
        env.note_dependency(path)


def source_pages(env: BuildEnvironment) -> set[str]:
    """Pages holding the ``{factsources}`` list: per-document state of the environment,
    kept right by the ``env-purge-doc`` and ``env-merge-info`` handlers."""
    if not hasattr(env, "factquiz_source_pages"):
        env.factquiz_source_pages = set()  # type: ignore[attr-defined]
    return env.factquiz_source_pages  # type: ignore[attr-defined]
