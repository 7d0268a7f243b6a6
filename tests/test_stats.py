"""``factquiz stats`` for instructors: questions available per lesson and type, the facts
that cannot yield a type and why, and the sources the bank under-uses."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_run import run

from factquiz.load import load_project
from factquiz.qtypes import REGISTRY
from factquiz.stats import bank_stats

FACTS = """\
facts:
  - id: t-suga
    lesson: raa
    statement: Morrison's Japanese counterpart at the Tokyo talks was Yoshihide Suga.
    question: Who was Morrison's Japanese counterpart at the Tokyo talks?
    answer: Yoshihide Suga
    kind: person
    distractors: [Shinzo Abe, Fumio Kishida, Taro Aso]
    evidence:
      - source: tokyo-raa-basic-agreement-2020
        quote: his Japanese counterpart, Yoshihide Suga
  - id: t-morrison
    lesson: raa
    statement: Scott Morrison was Australia's prime minister at the Tokyo talks.
    question: Who was Australia's prime minister at the Tokyo talks?
    answer: Scott Morrison
    kind: person
    evidence:
      - source: tokyo-raa-basic-agreement-2020
        quote: Australian Prime Minister Scott Morrison
  - id: t-sofa-1960
    lesson: raa
    statement: Japan's status of forces agreement with the United States dates from 1960.
    question: In which year did Japan agree status of forces terms with the United States?
    answer: "1960"
    kind: year
    when: "1960"
    evidence:
      - source: tokyo-raa-basic-agreement-2020
        quote: since its 1960 status of forces agreement with the United States
  - id: t-troops
    lesson: raa
    statement: About 50,000 American troops are based in and around Japan.
    question: About how many American troops are based in and around Japan?
    answer: "50,000"
    kind: number
    evidence:
      - source: tokyo-raa-basic-agreement-2020
        quote: the basing of about 50,000 American troops
  - id: t-climate
    lesson: foundations
    statement: The two leaders agreed to cooperate in tackling climate change.
    question: What did the two leaders agree to cooperate in tackling?
    answer: climate change
    kind: concept
    evidence:
      - source: foreign-relations-japan-2020
        quote: climate change
"""
QUIZ = """\
title: RAA
lesson: raa
questions: 3
instructor_questions:
  - type: tf
    prompt: True or false? Suga was Morrison's counterpart.
    answer: true
    explanation: He was.
    facts: [t-suga]
