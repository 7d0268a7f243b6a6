"""Running the ``factquiz`` command in a subprocess, as a user would, for CLI tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run(*args: str, cwd: Path, stdin: str | None = None,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m factquiz ARGS`` in ``cwd`` with a wide terminal.

    ``FACTQUIZ_PROJECT`` is cleared unless ``env`` is given, so the project is the one
    found from ``cwd``; ``stdin`` is fed to prompts (none means no input at all).
    """
    environ = {**os.environ, "COLUMNS": "200", **(env or {})}
    if env is None:
        environ.pop("FACTQUIZ_PROJECT", None)
    return subprocess.run([sys.executable, "-m", "factquiz", *args], cwd=cwd, env=environ,
                          input=stdin, stdin=None if stdin is not None else subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=120)
