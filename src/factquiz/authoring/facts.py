"""``add fact``: a new fact, checked against its sources, appended to its lesson's file."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from ..escape import one_line
from ..findings import Finding
from ..load import FACTS_DIR, Project, load_project
from ..model import Fact, Kind
from ..normalize import answer_key, numbers_in
from ..yamlio import display_path
from .errors import UnknownLesson
from .transaction import AddResult, change_file, require_readable
from .yamlinsert import SCHEMA_LINE, item_node

FACT_FIELDS: tuple[str, ...] = tuple(Fact.model_fields)


def fact_node(fields: Mapping[str, Any]) -> CommentedMap:
    """A new fact's mapping (evidence as a block list of {source, quote})."""
    return item_node(fields, FACT_FIELDS, {"derived": False})


def fact_file_for(project: Project, lesson: str) -> Path:
    """Where a new fact of ``lesson`` goes: the one file its lesson's facts are in, else
    ``facts/<lesson>.yml``."""
    files = {project.fact_locations[fact.id][0].path for fact in project.facts
             if fact.lesson == lesson and fact.id in project.fact_locations}
    if len(files) == 1:
        return project.root / files.pop()
    return project.root / FACTS_DIR / f"{lesson}.yml"


def require_lesson(project: Project, lesson: Any) -> str:
    """``lesson`` if lessons.yml has it; else :class:`UnknownLesson` naming the known ones
    (or :class:`NotAddable`, when a data file cannot be read)."""
    require_readable(project)
    if not isinstance(lesson, str) or lesson not in project.lessons:
        known = ", ".join(sorted(project.lessons)) or "none defined"
        raise UnknownLesson(f"unknown lesson {lesson!r}; use one of: {known} "
                            "(or create one with `factquiz new-lesson`)")
    return lesson


def add_fact(root: Path, fields: Mapping[str, Any], dry_run: bool = False,
             project: Project | None = None, checked: AddResult | None = None) -> AddResult:
    """Check a new fact with ``check``'s rules and append it to its lesson's fact file.

    ``fields`` are the :class:`~factquiz.model.Fact` fields (``evidence`` a list of
    ``{source, quote}``). Raises :class:`InvalidItem` (nothing written) if the fact brings
    in any error. With ``dry_run`` everything is done except the write. ``project``, the
    project already loaded from ``root``, saves loading it again to find the target file
    (the check itself always reads the files afresh, under the lock). ``checked``, the
    result of a dry run of the same fact, is written without checking again when the
    project has not changed since (see :func:`~factquiz.authoring.transaction.change_file`).
    """
    project = project or load_project(root)
    lesson = require_lesson(project, fields.get("lesson"))
    node = fact_node(fields)
    item_id = str(node.get("id", ""))
    target = fact_file_for(project, lesson)
    shown = display_path(target, root)
    header = (SCHEMA_LINE.format("facts")
              + f"# Lesson `{lesson}`: {one_line(project.lessons[lesson].title)}.\n")
    change = change_file(root, target, shown, "facts", node, header,
                         f"fact {item_id or '(no id)'}", FACT_FIELDS, write=not dry_run,
                         checked=checked.change if checked is not None else None)
    fact = next((f for f in reversed(change.project.facts) if f.id == item_id), None)
    doubts = doubtful_fact_findings(change.project, fact) if fact is not None else []
    return AddResult(item_id=item_id, path=target, shown=shown, item_yaml=change.item_yaml,
                     text=change.text, warnings=change.warnings + doubts, written=not dry_run,
                     created=change.created, project=change.project, fact=fact, change=change)


def doubtful_fact_findings(project: Project, fact: Fact) -> list[Finding]:
    """Warnings about a new fact that passes ``check`` but is likely a mistake: it asks the
    same question with the same answer as another fact, or its statement gives a number
    (a year, say) that none of its quotes gives ("in 2021" for "last year")."""
    located = project.located(fact.id)
    line, col = located.at("id")
    found = []
    same = (answer_key(fact.question), answer_key(fact.answer))
    for other in project.facts:
        if other.id != fact.id and (answer_key(other.question), answer_key(other.answer)) == same:
            at = project.located(other.id)
            where = f"{at.path}:{at.at('id')[0]}"
            found.append(Finding(
                located.path, line, col, "likely-duplicate",
                f"same question and answer as fact '{other.id}' ({where})",
                f"if it is the same fact, add this evidence to '{other.id}' instead; otherwise "
                "make the question say what sets it apart", fact.id, severity="warning"))
    quoted = {n for ev in fact.evidence for n in numbers_in(ev.quote)}
    unquoted = [n for n in dict.fromkeys(numbers_in(fact.statement)) if n not in quoted]
    if unquoted:
        found.append(Finding(
            located.path, line, col, "statement-beyond-quote",
            f"the statement says {', '.join(unquoted)}, which none of its quotes says",
            "state only what the quotes say, or quote the passage that gives it (a reader "
            "cannot check a year worked out from 'last year')", fact.id, severity="warning"))
    return found


def guess_kind(answer: str) -> Kind | None:
    """The kind an answer obviously is (a year, a date, a number), else None."""
    text = answer.strip()
    if re.fullmatch(r"\d{4}", text):
        return Kind.year
    if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", text):
        return Kind.date
    if re.fullmatch(r"[+-]?\d+(?:[.,]\d+)*", text):
        return Kind.number
    return None
