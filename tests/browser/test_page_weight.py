"""A lesson page stays light: no icon script or icon font from the theme (factquiz.css draws
the header's icons), nothing fetched off the machine, and the header's buttons still
labelled, drawn and working. (Its weight and time to interactive are measured by
``benchmarks/bench_page.py``, not asserted here.)"""

from __future__ import annotations

from typing import Any

import pytest

from browser.site import Site, Watch

pytestmark = pytest.mark.slow

LESSON = "book/lessons/raa.html"
PHONE, DESKTOP = 390, 1280


def open_lesson(site: Site, page: tuple[Any, Watch], width: int) -> tuple[Any, list[str]]:
    """The lesson loaded at ``width`` px, and the path of every request it made."""
    p, watch = page
    p.set_viewport_size({"width": width, "height": 800})
    p.goto(f"{site.url}/{LESSON}")
    p.wait_for_load_state("networkidle")
    return p, [url.split("?")[0] for url in watch.requested]


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_lesson_page_loads_no_icon_script_nor_font_and_nothing_remote(
        real_site: Site, page: tuple[Any, Watch], width: int) -> None:
    _, requested = open_lesson(real_site, page, width)
    _, watch = page
    assert any(url.endswith("/factquiz.js") for url in requested)
    assert [url for url in requested if url.endswith(("fontawesome.js", ".woff2", ".woff",
                                                      ".ttf", ".map"))] == []
    assert watch.remote == [] and watch.errors == []


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_header_icons_are_drawn_and_their_buttons_labelled(
        real_site: Site, page: tuple[Any, Watch], width: int) -> None:
    p, _ = open_lesson(real_site, page, width)
    icons = p.eval_on_selector_all('[class*="fa-"]', """els => els
        .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
        .map(e => { const before = getComputedStyle(e, '::before');
          const control = e.closest('button, a');
          return {icon: [...e.classList].filter(c => c.startsWith('fa-')),
                  font: getComputedStyle(e).fontFamily,
                  mask: before.maskImage || before.webkitMaskImage,
                  width: parseFloat(before.width),
                  label: control ? (control.getAttribute('aria-label') ||
                                    control.getAttribute('title') ||
                                    control.textContent).trim() : 'not a control'}; })""")
    assert {"fa-bars", "fa-magnifying-glass", "fa-circle-half-stroke"} <= {
        name for i in icons for name in i["icon"]}
    for icon in icons:
        assert "Awesome" not in icon["font"], icon
        assert icon["mask"].startswith("url(") and icon["width"] > 0, icon
        assert icon["label"], icon


def test_header_buttons_still_work(real_site: Site, page: tuple[Any, Watch]) -> None:
    p, _ = open_lesson(real_site, page, DESKTOP)
    mode = p.evaluate("document.documentElement.dataset.mode")
    p.click("button.theme-switch-button")
    assert p.evaluate("document.documentElement.dataset.mode") != mode
    p.locator("button.search-button__button:visible").first.click()
    assert p.is_visible("#pst-search-dialog input[type=search]")


def test_quiz_page_scripts_wait_for_the_page_but_the_quiz_comes_first(
        real_site: Site, page: tuple[Any, Watch]) -> None:
    p, _ = open_lesson(real_site, page, DESKTOP)
    scripts = p.evaluate("""() => [...document.scripts].filter(s => s.src).map(s => ({
        name: s.src.split('?')[0].split('/').pop(), waits: s.defer || s.async,
        blocking: s.getAttribute('blocking')}))""")
    assert [s["name"] for s in scripts if not s["waits"]] == ["documentation_options.js"]
    deferred = [s for s in scripts if s["waits"]]
    assert deferred[0] == {"name": "factquiz.js", "waits": True, "blocking": "render"}
    assert p.locator(".fq-quiz .fq-check").count() == p.locator(".fq-quiz [data-fq-type]").count()
