"""Every page of the book, visited once per screen: on a phone in light mode and on a
desktop in dark mode, each page loads without a console error or a request to another
host, nothing is wider than the screen (also with the widest answer chosen in every
dropdown), and axe-core finds no WCAG 2.1 A or AA violation.

One sweep per screen does what three sweeps did (page load, layout, accessibility): the
page is loaded once and every check runs on it, so each check still fails on its own.
"""

from __future__ import annotations

import time
from typing import Any

import pytest

from browser.site import Site, Watch
from browser.test_a11y import violations
from browser.test_layout import DESKTOP, PHONE, book_pages, fill_widest, overflow

pytestmark = pytest.mark.slow


def every_page(site: Site) -> list[str]:
    """Every HTML file of the built book (redirects included), not the theme's fragments."""
    return sorted(rel for rel in (path.relative_to(site.html).as_posix()
                                  for path in site.html.rglob("*.html"))
                  if not rel.startswith("_static/"))


def axe_violations(p: Any, watch: Watch) -> list[tuple[str, list[str]]]:
    """axe-core's violations on the page. What axe-core fetches itself (it reads the style
    sheets again) is marked in ``watch``, whose console log then leaves out axe's own
    failed loads (see :meth:`Watch.console`)."""
    # The settled page is what is checked: a colour still in a CSS transition (the theme's
    # buttons fade in dark mode) would read as a contrast violation now and then.
    p.evaluate("Promise.all(document.getAnimations()"
               ".filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)"
               ".map(a => a.finished.catch(() => null)))")

    def fetched(request: Any) -> None:
        if request.resource_type in ("xhr", "fetch") and request.url.endswith(".css"):
            watch.axe_fetched.add(request.url)

    p.on("request", fetched)
    try:
        return violations(p)
    finally:
        p.remove_listener("request", fetched)


def check(p: Any, watch: Watch, rel: str) -> None:
    """Nothing on the page is wider than the screen (also with the widest answers chosen)
    and axe-core finds no violation."""
    assert (rel, overflow(p)) == (rel, [])
    assert (rel, axe_violations(p, watch)) == (rel, [])
    if p.locator(".fq-quiz select").count():
        fill_widest(p)
        assert (rel, "widest answers", overflow(p)) == (rel, "widest answers", [])


def loaded_late(p: Any, watch: Watch, loaded: int) -> list[str]:
    """What the page requested after its first ``loaded`` requests, but for what axe-core
    fetched and the page's icon (which the browser fetches for its tab once loaded)."""
    icon = p.evaluate("document.querySelector('link[rel~=icon]')?.href")
    return [url for url in watch.requested[loaded:]
            if url not in watch.axe_fetched and url != icon]


def wait_until_quiet(p: Any, watch: Watch, quiet: float = 0.5, timeout: float = 30) -> None:
    """Wait until the page has had no request in flight for ``quiet`` seconds, as
    Playwright's ``networkidle`` does (500 ms; it too gives up after 30 s), but for what
    axe-core fetched itself: its fetches while the checks ran would restart that wait, and
    they are not the page's."""
    deadline = time.monotonic() + timeout
    while (idle := watch.quiet_for()) < quiet:
        assert time.monotonic() < deadline, f"{p.url}: still loading after {timeout} s"
        p.wait_for_timeout(max(20.0, (quiet - idle) * 1000))


# The theme follows the reader's light or dark preference: each is checked at one width.
@pytest.mark.parametrize(("width", "scheme"), [(PHONE, "light"), (DESKTOP, "dark")])
def test_every_page_loads_cleanly_fits_the_screen_and_has_no_wcag_violations(
        real_site: Site, page: tuple[Any, Watch], width: int, scheme: str) -> None:
    p, watch = page
    p.set_viewport_size({"width": width, "height": 800})
    p.emulate_media(color_scheme=scheme)
    pages, shown = every_page(real_site), set(book_pages(real_site))
    assert "book/lessons/raa.html" in pages and "search.html" in pages
    assert "book/reference/sources.html" in shown and shown < set(pages)
    for rel in pages:
        p.goto(f"{real_site.url}/{rel}", wait_until="load")
        loaded = len(watch.requested)
        if rel in shown:  # not a page that only redirects to another
            check(p, watch, rel)
        else:  # the page it redirects to loads (before the next page is asked for)
            p.wait_for_url(lambda url, rel=rel: not url.endswith(f"/{rel}"), wait_until="load")
        if scheme == "light":  # once per page, what loads late (until 500 ms without a
            # request): the wait runs out while the checks above run
            wait_until_quiet(p, watch)
            if rel in shown and loaded_late(p, watch, loaded):  # changed once checked:
                p.goto(f"{real_site.url}/{rel}", wait_until="networkidle")  # check it settled
                check(p, watch, rel)
        assert (rel, watch.errors, watch.remote) == (rel, [], [])
