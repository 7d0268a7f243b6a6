"""Helpers shared by the quiz tests: a frozen fact bank and quiz files written for tests.

The frozen bank (tests/golden/bank/facts.yml) lets generation and golden tests run on
data that does not change while facts/ grows.
"""

from __future__ import annotations

from pathlib import Path

from factquiz.load import Project, load_project

GOLDEN = Path(__file__).parent / "golden"
FROZEN_BANK = GOLDEN / "bank" / "facts.yml"
HEADER = "# yaml-language-server: $schema=../schemas/quiz.schema.json\n"
#: The head of a test quiz file for lesson ``raa`` (four questions: one mc, tf and cloze
#: generated), before its ``instructor_questions``.
QUIZ_HEAD = "title: T\nlesson: raa\nquestions: 4\nmix: {mc: 1, tf: 1, cloze: 1}\n"


def frozen_files(quizzes: dict[str, str] | None = None) -> dict[str, str]:
    """Files for ``make_project``: the frozen bank plus ``quizzes`` (lesson -> YAML text)."""
    files = {"facts/bank.yml": FROZEN_BANK.read_text(encoding="utf-8")}
    for lesson, text in (quizzes or {}).items():
        files[f"quizzes/{lesson}.yml"] = HEADER + text
    return files


def load(root: Path) -> Project:
    return load_project(root)
