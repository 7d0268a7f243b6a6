"""Grading each question type: right, wrong and malformed responses, with exact messages."""

from __future__ import annotations

import pytest

from factquiz.answers import FUZZY_THRESHOLD, accepts
from factquiz.grade import grade
from factquiz.model import Citation, Grade, Question
from factquiz.qtypes.base import MAX_RESPONSE_CHARS

CITE = [Citation(source_id="s", title="T", published="2020", quote="q")]


def q(**fields: object) -> Question:
    base: dict[str, object] = {"id": "x-1", "prompt": "P", "explanation": "E",
                               "citations": CITE, "fact_ids": ["f"]}
    return Question(**{**base, **fields})


MC = q(type="mc", options=["Perth", "Tokyo", "Canberra", "Osaka"], answer=1)
TF = q(type="tf", options=["True", "False"], answer=1)
CLOZE_NAME = q(type="cloze", prompt="_____ signed it.", accepted=["Scott Morrison", "Morrison"],
               match="fuzzy")
CLOZE_YEAR = q(type="cloze", prompt="In _____.", accepted=["1960"], match="exact")
NUMERIC = q(type="numeric", answer=50000, tolerance=5000)
NUMERIC_EXACT = q(type="numeric", answer=2022)
ORDERING = q(type="ordering", items=["B", "A", "C"], answer=[1, 0, 2])
MATCHING = q(type="matching", items=["x", "y", "z"], options=["Y", "Z", "X"], answer=[2, 0, 1])


def test_mc_right_wrong_and_expected() -> None:
    assert grade(MC, 1) == Grade(correct=True, message="Correct.", expected="Tokyo")
    assert grade(MC, 0) == Grade(correct=False, message="Not quite.", expected="Tokyo")


@pytest.mark.parametrize(("response", "message"), [
    (None, "Please choose one of the 4 options (got NoneType)."),
    ("1", "Please choose one of the 4 options (got str)."),
    (True, "Please choose one of the 4 options (got bool)."),
    (1.0, "Please choose one of the 4 options (got float)."),
    (4, "Please choose one of the 4 options: 4 is not one."),
    (-1, "Please choose one of the 4 options: -1 is not one."),
    ([1], "Please choose one of the 4 options (got list)."),
])
def test_mc_malformed(response: object, message: str) -> None:
    assert grade(MC, response) == Grade(correct=False, message=message, expected="Tokyo")


def test_tf() -> None:
    assert grade(TF, 1).correct and not grade(TF, 0).correct
    assert grade(TF, 2).message == ("Please choose one of the 2 options (0 for True, 1 for "
                                    "False): 2 is not one.")
    assert grade(TF, "False").message.startswith("Please choose one of the 2 options")


@pytest.mark.parametrize("typed", ["Scott Morrison", "scott morrison", "  Scott   Morrison. ",
                                   "MORRISON", "Morrison!", "Scott Morison", "Scot Morrison"])
def test_cloze_accepts_forms_and_small_typos(typed: str) -> None:
    assert grade(CLOZE_NAME, typed) == Grade(correct=True, message="Correct.",
                                             expected="Scott Morrison")


@pytest.mark.parametrize("typed", ["Kevin Rudd", "Scott", "Harrison", "Moorison Scot"])
def test_cloze_rejects_other_names(typed: str) -> None:
    assert grade(CLOZE_NAME, typed) == Grade(correct=False, message="Not quite.",
                                             expected="Scott Morrison")


def test_fuzzy_threshold_and_short_answers() -> None:
    # "Suga" is shorter than 5 characters: no typo tolerance.
    assert not accepts(["Suga"], "fuzzy", "Suca")
    # ratio("kishida", "kishda") = 92.3 >= 85; ratio("kishida", "kisda") = 83.3 < 85.
    assert FUZZY_THRESHOLD == 85
    assert accepts(["Kishida"], "fuzzy", "Kishda")
    assert not accepts(["Kishida"], "fuzzy", "Kisda")
    # Numbers inside names must match exactly.
    assert not accepts(["Article 5"], "fuzzy", "Article 6")


def test_cloze_numbers_and_years_are_exact() -> None:
    assert grade(CLOZE_YEAR, " 1960 ").correct
    assert not grade(CLOZE_YEAR, "1961").correct
    assert not grade(CLOZE_YEAR, "1906").correct


@pytest.mark.parametrize(("response", "message"), [
    ("", "Please type an answer."),
    ("   ", "Please type an answer."),
    ("x" * (MAX_RESPONSE_CHARS + 1),
     f"That answer is too long: keep it under {MAX_RESPONSE_CHARS} characters."),
    (1960, "Please type your answer as text (got int)."),
    (None, "Please type your answer as text (got NoneType)."),
    (["Morrison"], "Please type your answer as text (got list)."),
])
def test_cloze_malformed(response: object, message: str) -> None:
    assert grade(CLOZE_NAME, response) == Grade(correct=False, message=message,
                                                expected="Scott Morrison")


