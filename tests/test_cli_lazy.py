"""The command line's static command table (``factquiz.cli.lazy``) tells the truth."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import typer.main

from factquiz.cli.common import app
from factquiz.cli.lazy import COMMANDS, load_command_module


def test_table_lists_every_command_with_its_own_help() -> None:
    for module in {module for module, _ in COMMANDS.values()}:
        load_command_module(module)
    built = typer.main.get_group(app).commands
    assert set(built) - {"_group"} == set(COMMANDS)
    for name, (_, help_text) in COMMANDS.items():
        assert built[name].get_short_help_str(limit=1000) == help_text, name


def test_help_lists_every_command_without_importing_them(tmp_path: Path) -> None:
    code = ("import sys\nfrom factquiz.cli import main\nsys.argv = ['factquiz', '--help']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith(('factquiz.cli.', "
            "'factquiz.load', 'pydantic', 'genanki'))))\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                          text=True, check=True, env={"COLUMNS": "200", "PATH": ""})
    *help_lines, imported = done.stdout.strip().splitlines()
    help_text = " ".join(" ".join(help_lines).split())
    for name, (_, summary) in COMMANDS.items():
        assert f" {name} {summary}" in help_text.replace("- ", "-"), name
    assert imported == "['factquiz.cli.common', 'factquiz.cli.lazy']"
