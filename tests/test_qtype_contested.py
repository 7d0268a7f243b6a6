"""Contested claims: who makes a disputed claim or an opinion, and what the others say."""

from __future__ import annotations

import random

import pytest
from sourced_selftest import Case, cases, check_choice_question, real

from factquiz.factbank import Bank
from factquiz.load import load_project
from factquiz.model import Evidence, Fact, Kind
from factquiz.normalize import mentions
from factquiz.qtypes.contested import QTYPE
from factquiz.qtypes.sourced import option_name
from factquiz.sourceindex import SourceIndex
from factquiz.verify_claims import check_claimants

PERTH = "jdsc-perth-visit-2022"
WAKEFIELD_QUOTE = ("“It is a significant agreement in that Japan hasn’t overtly worked with "
                   "partners outside the United States on security,” he said.")
FACT_YAML = """facts:
  - id: t-wakefield
    lesson: jdsc
    statement: Bryce Wakefield argued Japan had not overtly worked with partners outside the
      United States on security.
    question: Outside which country?
    answer: the United States
    kind: country
    category: country
    claimed_by: {claimant}
    evidence:
      - source: jdsc-perth-visit-2022
        quote: {quote}
"""


def wakefield(**fields: object) -> Fact:
    base: dict[str, object] = {
        "id": "t-wakefield", "lesson": "jdsc", "kind": Kind.country, "answer": "the United States",
        "statement": "Bryce Wakefield argued Japan had not overtly worked with partners outside "
                     "the United States on security.",
        "question": "Outside which country?", "claimed_by": "Bryce Wakefield",
        "evidence": [Evidence(source=PERTH, quote=WAKEFIELD_QUOTE)]}
    return Fact.model_validate({**base, **fields})


@pytest.fixture
def project(make_project):  # type: ignore[no-untyped-def]
    return load_project(make_project(copy=("categories.yml",)))


def test_a_view_is_asked_as_whose_view(project) -> None:  # type: ignore[no-untyped-def]
    anchor = wakefield()
    bank = Bank([anchor], project.sources, Bank.of(project).categories)
    assert QTYPE.why_not(anchor, bank) is None
    for seed in range(10):
        q = QTYPE.generate(anchor, bank, random.Random(seed), "q")
        assert q.options[q.answer] == "Bryce Wakefield"
        assert "hasn’t overtly worked" in q.prompt and not mentions(q.prompt, "Wakefield")
        assert "view" in q.explanation
        for i, why in enumerate(q.option_feedback):
            assert (i == q.answer) == ("Bryce Wakefield says this" not in why)


def test_a_fact_nobody_disputes_or_claims_cannot_yield_it(project) -> None:  # type: ignore[no-untyped-def]
    plain = wakefield(claimed_by=None)
    reason = QTYPE.why_not(plain, Bank([plain], project.sources))
    assert reason is not None and "contested_by" in reason and "claimed_by" in reason


def test_a_disputed_claim_names_what_the_other_side_says(project) -> None:  # type: ignore[no-untyped-def]
    one = wakefield(claimed_by=None, contested_by=["t-other"])
    other = Fact.model_validate({
        "id": "t-other", "lesson": "foundations", "kind": Kind.year, "answer": "2007",
        "statement": "Australia and Japan first entered into a defence cooperation agreement "
                     "in 2007.", "question": "When?", "contested_by": ["t-wakefield"],
        "evidence": [{"source": "foreign-relations-japan-2020",
                      "quote": "On defense, the two states first entered into a cooperation "
                               "agreement in 2007"}]})
    bank = Bank([one, other], project.sources)
    q = QTYPE.generate(one, bank, random.Random(1), "q")
    assert q.options[q.answer] == option_name(project.sources[PERTH].meta)
    assert other.statement in q.explanation and "disagree" in q.prompt
    assert {c.quote for c in q.citations} >= {ev.quote for ev in other.evidence}
    page = q.options.index(option_name(project.sources["foreign-relations-japan-2020"].meta))
    assert other.statement in q.option_feedback[page]  # what that source says instead


@pytest.mark.parametrize(("claimant", "found"), [("Bryce Wakefield", False),
                                                 ("Fumio Kishida", True)])
def test_the_claimant_must_be_named_near_the_quote(make_project, claimant: str,  # type: ignore[no-untyped-def]
                                                    found: bool) -> None:
    quote = "'" + WAKEFIELD_QUOTE.replace("'", "''") + "'"
    root = make_project(files={"facts/t.yml": FACT_YAML.format(claimant=claimant, quote=quote)})
    project = load_project(root)
    findings = list(check_claimants(project, SourceIndex.of(project)))
    assert [f.code for f in findings] == (["claimant-not-in-source"] if found else [])


@pytest.mark.content
def test_selftest_every_lesson_many_seeds() -> None:
    count = 0
    for case in cases(QTYPE):
        check_choice_question(QTYPE, case)
        check_never_keyed_true(case)
        count += 1
    assert count


def check_never_keyed_true(case: Case) -> None:
    """The key is who makes the claim, not the claim; the prompt does not name the key;
    the feedback cites the other side of a disputed claim."""
    q, anchor, bank = case.question, case.fact, case.bank
    key = q.options[q.answer]
    if anchor.claimed_by:
        assert key == anchor.claimed_by
        assert not mentions(q.prompt, anchor.claimed_by.split()[-1])
    else:
        assert key in {option_name(bank.sources[ev.source].meta) for ev in anchor.evidence}
    assert all(o not in (anchor.statement, "True", "False") for o in q.options)
    cited = {c.quote for c in q.citations}
    for other_id in anchor.contested_by:
        other = bank.by_id.get(other_id)
        if other is not None:
            assert other.statement in q.explanation
            assert {ev.quote for ev in other.evidence} <= cited


@pytest.mark.content
def test_every_contested_or_claimed_fact_yields_it() -> None:
    project = real()
    for lesson in project.lessons:
        bank = Bank.of(project, lesson)
        for fact in bank.facts:
            disputed = any(other in bank.by_id for other in fact.contested_by)
            if fact.lesson == lesson and (fact.claimed_by or disputed):
                assert QTYPE.why_not(fact, bank) is None, fact.id
            elif fact.lesson == lesson and fact.contested_by:
                assert "later lessons" in (QTYPE.why_not(fact, bank) or "")
