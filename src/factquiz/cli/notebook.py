"""The ``factquiz notebooks`` and ``factquiz progress`` commands."""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.markup import escape
from rich.table import Table

from ..project import project_root
from .common import JsonOpt, ProjectOpt, app, console, err_console


@app.command()
def notebooks(
    project: ProjectOpt = None,
    check_only: Annotated[bool, typer.Option(
        "--check", help="Write nothing; re-execute every notebook and exit 1 if a committed "
        "one differs.")] = False,
    force: Annotated[bool, typer.Option(
        "--force", help="Re-execute every notebook, even those whose inputs did not "
        "change.")] = False,
) -> None:
    """Generate and execute notebooks/: one quiz per lesson and fact-check.ipynb.

    Only notebooks whose inputs (facts, sources, lessons, their quiz file, factquiz's code)
    changed since they were written are executed again.
    """
    # nbformat takes most of a second to import: load it only for this command.
    from ..notebooks import NOTEBOOKS_DIR, stale_notebooks, write_notebooks

    root = project_root(project)
    if check_only:
        stale = stale_notebooks(root)
        for name in stale:
            err_console.print(f"{NOTEBOOKS_DIR}/{name} is stale; run `factquiz notebooks`")
        if not stale:
            console.print("notebooks are up to date")
        raise typer.Exit(1 if stale else 0)
    changed = write_notebooks(root, force=force)
    for path in changed:
        verb = "wrote" if path.exists() else "removed"
        console.print(f"{verb} {NOTEBOOKS_DIR}/{path.name}")
    if not changed:
        console.print("notebooks are up to date")


@app.command("progress")
def progress_command(
    project: ProjectOpt = None,
    as_json: JsonOpt = False,
    file: Annotated[Path | None, typer.Option(
        "--file", help="Progress file (default: $FACTQUIZ_PROGRESS or "
        "~/.factquiz/progress.json).", show_default=False)] = None,
) -> None:
    """Show your quiz progress per lesson: attempts, first-try score, last activity."""
    from ..attempts import ProgressWarning, bar, percent, progress

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ProgressWarning)
        summary = progress(path=file, project=project)
    for warning in caught:
        err_console.print(f"[bold yellow]warning:[/] {escape(str(warning.message))}", markup=True)
    if as_json:
        console.print_json(json.dumps(summary.to_dict()))
        return
    table = Table(title="Quiz progress per lesson", title_justify="left", box=box.SIMPLE_HEAD,
                  pad_edge=False)
    table.add_column("Lesson", no_wrap=True)
    for header in ("Attempts", "Questions", "First try"):
        table.add_column(header, justify="right", no_wrap=True, min_width=len(header))
    table.add_column("Score", no_wrap=True)
    table.add_column("Last", no_wrap=True, min_width=10)
    for row in summary.rows:
        table.add_row(row.lesson, str(row.attempts), str(row.questions),
                      str(row.first_try_correct),
                      f"{percent(row.accuracy):>4} {bar(row.accuracy, 10)}",
                      (row.last or "—")[:10])
    console.print(table)
    if not summary.total_attempts:
        console.print("No attempts yet: open a quiz notebook in notebooks/ and press Check.")
    else:
        total = sum(r.first_try_correct for r in summary.rows)
        asked = sum(r.questions for r in summary.rows)
        console.print(f"{summary.total_attempts} attempts; {total} of {asked} questions right "
                      f"at the first try ({percent(total / asked if asked else None)})")
    console.print(f"Progress file: {summary.path}")