@pytest.mark.parametrize("response", [50000, 45000, 55000, "50,000", "50 000", " 52000 ",
                                      50000.0, "49999.5"])
def test_numeric_within_tolerance(response: object) -> None:
    assert grade(NUMERIC, response) == Grade(correct=True, message="Correct.",
                                             expected="50000 ± 5000")


def test_numeric_exact_and_wrong() -> None:
    assert grade(NUMERIC_EXACT, 2022) == Grade(correct=True, message="Correct.", expected="2022")
    assert grade(NUMERIC_EXACT, "2022").correct
    assert grade(NUMERIC_EXACT, 2021) == Grade(
        correct=False, message="Not quite: 2021 is 1 too low.", expected="2022",
        detail="2021 is 1 too low.")  # how far and which way (the key is shown anyway)
    assert grade(NUMERIC_EXACT.model_copy(update={"unit": "year"}), "2025").detail == (
        "2025 is 3 years too late.")
    assert not grade(NUMERIC, 55001).correct


@pytest.mark.parametrize(("response", "message"), [
    (True, "Please type a number (got bool)."),
    (None, "Please type a number (got NoneType)."),
    ([2022], "Please type a number (got list)."),
    ("", "Please type a number."),
    ("two thousand", "'two thousand' is not a number: type digits only, such as 1960 or 2.5."),
    ("1e3", "'1e3' is not a number: type digits only, such as 1960 or 2.5."),
    (float("nan"), "Please type a finite number."),
    (float("inf"), "Please type a finite number."),
    ("9" * 300, "That answer is too long to be a number."),
    (10**400, "That number is too large."),
])
def test_numeric_malformed(response: object, message: str) -> None:
    assert grade(NUMERIC_EXACT, response) == Grade(correct=False, message=message,
                                                   expected="2022")


def test_ordering() -> None:
    assert grade(ORDERING, [1, 0, 2]) == Grade(correct=True, message="Correct.",
                                               expected="A → B → C")
    assert grade(ORDERING, (1, 0, 2)).correct
    assert grade(ORDERING, [0, 1, 2]) == Grade(
        correct=False, message="Not quite: 1 of 3 in the right place.", expected="A → B → C",
        detail="1 of 3 in the right place.")


@pytest.mark.parametrize(("response", "message"), [
    ([0, 0, 1], "Please use each of the 3 items exactly once."),
    ([0, 1], "Please give exactly 3 item numbers (got 2)."),
    ([0, 1, 3], "Each of the item numbers must be a whole number from 0 to 2."),
    ([0, 1, True], "Each of the item numbers must be a whole number from 0 to 2."),
    ("102", "Please give a list of 3 item numbers (got str)."),
    (None, "Please give a list of 3 item numbers (got NoneType)."),
])
def test_ordering_malformed(response: object, message: str) -> None:
    assert grade(ORDERING, response) == Grade(correct=False, message=message,
                                              expected="A → B → C")


def test_matching() -> None:
    expected = "x → X; y → Y; z → Z"
    assert grade(MATCHING, [2, 0, 1]) == Grade(correct=True, message="Correct.", expected=expected)
    assert grade(MATCHING, [2, 1, 0]) == Grade(
        correct=False, message="Not quite: 1 of 3 pairs right.", expected=expected,
        detail="1 of 3 pairs right.")
    assert grade(MATCHING, [2, 2, 2]).message == "Not quite: 1 of 3 pairs right."
    assert grade(MATCHING, {"x": 2}).message == "Please give a list of 3 option numbers (got dict)."
    assert grade(MATCHING, [2, 0, 9]).message == ("Each of the option numbers must be a whole "
                                                  "number from 0 to 2.")


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), float("-inf")])
def test_a_question_never_carries_nan_or_infinity(bad: float) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="finite"):
        q(type="numeric", answer=bad)
    with pytest.raises(ValidationError, match="finite"):
        q(type="numeric", answer=60, tolerance=bad)


def test_a_fact_with_an_infinite_tolerance_yields_no_numeric_question() -> None:
    from factquiz.factbank import Bank
    from factquiz.model import Fact
    from factquiz.qtypes.numeric import why_not

    fact = Fact(id="inf-tolerance", lesson="raa", statement="There were 60 of them.",
                question="How many?", answer="60", kind="number", tolerance=float("inf"),
                evidence=[{"source": "some-source", "quote": "60"}])
    assert why_not(fact, Bank([fact])) == "the tolerance inf is not a finite number"
    assert why_not(fact.model_copy(update={"tolerance": 5.0}), Bank([fact])) is None


def test_near_misses_of_the_bank_are_rejected_typos() -> None:
    from factquiz.answers import near_misses

    words = ["indian", "indonesia", "india", "inda", "austria", "ocean"]
    assert near_misses(["India"], words) == ["inda", "indian"]
    assert accepts(["India"], "fuzzy", "Indian")
    assert not accepts(["India"], "fuzzy", "Indian", rejected=["indian"])
    assert accepts(["India"], "fuzzy", "India", rejected=["india"])  # exact always wins
