"""Where a question type's renderer pieces are: modules of its folder, found through the
registry, imported only by the renderer that needs them (so the CLI loads no ipywidgets and
a notebook no Sphinx code).
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

from . import REGISTRY


def type_module(question_type: str, part: str) -> ModuleType:
    """The ``part`` module (``widget``, ``static``) of a registered type's folder: the
    package its ``generate`` is defined in. Raises ``ModuleNotFoundError`` naming the
    module the type still lacks."""
    package = REGISTRY[question_type].generate.__module__
    name = f"{package}.{part}"
    try:
        return import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:
            raise
        raise ModuleNotFoundError(
            f"question type {question_type!r} has no {part} module: add {name} "
            f"(see factquiz.qtypes.{part})", name=name) from None
