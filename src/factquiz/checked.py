"""``factquiz check`` with its result reused while nothing it depends on has changed.

:func:`check_root` returns what :func:`factquiz.verify.check` finds for a project,
cached by the project's content digest (see :mod:`factquiz.cache`): a second ``check``
of an unchanged project, or the book build after it, loads no YAML and verifies nothing.
The result is shared by every copy of the project with the same files (findings name files
relative to the project).
"""

from __future__ import annotations

from collections.abc import Sized
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from . import cache
from .findings import Finding


class LoadedProject(Protocol):
    """What :func:`check_root` needs of a loaded :class:`~factquiz.load.Project` (named
    structurally, so that a cache hit imports neither the loader nor pydantic)."""

    facts: Sized
    sources: Sized


@dataclass(frozen=True)
class CheckResult:
    """The findings of a check and the size of the bank checked."""

    findings: list[Finding]
    facts: int
    sources: int

    def to_json(self) -> dict[str, Any]:
        return {"facts": self.facts, "sources": self.sources,
                "findings": [f.to_dict() for f in self.findings]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CheckResult:
        return cls([Finding(**f) for f in data["findings"]], int(data["facts"]),
                   int(data["sources"]))


def check_root(root: Path, project: LoadedProject | None = None,
               digest: str | None = None) -> CheckResult:
    """Every finding for the project at ``root`` (``project``, when it is loaded already),
    from the cache when the project's files and factquiz are as they were (``digest``, their
    :func:`~factquiz.cache.project_digest`, when the caller computed it already)."""

    def compute() -> CheckResult:
        from .load import load_project
        from .verify import check

        loaded = project if project is not None else load_project(root)
        return CheckResult(check(loaded), len(loaded.facts), len(loaded.sources))  # type: ignore[arg-type]

    return cache.cached(root, "check", compute, CheckResult.to_json, CheckResult.from_json,
                        digest, shared=True)
