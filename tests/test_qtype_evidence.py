"""Find the evidence: passages of the sources as options (qtypes/evidence, passages.py).

Engine tests run on small sources written here and on a fixture project; the content
tests (marked ``content``) generate the type from every lesson's facts for many seeds.
"""

from __future__ import annotations

import random

import pytest
from quiz_fixtures import frozen_files
from sourced_selftest import Case, capable_lessons, cases, check_choice_question, real

from factquiz.factbank import Bank
from factquiz.load import load_project
from factquiz.model import Evidence, Fact, Kind, NotCitable, Source, SourceMeta
from factquiz.normalize import mentions, normalize
from factquiz.passages import SourcePassages, split_passages, split_sentences
from factquiz.qtypes.evidence import QTYPE, distractor_passages
from factquiz.qtypes.sourced import clear_of, corpus
from factquiz.quizrules import instructor_findings
from factquiz.sourceindex import IndexedSource
from factquiz.sources import body_checksum


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def make_source(body: str, not_citable: tuple[str, ...] = (), title: str = "A title") -> Source:
    meta = SourceMeta(id="test-source", title=title, publisher=None, published="2022-10-23",
                      date_basis="stated: test", origin="test.txt", sha256=body_checksum(body),
                      not_citable=[NotCitable(text=t, reason="test") for t in not_citable])
    return Source(meta=meta, body=body, path="sources/test-source.txt", body_line=10)


def passage_texts(source: Source) -> list[str]:
    return [p.text for p in split_passages(source, IndexedSource(source).furniture)]


# --- the sentence splitter ------------------------------------------------------------------

def test_sentences_end_at_stops_followed_by_a_capital() -> None:
    assert sentences("The deal was signed. It took effect in 2023. then more") == [
        "The deal was signed.", "It took effect in 2023. then more"]


def test_abbreviations_and_initials_do_not_end_a_sentence() -> None:
    text = "Mr. Albanese met Dr. Smith in Perth. The U.S. Army and U.K. Navy joined them."
    assert sentences(text) == ["Mr. Albanese met Dr. Smith in Perth.",
                               "The U.S. Army and U.K. Navy joined them."]


def test_a_quotation_of_several_sentences_stays_with_its_attribution() -> None:
    text = ("“Australia and Japan are the closest of friends. Our partnership is strong,” "
            "Morrison said. He left.")
    assert sentences(text) == ["“Australia and Japan are the closest of friends. Our "
                               "partnership is strong,” Morrison said.", "He left."]


def test_a_very_long_quotation_is_split_at_its_own_sentences() -> None:
    long = "We talked about many things at great length. " * 12
    found = sentences("“" + long + "Then we left.”")
    assert len(found) > 1 and all(len(s) < 500 for s in found)


def test_questions_and_exclamations_end_sentences() -> None:
    assert sentences("Why now? Because it matters! Yes.") == ["Why now?", "Because it matters!",
                                                            "Yes."]


def test_passages_leave_out_furniture_headings_datelines_and_fragments() -> None:
    body = ("Japan and Australia sign a pact\n"
            "News October 23, 2022 No Comments on the pactJapan and Australia have signed a "
            "new bilateral security pact covering military cooperation.\n"
            "TOKYO — The leaders of both countries held talks on Tuesday in the capital.\n"
            "Climate and Energy Security\n"
            "Too short here.\n"
            "Word count: 911\n")
    source = make_source(body, ("News October 23, 2022 No Comments on the pact",
                                "Word count: 911"))
    assert passage_texts(source) == [
        "Japan and Australia have signed a new bilateral security pact covering military "
        "cooperation.",
        "The leaders of both countries held talks on Tuesday in the capital."]


def test_a_quote_over_two_sentences_maps_to_one_joined_passage() -> None:
    body = "The leaders met in Perth on Saturday. They signed the new declaration there.\n"
    passages = SourcePassages(IndexedSource(make_source(body)))
    [held] = passages.holding("on Saturday. They signed")
    assert held.text == body.strip()
    assert passages.holding("not in the text at all") == []


def test_every_quote_of_the_bank_lies_in_passages() -> None:
    """Each evidence quote of the real bank maps to whole passages of its source."""
    project = real()
    texts = corpus(Bank.of(project))
    for fact in project.facts:
        for ev in fact.evidence:
            assert texts.sources[ev.source].holding(ev.quote), (fact.id, ev.quote)


# --- the question type ----------------------------------------------------------------------

def fact(**fields: object) -> Fact:
    base: dict[str, object] = {
        "id": "t-fact", "lesson": "raa", "kind": Kind.year, "answer": "1960",
        "statement": "The agreement is Japan's first of its kind since its 1960 deal.",
        "question": "Since which year?",
        "evidence": [Evidence(source="tokyo-raa-basic-agreement-2020",
                              quote="The deal is the first of its kind for Japan since its "
                                    "1960 status of forces agreement")]}
    return Fact.model_validate({**base, **fields})


@pytest.fixture
def bank(make_project) -> Bank:  # type: ignore[no-untyped-def]
    project = load_project(make_project())
    return Bank([fact()], project.sources)


