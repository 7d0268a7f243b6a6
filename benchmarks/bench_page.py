"""Benchmark: a lesson page of the book in Chromium, beside the same page with jupyterquiz.

Floors (issue 16): a lesson page with its quiz transfers at most 1 MB in all, and its
time to interactive is at most that of the same lesson with a jupyterquiz quiz of the
same questions, measured in the same run.

* **Weight**: the sum of the response bodies of every request the page makes when it is
  loaded in a fresh browser context (empty cache), until the network is idle.
  A request to another host fails (the browser resolves no other host) and is counted
  (there must be none).
* **Time to interactive** (TTI): milliseconds from the start of navigation until every
  question of the page's quiz has its answer controls in place, working: factquiz's
  script adds a question's "Check answer" button together with its handler, and
  jupyterquiz's adds a question's answer buttons or box together with their handlers.
  A ``MutationObserver`` installed before any script of the page notes the first moment
  the count is complete (:data:`READY`). The median of :data:`LOADS` loads is reported.

The peer page is the same lesson built by Jupyter Book with the same configuration and
theme but without factquiz's extension (its roles and directives as plain text, see
``bench_book.plain_book``), its quiz replaced by a code cell calling jupyterquiz's
``display_quiz`` on the same questions, executed during the build.

The page measured is the heaviest lesson page of the book (or the lesson given as argument).

Run: ``python benchmarks/bench_page.py [LESSON]`` (one line a row; exit 1 if a floor is
missed).
jupyterquiz and Playwright come with the ``bench`` and ``test`` extras; the browser is
Debian's ``/usr/bin/chromium``.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import statistics
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from bench_book import plain_book
from harness import ROOT, Row, report

from factquiz.book import HTML_DIR, build_book, copy_book
from factquiz.generate import make_quiz
from factquiz.load import Project, load_project
from factquiz.model import Question

CHROMIUM = "/usr/bin/chromium"
#: The browser resolves no host but this machine: a request elsewhere fails (and is counted).
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
LOADS = 9
PAGE_BYTES = 1_000_000

#: Per page kind: what counts as one question of the quiz, and as one of them ready.
QUESTIONS = {"factquiz": ".fq-quiz [data-fq-type]", "jupyterquiz": ".Quiz"}
READY = {"factquiz": ".fq-quiz [data-fq-type] .fq-check",
         "jupyterquiz": ".Quiz .Answer > *"}

#: Installed before the page's own scripts: notes when the quiz is ready (``__fqReady``).
OBSERVER = """(() => {
  const questions = %s, ready = %s, expected = %d;
  const check = () => {
    if (window.__fqReady !== undefined) return;
    const done = new Set([...document.querySelectorAll(ready)].map(
      e => e.closest(questions)));
    if (done.size >= expected) { window.__fqReady = performance.now(); observer.disconnect(); }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, {childList: true, subtree: true});
})();"""

FRONT_MATTER = """---
jupytext:
  text_representation:
    format_name: myst
kernelspec:
  name: python3
  display_name: Python 3
---
"""


def peer_questions(questions: list[Question]) -> list[dict[str, Any]]:
    """The questions in jupyterquiz's format: multiple choice for every type with options
    (true/false, ordering and matching as a choice among their options), numeric and
    fill-in as such."""
    out: list[dict[str, Any]] = []
    for q in questions:
        if q.type == "numeric":
            out.append({"question": q.prompt, "type": "numeric", "answers": [
                {"type": "value", "value": q.answer, "correct": True,
                 "feedback": q.explanation}]})
        elif q.type == "cloze":
            out.append({"question": q.prompt, "type": "string", "answers": [
                {"answer": a, "correct": True, "feedback": q.explanation}
                for a in q.accepted]})
        else:
            options = q.options or q.items
            right = q.answer if isinstance(q.answer, int) else 0
            out.append({"question": q.prompt, "type": "multiple_choice", "answers": [
                {"answer": o, "correct": i == right, "feedback": q.explanation}
                for i, o in enumerate(options)]})
    return out


def peer_book(dest: Path, lesson: str, page: str, questions: list[dict[str, Any]]) -> Path:
    """The book without factquiz, the quiz of ``lesson`` (on ``page``) shown by jupyterquiz
    from a code cell executed by the build."""
    cell = ("```{code-cell} ipython3\n:tags: [remove-input]\n"
            "import json\nfrom jupyterquiz import display_quiz\n"
            f"display_quiz(json.loads({json.dumps(questions)!r}))\n```")

    def directive(match: re.Match[str]) -> str:
        name, argument = match[2], match[3].strip()
        return cell if (name, argument) == ("quiz", lesson) else f"({name} {argument})"

    plain_book(ROOT, dest, directive)
    path = dest / page
    path.write_text(FRONT_MATTER + path.read_text(encoding="utf-8"), encoding="utf-8")
    return dest


@contextmanager
def served(directory: Path) -> Iterator[str]:
    """``directory`` served over HTTP on 127.0.0.1 while the block runs."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def load_page(browser: Any, url: str, kind: str, expected: int) -> dict[str, Any]:
    """Load ``url`` in a fresh context: bytes of every response body, requests, requests
    to other hosts (which the browser cannot resolve, see :data:`BROWSER_ARGS`), and the
    time to interactive in ms. Requests are only watched, not intercepted: interception
    would delay each of them by a round trip through this process."""
    context = browser.new_context()
    context.add_init_script(OBSERVER % (json.dumps(QUESTIONS[kind]), json.dumps(READY[kind]),
                                        expected))
    page = context.new_page()
    responses: list[Any] = []
    remote: list[str] = []
    page.on("response", lambda r: responses.append(r))
    page.on("request", lambda r: remote.append(r.url) if urlparse(r.url).scheme not in (
        "data", "blob") and urlparse(r.url).hostname != "127.0.0.1" else None)
    page.goto(url, wait_until="load")
    page.wait_for_function("window.__fqReady !== undefined", timeout=30_000)
    page.wait_for_load_state("networkidle")
    tti = page.evaluate("window.__fqReady")
    sizes = {}
    for response in responses:
        try:
            sizes[response.url] = len(response.body())
        except Exception:  # a redirect or a failed request has no body
            sizes[response.url] = 0
    context.close()
    return {"bytes": sum(sizes.values()), "requests": len(responses), "remote": remote,
            "tti": tti, "sizes": sizes}


