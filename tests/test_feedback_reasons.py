"""Feedback that teaches: every type says why a wrong answer is wrong (``qtypes.reasons``).

Content rules (marked ``content``) hold for every lesson and a few seeds: every wrong
option of every choice question has a reason that is neither the explanation nor the
prompt; a true/false explanation never repeats the prompt, and a false item's wrong
response names the swap; a typed wrong answer the bank knows is told what it is; a number
says how far and which way; ordering and matching say, per position, why. The engine
rules run on hand-made questions: a reason that names the key never reaches the book's
page, and the reasons ride there encrypted.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from content_root import capable_facts, content_project

from factquiz.factbank import Bank
from factquiz.generate import make_quiz
from factquiz.grade import grade
from factquiz.model import Question
from factquiz.normalize import answer_key, mentions
from factquiz.qtypes import REGISTRY
from factquiz.qtypes.reasons import order_reasons, page_reasons, pairing_reasons, part_token
from factquiz.qtypes.static import digest
from factquiz.qtypes.truefalse import PREFIX
from factquiz.quotes import quoted
from factquiz.sphinxext.static_quiz import (
    decode_feedback,
    reason_entries,
    reason_key,
    render_quiz,
)

SEEDS = range(4)
SIX = ("mc", "tf", "cloze", "numeric", "ordering", "matching")


def generated(qtype: str) -> Iterator[tuple[Bank, Question]]:
    """Every fact of every lesson that can yield ``qtype``, as a question, a few seeds."""
    kind = REGISTRY[qtype]
    for bank, fact in capable_facts(qtype):
        for seed in SEEDS:
            yield bank, kind.generate(fact, bank, random.Random(seed), f"{fact.id}-{seed}")


def quiz_questions() -> Iterator[Question]:
    """The questions of every lesson's quiz (instructor questions included), a few seeds."""
    project = content_project()
    for lesson in sorted(project.quizzes):
        for seed in SEEDS:
            yield from make_quiz(project, lesson, seed=seed).questions


@pytest.mark.content
@pytest.mark.parametrize("qtype", SIX)
def test_each_of_the_six_types_is_generated(qtype: str) -> None:
    assert next(generated(qtype), None) is not None


@pytest.mark.content
def test_every_wrong_option_says_why_and_not_by_repeating() -> None:
    questions = [q for t in ("mc", "tf") for _, q in generated(t)]
    questions += [q for q in quiz_questions() if q.options and q.type != "matching"]
    assert {q.type for q in questions} >= {"mc", "tf", "cause", "evidence", "source"}
    for q in questions:
        assert len(q.option_feedback) == len(q.options), q.id
        for i, why in enumerate(q.option_feedback):
            if i == q.answer:
                assert why == "", q.id
                continue
            assert why.strip(), (q.id, i)
            assert why != q.explanation and why != q.prompt, (q.id, why)
            verdict = grade(q, i)
            assert not verdict.correct and verdict.detail == why, (q.id, i)


@pytest.mark.content
def test_mc_reasons_come_from_the_bank() -> None:
    """A distractor is another fact's answer (its question is named) or the fact's source
    is quoted word for word (or, for an answer worked out from it, the fact's note)."""
    for bank, q in generated("mc"):
        fact = bank.by_id[q.fact_ids[0]]
        quotes = [ev.quote.strip() for ev in fact.evidence]
        for i, why in enumerate(q.option_feedback):
            if i == q.answer:
                continue
            other = re.search(r"is the answer to another question, \u201c(.+?)\u201d", why)
            if other:
                asked = [f for f in bank.facts if f.question == other.group(1)]
                assert any(answer_key(q.options[i]) in map(answer_key, f.accepted)
                           for f in asked), why
            else:
                assert (any(quoted(quote) in why for quote in quotes)
                        or (fact.note and fact.note.strip() in why)), why
                assert f"{fact.answer.strip()}, not {q.options[i]}" in why


@pytest.mark.content
def test_true_false_explanations_never_repeat_the_prompt_and_name_the_swap() -> None:
    tf = [q for _, q in generated("tf")] + [q for q in quiz_questions() if q.type == "tf"]
    assert {q.answer for q in tf} == {0, 1}
    for q in tf:
        shown = q.prompt.removeprefix(PREFIX).strip()
        assert answer_key(q.explanation) != answer_key(shown), q.id
    for bank, q in generated("tf"):
        if q.answer != 1:
            continue
        fact = bank.by_id[q.fact_ids[0]]
        detail = grade(q, 0).detail
        swapped = re.search(r"puts (.+?) where", detail)
        assert swapped, detail
        assert mentions(q.prompt, swapped.group(1)), (q.prompt, detail)
        assert not mentions(fact.statement, swapped.group(1)), detail
        assert any(mentions(detail, a) for a in fact.accepted), detail


@pytest.mark.content
def test_typed_wrong_answers_the_bank_knows_are_explained() -> None:
    seen = 0
    for _, q in generated("cloze"):
        for token, why in q.response_feedback.items():
            verdict = grade(q, token[2:])
            assert not verdict.correct and verdict.detail == why, (q.id, token)
            seen += 1
    assert seen


