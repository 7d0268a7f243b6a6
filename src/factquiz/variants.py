"""Generated quiz variants kept for reuse: in this process and in :mod:`factquiz.cache`.

A variant is the same for the same project files, code and seed, so it is kept under the
project's content digest (:func:`factquiz.cache.project_digest`): a notebook's second
``show()`` of an unchanged bank gets the variant it showed before, a new kernel reads it
from the cache folder, and an edit to any project file (a new digest) makes it generated
again, never stale. Variants name no path: they are shared by every copy of the project
with the same files.

This module is light on purpose (no YAML, no question types, no pydantic), so that
showing a cached quiz does not import or build what generating one needs: a cache entry is
a ``Quiz.model_dump(mode="json")`` written by the very code that reads it (the digest
covers the code), read as a :class:`~factquiz.quizview.QuizView` to be shown
(:func:`shown`) and rebuilt with ``model_construct`` where the model is needed
(:func:`find`, :func:`decode`).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import cache
from .quizview import QuizView

if TYPE_CHECKING:
    from .quizmodel import Quiz

#: Variants kept in this process (the oldest is dropped beyond this many).
KEPT = 64

#: By project folder, quiz and seed: the digest and the variant (a model ``Quiz``, or the
#: view of one read to be shown).
_KEPT: dict[tuple[Path, str, int | None], tuple[str, Quiz | QuizView]] = {}


def seed_for(student: str) -> int:
    """A stable 63-bit seed for a student id (SHA-256 of the stripped id)."""
    digest = hashlib.sha256(student.strip().encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") >> 1


def cache_name(quiz_id: str, seed: int | None) -> str:
    """The cache entry's name of one variant (seed None: the quiz file's default)."""
    return f"quiz-{quiz_id}-{'default' if seed is None else seed}"


def encode(quiz: Quiz) -> Any:
    """A variant as the JSON data of its cache entry."""
    return quiz.model_dump(mode="json")


def decode(data: Any) -> Quiz:
    """A variant from its cache entry (see :func:`encode`); ``KeyError``/``TypeError``
    for data of another shape, which the cache then treats as missing."""
    return QuizView(data).model()


def find(root: Path, quiz_id: str, seed: int | None, digest: str) -> Quiz | None:
    """The variant of the project at ``root`` whose files have ``digest``: the one kept in
    this process, else the cache entry; None when neither has it (or the cache is off)."""
    found = shown(root, quiz_id, seed, digest)
    if isinstance(found, QuizView):
        try:
            found = found.model()
        except (KeyError, TypeError, ValueError):  # data of another shape: as missing
            return None
        keep(root, quiz_id, seed, digest, found)
    return found


def shown(root: Path, quiz_id: str, seed: int | None, digest: str) -> Quiz | QuizView | None:
    """:func:`find` for showing the variant: the one kept in this process as it is, else
    the view of the cache entry (no pydantic, no model); None when neither has it."""
    key = (root.resolve(), quiz_id, seed)
    kept = _KEPT.get(key)
    if kept is not None and kept[0] == digest:
        return kept[1]
    if not cache.enabled():
        return None
    found = cache.fetch(root, cache_name(quiz_id, seed), digest, QuizView, shared=True)
    if found is not None:
        keep(root, quiz_id, seed, digest, found)
    return found


def shown_at(root: Path, quiz_id: str, seed: int | None) -> Quiz | QuizView | None:
    """:func:`shown` for the project's current files (None when the cache is off)."""
    if not cache.enabled():
        return None
    return shown(root, quiz_id, seed, cache.project_digest(root))


def find_at(root: Path, quiz_id: str, seed: int | None) -> Quiz | None:
    """:func:`find` for the project's current files (None when the cache is off)."""
    if not cache.enabled():
        return None
    return find(root, quiz_id, seed, cache.project_digest(root))


def remember(root: Path, quiz_id: str, seed: int | None, digest: str, quiz: Quiz) -> None:
    """Keep a newly generated variant for ``digest``: in this process and, when the cache
    is on, in the cache folder."""
    if cache.enabled():
        cache.store(root, cache_name(quiz_id, seed), digest, encode(quiz), shared=True)
    keep(root, quiz_id, seed, digest, quiz)


def keep(root: Path, quiz_id: str, seed: int | None, digest: str,
         quiz: Quiz | QuizView) -> None:
    """Keep ``quiz`` in this process as the variant for ``digest`` (see :func:`find`)."""
    key = (root.resolve(), quiz_id, seed)
    _KEPT.pop(key, None)
    _KEPT[key] = (digest, quiz)
    while len(_KEPT) > KEPT:
        _KEPT.pop(next(iter(_KEPT)), None)
