"""Distractor safety: never the answer, an alias, a near-typo of it, or another fact's answer
to the same question; same form; no duplicates; too few is an error naming the fact."""

from __future__ import annotations

import random
from typing import Any

import pytest

from factquiz.answers import unsafe_reason
from factquiz.categories import Category, category_problem, form_problem
from factquiz.distractors import NotEnoughDistractors, distractors_for
from factquiz.factbank import Bank
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


AU_PM = Category(id="australian-prime-minister", kind="person", description="Australian PMs",
                 members=["Scott Morrison", "Kevin Rudd", "Malcolm Turnbull", "Julia Gillard",
                          "John Howard"])
JP_PM = Category(id="japanese-prime-minister", kind="person", description="Japanese PMs",
                 members=["Yoshihide Suga", "Fumio Kishida", "Shinzo Abe"])
CATEGORIES = {c.id: c for c in (AU_PM, JP_PM)}
PM = fact("pm-2020", "person", "Scott Morrison", aliases=["Morrison"],
          category="australian-prime-minister",
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
BANK = Bank([PM, PM_SAME_QUESTION, *OTHERS, YEAR, *YEARS], categories=CATEGORIES)


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
    # Deliberate change (issue 9): an Australian PM's others come from its category,
    # never from the answers of other people (the Japanese PMs of OTHERS).
    own, others = BANK.pool(PM)
    assert own == ("Kevin Rudd", "Malcolm Turnbull")
    assert others == ("Julia Gillard", "John Howard")
    assert BANK.pool(YEAR) == (("1951",), ("2021", "2019"))


def test_uncategorised_names_borrow_no_other_answers() -> None:
    plain = fact("plain", "person", "Scott Morrison", distractors=["Kevin Rudd"])
    assert Bank([plain, *OTHERS]).pool(plain) == (("Kevin Rudd",), ())


def test_own_distractors_outside_the_category_are_dropped() -> None:
    mixed = fact("mixed", "person", "Scott Morrison", category="australian-prime-minister",
                 distractors=["Shinzo Abe", "Kevin Rudd"])
    own, others = Bank([mixed], categories=CATEGORIES).pool(mixed)
    assert own == ("Kevin Rudd",) and "Shinzo Abe" not in others
    assert category_problem(AU_PM, mixed, "Shinzo Abe") == (
        "it is not a member of the category 'australian-prime-minister' (Australian PMs)")


def test_surname_first_answer_gets_surname_first_distractors() -> None:
    kishida = fact("kishida", "person", "Kishida Fumio", category="japanese-prime-minister",
                   distractors=["Yoshihide Suga"])
    own, others = Bank([kishida], categories=CATEGORIES).pool(kishida)
    assert own == ("Suga Yoshihide",) and others == ("Abe Shinzo",)


@pytest.mark.parametrize(("answer", "candidate", "problem"), [
    ("stronger than it had ever been", "weaker than it had ever been", "opposite"),
    ("an opportunity", "someone else's problem", "article"),
    ("cornerstone", "a minor side arrangement", "length"),
    ("an opportunity", "a burden", None),
])
def test_form_problems_of_phrases(answer: str, candidate: str, problem: str | None) -> None:
    why = form_problem(fact("phrase", "concept", answer), candidate)
    words = {"opposite": "opposite", "article": "article", "length": "length"}
    assert (why is None) if problem is None else (words[problem] in (why or ""))


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
