"""The project whose content the content rules check (tests marked ``content``).

The repository by default; ``$FACTQUIZ_TEST_PROJECT`` names another one, so that the
instructor-path test can run the same rules over a copy where a lesson was just added.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CONTENT_ROOT = Path(os.environ.get("FACTQUIZ_TEST_PROJECT") or REPO).resolve()
