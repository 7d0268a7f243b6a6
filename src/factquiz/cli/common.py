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


def __getattr__(name: str) -> Any:
    """``console`` (stdout) and ``err_console`` (stderr), made on first use."""
    if name in ("console", "err_console"):
        if name not in _CONSOLES:
            _CONSOLES[name] = _plain_console_class()(stderr=name == "err_console")
        return _CONSOLES[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
