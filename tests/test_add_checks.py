"""How often ``add`` runs the project's check: once as it is (the baseline) and once with the
change, however the item is confirmed; a check is reused only while the project is unchanged,
and the ``check`` after an add reuses the add's check of the change (the same findings as a
check of its own).

The checks are counted with a spy on :func:`factquiz.verify.check` (no timing).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import typer
from fixture_project import ONE_QUIZ
from test_add import SUGA, fact_flags, load
from typer.testing import CliRunner

import factquiz.authoring.scratch as scratch
import factquiz.verify as verify
from factquiz.authoring import InvalidItem, add_fact
from factquiz.checked import check_root
from factquiz.cli.common import app
from factquiz.load import Project, load_project
from factquiz.qtypes import REGISTRY


@pytest.fixture
def root(make_project: Callable[..., Path]) -> Path:
    return make_project(copy=ONE_QUIZ)


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[Project]:
    """Every project checked from now on (the baseline is the project as it is; the change
    is a scratch copy with the new item), with a cache of the test's own: the checks other
    tests cached for the same files are not counted out."""
    monkeypatch.setenv("FACTQUIZ_CACHE_DIR", str(tmp_path / "cache"))
    projects: list[Project] = []
    real = verify.check

    def spy(project, *args, **kwargs):  # type: ignore[no-untyped-def]
        projects.append(project)
        return real(project, *args, **kwargs)

    monkeypatch.setattr(verify, "check", spy)
    monkeypatch.setattr(scratch, "check", spy)
    return projects


def with_suga(projects: list[Project]) -> list[bool]:
    """For each checked project, whether it holds the fact added (SUGA)."""
    return [SUGA["id"] in project.facts_by_id for project in projects]


def invoke(root: Path, *args: str, stdin: str | None = None) -> str:
    result = CliRunner().invoke(app, [*args, "--project", str(root)], input=stdin)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("confirm", [False, True], ids=["--yes", "confirmed at the prompt"])
def test_an_add_checks_the_project_once_and_the_change_once(
        root: Path, checked: list[Project], monkeypatch: pytest.MonkeyPatch,
        confirm: bool) -> None:
    monkeypatch.setenv("FACTQUIZ_NO_CACHE", "1")
    flags = fact_flags(SUGA)
    if confirm:  # every optional field skipped, then "y" to the confirmation
        output = invoke(root, "add", "fact", *flags, "-i", stdin="\n" * 6 + "y\n")
        assert "Add fact raa-suga-counterpart to facts/raa.yml?" in output
    else:
        invoke(root, "add", "fact", *flags, "--yes")
    assert load(root / "facts" / "raa.yml")["facts"][-1]["id"] == "raa-suga-counterpart"
    assert with_suga(checked) == [False, True]  # the baseline, then the change


def test_a_question_confirmed_at_the_prompt_is_checked_once(
        root: Path, checked: list[Project], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTQUIZ_NO_CACHE", "1")
    invoke(root, "add", "question", "raa", "--type", "tf", "--prompt",
           "True or false? The RAA was still to be ratified after the talks.", "--answer",
           "true", "--explanation", "Both parliaments had yet to ratify it.",
           "--fact", "raa-ratification",
           "-i", stdin="\ny\n")  # the suggested id, then yes
    assert load(root / "quizzes" / "raa.yml")["instructor_questions"][-1]["answer"] is True
    assert len(checked) == 2, checked


def test_the_baseline_comes_from_the_check_cache(root: Path, checked: list[Project]) -> None:
    check_root(root)  # what `factquiz check` does: the project's findings are now cached
    checked.clear()
    add_fact(root, SUGA)
    assert with_suga(checked) == [True]  # only the change, on the scratch copy


@pytest.mark.parametrize("layout", ["plain", "CRLF line ends and lesson pages"])
def test_the_check_after_an_add_is_the_adds_check_of_the_change(
        make_project: Callable[..., Path], checked: list[Project], layout: str) -> None:
    """The check of the change is kept for the written project: ``check`` after the add
    checks nothing, and finds what a check of its own finds."""
    if layout == "plain":
        root = make_project(copy=ONE_QUIZ)
    else:
        root = make_project(copy=(*ONE_QUIZ, "book", "_toc.yml"))
        path = root / "facts" / "raa.yml"
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    add_fact(root, SUGA)
    checks = len(checked)
    reused = check_root(root)
    assert len(checked) == checks
    assert reused.findings == verify.check(load_project(root))
    assert with_suga(checked[checks:]) == [True]  # that last check was one of its own


def test_a_scratch_copy_that_leaves_a_data_file_out_is_not_reused(
        root: Path, checked: list[Project]) -> None:
    """A hidden fact file is loaded from the project but not copied: the check after the add
    is one of its own (it finds the hidden file's fact), not the add's."""
    hidden = root / "facts" / ".draft.yml"
    hidden.write_text((root / "facts" / "raa.yml").read_text(encoding="utf-8").replace(
        "id: raa-", "id: draft-raa-"), encoding="utf-8")
    add_fact(root, SUGA)
    checks = len(checked)
    assert check_root(root) is not None
    assert len(checked) == checks + 1
    assert "draft-raa-suga-2020" in checked[-1].facts_by_id


def test_a_dry_run_is_written_without_checking_again_while_nothing_changed(
        root: Path, checked: list[Project]) -> None:
    path = root / "facts" / "raa.yml"
    before = path.read_bytes()
    preview = add_fact(root, SUGA, dry_run=True)
    assert path.read_bytes() == before
    checks = len(checked)
    written = add_fact(root, SUGA, checked=preview)
    assert len(checked) == checks  # the same project and item: the same findings
    assert written.written and path.read_text(encoding="utf-8") == preview.text


def test_a_dry_run_is_checked_again_when_the_project_changed(root: Path,
                                                             checked: list[Project]) -> None:
    """Another instructor adds a fact with the same id elsewhere between the preview and
    the confirmation: the confirmed fact is checked again, and refused."""
    path = root / "facts" / "raa.yml"
    before = path.read_bytes()
    preview = add_fact(root, SUGA, dry_run=True)
    add_fact(root, {**SUGA, "lesson": "regional"})
    checks = len(checked)
    with pytest.raises(InvalidItem, match="already used"):
        add_fact(root, SUGA, checked=preview)
    assert len(checked) > checks
    assert path.read_bytes() == before


def test_add_question_options_come_from_the_types(root: Path) -> None:
    """``--type``'s help lists the registered types, each type-specific option says what it
    holds for the types that use it, and an option the chosen type does not use is refused
    by name before anything is checked."""
    group = typer.main.get_command(app)
    context = group.make_context("factquiz", [], resilient_parsing=True)
    command = group.get_command(context, "add")  # type: ignore[attr-defined]
    context = command.make_context("add", [], parent=context, resilient_parsing=True)
    helps = {param.name: param.help for param in command.get_command(context, "question").params}
    for name, qtype in REGISTRY.items():
        assert name in helps["qtype"]
        for field, meaning in (qtype.form.fields.items() if qtype.form else ()):
            assert any(f"{name}: {meaning}" in (text or "") for text in helps.values()), field
    result = CliRunner().invoke(app, ["add", "question", "raa", "--project", str(root),
                                      "--type", "tf", "--choice", "A", "--answer", "true"])
    assert result.exit_code != 0
    assert "--choice not used by a tf question; it takes --answer" in str(result.exception)
