"""Quiz files: each kind of mistake gives its finding at file:line:col with a fix; the real
quiz files are valid; the quiz schema is current."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from quiz_fixtures import frozen_files, load
from typer.testing import CliRunner

from factquiz.cli.common import app
from factquiz.findings import Finding
from factquiz.generate import InvalidQuiz, make_quiz, plan_quiz
from factquiz.quizrules import check_quizzes
from factquiz.schema import stale_schemas

HEAD = "title: T\nlesson: raa\nquestions: 3\nmix: {mc: 1, tf: 1, cloze: 1}\n"
MC = """instructor_questions:
  - type: mc
    prompt: In which city was the pact agreed in principle?
    choices: [Tokyo, Osaka, Kyoto]
    answer: Tokyo
    explanation: In Tokyo.
    facts: [raa-tokyo]
"""


def findings(make_project: Callable[..., Path], quiz: str,
             extra: dict[str, str] | None = None) -> list[tuple[str, int, int, str, str]]:
    """(path, line, col, code, message) of the quiz findings, load-time ones included.

    Line 1 of every quiz file is the schema comment, so HEAD starts on line 2.
    """
    files = {**frozen_files({"raa": quiz}), **(extra or {})}
    project = load(make_project(files=files))
    found = [f for f in project.findings if f.path.startswith("quizzes/")]
    found += check_quizzes(project)
    return [(f.path, f.line, f.col, f.code, f.message) for f in sorted(found)]


def test_a_valid_quiz_has_no_findings(make_project: Callable[..., Path]) -> None:
    assert findings(make_project, HEAD + MC.replace("questions: 3", "questions: 4")) == []


CASES = {
    "unknown-fact": (MC.replace("facts: [raa-tokyo]", "facts: [raa-tokio]"),
                     [(12, 13, "unknown-fact", "unknown fact id 'raa-tokio'")]),
    "missing-correct-choice": (MC.replace("answer: Tokyo", "answer: Nagoya"),
                               [(10, 13, "missing-correct-choice",
                                 "the answer 'Nagoya' is not one of the choices")]),
    "no-answer": (MC.replace("    answer: Tokyo\n", ""),
                  [(7, 5, "missing-correct-choice",
                    "no correct choice: `answer` must be the text of one choice")]),
    "duplicate-correct-choice": (MC.replace("[Tokyo, Osaka, Kyoto]", "[Tokyo, Osaka, tokyo]"),
                                 [(9, 29, "duplicate-correct-choice",
                                   "the correct choice 'Tokyo' appears more than once")]),
    "too-few-options": (MC.replace("[Tokyo, Osaka, Kyoto]", "[Tokyo, Osaka]"),
                        [(9, 14, "too-few-options", "a multiple-choice question needs at least "
                                                     "3 choices, this one has 2")]),
    "contradicts-facts": (MC.replace("answer: Tokyo", "answer: Osaka"),
                          [(9, 15, "contradicts-facts",
                            "the choice 'Tokyo' is the answer of fact 'raa-tokyo' but is marked "
                            "wrong, and the marked answer 'Osaka' is the answer of none of its "
                            "facts")]),
    "empty-prompt": (MC.replace("prompt: In which city was the pact agreed in principle?",
                                "prompt: '   '"),
                     [(8, 13, "empty-prompt", "the prompt is blank")]),
    "missing-prompt": (MC.replace("    prompt: In which city was the pact agreed in principle?\n",
                                  ""),
                       [(7, 5, "schema", "instructor_questions.0.prompt: required field is "
                                         "missing")]),
    "unused-field": (MC.replace("    answer: Tokyo\n", "    answer: Tokyo\n    accepted: [x]\n"),
                     [(11, 15, "unused-field", "`accepted` is not used by a mc question")]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_instructor_mistakes(case: str, make_project: Callable[..., Path]) -> None:
    text, expected = CASES[case]
    text = HEAD.replace("questions: 3", "questions: 4") + text
    assert findings(make_project, text) == [("quizzes/raa.yml", *e) for e in expected]


def test_duplicate_instructor_ids(make_project: Callable[..., Path]) -> None:
    one = MC.replace("  - type: mc", "  - id: city\n    type: mc")
    two = one + one.split("\n", 1)[1]
    got = findings(make_project, HEAD.replace("questions: 3", "questions: 5") + two)
    assert got == [("quizzes/raa.yml", 14, 9, "duplicate-id",
                    "instructor question id 'city' is already used by question 1")]


def test_other_types_shape_and_contradictions(make_project: Callable[..., Path]) -> None:
    text = HEAD.replace("questions: 3", "questions: 8") + """instructor_questions:
  - type: tf
    prompt: True or false? STATEMENT
    answer: false
    explanation: x
    facts: [raa-tokyo]
  - type: cloze
    prompt: The pact was agreed in Tokyo.
    accepted: [Tokyo]
    explanation: x
    facts: [raa-tokyo]
  - type: numeric
    prompt: In which year did Australia, the US and the UK sign the AUKUS security pact?
    answer: 2020
    explanation: x
    facts: [reg-aukus-year]
  - type: ordering
    prompt: Order these.
    items: [AUKUS pact signed, Japan-US status of forces agreement, JDSC signed in Perth]
    explanation: x
    facts: [reg-aukus-year, raa-first-since-1960, jdsc-signed-date]
  - type: matching
    prompt: Match.
    pairs:
      - {item: City where the RAA was agreed in principle, answer: Perth}
      - {item: Signing of the 2022 JDSC, answer: Tokyo}
    explanation: x
    facts: [raa-tokyo, jdsc-signed-perth]
  - type: tf
    prompt: Yes?
    answer: 1
    explanation: x
    facts: [raa-tokyo]
