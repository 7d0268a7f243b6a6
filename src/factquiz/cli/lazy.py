"""Start-up of the command line: command modules are imported only when their command runs.

:data:`COMMANDS` is a static table of every top-level command, the module that defines it
and its one-line help. ``factquiz --help`` lists it without importing any command module
(nor pydantic, the fact model or the exporters); running a command imports its module,
which registers the command on the Typer app as usual. ``tests/test_cli_bank.py`` checks
that the table agrees with the commands the modules define.
"""

from __future__ import annotations

import re
from importlib import import_module
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup

#: Every top-level command: name -> (module under ``factquiz.cli``, one-line help).
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("bank",
        "Verify every fact against the sources; report all problems, exit 1 if any."),
    "stats": ("bank",
        "Facts per lesson, source and kind; the questions they can yield; under-used sources."),
    "schema": ("bank",
        "Write the JSON Schemas of the YAML files to schemas/ (generated from the models)."),
    "quiz": ("quiz",
        "Print one variant of a lesson's quiz, with the key only when asked (--answers)."),
    "notebooks": ("notebook",
        "Generate and execute notebooks/: one quiz per lesson and fact-check.ipynb."),
    "progress": ("notebook",
        "Show your quiz progress per lesson: attempts, first-try score, last activity."),
    "add": ("add",
        "Add a fact or an instructor question, checked against the sources before writing."),
    "new-lesson": ("add",
        "Scaffold a lesson: its entry in lessons.yml, fact file, quiz file and page."),
    "export": ("export",
        "Export one variant of a quiz for Moodle, Canvas or Anki, or as CSV or JSON."),
    "book": ("book",
        "Build the online book (Jupyter Book, warnings as errors) and print where to open it."),
}


def load_command_module(module: str) -> None:
    """Import ``factquiz.cli.<module>``, registering its commands on the app."""
    import_module(f"{__package__}.{module}")


_DIGITS = re.compile(r"[+-]?[0-9]+")


class PlainCoercion:
    """Typer's coercion of a command-line value, without pydantic for the usual cases.

    Typer converts every parameter's value with a pydantic ``TypeAdapter`` built on first
    use, so the quickest command imports pydantic and builds adapters (a fifth of a warm
    ``factquiz check``). A missing value, a ``str`` for a ``str`` parameter, digits for an
    ``int`` one (without bounds) and a path for a ``Path`` one are converted here as Typer
    would (the path by Typer's own ``coerce_cli_path``); anything else goes to Typer's
    coercion, built on first need.
    """

    def __init__(self, descriptor: Any) -> None:
        self.descriptor = descriptor
        self._typer: Any = None

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        annotation = self.descriptor.annotation
        if value is None and not (param.multiple or param.nargs == -1):
            return None
        if isinstance(value, str) and annotation is str:
            return value
        if (isinstance(value, str) and annotation is int and _DIGITS.fullmatch(value)
                and not self.descriptor.is_ranged):
            return int(value)
        if isinstance(value, str) and annotation is Path:
            from typer._param_types import coerce_cli_path

            return coerce_cli_path(Path(value), self.descriptor.parameter_info,
                                   path_type=Path, param=param, ctx=ctx)
        if self._typer is None:
            from typer._coercion import build_runtime_param

            self._typer = build_runtime_param(self.descriptor)
        return self._typer.coerce(value, param=param, ctx=ctx)


def plain_coercion(command: Any, ctx: Any) -> Any:
    """``command`` with :class:`PlainCoercion` for its plain parameters, ``--help``
    included (single values with no parser, file or choice; others keep Typer's own).
    Typer versions without this internal hook are left alone."""
    for param in command.get_params(ctx):
        descriptor = getattr(param, "type_descriptor", None)
        if (descriptor is None or getattr(param, "_runtime_param", False) is not None
                or descriptor.is_file
                or descriptor.parameter_info.parser is not None or descriptor.is_choice
                or param.multiple or param.nargs != 1):
            continue
        param._runtime_param = PlainCoercion(descriptor)
    return command


class LazyGroup(TyperGroup):
    """The top-level group: lists :data:`COMMANDS` and builds a command on first use."""

    #: The Typer app whose commands the command modules register (set by ``cli.common``,
    #: which creates the app with this group class; kept here so neither imports the other
    #: both ways).
    source: typer.Typer | None = None

    def list_commands(self, ctx: Any) -> list[str]:
        return list(dict.fromkeys([*COMMANDS, *self.commands]))

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands and cmd_name in COMMANDS and self.source is not None:
            load_command_module(COMMANDS[cmd_name][0])
            built = typer.main.get_group(self.source).commands.get(cmd_name)
            if built is not None:
                self.commands[cmd_name] = plain_coercion(built, ctx)
        return self.commands.get(cmd_name)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        plain_coercion(self, ctx)
        return super().parse_args(ctx, args)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        """Plain help (no Rich rendering) listing every command from the static table."""
        self.format_usage(ctx, formatter)
        self.format_help_text(ctx, formatter)
        self.format_options(ctx, formatter)
        self.format_epilog(ctx, formatter)

    def format_options(self, ctx: Any, formatter: Any) -> None:
        opts = [rv for p in self.get_params(ctx) if (rv := p.get_help_record(ctx)) is not None]
        if opts:
            with formatter.section("Options"):
                formatter.write_dl(opts)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        rows = [(name, COMMANDS[name][1]) for name in COMMANDS]
        with formatter.section("Commands"):
            formatter.write_dl(rows)
