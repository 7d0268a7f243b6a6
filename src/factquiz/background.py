"""Work done ahead in a notebook's kernel, while the student reads the quiz.

After a quiz is shown, the variant its "Try again" shows next is made in one background
thread, and what grading and saving an answer need is loaded, so that pressing Try again
or Check does not wait for it. The thread waits a moment before each job so that the
cell that asked for it finishes first, and a job that fails is dropped: Try again then
makes the variant itself and says what went wrong. :func:`prepared` waits until the
queued work is done (for benchmarks and tests).
"""

from __future__ import annotations

import contextlib
import queue
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: Seconds the background thread waits before each job (the asking cell finishes first).
DELAY = 0.05


class Preparer:
    """One daemon thread running queued jobs, started on first use."""

    def __init__(self) -> None:
        self._jobs: queue.Queue[tuple[str, Callable[[], Any]]] = queue.Queue()
        self._pending: set[str] = set()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def submit(self, name: str, job: Callable[[], Any]) -> None:
        """Run ``job`` in the background unless a job of that ``name`` is pending."""
        with self._lock:
            if name in self._pending:
                return
            self._pending.add(name)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, daemon=True,
                                                name="factquiz-background")
                self._thread.start()
        self._jobs.put((name, job))

    def _run(self) -> None:
        while True:
            name, job = self._jobs.get()
            try:
                time.sleep(DELAY)
                with contextlib.suppress(Exception):
                    job()
            finally:
                with self._lock:
                    self._pending.discard(name)
                self._jobs.task_done()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until every submitted job ran; False when ``timeout`` seconds passed first."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while self._jobs.unfinished_tasks:
            if deadline is not None and time.monotonic() > deadline:
                return False
            time.sleep(0.005)
        return True


PREPARER = Preparer()


def prepared(timeout: float | None = None) -> bool:
    """Wait until the work queued in the background is done; False after ``timeout``."""
    return PREPARER.wait(timeout)


class Variants:
    """The variants of one lesson's quiz in the project at ``root``, by seed.

    A variant made before for the same project files comes from :mod:`factquiz.variants`
    without loading anything (as a :class:`~factquiz.quizview.QuizView` when read from the
    cache); else the project is loaded (once per kernel, see
    :func:`factquiz.load.current_project`) and the variant generated. :meth:`prepare`
    makes one in the background.
    """

    _generating = threading.Lock()  # one generation at a time: they share the project

    def __init__(self, root: Path, quiz_id: str) -> None:
        self.root = root
        self.quiz_id = quiz_id

    def __call__(self, seed: int | None) -> Any:
        from .variants import shown_at

        found = shown_at(self.root, self.quiz_id, seed)
        if found is not None:
            return found
        from .generate import make_quiz_at

        with Variants._generating:
            return make_quiz_at(self.root, self.quiz_id, seed=seed)

    def prepare(self, seed: int) -> None:
        """Make variant ``seed`` in the background (when the cache is on to keep it),
        and load what checking an answer needs."""
        from . import cache

        if cache.enabled():
            PREPARER.submit(f"{self.root}\0{self.quiz_id}\0{seed}", lambda: self(seed))
        PREPARER.submit("checking", _load_checking)


def _load_checking() -> None:
    """Load what the student's first Check needs: grading (the question types, the fact
    model a cached quiz's questions are made into, the validator of its result), its
    feedback, and saving to the progress file (the file lock, the atomic writer), so that
    the first Check or Try again does not wait for it."""
    import filelock  # noqa: F401

    from . import feedback, yamlio  # noqa: F401
    from .grade import grade  # noqa: F401
    from .model import Grade

    Grade.model_rebuild()