""".replace("STATEMENT", "Morrison travelled to Tokyo, where he and Suga agreed the defence "
                         "pact in principle.")
    assert findings(make_project, text) == [("quizzes/raa.yml", *e) for e in [
        (9, 13, "contradicts-facts", "the prompt is the statement of fact 'raa-tokyo', which is "
                                     "true, but the answer is false"),
        (13, 13, "no-blank", "a fill-in-the-blank prompt must contain the blank _____"),
        (19, 13, "contradicts-facts", "fact 'reg-aukus-year' asks the same question and answers "
                                      "'2021', not '2020'"),
        (24, 32, "contradicts-facts", "'Japan-US status of forces agreement' (1960, fact "
                                      "'raa-first-since-1960') is placed after 'AUKUS pact "
                                      "signed' (2021, fact 'reg-aukus-year') but happened before "
                                      "it"),
        (30, 7, "too-few-options", "a matching question needs at least 3 pairs, this one has 2"),
        (30, 68, "contradicts-facts", "'City where the RAA was agreed in principle' is paired "
                                      "with 'Perth', but fact 'raa-tokyo' answers 'Tokyo'"),
        (31, 50, "contradicts-facts", "'Signing of the 2022 JDSC' is paired with 'Tokyo', but "
                                      "fact 'jdsc-signed-perth' answers 'Perth'"),
        (36, 13, "missing-answer", "a true/false question needs `answer: true` or "
                                   "`answer: false`"),
    ]]


def test_definition_mistakes(make_project: Callable[..., Path]) -> None:
    text = """title: T
lesson: jdsc
select:
  ids: [raa-tokyo, raa-tokio]
  tags: [no-such-tag]
  lessons: [nope]
questions: 2
mix: {numeric: 1, mc: 1}
"""
    assert findings(make_project, text) == [("quizzes/raa.yml", *e) for e in [
        (3, 9, "quiz-name", "the file is named raa but the quiz is for lesson 'jdsc'"),
        (5, 20, "unknown-fact", "unknown fact id 'raa-tokio'"),
        (6, 10, "unknown-tag", "no fact has the tag 'no-such-tag'"),
        (7, 13, "unknown-lesson", "unknown lesson 'nope'"),
        (9, 16, "mix-unfillable", "the mix asks for 1 numeric question(s) but only 0 of the 1 "
                                  "selected facts can yield one (raa-tokyo: numeric questions "
                                  "are for kinds year and number, not place)"),
    ]]


def test_a_fitted_quiz_asks_only_what_its_facts_can_yield(
        make_project: Callable[..., Path]) -> None:
    """`fit: true` (the scaffold of a new lesson): no unfillable mix, a shorter variant."""
    text = """title: T
