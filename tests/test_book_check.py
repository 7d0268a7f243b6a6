"""The book build's check (``factquiz.sphinxext.state.book_check``): the same findings as
``factquiz check``, its data findings reused while the data are unchanged (an edited page
does not invalidate them), and never stale: an edit to a page or to the data shows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from test_verify import HEADER, fact

from factquiz import cache
from factquiz.load import load_project
from factquiz.sphinxext import state
from factquiz.verify import check

PAGE = "book/lessons/raa.md"
BOTH_SIDES = ("# RAA\n\nSome say one thing{fact}`f-two`.\n"
              "Others say the other{fact}`f-one`{fact}`f-two`.\n")
ONE_SIDE = BOTH_SIDES.replace("{fact}`f-one`", "")
PAIR = (fact(extra="contested_by: [f-two]"), fact("f-two", extra="contested_by: [f-one]"))


@pytest.fixture
def root(make_project: Callable[..., Path]) -> Path:
    return make_project({"facts/raa.yml": HEADER + "".join(PAIR), PAGE: BOTH_SIDES})


def codes(root: Path) -> list[str]:
    project = load_project(root)
    found = state.book_check(project)
    assert found == check(project)
    return [f.code for f in found]


def test_a_page_edit_is_checked_again_and_the_data_check_is_reused(
        root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert codes(root) == []
    digest = state.data_digest(root)
    (root / PAGE).write_text(ONE_SIDE, encoding="utf-8")
    assert state.data_digest(root) == digest  # a page is not data
    monkeypatch.setattr(state, "check_root", lambda *a: pytest.fail("the data check ran"))
    assert codes(root) == ["contested-one-side"]
    (root / PAGE).write_text(BOTH_SIDES, encoding="utf-8")
    assert codes(root) == []


def test_a_data_edit_is_checked_again(root: Path) -> None:
    assert codes(root) == []
    facts = root / "facts" / "raa.yml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("contested_by: [f-one]", ""),
                     encoding="utf-8")
    assert codes(root) == ["contested-not-symmetric"]


def test_the_cache_off_gives_the_same_findings(root: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    (root / PAGE).write_text(ONE_SIDE, encoding="utf-8")
    monkeypatch.setenv("FACTQUIZ_NO_CACHE", "1")
    assert not cache.enabled()
    assert codes(root) == ["contested-one-side"]


def test_the_book_data_follow_the_facts_and_what_the_pages_state(root: Path) -> None:
    """The data a build reads without loading the project (cached by the data's hash), and
    the facts whose statement a page states word for word (all a quiz reads of the pages)."""
    data = state.book_data(root)
    assert sorted(data.facts_by_id) == ["f-one", "f-two"]
    assert data.stated_in_pages() == frozenset()
    stated = "Scott Morrison was Australia's prime minister at the Tokyo talks."
    (root / PAGE).write_text(BOTH_SIDES + f"\n{stated.upper()}\n", encoding="utf-8")
    assert state.book_data(root).stated_in_pages() == {"f-one", "f-two"}
    facts = root / "facts" / "raa.yml"
    text = facts.read_text(encoding="utf-8")
    second = text.index("- id: f-two")
    facts.write_text(text[:second] + text[second:].replace("at the Tokyo talks", "in 2020"),
                     encoding="utf-8")
    again = state.book_data(root)
    assert again.digest != data.digest
    assert again.facts_by_id["f-two"].statement.endswith("prime minister in 2020.")
    assert again.stated_in_pages() == {"f-one"}
