"""The notebooks in notebooks/: current, free of the answer key, and nbval's contract.

The first tests are content rules (marked ``content``) over the committed notebooks: a
stale notebook fails one test, which says to run `factquiz notebooks`; the others look
only at notebooks that are current, so staleness is never reported as something else.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import nbformat
import pytest
from content_root import REPO
from fixture_project import new_project

from factquiz import notebooks as notebooks_module
from factquiz.factcheck import fact_check
from factquiz.generate import make_quiz, quiz_definition
from factquiz.load import load_project
from factquiz.notebooks import (
    FACT_CHECK,
    NotebookExecutionError,
    execute,
    outdated_notebooks,
    stale_notebooks,
    write_notebooks,
)
from factquiz.quizmodel import Quiz

SHOW_CELL = re.compile(r'\Aimport factquiz\n\nfactquiz\.show\("([a-z0-9-]+)", seed=(\d+)\)\Z')
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def committed_quiz_notebooks(root: Path) -> list[Path]:
    """The quiz notebooks in ``root``'s notebooks/ that are current (see the first test)."""
    outdated = set(outdated_notebooks(root))
    return sorted(p for p in (root / "notebooks").glob("quiz-*.ipynb")
                  if p.name not in outdated)


def strings(value: Any) -> Iterator[str]:
    """Every string inside a JSON value (keys included)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


@pytest.mark.content
def test_committed_notebooks_are_current(repo_root: Path) -> None:
    """Each notebook records the hash of its inputs; nbval re-executes and compares them."""
    assert outdated_notebooks(repo_root) == [], "run `factquiz notebooks` and commit the result"


@pytest.mark.content
def test_there_is_a_quiz_notebook_per_lesson_and_a_fact_check(repo_root: Path) -> None:
    project = load_project(repo_root)
    names = sorted(p.name for p in (repo_root / "notebooks").glob("*.ipynb"))
    lessons = {f.lesson for f in project.facts} | set(project.quizzes)
    assert names == sorted([FACT_CHECK, *(f"quiz-{lesson}.ipynb" for lesson in lessons)])


@pytest.mark.content
def test_quiz_notebook_cells_hold_only_the_call_that_shows_the_quiz(repo_root: Path) -> None:
    for path in committed_quiz_notebooks(repo_root):
        nb = json.loads(path.read_text(encoding="utf-8"))
        code = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
        match = SHOW_CELL.match(code[0])
        assert match and path.name == f"quiz-{match.group(1)}.ipynb", code[0]
        assert code[1:] == ["factquiz.progress()"]
        for cell in nb["cells"]:
            assert cell["cell_type"] != "raw"


@pytest.mark.content
def test_executed_quiz_notebooks_reveal_no_answer(repo_root: Path) -> None:
    """Outputs and saved widget state show questions and options, never the key."""
    project = load_project(repo_root)
    lesson_titles = [lesson.title for lesson in project.lessons.values()]
    for path in committed_quiz_notebooks(repo_root):
        nb = json.loads(path.read_text(encoding="utf-8"))
        match = SHOW_CELL.match("".join(nb["cells"][1]["source"]))
        assert match
        quiz = make_quiz(project, match.group(1), seed=int(match.group(2)))
        # What a student may see before answering: the quiz's own text.
        visible = {quiz.title, *lesson_titles}
        for question in quiz.questions:
            visible |= {question.prompt, *question.options, *question.items}
        visible |= {html.escape(v, quote=False) for v in visible}
        shown = [s for cell in nb["cells"] for out in cell.get("outputs", [])
                 for s in strings(out)]
        state = nb["metadata"]["widgets"][WIDGET_STATE]["state"]
        shown += list(strings(state))
        residue = "\n".join(shown)
        for text in sorted(visible, key=len, reverse=True):
            residue = residue.replace(text, " ")
        for question in quiz.questions:
            where = f"{path.name}: {question.id}"
            assert question.explanation not in residue, where
            for citation in question.citations:
                assert citation.quote not in residue, where
            for accepted in question.accepted:
                # A number such as "2" is everywhere in the UI ("Question 2 of 10"); for
                # those the widget checks below (empty boxes, no feedback) are the test.
                if len(accepted) >= 3 and not accepted.replace(",", "").isdigit():
                    assert not re.search(rf"(?<!\w){re.escape(accepted)}(?!\w)", residue), (
                        where, accepted)
        for model in state.values():
            values = model["state"]
            name = model["model_name"]
            if name in ("RadioButtonsModel", "ToggleButtonsModel"):
                assert values["index"] is None, path.name
            elif name == "DropdownModel":
                assert values["index"] == 0 and values["_options_labels"][0] == "— choose —"
            elif name in ("TextModel", "IntTextModel", "FloatTextModel"):
                assert values["value"] in ("", 0, 0.0), path.name
            elif name == "HTMLModel":
                for word in ("Correct", "Not quite", "right answer", "✔", "✘", "Source:"):
                    assert word not in values["value"], (path.name, values["value"])
        options = [tuple(m["state"]["_options_labels"]) for m in state.values()
                   if m["model_name"] in ("RadioButtonsModel", "ToggleButtonsModel")]
        # Single-choice questions (options and no items: mc, tf and the types built on them).
        assert sorted(options) == sorted(tuple(q.options) for q in quiz.questions
                                         if q.options and not q.items)


@pytest.mark.content
def test_fact_check_notebook_shows_every_quote_and_ends_with_the_summary(
        repo_root: Path) -> None:
    if FACT_CHECK in outdated_notebooks(repo_root):
        pytest.skip(f"{FACT_CHECK} is stale: test_committed_notebooks_are_current says so")
    nb = json.loads((repo_root / "notebooks" / FACT_CHECK).read_text(encoding="utf-8"))
    printed = ["".join(out["text"]) for cell in nb["cells"] for out in cell.get("outputs", [])
               if out.get("name") == "stdout"]
    report = fact_check(load_project(repo_root))
    assert printed[1:] == [report.sources_table() + "\n", report.facts_table() + "\n",
                           report.summary() + "\n"]
    assert printed[-1].startswith(f"Summary: {report.facts} facts, ")
    assert printed[-1].endswith(": all quotes found.\n")


# --- generating, staleness and nbval on a small throw-away project ------------------------


#: The tests below share one executed build of the small project (one xdist worker).
small = pytest.mark.xdist_group("small-notebooks")


@pytest.fixture(scope="session")
def small_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real sources and frozen lessons with the raa facts only, its two notebooks
    written and executed once per session."""
    root = new_project(tmp_path_factory.mktemp("small-notebooks") / "project",
                       copy=("facts/raa.yml",))
    (root / "notebooks").mkdir()
    shutil.copy(REPO / "notebooks" / "nbval-sanitize.cfg", root / "notebooks")
    written = write_notebooks(root)
    assert sorted(p.name for p in written) == [FACT_CHECK, "quiz-raa.ipynb"]
    return root


