"""Cause and effect (``qtypes.cause``): questions from the ``because:`` relation, and the
check rules of the relation (``relations.check_causes``).

Content rules (marked ``content``) hold for every lesson and many seeds: the key is one
of the fact's causes, every other option is a cause of another effect (never one of the
fact's own causes, direct or not), the key is accepted and every other option rejected,
and the feedback on a wrong option names the question that option does answer.
"""

from __future__ import annotations

import html
import random
from collections.abc import Callable, Iterator
from pathlib import Path
from xml.etree import ElementTree

import pytest
from content_root import capable_facts, content_project
from test_verify import GOOD, HEADER, fact

from factquiz.export import context_for, export_quiz
from factquiz.factbank import Bank
from factquiz.findings import Finding
from factquiz.generate import make_quiz
from factquiz.load import load_project
from factquiz.model import Fact, Level
from factquiz.qtypes import cause
from factquiz.verify import check

SEEDS = range(20)


def capable() -> Iterator[tuple[Bank, Fact]]:
    """Each lesson's bank with each fact of that lesson able to yield a cause question."""
    return capable_facts("cause")


@pytest.mark.content
def test_the_bank_yields_cause_questions() -> None:
    assert len(list(capable())) >= 3


@pytest.mark.content
def test_options_come_from_the_relation_and_grade_right() -> None:
    for bank, effect in capable():
        own = cause.ancestors(effect, bank)
        others = cause.effects_of(bank)
        for seed in SEEDS:
            q = cause.generate(effect, bank, random.Random(seed), "q")
            assert q.type == "cause" and q.level is Level.understand
            assert q.prompt == effect.why and len(q.options) >= 3
            assert len(set(q.options)) == len(q.options)
            key = next(bank.by_id[c] for c in effect.because
                       if bank.by_id[c].statement.strip() == q.options[q.answer])
            assert key.id in q.fact_ids and effect.id in q.fact_ids
            assert cause.QTYPE.grade(q, q.answer).correct
            for i, option in enumerate(q.options):
                if i == q.answer:
                    assert q.option_feedback[i] == ""
                    continue
                source = next(f for f in bank.facts if f.statement.strip() == option)
                assert source.id not in own and source.id != effect.id
                answered = [e for e in others[source.id] if e.id != effect.id]
                assert answered, f"{source.id} is no cause of another effect"
                verdict = cause.QTYPE.grade(q, i)
                assert not verdict.correct and verdict.detail == q.option_feedback[i]
                assert any(e.why and e.why in q.option_feedback[i] for e in answered)
            responses = cause.QTYPE.responses(q)
            assert all(cause.QTYPE.grade(q, r).correct for r in responses.right)
            assert not any(cause.QTYPE.grade(q, r).correct for r in responses.wrong)
            for bad in responses.malformed:
                grade = cause.QTYPE.grade(q, bad)
                assert not grade.correct and grade.message
            cited = {c.source_id for c in q.citations}
            assert {ev.source for ev in key.evidence} <= cited


@pytest.mark.content
def test_generation_is_seeded() -> None:
    for bank, effect in capable():
        first = cause.generate(effect, bank, random.Random(7), "q")
        assert first == cause.generate(effect, bank, random.Random(7), "q")


@pytest.mark.content
def test_options_keep_out_avoided_facts_while_enough_others_remain() -> None:
    for bank, effect in capable():
        pool = cause.wrong_causes(effect, bank)
        if len(pool) < cause.MIN_DISTRACTORS + 1:
            continue
        avoid = frozenset({pool[0].id})
        for seed in SEEDS:
            q = cause.generate(effect, bank, random.Random(seed), "q", avoid)
            assert pool[0].statement.strip() not in q.options


# --- why_not and the check rules, on small fixture banks ----------------------------------

EFFECT = dict(ident="effect", statement="Japan's post-war constitution bans first strikes.",
              answer="first strikes", kind="concept",
              quote="bans first strikes under its post World War II pacifist constitution")


def causal(ident: str = "effect", because: str = "[f-one]",
           why: str = "Why does Japan ban first strikes?", **fields: str) -> str:
    extra = "\n".join(x for x in (f"because: {because}" if because else "",
                                  f"why: {why}" if why else "") if x)
    return fact(**{**EFFECT, "ident": ident, **fields}, extra=extra)


