"""The claim rules (``factquiz.verify_claims``), each on a small fixture bank written for it:
the exact finding, its position, and the fix that silences it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fixture_project import ROOT
from test_verify import HEADER, fact, only

from factquiz.factbank import Bank
from factquiz.findings import Finding
from factquiz.load import load_project
from factquiz.qtypes import truefalse
from factquiz.verify import check

Run = Callable[..., list[Finding]]

RAA_HEDGED = dict(
    statement="The Reciprocal Access Agreement lets troops visit each other's countries for "
              "training.",
    answer="Reciprocal Access Agreement",
    kind="agreement",
    quote="called a Reciprocal Access Agreement, would allow their troops to visit",
)


@pytest.fixture
def run(make_project: Callable[..., Path]) -> Run:
    def findings(*facts: str, files: dict[str, str] | None = None) -> list[Finding]:
        root = make_project({"facts/raa.yml": HEADER + "".join(facts), **(files or {})})
        return check(load_project(root))

    return findings


def test_definite_statement_from_hedged_evidence(run: Run) -> None:
    found = only(run(fact(**RAA_HEDGED)))
    assert (found.path, found.line, found.col, found.code) == ("facts/raa.yml", 5, 16,
                                                              "modality-changed")
    assert found.message == ("the evidence is hedged or future ('would') but the statement is "
                             "definite")
    reported = {**RAA_HEDGED, "statement": "The leaders said the " + RAA_HEDGED["statement"][4:]}
    assert [f.code for f in run(fact(**reported))] == ["modality-changed"]
    kept = {**RAA_HEDGED, "statement": RAA_HEDGED["statement"].replace("lets", "would let")}
    assert run(fact(**kept)) == []
    assert run(fact(**RAA_HEDGED, extra="derived: true\nnote: it was later signed")) == []


def test_speaker_must_be_named_by_the_quoted_passage(run: Run) -> None:
    unnamed = fact(statement="Albanese said the relationship is built on mutual trust.",
                   answer="mutual trust", kind="concept", source="jdsc-perth-visit-2022",
                   quote="Our relationship is built on mutual trust, mutual respect")
    found = only(run(unnamed))
    assert (found.line, found.col, found.code) == (5, 16, "speaker-not-in-source")
    assert found.message == ("the statement attributes words to Albanese, but no quoted sentence "
                             "(nor the one before it) names Albanese")
    # Wakefield is named in the sentence before the one quoted: that is enough.
    named_before = fact(
        statement="Wakefield said Japan had not overtly worked on security with partners "
                  "outside the United States.",
        answer="United States", kind="country", source="jdsc-perth-visit-2022",
        quote="Japan hasn’t overtly worked with partners outside the United States on security")
    assert run(named_before) == []


def test_contested_by_must_be_known_and_symmetric(run: Run) -> None:
    one_sided = fact(extra="contested_by: [f-two, f-none]")
    other = fact("f-two")
    found = run(one_sided, other)
    assert [(f.line, f.col, f.code, f.item) for f in found] == [
        (9, 20, "contested-not-symmetric", "f-one"), (9, 27, "contested-unknown", "f-one")]
    assert found[0].hint == ("add `contested_by: [f-one]` to 'f-two' (a conflict has two sides)")
    both = run(fact(extra="contested_by: [f-two]"), fact("f-two", extra="contested_by: [f-one]"))
    assert both == []


def test_contested_fact_is_never_keyed_true_or_false(run: Run,
                                                     make_project: Callable[..., Path]) -> None:
    root = make_project({"facts/raa.yml": HEADER + fact(extra="distractors: [Yoshihide Suga]")
                         + fact("f-two", extra="contested_by: [f-three]\n"
                                "distractors: [Yoshihide Suga]")})
    project = load_project(root)
    bank = Bank.of(project)
    assert truefalse.why_not(project.facts_by_id["f-one"], bank) is None
    assert truefalse.why_not(project.facts_by_id["f-two"], bank) == (
        "its claim is contested by f-three: a contested claim is never keyed true or false")


def test_instructor_true_false_on_a_contested_fact(run: Run) -> None:
    pair = (fact(extra="contested_by: [f-two]"), fact("f-two", extra="contested_by: [f-one]"))
    quiz = ("title: T\nlesson: raa\nquestions: 1\nmix: {tf: 1}\ninstructor_questions:\n"
            "  - type: tf\n    prompt: True or false? Morrison led Australia.\n"
            "    answer: true\n    explanation: x\n    facts: [raa-x, f-one]\n")
    found = [f for f in run(*pair, files={"quizzes/raa.yml": quiz})
             if f.code == "contested-true-false"]
    assert [(f.path, f.line, f.col, f.item) for f in found] == [("quizzes/raa.yml", 10, 20, "raa")]
    assert found[0].message == ("a true/false question rests on 'f-one', whose claim is "
                                "contested by f-two")


def test_lesson_page_citing_one_side_of_a_contested_claim(run: Run) -> None:
    page = ("# RAA\n\nSome say one thing{fact}`f-two`.\n"
            "Others say the other{fact}`f-one`{fact}`f-two`.\n")
    pair = (fact(extra="contested_by: [f-two]"), fact("f-two", extra="contested_by: [f-one]"))
    found = only(run(*pair, files={"book/lessons/raa.md": page.replace("{fact}`f-one`", "")}))
    assert (found.path, found.line, found.col, found.code) == ("book/lessons/raa.md", 3, 19,
                                                              "contested-one-side")
    assert found.message == ("cites 'f-two', which is contested by 'f-one', without citing the "
                             "other side")
    assert run(*pair, files={"book/lessons/raa.md": page}) == []


def test_fact_derived_from_a_date_inferred_from_itself(run: Run) -> None:
    name = "aa-raa-to-be-signed-2022.txt"
    text = (ROOT / "sources" / name).read_text(encoding="utf-8")
    circular = text.replace("origin:", "date_inferred_from: [f-aukus]\norigin:", 1)
    aukus = fact("f-aukus", statement="AUKUS was signed in 2021.", answer="2021", kind="year",
                 source="aa-raa-to-be-signed-2022",
                 quote="Last year, Australia, the US and UK signed the AUKUS security pact",
                 extra="derived: true\nnote: last year, counted from the report's date\n"
                       "uses_source_date: [aa-raa-to-be-signed-2022]")
    found = only(run(aukus, files={f"sources/{name}": circular}))
    assert (found.line, found.col, found.code) == (11, 24, "circular-derivation")
    assert found.message == ("circular date: f-aukus -> aa-raa-to-be-signed-2022 -> f-aukus "
                             "(the source's date is inferred from this fact)")
    assert run(aukus) == []
    unknown = only(run(files={f"sources/{name}": circular}))
    field_line = circular.splitlines().index("date_inferred_from: [f-aukus]") + 1
    assert (unknown.path, unknown.line, unknown.col, unknown.code) == (
        f"sources/{name}", field_line, 1, "unknown-fact")
    assert unknown.message == "date_inferred_from names an unknown fact 'f-aukus'"


def test_quote_must_carry_the_claim_not_just_the_answer(run: Run) -> None:
    bare = fact(statement="Japan signed the Reciprocal Access Agreement in 1960.", answer="1960",
                kind="year", quote="1960")
    found = only(run(bare))
    assert (found.line, found.col, found.code) == (11, 16, "quote-missing-claim")
    assert found.message == ("the quotes hold the answer but not the claim: missing 'japan', "
                             "'signed', 'reciprocal', 'access', 'agreement'")
    carried = fact(statement="The deal is Japan's first of its kind since 1960.", answer="1960",
                   kind="year", quote="The deal is the first of its kind for Japan since its 1960")
    assert run(carried) == []