@pytest.fixture
def small_project(small_built: Path, tmp_path: Path) -> Path:
    """A copy of the small project with its notebooks current."""
    return shutil.copytree(small_built, tmp_path / "project")


def shown_variant(root: Path, lesson: str) -> Quiz:
    """The variant of ``lesson``'s quiz that its notebook shows (the quiz file's seed)."""
    project = load_project(root)
    return make_quiz(project, lesson, seed=quiz_definition(project, lesson).seed)


def a_literal_quote(root: Path) -> tuple[str, str]:
    """A quote written on one line of facts/raa.yml that the RAA quiz notebook shows (its
    variant cites it), and its source id."""
    text = (root / "facts" / "raa.yml").read_text(encoding="utf-8")
    shown = {c.quote for q in shown_variant(root, "raa").questions for c in q.citations}
    for fact in load_project(root).facts:
        for ev in fact.evidence:
            if text.count(ev.quote) == 1 and len(ev.quote) > 20 and ev.quote in shown:
                return ev.quote, ev.source
    raise AssertionError("no quote of the RAA quiz written on one line in facts/raa.yml")


def break_quote(root: Path) -> str:
    quote, _ = a_literal_quote(root)
    path = root / "facts" / "raa.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(quote, quote[:-2] + "zz"),
                    encoding="utf-8")
    return quote


