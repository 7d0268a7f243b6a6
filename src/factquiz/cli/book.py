"""The ``factquiz book`` command: build the online book and say where to open it."""

from __future__ import annotations

from typing import Annotated

import typer

from ..book import BookBuildFailed, build_book
from ..project import project_root
from .common import ProjectOpt, app, console, err_console


@app.command()
def book(
    project: ProjectOpt = None,
    strict: Annotated[bool, typer.Option(
        "--strict/--no-strict", help="Treat every warning as an error (the default).")] = True,
    force: Annotated[bool, typer.Option(
        "--force", help="Build even if nothing changed since the last successful build.")]
        = False,
) -> None:
    """Build the online book (Jupyter Book, warnings as errors) and print where to open it."""
    root = project_root(project)
    console.print(f"building the book in {root} ...")
    try:
        index = build_book(root, strict=strict, force=force)
    except BookBuildFailed as exc:
        err_console.print(str(exc), markup=False)
        raise typer.Exit(1) from None
    console.print(f"built: open {index.as_uri()}", markup=False)
