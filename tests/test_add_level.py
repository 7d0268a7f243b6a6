"""``add question --level``: every type takes a level, written to the quiz file; a level
below the type's own is refused by ``check``'s rule at its file:line, and the spelling is
read as Bloom's levels (``analyze`` too). In-process (CliRunner), on fixture projects."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from quiz_fixtures import QUIZ_HEAD, frozen_files, load
from test_add import load as load_yaml
from typer.testing import CliRunner

from factquiz.cli.common import app
from factquiz.errors import FactquizError
from factquiz.generate import make_quiz
from factquiz.model import Level
from factquiz.qtypes import REGISTRY
from factquiz.qtypes.instructor import read_level
from factquiz.quizrules import check_quizzes

MC = ["--type", "mc", "--prompt", "Who was Morrison's counterpart in Tokyo in 2020?",
      "--choice", "Yoshihide Suga", "--choice", "Shinzo Abe", "--choice", "Fumio Kishida",
      "--answer", "Yoshihide Suga",
      "--explanation", "Morrison met Yoshihide Suga in Tokyo in November 2020.",
      "--fact", "raa-suga-2020"]
#: A cause question (its type asks students to understand) with its choices.
CAUSE = ["--type", "cause", "--prompt", "Why did the leaders meet in Tokyo in 2020?",
         "--choice", "To agree the Reciprocal Access Agreement in principle",
         "--choice", "To sign a trade deal", "--choice", "To open an embassy",
         "--answer", "To agree the Reciprocal Access Agreement in principle",
         "--explanation", "They agreed the RAA in principle in Tokyo.", "--fact", "raa-tokyo"]


BASE = QUIZ_HEAD + "instructor_questions: []\n"


@pytest.fixture
def root(make_project: Callable[..., Path]) -> Path:
    """A small project: the frozen fact bank and a raa quiz without instructor questions."""
    return make_project(files=frozen_files({"raa": BASE}))


def add(root: Path, *args: str) -> tuple[int, str]:
    """``factquiz add question raa ARGS`` in process: the exit code and all its output."""
    result = CliRunner().invoke(app, ["add", "question", "raa", "--project", str(root), *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        return 2, str(result.exception)  # a FactquizError: the command line reports it
    return result.exit_code, result.output


def last_question(root: Path) -> dict:
    return load_yaml(root / "quizzes" / "raa.yml")["instructor_questions"][-1]


@pytest.mark.parametrize(("typed", "level"), [
    ("recall", "recall"), ("Evaluate", "evaluate"), (" analyse ", "analyse"),
    ("analyze", "analyse"), ("ANALYZE", "analyse"), (None, None)])
def test_read_level_accepts_the_levels_in_either_spelling(typed: str | None,
                                                          level: str | None) -> None:
    assert read_level(typed) == level


@pytest.mark.parametrize(("typed", "says"), [
    ("create", "no question type asks students to create"), ("deep", "'deep' is not a level"),
    ("", "is not a level")])
def test_read_level_refuses_anything_else_naming_the_levels(typed: str, says: str) -> None:
    with pytest.raises(FactquizError, match=says) as caught:
        read_level(typed)
    assert ", ".join(level.value for level in Level) in str(caught.value)


def test_every_type_the_command_writes_takes_a_level() -> None:
    command = CliRunner().invoke(app, ["add", "question", "--help"], terminal_width=400)
    assert "--level" in command.output
    assert all(qtype.form is not None for qtype in REGISTRY.values())  # all take --level


def test_a_level_is_written_in_the_spelling_of_the_quiz_files(root: Path) -> None:
    code, output = add(root, "--id", "counterpart", "--level", "analyze", *MC)
    assert code == 0, output
    assert last_question(root)["level"] == "analyse"
    [made] = [q for q in make_quiz(load(root), "raa", seed=1).questions
              if q.id.endswith("counterpart")]
    assert made.level is Level.analyse


def test_without_a_level_the_type_level_applies_and_none_is_written(root: Path) -> None:
    code, output = add(root, "--id", "counterpart", *MC)
    assert code == 0, output
    assert "level" not in last_question(root)
    [made] = [q for q in make_quiz(load(root), "raa", seed=1).questions
              if q.id.endswith("counterpart")]
    assert made.level is REGISTRY["mc"].level


def test_a_short_answer_without_a_level_asks_students_to_analyse(root: Path) -> None:
    code, output = add(root, "--id", "why-tokyo", "--type", "short", "--prompt",
                       "Why did the leaders meet in Tokyo?", "--model-answer",
                       "To agree the pact in principle.", "--key-point", "agree the pact",
                       "--key-point", "in principle", "--explanation", "Both points.",
                       "--fact", "raa-tokyo")
    assert code == 0, output
    assert "level" not in last_question(root)


@pytest.mark.parametrize("typed", ["create", "deep"])
def test_an_unknown_level_is_refused_before_anything_is_written(root: Path, typed: str) -> None:
    path = root / "quizzes" / "raa.yml"
    before = path.read_bytes()
    code, output = add(root, "--level", typed, *MC)
    assert code == 2
    assert f"--level '{typed}' is not a level" in output
    assert path.read_bytes() == before


def test_a_level_below_the_type_level_is_refused_at_its_line(root: Path) -> None:
    path = root / "quizzes" / "raa.yml"
    before = path.read_bytes()
    code, output = add(root, "--id", "why-tokyo", "--level", "recall", *CAUSE)
    assert code == 2, output
    assert ("error[level-below-type] raa: `level: recall` is below the level of a "
            f"{REGISTRY['cause'].title} question, which asks students to understand") in output
    assert "leave `level:` out (understand) or set it to understand or a level above it" \
        in output
    assert path.read_bytes() == before
    code, output = add(root, "--id", "why-tokyo", "--level", "apply", *CAUSE)
    assert code == 0, output
    assert last_question(root)["level"] == "apply"


QUIZ = QUIZ_HEAD + """instructor_questions:
  - type: cause
    prompt: Why did the leaders meet in Tokyo?
    choices: [To agree the RAA in principle, To sign a trade deal, To open an embassy]
    answer: To agree the RAA in principle
    level: LEVEL
    explanation: They agreed the RAA in principle.
    facts: [raa-tokyo]
