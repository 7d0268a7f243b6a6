"""nbval runs these notebooks with quiz progress in a throw-away file, never in ~/.factquiz.

The kernels nbval starts inherit this environment; their working directory is this
folder, from which ``factquiz`` finds the project (like the CLI does).
"""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

_TMP = tempfile.mkdtemp(prefix="factquiz-nbval-")


def pytest_configure(config: pytest.Config) -> None:
    os.environ["FACTQUIZ_PROGRESS"] = os.path.join(_TMP, "progress.json")
    os.environ.pop("FACTQUIZ_PROJECT", None)


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_TMP, ignore_errors=True)
