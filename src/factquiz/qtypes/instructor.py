"""How ``factquiz add question`` writes an instructor question of a type: its form.

Each type's ``instructor`` module defines an :class:`InstructorForm`: the fields the type
needs, how the values given as command-line options become those fields, what to ask
at the terminal for the ones missing, and an example the contract test runs through
both paths. The command dispatches through the registry, so a new type that brings a
form needs no edit of the command (unless it needs an option the command does not have).

Values are keyed by field name: the command gives each option's value as typed (strings,
lists of strings, the ``--tolerance`` number) under the field it fills
(``--choice`` → ``choices``, ``--item`` → ``items``, ``--pair`` → ``pairs``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from ..errors import FactquizError
from ..model import Level


class Prompter(Protocol):
    """The questions a form may ask at the terminal. ``field`` names the field the answer
    fills (a scripted prompter, in tests, answers by it)."""

    def text(self, field: str, label: str, default: str | None = None) -> str:
        """One line of text (blank refused unless there is a default)."""
        ...

    def number(self, field: str, label: str, default: str | None = None) -> int | float:
        """A number (an int when whole)."""
        ...

    def lines(self, field: str, label: str) -> list[str]:
        """Several lines, one item each."""
        ...

    def choose(self, field: str, label: str, options: list[tuple[str, str]],
               default: str | None = None) -> str:
        """One of ``options`` (id, description)."""
        ...

    def confirm(self, field: str, label: str, default: bool = True) -> bool:
        """Yes or no."""
        ...


class Ask(Protocol):
    """``ask(fields, wanted, prompter)``: fill those of the type's fields in ``fields`` that
    ``wanted`` accepts (the missing ones at first; later, those a refusal pointed at),
    asking ``prompter``."""

    def __call__(self, fields: dict[str, Any], wanted: Callable[[str], bool],
                 prompter: Prompter) -> None: ...


@dataclass(frozen=True)
class InstructorForm:
    """How ``add question`` asks for and reads the fields of one question type."""

    #: Field -> what it holds for this type (the command's option help is made of these).
    fields: Mapping[str, str]
    #: The fields a question of the type cannot do without.
    needs: tuple[str, ...]
    #: The fields from the values given as options (see the module docstring); raises
    #: :class:`~factquiz.errors.FactquizError` for a value the type cannot read.
    read: Callable[[Mapping[str, Any]], dict[str, Any]]
    ask: Ask
    #: Option values of a valid example question (for the contract test).
    example: Mapping[str, Any]
    #: Said after "Prompt" when asking for it (e.g. where the blank goes).
    prompt_hint: str = ""


def same(values: Mapping[str, Any], *names: str) -> dict[str, Any]:
    """The values of ``names`` as they were given (text and lists need no reading)."""
    return {name: values.get(name) for name in names}


def read_bool(value: object, what: str) -> bool | None:
    """``true``/``false`` (any case) as a bool; None stays None."""
    if value is None or isinstance(value, bool):
        return value
    lowered = str(value).strip().lower()
    if lowered not in ("true", "false"):
        raise FactquizError(f"{what} is true or false, not {value!r}")
    return lowered == "true"


def read_number(value: object, what: str) -> int | float | None:
    """A number given as text (an int when whole); None stays None."""
    if value is None:
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise FactquizError(f"{what} is a number, not {value!r}") from None
    return int(number) if number.is_integer() else number


#: Other spellings of a level that ``--level`` accepts (American English).
LEVEL_SPELLINGS = {"analyze": Level.analyse}


def read_level(value: object) -> str | None:
    """A level of :class:`~factquiz.model.Level` given as text (any case, "analyze" too)
    as its value; None stays None. Anything else is refused, naming the levels."""
    if value is None:
        return None
    text = str(value).strip().lower()
    level = LEVEL_SPELLINGS.get(text) or next((lv for lv in Level if lv.value == text), None)
    if level is not None:
        return level.value
    known = ", ".join(lv.value for lv in Level)
    why = (" (no question type asks students to create: factquiz's levels stop at evaluate)"
           if text == "create" else "")
    raise FactquizError(f"--level {value!r} is not a level{why}; use one of: {known} "
                        "(Bloom's taxonomy, lowest first)")
