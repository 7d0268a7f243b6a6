"""Running the ``factquiz`` command as a user would, for CLI tests.

:func:`run` runs the command in this process, through the same entry point as
``python -m factquiz`` (:func:`factquiz.cli.main`: the same exit codes, messages and
internal-error report), with its own working directory, environment, standard input and
captured output. It saves the one to two seconds of CPU a new interpreter spends importing
factquiz and its dependencies, which most CLI tests do not test. :func:`run_process` runs a
real ``python -m factquiz`` for the tests that are about the process itself (a fresh
interpreter's imports, a command that starts kernels or Sphinx); :func:`run_forked`, in a
child forked from this process, for tests that need a process of their own but not a new
interpreter (privileges dropped, faults injected, a kill); :func:`start_command` and
:func:`start_forked` start such a child (a command, or any function) without waiting for it,
for tests of concurrent writers.
"""

from __future__ import annotations

import io
import os
import selectors
import signal
import subprocess
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
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


def _exit_code(done: SystemExit) -> int:
    """The exit status a process ending with ``done`` has, as Python's own exit gives it."""
    return done.code if isinstance(done.code, int) else (0 if done.code is None else 1)


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
            code = _exit_code(done)
            if isinstance(done.code, str):
                print(done.code, file=sys.stderr)
    return subprocess.CompletedProcess(["factquiz", *args], code, out.getvalue(), err.getvalue())


class Forked:
    """A child forked from this process, running a function with its standard output and
    error piped back (see :func:`start_forked`); like a :class:`subprocess.Popen`."""

    def __init__(self, pid: int, out_fd: int, err_fd: int) -> None:
        self.pid, self._out, self._err = pid, out_fd, err_fd
        self.returncode: int | None = None

    def poll(self) -> int | None:
        """The exit code (negative for a signal) once the child ended, else None."""
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def kill(self) -> None:
        """Kill the child (SIGKILL), unless it has ended already."""
        if self.returncode is None:
            with suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)

    def wait(self, timeout: float = 120) -> int:
        """The exit code, once the child ended (its output read and dropped)."""
        self.communicate(timeout)
        assert self.returncode is not None
        return self.returncode

    def communicate(self, timeout: float = 120) -> tuple[str, str]:
        """Everything the child wrote to its standard output and error, once it ended
        (killed after ``timeout`` seconds, raising :class:`subprocess.TimeoutExpired`)."""
        out, err = _read_both(self._out, self._err, self.pid, timeout)
        if self.returncode is None:
            _, status = os.waitpid(self.pid, 0)
            self.returncode = os.waitstatus_to_exitcode(status)
        return out, err


def start_forked(target: Callable[[], object], cwd: Path | None = None,
                 environ: dict[str, str] | None = None, stdin: int | None = None) -> Forked:
    """Run ``target()`` in a child forked from this process (its imports done), in ``cwd``
    with ``environ`` when given, its standard input the file descriptor ``stdin`` (a
    terminal, say) or empty. The child exits 0 when
    ``target`` returns, with the code of a :class:`SystemExit`, or 70 after printing the
    traceback of any other exception; it never returns into this process."""
    out_read, out_write = os.pipe()
    err_read, err_write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the test process
        code = 70
        try:
            os.close(out_read)
            os.close(err_read)
            given = os.open(os.devnull, os.O_RDONLY) if stdin is None else stdin
            for fd, target_fd in ((given, 0), (out_write, 1), (err_write, 2)):
                os.dup2(fd, target_fd)
            sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115
            sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
            sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
            if cwd is not None:
                os.chdir(cwd)
            if environ is not None:
                os.environ.clear()
                os.environ.update(environ)
            target()
            code = 0
        except SystemExit as done:
            code = _exit_code(done)
        except BaseException:
            traceback.print_exc()
        finally:
            for stream in (sys.stdout, sys.stderr):
                with suppress(BaseException):
                    stream.flush()
            os._exit(code)
    os.close(out_write)
    os.close(err_write)
    return Forked(pid, out_read, err_read)


def start_command(*args: str, cwd: Path, env: dict[str, str] | None = None,
                  prepare: Callable[[], None] | None = None, stdin: int | None = None) -> Forked:
    """Start ``factquiz ARGS`` in a forked child (see :func:`run_forked`), not waiting."""
    from factquiz.cli import main

    def command() -> None:
        from factquiz.cli import common

        sys.argv = ["factquiz", *args]
        common._CONSOLES.clear()
        if prepare is not None:
            prepare()
        main()

    return start_forked(command, cwd, environment(env), stdin)


def run_forked(*args: str, cwd: Path, env: dict[str, str] | None = None,
               prepare: Callable[[], None] | None = None, timeout: float = 120,
               stdin: int | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``factquiz ARGS`` in a child forked from this process, as :func:`run` would.

    For tests about the process (a user id of its own, a fault injected into the
    child's own functions by ``prepare``, a kill) that need not pay for a new
    interpreter's imports. ``prepare`` runs in the child just before the command.
    ``returncode`` is negative for a signal, as for :mod:`subprocess`; an exception
    escaping the entry point is printed with its traceback (the tests look for one).
    ``stdin``: a file descriptor for its standard input (a terminal), else it has none.
    """
    child = start_command(*args, cwd=cwd, env=env, prepare=prepare, stdin=stdin)
    out, err = child.communicate(timeout)
    return subprocess.CompletedProcess(["factquiz", *args], child.returncode or 0, out, err)


def _read_both(out_fd: int, err_fd: int, pid: int, timeout: float) -> tuple[str, str]:
    """Everything the child writes to both pipes until it closes them (killed after
    ``timeout`` seconds, as :func:`subprocess.run` would)."""
    chunks: dict[int, list[bytes]] = {out_fd: [], err_fd: []}
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as selector:
        for fd in chunks:
            selector.register(fd, selectors.EVENT_READ)
        while selector.get_map():
            left = deadline - time.monotonic()
            if left <= 0:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                raise subprocess.TimeoutExpired(["factquiz"], timeout)
            for key, _ in selector.select(left):
                data = os.read(key.fd, 65536)
                if data:
                    chunks[key.fd].append(data)
                else:
                    selector.unregister(key.fd)
                    os.close(key.fd)
    return tuple(b"".join(chunks[fd]).decode("utf-8", "replace")  # type: ignore[return-value]
                 for fd in (out_fd, err_fd))
