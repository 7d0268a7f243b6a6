"""Shared pieces of the CLI: the app, consoles, and the --project option."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..escape import terminal_text
from .lazy import LazyGroup

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from ..load import Project

app = typer.Typer(
    name="factquiz",
    help="Check the fact bank against its sources, generate quizzes, and build the book.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=LazyGroup,
)
LazyGroup.source = app


def _plain_console_class() -> type[Console]:
    """:class:`PlainConsole`, defined on first use: Rich is imported only by commands that
    print (``--help`` does without it)."""
    from rich.console import Console

    class PlainConsole(Console):
        """A console that prints strings as plain text: never as Rich markup or emoji
        codes, and with escape sequences and other control characters removed (see
        :func:`~factquiz.escape.terminal_text`), so data printed cannot style, move or
        rewrite the terminal. A styled line passes ``markup=True`` and escapes its data
        with ``rich.markup.escape``; :class:`~rich.text.Text` built from data uses
        :func:`plain`.
        """

        def __init__(self, **kwargs: Any) -> None:
            super().__init__(markup=False, emoji=False, highlight=False, soft_wrap=True,
                             **kwargs)

        def render_str(self, text: str, **kwargs: Any) -> Text:
            return super().render_str(terminal_text(text), **kwargs)

    return PlainConsole


def plain(text: str, style: str = "") -> Text:
    """Data as a :class:`~rich.text.Text` for the terminal: control characters removed."""
    from rich.text import Text

    return Text(terminal_text(text), style=style)


_CONSOLES: dict[str, Console] = {}


def current_console(name: str) -> Console:
    """The console ``name`` (``console``: stdout, ``err_console``: stderr), made on first
    use; it reads the terminal's width when it is made."""
    if name not in _CONSOLES:
        _CONSOLES[name] = _plain_console_class()(stderr=name == "err_console")
    return _CONSOLES[name]


class _ConsoleHandle:
    """What a command module imports as ``console``: every use goes to the console made
    for the current process state (:func:`current_console`). A module that held the console
    itself would keep the width of the terminal it first saw, when a program runs several
    commands in one process (as the tests do, each with its own environment) and clears
    ``_CONSOLES`` between them."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attr: str) -> Any:
        return getattr(current_console(self._name), attr)


console: Console = _ConsoleHandle("console")  # type: ignore[assignment]
err_console: Console = _ConsoleHandle("err_console")  # type: ignore[assignment]


ProjectOpt = Annotated[
    Path | None,
    typer.Option(
        "--project",
        "-C",
        help="Project directory (default: found from the current directory, like git).",
        envvar="FACTQUIZ_PROJECT",
        show_default=False,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable JSON output.")]


def open_project(project: Path | None) -> Project:
    """Find and load the project named by --project or the current directory."""
    from ..load import load_project
    from ..project import project_root

    return load_project(project_root(project))


@app.callback()
def _group() -> None:
    """Keep ``app`` a command group however few command modules have been imported."""