lesson: raa
select:
  ids: [raa-tokyo, raa-first-since-1960]
questions: 8
fit: true
mix: {mc: 2, tf: 2, cloze: 2, numeric: 1, ordering: 1, matching: 1}
"""
    assert findings(make_project, text) == []
    project = load(make_project(files=frozen_files({"raa": text})))
    plan = plan_quiz(project, "raa")
    assert plan.counts["numeric"] == 1  # the year fact only
    assert all(n <= len(plan.capable[t]) <= 2 for t, n in plan.counts.items())
    assert sum(plan.counts.values()) > 0
    quiz = make_quiz(project, "raa", seed=1)
    assert len(quiz.questions) == sum(plan.counts.values())
    one = text.replace("raa-tokyo, raa-first-since-1960", "raa-tokyo")
    assert findings(make_project, one) == []
    shorter = make_quiz(load(make_project(files=frozen_files({"raa": one}))), "raa", seed=1)
    assert 0 < len(shorter.questions) <= 5 < 8  # one question per type its one fact yields
    unfitted = one.replace("fit: true\n", "")
    assert "mix-unfillable" in {f[3] for f in findings(make_project, unfitted)}


def test_a_fitted_quiz_assembles_for_any_student(make_project: Callable[..., Path]) -> None:
    """`fit: true` lowers the mix to what whole-quiz assembly fills: every variant, for the
    checked seeds and for students' seeds, is a fair set, never `UnsatisfiableQuiz`."""
    text = """title: T
lesson: raa
select:
  ids: [raa-tokyo, raa-first-since-1960, raa-agreed-date]
questions: 10
fit: true
"""
    assert findings(make_project, text) == []
    project = load(make_project(files=frozen_files({"raa": text})))
    fitted = sum(plan_quiz(project, "raa").counts.values())
    assert 0 < fitted < 10
    for student in ("s1", "s2", "s3", "s4", "s5", "s6"):
        quiz = make_quiz(project, "raa", student=student)
        assert 0 < len(quiz.questions) <= fitted
        assert len({tuple(q.fact_ids) for q in quiz.questions}) == len(quiz.questions)


def test_schema_and_count_mistakes(make_project: Callable[..., Path]) -> None:
    assert findings(make_project, "title: T\nlesson: raa\nmixx: {mc: 1}\n") == [
        ("quizzes/raa.yml", 4, 7, "schema", "mixx: unknown field")]
    assert findings(make_project, HEAD.replace("questions: 3", "questions: 0")) == [
        ("quizzes/raa.yml", 4, 12, "schema",
         "questions: Input should be greater than or equal to 1")]
    assert findings(make_project, HEAD.replace("questions: 3", "questions: 1") + MC + MC[22:]) \
        == [("quizzes/raa.yml", 4, 12, "too-many-instructor-questions",
             "the quiz has 1 question(s) but 2 instructor questions")]
    assert findings(make_project, "title: T\nlesson: raa\nmix: {mc: 0}\n") == [
        ("quizzes/raa.yml", 4, 6, "empty-mix", "every type in `mix` has weight 0")]
    # A later lesson is out of the quiz's scope (reported), so nothing is selected.
    assert findings(make_project, "title: T\nlesson: raa\nselect: {lessons: [jdsc]}\n") == [
        ("quizzes/raa.yml", 4, 9, "empty-quiz",
         "the quiz selects no facts to generate questions from"),
        ("quizzes/raa.yml", 4, 20, "later-lesson",
         "lesson 'jdsc' comes after 'raa' in lessons.yml: a quiz may only use facts of its "
         "lesson and earlier ones")]


def test_mix_names_only_registered_types(make_project: Callable[..., Path]) -> None:
    quiz = "title: T\nlesson: raa\nquestions: 3\nmix: {mcq: 1, tf: 2}\n"
    assert findings(make_project, quiz) == [
        ("quizzes/raa.yml", 5, 12, "unknown-type", "`mcq` is not a question type")]
    project = load(make_project(files=frozen_files({"raa": quiz})))
    found = [f for f in check_quizzes(project) if f.code == "unknown-type"]
    assert found[0].suggestion == "did you mean 'mc'?"
    with pytest.raises(InvalidQuiz, match="`mcq` is not a question type"):
        make_quiz(project, "raa", seed=1)


