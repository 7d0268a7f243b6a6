"""Quizzes a teacher would sign (issue 9): rules over many seeds of every lesson of the real
bank, and each rule on a small bank built here.

The property tests read the lessons from ``lessons.yml`` and assume nothing about their
names or number; the fixture tests build their own facts, so they do not move when the
real bank grows.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from factquiz.assembly import conflict, traits
from factquiz.categories import check_categories
from factquiz.duplicates import duplicate_findings, why_duplicates
from factquiz.factbank import Bank
from factquiz.generate import make_quiz
from factquiz.grade import grade
from factquiz.load import Project, load_project
from factquiz.model import Fact, Question
from factquiz.normalize import answer_key
from factquiz.planner import UnsatisfiableQuiz
from factquiz.qtypes import REGISTRY, cloze, matching
from factquiz.qtypes.reasons import page_reasons, withheld
from factquiz.qtypes.truefalse import false_statement
from factquiz.quality import audit, check_quality
from factquiz.stems import clue_problems

ROOT = Path(__file__).resolve().parents[1]


@cache
def real() -> Project:
    return load_project(ROOT)


def real_lessons() -> list[str]:
    return list(real().lessons)


# --- the real bank: rules over many seeds ------------------------------------------------------

@settings(max_examples=40, deadline=None)
@given(lesson_index=st.integers(min_value=0), seed=st.integers(min_value=0, max_value=2**63 - 1))
def test_property_every_variant_is_fair(lesson_index: int, seed: int) -> None:
    lesson = real_lessons()[lesson_index % len(real_lessons())]
    quiz = make_quiz(real(), lesson, seed=seed)
    assert audit(real(), quiz) == []
    marks = [traits(q, real().facts_by_id) for q in quiz.questions]
    for i, a in enumerate(marks):
        for b in marks[i + 1:]:
            assert conflict(a, b) is None, (quiz.lesson, seed, a.qid, b.qid)


@pytest.mark.parametrize("seed", range(5))
def test_every_lesson_uses_only_its_own_and_earlier_lessons(seed: int) -> None:
    order = real_lessons()
    for n, lesson in enumerate(order):
        quiz = make_quiz(real(), lesson, seed=seed)
        used = {real().facts_by_id[f].lesson for q in quiz.questions for f in q.fact_ids}
        assert used <= set(order[:n + 1]), (lesson, used)


@pytest.mark.parametrize("seed", range(5))
def test_true_false_is_balanced(seed: int) -> None:
    for lesson in real_lessons():
        quiz = make_quiz(real(), lesson, seed=seed)
        answers = [q.answer for q in quiz.questions if q.type == "tf"]
        assert abs(answers.count(0) - answers.count(1)) <= 1, (lesson, seed, answers)


def test_fuzzy_cloze_rejects_every_other_answer_of_its_kind() -> None:
    bank = Bank.of(real())
    for fact in bank.facts:
        if REGISTRY["cloze"].why_not(fact, bank) is not None:
            continue
        question = REGISTRY["cloze"].generate(fact, bank, random.Random(0), "t")
        own = {answer_key(a) for a in fact.accepted}
        for other in bank.by_kind[fact.kind]:
            if other.cluster_key == fact.cluster_key or answer_key(other.answer) in own:
                continue
            assert not grade(question, other.answer).correct, (fact.id, other.answer)


def test_the_real_bank_is_clean_for_the_new_rules() -> None:
    rules = (duplicate_findings, check_categories, check_quality)
    assert [f.format() for rule in rules for f in rule(real(), None)] == []


# --- small banks built here ----------------------------------------------------------------------

def fact_entry(ident: str, answer: str, **extra: Any) -> dict[str, Any]:
    return {"id": ident, "lesson": extra.pop("lesson", "raa"), "kind": extra.pop("kind", "concept"),
            "statement": extra.pop("statement", f"The thing in {ident} is {answer}."),
            "question": extra.pop("question", f"What is the thing in {ident}?"),
            "answer": answer,
            "distractors": extra.pop("distractors", ["lantern", "harbour", "mirror"]),
            "evidence": [{"source": "tokyo-raa-basic-agreement-2020", "quote": answer}], **extra}


def bank_project(make_project: Callable[..., Path], facts: list[dict[str, Any]],
                 quiz: str | None = None, categories: str | None = None,
                 lesson: str = "raa") -> Project:
    files = {"facts/bank.yml": yaml.safe_dump({"facts": facts}, sort_keys=False)}
    if quiz is not None:
        files[f"quizzes/{lesson}.yml"] = quiz
    if categories is not None:
        files["categories.yml"] = categories
    return load_project(make_project(files=files))


def test_a_variant_never_prints_another_questions_answer(
        make_project: Callable[..., Path]) -> None:
    facts = [fact_entry("f-city", "Osaka", question="In which city did the talks happen?"),
             fact_entry("f-talks", "trade", question="What did the Osaka talks cover?"),
             *(fact_entry(f"f-{n}", f"answer{n}") for n in range(4))]
    project = bank_project(make_project, facts, "title: T\nlesson: raa\nquestions: 5\n"
                                                "mix: {mc: 5}\n")
    for seed in range(30):
        quiz = make_quiz(project, "raa", seed=seed)
        assert [q.type for q in quiz.questions] == ["mc"] * 5
        ids = {q.fact_ids[0] for q in quiz.questions}
        assert not {"f-city", "f-talks"} <= ids, seed


def test_one_fact_per_cluster_and_one_question_per_answer(
        make_project: Callable[..., Path]) -> None:
    facts = [fact_entry("f-a", "alpha", cluster="same"), fact_entry("f-b", "beta", cluster="same"),
             fact_entry("f-c", "gamma"), fact_entry("f-d", "gamma"), fact_entry("f-e", "delta")]
    project = bank_project(make_project, facts, "title: T\nlesson: raa\nquestions: 3\n"
                                                "mix: {mc: 3}\n")
    for seed in range(30):
        ids = {q.fact_ids[0] for q in make_quiz(project, "raa", seed=seed).questions}
        assert len(ids & {"f-a", "f-b"}) == 1 and len(ids & {"f-c", "f-d"}) == 1, seed


def test_an_unsatisfiable_quiz_is_refused_and_checked(make_project: Callable[..., Path]) -> None:
    facts = [fact_entry("f-a", "alpha", cluster="one"), fact_entry("f-b", "beta", cluster="one"),
             fact_entry("f-c", "gamma", question="What follows alpha and beta?")]
    project = bank_project(make_project, facts, "title: T\nlesson: raa\nquestions: 2\n"
                                                "mix: {mc: 2}\n")
    with pytest.raises(UnsatisfiableQuiz, match=r"not enough multiple choice questions fit"):
        make_quiz(project, "raa", seed=0)
    [finding] = list(check_quality(project))
    assert (finding.path, finding.code, finding.item) == ("quizzes/raa.yml", "unsatisfiable-quiz",
                                                          "raa")
    assert "f-a" in finding.message and "cluster 'one'" in finding.message


def test_scope_keeps_later_lessons_out_of_partners_and_distractors(
        make_project: Callable[..., Path]) -> None:
    # overview comes before raa in lessons.yml.
    facts = [fact_entry(f"early-{n}", f"{2000 + n}", lesson="overview", kind="year",
                        when=f"{2000 + n}", label=f"Early event {n}", distractors=[])
             for n in range(6)]
    facts += [fact_entry(f"late-{n}", f"{2010 + n}", kind="year", when=f"{2010 + n}",
                         label=f"Late event {n}", distractors=[]) for n in range(4)]
    project = bank_project(make_project, facts, "title: T\nlesson: overview\nquestions: 3\n"
                           "mix: {ordering: 1, numeric: 1, mc: 1}\n", lesson="overview")
    late = {answer_key(str(2010 + n)) for n in range(4)}
    for seed in range(20):
        for question in make_quiz(project, "overview", seed=seed).questions:
            assert all(f.startswith("early-") for f in question.fact_ids)
            assert not late & {answer_key(o) for o in [*question.options, *question.items]}


def test_near_duplicates_are_warned_unless_clustered(make_project: Callable[..., Path]) -> None:
    acsa = fact_entry("f-acsa", "Cross Servicing Agreement",
                      statement="The Cross Servicing Agreement covers defence logistics.",
                      question="Which agreement covers defence logistics?")
    logistics = fact_entry("f-logistics", "defence logistics",
                           statement="The Cross Servicing Agreement covers defence logistics.",
                           question="What does the Cross Servicing Agreement cover?")
    project = bank_project(make_project, [acsa, logistics])
    [warning] = list(duplicate_findings(project))
    assert (warning.code, warning.severity, warning.item) == ("near-duplicate", "warning",
                                                              "f-logistics")
    assert "`cluster: f-acsa`" in warning.hint
    clustered = bank_project(make_project, [{**acsa, "cluster": "acsa"},
                                            {**logistics, "cluster": "acsa"}])
    assert list(duplicate_findings(clustered)) == []
    a, b = (Fact(**fact_entry(i, ans)) for i, ans in (("f-x", "Yoshihide Suga"),
                                                        ("f-y", "Yoshihide Sugar")))
    assert "nearly the same" in (why_duplicates(a, b) or "")


CATEGORIES = """categories:
  - id: japanese-island
    kind: place
    description: Islands of Japan
    members: [Okinawa, Hokkaido, Kyushu, Shikoku]
