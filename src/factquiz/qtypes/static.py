"""What every type's static-HTML piece provides (``qtypes/<type>/static.py``), and the
hashing primitives they share with the page shell (:mod:`factquiz.sphinxext.static_quiz`).

A type's ``static`` module defines

* ``controls_html(question, qid) -> str``: the answer controls, native inputs each with a
  label (the type's script adds what needs the script);
* ``accept_tokens(question) -> list[str]``: the tokens of the right responses (what its
  script computes from a response and looks up, hashed);
* ``key_attributes(question, salt) -> dict[str, str]``: the type's own grading data, as
  ``data-fq-*`` attributes besides the shared ``k`` (ids and wrapped keys of the tokens).

Its browser script is ``qtypes/<type>/<type name>.js`` (:func:`script_path`), which adds
the type to ``factquiz.types`` (see ``static/factquiz.js``); ``SCRIPT_NEEDS`` (optional)
names the types whose scripts it builds on, loaded before it (:func:`scripts_for`).

A type graded on the page exactly as another one is (its controls and tokens are that
type's) has no script: its ``static`` module declares ``SCRIPT_AS = "<that type>"``, the
page loads that type's script instead, and the page's config maps the one to the other
(:func:`script_aliases`), so no request and no file is spent on a one-line alias.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

from ..escape import html_text
from ..model import Question
from . import REGISTRY
from .parts import type_module

#: Hex digits kept of each salted SHA-256 (48 bits: plenty to tell answers apart).
DIGEST_CHARS = 12


def static_module(question_type: str) -> ModuleType:
    """The ``static`` module of a registered type (see the module docstring)."""
    return type_module(question_type, "static")


def script_type(question_type: str) -> str:
    """The type whose script grades ``question_type`` on the page: the one its ``static``
    module names as ``SCRIPT_AS``, else the type itself."""
    return str(getattr(static_module(question_type), "SCRIPT_AS", question_type))


def script_aliases() -> dict[str, str]:
    """Each registered type graded on the page by another type's script, and that type."""
    return {name: as_type for name in REGISTRY
            if (as_type := script_type(name)) != name}


def own_script_path(question_type: str) -> Path:
    """Where a registered type's own browser script is (or would be): ``<its folder>/<type
    name>.js``."""
    package = REGISTRY[question_type].generate.__module__
    folder = Path(type_module(question_type, "static").__file__ or "").parent
    if package.rpartition(".")[2] != folder.name:  # pragma: no cover - a static module elsewhere
        raise ModuleNotFoundError(f"{package}.static is not in the folder of {package}")
    return folder / f"{question_type}.js"


def script_path(question_type: str) -> Path:
    """The script that grades a registered type on the page: its own, or that of the type
    it declares as ``SCRIPT_AS``."""
    return own_script_path(script_type(question_type))


def scripts_for(question_types: Iterable[str]) -> list[str]:
    """The types whose scripts a page with questions of ``question_types`` loads (for a
    type with ``SCRIPT_AS``, that type's), each after the ones it builds on
    (``SCRIPT_NEEDS``), each once."""
    order: list[str] = []

    def add(name: str) -> None:
        if name not in order:
            for needed in getattr(static_module(name), "SCRIPT_NEEDS", ()):
                add(needed)
            order.append(name)

    for name in question_types:
        add(script_type(name))
    return order


def digest(salt: str, part: int | str, value: str) -> str:
    """Salted, truncated SHA-256 of one part of a canonical response."""
    data = f"{salt}|{part}|{value}".encode()
    return hashlib.sha256(data).hexdigest()[:DIGEST_CHARS]


def deletions(key: str, count: int) -> list[str]:
    """``key`` with ``count`` characters removed, each way (duplicates dropped)."""
    variants = [key]
    for _ in range(count):
        variants = list(dict.fromkeys(v[:i] + v[i + 1:] for v in variants for i in range(len(v))))
    return variants


def text(value: str) -> str:
    """Text from the bank as HTML element content."""
    return html_text(value)


def position_hashes(question: Question, salt: str) -> dict[str, str]:
    """``h``: a hash per position of the key (ordering, matching), so the page can mark
    each position right or wrong."""
    return {"h": " ".join(digest(salt, i, str(v)) for i, v in enumerate(question.answer))}


def permutation_tokens(question: Question) -> list[str]:
    """The token of a response given as a list of indices: ``p|<indices, comma-separated>``."""
    return ["p|" + ",".join(str(v) for v in question.answer)]