def test_an_instructor_question_names_a_registered_type(
        make_project: Callable[..., Path]) -> None:
    quiz = HEAD + MC.replace("type: mc", "type: mcq")
    assert findings(make_project, quiz) == [
        ("quizzes/raa.yml", 7, 11, "unknown-type", "`mcq` is not a question type")]
    project = load(make_project(files=frozen_files({"raa": quiz})))
    with pytest.raises(InvalidQuiz, match="`mcq` is not a question type"):
        make_quiz(project, "raa", seed=1)


LONELY = """facts:
  - id: lonely-title
    lesson: raa
    statement: Madeleine King was Minister for Resources.
    question: What was Madeleine King's portfolio?
    answer: Minister for Resources
    kind: title
    distractors: [Treasurer, minister for resources]
    evidence:
      - source: foreign-relations-japan-2020
        quote: Japan
"""


def test_fact_distractor_warnings(make_project: Callable[..., Path]) -> None:
    project = load(make_project(files={**frozen_files({"raa": HEAD}), "facts/zz.yml": LONELY}))
    got = [f for f in check_quizzes(project) if f.path == "facts/zz.yml"]
    assert got == [
        Finding("facts/zz.yml", 8, 18, "too-few-distractors",
                "quiz 'raa' asks for multiple choice questions, which need 3 safe "
                "distractor(s), but this fact has 1",
                "add `distractors:` of kind title (wrong answers of the same form as the "
                "answer)", "lonely-title", "warning"),
        Finding("facts/zz.yml", 8, 30, "unsafe-distractor",
                "the distractor 'minister for resources' is never used: it would be accepted "
                "as the answer", "replace it with a clearly wrong answer of the same kind",
                "lonely-title", "warning"),
    ]


def test_check_command_reports_quiz_findings(make_project: Callable[..., Path]) -> None:
    root = make_project(files=frozen_files({"raa": HEAD.replace("questions: 3", "questions: 4")
                                            + MC.replace("answer: Tokyo", "answer: Nagoya")}))
    result = CliRunner().invoke(app, ["check", "--json", "--project", str(root)])
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert [(f["path"], f["line"], f["code"], f["item"]) for f in report["findings"]] == [
        ("quizzes/raa.yml", 10, "missing-correct-choice", "raa")]
    assert report["findings"][0]["hint"] == ("copy the correct choice exactly into `answer`, or "
                                             "add it to `choices`")


@pytest.mark.content
def test_every_lesson_has_a_valid_quiz_file(repo_root: Path) -> None:
    project = load(repo_root)
    assert sorted(project.quizzes) == sorted(project.lessons)
    for loaded in project.quizzes.values():
        text = (repo_root / loaded.path).read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema=../schemas/quiz.schema.json\n")
        assert 8 <= loaded.quiz.questions <= 10 and loaded.quiz.instructor_questions
    errors = [f.format() for f in check_quizzes(project) if f.severity == "error"]
    assert errors == []
    assert not [f for f in project.findings if f.path.startswith("quizzes/")]


def test_quiz_schema_is_current(repo_root: Path) -> None:
    assert "quiz.schema.json" not in stale_schemas(repo_root / "schemas")


def test_unknown_fact_suggests_the_closest_id(make_project: Callable[..., Path]) -> None:
    text = HEAD.replace("questions: 3", "questions: 4") + MC.replace("[raa-tokyo]",
                                                                     "[raa-tokio]")
    project = load(make_project(files=frozen_files({"raa": text})))
    [finding] = check_quizzes(project)
    assert finding.suggestion == "did you mean 'raa-tokyo'?"
    assert "\n    did you mean 'raa-tokyo'?\n" in finding.format()  # not "closest passage"
    assert finding.hint == "name a fact from facts/*.yml (`factquiz stats` lists them)"
