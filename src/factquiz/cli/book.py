"""The ``factquiz book`` command: build the online book and say where to open it."""

from __future__ import annotations

from typing import Annotated

import typer

from ..book import BookBuildFailed, build_book, inputs_digest, is_current
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
    current = not force and is_current(root, inputs_digest(root, strict))
    console.print("the book is up to date: nothing changed since it was built (--force "
                  "builds it again)" if current else f"building the book in {root} ...")
    try:
        index = build_book(root, strict=strict, force=force)
    except BookBuildFailed as exc:
        err_console.print(str(exc), markup=False)
        raise typer.Exit(1) from None
    console.print(f"{'' if current else 'built: '}open {index.as_uri()}", markup=False)
