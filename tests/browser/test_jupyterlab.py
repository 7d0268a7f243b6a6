"""A real client: JupyterLab in Debian Chromium, a student taking a quiz notebook.

Starts ``jupyter lab`` on 127.0.0.1 with a random port and token over a copy of the
project (HOME and the progress file in a temporary directory), opens a quiz notebook,
runs it, answers one question right with the mouse and one wrong with the keyboard,
checks the feedback, then restarts the kernel and sees the answers come back. Another
student answers one question of every type with the keyboard alone. The server is started
once for both; each test finds it with no kernel running and no saved progress.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from fixture_project import new_project

from factquiz.generate import make_quiz
from factquiz.load import load_project
from factquiz.model import Question
from factquiz.qtypes.widget import widget_module
from factquiz.quizmodel import Quiz

COPY = ("facts", "quizzes", "notebooks")  # beside the sources and lessons make_project copies
NOTEBOOK = "quiz-jdsc.ipynb"  # its quiz has every kind of notebook control
#: The tests of this module share one JupyterLab server (per xdist worker that runs them).
pytestmark = pytest.mark.xdist_group("jupyterlab")
SHOW_CELL = re.compile(r'factquiz\.show\("([a-z0-9-]+)", seed=(\d+)\)')
TIMEOUT_MS = 60_000

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Locator, Page


@dataclass
class Lab:
    url: str
    token: str
    project: Path
    progress: Path
    log: Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def api(lab: Lab, method: str, path: str) -> object:
    """A call to the Jupyter server's REST API; its JSON answer (None when empty)."""
    request = urllib.request.Request(f"{lab.url}/api/{path}", method=method,
                                     headers={"Authorization": f"token {lab.token}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read()
    return json.loads(body) if body else None


@pytest.fixture(scope="module")
def lab_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    """A JupyterLab server over a copy of the project, started once for the tests of this
    module (each gets it fresh from :func:`lab`); always terminated."""
    tmp_path = tmp_path_factory.mktemp("jupyterlab")
    project = new_project(tmp_path / "project", copy=COPY)
    home = tmp_path / "home"
    home.mkdir()
    port, token = free_port(), secrets.token_hex(16)
    env = {**os.environ, "HOME": str(home), "FACTQUIZ_PROGRESS": str(tmp_path / "progress.json"),
           "JUPYTER_CONFIG_DIR": str(home / ".jupyter"), "JUPYTER_RUNTIME_DIR": str(home / "rt")}
    env.pop("FACTQUIZ_PROJECT", None)
    log = tmp_path / "jupyterlab.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
             f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
             f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={project}",
             "--ServerApp.allow_root=True",
             "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
            cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 90
        while True:
            if server.poll() is not None:
                pytest.fail(f"jupyter lab exited with {server.returncode}:\n{log.read_text()}")
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"jupyter lab did not start in 90 s:\n{log.read_text()}")
                time.sleep(0.3)
        yield Lab(url, token, project, tmp_path / "progress.json", log)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=30)


@pytest.fixture
def lab(lab_server: Lab) -> Lab:
    """The module's JupyterLab as a new student finds it: no kernel running (an earlier
    test's sessions are shut down) and no saved progress."""
    sessions = api(lab_server, "GET", "sessions")
    assert isinstance(sessions, list)
    for session in sessions:
        api(lab_server, "DELETE", f"sessions/{session['id']}")
    lab_server.progress.unlink(missing_ok=True)
    assert api(lab_server, "GET", "kernels") == []
    return lab_server


#: The types whose notebook controls the others reuse.
BASE_TYPES = ("mc", "tf", "cloze", "numeric", "ordering", "matching", "short")


def widget_kind(question: Question) -> str:
    """The base type whose notebook controls ``question``'s type uses (cause, what changed,
    evidence, source and contested questions are multiple choice's radio buttons)."""
    if question.type in BASE_TYPES:
        return question.type
    controls = widget_module(question.type).controls
    return next((t for t in BASE_TYPES if widget_module(t).controls is controls), question.type)


def first(questions: list[Question], *types: str) -> int:
    """Index of the first question of one of ``types``."""
    return next(i for i, q in enumerate(questions) if widget_kind(q) in types)


