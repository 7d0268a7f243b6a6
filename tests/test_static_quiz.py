"""The static quiz renderer: keys only as salted hashes, feedback encoded, text escaped."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from factquiz.answers import accepts
from factquiz.generate import Quiz, make_quiz
from factquiz.load import load_project
from factquiz.model import Citation, Question
from factquiz.normalize import answer_key
from factquiz.sphinxext.static_quiz import (
    SUBSTITUTION_MIN_LENGTH,
    decode_feedback,
    deletions,
    digest,
    encode_feedback,
    feedback_payload,
    key_attributes,
    numeric_grid,
    question_salt,
    quiz_salt,
    render_question,
    render_quiz,
)

SCRIPT = "<script>window.__pwned = 1</script>"
IMG = '<img src=x onerror="window.__pwned = 2">'
CITE = Citation(source_id="tokyo-raa-basic-agreement-2020", title="Tokyo <b>wire</b>",
                published="2020-11-17", quote="the first of its kind for Japan since its 1960")


def question(qtype: str, **fields: object) -> Question:
    base: dict[str, object] = {"id": f"q-{qtype}", "type": qtype, "prompt": f"Prompt {SCRIPT}",
                               "explanation": f"Because {IMG} it is so.", "citations": [CITE],
                               "fact_ids": ["raa-first-since-1960"]}
    base.update(fields)
    return Question(**base)


MC = question("mc", options=["Tokyo", f"Perth {IMG}", 'Osaka & "Kobe"', "Canberra"], answer=2)
TF = question("tf", options=["True", "False"], answer=1)
CLOZE = question("cloze", prompt="The leaders met in _____.", accepted=["Yoshihide Suga", "Suga"],
                 match="fuzzy")
NUMERIC = question("numeric", answer=1960)
ORDERING = question("ordering", items=["B <i>2013</i>", "A 2007", "C 2020"], answer=[1, 0, 2])
MATCHING = question("matching", items=["1960", "2007"], options=["JDSC", "SOFA"], answer=[1, 0])
ALL = [MC, TF, CLOZE, NUMERIC, ORDERING, MATCHING]


def quiz_of(*questions: Question) -> Quiz:
    return Quiz(id="test", title=f"A quiz {SCRIPT}", lesson="raa", seed=5,
                questions=list(questions))


def attrs_of(fragment: str, qid: str) -> dict[str, str]:
    li = re.search(rf'<li class="fq-q" id="{qid}"([^>]*)>', fragment)
    assert li is not None
    return dict(re.findall(r'(data-fq-[a-z]+)="([^"]*)"', li.group(1)))


def test_digest_is_a_truncated_salted_sha256() -> None:
    assert digest("abc", 2, "suga") == hashlib.sha256(b"abc|2|suga").hexdigest()[:12]


def test_each_question_type_renders_native_labelled_controls() -> None:
    fragment = render_quiz(quiz_of(*ALL))
    assert fragment.count('<li class="fq-q"') == 6
    assert fragment.count("<fieldset><legend") == 6
    assert ('<label><input type="radio" name="fqq1" value="2"> Osaka &amp; "Kobe"</label>'
            in fragment)
    assert '<label><input type="radio" name="fqq2" value="1"> False</label>' in fragment
    assert '<label for="fqq3-in">Your answer</label> <input type="text" id="fqq3-in"' in fragment
    assert 'id="fqq4-in" class="fq-input" inputmode="decimal"' in fragment
    assert ('<li data-fq-item="0"><span class="fq-item">B &lt;i&gt;2013&lt;/i&gt;</span></li>'
            in fragment)
    assert ('<label for="fqq6-m0">1960</label> <select id="fqq6-m0"><option value="">Choose…'
            '</option><option value="0">JDSC</option><option value="1">SOFA</option></select>'
            ) in fragment
    assert '<section class="fq-quiz" id="fq-test" data-fq-quiz="test"' in fragment
    assert ('aria-label="Self-check quiz: A quiz &lt;script&gt;window.__pwned = 1&lt;/script&gt;"'
            in fragment)


def test_bank_text_is_escaped_never_markup() -> None:
    fragment = render_quiz(quiz_of(*ALL))
    assert "<script" not in fragment and "<img" not in fragment and "<i>" not in fragment
    assert "Prompt &lt;script&gt;window.__pwned = 1&lt;/script&gt;" in fragment
    assert 'Perth &lt;img src=x onerror="window.__pwned = 2"&gt;' in fragment


def test_which_option_is_correct_is_only_in_the_hashes_and_feedback() -> None:
    def without_key(q: Question) -> str:
        out = render_question(q, "fqq1", 1, "salt-1")
        return re.sub(r' data-fq-(?:h|fb)="[^"]*"', "", out)

    for base in (MC, TF, ORDERING, MATCHING):
        other = (1 - base.answer if base.type == "tf" else
                 (base.answer + 1) % 4 if base.type == "mc" else list(reversed(base.answer)))
        assert without_key(base) == without_key(base.model_copy(update={"answer": other}))


def test_no_answer_or_explanation_in_plain_text() -> None:
    fragment = render_quiz(quiz_of(*ALL))
    for text in ("Yoshihide Suga", "Suga", "1960 status", "Because", "it is so", CITE.quote,
                 "wire"):
        assert text.casefold() not in fragment.casefold(), text


def test_cloze_hashes_match_answer_key_and_forgive_one_typo_as_the_grader_does() -> None:
    salt = "s-3"
    attrs = key_attributes(CLOZE, salt)
    keys = [answer_key(a) for a in CLOZE.accepted]
    assert attrs["h"].split() == [digest(salt, 0, k) for k in keys]
    assert attrs["b"].split() == [digest(salt, 0, "yoshihide suga")]  # "suga" is too short
    assert len("yoshihide suga") >= SUBSTITUTION_MIN_LENGTH and "c" not in attrs
    assert set(attrs["e"].split()) == {digest(salt, 0, d) for d in deletions("yoshihide suga")}

    def static_accepts(response: str) -> bool:  # the rule factquiz.js applies
        key = answer_key(response)
        sets = {name: set(attrs.get(name, "").split()) for name in "hbce"}
        if digest(salt, 0, key) in sets["h"] | sets["c"] | sets["e"]:
            return True
        return any(digest(salt, 0, d) in sets["b"] | sets["e"] for d in deletions(key))

    typos = ["yoshihide suga", "YOSHIHIDE  SUGA!", "Yoshihde Suga", "Yoshihidee Suga",
             "Yoshihide Sgua", "Yoshixide Suga", "suga"]
    wrong = ["Sugar", "Scott Morrison", "Yoshi Suga", "Yoshihide", "", "Yoshihide Suga 1"]
    for text in typos:
        assert static_accepts(text) and accepts(CLOZE.accepted, "fuzzy", text), text
    for text in wrong:
        assert not static_accepts(text), text
    # Never more forgiving than the Python grader, whatever the typo.
    for key in deletions("yoshihide suga"):
        for ch in "abx ":
            for i in range(len(key) + 1):
                typo = key[:i] + ch + key[i:]
                if static_accepts(typo):
                    assert accepts(CLOZE.accepted, "fuzzy", typo), typo


def test_short_or_exact_cloze_answers_are_not_fuzzy() -> None:
    exact = question("cloze", accepted=["1960"], match="exact")
    assert set(key_attributes(exact, "s")) == {"h"}
    short = question("cloze", accepted=["Tokyo"], match="fuzzy")  # 5 letters: one slip only
    attrs = key_attributes(short, "s")
    assert set(attrs) == {"h", "b", "c"}
    # Digits, and a space between digits, are never dropped: numbers must match exactly.
    assert deletions("f 35") == [" 35", "f35"] and deletions("1 2a") == ["1 2"]


@pytest.mark.parametrize(("answer", "tolerance", "expected"), [
    (1960, 0.0, (0, [1960])),
    (2.5, 0.5, (-1, list(range(20, 31)))),
    (50000, 5000.0, (2, list(range(450, 551)))),
    (60, 1.0, (0, [59, 60, 61])),
])
def test_numeric_grid(answer: float, tolerance: float, expected: tuple[int, list[int]]) -> None:
    assert numeric_grid(answer, tolerance) == expected


def test_feedback_is_encoded_and_decodes_to_explanation_answer_and_citation() -> None:
    payload = feedback_payload(MC)
    assert payload == {"e": MC.explanation, "x": 'Osaka & "Kobe"',
                       "c": [["Tokyo <b>wire</b>", "17 November 2020", CITE.quote]]}
    blob = encode_feedback("salt-1", payload)
    assert "Osaka" not in blob and decode_feedback("salt-1", blob) == payload
    assert decode_feedback("salt-1", attrs_of(render_question(MC, "fqq1", 1, "salt-1"),
                                              "fqq1")["data-fq-fb"]) == payload


def test_feedback_points_to_the_page_notes_when_the_quote_is_there() -> None:
    notes = {(CITE.source_id, CITE.quote): (7, 1, "B")}
    assert feedback_payload(TF, notes)["c"] == [[7, 1, "B"]]


def test_salts_are_per_question_and_reproducible() -> None:
    quiz = quiz_of(*ALL)
    assert render_quiz(quiz) == render_quiz(quiz)
    salt = quiz_salt(quiz)
    fragment = render_quiz(quiz)
    assert f'data-fq-salt="{salt}"' in fragment
    assert attrs_of(fragment, "fqq1")["data-fq-h"] == digest(question_salt(salt, 1), 0, "2")
    assert attrs_of(fragment, "fqq2")["data-fq-h"] == digest(question_salt(salt, 2), 0, "1")
    assert attrs_of(fragment, "fqq5")["data-fq-h"].split() == [
        digest(question_salt(salt, 5), i, str(v)) for i, v in enumerate([1, 0, 2])]
    assert render_quiz(quiz, serial=2).count('id="fq2q1"') == 1


@pytest.mark.content
def test_real_quizzes_hide_their_keys(repo_root: Path) -> None:
    project = load_project(repo_root)
    for lesson in sorted(project.quizzes):
        quiz = make_quiz(project, lesson)
        fragment = render_quiz(quiz)
        items = re.findall(r'<li class="fq-q".*?</fieldset></li>', fragment)
        assert len(items) == len(quiz.questions)
        for q, item in zip(quiz.questions, items, strict=True):
            if q.type != "tf":  # a true statement is its own explanation, shown either way
                assert q.explanation not in item
            for citation in q.citations:
                assert citation.quote not in item
            if q.type == "cloze":
                for accepted in q.accepted:
                    assert not re.search(rf"\b{re.escape(accepted)}\b", item, re.IGNORECASE), (
                        lesson, q.id, accepted)
