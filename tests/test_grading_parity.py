"""One grading specification, one table of cases, two graders that must agree.

``tests/grading_cases.json`` lists questions and responses with the verdict the
specification in :mod:`factquiz.answers` gives them (written by hand, not computed). The
Python grader (:func:`factquiz.grade.grade`) runs the table directly; the book's script
(``static/factquiz.js``) runs it under Node with the very page data the Sphinx extension
renders (hashed tokens, wrapped keys, the config) and every script a page loads
(``qtypes/<type>/<type>.js``, in the page's order; a type that declares ``SCRIPT_AS`` has
none and is graded by that type's code, as the config maps it), and must give the same
verdicts, open the feedback for right answers only, and agree on every registered type's
self-test responses (its own ``QType.responses`` among them) over the real bank. The Node test
skips when Node is missing, except on CI (``CI=true``).
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from factquiz.answers import MESSAGES, ratio
from factquiz.generate import make_quiz
from factquiz.grade import grade
from factquiz.load import load_project
from factquiz.model import Question
from factquiz.normalize import answer_key, numbers_in
from factquiz.qtypes import REGISTRY
from factquiz.qtypes.reasons import page_reasons, typed_token
from factquiz.qtypes.static import script_aliases, script_path, scripts_for
from factquiz.sphinxext.static_quiz import (
    content_key,
    feedback_payload,
    grading_config,
    key_attributes,
)

ROOT = Path(__file__).resolve().parents[1]
CASES = Path(__file__).with_name("grading_cases.json")
SCRIPT = ROOT / "src" / "factquiz" / "static" / "factquiz.js"
NODE = shutil.which("node") or ("/usr/bin/node" if Path("/usr/bin/node").exists() else None)
SELFTEST_SEEDS = range(3)
#: Malformed responses JSON can carry (the self-test's MALFORMED, less what JSON cannot).
MALFORMED: list[object] = [None, "", "   ", "x" * 10_000, [], {}, -1, 10**100, True,
                           [[0]], ["a", "b"], [None, None, None], "NaN", "inf"]


@cache
def table() -> dict[str, Any]:
    return json.loads(CASES.read_text(encoding="utf-8"))


def question_of(name: str, spec: dict[str, Any]) -> Question:
    return Question(id=f"case-{name}", prompt=f"Case {name}", explanation=f"Because {name}.",
                    citations=[], fact_ids=[], **spec)


def questions() -> dict[str, Question]:
    return {name: question_of(name, spec) for name, spec in table()["questions"].items()}


def case_id(case: dict[str, Any]) -> str:
    return f"{case['q']}:{json.dumps(case['response'], ensure_ascii=False)[:30]}"


@pytest.mark.parametrize("case", table()["cases"], ids=case_id)
def test_python_grader_follows_the_table(case: dict[str, Any]) -> None:
    verdict = grade(questions()[case["q"]], case["response"])
    assert verdict.correct is case["correct"], (case, verdict)
    if "message" in case:
        assert verdict.message == case["message"]
    if "detail" in case:
        assert verdict.detail == case["detail"]


def test_table_covers_every_type_and_the_edges() -> None:
    qs, cases = questions(), table()["cases"]
    assert {q.type for q in qs.values()} == set(REGISTRY)
    assert {qs[c["q"]].type for c in cases if c["correct"]} == {q.type for q in qs.values()}
    responses = {json.dumps(c["response"], ensure_ascii=False) for c in cases}
    for needed in ('"60.4"', '"59.5"', '"1960.4"', '"55,049"', '"٦٠"', '"６０"', '"NaN"',
                   '"Austria"', '"Australasia"', '"Scott Morris"', '"Indian"', '""'):
        assert needed in responses, needed


# --- the book's script under Node ------------------------------------------------------------

def page_data(question: Question, salt: str) -> dict[str, Any]:
    """What factquiz.js reads from the page for ``question`` (see Question.prototype.data)."""
    return {"type": question.type, "salt": salt, **key_attributes(question, salt),
            "options": len(question.options), "items": len(question.items)}


def type_scripts() -> list[str]:
    """The script of every registered type that has one, each after those it builds on (as
    a page loads them)."""
    return [str(script_path(name)) for name in scripts_for(REGISTRY)]


RUNNER = """
const core = require(process.argv[1]);
for (const script of JSON.parse(process.argv[2])) { require(script)(core); }
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = input.cases.map(([q, response]) => {
  const result = core.grade(input.questions[q], input.config, response);
  const feedback = result.key ? core.decodeFeedback(result.key, input.feedback[q]) : null;
  return {correct: result.correct, message: result.message, feedback: feedback,
          reasons: result.reasons};
});
const ratios = input.ratios.map(([a, b]) => core.ratio(a, b));
const keys = input.texts.map(t => [core.answerKey(t, input.config),
                                   core.numbersIn(t, input.config)]);
