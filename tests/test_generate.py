"""Seeded quiz generation on the frozen bank: determinism, the mix, ids, instructor questions,
errors, golden variants (one quiz per type) and the terminal preview."""

from __future__ import annotations

import hashlib
import json
import os
import random
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from quiz_fixtures import GOLDEN, frozen_files, load
from typer.testing import CliRunner

from factquiz.cli.common import app
from factquiz.errors import FactquizError
from factquiz.generate import (
    InvalidQuiz,
    UnknownQuiz,
    generate_question,
    make_quiz,
    plan_quiz,
    seed_for,
)
from factquiz.load import Project
from factquiz.qtypes import REGISTRY
from factquiz.quizmodel import Mix
from factquiz.selection import allocate

QUIZ = """title: Test quiz
lesson: raa
questions: 8
mix: {mc: 2, tf: 1, cloze: 1, numeric: 1, ordering: 1, matching: 1}
seed: 4
instructor_questions:
  - id: capital
    type: mc
    prompt: In which city did Morrison and Suga agree the pact in principle?
    choices: [Tokyo, Osaka, Kyoto]
    answer: Tokyo
    explanation: They met in Tokyo.
    facts: [raa-tokyo]
"""


@pytest.fixture
def frozen(make_project: Callable[..., Path]) -> Project:
    return load(make_project(files=frozen_files({"raa": QUIZ})))


def test_seed_for_is_sha256_of_the_student_id() -> None:
    digest = hashlib.sha256(b"s1234567").digest()
    assert seed_for("s1234567") == int.from_bytes(digest[:8], "big") >> 1
    assert seed_for(" s1234567 ") == seed_for("s1234567")
    assert seed_for("s1234567") != seed_for("s1234568")


def test_same_seed_same_variant_and_default_seed(frozen: Project) -> None:
    first = make_quiz(frozen, "raa", seed=11)
    again = make_quiz(load(frozen.root), "raa", seed=11)
    assert first == again
    assert make_quiz(frozen, "raa").seed == 4
    assert make_quiz(frozen, "raa") == make_quiz(frozen, "raa", seed=4)
    assert make_quiz(frozen, "raa", student="ana") == make_quiz(frozen, "raa",
                                                               seed=seed_for("ana"))


def test_different_seeds_shuffle_facts_types_and_options(frozen: Project) -> None:
    variants = [make_quiz(frozen, "raa", seed=s) for s in range(20)]
    assert len({tuple(q.id for q in v.questions) for v in variants}) == 20
    assert len({tuple(q.fact_ids[0] for q in v.questions) for v in variants}) > 10
    mc_orders = {tuple(q.options) for v in variants for q in v.questions if q.type == "mc"}
    assert len(mc_orders) > 10


def test_mix_ids_and_instructor_question(frozen: Project) -> None:
    quiz = make_quiz(frozen, "raa", seed=2)
    assert (quiz.id, quiz.title, quiz.lesson, quiz.seed) == ("raa", "Test quiz", "raa", 2)
    assert Counter(q.type for q in quiz.questions) == Counter(
        {"mc": 3, "tf": 1, "cloze": 1, "numeric": 1, "ordering": 1, "matching": 1})
    for n, question in enumerate(quiz.questions, start=1):
        assert question.id.startswith(f"raa-{n}-{question.type}-")
        assert question.citations and question.explanation and question.fact_ids
    [mine] = [q for q in quiz.questions if q.id.endswith("-capital")]
    assert mine.options[mine.answer] == "Tokyo" and sorted(mine.options) == ["Kyoto", "Osaka",
                                                                              "Tokyo"]
    assert mine.fact_ids == ["raa-tokyo"] and mine.citations[0].source_id
    anchors = [q.fact_ids[0] for q in quiz.questions if not q.id.endswith("-capital")]
    assert len(anchors) == len(set(anchors)), "each generated question asks about its own fact"


def test_allocate_shares_by_largest_remainder() -> None:
    unasked = dict.fromkeys(REGISTRY, 0)  # every registered type, 0 when the mix leaves it out
    assert allocate(Mix(mc=1, tf=1, cloze=1, numeric=1, ordering=1, matching=1), 9) == {
        **unasked, "mc": 2, "tf": 2, "cloze": 2, "numeric": 1, "ordering": 1, "matching": 1}
    assert allocate(Mix(mc=3, tf=1), 8) == {**unasked, "mc": 6, "tf": 2}
    assert sum(allocate(Mix(mc=0), 5).values()) == 0


def test_unknown_quiz_lists_lessons(frozen: Project) -> None:
    with pytest.raises(UnknownQuiz) as err:
        make_quiz(frozen, "nope")
    assert str(err.value) == ("no quiz 'nope': a quiz's id is a lesson id; lessons: "
                              "beyond-defence, foundations, jdsc, overview, raa, regional")


