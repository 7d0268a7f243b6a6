"""``new-lesson``: a lesson scaffolded in one all-or-nothing write.

Its entry in lessons.yml, its fact file, its quiz file and its page (from the templates
in ``factquiz/templates``), and a line in the book's table of contents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from string import Template

from ruamel.yaml.error import YAMLError

from ..errors import FactquizError
from ..escape import control_characters, markdown_text, one_line, yaml_scalar
from ..findings import Finding
from ..load import FACTS_DIR, LESSONS_FILE, Project, load_project
from ..model import SLUG
from ..quizmodel import QUIZZES_DIR
from ..yamlio import atomic_write_all, display_path, encoded, read_text, round_trip_yaml
from .errors import InvalidItem, LessonExists
from .scratch import check_with, new_findings, refusal
from .transaction import baseline_findings, project_locked, require_readable
from .yamlinsert import SCHEMA_LINE, insert_item, yaml_node

BOOK_LESSONS_DIR = "book/lessons"
TOC_FILE = "_toc.yml"  # the book's table of contents (Jupyter Book 1.x)


@dataclass
class NewLessonResult:
    """What ``new-lesson`` created, and what ``check`` still reports about it."""

    lesson: str
    created: list[str]
    todo: list[Finding]
    toc: str | None = None  # the table of contents changed, or None if it must be edited by hand
    updated: list[str] = field(default_factory=list)  # existing files that changed


def add_to_toc(text: str, page: str) -> str | None:
    """``_toc.yml`` with ``page`` listed after the last chapter in its folder, or None when
    no chapter is in that folder (the author places it by hand).

    Inserted as one line, so the rest of the file is kept byte for byte.
    """
    entry = page.removesuffix(".md")
    folder = entry.rsplit("/", 1)[0] + "/"
    lines = text.splitlines(keepends=True)
    last = max((i for i, line in enumerate(lines)
                if re.match(rf"\s*- file: {re.escape(folder)}[^/\s]+\s*$", line)), default=None)
    if last is None:
        return None
    indent = lines[last][: len(lines[last]) - len(lines[last].lstrip())]
    if not lines[last].endswith("\n"):
        lines[last] += "\n"
    lines.insert(last + 1, f"{indent}- file: {entry}\n")
    new = "".join(lines)
    try:
        round_trip_yaml().load(new)
    except YAMLError:
        return None
    return new


def template(name: str) -> Template:
    """The scaffold template ``name`` from ``factquiz/templates`` (``$name`` placeholders)."""
    return Template(files("factquiz").joinpath("templates", name).read_text(encoding="utf-8"))


def scaffold(root: Path, lesson_id: str, title: str, page: str) -> dict[Path, str]:
    """The new lesson's fact file, quiz file and page (at ``page``), by path.

    The title is escaped for each file: one line in comments, a YAML scalar in the quiz
    file, Markdown text in the page.
    """
    return {
        root / FACTS_DIR / f"{lesson_id}.yml":
            SCHEMA_LINE.format("facts")
            + f"# Lesson `{lesson_id}`: {one_line(title)}.\nfacts: []\n",
        root / QUIZZES_DIR / f"{lesson_id}.yml":
            template("lesson-quiz.yml").substitute(
                schema=SCHEMA_LINE.format("quiz"), id=lesson_id, title=one_line(title),
                title_yaml=yaml_scalar(title)),
        root / page: template("lesson-page.md").substitute(title=markdown_text(title),
                                                            id=lesson_id),
    }


def _page_dir(project: Project) -> str:
    """Where lesson pages live: the folder most existing lessons' pages are in."""
    folders = [str(Path(lesson.page).parent) for lesson in project.lessons.values()]
    return max(set(folders), key=folders.count) if folders else BOOK_LESSONS_DIR


def new_lesson(root: Path, lesson_id: str, title: str, dry_run: bool = False) -> NewLessonResult:
    """Scaffold a lesson: its entry in lessons.yml, fact file, quiz file and page.

    Refuses if the id is taken or any of the files exists. Findings that only say the
    new quiz has no facts yet are returned as things to do, not refused. The title is
    escaped for each file (Markdown in the page, YAML in the quiz file), so it shows as
    typed and never runs as markup or template code.

    All or nothing: every file is staged, then all replace their targets, with
    ``lessons.yml`` last; a failure puts back what was replaced. Files left by a run
    killed half-way (the same scaffold, with the lesson not yet in ``lessons.yml``) do not
    block a retry.
    """
    if not re.fullmatch(SLUG, lesson_id) or not 2 <= len(lesson_id) <= 80:
        raise FactquizError(f"lesson id {lesson_id!r} is not a slug: use lowercase letters, "
                            "digits and hyphens, e.g. 'quad-2021'")
    if not title.strip():
        raise FactquizError("the lesson needs a title")
    if control_characters(title):
        raise FactquizError("the title holds control characters (an escape sequence?); "
                            "type it as plain text")
    title = " ".join(title.split())
    project = load_project(root)
    require_readable(project)
    if lesson_id in project.lessons:
        raise LessonExists(f"lesson '{lesson_id}' already exists in {LESSONS_FILE}")
    page = f"{_page_dir(project)}/{lesson_id}.md"
    files = scaffold(root, lesson_id, title, page)
    taken = [display_path(p, root) for p, text in files.items()
             if (p.exists() or p.is_symlink()) and not _holds(p, text)]
    if taken:
        raise LessonExists(f"{', '.join(taken)} already exist(s); choose another lesson id")
    lessons_path = root / LESSONS_FILE
    toc_path = root / TOC_FILE
    updated: list[str] = []
    node = yaml_node({"id": lesson_id, "title": title, "page": page})
    with project_locked(root):
        toc, toc_newline = read_text(toc_path, TOC_FILE)
        new_toc = add_to_toc(toc, page) if toc is not None else None
        original, newline = read_text(lessons_path, LESSONS_FILE)
        text = insert_item(original, "lessons", node, SCHEMA_LINE.format("lessons"), LESSONS_FILE)
        baseline = baseline_findings(root)
        yaml_files = {p: t for p, t in files.items() if p.suffix == ".yml"}
        _, findings = check_with(root, {**yaml_files, lessons_path: text})
        fresh = new_findings(baseline, findings)
        quiz_shown = f"{QUIZZES_DIR}/{lesson_id}.yml"
        todo = [f for f in fresh if f.path == quiz_shown]
        errors = [f for f in fresh if f.severity == "error" and f not in todo]
        if errors:
            raise InvalidItem(refusal(errors, f"lesson {lesson_id}"), errors, [])
        if not dry_run:
            writes = {path: encoded(content) for path, content in files.items()}
            if new_toc is not None:
                writes[toc_path] = encoded(new_toc, toc_newline)
            writes[lessons_path] = encoded(text, newline)
            atomic_write_all(writes)
    created = [display_path(p, root) for p in files]
    (created if original is None else updated).append(LESSONS_FILE)
    return NewLessonResult(lesson_id, created, todo, TOC_FILE if new_toc is not None else None,
                           updated)


def _holds(path: Path, text: str) -> bool:
    """Whether ``path`` is a file holding exactly ``text`` (a scaffold left by a killed run)."""
    try:
        return path.is_file() and path.read_bytes() == encoded(text)
    except OSError:
        return False
