"""The book on a phone (390 px) and a desktop (1280 px): the sources page's labels on one
line, a timeline whose text stays readable, one search box with snippets in its results,
and the quiz's positions, scores and empty boxes. That no page is wider than the screen is
checked by the sweep of every page (``test_every_page.py``) with the helpers below."""

from __future__ import annotations

from typing import Any

import pytest

from browser.site import Site, Watch
from browser.test_book import (
    answer_with_mouse,
    lesson_with,
    quiz_of,
    right_response,
    wrong_response,
)

pytestmark = pytest.mark.slow

PHONE, DESKTOP = 390, 1280
#: Smallest text size readable on a phone, in CSS pixels.
MIN_TEXT_PX = 11


def book_pages(site: Site) -> list[str]:
    """Every page of the built book: not the theme's fragments, nor a page that only
    redirects to another (index.html)."""
    return sorted(path.relative_to(site.html).as_posix() for path in site.html.rglob("*.html")
                  if not path.relative_to(site.html).as_posix().startswith("_static/")
                  and 'http-equiv="Refresh"' not in path.read_text(encoding="utf-8")
                  and 'http-equiv="refresh"' not in path.read_text(encoding="utf-8"))


def overflow(p: Any) -> list[str]:
    """What sticks out past the right edge of the screen (empty when nothing does)."""
    return p.evaluate("""() => document.documentElement.scrollWidth <= innerWidth ? [] :
        [...document.querySelectorAll('body *')].filter(e => {
          const box = e.getBoundingClientRect();
          return box.width && box.right > innerWidth + 1; })
        .slice(0, 5).map(e => e.tagName + '.' + e.className)""")


def fill_widest(p: Any) -> None:
    """Choose the longest option in every dropdown, as the widest a reader can make them."""
    p.evaluate("""() => document.querySelectorAll('.fq-quiz select').forEach(s => {
        const longest = [...s.options].reduce((a, b) => b.text.length > a.text.length ? b : a);
        s.value = longest.value; })""")


def lines_of(p: Any, selector: str) -> list[int]:
    """How many lines of text each element matching ``selector`` takes."""
    return p.eval_on_selector_all(selector, """els => els.map(e => {
        const range = document.createRange();
        range.selectNodeContents(e);
        return new Set([...range.getClientRects()].filter(r => r.width > 1)
                       .map(r => Math.round(r.top))).size; })""")


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_sources_page_labels_are_on_one_line_and_values_stay_in_their_box(
        real_site: Site, page: tuple[Any, Watch], width: int) -> None:
    p, _ = page
    p.set_viewport_size({"width": width, "height": 800})
    p.goto(f"{real_site.url}/book/reference/sources.html")
    labels = lines_of(p, "dl.fq-meta > dt")
    assert labels and set(labels) == {1}
    outside = p.eval_on_selector_all("dl.fq-meta > dd", """els => els.filter(dd => {
        const box = dd.getBoundingClientRect();
        return [...dd.querySelectorAll('*')].some(e =>
          e.getBoundingClientRect().right > box.right + 1); }).map(e => e.textContent)""")
    assert outside == []


def test_timeline_text_is_readable_on_a_phone(real_site: Site, page: tuple[Any, Watch]) -> None:
    p, _ = page
    p.set_viewport_size({"width": PHONE, "height": 800})
    p.goto(f"{real_site.url}/book/reference/timeline.html")
    sizes = p.eval_on_selector_all(".fq-timeline *", """els => els
        .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
        .map(e => parseFloat(getComputedStyle(e).fontSize))""")
    assert sizes and min(sizes) >= MIN_TEXT_PX
    assert overflow(p) == []


def test_one_search_box_and_results_with_snippets(real_site: Site,
                                                  page: tuple[Any, Watch]) -> None:
    p, _ = page
    for width in (PHONE, DESKTOP):
        p.set_viewport_size({"width": width, "height": 800})
        p.goto(f"{real_site.url}/book/intro.html")
        visible = p.eval_on_selector_all(".search-button, .search-button-field",
                                         "els => els.filter(e => e.offsetParent).length")
        assert visible == 1, width
    p.goto(f"{real_site.url}/search.html?q=Woomera")
    p.wait_for_selector("#search-results ul.search li p.context")
    snippet = p.inner_text("#search-results ul.search li p.context")
    assert "Woomera" in snippet


def test_home_page_tab_does_not_repeat_the_title(real_site: Site,
                                                 page: tuple[Any, Watch]) -> None:
    p, _ = page
    p.goto(f"{real_site.url}/book/intro.html")
    assert p.title() == "Australia and Japan: a security partnership"
    p.goto(f"{real_site.url}/book/lessons/raa.html")
    assert p.title().endswith(" — Australia and Japan: a security partnership")


def test_quiz_positions_first_try_score_and_empty_number_box(real_site: Site,
                                                             page: tuple[Any, Watch]) -> None:
    p, watch = page
    lesson = lesson_with(real_site, "numeric", "ordering")
    quiz = quiz_of(real_site, lesson)
    total = len(quiz.questions)
    p.goto(f"{real_site.url}/book/lessons/{lesson}.html")
    numeric = next(n for n, q in enumerate(quiz.questions, start=1) if q.type == "numeric")
    assert p.input_value(f"#fqq{numeric} .fq-input") == ""
    ordering = next(n for n, q in enumerate(quiz.questions, start=1) if q.type == "ordering")
    shown = p.eval_on_selector_all(
        f"#fqq{ordering} .fq-order > li",
        "els => els.map(e => e.querySelector('.fq-item').getBoundingClientRect().left - "
        "e.getBoundingClientRect().left)")
    assert all(offset > 8 for offset in shown)  # room for the position number before each
    assert p.eval_on_selector(f"#fqq{ordering} .fq-order > li",
                              "e => getComputedStyle(e, '::before').content").startswith(
                                  "counter(fq-position)")
    # Wrong first, then the answer shown after the miss: right now, but not at the first try.
    q = quiz.questions[numeric - 1]
    answer_with_mouse(p, numeric, q, wrong_response(q))
    answer_with_mouse(p, numeric, q, right_response(q))
    assert p.inner_text(f"#fq-{lesson} .fq-score") == (
        f"First-try score: 0 of {total}. Right now: 1 of {total} (1 of {total} answered).")
    assert watch.errors == []