def test_key_holds_the_quote_and_distractors_do_not(bank: Bank) -> None:
    anchor = bank.by_id["t-fact"]
    for seed in range(10):
        q = QTYPE.generate(anchor, bank, random.Random(seed), "q")
        assert "first of its kind" in q.options[q.answer]
        for i, option in enumerate(q.options):
            if i != q.answer:
                assert "1960" not in option and "first of its kind" not in option
                assert not QTYPE.grade(q, i).correct
        assert QTYPE.grade(q, q.answer).correct


def test_a_derived_fact_cannot_yield_it(bank: Bank) -> None:
    derived = fact(derived=True, note="computed")
    assert "derived" in (QTYPE.why_not(derived, Bank([derived], bank.sources)) or "")


def test_too_few_passages_on_the_topic_is_a_reason() -> None:
    body = ("The leaders signed the security declaration in Perth in 2022. The security "
            "declaration covers intelligence sharing between the two countries. Kishida "
            "visited a refinery south of Perth after the lunch.\n")
    source = make_source(body)
    anchor = fact(answer="Perth", kind=Kind.place,
                  statement="The leaders signed the security declaration in Perth.",
                  evidence=[Evidence(source="test-source", quote="signed the security "
                                     "declaration in Perth")])
    small = Bank([anchor], {"test-source": source})
    # one sentence mentions Perth, the other shares only words common to the whole source
    assert distractor_passages(anchor, small) == []
    assert QTYPE.why_not(anchor, small) == (
        "its sources have 0 passage(s) on its topic that do not support it and the question "
        "needs 3: it stays with the other types")


# --- over the real bank ---------------------------------------------------------------------

@pytest.mark.content
def test_selftest_every_lesson_many_seeds() -> None:
    """Key accepted, every distractor rejected with why, malformed input refused,
    deterministic, sources cited: for every fact of every lesson, 25 seeds."""
    count = 0
    for case in cases(QTYPE):
        check_choice_question(QTYPE, case)
        count += 1
    assert count


@pytest.mark.content
def test_options_are_real_source_sentences_outside_furniture() -> None:
    for case in cases(QTYPE, range(5)):
        check_options_are_passages(case)


def check_options_are_passages(case: Case) -> None:
    q, anchor, texts = case.question, case.fact, corpus(case.bank)
    cited = {ev.source for ev in anchor.evidence}
    for i, option in enumerate(q.options):
        homes = [sid for sid in cited if any(
            p.text == option for p in texts.sources[sid].passages)
            or any(p.text == option for ev in anchor.evidence if ev.source == sid
                   for p in texts.sources[sid].holding(ev.quote))]
        assert homes, (anchor.id, option)
        matches = list(texts.sources[homes[0]].indexed.find(option))
        assert matches and all(m.citable for m in matches), (anchor.id, option)
        quoted = any(normalize(ev.quote) in normalize(option) for ev in anchor.evidence)
        if i == q.answer:
            assert quoted, (anchor.id, option)
        else:
            assert not quoted and not any(mentions(option, a) for a in anchor.accepted)


@pytest.mark.content
def test_every_lesson_can_ask_it() -> None:
    assert capable_lessons(QTYPE) == {f.lesson for f in real().facts}


@pytest.mark.content
def test_passages_printing_other_questions_answers_come_last() -> None:
    """With ``avoid`` (the facts other questions ask about), a passage printing one of
    their answers is offered only when too few others are on the topic."""
    project = real()
    for lesson in project.lessons:
        bank = Bank.of(project, lesson)
        for anchor in bank.facts:
            if anchor.lesson != lesson or QTYPE.why_not(anchor, bank) is not None:
                continue
            avoid = frozenset(f.id for f in bank.facts if f.id != anchor.id)
            clear = clear_of(bank, avoid)
            pool = distractor_passages(anchor, bank)
            q = QTYPE.generate(anchor, bank, random.Random(1), "q", avoid)
            shown = [o for i, o in enumerate(q.options) if i != q.answer]
            clean = sum(clear(p.text) for p in pool)
            assert sum(clear(o) for o in shown) == min(clean, len(shown)), anchor.id


def test_an_instructor_writes_one_as_multiple_choice(make_project) -> None:  # type: ignore[no-untyped-def]
    """Its choices are checked as multiple choice's (here: the answer is not one of them)."""
    quiz = ("title: RAA\nlesson: raa\ninstructor_questions:\n"
            "  - type: evidence\n    prompt: Which passage supports the claim?\n"
            "    choices: [The deal is the first of its kind., Abe pushed for more., He left.]\n"
            "    answer: Not a choice\n    explanation: The first one.\n"
            "    facts: [raa-first-since-1960]\n")
    project = load_project(make_project(files={**frozen_files(), "quizzes/raa.yml": quiz}))
    findings = list(instructor_findings(project, project.quizzes["raa"]))
    # ... and, as evidence, each choice must be a whole passage of a source (these are not).
    assert [f.code for f in findings if f.severity == "error"] == [
        "missing-correct-choice", *["evidence-not-a-passage"] * 3]
