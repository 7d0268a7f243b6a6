"""Running the ``factquiz`` command as a user would, for CLI tests.

:func:`run` runs the command in this process, through the same entry point as
``python -m factquiz`` (:func:`factquiz.cli.main`: the same exit codes, messages and
internal-error report), with its own working directory, environment, standard input and
captured output. It saves the one to two seconds of CPU a new interpreter spends importing
factquiz and its dependencies, which most CLI tests do not test. :func:`run_process` runs a
real ``python -m factquiz`` for the tests that are about the process itself (a fresh
interpreter's imports, a kill, a command that starts kernels or Sphinx).
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: Commands that start other programs or hold process-wide state (Jupyter kernels, Sphinx):
#: :func:`run` gives them a process of their own.
OWN_PROCESS = frozenset({"notebooks", "book"})


def environment(env: dict[str, str] | None) -> dict[str, str]:
    """The command's environment: this one with a wide terminal and ``env``;
    ``FACTQUIZ_PROJECT`` is cleared unless ``env`` is given, so the project is the one
    found from the working directory."""
    environ = {**os.environ, "COLUMNS": "200", **(env or {})}
    if env is None:
        environ.pop("FACTQUIZ_PROJECT", None)
    return environ


def run_process(*args: str, cwd: Path, stdin: str | None = None,
                env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m factquiz ARGS`` in a new process in ``cwd`` (see :func:`run`)."""
    return subprocess.run([sys.executable, "-m", "factquiz", *args], cwd=cwd,
                          env=environment(env), input=stdin,
                          stdin=None if stdin is not None else subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=120)


class _Stdin(io.StringIO):
    """Standard input fed from a string, not a terminal (as a pipe is)."""

    def isatty(self) -> bool:
        return False


@contextmanager
def _as_a_process(cwd: Path, environ: dict[str, str], stdin: str,
                  args: tuple[str, ...]) -> Iterator[tuple[io.StringIO, io.StringIO]]:
    """This process as the command would find its own: working directory, environment,
    argv, standard streams and fresh consoles (Rich reads the width when one is made);
    everything restored afterwards."""
    from factquiz.cli import common

    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    saved_streams = sys.argv, sys.stdin, sys.stdout, sys.stderr
    out, err = io.StringIO(), io.StringIO()
    os.environ.clear()
    os.environ.update(environ)
    os.chdir(cwd)
    sys.argv, sys.stdin, sys.stdout, sys.stderr = ["factquiz", *args], _Stdin(stdin), out, err
    common._CONSOLES.clear()
    try:
        yield out, err
    finally:
        common._CONSOLES.clear()
        sys.argv, sys.stdin, sys.stdout, sys.stderr = saved_streams
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)


def run(*args: str, cwd: Path, stdin: str | None = None,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``factquiz ARGS`` in ``cwd`` with a wide terminal, as ``python -m factquiz``.

    ``FACTQUIZ_PROJECT`` is cleared unless ``env`` is given, so the project is the one
    found from ``cwd``; ``stdin`` is fed to prompts (none means no input at all). Runs in
    this process, but for :data:`OWN_PROCESS` commands.
    """
    if args and args[0] in OWN_PROCESS:
        return run_process(*args, cwd=cwd, stdin=stdin, env=env)
    from factquiz.cli import main

    with _as_a_process(Path(cwd), environment(env), stdin or "", args) as (out, err):
        try:
            main()
            code = 0
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
            if isinstance(done.code, str):
                print(done.code, file=sys.stderr)
    return subprocess.CompletedProcess(["factquiz", *args], code, out.getvalue(), err.getvalue())
