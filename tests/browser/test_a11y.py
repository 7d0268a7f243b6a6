"""axe-core (bundled by axe-playwright-python, no network) finds no WCAG 2.1 A or AA
violation on any page of the book, on a phone and a desktop, in light and dark mode,
before and after answering the quizzes (right and wrong feedback both shown)."""

from __future__ import annotations

from typing import Any

import pytest

from browser.site import Site, Watch
from browser.test_book import answer_with_mouse, quiz_of, right_response, wrong_response
from browser.test_layout import DESKTOP, PHONE, book_pages

pytestmark = pytest.mark.slow

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def violations(p: Any) -> list[tuple[str, list[str]]]:
    """axe-core's WCAG 2.1 AA violations on the page: (rule, offending elements)."""
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(p, options=WCAG_21_AA).response["violations"]
    return [(v["id"], [n["html"][:120] for n in v["nodes"]]) for v in found]


# The theme follows the reader's light or dark preference: each is checked at one width.
@pytest.mark.parametrize(("width", "scheme"), [(PHONE, "light"), (DESKTOP, "dark")])
def test_every_page_has_no_wcag_violations(real_site: Site, page: tuple[Any, Watch],
                                           width: int, scheme: str) -> None:
    p, _ = page
    p.set_viewport_size({"width": width, "height": 800})
    p.emulate_media(color_scheme=scheme)
    for rel in book_pages(real_site):
        p.goto(f"{real_site.url}/{rel}")
        assert (rel, violations(p)) == (rel, [])


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