"""


def test_check_reports_a_distractor_outside_the_category(
        make_project: Callable[..., Path]) -> None:
    okinawa = fact_entry("f-okinawa", "Okinawa", kind="place", category="japanese-island",
                         distractors=["Hokkaido", "Guam", "Kyushu"])
    project = bank_project(make_project, [okinawa], categories=CATEGORIES)
    [finding] = list(check_categories(project))
    assert (finding.path, finding.code, finding.item) == ("facts/bank.yml", "distractor-category",
                                                          "f-okinawa")
    assert finding.line > 1 and "'Guam'" in finding.message
    assert "japanese-island" in finding.hint
    own, others = Bank.of(project).pool(project.facts_by_id["f-okinawa"])
    assert "Guam" not in own and set(others) == {"Shikoku"}


@pytest.mark.parametrize(("field", "text", "code"), [
    ("question", "What is the initiative abbreviated FOIP?", "acronym-clue"),
    ("question", "Which four-country grouping did they join?", "count-clue"),
    ("label", "First defence cooperation agreement", "sequence-clue"),
    ("label", "Budget, the Tuesday after the Perth meeting", "sequence-clue"),
])
def test_stem_and_label_clues(field: str, text: str, code: str) -> None:
    entry = fact_entry("f-clue", "Free and Open Indo-Pacific", when="2022", **{field: text})
    assert code in {c for _f, c, _m, _h in clue_problems(Fact(**entry))}
    plain = fact_entry("f-plain", "Free and Open Indo-Pacific", when="2022",
                       label="Defence cooperation agreement")
    assert list(clue_problems(Fact(**plain))) == []


def test_false_statements_stay_grammatical() -> None:
    reactor = Fact(**fact_entry("f-r", "nuclear reactor",
                                statement="Japan built a nuclear reactor near the coast."))
    assert false_statement(reactor, "oil refinery") == ("Japan built an oil refinery near the "
                                                        "coast.")
    spy = Fact(**fact_entry("f-s", "counterstrike capabilities",
                            statement="Japan will consider so-called counterstrike capabilities."))
    assert false_statement(spy, "a foreign spy agency") == ("Japan will consider so-called "
                                                            "foreign spy agency.")


def test_matching_partners_share_no_telling_word() -> None:
    isa = Fact(**fact_entry("f-isa", "Information Security Agreement", kind="agreement",
                            label="Agreement on sharing classified information"))
    acsa = Fact(**fact_entry("f-acsa", "Acquisition Agreement", kind="agreement",
                             label="Agreement on defence logistics"))
    raa = Fact(**fact_entry("f-raa", "Reciprocal Access Agreement", kind="agreement",
                            label="Lets troops visit each other"))
    assert not matching.compatible(isa, raa)  # "information" pairs the first item by sight
    assert matching.compatible(raa, Fact(**{**fact_entry("f-jdsc", "Joint Declaration",
                                                         kind="agreement"),
                                            "label": "Made security a pillar"}))
    other_category = Fact(**{**fact_entry("f-x", "Joint Declaration", kind="agreement"),
                             "category": "security-pact"})
    assert not matching.compatible(raa, other_category)
    assert acsa.kind == raa.kind


def test_cloze_needs_a_cue_and_stays_exact_near_other_answers() -> None:
    uncued = Fact(**fact_entry("f-u", "Personnel exchanges",
                               statement="Personnel exchanges are a feature of the partnership."))
    count = Fact(**fact_entry("f-n", "2", kind="number",
                              statement="Japan dispatched 2 aircraft to Australia."))
    years = Fact(**fact_entry("f-y", "15", kind="number",
                              statement="The statement was 15 years old."))
    bank = Bank([uncued, count, years])
    assert "opens with the answer" in (cloze.why_not(uncued, bank) or "")
    assert "asks for a number" in (cloze.why_not(count, bank) or "")
    assert cloze.why_not(years, bank) is None
    australia = Fact(**fact_entry("f-au", "Australia", kind="country",
                                  distractors=["Austria", "Australasia"],
                                  statement="The partner is Australia, not Japan."))
    question = cloze.generate(australia, Bank([australia]), random.Random(1), "q1")
    assert not grade(question, "Austria").correct
    assert not grade(question, "Australasia").correct
    assert grade(question, "Australia").correct and grade(question, "Austrlia").correct


# --- feedback tells no other question's answer ---------------------------------------------------

def feedback_of(question: Question) -> list[str]:
    """What a student may read once a question is answered: explanation, quotes, reasons."""
    return [question.explanation, *(c.quote for c in question.citations),
            *question.option_feedback, *question.response_feedback.values()]


@pytest.mark.parametrize("seed", range(3))
def test_no_feedback_tells_another_questions_answer_on_the_real_bank(seed: int) -> None:
    for lesson in real_lessons():
        quiz = make_quiz(real(), lesson, seed=seed)
        marks = [traits(q, real().facts_by_id) for q in quiz.questions]
        for question, mine in zip(quiz.questions, marks, strict=True):
            for other in quiz.questions:
                if other is question:
                    continue
                told = [t for t in feedback_of(other) for a in mine.telling
                        if a in f" {answer_key(t)} "]
                assert told == [], (lesson, seed, question.id, other.id)


@pytest.mark.parametrize("where", ["explanation", "quote"])
def test_facts_whose_feedback_tells_each_others_answer_are_never_asked_together(
        make_project: Callable[..., Path], where: str) -> None:
    # f-talks's question prints nothing of f-city, but its explanation (the statement) or
    # its evidence quote names f-city's answer.
    talks = (fact_entry("f-talks", "trade", statement="The Osaka talks covered trade.",
                        question="What did the talks cover?") if where == "explanation" else
             {**fact_entry("f-talks", "trade", statement="The talks covered trade.",
                           question="What did the talks cover?"),
              "evidence": [{"source": "tokyo-raa-basic-agreement-2020",
                            "quote": "talks in Osaka on trade"}]})
    facts = [fact_entry("f-city", "Osaka", question="In which city did the talks happen?"),
             talks, *(fact_entry(f"f-{n}", f"answer{n}") for n in range(4))]
    project = bank_project(make_project, facts, "title: T\nlesson: raa\nquestions: 5\n"
                                                "mix: {mc: 5}\n")
    asked: set[str] = set()
    for seed in range(30):
        ids = {q.fact_ids[0] for q in make_quiz(project, "raa", seed=seed).questions}
        assert not {"f-city", "f-talks"} <= ids, seed
        asked |= ids
    assert {"f-city", "f-talks"} <= asked  # each is asked, never both
    a, b = (traits(REGISTRY["mc"].generate(project.facts_by_id[f], Bank.of(project),
                                           random.Random(0), f), project.facts_by_id)
            for f in ("f-city", "f-talks"))
    assert "is told in the feedback" in (conflict(a, b) or "")


def test_a_reason_naming_another_questions_answer_is_reworded(
        make_project: Callable[..., Path]) -> None:
    # The source's short name ("Tokyo report 2020") names f-city's answer, and f-lamp's
    # answer is one of f-talks's wrong options ("lantern is the answer to another question").
    facts = [fact_entry("f-city", "Tokyo", statement="The talks were held in Tokyo.",
                        question="In which city were the talks held?",
                        distractors=["Osaka", "Kyoto", "Nagoya"]),
             fact_entry("f-talks", "trade", statement="The talks covered trade.",
                        question="What did the talks cover?"),
             fact_entry("f-lamp", "lantern", statement="The hall was lit by a lantern.",
                        question="What lit the hall?", distractors=["candle", "torch", "beacon"])]
    project = bank_project(make_project, facts, "title: T\nlesson: raa\nquestions: 3\n"
                                                "mix: {mc: 3}\n")
    bank = Bank.of(project)
    plain = REGISTRY["mc"].generate(project.facts_by_id["f-talks"], bank, random.Random(0), "q")
    assert any("Tokyo report 2020" in why for why in plain.option_feedback)
    assert any("is the answer to another question" in why for why in plain.option_feedback)
    for seed in range(5):
        quiz = make_quiz(project, "raa", seed=seed)
        [talks] = [q for q in quiz.questions if q.fact_ids == ["f-talks"]]
        reasons = {o: why for o, why in zip(talks.options, talks.option_feedback, strict=True)
                   if o != "trade"}
        assert reasons and all(why for why in reasons.values())  # reworded, none dropped
        for option, why in reasons.items():
            assert "tokyo" not in why.lower() and "lantern" not in why.lower(), why
            assert why.startswith("The source gives trade"), why
            assert (option in why) == (option != "lantern"), why
        assert talks == make_quiz(project, "raa", seed=seed).questions[
            quiz.questions.index(talks)]  # deterministic
        # The book page still keeps off a reason naming the key: of each wrong option it
        # says only that the sources do not give it (the option is printed beside it).
        assert page_reasons(talks) == {f"c|{i}": withheld(option)
                                       for i, option in enumerate(talks.options)
                                       if option != "trade"}
