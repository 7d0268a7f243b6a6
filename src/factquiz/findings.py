"""Findings: what verification reports, located at file:line:column, with a fix."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Literal, Protocol

Severity = Literal["error", "warning"]


class _Located(Protocol):
    path: str

    def at(self, *loc: str | int) -> tuple[int, int]: ...


class _Fact(Protocol):
    """What :func:`fact_warning` needs of a :class:`~factquiz.model.Fact` (named
    structurally, so that reading cached findings imports neither the model nor pydantic)."""

    @property
    def id(self) -> str: ...

    @property
    def distractors(self) -> Sequence[str]: ...


class Locates(Protocol):
    """What :func:`fact_warning` needs of a project: where each fact was loaded from."""

    def located(self, fact_id: str) -> _Located: ...


@dataclass(frozen=True, order=True)
class Finding:
    """One problem in the project's data, as a compiler would report it."""

    path: str
    line: int
    col: int
    code: str
    message: str
    hint: str = ""
    item: str = ""  # the fact, quiz or source id the finding is about
    severity: Severity = "error"
    suggestion: str = ""  # e.g. the closest passage in the source
    #: What the suggestion is, shown before it; empty when it reads on its own
    #: ("did you mean 'raa-tokyo'?").
    suggestion_label: str = "closest passage"

    def format(self) -> str:
        """``path:line:col: error[code] item: message`` plus indented suggestion and fix."""
        who = f"{self.item}: " if self.item else ""
        where = f"{self.path}:{self.line}:{self.col}"
        text = f"{where}: {self.severity}[{self.code}] {who}{self.message}"
        if self.suggestion:
            label = f"{self.suggestion_label}: " if self.suggestion_label else ""
            text += f"\n    {label}{self.suggestion}"
        if self.hint:
            text += f"\n    fix: {self.hint}"
        return text

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def fact_warning(project: Locates, fact: _Fact, code: str, message: str, hint: str,
                 loc: tuple[str | int, ...] | None = None,
                 severity: Severity = "warning") -> Finding:
    """A finding about ``fact`` at the field ``loc`` of its entry (default: its
    distractors, else its answer)."""
    located = project.located(fact.id)
    if loc is None:
        loc = ("distractors",) if fact.distractors else ("answer",)
    line, col = located.at(*loc)
    return Finding(located.path, line, col, code, message, hint, fact.id, severity=severity)
