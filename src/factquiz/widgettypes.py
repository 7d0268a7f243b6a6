"""What a notebook card needs of its question's type, known without loading the types.

A card shows its type's title, builds its ``controls``, writes its ``text_lines`` in the
plain-text fallback and names its ``INCOMPLETE`` message (see
:mod:`factquiz.qtypes.widget`). :func:`of_type` takes them from the registry, which loads
every question type, the fact model and pydantic. :class:`TypeTable` takes them from a
table of the built-in types kept in the cache under the digest of factquiz's code (where
each type's functions are defined, its title, its message), computed from the registry
once: functions defined outside ``factquiz.qtypes`` (the built-in types' are in
:mod:`factquiz.controls`) are imported directly, so a cached quiz is shown without
loading the question types. Any other type, or every type when the cache is off, is
looked up in the registry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Any

from . import cache

#: The cache entry of the table (shared: it names no path).
TABLE = "notebook-types"


@dataclass(frozen=True)
class TypeWidget:
    """A question type's pieces in a notebook."""

    title: str
    controls: Callable[[Any, int], Any]
    text_lines: Callable[[Any], list[str]]
    #: The name, in :data:`factquiz.messages.MESSAGES`, of what to say when Check is
    #: pressed without a complete answer.
    incomplete: str


def of_type(name: str) -> TypeWidget:
    """The pieces of the registered type ``name``, from the registry and its ``widget``
    module (``ModuleNotFoundError`` naming the module a type lacks)."""
    from .qtypes import REGISTRY
    from .qtypes.widget import widget_module

    module = widget_module(name)
    return TypeWidget(REGISTRY[name].title, module.controls, module.text_lines,
                      module.INCOMPLETE)


def _where(function: Callable[..., Any]) -> str:
    return f"{function.__module__}:{function.__qualname__}"


def table() -> dict[str, dict[str, str]]:
    """Title, message and where the functions are, of each registered type whose widget
    module is factquiz's own (the code the cache's digest covers)."""
    from .qtypes import REGISTRY
    from .qtypes.widget import widget_module

    found = {}
    for name in REGISTRY:
        try:
            module = widget_module(name)
        except ModuleNotFoundError:
            continue
        if module.__name__.startswith(f"{__package__}."):
            pieces = of_type(name)
            found[name] = {"title": pieces.title, "incomplete": pieces.incomplete,
                           "controls": _where(pieces.controls),
                           "text_lines": _where(pieces.text_lines)}
    return found


def _checked(data: Any) -> dict[str, dict[str, str]]:
    """The cached table (``TypeError`` for data of another shape)."""
    keys = {"title", "incomplete", "controls", "text_lines"}
    if not isinstance(data, dict) or not all(
            isinstance(entry, dict) and set(entry) == keys
            and all(isinstance(v, str) for v in entry.values()) for entry in data.values()):
        raise TypeError("not a table of question types")
    return data


def _load(where: str) -> Any:
    module, _, name = where.partition(":")
    return getattr(import_module(module), name)


class TypeTable:
    """The pieces of each type, by name: from the cached table where it can, else from the
    registry (see the module's docstring). ``root``: a project folder, whose cache holds
    the table."""

    def __init__(self, root: Path) -> None:
        self._table: dict[str, dict[str, str]] = {}
        if cache.enabled():
            digest = cache.project_digest(root, only=())  # of the code alone
            self._table = cache.cached(root, TABLE, table, dict, _checked, digest=digest,
                                       shared=True)
        self._known: dict[str, TypeWidget] = {}

    def __call__(self, name: str) -> TypeWidget:
        known = self._known.get(name)
        if known is None:
            known = self._known[name] = self._light(name) or of_type(name)
        return known

    def _light(self, name: str) -> TypeWidget | None:
        entry = self._table.get(name)
        inside = f"{__package__}.qtypes."
        if entry is None or any(entry[k].startswith(inside) for k in ("controls", "text_lines")):
            return None
        try:
            return TypeWidget(entry["title"], _load(entry["controls"]),
                              _load(entry["text_lines"]), entry["incomplete"])
        except (ImportError, AttributeError):  # moved since: the registry knows
            return None
