"""Distractor safety: never the answer, an alias, a near-typo of it, or another fact's answer
to the same question; same form; no duplicates; too few is an error naming the fact."""

from __future__ import annotations

import random
from typing import Any

import pytest

from factquiz.distractors import Bank, NotEnoughDistractors, distractors_for, unsafe_reason
from factquiz.model import Fact
from factquiz.normalize import answer_key


def fact(ident: str, kind: str, answer: str, **extra: Any) -> Fact:
    fields: dict[str, Any] = {
        "id": ident, "lesson": "raa", "kind": kind, "answer": answer,
        "statement": extra.pop("statement", f"The answer is {answer}."),
        "question": extra.pop("question", f"What is the answer of {ident}?"),
        "evidence": [{"source": "src", "quote": answer}],
    }
    return Fact(**fields, **extra)


PM = fact("pm-2020", "person", "Scott Morrison", aliases=["Morrison"],
          question="Who was Australia's prime minister in 2020?",
          distractors=["scott  MORRISON.", "Scott Morison", "Morrison", "Kevin Rudd",
                       "Kevin Rudd", "Malcolm Turnbull"])
PM_SAME_QUESTION = fact("pm-2020-again", "person", "Anthony Albanese",
                        question="Who was Australia's prime minister in 2020?")
OTHERS = [fact("jp-pm", "person", "Yoshihide Suga"), fact("jp-pm2", "person", "Fumio Kishida"),
          fact("full-name", "person", "Scott John Morrison")]
YEAR = fact("sofa", "year", "1960", statement="The SOFA dates from 1960, not 1952.",
            distractors=["1951", "nineteen sixty", "1960", "1952", "60"])
YEARS = [fact("aukus", "year", "2021"), fact("quad", "year", "2019"),
         fact("count", "number", "50,000")]
BANK = Bank([PM, PM_SAME_QUESTION, *OTHERS, YEAR, *YEARS])


@pytest.mark.parametrize(("candidate", "reason"), [
    ("scott  MORRISON.", "it would be accepted as the answer"),
    ("Morrison", "it would be accepted as the answer"),
    ("Scott Morison", "it would be accepted as the answer"),
    ("Scott John Morrison", "it names the same thing as the answer"),
    ("Anthony Albanese", "it is the answer of fact 'pm-2020-again', which asks the same question"),
    ("  ", "it is empty after normalisation"),
    ("Kevin Rudd", None),
])
def test_unsafe_reasons_for_a_person(candidate: str, reason: str | None) -> None:
    assert unsafe_reason(PM, candidate, BANK.same_question(PM)) == reason


@pytest.mark.parametrize(("candidate", "reason"), [
    ("nineteen sixty", "it is not a year (four digits)"),
    ("60", "it is not a year (four digits)"),
    ("1952", "it already appears in the fact's statement or question"),
    ("1951", None),
])
def test_unsafe_reasons_for_a_year(candidate: str, reason: str | None) -> None:
    assert unsafe_reason(YEAR, candidate) == reason


def test_number_form() -> None:
    count = YEARS[2]
    assert unsafe_reason(count, "about forty thousand") == "it is not a plain number"
    assert unsafe_reason(count, "40,000") is None


def test_pool_keeps_own_first_then_bank_answers_deduplicated() -> None:
    own, others = BANK.pool(PM)
    assert own == ("Kevin Rudd", "Malcolm Turnbull")
    assert others == ("Yoshihide Suga", "Fumio Kishida")
    assert BANK.pool(YEAR) == (("1951",), ("2021", "2019"))


def test_distractors_are_safe_distinct_and_seeded() -> None:
    keys = {answer_key(a) for a in PM.accepted}
    for seed in range(50):
        picked = distractors_for(PM, BANK, 3, random.Random(seed))
        assert len(picked) == 3
        assert len({answer_key(p) for p in picked}) == 3
        assert not keys & {answer_key(p) for p in picked}
        assert "Anthony Albanese" not in picked
        assert sorted(picked[:2]) == ["Kevin Rudd", "Malcolm Turnbull"]
        assert picked == distractors_for(PM, BANK, 3, random.Random(seed))


def test_too_few_distractors_names_the_fact() -> None:
    lonely = fact("lonely", "title", "Minister for Resources", distractors=["Treasurer"])
    with pytest.raises(NotEnoughDistractors) as err:
        distractors_for(lonely, [lonely], 3, random.Random(0))
    assert str(err.value) == ("fact 'lonely' has 1 safe distractor(s) but 3 are needed; add "
                              "`distractors:` of kind title to it")


def test_bank_of_a_project_is_built_once(repo_root: Any) -> None:
    from factquiz.load import load_project

    project = load_project(repo_root)
    assert Bank.of(project) is Bank.of(project)
    assert Bank.of(load_project(repo_root)) is not Bank.of(project)