process.stdout.write(JSON.stringify({out: out, ratios: ratios, keys: keys}));
"""


def run_node(qs: dict[str, Question], cases: list[tuple[str, object]],
             ratios: list[tuple[str, str]] = (), texts: list[str] = ()) -> dict[str, Any]:
    """Grade ``cases`` (question name, response) with the real factquiz.js under Node."""
    if NODE is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Node is required on CI for the grading parity test")
        pytest.skip("Node is not installed")
    from factquiz.sphinxext.static_quiz import encode_feedback

    salts = {name: f"salt-{n}" for n, name in enumerate(qs)}
    data = {
        "config": grading_config(),
        "questions": {name: page_data(q, salts[name]) for name, q in qs.items()},
        "feedback": {name: encode_feedback(content_key(salts[name], q), feedback_payload(q))
                     for name, q in qs.items()},
        "cases": cases,
        "ratios": list(ratios),
        "texts": list(texts),
    }
    proc = subprocess.run([NODE, "-e", RUNNER, str(SCRIPT), json.dumps(type_scripts())],
                          input=json.dumps(data),
                          capture_output=True, text=True, check=False, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_script_agrees_with_the_table_and_opens_feedback_only_when_right() -> None:
    qs = questions()
    cases = table()["cases"]
    result = run_node(qs, [(c["q"], c["response"]) for c in cases])
    disagreements = []
    for case, js in zip(cases, result["out"], strict=True):
        if js["correct"] is not case["correct"]:
            disagreements.append((case_id(case), js))
        if "message" in case and isinstance(case["response"], str):
            assert js["message"] == case.get("page_message", case["message"]), (case, js)
        if "page_detail" in case:  # the reasons the page opens for what was chosen
            assert " ".join(js["reasons"]) == case["page_detail"], (case, js)
        if case["correct"]:
            assert js["feedback"] == feedback_payload(qs[case["q"]]), case
        else:
            assert js["feedback"] is None, case
    assert disagreements == []


def test_every_type_has_a_script_and_the_core_grades_no_type_itself() -> None:
    aliased = script_aliases()  # graded by another type's script, which is its own
    assert set(scripts_for(REGISTRY)) == set(REGISTRY) - set(aliased)
    assert set(aliased.values()) <= set(REGISTRY) - set(aliased)
    assert grading_config()["scriptAs"] == aliased  # what the page maps
    for name in REGISTRY:
        assert script_path(name).is_file(), name
    core = SCRIPT.read_text(encoding="utf-8")
    for name in REGISTRY:
        assert f'"{name}"' not in core and f"'{name}'" not in core, name


#: Strings of the scripts that are not for the reader (a developer's error).
DEVELOPER_TEXT = {"factquiz: no script for question type "}


def test_the_scripts_show_only_messages_of_the_python_table() -> None:
    """Every message the page shows comes from answers.MESSAGES (the page's config): the
    scripts read only keys of that table and hold no English of their own."""
    for path in [SCRIPT, *(script_path(name) for name in REGISTRY)]:
        text = path.read_text(encoding="utf-8")
        used = set(re.findall(r"\b(?:m|messages)\.(\w+)", text))
        assert used <= set(MESSAGES), (path.name, used - set(MESSAGES))
        code = re.sub(r"/\*.*?\*/", "", text, flags=re.DOTALL)
        prose = [s for s in re.findall(r'"([^"\\\n]*)"', code)
                 if re.search(r"[A-Za-z]{2,} [a-z]{2,}", s)
                 and not re.fullmatch(r"[a-z0-9\-., >\[\]=:]+", s)]  # selectors, classes
        assert [s for s in prose if s not in DEVELOPER_TEXT] == [], path.name
    assert "Not quite." in MESSAGES.values() and "The right answer:" in MESSAGES.values()


def test_script_ratio_is_rapidfuzz_ratio() -> None:
    pairs = [("kishida", "kishda"), ("australia", "austria"), ("", ""), ("a", ""),
             ("scott morrison", "scott morris"), ("東京都", "東京"), ("naïve", "naive"),
             ("abcdefghijklmnopqrst", "tsrqponmlkjihgfedcba")]
    result = run_node({}, [], pairs)
    assert result["ratios"] == [ratio(a, b) for a, b in pairs]


def test_script_normalises_answers_and_numbers_as_python_does() -> None:
    texts = ["  Scott  Morrison ", "Kishida’s", "Self‑Defense Forces", "ＴＯＫＹＯ", "Straße",
             "ﬁne", "café", "cafe\u0301", "A\u200bB", "ΣΊΣΥΦΟΣ ς", "İstanbul", "2,000",
             "50 000", "x\u3000y", "\tTab\n", "—dash—", "«quoted»", "Ōsaka", "東京", "١٢٣",
             "½", "x_y", "Indo-Pacific", "U.S.", "\u00a0nbsp\u00a0", "e.g. 1.5", "",
             "‘single’ “double” „low‟ ′prime″", "a‐b‑c‒d–e—f―g−h﹘i﹣j－k", "٦٠ and ６０",
             "Article 5(2)", "F-35A", "1,000,000.5"]
    project = load_project(ROOT)
    texts += sorted({t for f in project.facts for t in (*f.accepted, *f.distractors)})
    result = run_node({}, [], texts=texts)
    assert dict(zip(texts, map(tuple, result["keys"]), strict=True)) == {
        t: (answer_key(t), numbers_in(t)) for t in texts}


def typos(text: str, rng: random.Random, count: int = 12) -> list[str]:
    """Seeded random slips of ``text``: one or two letters dropped, added, changed or
    swapped (digits and spaces included), as a student might type them."""
    alphabet = "aeiorstnx 15"
    out = []
    for _ in range(count):
        chars = list(text)
        for _ in range(rng.choice((1, 1, 2))):
            i = rng.randrange(len(chars) + 1)
            slip = rng.choice(("drop", "add", "change", "swap"))
            if slip == "add" or not chars:
                chars.insert(i, rng.choice(alphabet))
            elif slip == "drop":
                del chars[min(i, len(chars) - 1)]
            elif slip == "change":
                chars[min(i, len(chars) - 1)] = rng.choice(alphabet)
            elif len(chars) > 1:
                j = min(i, len(chars) - 2)
                chars[j], chars[j + 1] = chars[j + 1], chars[j]
        out.append("".join(chars))
    return out


def selftest_responses(question: Question, rng: random.Random) -> list[object]:
    """The self-test's responses for ``question`` (right, wrong and malformed), and for
    a typed answer seeded random typos of each accepted answer and of the wrong ones."""
    from test_selftest import correct_response, wrong_responses

    wrong = wrong_responses(question)
    if question.type == "numeric":
        wrong += [str(w) for w in wrong]
    slips: list[object] = []
    if question.type == "cloze":
        for text in [*question.accepted, *question.rejected, *wrong[:3]]:
            slips += typos(str(text), rng)
    own = REGISTRY[question.type].responses(question)
    typed = [r for r in [*own.right, *own.wrong, *own.malformed] if _json_safe(r)]
    return [correct_response(question), *wrong, *slips, *typed, *MALFORMED]


def _json_safe(response: object) -> bool:
    """Whether ``response`` reaches the page unchanged through JSON (no NaN, no object)."""
    try:
        return json.loads(json.dumps(response, allow_nan=False)) == response
    except (TypeError, ValueError):
        return False


def test_script_agrees_on_every_types_selftest_over_the_real_bank() -> None:
    project = load_project(ROOT)
    qs: dict[str, Question] = {}
    cases: list[tuple[str, object]] = []
    expected: list[bool] = []
    rng = random.Random(2024)
    for lesson in sorted(project.quizzes):
        for seed in SELFTEST_SEEDS:
            for q in make_quiz(project, lesson, seed=seed).questions:
                name = f"{lesson}-{seed}-{q.id}"
                qs[name] = q
                for response in selftest_responses(q, rng):
                    cases.append((name, response))
                    expected.append(grade(q, response).correct)
    assert {q.type for q in qs.values()} == set(REGISTRY)
    result = run_node(qs, cases)
    mismatches = [(name, response, want) for (name, response), want, js
                  in zip(cases, expected, result["out"], strict=True)
                  if js["correct"] is not want]
    assert mismatches == []
    assert any(expected) and not all(expected)
    reasons = [(name, response, js["reasons"]) for (name, response), js
               in zip(cases, result["out"], strict=True)
               if js["reasons"] != page_reasons_of(qs[name], response)]
    assert reasons == []
    assert any(js["reasons"] for js in result["out"])


def page_reasons_of(question: Question, response: object) -> list[str]:
    """What the page shows for ``response``: the reasons (of the page's, those that do not
    name the key) of what a graded wrong response chose (each wrong position's)."""
    verdict = grade(question, response)
    if verdict.correct or not (verdict.message == MESSAGES["wrong"] or verdict.detail):
        return []
    on_page = page_reasons(question)
    if isinstance(response, int) and not isinstance(response, bool):
        tokens = [f"c|{response}"]
    elif isinstance(response, str):
        tokens = [typed_token(response)]
    elif isinstance(response, list) and question.type in ("ordering", "matching"):
        tokens = [f"{p}|{v}" for p, (v, want) in enumerate(zip(response, question.answer,
                                                               strict=True)) if v != want]
    else:
        tokens = []
    return [on_page[t] for t in tokens if t in on_page]
