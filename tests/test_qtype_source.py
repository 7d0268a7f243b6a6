"""Which source? Options name real sources; a wrong one really does not say the claim."""

from __future__ import annotations

import random
from functools import cache

import pytest
from moodle_xml_parser.parser import parse_file
from pygiftparser import parser as gift_parser
from sourced_selftest import Case, capable_lessons, cases, check_choice_question, real

from factquiz.export import context_for, export_quiz
from factquiz.factbank import Bank
from factquiz.load import load_project
from factquiz.model import Evidence, Fact, Kind
from factquiz.normalize import normalize
from factquiz.qtypes.source import QTYPE, wrong_sources
from factquiz.qtypes.sourced import corpus, date_text, option_name
from factquiz.quizmodel import Quiz

TOKYO = "tokyo-raa-basic-agreement-2020"
PAGE = "foreign-relations-japan-2020"


def fact(**fields: object) -> Fact:
    base: dict[str, object] = {
        "id": "t-fact", "lesson": "raa", "kind": Kind.year, "answer": "1960",
        "statement": "The agreement is Japan's first pact of its kind since its 1960 deal.",
        "question": "Since which year?",
        "evidence": [Evidence(source=TOKYO, quote="The deal is the first of its kind for Japan "
                                                  "since its 1960 status of forces agreement")]}
    return Fact.model_validate({**base, **fields})


@pytest.fixture
def sources(make_project):  # type: ignore[no-untyped-def]
    return load_project(make_project()).sources


def test_date_text_keeps_the_precision() -> None:
    assert [date_text(d) for d in ("2022", "2022-01", "2020-11-17")] == [
        "2022", "January 2022", "17 November 2020"]


def test_a_source_saying_it_uncited_is_never_offered(sources) -> None:  # type: ignore[no-untyped-def]
    # The Foreign Relations page also calls the pact the first of its kind since 1960.
    anchor = fact()
    bank = Bank([anchor], sources)
    assert PAGE not in wrong_sources(anchor, bank)
    for seed in range(10):
        q = QTYPE.generate(anchor, bank, random.Random(seed), "q")
        assert not any(option_name(sources[PAGE].meta) in o for o in q.options)
        assert q.options[q.answer] == option_name(sources[TOKYO].meta)


def test_two_sources_make_a_which_two_question(sources) -> None:  # type: ignore[no-untyped-def]
    anchor = fact(evidence=[*fact().evidence, Evidence(
        source=PAGE, quote="represents the first of its kind since 1960")])
    bank = Bank([anchor], sources)
    q = QTYPE.generate(anchor, bank, random.Random(3), "q")
    assert "Which two sources" in q.prompt
    tokyo, page = (option_name(sources[s].meta) for s in (TOKYO, PAGE))
    assert q.options[q.answer] == f"{tokyo} and {page}"
    for i, option in enumerate(q.options):
        if i != q.answer:  # a wrong pair holds a source that does not say it
            assert not (tokyo in option and page in option)


def test_a_claim_naming_its_reports_is_not_asked(sources) -> None:  # type: ignore[no-untyped-def]
    anchor = fact(statement="Two 2020 reports call it Japan's first pact of its kind since 1960.")
    assert "names its sources" in (QTYPE.why_not(anchor, Bank([anchor], sources)) or "")


def test_a_claim_naming_a_year_offers_sources_of_that_year(sources) -> None:  # type: ignore[no-untyped-def]
    anchor = fact(statement="In 2020 the leaders called the agreement Japan's first pact of its "
                            "kind since its 1960 deal.")
    bank = Bank([anchor], sources)
    assert all(sources[s].meta.published.startswith("2020") for s in wrong_sources(anchor, bank))
    assert "only 0 other source" in (QTYPE.why_not(anchor, bank) or "")


@pytest.mark.content
def test_selftest_every_lesson_many_seeds() -> None:
    count = 0
    for case in cases(QTYPE):
        check_choice_question(QTYPE, case)
        check_options_are_sources(case)
        count += 1
    assert count


@cache
def normalized(body: str) -> str:
    """A source's body normalised, once per body (a whole source takes a while)."""
    return normalize(body)


#: :func:`says_it` per (bank, fact, source): the same pair comes back for every seed.
_SAYS: dict[tuple[int, str, str], bool] = {}


def says_it(bank: Bank, anchor: Fact, sid: str) -> bool:
    """Whether source ``sid`` quotes any of ``anchor``'s evidence or states its answer in
    a passage on its topic (checked once per bank, fact and source)."""
    key = (id(bank), anchor.id, sid)
    if key not in _SAYS:
        body, texts = normalized(bank.sources[sid].body), corpus(bank)
        _SAYS[key] = (any(normalize(ev.quote) in body for ev in anchor.evidence)
                      or any(texts.states(p, anchor) for p in texts.sources[sid].passages))
    return _SAYS[key]


def check_options_are_sources(case: Case) -> None:
    """Every option names one or two real sources; a wrong option holds a source that
    quotes none of the fact's evidence and states its answer in no passage on its topic."""
    q, anchor, bank = case.question, case.fact, case.bank
    labels = {option_name(s.meta): sid for sid, s in bank.sources.items()}
    cited = {ev.source for ev in anchor.evidence}
    size = 1 if len(cited) == 1 else 2
    for i, option in enumerate(q.options):
        named = [sid for label, sid in labels.items() if label in option]
        assert len(named) == size and " and ".join(
            option_name(bank.sources[s].meta) for s in sorted(
                named, key=lambda s: (bank.sources[s].meta.published, s))) == option
        silent = [s for s in named if s not in cited]
        if i == q.answer:
            assert not silent
        else:
            assert silent, (anchor.id, option)
            for sid in silent:
                assert not says_it(bank, anchor, sid), (anchor.id, sid)


@pytest.mark.content
def test_every_lesson_can_ask_it() -> None:
    assert capable_lessons(QTYPE) == {f.lesson for f in real().facts}


@pytest.mark.content
def test_exports_carry_it_as_multiple_choice_with_why_each_wrong_option_is_wrong(
        tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Moodle XML and GIFT read back (by the same third-party readers as the other types'
    exports) a multiple-choice question with its key and each wrong option's feedback."""
    case = next(cases(QTYPE, range(1)))
    quiz = Quiz(id="t", title="T", lesson=case.lesson, seed=0, questions=[case.question])
    context = context_for(real())
    moodle = export_quiz(quiz, "moodle-xml", tmp_path / "t.xml", context)
    [read] = parse_file(str(moodle.path))["multichoice"]
    q = case.question
    assert [o.answer for o in read.options] == q.options
    assert [o.score_fraction for o in read.options].index(100) == q.answer
    for i, option in enumerate(read.options):
        assert (option.feedback or "") == q.option_feedback[i]
    gift = export_quiz(quiz, "gift", tmp_path / "t.gift", context)
    with gift.path.open(encoding="utf-8") as handle:
        [parsed] = gift_parser.parseFile(handle)
    assert parsed.valid and parsed.title == q.id
