"""The static quiz renderer: keys only as salted hashes, feedback encoded, text escaped."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from factquiz.generate import Quiz, make_quiz
from factquiz.load import load_project
from factquiz.model import Citation, Question
from factquiz.qtypes.numeric.static import numeric_blocks, numeric_step
from factquiz.sphinxext.static_quiz import (
    accept_tokens,
    content_key,
    decode_feedback,
    deletions,
    digest,
    encode_feedback,
    feedback_payload,
    key_attributes,
    question_salt,
    quiz_salt,
    render_question,
    render_quiz,
    token_id,
    unwrap,
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
        return re.sub(r' data-fq-(?:k|h|fb)="[^"]*"', "", out)

    for base in (MC, TF, ORDERING, MATCHING):
        other = (1 - base.answer if base.type == "tf" else
                 (base.answer + 1) % 4 if base.type == "mc" else list(reversed(base.answer)))
        assert without_key(base) == without_key(base.model_copy(update={"answer": other}))


def test_no_answer_or_explanation_in_plain_text() -> None:
    fragment = render_quiz(quiz_of(*ALL))
    for text in ("Yoshihide Suga", "Suga", "1960 status", "Because", "it is so", CITE.quote,
                 "wire"):
        assert text.casefold() not in fragment.casefold(), text


def page_ids(question: Question, salt: str) -> set[str]:
    return {entry[:12] for entry in key_attributes(question, salt)["k"].split()}


def test_cloze_tokens_are_the_keys_and_their_one_letter_deletions() -> None:
    tokens = accept_tokens(CLOZE)
    assert tokens[:2] == ["0|yoshihide suga", "0|suga"]  # "suga" is too short for typos
    assert set(tokens[2:]) == {f"1||{d}" for d in deletions("yoshihide suga", 1)}
    assert page_ids(CLOZE, "s-3") == {token_id("s-3", t) for t in tokens}
    numbered = question("cloze", accepted=["Article 5"], match="fuzzy")
    assert "1|5|article5" in accept_tokens(numbered)  # the key's numbers ride in the token
    exact = question("cloze", accepted=["1960", "Nineteen sixty"], match="exact")
    assert accept_tokens(exact) == ["0|1960", "0|nineteen sixty"]
    assert set(key_attributes(exact, "s")) == {"k", "m"}
    rejecting = question("cloze", accepted=["India"], match="fuzzy", rejected=["Indian"])
    assert key_attributes(rejecting, "s")["r"] == digest("s", "r", "indian")


@pytest.mark.parametrize(("answer", "tolerance", "step", "low", "high"), [
    (1960, 0.0, 0, 1960, 1960),
    (60, 0.0, 0, 60, 60),
    (2.5, 0.5, -1, 20, 30),
    (0.3, 0.1, -1, 2, 4),
    (50000, 5000.0, 0, 45000, 55000),
    (-5, 1.5, -1, -65, -35),
    (1234567, 1000.0, 0, 1233567, 1235567),
])
def test_numeric_blocks_cover_exactly_the_accepted_grid(answer: float, tolerance: float,
                                                        step: int, low: int,
                                                        high: int) -> None:
    q = question("numeric", answer=answer, tolerance=tolerance)
    assert numeric_step(q) == step
    blocks = numeric_blocks(q)
    covered = sorted(x for k, n in blocks for x in range(n << k, (n + 1) << k))
    assert covered == list(range(low, high + 1))
    assert len(blocks) <= 2 * (high - low + 1).bit_length() + 2


def test_feedback_opens_only_with_a_right_responses_token() -> None:
    payload = feedback_payload(MC)
    assert payload == {"e": MC.explanation,
                       "c": [["Tokyo <b>wire</b>", "17 November 2020", CITE.quote]]}
    key = content_key("salt-1", MC)
    blob = encode_feedback(key, payload)
    assert "Osaka" not in blob and decode_feedback(key, blob) == payload
    attrs = attrs_of(render_question(MC, "fqq1", 1, "salt-1"), "fqq1")
    (entry,) = attrs["data-fq-k"].split()
    assert entry[:12] == token_id("salt-1", "c|2")
    assert unwrap("salt-1", "c|2", entry[12:]) == key
    assert decode_feedback(key, attrs["data-fq-fb"]) == payload
    for wrong in ("c|0", "c|1", "c|3"):
        assert token_id("salt-1", wrong) != entry[:12]
        with pytest.raises(ValueError):  # another token's unwrap gives noise, not the feedback
            decode_feedback(unwrap("salt-1", wrong, entry[12:]), attrs["data-fq-fb"])


def test_feedback_points_to_the_page_notes_when_the_quote_is_there() -> None:
    notes = {(CITE.source_id, CITE.quote): (7, 1, "B")}
    assert feedback_payload(TF, notes)["c"] == [[7, 1, "B"]]


def test_salts_are_per_question_and_reproducible() -> None:
    quiz = quiz_of(*ALL)
    assert render_quiz(quiz) == render_quiz(quiz)
    salt = quiz_salt(quiz)
    fragment = render_quiz(quiz)
    assert f'data-fq-salt="{salt}"' in fragment
    assert attrs_of(fragment, "fqq1")["data-fq-k"][:12] == token_id(question_salt(salt, 1), "c|2")
    assert attrs_of(fragment, "fqq2")["data-fq-k"][:12] == token_id(question_salt(salt, 2), "c|1")
    assert attrs_of(fragment, "fqq5")["data-fq-h"].split() == [
        digest(question_salt(salt, 5), i, str(v)) for i, v in enumerate([1, 0, 2])]
    assert render_quiz(quiz, serial=2).count('id="fq2q1"') == 1


#: Types whose question shows the sources' own words (passages to weigh, a claim to
#: attribute): their citations' quotes are the question's material, not its key.
SHOWS_SOURCE_TEXT = frozenset({"evidence", "contested"})


@pytest.mark.content
def test_real_quizzes_hide_their_keys(repo_root: Path) -> None:
    project = load_project(repo_root)
    for lesson in sorted(project.quizzes):
        quiz = make_quiz(project, lesson)
        fragment = render_quiz(quiz)
        items = re.findall(r'<li class="fq-q".*?</fieldset></li>', fragment)
        assert len(items) == len(quiz.questions)
        for q, item in zip(quiz.questions, items, strict=True):
            assert q.explanation not in item  # a true/false one too: it is never the prompt
            if q.type not in SHOWS_SOURCE_TEXT:
                for citation in q.citations:
                    assert citation.quote not in item
            # why an option (a position's choice) is wrong tells it is wrong
            for why in [*q.option_feedback, *q.response_feedback.values()]:
                assert not why or why not in item
            if q.type == "cloze":
                for accepted in q.accepted:
                    assert not re.search(rf"\b{re.escape(accepted)}\b", item, re.IGNORECASE), (
                        lesson, q.id, accepted)
