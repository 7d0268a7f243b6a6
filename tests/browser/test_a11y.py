"""axe-core (bundled by axe-playwright-python, no network) finds no WCAG 2.1 A or AA
violation on the quizzes after answering them (right and wrong feedback both shown); the
sweep of every page of the book, on a phone and a desktop, in light and dark mode, is in
``test_every_page.py``."""

from __future__ import annotations

from typing import Any

import pytest

from browser.site import Site, Watch
from browser.test_book import answer_with_mouse, quiz_of, right_response, wrong_response
from browser.test_layout import PHONE

pytestmark = pytest.mark.slow

#: The WCAG 2.1 A and AA rules; only violations are reported in full (axe's default would
#: also list every element that passes each rule, which changes no verdict), and of each
#: offending element its markup: not a CSS selector nor a reference to it, which axe would
#: work out for every element it lists. No page has a frame (:func:`violations` checks), so
#: axe does not look for frames to check.
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
              "resultTypes": ["violations"], "iframes": False, "elementRef": False,
              "selectors": False, "ancestry": False, "xpath": False}


def violations(p: Any) -> list[tuple[str, list[str]]]:
    """axe-core's WCAG 2.1 AA violations on the page: (rule, offending elements). axe-core
    is put in the page first."""
    from axe_playwright_python.sync_playwright import Axe

    if p.evaluate("typeof window.axe === 'undefined'"):
        p.evaluate(Axe().axe_script)
    assert p.evaluate("document.querySelectorAll('iframe, frame').length") \
        == 0, f"{p.url} has a frame: check it with WCAG_21_AA['iframes'] on"
    found = p.evaluate("options => axe.run(document, options)", WCAG_21_AA)["violations"]
    return [(v["id"], [n["html"][:120] for n in v["nodes"]]) for v in found]


@pytest.mark.parametrize(("lesson", "scheme"), [
    ("overview", "light"), ("foundations", "dark"), ("raa", "light"), ("jdsc", "dark"),
    ("regional", "light"), ("beyond-defence", "dark")])
def test_quiz_feedback_has_no_wcag_violations(real_site: Site, page: tuple[Any, Watch],
                                              lesson: str, scheme: str) -> None:
    p, _ = page
    p.set_viewport_size({"width": PHONE, "height": 800})
    p.emulate_media(color_scheme=scheme)
    p.goto(f"{real_site.url}/book/lessons/{lesson}.html")
    for n, q in enumerate(quiz_of(real_site, lesson).questions, start=1):
        # Alternate right and wrong answers, so both kinds of feedback are on the page.
        answer_with_mouse(p, n, q, right_response(q) if n % 2 else wrong_response(q))
    assert p.locator(".fq-right").count() and p.locator(".fq-wrong").count()
    assert violations(p) == []