def change_source(root: Path) -> None:
    _, source = a_literal_quote(root)
    path = next(p for p in (root / "sources").glob("*.txt")
                if f"\nid: {source}\n" in p.read_text(encoding="utf-8"))
    text = path.read_text(encoding="utf-8")
    end = text.index("\n---\n", 4) + len("\n---\n")
    path.write_text(text[:end] + "An added first line.\n" + text[end:], encoding="utf-8")


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "FACTQUIZ_PROJECT"}
    return subprocess.run([sys.executable, "-m", "factquiz", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


@small
def test_write_check_and_staleness(small_project: Path) -> None:
    root = small_project
    (root / "notebooks" / "quiz-gone.ipynb").write_text("{}", encoding="utf-8")
    changed = write_notebooks(root)
    assert [p.name for p in changed] == ["quiz-gone.ipynb"]  # removed; the others are current
    assert sorted(p.name for p in (root / "notebooks").glob("*.ipynb")) == [
        FACT_CHECK, "quiz-raa.ipynb"]
    # --check executes both notebooks again and compares the files byte for byte: building
    # is deterministic, widget model ids included (renumbered, not the kernel's random ones).
    result = run_cli("notebooks", "--check", cwd=root / "notebooks")
    assert (result.returncode, result.stdout) == (0, "notebooks are up to date\n"), result.stderr
    nb = json.loads((root / "notebooks" / "quiz-raa.ipynb").read_text(encoding="utf-8"))
    ids = list(nb["metadata"]["widgets"][WIDGET_STATE]["state"])
    assert ids and all(re.fullmatch(r"[0-9a-f]{32}", i) for i in ids)
    break_quote(root)
    result = run_cli("notebooks", "--check", "--project", str(root), cwd=root.parent)
    assert result.returncode == 1
    # Both: the fact check lists every quote, and the RAA quiz's variant shows the broken
    # one (the hash of a quiz notebook covers the variant it shows).
    assert result.stderr.splitlines() == [
        "notebooks/quiz-raa.ipynb is stale; run `factquiz notebooks`",
        "notebooks/fact-check.ipynb is stale; run `factquiz notebooks`"]


@small
def test_a_bank_edit_executes_a_quiz_notebook_again_only_when_it_changes_what_it_shows(
        small_project: Path) -> None:
    """A quiz notebook's hash covers the variant it shows, not the whole bank (whose facts
    may all be its distractors): ``write_notebooks`` executes exactly the outdated ones
    (see the test below), so this is which notebooks an edit executes again."""
    root = small_project
    raa = shown_variant(root, "raa")
    # Another lesson's facts: its own new notebook and the fact check (which lists every
    # quote); the RAA quiz shows the same variant, so its notebook is not run again.
    shutil.copy(REPO / "facts" / "jdsc.yml", root / "facts" / "jdsc.yml")
    assert shown_variant(root, "raa") == raa
    assert outdated_notebooks(root) == ["quiz-jdsc.ipynb", FACT_CHECK]
    # A source the RAA quiz cites, retitled: the citation its feedback shows changes.
    source = raa.questions[0].citations[0].source_id
    path = root / "sources" / f"{source}.txt"
    text = path.read_text(encoding="utf-8")
    assert f"\nid: {source}\ntitle: " in text
    path.write_text(text.replace(f"\nid: {source}\ntitle: ", f"\nid: {source}\ntitle: Retitled: ",
                                 1), encoding="utf-8")
    assert shown_variant(root, "raa") != raa
    assert "quiz-raa.ipynb" in outdated_notebooks(root)


def nbval(roots: dict[str, Path], tmp_path: Path) -> dict[str, list[str | None]]:
    """nbval over the fact-check notebook of each project in ``roots`` (by name), in one
    pytest run (each notebook in a kernel of its own, started in its own folder, as
    always): what it reported for each of the notebook's cells, by project (None for a
    cell that passed, else the failure's report)."""
    env = {k: v for k, v in os.environ.items() if k != "FACTQUIZ_PROJECT"}
    env["FACTQUIZ_PROGRESS"] = str(tmp_path / "progress.json")
    report = tmp_path / "nbval.xml"
    sanitize = next(iter(roots.values())) / "notebooks" / "nbval-sanitize.cfg"
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:randomly",
         "-o", "addopts=", "-vv", "--nbval", f"--junitxml={report}",
         "--nbval-sanitize-with", str(sanitize),
         *(str(root / "notebooks" / FACT_CHECK) for root in roots.values())],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert report.is_file(), done.stdout[-3000:] + done.stderr[-3000:]
    cells: dict[str, list[str | None]] = {name: [] for name in roots}
    for case in ElementTree.parse(report).iter("testcase"):
        failure = case.find("failure")  # the class is the path: project.notebooks.fact-check
        cells[case.get("classname", "").split(".")[0]].append(None if failure is None else
                             f"{failure.get('message', '')}\n{failure.text or ''}")
    return cells


@small
def test_nbval_fails_when_a_quote_or_source_no_longer_matches(small_project: Path,
                                                              tmp_path: Path) -> None:
    roots = {"project": small_project}
    for change in (break_quote, change_source):
        name = change.__name__.replace("_", "-")
        roots[name] = shutil.copytree(small_project, tmp_path / name)
        change(roots[name])
    reported = nbval(roots, tmp_path)
    assert reported["project"] == [None] * 4  # every cell of the unchanged project passes
    for name, shown, summary in [("break-quote", "NOT FOUND", "5 checksums ok: 1 PROBLEM(S)."),
                                 ("change-source", "MISMATCH", "4 checksums ok: 1 PROBLEM(S).")]:
        failures = "\n".join(f for f in reported[name] if f is not None)
        assert len(reported[name]) == 4 and failures, reported[name]
        assert shown in failures  # nbval's diff shows the changed lines of the table
        assert summary in failures


def test_a_failing_cell_is_reported_in_one_line(tmp_path: Path) -> None:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('raise ValueError("boom")')])
    with pytest.raises(NotebookExecutionError) as raised:
        execute(nb, tmp_path, "quiz-x.ipynb")
    assert str(raised.value) == "notebooks/quiz-x.ipynb failed to execute: ValueError: boom"