def test_seed_and_student_together_is_an_error(frozen: Project) -> None:
    with pytest.raises(FactquizError, match="give a seed or a student id, not both"):
        make_quiz(frozen, "raa", seed=1, student="ana")


def test_lesson_without_quiz_file_gets_the_default_quiz(make_project: Callable[..., Path]) -> None:
    project = load(make_project(files=frozen_files()))
    quiz = make_quiz(project, "raa", seed=0)
    assert quiz.title == "The Reciprocal Access Agreement" and len(quiz.questions) == 10
    # Without a mix every type weighs the same but those only instructors write (short
    # answer): the first ten such registered types, one each.
    default = {t for t, n in allocate(None, len(quiz.questions)).items() if n}
    generated = [t for t, q in REGISTRY.items() if not q.instructor_only]
    assert default == set(generated[:10]) and {q.type for q in quiz.questions} == default
    assert make_quiz(project, "jdsc").questions == []  # no facts of that lesson in this bank


def test_invalid_quiz_file_is_refused(make_project: Callable[..., Path]) -> None:
    broken = QUIZ.replace("answer: Tokyo", "answer: Nagoya")
    project = load(make_project(files=frozen_files({"raa": broken})))
    with pytest.raises(InvalidQuiz) as err:
        make_quiz(project, "raa")
    assert str(err.value) == ("quizzes/raa.yml:12:13: the answer 'Nagoya' is not one of the "
                              "choices (run `factquiz check` for all problems)")
    schema_broken = load(make_project(files=frozen_files({"raa": "title: [\n"})))
    with pytest.raises(InvalidQuiz, match=r"quizzes/raa.yml has errors; run `factquiz check`"):
        make_quiz(schema_broken, "raa")


def test_plan_is_cached_per_project(frozen: Project) -> None:
    assert plan_quiz(frozen, "raa") is plan_quiz(frozen, "raa")


def test_generate_question_refuses_a_type_the_fact_cannot_yield(frozen: Project) -> None:
    tokyo = frozen.facts_by_id["raa-tokyo"]
    with pytest.raises(ValueError, match="cannot yield a numeric question: numeric questions are "
                                         "for kinds year and number, not place"):
        generate_question(frozen, tokyo, "numeric", random.Random(0))
    question = generate_question(frozen, tokyo, "mc", random.Random(0))
    assert question.id == "raa-mc-raa-tokyo" and question.options[question.answer] == "Tokyo"


# --- golden variants: one quiz per type --------------------------------------------------------

@pytest.mark.parametrize("qtype", tuple(t for t, q in REGISTRY.items() if not q.instructor_only))
def test_golden_quiz_per_type(qtype: str, make_project: Callable[..., Path]) -> None:
    # One variant may not use a fact twice, so the small frozen bank has room for one
    # ordering or matching question (3-5 facts each) but three of the other types; its
    # relations (three cause links, two dated states of one thing) give one of each, and it
    # attributes one view to a person (claimed_by), so one contested question.
    count = 1 if qtype in ("ordering", "matching", "cause", "change", "contested") else 3
    text = f"title: Golden {qtype}\nlesson: raa\nquestions: {count}\nmix: {{{qtype}: 1}}\nseed: 7\n"
    project = load(make_project(files=frozen_files({"raa": text})))
    quiz = make_quiz(project, "raa")
    assert [q.type for q in quiz.questions] == [qtype] * count
    actual = json.dumps(quiz.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
    golden = GOLDEN / f"quiz-{qtype}.json"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8"), f"UPDATE_GOLDEN=1 rewrites {golden}"


def test_terminal_preview_golden(frozen: Project) -> None:
    runner = CliRunner()
    args = ["quiz", "raa", "--seed", "3", "--project", str(frozen.root)]
    plain = runner.invoke(app, args, env={"COLUMNS": "200"})
    keyed = runner.invoke(app, [*args, "--answers"], env={"COLUMNS": "200"})
    assert plain.exit_code == 0 and keyed.exit_code == 0
    assert "Answer:" not in plain.output and "Why:" not in plain.output
    assert keyed.output.count("Answer:") == 8 and keyed.output.count("Why:") == 8
    golden = GOLDEN / "preview-raa-seed3.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(keyed.output, encoding="utf-8")
    assert keyed.output == golden.read_text(encoding="utf-8")


def test_cli_unknown_lesson_exits_2(frozen: Project) -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "factquiz", "quiz", "nope", "--project",
                           str(frozen.root)], capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert "error: no quiz 'nope': a quiz's id is a lesson id; lessons: beyond-defence," \
        in " ".join(done.stderr.split())