def measure(ours: Path, peer: Path, page: str, expected: int) -> dict[str, list[dict]]:
    """``LOADS`` loads of the page of each book, alternating."""
    from playwright.sync_api import sync_playwright

    rel = Path(page).with_suffix(".html").as_posix()
    runs: dict[str, list[dict]] = {"factquiz": [], "jupyterquiz": []}
    with served(ours / HTML_DIR) as ours_url, served(peer / HTML_DIR) as peer_url, \
            sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                     args=BROWSER_ARGS)
        sides = [("factquiz", f"{ours_url}/{rel}"), ("jupyterquiz", f"{peer_url}/{rel}")]
        for side, url in sides:  # one warm-up load each (the server's file cache)
            load_page(browser, url, side, expected)
        for i in range(LOADS):
            for side, url in sides[::1 if i % 2 == 0 else -1]:
                runs[side].append(load_page(browser, url, side, expected))
        browser.close()
    return runs


def heaviest_lesson(project: Project, html: Path) -> str:
    """The lesson whose built page is the largest HTML file."""
    return max(project.lessons, key=lambda lesson: (
        html / Path(project.lessons[lesson].page).with_suffix(".html")).stat().st_size)


def main() -> int:
    project = load_project(ROOT)
    with tempfile.TemporaryDirectory(prefix="bench-page-") as tmp:
        ours = copy_book(ROOT, Path(tmp) / "ours")
        build_book(ours, strict=True)
        lesson = sys.argv[1] if len(sys.argv) > 1 else heaviest_lesson(project, ours / HTML_DIR)
        page = project.lessons[lesson].page
        quiz = make_quiz(project, lesson)
        peer = peer_book(Path(tmp) / "peer", lesson, page, peer_questions(quiz.questions))
        build_book(peer, strict=False)
        runs = measure(ours, peer, page, len(quiz.questions))
    last = runs["factquiz"][-1]
    for url, size in sorted(last["sizes"].items(), key=lambda kv: -kv[1]):
        print(f"  {size / 1000:8.1f} KB  {urlparse(url).path}")
    remote = sorted({u for side in runs.values() for r in side for u in r["remote"]})
    weight = {side: statistics.median(r["bytes"] for r in rs) / 1000 for side, rs in runs.items()}
    count = {side: statistics.median(r["requests"] for r in rs) for side, rs in runs.items()}
    tti = {side: statistics.median(r["tti"] for r in rs) / 1000 for side, rs in runs.items()}
    peer_name = f"the same lesson with jupyterquiz ({count['jupyterquiz']:.0f} requests)"
    rows = [
        report(Row(f"book: lesson page `{Path(page).stem}` with its quiz, all it transfers "
                   f"({count['factquiz']:.0f} requests, {len(remote)} off the machine)",
                   weight["factquiz"], "KB", peer_name, weight["jupyterquiz"],
                   f"<= {PAGE_BYTES / 1000:.0f} KB, none off the machine",
                   weight["factquiz"] * 1000 <= PAGE_BYTES and not remote)),
        report(Row(f"book: lesson page `{Path(page).stem}`, time to interactive (quiz ready)",
                   tti["factquiz"], "s", "the same lesson with jupyterquiz",
                   tti["jupyterquiz"], "<= baseline", tti["factquiz"] <= tti["jupyterquiz"])),
    ]
    if remote:
        print("requests off the machine: " + ", ".join(remote), file=sys.stderr)
    return 0 if all(r.met for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
