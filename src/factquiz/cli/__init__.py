"""The ``factquiz`` command line: a thin layer of argument parsing and output over the library.

Each command group lives in its own module and registers itself on :data:`app`.
Exit codes: 0 success, 1 the data has problems (findings), 2 a usage or input error.
"""

from __future__ import annotations

import sys

from ..errors import FactquizError
from .common import app, err_console

# Importing the command modules registers their commands on ``app``.
from . import bank  # noqa: E402,F401  isort: skip


def main() -> None:
    """Entry point: run the app, turning user errors into a message and exit code 2."""
    try:
        code = app(standalone_mode=False)
    except FactquizError as exc:
        err_console.print(f"[bold red]error:[/] {exc}", highlight=False)
        sys.exit(2)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        err_console.print("interrupted; nothing was written")
        sys.exit(130)
    except Exception as exc:  # click's own usage errors arrive here in non-standalone mode
        import click

        if isinstance(exc, click.exceptions.Abort):
            err_console.print("aborted; nothing was written")
            sys.exit(1)
        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        raise
    # In non-standalone mode click returns the code of typer.Exit instead of exiting.
    sys.exit(code if isinstance(code, int) else 0)
