"""The check, stats and schema commands end to end: exit codes, messages, --project."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_run import run

from factquiz.load import load_project

BAD = """\
facts:
  - id: bad-quote
    lesson: raa
    statement: Scott Morrison led Australia.
    question: Who led Australia?
    answer: Scott Morrison
    kind: person
    evidence:
      - source: tokyo-raa-basic-agreement-2020
        quote: Australian Prime Minister Scott Morrison and his Korean counterpart
"""



def test_check_passes_on_the_real_bank(repo_root: Path) -> None:
    result = run("check", cwd=repo_root)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: ")


def test_check_reports_located_error_and_exits_1(make_project: Callable[..., Path]) -> None:
    root = make_project({"facts/raa.yml": BAD})
    result = run("check", cwd=root / "facts")  # found by walking up, like git
    assert result.returncode == 1
    assert (
        "facts/raa.yml:10:16: error[quote-not-found] bad-quote: quote not found in source "
        "'tokyo-raa-basic-agreement-2020'" in result.stderr
    )
    assert "closest passage: sources/tokyo-raa-basic-agreement-2020.txt:14:1:" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_json(make_project: Callable[..., Path], tmp_path: Path) -> None:
    root = make_project({"facts/raa.yml": BAD})
    result = run("check", "--json", "--project", str(root), cwd=tmp_path)
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False
    assert [(f["code"], f["line"], f["item"]) for f in data["findings"]] == [
        ("quote-not-found", 10, "bad-quote")
    ]


def test_malformed_yaml_exits_1_without_traceback(make_project: Callable[..., Path]) -> None:
    root = make_project({"facts/raa.yml": "facts:\n  - id: x\n   lesson: raa\n"})
    result = run("check", cwd=root)
    assert result.returncode == 1
    assert "facts/raa.yml:3:" in result.stderr and "yaml-syntax" in result.stderr
    assert "Traceback" not in result.stderr


def test_outside_a_project_is_a_clear_error(tmp_path: Path) -> None:
    result = run("check", cwd=tmp_path)
    assert result.returncode == 2
    assert "no factquiz project in" in result.stderr
    assert "pass --project DIR" in result.stderr
    bad = run("check", "--project", str(tmp_path), cwd=tmp_path)
    assert bad.returncode == 2
    assert "is not a factquiz project" in bad.stderr


def test_never_uses_data_next_to_the_installed_package(make_project: Callable[..., Path]) -> None:
    root = make_project({"facts/raa.yml": BAD})
    assert run("check", cwd=root).returncode == 1  # the temp project's bank, not the repo's


@pytest.mark.content
def test_stats(repo_root: Path) -> None:
    result = run("stats", "--json", cwd=repo_root)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    project = load_project(repo_root)
    assert data["facts"] == len(project.facts)
    assert {k for k, n in data["per_lesson"].items() if n} == {f.lesson for f in project.facts}
    assert data["corroborated"] >= 1
    assert data["unused_sources"] == []
    text = run("stats", cwd=repo_root).stdout
    assert "Facts per lesson" in text and "corroborated by two or more sources" in text


def test_schema_check_detects_stale_schema(
    make_project: Callable[..., Path], repo_root: Path
) -> None:
    root = make_project(copy=("schemas",))
    assert run("schema", "--check", cwd=root).returncode == 0
    (root / "schemas" / "facts.schema.json").write_text("{}\n", encoding="utf-8")
    stale = run("schema", "--check", cwd=root)
    assert stale.returncode == 1
    assert "schemas/facts.schema.json is stale; run `factquiz schema`" in stale.stderr
    assert run("schema", cwd=root).returncode == 0
    assert run("schema", "--check", cwd=root).returncode == 0


@pytest.mark.parametrize("command", ["check", "stats", "schema"])
def test_every_command_has_help(command: str, repo_root: Path) -> None:
    result = run(command, "--help", cwd=repo_root)
    assert result.returncode == 0
    assert "--project" in result.stdout