def run_all(page: Page) -> None:
    """Wait until the kernel is connected and idle (the toolbar says idle before it
    even connects; the status bar does not), then Run > Run All Cells."""
    from playwright.sync_api import expect

    expect(page.locator(".jp-StatusBar-Widget").filter(
        has_text="Python 3 (ipykernel) | Idle")).to_have_count(1)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.locator("li[data-command='runmenu:run-all']").click()


def open_quiz_notebook(browser: Browser, lab: Lab) -> tuple[Page, Quiz]:
    """A new page with the quiz notebook open and run, its cards shown, and the quiz (the
    variant its second cell shows) that the page holds."""
    from playwright.sync_api import expect

    nb = json.loads((lab.project / "notebooks" / NOTEBOOK).read_text(encoding="utf-8"))
    shown = SHOW_CELL.search("".join(nb["cells"][1]["source"]))
    assert shown, "the quiz notebook's second cell shows the quiz"
    lesson, seed = shown.groups()
    quiz = make_quiz(load_project(lab.project), lesson, seed=int(seed))
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.set_default_timeout(TIMEOUT_MS)
    expect.set_options(timeout=TIMEOUT_MS)
    page.goto(f"{lab.url}/lab/tree/notebooks/{NOTEBOOK}?token={lab.token}")
    run_all(page)
    expect(page.locator(".factquiz-card")).to_have_count(len(quiz.questions))
    return page, quiz


def test_a_student_takes_a_quiz_in_jupyterlab(browser: Browser, lab: Lab) -> None:
    from playwright.sync_api import expect

    page, quiz = open_quiz_notebook(browser, lab)
    total = len(quiz.questions)
    try:
        cards = page.locator(".factquiz-card")
        score = page.locator(".factquiz-score")
        expect(score).to_have_text(f"Score: 0 of {total} correct at the first try · "
                                   f"0 of {total} answered")

        # Right, with the mouse: a multiple-choice or true/false question.
        right = first(quiz.questions, "mc", "tf")
        question = quiz.questions[right]
        card = cards.nth(right)
        correct = question.options[question.answer]
        if widget_kind(question) == "mc":
            card.get_by_role("radio", name=correct, exact=True).click()
        else:
            card.get_by_role("button", name=correct, exact=True).click()
        card.get_by_role("button", name="Check", exact=True).click()
        feedback = card.locator(".factquiz-feedback")
        expect(feedback).to_contain_text("✔ Correct.")
        expect(feedback).to_contain_text(question.explanation)
        expect(feedback).to_contain_text(f"Source: {question.citations[0].title}")

        # Wrong, with the keyboard: type into a fill-in-the-blank box, Tab to Check, Enter.
        wrong = first(quiz.questions, "cloze")
        question = quiz.questions[wrong]
        card = cards.nth(wrong)
        card.get_by_label(f"Answer {wrong + 1}", exact=True).focus()  # the box is labelled
        page.keyboard.type("Nobody at all")
        page.keyboard.press("Tab")
        expect(card.get_by_role("button", name="Check", exact=True)).to_be_focused()
        page.keyboard.press("Enter")
        feedback = card.locator(".factquiz-feedback")
        expect(feedback).to_contain_text("✘ Not quite.")
        expect(feedback).to_contain_text(f"The right answer: {question.accepted[0]}")
        expect(score).to_have_text(f"Score: 1 of {total} correct at the first try · "
                                   f"2 of {total} answered")

        saved = json.loads(lab.progress.read_text(encoding="utf-8"))["attempts"]
        assert [(a["question"], a["correct"]) for a in saved] == [
            (quiz.questions[right].id, True), (quiz.questions[wrong].id, False)]
        assert saved[1]["answer"] == "Nobody at all"

        # Restart the kernel and run everything again: the answers come back.
        page.get_by_role("menuitem", name="Kernel", exact=True).click()
        page.locator("li[data-command='kernelmenu:restart-and-clear']").click()
        dialog = page.locator(".jp-Dialog")
        expect(dialog).to_contain_text("Restart Kernel?")
        dialog.locator(".jp-Dialog-button.jp-mod-accept").click()
        expect(cards).to_have_count(0)
        run_all(page)
        expect(page.locator(".factquiz-status")).to_have_text(
            "Restored your saved answers to 2 question(s) of this variant.")
        expect(score).to_have_text(f"Score: 1 of {total} correct at the first try · "
                                   f"2 of {total} answered")
        expect(cards.nth(right).locator(".factquiz-feedback")).to_contain_text("✔ Correct.")
        expect(cards.nth(wrong).locator(".factquiz-feedback")).to_contain_text("✘ Not quite.")
        table = page.locator(".jp-OutputArea-output table")
        expect(table).to_contain_text(quiz.title)
    except BaseException:
        page.screenshot(path=str(lab.log.parent / "failure.png"))
        print(f"screenshot: {lab.log.parent / 'failure.png'}; server log: {lab.log}")
        raise
    finally:
        expect.set_options(timeout=5_000)  # Playwright's default, for other tests
        page.close()


