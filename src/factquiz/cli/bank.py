"""Commands on the fact bank: check, stats, schema."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from ..checked import check_root
from ..errors import FactquizError
from ..project import project_root
from .common import JsonOpt, ProjectOpt, app, console, err_console, open_project

if TYPE_CHECKING:
    from ..stats import BankStats

# The model, stats and schema modules are imported by the commands that use them, so
# that `factquiz check` on an unchanged project (a cache hit) loads neither pydantic nor
# the fact model.


@app.command()
def check(project: ProjectOpt = None, as_json: JsonOpt = False) -> None:
    """Verify every fact against the sources; report all problems, exit 1 if any."""
    result = check_root(project_root(project))
    findings = result.findings
    errors = [f for f in findings if f.severity == "error"]
    if as_json:
        console.print_json(json.dumps({
            "ok": not errors,
            "facts": result.facts,
            "sources": result.sources,
            "findings": [f.to_dict() for f in findings],
        }))
    else:
        for finding in findings:
            err_console.print(finding.format(), markup=False)
        summary = (f"{result.facts} facts, {result.sources} sources: "
                   f"{len(errors)} error(s), {len(findings) - len(errors)} warning(s)")
        (err_console if errors else console).print(summary if findings else f"ok: {summary}")
    raise typer.Exit(1 if errors else 0)


@app.command()
def stats(
    project: ProjectOpt = None,
    as_json: JsonOpt = False,
    why: Annotated[str | None, typer.Option(
        "--why", metavar="TYPE", help="List the facts that cannot yield this question type "
        "(mc, tf, cloze, numeric, ordering, matching), and why.")] = None,
) -> None:
    """Facts per lesson, source and kind; the questions they can yield; under-used sources."""
    from ..qtypes import REGISTRY
    from ..stats import bank_stats

    if why is not None and why not in REGISTRY:
        raise FactquizError(f"unknown question type {why!r}; use one of: "
                            + ", ".join(REGISTRY))
    result = bank_stats(open_project(project))
    if as_json:
        console.print_json(json.dumps(result.to_dict()))
        return
    if why is not None and not result.cannot[why]:
        console.print(f"every fact can yield a {why} question")
        return
    if why is not None:
        table = Table(title=f"Facts that cannot yield a {why} question", title_justify="left")
        for column in ("fact", "lesson", "why not"):
            table.add_column(column)
        for row in result.cannot[why]:
            table.add_row(row["fact"], row["lesson"], row["why"])
        console.print(table)
        return
    console.print(f"{result.facts} facts; {result.corroborated} corroborated by two or more "
                  f"sources; {result.derived} derived")
    for title, counts in (("lesson", result.per_lesson), ("source", result.per_source),
                          ("kind", result.per_kind)):
        table = Table(title=f"Facts per {title}", title_justify="left")
        table.add_column(title)
        table.add_column("facts", justify="right")
        for key, count in counts.items():
            table.add_row(key, str(count))
        console.print(table)
    _question_tables(result)
    if result.unused_sources:
        console.print("sources cited by no fact: " + ", ".join(result.unused_sources))


def _question_tables(result: BankStats) -> None:
    """Questions available per lesson and type; how many facts cannot yield each type."""
    types = list(result.cannot)
    table = Table(title="Questions available per lesson: facts able to yield each type "
                  "(+ instructor questions)", title_justify="left")
    table.add_column("lesson")
    for name in types:
        table.add_column(name, justify="right")
    for lesson, row in result.capable.items():
        extra = result.instructor.get(lesson, {})
        table.add_row(lesson, *(f"{row[t]}" + (f" (+{extra[t]})" if extra.get(t) else "")
                                for t in types))
    console.print(table)
    console.print("facts that cannot yield a type: " + ", ".join(
        f"{name} {len(rows)}" for name, rows in result.cannot.items())
        + " (see why with --why TYPE)")
    for row in result.underused_sources:
        console.print(f"under-used source: {row['source']} is cited by {row['facts']} fact(s), "
                      f"under half the average of {row['average']} per cited source")
    _quality_table(result)
    _level_table(result)


def _level_table(result: BankStats) -> None:
    """Questions per level in each lesson's quiz, and the fewest above recall in a variant."""
    levels = list(next(iter(result.levels.values()), {}).get("per_level", {}))  # type: ignore[union-attr]
    table = Table(title="Question levels per lesson over the same seeds (type levels: "
                  + ", ".join(f"{t} {lv}" for t, lv in result.type_levels.items()) + ")",
                  title_justify="left")
    for column in ("lesson", *levels, "fewest above recall in a variant"):
        table.add_column(column, justify="left" if column == "lesson" else "right")
    for lesson, row in result.levels.items():
        per_level: dict[str, int] = row["per_level"]  # type: ignore[assignment]
        table.add_row(lesson, *(str(per_level[lv]) for lv in levels),
                      str(row["fewest_above_recall"]))
    console.print(table)


def _quality_table(result: BankStats) -> None:
    """Share of generated questions failing an item-quality rule, per lesson."""
    quality = result.quality
    per_lesson: dict[str, dict[str, float]] = quality.get("per_lesson", {})  # type: ignore[assignment]
    table = Table(title=f"Item quality over {quality.get('seeds')} seeds per lesson: questions "
                  "failing a rule (answer shown, answer told in another's feedback, duplicate "
                  "answer, same cluster, distractor category, later lesson)",
                  title_justify="left")
    for column in ("lesson", "questions", "failing", "share", "unassembled variants"):
        table.add_column(column, justify="left" if column == "lesson" else "right")
    for lesson, row in per_lesson.items():
        table.add_row(lesson, str(int(row["questions"])), str(int(row["failing"])),
                      f"{row['share']:.1%}", str(int(row["unsatisfiable"])))
    console.print(table)
    per_rule: dict[str, int] = quality.get("per_rule", {})  # type: ignore[assignment]
    console.print("Broken, all lessons: "
                  + ", ".join(f"{rule} {n}" for rule, n in per_rule.items()), markup=False)


@app.command()
def schema(
    project: ProjectOpt = None,
    check_only: Annotated[
        bool, typer.Option("--check", help="Exit 1 if a schema is stale.")
    ] = False,
) -> None:
    """Write the JSON Schemas of the YAML files to schemas/ (generated from the models)."""
    from ..load import SCHEMA_DIR
    from ..schema import stale_schemas, write_schemas

    directory = project_root(project) / SCHEMA_DIR
    if check_only:
        stale = stale_schemas(directory)
        for name in stale:
            err_console.print(f"{SCHEMA_DIR}/{name} is stale; run `factquiz schema`")
        raise typer.Exit(1 if stale else 0)
    written = write_schemas(directory)
    for path in written:
        console.print(f"wrote {SCHEMA_DIR}/{path.name}")
    if not written:
        console.print("schemas are up to date")
