"""Browser fixtures: Debian Chromium driven by Playwright, never a downloaded browser.

Tests here skip with a clear message when /usr/bin/chromium is absent, except on CI
(``CI=true``), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from books import real_book, small_book

from browser.site import Site, Watch, serve

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # No optimising compiler for JavaScript (its interpreter and quicker tiers remain): a
    # page here lives for seconds, too short to earn back the CPU spent optimising (7 % of
    # the browser's CPU in these tests); what the scripts do and draw is the same.
    "--js-flags=--no-opt",
]


#: A URL that is not on this machine: not a file, data or blob, nor served by 127.0.0.1.
OFF_MACHINE = re.compile(r"^(?!(?:file|data|blob):|[a-z][a-z0-9+.-]*://127\.0\.0\.1(?:[:/?#]|$))")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the browser tests. They are spread over the xdist workers (each starts its
    Chromium once; the built books are shared through a file lock), but for JupyterLab's,
    which share one server (see ``test_jupyterlab.py``)."""
    for item in items:
        if "tests/browser" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """A headless Debian Chromium, or a skip (a failure when CI=true)."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message + "; browser tests must run on CI")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                      args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = real_book(tmp_path_factory)
    for url in serve(root / "_build" / "html"):
        yield Site(root, url)


@pytest.fixture(scope="session")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = small_book(tmp_path_factory)
    for url in serve(root / "_build" / "html"):
        yield Site(root, url)


def watched(context: Any, p: Any) -> tuple[Watch, Callable[[], None]]:
    """A :class:`Watch` of page ``p`` of ``context`` from now on, and what stops it."""
    watch = Watch()
    hooks = [(context, "request", watch.started), (context, "requestfinished", watch.ended),
             (context, "requestfailed", watch.ended), (p, "console", watch.console),
             (p, "pageerror", lambda e: watch.errors.append(f"uncaught: {e}"))]
    for target, event, hook in hooks:
        target.on(event, hook)

    def stop() -> None:
        for target, event, hook in hooks:
            target.remove_listener(event, hook)

    return watch, stop


def blocking_context(browser: Any, watches: list[Watch]) -> Any:
    """A new browser context that aborts every off-machine request, recorded in the
    ``remote`` of the :class:`Watch` in ``watches`` (that of the test using it)."""
    context = browser.new_context()

    def block(r: Any) -> None:
        for watch in watches:
            watch.remote.append(r.request.url)
        r.abort()

    # Only off-machine requests are routed through this process (matched in the browser's
    # driver): the page's own wait for no answer from here.
    context.route(OFF_MACHINE, block)
    return context


@pytest.fixture(scope="session")
def tab(browser: Any) -> Iterator[tuple[Any, list[Watch]]]:
    """One page per test process, which the tests of :func:`page` use one after another.
    A new page starts a new renderer process, whose first load of a book page costs about
    a second of CPU more than loading it in a renderer that already showed one (the theme's
    style sheets parsed, its fonts found); the tests would pay it some thirty times."""
    watches: list[Watch] = []
    context = blocking_context(browser, watches)
    yield context.new_page(), watches
    context.close()


#: What a new page of a new context has: Playwright's default screen and colour scheme.
DEFAULT_VIEWPORT = {"width": 1280, "height": 720}


@pytest.fixture
def page(tab: tuple[Any, list[Watch]]) -> Iterator[tuple[Any, Watch]]:
    """The process's page as a new one is: at the default screen size and colour scheme,
    with nothing stored by an earlier test (cookies, local and session storage, IndexedDB,
    caches of every origin it loaded), blocking and recording every off-machine request."""
    p, watches = tab
    watch, stop = watched(p.context, p)
    watches.append(watch)
    yield p, watch
    watches.remove(watch)
    stop()
    forget(p, watch)
    p.set_viewport_size(DEFAULT_VIEWPORT)
    p.emulate_media(color_scheme="light")


def origins(urls: list[str]) -> set[str]:
    """The origins (scheme, host and port) of the http and file ``urls``."""
    found = set()
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme in ("http", "https"):
            found.add(f"{parts.scheme}://{parts.netloc}")
        elif parts.scheme == "file":
            found.add("file://")
    return found


def forget(p: Any, watch: Watch) -> None:
    """Clear what the pages of every origin ``p`` loaded during a test stored: cookies,
    local and session storage, IndexedDB and the rest of the origin's storage (not the
    HTTP cache, which holds only the served files), so that the next test finds none."""
    p.context.clear_cookies()
    cdp = p.context.new_cdp_session(p)
    try:
        for origin in origins([p.url, *watch.requested]):
            cdp.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
            for local in (True, False):
                cdp.send("DOMStorage.clear",
                         {"storageId": {"securityOrigin": origin, "isLocalStorage": local}})
    finally:
        cdp.detach()
    if origins([p.url]):  # and the page shows none left in its own
        assert p.evaluate("localStorage.length + sessionStorage.length") == 0, p.url
