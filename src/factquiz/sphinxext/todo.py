"""Scaffold text left in a lesson page is a build warning (so a strict build fails).

``factquiz new-lesson`` writes a page whose placeholders start with ``TODO:``. Until each
is replaced by the lesson's own text, every line holding one is reported at its
``file:line``; ``factquiz book --no-strict`` still builds a draft.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from .state import project_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)
_TODO = re.compile(r"\bTODO:")


def lesson_docnames(app: Sphinx) -> set[str]:
    """The documents that are lesson pages (``page`` in lessons.yml, without suffix)."""
    project = project_of(app.env)
    return {Path(lesson.page).with_suffix("").as_posix() for lesson in project.lessons.values()}


def warn_about_todos(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: a warning for every line of a lesson page that still has a TODO."""
    if docname not in lesson_docnames(app):
        return
    for number, line in enumerate(source[0].splitlines(), start=1):
        if _TODO.search(line):
            logger.warning("scaffold text left in the lesson: %r; replace every TODO with the "
                           "lesson's own text (or build a draft with `factquiz book "
                           "--no-strict`)", line.strip()[:80], location=(docname, number),
                           type="factquiz", subtype="todo")
