"""Instructor-written find-the-evidence questions are checked like generated ones: every
option a whole passage of a source (no fragment, heading or furniture), the key holding
a quote of the facts it rests on, no other option holding one. ``check`` reports each
problem at the option's line with the closest passage; ``add question`` refuses it.
On the frozen fact bank (a fixture project)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from quiz_fixtures import HEADER, QUIZ_HEAD, frozen_files, load
from typer.testing import CliRunner

from factquiz.cli.common import app
from factquiz.quizrules import check_quizzes

FACT = "raa-first-since-1960"
#: The passage holding the fact's quote, and passages of its source that do not support it.
KEY = ("The deal is the first of its kind for Japan since its 1960 status of forces agreement "
       "with the United States, which set the terms for the basing of about 50,000 American "
       "troops to operate in and around Japan under the Japan-U.S. security pact.")
OTHERS = [
    "The deal, dubbed Reciprocal Access Agreement, would streamline cooperation for exercises "
    "and disaster relief missions, the leaders said.",
    "Australia and Japan also cooperate trilaterally with the United States.",
    "The leaders of Australia and Japan held in-person talks on Tuesday and reached a basic "
    "agreement on a bilateral defense pact that would allow their troops to work more closely, "
    "as the two U.S. allies seek to bolster their ties to counter China's growing "
    "assertiveness in the Asia-Pacific region."]
#: Furniture (a `not_citable` span) of another source.
COOKIES = "This website uses cookies to improve your experience."
CODES = {"evidence-not-a-passage", "evidence-key-unsupported", "evidence-two-keys"}


def quiz_text(choices: list[str], answer: str, facts: tuple[str, ...] = (FACT,)) -> str:
    lines = ["instructor_questions:", "  - type: evidence",
             "    prompt: Which passage supports the claim that the pact was Japan's first "
             "of its kind since 1960?", "    choices:"]
    lines += [f"      - {json.dumps(c)}" for c in choices]
    lines += [f"    answer: {json.dumps(answer)}", "    explanation: The report says so.",
              f"    facts: [{', '.join(facts)}]", ""]
    return QUIZ_HEAD + "\n".join(lines)


def findings(make_project: Callable[..., Path], text: str) -> list[tuple[int, str, str, str]]:
    """(line, code, message, hint) of the evidence findings of a raa quiz file ``text``."""
    project = load(make_project(files=frozen_files({"raa": text})))
    return [(f.line, f.code, f.message, f.hint) for f in sorted(check_quizzes(project))
            if f.code in CODES]


def line_of(text: str, option: str) -> int:
    """The file line of ``option`` in the choices (the header comes first)."""
    return (HEADER + text).split("\n").index(f"      - {json.dumps(option)}") + 1


def test_real_passages_with_the_supporting_key_pass(make_project: Callable[..., Path]) -> None:
    assert findings(make_project, quiz_text([*OTHERS, KEY], KEY)) == []
    # Quotes and dashes as a keyboard types them, spaces as they come: still the passage.
    typed = KEY.replace("Japan-U.S.", "Japan\u2013U.S.").replace(" with ", "  with ")
    assert findings(make_project, quiz_text([*OTHERS, typed], typed)) == []


@pytest.mark.parametrize(("option", "says"), [
    (KEY[:80], "is part of a sentence or a heading of source 'tokyo-raa-basic-agreement-2020'"),
    ("TOKYO — The leaders of Australia and Japan held in-person talks on Tuesday.",
     "is not a passage of any source"),
    (COOKIES, "lies in page furniture of source 'aa-raa-to-be-signed-2022'"),
    ("Japan and Australia signed a pact on the Moon in 1850 with great fanfare.",
     "is not a passage of any source")])
def test_an_option_that_is_not_a_whole_passage_is_reported_at_its_line(
        make_project: Callable[..., Path], option: str, says: str) -> None:
    text = quiz_text([OTHERS[0], option, OTHERS[1], KEY], KEY)
    [(line, code, message, hint)] = findings(make_project, text)
    assert (line, code) == (line_of(text, option), "evidence-not-a-passage")
    assert message.startswith(f"the option '{option}' {says}")
    assert hint.startswith("offer a sentence" if option == COOKIES else "copy")


def test_a_fragment_is_told_its_closest_passage(make_project: Callable[..., Path]) -> None:
    near = OTHERS[1].replace("trilaterally", "closely")
    [(_, _, _, hint)] = findings(make_project, quiz_text([OTHERS[0], near, KEY], KEY))
    assert hint.startswith(f"copy the passage exactly; closest passage: “{OTHERS[1]}” (")


def test_a_key_that_does_not_support_the_claim_is_reported(
        make_project: Callable[..., Path]) -> None:
    text = quiz_text([*OTHERS, KEY], OTHERS[0])
    found = findings(make_project, text)
    assert [(line, code) for line, code, _, _ in found] == [
        (line_of(text, OTHERS[0]), "evidence-key-unsupported"),
        (line_of(text, KEY), "evidence-two-keys")]
    assert found[0][2] == (f"the answer's passage holds no evidence quote of the facts the "
                           f"question rests on ({FACT}), so it does not support the claim")
    assert found[0][3].startswith("make the passage holding the facts' quote the answer; "
                                  f"closest passage: “{KEY[:40]}")
    assert found[1][2] == (f"the option holds the evidence quote of fact '{FACT}', so it "
                           "supports the claim too")


def test_add_question_refuses_an_evidence_option_that_is_not_a_passage(
        make_project: Callable[..., Path]) -> None:
    root = make_project(files=frozen_files({"raa": QUIZ_HEAD}))
    path = root / "quizzes" / "raa.yml"
    before = path.read_bytes()
    args = ["add", "question", "raa", "--project", str(root), "--type", "evidence",
            "--prompt", "Which passage supports the claim?", "--explanation", "It says so.",
            "--fact", FACT, "--answer", KEY, "--choice", KEY]
    args += [arg for option in (OTHERS[0], KEY[:80], OTHERS[1]) for arg in ("--choice", option)]
    refused = CliRunner().invoke(app, args)
    assert refused.exit_code == 2, refused.output
    assert "error[evidence-not-a-passage]" in refused.output
    assert "closest passage: “The deal is the first of its kind" in refused.output
    assert path.read_bytes() == before
    args[args.index(KEY[:80])] = OTHERS[2]
    added = CliRunner().invoke(app, args)
    assert added.exit_code == 0, added.output
