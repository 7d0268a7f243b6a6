"""factquiz: source-checked facts, quizzes and a book.

``factquiz.show("raa")`` and ``factquiz.progress()`` are for notebooks; they are imported
on first use so that ``import factquiz`` (and the command line) never loads ipywidgets.
"""

from __future__ import annotations

from typing import Any

__all__ = ["progress", "show"]

_LAZY = {"show": "widgets", "progress": "attempts"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'factquiz' has no attribute {name!r}")
