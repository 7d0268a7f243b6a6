"""Shared pieces of the CLI: the app, consoles, and the --project option."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from ..load import Project, load_project
from ..project import project_root

app = typer.Typer(
    name="factquiz",
    help="Check the fact bank against its sources, generate quizzes, and build the book.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)

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
    return load_project(project_root(project))