def settle_with_arrows(page: Page, select: Locator, target: int) -> None:
    """Look at the focused dropdown as a student would and adjust it with the arrow keys
    until it shows option ``target`` and stays there: a fast run of key presses can cross
    the widget's round trip to the kernel, which then sets an earlier value back."""
    from playwright.sync_api import expect

    steady = 0
    for _ in range(40):
        index = select.evaluate("s => s.selectedIndex")
        if index == target:
            steady += 1
            if steady == 3:
                break
        else:
            steady = 0
            page.keyboard.press("ArrowDown" if index < target else "ArrowUp")
        page.wait_for_timeout(100)
    expect(select).to_have_js_property("selectedIndex", target)


def settle_radios(page: Page, radios: Locator, target: int, back: str, forth: str) -> None:
    """Look at the radio buttons as a student would and, with the arrow keys, choose option
    ``target`` again if a fast run of arrows crossing the round trip to the kernel set an
    earlier one back, until it stays chosen (as :func:`settle_with_arrows` does for a
    dropdown): from the option beside it, an arrow key moves to it and chooses it."""
    from playwright.sync_api import expect

    steady = 0
    for _ in range(40):
        if radios.evaluate_all("rs => rs.findIndex(r => r.checked)") == target:
            steady += 1
            if steady == 3:
                break
        else:
            steady = 0
            radios.nth(target - 1 if target else 1).focus()
            page.keyboard.press(forth if target else back)
        page.wait_for_timeout(100)
    expect(radios.nth(target)).to_be_checked()
    expect(radios.nth(target)).to_be_focused()


def settle_boxes(page: Page, boxes: Locator) -> None:
    """Look at the key points' checkboxes as a student would and tick again, with the
    keyboard, any that a fast run of ticks crossing the round trip to the kernel set back,
    until every one stays ticked (as :func:`settle_with_arrows` does for a dropdown); the
    focus ends on the last box, where the ticking left it."""
    from playwright.sync_api import expect

    count, steady = boxes.count(), 0
    for _ in range(40):
        unticked = [k for k in range(count) if not boxes.nth(k).is_checked()]
        if not unticked:
            steady += 1
            if steady == 3:
                break
        else:
            steady = 0
            boxes.nth(unticked[0]).focus()
            page.keyboard.press("Space")
        page.wait_for_timeout(100)
    boxes.nth(count - 1).focus()
    for k in range(count):
        expect(boxes.nth(k)).to_be_checked()


