"""``add question``: an instructor question, checked, appended to its quiz file."""

from __future__ import annotations

import random
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from ..factbank import Bank
from ..load import Project, load_project
from ..quizmodel import QUIZZES_DIR, InstructorQuestion
from ..selection import instructor_question
from ..yamlio import display_path
from .errors import UnknownQuizFile
from .ids import suggest_question_id
from .transaction import AddResult, change_file, require_readable
from .yamlinsert import item_node

QUESTION_FIELDS: tuple[str, ...] = tuple(InstructorQuestion.model_fields)


def question_node(fields: Mapping[str, Any]) -> CommentedMap:
    """A new instructor question's mapping; matching pairs are written inline."""
    node = item_node(fields, QUESTION_FIELDS, {"shuffle": True, "match": "exact", "tolerance": 0})
    for pair in node.get("pairs", []):
        if isinstance(pair, CommentedMap):
            pair.fa.set_flow_style()
    return node


def quiz_file_for(project: Project, quiz_id: str) -> Path:
    """The file of quiz ``quiz_id`` (it must exist: ``new-lesson`` creates one)."""
    loaded = project.quizzes.get(quiz_id)
    if loaded is not None:
        return project.root / loaded.path
    path = project.root / QUIZZES_DIR / f"{quiz_id}.yml"
    if path.exists():
        return path  # it has errors; the check below will say which
    known = ", ".join(sorted(project.quizzes)) or "none"
    raise UnknownQuizFile(f"no quiz file {QUIZZES_DIR}/{quiz_id}.yml; quizzes: {known} "
                          "(`factquiz new-lesson` creates a lesson with its quiz file)")


def add_question(root: Path, quiz_id: str, fields: Mapping[str, Any], dry_run: bool = False,
                 project: Project | None = None, checked: AddResult | None = None) -> AddResult:
    """Check a new instructor question with ``check``'s rules and append it to the quiz file.

    ``fields`` are the :class:`~factquiz.quizmodel.InstructorQuestion` fields. The result
    carries a generated variant of the question (options shuffled by the quiz's seed).
    ``project`` and ``checked`` are as for :func:`~factquiz.authoring.facts.add_fact`.
    """
    project = project or load_project(root)
    require_readable(project)
    target = quiz_file_for(project, quiz_id)
    shown = display_path(target, root)
    current = project.quizzes.get(quiz_id)
    if not fields.get("id") and current is not None:  # written to the file: it never shifts
        fields = {**fields, "id": suggest_question_id(current.quiz, str(fields.get("prompt", "")))}
    node = question_node(fields)
    item_id = str(node.get("id", ""))
    change = change_file(root, target, shown, "instructor_questions", node, "",
                         f"question {item_id or '(no id)'} of quiz {quiz_id}", QUESTION_FIELDS,
                         write=not dry_run, checked=checked.change if checked else None)
    loaded = change.project.quizzes.get(quiz_id)
    question = None
    if loaded is not None and loaded.quiz.instructor_questions:
        position = len(loaded.quiz.instructor_questions)
        iq = loaded.quiz.instructor_questions[-1]
        name = iq.id or f"q{position}"
        question = instructor_question(iq, f"{quiz_id}-{name}", random.Random(loaded.quiz.seed),
                                       Bank.of(change.project))
        item_id = name
    return AddResult(item_id=item_id, path=target, shown=shown,
                     item_yaml=change.item_yaml, text=change.text,
                     warnings=change.warnings, written=not dry_run, created=False,
                     project=change.project, question=question, change=change)
