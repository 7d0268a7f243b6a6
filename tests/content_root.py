"""The project whose content the content rules check (tests marked ``content``).

The repository by default; ``$FACTQUIZ_TEST_PROJECT`` names another one, so that the
instructor-path test can run the same rules over a copy where a lesson was just added.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from factquiz.factbank import Bank
    from factquiz.load import Project
    from factquiz.model import Fact

REPO = Path(__file__).resolve().parents[1]
CONTENT_ROOT = Path(os.environ.get("FACTQUIZ_TEST_PROJECT") or REPO).resolve()


@cache
def content_project() -> Project:
    """The project at :data:`CONTENT_ROOT`, loaded once per test process and shared by the
    content rules (with its banks and their caches). Read-only: a test that changes a
    project works on a copy (``make_project``)."""
    from factquiz.load import load_project

    return load_project(CONTENT_ROOT)


def capable_facts(qtype: str) -> Iterator[tuple[Bank, Fact]]:
    """Each lesson's bank of the content project, with each fact of that lesson that can
    yield a ``qtype`` question (its ``why_not`` is None)."""
    from factquiz.factbank import Bank
    from factquiz.qtypes import REGISTRY

    project = content_project()
    why_not = REGISTRY[qtype].why_not
    for lesson in project.lessons:
        bank = Bank.of(project, lesson)
        for fact in bank.facts:
            if fact.lesson == lesson and why_not(fact, bank) is None:
                yield bank, fact