@small
def test_only_notebooks_whose_inputs_changed_are_executed_again_and_stale_fails_once(
        small_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = small_project
    assert outdated_notebooks(root) == []
    executed: list[str] = []
    real_execute = notebooks_module.execute

    def counting(nb: nbformat.NotebookNode, directory: Path, name: str) -> nbformat.NotebookNode:
        executed.append(name)
        return real_execute(nb, directory, name)

    monkeypatch.setattr(notebooks_module, "execute", counting)
    assert write_notebooks(root) == []
    assert executed == []  # nothing changed: nothing runs
    quiz = root / "quizzes" / "raa.yml"
    quiz.parent.mkdir(exist_ok=True)
    quiz.write_text("title: RAA, a shorter quiz\nlesson: raa\nquestions: 4\n"
                    "mix: {mc: 1, tf: 1, cloze: 2}\nseed: 2\n", encoding="utf-8")
    assert outdated_notebooks(root) == ["quiz-raa.ipynb"]  # not the fact check
    assert [p.name for p in write_notebooks(root)] == ["quiz-raa.ipynb"]
    assert executed == ["quiz-raa.ipynb"]
    text = (root / "notebooks" / "quiz-raa.ipynb").read_text(encoding="utf-8")
    (root / "notebooks" / "quiz-raa.ipynb").write_text(text.replace("RAA, a shorter quiz",
                                                                    "Edited by hand"),
                                                       encoding="utf-8")
    # --check compares whole files: the fact check, not re-run above, agrees; the edit shows.
    assert stale_notebooks(root) == ["quiz-raa.ipynb"]
    executed.clear()
    assert [p.name for p in write_notebooks(root, force=True)] == ["quiz-raa.ipynb"]
    assert sorted(executed) == [FACT_CHECK, "quiz-raa.ipynb"]

    # A stale notebook fails the content rules once, saying what to run.
    break_quote(root)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-o", "addopts=", "-q",
         "-m", "content", str(Path(__file__))],
        cwd=Path(__file__).parent, capture_output=True, text=True, timeout=600,
        env={**os.environ, "FACTQUIZ_TEST_PROJECT": str(root), "COLUMNS": "300"})
    failed = [line for line in result.stdout.splitlines() if line.startswith("FAILED")]
    assert failed == ["FAILED test_notebooks.py::test_committed_notebooks_are_current - "
                      "AssertionError: run `factquiz notebooks` and commit the result"], \
        result.stdout[-3000:]
