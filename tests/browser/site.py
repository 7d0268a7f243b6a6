"""A built book served on 127.0.0.1, and what a page did while a test used it: shared by
the browser tests (their fixtures are in ``conftest.py``)."""

from __future__ import annotations

import functools
import http.server
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Site:
    """A built book served on 127.0.0.1."""

    root: Path
    url: str

    @property
    def html(self) -> Path:
        return self.root / "_build" / "html"


def serve(directory: Path) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


#: How Chromium logs a request that failed (a 404, a refused connection).
FAILED_LOAD = "Failed to load resource"


@dataclass
class Watch:
    """What a page did: console errors, uncaught exceptions, requests to other hosts, and
    every URL it requested (in order)."""

    errors: list[str] = field(default_factory=list)
    remote: list[str] = field(default_factory=list)
    requested: list[str] = field(default_factory=list)
    #: Style sheets axe-core fetched itself while it ran (see :meth:`console`).
    axe_fetched: set[str] = field(default_factory=set)
    #: Each request: [request, when it started, when it ended or None] (monotonic seconds).
    timeline: list[list[Any]] = field(default_factory=list)

    def started(self, request: Any) -> None:
        """Record that the page (or axe-core) started ``request``."""
        self.requested.append(request.url)
        self.timeline.append([request, time.monotonic(), None])

    def ended(self, request: Any) -> None:
        """Record that ``request`` got its answer, or failed."""
        for entry in reversed(self.timeline):
            if entry[0] is request and entry[2] is None:
                entry[2] = time.monotonic()
                return

    def quiet_for(self) -> float:
        """Seconds since the page last started or ended a request (0 while one is in
        flight), not counting what axe-core fetched itself."""
        last = 0.0
        for request, start, end in self.timeline:
            if request.resource_type in ("xhr", "fetch") and request.url in self.axe_fetched:
                continue
            if end is None:
                return 0.0
            last = max(last, start, end)
        return time.monotonic() - last

    def console(self, message: Any) -> None:
        """Record a console error of the page. Not axe-core's: to read the style sheets it
        fetches them again, and resolves an ``@import`` against the page instead of the
        sheet (a 404 the page itself never has)."""
        if message.type != "error":
            return
        if message.text.startswith(FAILED_LOAD) and message.location.get("url") in \
                self.axe_fetched:
            return
        self.errors.append(message.text)
