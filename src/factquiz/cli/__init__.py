"""The ``factquiz`` command line: a thin layer of argument parsing and output over the library.

Each command group lives in its own module and registers itself on :data:`app` when
its command runs (see :mod:`.lazy`: ``--help`` imports none of them).
Exit codes: 0 success, 1 the data has problems (findings), 2 a usage or input error,
3 an internal error of factquiz (a bug: it says how to report it).
"""

from __future__ import annotations

import os
import sys
import traceback

from ..errors import FactquizError
from . import common
from .common import app

EXIT_INTERNAL = 3
REPORT_URL = "the factquiz project's issue tracker"


def escape(text: str) -> str:
    """``text`` escaped for Rich markup (Rich is imported only when a message is printed)."""
    from rich.markup import escape as rich_escape

    return rich_escape(text)


def main() -> None:
    """Entry point: run the app, turning user errors into a message and exit code 2, and
    an unexpected error into a one-line report and exit code 3 (the traceback only with
    ``FACTQUIZ_DEBUG=1``)."""
    # The command line uses no pydantic plugins: skip pydantic's scan of every installed
    # package's entry points for them (a tenth of a quick command's start-up).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        _run()
    except SystemExit:
        raise
    except BaseException as exc:  # a bug in factquiz, never the user's data
        if os.environ.get("FACTQUIZ_DEBUG") == "1":
            traceback.print_exc()
        else:
            common.err_console.print(
                f"[bold red]internal error:[/] {escape(type(exc).__name__)}: "
                f"{escape(str(exc))}\nThis is a bug in factquiz, not a problem "
                f"with your data. Please report it to {REPORT_URL} with the command you ran "
                "and the output of the same command run with FACTQUIZ_DEBUG=1 (which shows "
                "the traceback).", markup=True)
        sys.exit(EXIT_INTERNAL)


def _run() -> None:
    try:
        code = app(standalone_mode=False)
    except FactquizError as exc:
        common.err_console.print(f"[bold red]error:[/] {escape(str(exc))}", markup=True)
        sys.exit(2)
    except OSError as exc:  # a file the command needed; the message names it
        where = f"{exc.filename}: " if exc.filename else ""
        common.err_console.print(f"[bold red]error:[/] {escape(where)}"
                                 f"{escape(exc.strerror or str(exc))}", markup=True)
        sys.exit(2)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        common.err_console.print("interrupted; nothing was written")
        sys.exit(130)
    except Exception as exc:  # click's own usage errors arrive here in non-standalone mode
        import click
        import typer

        if isinstance(exc, (click.exceptions.Abort, typer.Abort)):
            common.err_console.print("aborted; nothing was written")
            sys.exit(1)
        # typer >= 0.16 vendors click: its usage errors are TyperExceptions with show().
        if isinstance(exc, (click.ClickException, typer.TyperException)) and hasattr(exc, "show"):
            exc.show()
            sys.exit(getattr(exc, "exit_code", 2))
        raise
    # In non-standalone mode click returns the code of typer.Exit instead of exiting.
    sys.exit(code if isinstance(code, int) else 0)
