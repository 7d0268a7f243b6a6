"""The ``export`` command: write a quiz variant for Moodle, Canvas, Anki, or as CSV/JSON."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ..escape import terminal_text
from ..export import (
    FORMATS,
    ProtectedPath,
    context_for,
    default_path,
    export_quiz,
    get_format,
    protected_reason,
)
from ..generate import make_quiz
from .common import JsonOpt, ProjectOpt, app, console, err_console, open_project

ExportFormat = Enum("ExportFormat", {name.replace("-", "_"): name for name in FORMATS}, type=str)
FORMAT_HELP = "; ".join(f"{f.name}: {f.description}" for f in FORMATS.values())


@app.command("export")
def export_command(
    quiz: Annotated[str, typer.Argument(help="Quiz id (the lesson id).")],
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help=FORMAT_HELP)],
    seed: Annotated[int | None, typer.Option("--seed", help="Variant seed (default: the quiz "
                                             "file's seed).")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write "
                                                "(default: exports/<quiz>-<seed>.<ext>).")] = None,
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
    overwritten; an existing --output file is replaced only when confirmed (or --force)."""
    loaded = open_project(project)
    variant = make_quiz(loaded, quiz, seed=seed)
    path = output or default_path(loaded.root, variant, get_format(fmt.value))
    _may_write(path, loaded.root, ask_to_replace=output is not None and not force)
    result = export_quiz(variant, fmt.value, path, context_for(loaded), strict=strict)
    if as_json:
        console.print_json(json.dumps(result.to_dict()))
        return
    for skipped in result.skipped:
        err_console.print(f"warning: left out {skipped.format()}", markup=False)
    for note in result.notes:
        err_console.print(f"note: {note}", markup=False)
    shown = loaded.shown(path)
    console.print(f"wrote {shown}: {len(result.exported)} of {len(variant.questions)} questions "
                  f"of quiz {variant.id} (seed {variant.seed}) as {fmt.value}", markup=False)


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