@pytest.mark.content
def test_a_wrong_number_says_how_far_and_which_way() -> None:
    years = 0
    for _, q in generated("numeric"):
        above = q.answer + q.tolerance + 3
        below = q.answer - q.tolerance - 3
        late, early = ("late", "early") if q.unit == "year" else ("high", "low")
        assert f"too {late}" in grade(q, above).detail
        assert f"too {early}" in grade(q, below).detail
        years += q.unit == "year"
        for token, why in q.response_feedback.items():
            assert why in grade(q, token[2:]).detail
    assert years


@pytest.mark.content
@pytest.mark.parametrize("qtype", ["ordering", "matching"])
def test_each_wrong_position_says_why(qtype: str) -> None:
    for _, q in generated(qtype):
        key = list(q.answer)
        for shift in range(1, len(key)):
            response = key[shift:] + key[:shift]
            detail = grade(q, response).detail
            for position, (got, want) in enumerate(zip(response, key, strict=True)):
                if got != want:
                    assert q.response_feedback[part_token(position, got)] in detail


# --- the book's page: only the chosen response opens its reason; none names the key --------

def _choice(feedback: list[str]) -> Question:
    return Question(id="q", type="mc", prompt="Where were the talks held?",
                    options=["Tokyo", "Perth", "Osaka"], answer=0, explanation="In Tokyo.",
                    option_feedback=feedback, citations=[], fact_ids=[])


def test_a_reason_naming_the_key_is_not_put_on_the_page() -> None:
    q = _choice(["", "Tokyo report 2020 gives Tokyo, not Perth.",
                 "Osaka is the answer to another question, \u201cWhere is Expo 2025?\u201d"])
    # The page says of Perth only what names no key: the sources do not give it.
    assert page_reasons(q) == {"c|1": "\u201cPerth\u201d is not what the sources give here.",
                               "c|2": q.option_feedback[2]}
    order = Question(id="o", type="ordering", prompt="Order", items=["B", "A", "C"],
                     answer=[1, 0, 2], explanation="A, B, C.", citations=[], fact_ids=[],
                     response_feedback={**order_reasons(["B", "A", "C"], [1, 0, 2]),
                                        "0|2": "\u201cC\u201d comes after A."})
    assert "0|2" not in page_reasons(order) and "0|0" in page_reasons(order)
    for token, why in page_reasons(order).items():
        assert not mentions(why, order.items[order.answer[int(token[0])]])


def test_pairing_reasons_never_name_the_items_own_match() -> None:
    items, options, answer = ["1960", "2007", "2022"], ["JDSC", "SOFA", "RAA"], [1, 0, 2]
    reasons = pairing_reasons(items, options, answer)
    assert len(reasons) == 6 and page_reasons(Question(
        id="m", type="matching", prompt="Match", items=items, options=options, answer=answer,
        explanation="", citations=[], fact_ids=[], response_feedback=reasons)) == reasons


def test_only_the_chosen_option_opens_its_reason() -> None:
    q = _choice(["", "Perth is where the 2022 declaration was signed.",
                 "Osaka is the answer to another question, \u201cWhere is Expo 2025?\u201d"])
    entries = dict((e[:12], e[12:]) for e in reason_entries(q, "s-1").split())
    for token, why in page_reasons(q).items():
        blob = entries[digest("s-1", "y", token)]
        assert decode_feedback(reason_key("s-1", token), blob) == {"w": why}
        other = "c|1" if token == "c|2" else "c|2"
        with pytest.raises(ValueError):  # another choice's key opens nothing
            decode_feedback(reason_key("s-1", other), blob)


@pytest.mark.content
def test_no_reason_is_in_clear_on_the_page() -> None:
    project = content_project()
    shown = 0
    for lesson in sorted(project.quizzes):
        quiz = make_quiz(project, lesson)
        fragment = render_quiz(quiz)
        for q in quiz.questions:
            for why in [*q.option_feedback, *q.response_feedback.values()]:
                assert not why or why not in fragment, (lesson, q.id)
            shown += bool(page_reasons(q))
    assert shown


@pytest.mark.content
def test_no_reason_reaches_the_notebook_before_check(tmp_path: Path) -> None:
    """The widgets hold the reasons in Python only: none is in the state the browser (and
    a saved notebook) receives before the student checks an answer."""
    from test_widgets import visible_state

    from factquiz.attempts import ProgressStore
    from factquiz.widgets import QuizWidget

    project = content_project()
    for lesson in sorted(project.quizzes):
        quiz = make_quiz(project, lesson)
        state = visible_state(QuizWidget(quiz, store=ProgressStore(tmp_path / "p.json")))
        for q in quiz.questions:
            for why in [*q.option_feedback, *q.response_feedback.values()]:
                assert not why or why not in state, (lesson, q.id)


def test_a_quote_with_its_own_opening_mark_is_not_quoted_again() -> None:
    assert quoted(" plain words ") == "\u201cplain words\u201d"
    for own in ("\u201cIt will,\u201d he said.", '"Landmark"', "\u2018so-called\u2019 words"):
        assert quoted(own) == own


@pytest.mark.content
def test_every_reason_and_explanation_quotes_without_doubled_marks() -> None:
    """No feedback text opens a quote with two marks (a quote that opens with its own mark
    is shown as it is), and a false item's swap reads mid-sentence ("says the United
    States", never "says The United States")."""
    for qtype in SIX:
        for _bank, question in generated(qtype):
            texts = [question.explanation, *question.option_feedback,
                     *question.response_feedback.values()]
            for text in texts:
                assert "\u201c\u201c" not in text and '\u201c"' not in text, text
                assert not re.search(r" says (The|A|An) ", text), text
