"""Browser fixtures: Debian Chromium driven by Playwright, never a downloaded browser.

Tests here skip with a clear message when /usr/bin/chromium is absent, except on CI
(``CI=true``), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


@pytest.fixture
def page(browser: Any) -> Iterator[tuple[Any, Watch]]:
    """A fresh page (own localStorage) that blocks and records every off-machine request."""
    context = browser.new_context()
    watch = Watch()

    def block(r: Any) -> None:
        watch.remote.append(r.request.url)
        r.abort()

    # Only off-machine requests are routed through this process (matched in the browser's
    # driver): the page's own wait for no answer from here.
    context.route(OFF_MACHINE, block)
    context.on("request", watch.started)
    context.on("requestfinished", watch.ended)
    context.on("requestfailed", watch.ended)
    page = context.new_page()
    page.on("console", watch.console)
    page.on("pageerror", lambda e: watch.errors.append(f"uncaught: {e}"))
    yield page, watch
    context.close()