"""


@pytest.fixture
def root(make_project: Callable[..., Path]) -> Path:
    return make_project({"facts/t.yml": FACTS, "quizzes/raa.yml": QUIZ})


def test_questions_available_per_lesson_and_type(root: Path) -> None:
    stats = bank_stats(load_project(root))
    # mc needs 3 safe distractors, tf 1; matching needs 3 facts of a kind; ordering a label.
    # A person without a category borrows no other person's name (issue 9): t-morrison,
    # with no distractors of its own, cannot yield true/false.
    # A which-source question needs two sources that can be shown not to say the claim:
    # most sources speak of climate change, so t-climate yields none.
    assert stats.capable["raa"] == {"mc": 1, "tf": 1, "cloze": 4, "numeric": 2, "ordering": 0,
                                    "matching": 0, "cause": 0, "change": 0, "evidence": 4,
                                    "source": 4, "contested": 0,
                                    "short": 0}  # short: instructor-only
    assert stats.capable["foundations"] == {"mc": 0, "tf": 0, "cloze": 1, "numeric": 0,
                                            "ordering": 0, "matching": 0, "cause": 0,
                                            "change": 0, "evidence": 1, "source": 0,
                                            "contested": 0, "short": 0}
    assert stats.capable["jdsc"] == dict.fromkeys(stats.capable["raa"], 0)  # no facts yet
    assert stats.instructor["raa"] == {**dict.fromkeys(stats.capable["raa"], 0), "tf": 1}


def test_facts_that_cannot_yield_a_type_say_why(root: Path) -> None:
    stats = bank_stats(load_project(root))
    numeric = {row["fact"]: row["why"] for row in stats.cannot["numeric"]}
    assert set(numeric) == {"t-suga", "t-morrison", "t-climate"}
    assert numeric["t-suga"] == "numeric questions are for kinds year and number, not person"
    mc = {row["fact"]: row for row in stats.cannot["mc"]}
    assert mc["t-climate"] == {
        "fact": "t-climate", "lesson": "foundations",
        "why": "it has 0 safe distractor(s) and multiple choice needs 3: add `distractors:` of "
               "kind concept"}
    assert "t-suga" not in mc
    ordering = {row["fact"]: row["why"] for row in stats.cannot["ordering"]}
    assert ordering["t-sofa-1960"] == "it has no label: ordering needs a dated, labelled event"


def test_under_used_sources(root: Path) -> None:
    stats = bank_stats(load_project(root))
    # Cited sources: tokyo by 4 facts, foreign-relations by 1; the average is 2.5.
    assert stats.underused_sources == [
        {"source": "foreign-relations-japan-2020", "facts": 1, "average": 2.5}]
    assert stats.unused_sources == ["aa-raa-to-be-signed-2022", "jdsc-perth-visit-2022",
                                    "jdsc-signed-perth-2022"]



def test_stats_command(root: Path) -> None:
    result = run("stats", cwd=root)
    assert result.returncode == 0, result.stderr
    assert "Questions available per lesson: facts able to yield each type (+ instructor " \
        "questions)" in result.stdout
    table = result.stdout.split("Questions available per lesson")[1]
    row = next(line for line in table.splitlines() if line.startswith("│ raa "))
    assert [cell.strip() for cell in row.strip("│").split("│")] == [
        "raa", "1", "1 (+1)", "4", "2", "0", "0", "0", "0", "4", "4", "0", "0"]
    assert "facts that cannot yield a type: mc 4, tf 4, cloze 0, numeric 3, ordering 5, " \
        "matching 5, cause 5, change 5, evidence 0, source 1, contested 5, short 5 (see why " \
        "with --why TYPE)" in result.stdout
    assert "Question levels per lesson" in result.stdout
    assert "under-used source: foreign-relations-japan-2020 is cited by 1 fact(s), under half " \
        "the average of 2.5 per cited source" in result.stdout

    why = run("stats", "--why", "numeric", cwd=root)
    assert why.returncode == 0
    assert "Facts that cannot yield a numeric question" in why.stdout
    assert "numeric questions are for kinds year and number, not person" in why.stdout
    assert "t-sofa-1960" not in why.stdout

    cloze = run("stats", "--why", "cloze", cwd=root)
    assert cloze.stdout.strip() == "every fact can yield a cloze question"

    bad = run("stats", "--why", "essay", cwd=root)
    assert bad.returncode == 2
    assert (f"error: unknown question type 'essay'; use one of: {', '.join(REGISTRY)}"
            in bad.stderr)

    as_json = json.loads(run("stats", "--json", cwd=root).stdout)
    assert as_json["capable"]["raa"]["numeric"] == 2
    assert as_json["underused_sources"][0]["source"] == "foreign-relations-japan-2020"


def test_each_command_run_in_one_process_reads_the_terminal_width_afresh(root: Path) -> None:
    """Commands run one after another in one process (as `run` does) each print to the width
    of their own terminal: no command module keeps the console of the first command."""
    def raa_row(stdout: str) -> list[str]:
        table = stdout.split("Questions available per lesson")[1]
        row = next(line for line in table.splitlines() if line.startswith("│ raa "))
        return [cell.strip() for cell in row.strip("│").split("│")]

    narrow = run("stats", cwd=root, env={**os.environ, "COLUMNS": "80"})
    wide = run("stats", cwd=root)
    assert narrow.returncode == wide.returncode == 0
    assert max(len(line) for line in narrow.stdout.splitlines() if line.startswith("│")) <= 80
    assert raa_row(narrow.stdout)[2] == "1"  # "(+1)" wrapped to the next line
    assert raa_row(wide.stdout)[2] == "1 (+1)"
