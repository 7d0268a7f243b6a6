"""The book for builders other than HTML (Sphinx's text builder): what the extension keeps
as data while a page is read (a page's notes, its citation marks' text, the sources page's
entries; see ``factquiz.sphinxext.expand``) is written in full when the page is written."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from books import copy_small_book

from factquiz.load import load_project
from factquiz.quotes import quoted

pytestmark = [pytest.mark.slow]


def flat(text: str) -> str:
    """``text`` (a built text page) with its line breaks and indents as single spaces and
    the words it broke at a hyphen joined again."""
    return " ".join(re.sub(r"-\n\s*", "-", text).split())


def built(root: Path, name: str) -> str:
    return flat((root / "_build" / "text" / "book" / f"{name}.txt").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def text_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small book built by Sphinx's text builder (warnings are errors)."""
    root = copy_small_book(tmp_path_factory.mktemp("text") / "small")
    proc = subprocess.run(
        [sys.executable, "-c", "from jupyter_book.cli.main import main; main()", "build",
         str(root), "--builder", "custom", "--custom-builder", "text", "-W", "--keep-going"],
        cwd=root, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
    return root


def test_pages_have_their_marks_and_notes_as_text(text_book: Path) -> None:
    project = load_project(text_book)
    page = (text_book / "book" / "index.md").read_text(encoding="utf-8")
    cited = list(dict.fromkeys(re.findall(r"\{fact\}`([^`]+)`", page)))
    text = built(text_book, "index")
    assert cited and "-[ Notes and sources ]-" in text
    for number, fact_id in enumerate(cited, 1):
        assert f"\u2060[{number}]" in text  # the mark, joined to its word
        evidence = project.facts_by_id[fact_id].evidence
        assert f"{number}. {flat(quoted(evidence[0].quote))} [" in text, fact_id
        assert all(flat(quoted(e.quote)) in text for e in evidence), fact_id


def test_the_sources_page_lists_each_source_and_the_facts_citing_it(text_book: Path) -> None:
    project = load_project(text_book)
    text = built(text_book, "sources")
    for source in project.sources.values():
        assert f'Source id: "{source.meta.id}"' in text
        citing = [(f, e) for f in project.facts_by_id.values() for e in f.evidence
                  if e.source == source.id]
        assert (f"Facts that cite this source: {len({f.id for f, _ in citing})}." if citing
                else "No fact cites this source yet.") in text
        for fact, evidence in citing:
            lesson = project.lessons[fact.lesson].title
            assert flat(f'"{fact.id}": {fact.statement} (lesson: {lesson})') in text, fact.id
            assert flat(quoted(evidence.quote)) in text, fact.id
