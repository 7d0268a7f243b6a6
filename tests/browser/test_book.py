"""The built book in Debian Chromium: quizzes grade in the browser, work by keyboard alone,
show hostile text as text, and keep their keys hidden. (That every page loads cleanly and
offline is checked by the sweep of every page, ``test_every_page.py``.)"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest

from browser.site import Site, Watch
from factquiz.generate import Quiz, make_quiz
from factquiz.load import Project, load_project
from factquiz.model import Question
from factquiz.normalize import answer_key
from factquiz.qtypes.reasons import page_reasons
from factquiz.qtypes.static import static_module
from factquiz.sphinxext.static_quiz import (
    content_key,
    deletions,
    digest,
    encode_feedback,
    feedback_payload,
    grading_config,
)

pytestmark = pytest.mark.slow


def test_search_finds_a_word_of_a_lesson(real_site: Site, page: tuple[Any, Watch]) -> None:
    p, watch = page
    p.goto(f"{real_site.url}/search.html?q=Woomera")
    p.wait_for_selector("#search-results ul.search li")
    links = p.eval_on_selector_all("#search-results ul.search li a",
                                   "els => els.map(e => e.getAttribute('href'))")
    assert any("book/lessons/beyond-defence.html" in link for link in links)
    assert watch.errors == [] and watch.remote == []


# --- answering ----------------------------------------------------------------------------

@functools.cache
def project_at(root: Path) -> Project:
    """The project of a built book, loaded once per test process."""
    return load_project(root)


def quiz_of(site: Site, lesson: str) -> Quiz:
    return make_quiz(project_at(site.root), lesson)


#: The six types whose page controls the others reuse.
BASE_TYPES = ("mc", "tf", "cloze", "numeric", "ordering", "matching")


def kind(q: Question) -> str:
    """The base type whose page controls ``q``'s type uses (a type built on multiple
    choice, such as cause or what changed, is answered like multiple choice)."""
    if q.type in BASE_TYPES:
        return q.type
    controls = static_module(q.type).controls_html
    return next((t for t in BASE_TYPES if static_module(t).controls_html is controls),
                q.type)


#: What a student writes before comparing with a short answer's model answer.
WRITTEN = "Both countries wanted closer cooperation, for reasons the sources give."


def right_response(q: Question) -> object:
    if q.type == "short":  # every key point ticked as covered
        return {"text": WRITTEN, "covered": [True] * len(q.items)}
    if kind(q) in ("mc", "tf", "ordering", "matching"):
        return q.answer
    return q.accepted[0] if kind(q) == "cloze" else str(q.answer)


def wrong_response(q: Question) -> object:
    if q.type == "short":
        return {"text": WRITTEN, "covered": [False] * len(q.items)}
    if kind(q) in ("mc", "tf"):
        return (q.answer + 1) % len(q.options)
    if kind(q) == "cloze":
        return "zzzz"
    if kind(q) == "numeric":
        return str(q.answer + 1000)
    if kind(q) == "ordering":
        return list(reversed(q.answer))
    return [*q.answer[1:], q.answer[0]]


def answer_with_mouse(p: Any, n: int, q: Question, response: object) -> None:
    """Give ``response`` to question ``n`` with clicks and typing, then Check."""
    sel = f"#fqq{n}"
    if kind(q) in ("mc", "tf"):
        p.check(f'{sel} input[value="{response}"]')
    elif kind(q) in ("cloze", "numeric"):
        p.fill(f"{sel} .fq-input", str(response))
    elif q.type == "short":
        assert isinstance(response, dict)
        p.fill(f"{sel} .fq-short-text", response["text"])
        if p.is_visible(f"{sel} .fq-short-show"):  # shown once, then the key points stay
            p.click(f"{sel} .fq-short-show")
        for j, covered in enumerate(response["covered"]):
            p.set_checked(f"{sel}-kp{j}", covered)
    elif kind(q) == "ordering":
        assert isinstance(response, list)
        for position, item in enumerate(response):
            current = p.eval_on_selector_all(
                f"{sel} .fq-order > li", "els => els.map(e => +e.dataset.fqItem)")
            for _ in range(current.index(item) - position):
                p.click(f'{sel} li[data-fq-item="{item}"] button[data-fq-move="-1"]')
    else:
        assert isinstance(response, list)
        for i, option in enumerate(response):
            p.select_option(f"{sel}-m{i}", str(option))
    p.click(f"{sel} .fq-check")


def feedback(p: Any, n: int) -> str:
    return p.inner_text(f"#fqq{n} .fq-feedback")


def covering_lessons(site: Site) -> list[str]:
    """Lessons whose quizzes, together, answer with every kind of controls any quiz uses
    (chosen greedily, the lesson adding most kinds first)."""
    kinds = {lesson: {kind(q) for q in quiz_of(site, lesson).questions}
             for lesson in project_at(site.root).lessons}
    left, chosen = set().union(*kinds.values()), []
    while left:
        best = max(kinds, key=lambda lesson: len(kinds[lesson] & left))
        chosen.append(best)
        left -= kinds[best]
    return chosen


def test_quiz_right_and_wrong_answers_show_the_right_feedback(real_site: Site,
                                                             page: tuple[Any, Watch]) -> None:
    lessons = covering_lessons(real_site)
    kinds = {kind(q) for lesson in lessons for q in quiz_of(real_site, lesson).questions}
    assert kinds >= {"mc", "tf", "cloze", "numeric", "ordering", "matching", "short"}
    reasons = sum(right_and_wrong_feedback(real_site, page, lesson) for lesson in lessons)
    assert reasons  # some wrong answers were told why


def right_and_wrong_feedback(real_site: Site, page: tuple[Any, Watch], lesson: str) -> int:
    """Every question of ``lesson``'s quiz answered wrong, then right: the feedback (and
    why the wrong choice is wrong, where the page holds a reason for it), the scores, what a
    reload keeps and what Reset clears. Returns how many reasons were shown."""
    from test_grading_parity import page_reasons_of

    p, watch = page
    quiz = quiz_of(real_site, lesson)
    p.goto(f"{real_site.url}/book/lessons/{lesson}.html")
    total = len(quiz.questions)
    messages = grading_config()["messages"]
    locked = messages["locked"]  # type: ignore[index]
    shown = 0
    for n, q in enumerate(quiz.questions, start=1):
        answer_with_mouse(p, n, q, wrong_response(q))
        text = feedback(p, n)
        assert text.startswith("✘ Not quite"), (q.type, text)
        reasons = page_reasons_of(q, wrong_response(q))
        assert p.eval_on_selector_all(f"#fqq{n} .fq-why", "els => els.map(e => e.textContent)"
                                      ) == reasons, (q.type, text)
        shown += len(reasons)
        # A wrong answer opens nothing: no explanation, no source, no answer (a short
        # answer's model answer and sources were shown above, once the student wrote).
        own = messages["short_locked"] if q.type == "short" else locked  # type: ignore[index]
        assert own in text and "Source:" not in text, (q.type, text)
        if q.type == "short":
            assert str(q.answer) in p.inner_text(f"#fqq{n} .fq-short-reveal")
        if q.type != "tf":  # a true statement is its own explanation
            assert q.explanation not in text
    assert p.inner_text(f"#fq-{lesson} .fq-score") == (
        f"First-try score: 0 of {total}. Right now: 0 of {total} ({total} of {total} answered).")
    for n, q in enumerate(quiz.questions, start=1):
        answer_with_mouse(p, n, q, right_response(q))
        text = feedback(p, n)
        assert text.startswith("✔ Correct."), (q.type, text)
        assert locked not in text and q.explanation in text
        cited = p.inner_text(f"#fqq{n}") if q.type == "short" else text  # shown above
        for c in q.citations:
            assert f"Source: {c.title} (" in cited and c.quote in cited
    # Answers corrected after a miss do not raise the first-try score.
    corrected = (f"First-try score: 0 of {total}. Right now: {total} of {total} "
                 f"({total} of {total} answered).")
    assert p.inner_text(f"#fq-{lesson} .fq-score") == corrected
    # Kept in localStorage: a reload restores the answers, their feedback and both scores.
    p.reload()
    assert p.inner_text(f"#fq-{lesson} .fq-score") == corrected
    assert feedback(p, 1).startswith("✔ Correct.")
    ours = "Object.keys(localStorage).filter(k => k.startsWith('factquiz:'))"
    keys = p.evaluate(ours)
    assert len(keys) == 1 and keys[0].startswith(f"factquiz:{lesson}:")
    p.click(f"#fq-{lesson} .fq-reset")
    assert p.inner_text(f"#fq-{lesson} .fq-score") == "No answers checked yet."
    assert feedback(p, 1) == "" and p.evaluate(ours) == []
    assert watch.errors == [] and watch.remote == []
    return shown


def lesson_with(site: Site, *question_types: str) -> str:
    """The first lesson whose quiz asks a question of each of ``question_types``."""
    lessons = project_at(site.root).lessons
    found = [lesson for lesson in lessons
             if set(question_types) <= {q.type for q in quiz_of(site, lesson).questions}]
    assert found, f"no lesson's quiz asks {', '.join(question_types)} questions"
    return found[0]


def test_partly_right_matching_and_typos_in_names(real_site: Site,
                                                  page: tuple[Any, Watch]) -> None:
    p, _ = page
    lesson = lesson_with(real_site, "matching")
    quiz = quiz_of(real_site, lesson)
    p.goto(f"{real_site.url}/book/lessons/{lesson}.html")
    for n, q in enumerate(quiz.questions, start=1):
        if q.type == "matching":
            response = list(q.answer)
            response[0], response[1] = response[1], response[0]
            answer_with_mouse(p, n, q, response)
            count = len(q.items)
            assert feedback(p, n).startswith(f"✘ Not quite. {count - 2} of {count} are right.")
            marks = p.eval_on_selector_all(f"#fqq{n} .fq-mark",
                                           "els => els.map(e => e.textContent)")
            assert marks == [" ✘ wrong", " ✘ wrong", *[" ✔ right"] * (count - 2)]
        if q.type == "cloze" and q.match == "fuzzy" and len(answer_key(q.accepted[0])) >= 7:
            typo = q.accepted[0][:2] + q.accepted[0][3:]  # one letter missing
            answer_with_mouse(p, n, q, typo.upper())
            assert feedback(p, n).startswith("✔ Correct."), typo


# --- keyboard -----------------------------------------------------------------------------

def tab_to(p: Any, selector: str, limit: int = 400) -> None:
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(limit):
        if p.evaluate("s => document.activeElement === document.querySelector(s)", selector):
            return
        p.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def answer_with_keyboard(p: Any, n: int, q: Question) -> None:
    sel = f"#fqq{n}"
    if kind(q) in ("mc", "tf"):
        tab_to(p, f"{sel} input[type=radio]")
        p.keyboard.press("Space")
        for _ in range(q.answer):
            p.keyboard.press("ArrowDown")
    elif kind(q) in ("cloze", "numeric"):
        tab_to(p, f"{sel} .fq-input")
        p.keyboard.type(str(right_response(q)))
    elif q.type == "short":
        tab_to(p, f"{sel} .fq-short-text")
        p.keyboard.type(WRITTEN)
        tab_to(p, f"{sel} .fq-short-show")
        p.keyboard.press("Enter")
        for j in range(len(q.items)):
            tab_to(p, f"{sel}-kp{j}")
            p.keyboard.press("Space")
    elif kind(q) == "ordering":
        for position, item in enumerate(q.answer):
            current = p.eval_on_selector_all(
                f"{sel} .fq-order > li", "els => els.map(e => +e.dataset.fqItem)")
            moves = current.index(item) - position
            if moves:
                tab_to(p, f'{sel} li[data-fq-item="{item}"] button[data-fq-move="-1"]')
                for _ in range(moves):
                    p.keyboard.press("Enter")
    else:
        for i, option in enumerate(q.answer):
            tab_to(p, f"{sel}-m{i}")
            for _ in range(option + 1):
                p.keyboard.press("ArrowDown")
    tab_to(p, f"{sel} .fq-check")
    p.keyboard.press("Enter")


def test_quiz_can_be_completed_by_keyboard_alone(real_site: Site,
                                                 page: tuple[Any, Watch]) -> None:
    p, watch = page
    quiz = quiz_of(real_site, "raa")
    p.goto(f"{real_site.url}/book/lessons/raa.html")
    p.focus("#fq-raa")  # start near the quiz: reading the page by Tab is not under test
    for n, q in enumerate(quiz.questions, start=1):
        answer_with_keyboard(p, n, q)
        assert feedback(p, n).startswith("✔ Correct."), (n, q.type, feedback(p, n))
    total = len(quiz.questions)
    assert p.inner_text("#fq-raa .fq-score") == (f"First-try score: {total} of {total}. Right now: "
                                                  f"{total} of {total} ({total} of {total} "
                                                  "answered).")
    tab_to(p, "#fq-raa .fq-reset")
    p.keyboard.press("Enter")
    assert p.inner_text("#fq-raa .fq-score") == "No answers checked yet."
    assert watch.errors == []


def test_quiz_has_labelled_controls_and_live_feedback(real_site: Site,
                                                      page: tuple[Any, Watch]) -> None:
    p, _ = page
    p.goto(f"{real_site.url}/book/lessons/raa.html")
    region = p.get_by_role("region", name="Self-check quiz: The Reciprocal Access Agreement")
    assert region.count() == 1
    groups = region.get_by_role("group")
    assert groups.count() == len(quiz_of(real_site, "raa").questions)
    unlabelled = p.evaluate("""() => [...document.querySelectorAll(
        '.fq-quiz input, .fq-quiz select, .fq-quiz button')].filter(e => {
          const name = e.labels && e.labels.length ? e.labels[0].textContent
                     : (e.textContent || e.getAttribute('aria-label') || '');
          return !name.trim(); }).map(e => e.outerHTML)""")
    assert unlabelled == []
    live = p.eval_on_selector_all(".fq-quiz .fq-feedback, .fq-quiz .fq-score",
                                  "els => els.map(e => e.getAttribute('aria-live'))")
    assert set(live) == {"polite"}


# --- escaping and the key -----------------------------------------------------------------

def test_hostile_question_text_shows_as_text(small_site: Site, page: tuple[Any, Watch]) -> None:
    p, watch = page
    p.goto(f"{small_site.url}/book/hostile.html")
    quiz = quiz_of(small_site, "hostile")
    assert p.evaluate("window.__pwned") is None
    assert p.evaluate("document.querySelectorAll('.fq-quiz script, .fq-quiz img, "
                      ".fq-quiz b, .fq-quiz i').length") == 0
    text = p.inner_text(".fq-quiz")
    mc = next(n for n, q in enumerate(quiz.questions, start=1) if q.type == "mc")
    assert "Which city <script>window.__pwned = 3</script> hosted the 2022 signing?" in text
    assert 'Tokyo <img src=x onerror="window.__pwned = 4">' in text
    assert 'Osaka & "Kobe"' in text
    for n, q in enumerate(quiz.questions, start=1):
        answer_with_mouse(p, n, q, right_response(q))
        assert feedback(p, n).startswith("✔ Correct."), (q.type, feedback(p, n))
    # The explanation (shown once the answer is right) is text too.
    assert "Perth <script>window.__pwned = 5</script> hosted the signing." in feedback(p, mc)
    assert p.evaluate("window.__pwned") is None
    assert p.evaluate("document.querySelectorAll('.fq-quiz script, .fq-quiz img').length") == 0
    assert p.get_attribute(".fq-quiz", "aria-label") == (
        "Self-check quiz: Hostile <script>window.__pwned = 10</script> quiz")
    p.goto(f"{small_site.url}/book/timeline.html")
    assert 'Leaders meet in Tokyo <img src=x onerror="window.__pwned = 2">' in p.inner_text(
        ".fq-timeline-list")
    assert p.evaluate("window.__pwned") is None
    assert watch.errors == [] and watch.remote == []


def test_page_source_and_text_do_not_reveal_the_key(real_site: Site,
                                                    page: tuple[Any, Watch]) -> None:
    p, _ = page
    for lesson in ("overview", "foundations", "raa", "jdsc", "regional", "beyond-defence"):
        quiz = quiz_of(real_site, lesson)
        source = (real_site.html / "book" / "lessons" / f"{lesson}.html").read_text("utf-8")
        p.goto(f"{real_site.url}/book/lessons/{lesson}.html")
        visible = p.inner_text(".fq-quiz")
        for n, q in enumerate(quiz.questions, start=1):
            item = re.search(rf'<li class="fq-q" id="fqq{n}".*?</fieldset></li>', source, re.S)
            assert item is not None
            shown = p.inner_text(f"#fqq{n}")
            if q.type != "tf":  # a true statement is its own explanation
                assert q.explanation not in item.group(0) and q.explanation not in visible
            if q.type == "short":  # the model answer and key points: after writing only
                for key in (str(q.answer), *q.items):
                    assert key not in item.group(0) and key not in visible, (lesson, n)
            for accepted in q.accepted:
                pattern = rf"\b{re.escape(accepted)}\b"
                assert not re.search(pattern, item.group(0), re.I), (lesson, n, accepted)
                assert not re.search(pattern, shown, re.I), (lesson, n, accepted)
            for why in page_reasons(q).values():  # opened only by choosing that option
                assert why not in item.group(0) and why not in visible, (lesson, n)
            if q.type == "mc":
                assert "checked" not in item.group(0)
                assert item.group(0).count('type="radio"') == len(q.options)


def test_grading_helpers_in_the_browser_match_python(real_site: Site,
                                                     page: tuple[Any, Watch]) -> None:
    p, _ = page
    p.goto(f"{real_site.url}/book/lessons/raa.html")
    project = project_at(real_site.root)
    samples = {"  Scott  Morrison ", "Kishida’s", "Self‑Defense Forces", "ＴＯＫＹＯ", "Straße",
               "ﬁne", "café", "cafe\u0301", "A\u200bB", "ΣΊΣΥΦΟΣ ς", "İstanbul", "2,000",
               "50 000", "x\u3000y", "\tTab\n", "—dash—", "«quoted»", "Ōsaka", "東京", "١٢٣",
               "½", "x_y", "Indo-Pacific", "U.S.", "\u00a0nbsp\u00a0", "e.g. 1.5", ""}
    for lesson in sorted(project.quizzes):
        for q in make_quiz(project, lesson).questions:
            samples.update(q.accepted)
            samples.update(q.options)
            samples.update(q.items)
    samples_list = sorted(samples)
    js_keys = p.evaluate("([xs, cfg]) => xs.map(x => window.factquiz.answerKey(x, cfg))",
                         [samples_list, grading_config()])
    assert dict(zip(samples_list, js_keys, strict=True)) == {
        s: answer_key(s) for s in samples_list}
    texts = ["", "abc", "a" * 55, "b" * 56, "c" * 64, "d" * 119, "é東京🙂" * 20]
    assert p.evaluate("xs => xs.map(x => window.factquiz.sha256hex(x))", texts) == [
        hashlib.sha256(t.encode()).hexdigest() for t in texts]
    assert p.evaluate("window.factquiz.digest('s-1', 2, 'yoshihide suga')") == digest(
        "s-1", 2, "yoshihide suga")
    assert p.evaluate("window.factquiz.deletions('f 35 a', 1)") == deletions("f 35 a", 1)
    payload = {"e": "Because <b>so</b> — “quoted” 東京", "c": [[3, 0, "B"]]}
    key = bytes(range(8))
    assert p.evaluate("b => window.factquiz.decodeFeedback('0001020304050607', b)",
                      encode_feedback(key, payload)) == json.loads(json.dumps(payload))


def test_the_pages_script_follows_the_grading_table(real_site: Site,
                                                     page: tuple[Any, Watch]) -> None:
    """The shared table of grading cases, run by the page's own script in Chromium."""
    from test_grading_parity import page_data, questions, table

    p, watch = page
    p.goto(f"{real_site.url}/book/lessons/raa.html")
    qs = questions()
    # The page loads the scripts of its own quiz's types; the table covers every type (a
    # type with SCRIPT_AS is graded by that type's script, as the config maps it).
    from factquiz.qtypes.static import scripts_for

    for name in scripts_for(sorted({q.type for q in qs.values()})):
        if not p.evaluate("t => t in window.factquiz.types", name):
            p.add_script_tag(url=f"{real_site.url}/_static/factquiz-{name}.js")
    data = {"config": grading_config(),
            "questions": {name: page_data(q, f"s-{name}") for name, q in qs.items()},
            "feedback": {name: encode_feedback(content_key(f"s-{name}", q), feedback_payload(q))
                         for name, q in qs.items()},
            "cases": [[c["q"], c["response"]] for c in table()["cases"]]}
    out = p.evaluate("""d => d.cases.map(([q, r]) => {
        const g = window.factquiz.grade(d.questions[q], d.config, r);
        return [g.correct, g.key ? window.factquiz.decodeFeedback(g.key, d.feedback[q]).e : null,
                g.reasons.join(" ")];
    })""", data)
    assert [v for v, _, _ in out] == [c["correct"] for c in table()["cases"]]
    assert [e for _, e, _ in out] == [qs[c["q"]].explanation if c["correct"] else None
                                      for c in table()["cases"]]
    assert [(c, why) for c, (_, _, why) in zip(table()["cases"], out, strict=True)
            if "page_detail" in c and why != c["page_detail"]] == []  # what each choice opens
    assert watch.errors == []


def test_quiz_works_from_a_file_url(real_site: Site, page: tuple[Any, Watch]) -> None:
    p, watch = page
    quiz = quiz_of(real_site, "raa")
    p.goto((real_site.html / "book" / "lessons" / "raa.html").as_uri())
    answer_with_mouse(p, 1, quiz.questions[0], right_response(quiz.questions[0]))
    assert feedback(p, 1).startswith("✔ Correct.")
    assert watch.errors == [] and watch.remote == []
