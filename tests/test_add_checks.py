"""How often ``add`` runs the project's check: once as it is (the baseline) and once with the
change, however the item is confirmed; a check is reused only while the project is unchanged.

The checks are counted with a spy on :func:`factquiz.verify.check` (no timing).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import typer
from test_add import SUGA, fact_flags, load
from typer.testing import CliRunner

import factquiz.authoring.scratch as scratch
import factquiz.verify as verify
from factquiz.authoring import InvalidItem, add_fact
from factquiz.checked import check_root
from factquiz.cli.common import app
from factquiz.qtypes import REGISTRY


@pytest.fixture
def root(make_project: Callable[..., Path]) -> Path:
    return make_project(copy=("facts", "quizzes"))


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The root of every project checked from now on (the baseline's is the project's own;
    the change's is a scratch copy)."""
    roots: list[Path] = []
    real = verify.check

    def spy(project, *args, **kwargs):  # type: ignore[no-untyped-def]
        roots.append(project.root)
        return real(project, *args, **kwargs)

    monkeypatch.setattr(verify, "check", spy)
    monkeypatch.setattr(scratch, "check", spy)
    return roots


def invoke(root: Path, *args: str, stdin: str | None = None) -> str:
    result = CliRunner().invoke(app, [*args, "--project", str(root)], input=stdin)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("confirm", [False, True], ids=["--yes", "confirmed at the prompt"])
def test_an_add_checks_the_project_once_and_the_change_once(
        root: Path, checked: list[Path], monkeypatch: pytest.MonkeyPatch, confirm: bool) -> None:
    monkeypatch.setenv("FACTQUIZ_NO_CACHE", "1")
    flags = fact_flags(SUGA)
    if confirm:  # every optional field skipped, then "y" to the confirmation
        output = invoke(root, "add", "fact", *flags, "-i", stdin="\n" * 6 + "y\n")
        assert "Add fact raa-suga-counterpart to facts/raa.yml?" in output
    else:
        invoke(root, "add", "fact", *flags, "--yes")
    assert load(root / "facts" / "raa.yml")["facts"][-1]["id"] == "raa-suga-counterpart"
    assert len(checked) == 2, checked
    assert checked.count(root) == 1  # the baseline; the other is the scratch copy


def test_a_question_confirmed_at_the_prompt_is_checked_once(
        root: Path, checked: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTQUIZ_NO_CACHE", "1")
    invoke(root, "add", "question", "raa", "--type", "tf", "--prompt",
           "True or false? The RAA was still to be ratified after the talks.", "--answer",
           "true", "--explanation", "Both parliaments had yet to ratify it.",
           "--fact", "raa-ratification",
           "-i", stdin="\ny\n")  # the suggested id, then yes
    assert load(root / "quizzes" / "raa.yml")["instructor_questions"][-1]["answer"] is True
    assert len(checked) == 2, checked


def test_the_baseline_comes_from_the_check_cache(root: Path, checked: list[Path]) -> None:
    check_root(root)  # what `factquiz check` does: the project's findings are now cached
    checked.clear()
    add_fact(root, SUGA)
    assert len(checked) == 1 and checked[0] != root  # only the change, on the scratch copy


def test_a_dry_run_is_written_without_checking_again_while_nothing_changed(
        root: Path, checked: list[Path]) -> None:
    path = root / "facts" / "raa.yml"
    before = path.read_bytes()
    preview = add_fact(root, SUGA, dry_run=True)
    assert path.read_bytes() == before
    checks = len(checked)
    written = add_fact(root, SUGA, checked=preview)
    assert len(checked) == checks  # the same project and item: the same findings
    assert written.written and path.read_text(encoding="utf-8") == preview.text


def test_a_dry_run_is_checked_again_when_the_project_changed(root: Path,
                                                             checked: list[Path]) -> None:
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
    command = typer.main.get_command(app).get_command(None, "add")  # type: ignore[attr-defined]
    helps = {param.name: param.help for param in command.get_command(None, "question").params}
    for name, qtype in REGISTRY.items():
        assert name in helps["qtype"]
        for field, meaning in (qtype.form.fields.items() if qtype.form else ()):
            assert any(f"{name}: {meaning}" in (text or "") for text in helps.values()), field
    result = CliRunner().invoke(app, ["add", "question", "raa", "--project", str(root),
                                      "--type", "tf", "--choice", "A", "--answer", "true"])
    assert result.exit_code != 0
    assert "--choice not used by a tf question; it takes --answer" in str(result.exception)