@pytest.fixture
def relation_findings(make_project: Callable[..., Path]) -> Callable[..., list[Finding]]:
    def run(*facts: str, files: dict[str, str] | None = None) -> list[Finding]:
        text = HEADER + GOOD + fact() + "".join(facts)
        root = make_project({"facts/raa.yml": text, **(files or {})})
        return [f for f in check(load_project(root)) if f.code.startswith(("cause", "why"))]

    return run


def test_a_good_link_has_no_findings(relation_findings: Callable[..., list[Finding]]) -> None:
    assert relation_findings(causal()) == []


@pytest.mark.parametrize(("because", "why", "code", "message"), [
    ("[f-nine]", "Why does Japan ban first strikes?", "cause-unknown",
     "because names an unknown fact 'f-nine'"),
    ("[effect]", "Why does Japan ban first strikes?", "cause-self",
     "a fact cannot be its own cause"),
    ("[f-one]", "", "cause-without-why", "the fact names causes but no `why:` question"),
    ("", "Why does Japan ban first strikes?", "why-without-cause",
     "`why:` is set but the fact names no causes"),
    ("[f-one]", "Does Japan ban first strikes?", "why-form",
     "`why:` should be a question starting with 'Why' and ending with '?': "
     "'Does Japan ban first strikes?'"),
])
def test_bad_links_are_reported_at_their_line(relation_findings: Callable[..., list[Finding]],
                                              because: str, why: str, code: str,
                                              message: str) -> None:
    found = relation_findings(causal(because=because, why=why))
    assert [(f.path, f.code, f.message) for f in found] == [("facts/raa.yml", code, message)]
    assert found[0].line > 20 and found[0].hint


def test_a_cycle_of_causes_is_reported(relation_findings: Callable[..., list[Finding]]) -> None:
    found = relation_findings(causal(), fact(extra="because: [effect]\nwhy: Why was he PM?")
                              .replace("f-one", "f-two"),
                              causal(ident="effect-two", because="[f-two]"))
    assert [f.code for f in found] == []
    looped = relation_findings(causal(because="[effect-two]"),
                               causal(ident="effect-two", because="[effect]"))
    assert sorted((f.item, f.code) for f in looped) == [("effect", "cause-cycle"),
                                                        ("effect-two", "cause-cycle")]
    assert "circular causes: effect -> effect-two -> effect" in {f.message for f in looped}


def test_a_cause_from_a_later_lesson_is_reported(
        relation_findings: Callable[..., list[Finding]]) -> None:
    later = fact(ident="later", lesson="jdsc")
    found = relation_findings(causal(because="[later]"), later)
    assert [(f.code, f.message) for f in found] == [
        ("cause-later-lesson", "the cause 'later' belongs to lesson 'jdsc', which comes after "
                               "'raa'")]


def test_why_not_says_what_is_missing(make_project: Callable[..., Path]) -> None:
    root = make_project({"facts/raa.yml": HEADER + GOOD + fact() + causal()})
    bank = Bank.of(load_project(root))
    assert "add `because:" in (cause.why_not(bank.by_id["f-one"], bank) or "")
    assert (cause.why_not(bank.by_id["effect"], bank) ==
            "the bank has 0 other cause(s) to offer as wrong options and a cause question "
            "needs 2: link more facts with `because:`")


@pytest.mark.content
def test_moodle_export_carries_why_each_wrong_cause_is_wrong(tmp_path: Path) -> None:
    project = content_project()
    variant = make_quiz(project, "beyond-defence", seed=3)
    causes = {q.id: q for q in variant.questions if q.type == "cause"}
    assert causes, "the beyond-defence quiz asks cause questions"
    result = export_quiz(variant, "moodle-xml", tmp_path / "bd.xml", context_for(project))
    assert result.skipped == []
    tree = ElementTree.parse(result.path)
    for element in tree.getroot().iter("question"):
        name = element.findtext("name/text")
        if name not in causes:
            continue
        assert element.get("type") == "multichoice"
        question = causes.pop(name)
        feedback = [a.findtext("feedback/text") or "" for a in element.iter("answer")]
        assert feedback == [html.escape(f, quote=False) for f in question.option_feedback]
    assert causes == {}