def keyboard_answer(page: Page, card: Locator, question: Question) -> None:
    """Answer ``question`` right with keys only, once its first control has the focus: the
    keys the notebook names (arrow keys pick an option, typing fills a box)."""
    kind = widget_kind(question)
    if kind in ("mc", "tf"):
        first_option = "input[type=radio]" if kind == "mc" else ".widget-toggle-button"
        back, forth = ("ArrowUp", "ArrowDown") if kind == "mc" else ("ArrowLeft", "ArrowRight")
        card.locator(first_option).first.focus()
        page.keyboard.press("Space")  # the first option
        page.keyboard.press(forth)  # always use the arrows: to the second option, ...
        for _ in range(question.answer - 1):
            page.keyboard.press(forth)
        if question.answer == 0:
            page.keyboard.press(back)  # ... and back to the first
        if kind == "mc":
            settle_radios(page, card.locator(first_option), question.answer, back, forth)
        if kind == "tf":  # a fast run of keys can cross the toggle's round trip to the kernel:
            from playwright.sync_api import expect  # an arrow moves to the other of the two

            target = card.get_by_role("button", name=question.options[question.answer],
                                      exact=True)
            for _ in range(3):
                try:
                    expect(target).to_have_attribute("aria-pressed", "true", timeout=3000)
                    break
                except AssertionError:
                    page.keyboard.press(forth)
    elif kind in ("cloze", "numeric"):
        card.locator("input").first.focus()
        page.keyboard.press("Control+A")  # JupyterLab would select every cell
        page.keyboard.type(str(question.accepted[0] if kind == "cloze" else question.answer))
    elif kind == "short":  # write, show the model answer, tick each key point
        from playwright.sync_api import expect

        card.locator("textarea").first.focus()
        page.keyboard.type("Both countries wanted closer cooperation.")
        page.keyboard.press("Tab")  # to "Show model answer"
        page.keyboard.press("Enter")
        boxes = card.locator("input[type=checkbox]")
        expect(boxes).to_have_count(len(question.items))
        for k in range(len(question.items)):
            page.keyboard.press("Tab")
            expect(boxes.nth(k)).to_be_focused()
            page.keyboard.press("Space")
            expect(boxes.nth(k)).to_be_checked()
        settle_boxes(page, boxes)
    else:  # ordering, matching: a dropdown per position or item, "— choose —" first
        selects = card.locator("select")
        selects.first.focus()
        for k, choice in enumerate(question.answer):
            if k:
                page.keyboard.press("Tab")
            for _ in range(choice + 1):
                page.keyboard.press("ArrowDown")
            settle_with_arrows(page, selects.nth(k), choice + 1)
    check = card.get_by_role("button", name="Check", exact=True)
    for _ in range(6):  # Tab on past the other options (toggle buttons each take a Tab)
        if check.evaluate("b => b === document.activeElement"):
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")


def test_every_question_type_from_the_keyboard_in_jupyterlab(browser: Browser, lab: Lab) -> None:
    from playwright.sync_api import expect

    page, quiz = open_quiz_notebook(browser, lab)
    total = len(quiz.questions)
    try:
        cards = page.locator(".factquiz-card")
        quiz_root = page.locator(".factquiz-quiz")
        expect(quiz_root).to_have_attribute("data-lm-suppress-shortcuts", "true")
        active_cell = page.locator(".jp-Notebook-cell.jp-mod-active")
        answered = 0
        for kind in ("mc", "tf", "cloze", "numeric", "ordering", "matching", "short"):
            n = first(quiz.questions, kind)
            card, question = cards.nth(n), quiz.questions[n]
            keyboard_answer(page, card, question)
            answered += 1
            expect(card.locator(".factquiz-feedback")).to_contain_text("✔ Correct.")
            # The keys stayed in the quiz: the notebook did not move to another cell.
            expect(active_cell.locator(".factquiz-quiz")).to_have_count(1)
            assert card.evaluate("c => c.contains(document.activeElement)"), kind
            if kind == "mc":
                group = card.get_by_role("radiogroup")
                expect(group).to_have_count(1)
                expect(group).to_have_attribute("aria-labelledby", re.compile(r"\S"))
            if kind == "tf":
                chosen = question.options[question.answer]
                expect(card.get_by_role("button", name=chosen, exact=True)).to_have_attribute(
                    "aria-pressed", "true")
                expect(card.locator(".widget-toggle-button[aria-pressed=false]")).to_have_count(
                    len(question.options) - 1)
        expect(page.locator(".factquiz-score")).to_have_text(
            f"Score: {answered} of {total} correct at the first try · "
            f"{answered} of {total} answered")
    except BaseException:
        page.screenshot(path=str(lab.log.parent / "failure.png"))
        print(f"screenshot: {lab.log.parent / 'failure.png'}; server log: {lab.log}")
        raise
    finally:
        expect.set_options(timeout=5_000)
        page.close()
