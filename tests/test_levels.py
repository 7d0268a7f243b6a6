"""Question levels (Bloom's taxonomy) and the level mix of quiz files (``levels:``).

Every question carries a level: its type's default, or an instructor question's own
``level:``. A quiz file's ``levels:`` is met by every variant, or the quiz is refused
(``UnsatisfiableQuiz``) and ``check`` reports it at the quiz file's line.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from quiz_fixtures import frozen_files, load

from factquiz.generate import make_quiz
from factquiz.model import Level
from factquiz.planner import UnsatisfiableQuiz
from factquiz.qtypes import REGISTRY, cause
from factquiz.quizmodel import LevelMix, describe_shortfall, level_shortfalls
from factquiz.stats import level_stats
from factquiz.verify import check

QUIZ = """\
title: Levels
lesson: raa
questions: 4
mix: {{mc: 1, tf: 1, cloze: 1}}
seed: 1
{levels}instructor_questions:
  - id: why-okinawa
    type: mc
{level}    prompt: What explains why American troops have been based on Okinawa for decades?
    choices:
      - The 1960 status of forces terms with the United States
      - A 2020 agreement with Australia
      - A United Nations peacekeeping mission
    answer: The 1960 status of forces terms with the United States
    explanation: >-
      Japan's 1960 status of forces agreement with the United States set the terms for
      basing about 50,000 American troops in and around Japan, Okinawa among its islands.
    facts: [raa-okinawa, raa-50000-troops]
"""


def quiz_text(levels: str = "", level: str = "") -> str:
    return QUIZ.format(levels=f"levels: {levels}\n" if levels else "",
                       level=f"    level: {level}\n" if level else "")


def test_levels_are_ordered_and_counted() -> None:
    assert [lv.rank for lv in Level] == [0, 1, 2, 3, 4]
    mix = LevelMix(above_recall=2, analyse=1)
    assert mix.minimums() == {"above_recall": (Level.understand, 2),
                              "analyse": (Level.analyse, 1)}
    asked = [Level.recall, Level.understand, Level.evaluate]
    assert level_shortfalls(mix, asked) == []
    assert level_shortfalls(mix, [Level.recall, Level.understand]) == [
        ("above_recall", Level.understand, 2, 1), ("analyse", Level.analyse, 1, 0)]
    assert level_shortfalls(None, []) == []
    assert describe_shortfall("analyse", Level.analyse, 1, 0) == (
        "`levels.analyse` asks for 1 question(s) at analyse or above per variant, and it has 0")


def test_every_type_has_a_level() -> None:
    assert all(isinstance(q.level, Level) for q in REGISTRY.values())
    assert cause.QTYPE.level is Level.understand


def test_questions_carry_their_level(make_project: Callable[..., Path]) -> None:
    project = load(make_project(files=frozen_files({"raa": quiz_text(level="analyse")})))
    quiz = make_quiz(project, "raa")
    mine = [q.level for q in quiz.questions if q.id.endswith("-mc-why-okinawa")]
    assert mine == [Level.analyse]
    assert {q.level for q in quiz.questions if not q.id.endswith("-mc-why-okinawa")} == {
        Level.recall}
    plain = load(make_project(files=frozen_files({"raa": quiz_text()})))
    assert {q.level for q in make_quiz(plain, "raa").questions} == {Level.recall}


def test_a_level_mix_is_met_for_every_seed(make_project: Callable[..., Path]) -> None:
    text = quiz_text(levels="{above_recall: 1, analyse: 1}", level="analyse")
    project = load(make_project(files=frozen_files({"raa": text})))
    assert [f for f in check(project) if f.severity == "error"] == []
    for seed in range(10):
        quiz = make_quiz(project, "raa", seed=seed)
        assert sum(q.level is not Level.recall for q in quiz.questions) >= 1


@pytest.mark.parametrize(("levels", "level", "key", "message"), [
    ("{above_recall: 2}", "analyse", "above_recall",
     "`levels.above_recall` asks for 2 question(s) above recall per variant, and it has 1, "
     "whatever the seed"),
    ("{evaluate: 1}", "analyse", "evaluate",
     "`levels.evaluate` asks for 1 question(s) at evaluate or above per variant, and it has 0, "
     "whatever the seed"),
])
def test_a_mix_that_cannot_be_met_is_reported_at_its_line(
        make_project: Callable[..., Path], levels: str, level: str, key: str,
        message: str) -> None:
    project = load(make_project(files=frozen_files({"raa": quiz_text(levels, level)})))
    found = [f for f in check(project) if f.code == "levels-unmet"]
    assert [(f.path, f.line, f.message) for f in found] == [("quizzes/raa.yml", 7, message)]
    assert "`level:` on instructor questions" in found[0].hint
    assert f"lower `levels.{key}`" in found[0].hint
    with pytest.raises(UnsatisfiableQuiz, match=r"quiz 'raa' \(seed 1\): `levels\."):
        make_quiz(project, "raa")


def test_an_unknown_level_is_a_load_error(make_project: Callable[..., Path]) -> None:
    project = load(make_project(files=frozen_files({"raa": quiz_text(level="create")})))
    assert any(f.path == "quizzes/raa.yml" and "level" in f.message for f in project.findings)


def test_fitting_keeps_the_types_the_level_mix_needs(make_project: Callable[..., Path],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(REGISTRY, "cause", cause.QTYPE)
    text = ("title: Fit\nlesson: beyond-defence\nquestions: 10\nfit: true\n"
            "mix: {mc: 3, tf: 3, cloze: 1, cause: 3}\nlevels: {above_recall: 3}\n")
    root = make_project(files={"quizzes/beyond-defence.yml": text}, copy=("facts",))
    project = load(root)
    for seed in range(5):
        quiz = make_quiz(project, "beyond-defence", seed=seed)
        assert sum(q.type == "cause" for q in quiz.questions) >= 3


def test_stats_show_the_levels(make_project: Callable[..., Path]) -> None:
    project = load(make_project(files=frozen_files({"raa": quiz_text(level="analyse")})))
    found = level_stats(project, seeds=3)["raa"]
    assert found == {"variants": 3, "per_level": {"recall": 9, "understand": 0, "apply": 0,
                                                  "analyse": 3, "evaluate": 0},
                     "fewest_above_recall": 1}