"""


@pytest.mark.parametrize(("level", "codes"), [
    ("understand", set()), ("evaluate", set()), ("recall", {"level-below-type"}),
    ("analyze", {"schema"}), ("create", {"schema"})])
def test_check_reports_a_level_in_a_quiz_file_at_its_line(
        make_project: Callable[..., Path], level: str, codes: set[str]) -> None:
    project = load(make_project(files=frozen_files({"raa": QUIZ.replace("LEVEL", level)})))
    found = [f for f in project.findings if f.path.startswith("quizzes/")]
    found += [f for f in check_quizzes(project) if f.code in ("level-below-type", "schema")]
    assert {f.code for f in found} == codes
    line = 1 + QUIZ.split("\n").index("    level: LEVEL") + 1  # after the schema header
    assert all(f.line == line for f in found), [f.format() for f in found]


def test_a_refused_level_is_asked_again_at_the_prompt(root: Path) -> None:
    result = CliRunner().invoke(app, ["add", "question", "raa", "--project", str(root), "-i",
                                      "--id", "why-tokyo", "--level", "recall", *CAUSE],
                                input="1\ny\n")  # the first level offered: the type's own
    assert result.exit_code == 0, result.output
    assert "error[level-below-type]" in result.output and "Please correct: level" in \
        result.output
    assert "1) understand" in result.output and "recall" not in result.output.split(
        "Please correct: level")[1].split("Level (number or id)")[0]
    assert last_question(root)["level"] == "understand"
