"""The ``export`` command: write a quiz variant for Moodle, Canvas, Anki, or as CSV/JSON."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ..errors import FactquizError
from ..escape import terminal_text
from ..export import (
    FORMATS,
    ExportResult,
    ProtectedPath,
    context_for,
    default_path,
    export_quiz,
    get_format,
    protected_reason,
)
from ..generate import Quiz, make_quiz
from .common import JsonOpt, ProjectOpt, app, console, err_console, open_project

ExportFormat = Enum("ExportFormat", {name.replace("-", "_"): name for name in FORMATS}, type=str)
FORMAT_HELP = "; ".join(f"{f.name}: {f.description}" for f in FORMATS.values())


@app.command("export")
def export_command(
    quiz: Annotated[str | None, typer.Argument(help="Quiz id (the lesson id).",
                                               show_default=False)] = None,
    fmt: Annotated[list[ExportFormat] | None, typer.Option(
        "--format", "-f", help=f"{FORMAT_HELP}. With --all it may be repeated (default: every "
        "format).", show_default=False)] = None,
    every: Annotated[bool, typer.Option("--all", help="Export every lesson's quiz, in each "
                                        "--format (default: all), in one run.")] = False,
    seed: Annotated[int | None, typer.Option("--seed", help="Variant seed (default: the quiz "
                                             "file's seed).")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write "
                                                "(default: exports/<quiz>-<seed>.<ext>); with "
                                                "--all, the folder to write into.")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Write nothing if any question cannot "
                                         "be carried by the format.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing --output file "
                                        "without asking (never project data).")] = False,
    project: ProjectOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Export one variant of a quiz for Moodle, Canvas or Anki, or as CSV or JSON.

    Questions a format cannot carry are named, never dropped silently: they are left out
    with a warning, or with --strict nothing is written. The project's data is never
    overwritten; an existing --output file is replaced only when confirmed (or --force).
    --all exports every lesson in every format asked for (each file written atomically)."""
    formats = [f.value for f in fmt or []]
    if every == (quiz is not None):
        raise FactquizError("name one quiz (a lesson id) or pass --all, not both"
                            if every else "name the quiz to export (a lesson id), or pass --all")
    if not every and len(formats) != 1:
        raise FactquizError("choose one format with -f/--format (several only with --all): "
                            + ", ".join(FORMATS))
    loaded = open_project(project)
    context = context_for(loaded)
    results = []
    for quiz_id in (list(loaded.lessons) if every else [quiz]):
        variant = make_quiz(loaded, quiz_id, seed=seed)
        for name in formats or list(FORMATS):
            path = default_path(loaded.root, variant, get_format(name))
            if every and output is not None:
                path = output / path.name
            elif output is not None:
                path = output
            _may_write(path, loaded.root, ask_to_replace=output is not None and not force)
            path.parent.mkdir(parents=True, exist_ok=True)
            result = export_quiz(variant, name, path, context, strict=strict)
            results.append(result)
            if not as_json:
                _report(result, variant, loaded.shown(path))
    if as_json:
        console.print_json(json.dumps(results[0].to_dict() if not every
                                      else [r.to_dict() for r in results]))


def _report(result: ExportResult, variant: Quiz, shown: str) -> None:
    """What one export wrote and what it left out, as the terminal shows it."""
    for skipped in result.skipped:
        err_console.print(f"warning: left out {skipped.format()}", markup=False)
    for note in result.notes:
        err_console.print(f"note: {note}", markup=False)
    console.print(f"wrote {shown}: {len(result.exported)} of {len(variant.questions)} questions "
                  f"of quiz {variant.id} (seed {variant.seed}) as {result.format}", markup=False)


def _may_write(path: Path, root: Path, ask_to_replace: bool) -> None:
    """Refuse project data; for an existing file, ask (or, without a terminal, require
    --force). Raises :class:`ProtectedPath`, or exits 1 when the user declines."""
    reason = protected_reason(path, root)
    if reason is not None:
        raise ProtectedPath(f"{reason}; nothing was written")
    if not ask_to_replace or not (path.exists() or path.is_symlink()):
        return
    if not sys.stdin.isatty():
        raise ProtectedPath(f"{path} exists; pass --force to replace it, or choose another "
                            "--output; nothing was written")
    if not typer.confirm(terminal_text(f"{path} exists. Replace it?"), default=False):
        err_console.print("nothing was written")
        raise typer.Exit(1)
