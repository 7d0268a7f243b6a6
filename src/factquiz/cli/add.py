"""The ``add fact``, ``add question`` and ``new-lesson`` commands: the instructor's write path.

Every field is an option, for scripts; whatever is missing is asked for (with the
choices listed and defaults offered) when the terminal is interactive or ``--interactive``
is given. The item is checked with ``factquiz check``'s rules and previewed before it is
written; a refused item is re-asked field by field when prompting, else the command exits
with code 2 and nothing is written. The work is done by :mod:`factquiz.authoring`.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.syntax import Syntax

from ..authoring import (
    AddResult,
    InvalidItem,
    add_fact,
    add_question,
    guess_kind,
    new_lesson,
    quiz_file_for,
    require_lesson,
    suggest_fact_id,
    suggest_question_id,
)
from ..categories import NEEDS_CATEGORY, load_categories
from ..errors import FactquizError
from ..escape import terminal_text
from ..generate import generate_question
from ..load import Project, load_project
from ..model import Kind, Level
from ..project import project_root
from ..qtypes import REGISTRY
from ..qtypes.instructor import InstructorForm, read_level
from ..stats import capabilities
from .common import ProjectOpt, app, console, err_console
from .quiz import question_lines

add_app = typer.Typer(
    name="add",
    help="Add a fact or an instructor question, checked against the sources before writing.",
    no_args_is_help=True,
)
app.add_typer(add_app, name="add")

KIND_HELP = {"person": "a name", "place": "a city, region or base", "date": "e.g. 2022-10-22",
             "year": "e.g. 2022", "number": "a count or amount",
             "organisation": "e.g. an agency or a force", "agreement": "a treaty or declaration",
             "country": "a country", "concept": "an idea or thing", "event": "something that "
             "happened", "title": "the name of an office or document"}
MAX_ROUNDS = 5  # times a refused item is re-asked before giving up

Interactive = Annotated[bool, typer.Option(
    "--interactive", "-i", help="Ask for every missing field (default when stdin is a terminal).")]
Yes = Annotated[bool, typer.Option("--yes", "-y", help="Write without asking for confirmation.")]
DryRun = Annotated[bool, typer.Option("--dry-run", help="Check and preview; write nothing.")]
Many = Annotated[list[str] | None, typer.Option(show_default=False)]


class MissingFields(FactquizError):
    """Fields are missing and there is no terminal to ask for them."""


# --- Prompting --------------------------------------------------------------------------------


def ask(label: str, default: str | None = None, required: bool = True) -> str:
    """One line of text; blank is refused when ``required`` and there is no default."""
    while True:
        value = typer.prompt(label, default=default if default is not None else
                             ("" if not required else None), show_default=bool(default))
        value = value.strip()
        if value or not required:
            return value
        err_console.print("  a value is needed")


def ask_number(label: str, default: str | None = None) -> int | float:
    """A number (an int when it is whole)."""
    while True:
        text = ask(label, default)
        try:
            value = float(text)
        except ValueError:
            err_console.print(f"  {text!r} is not a number")
            continue
        return int(value) if value.is_integer() else value


def ask_lines(label: str) -> list[str]:
    """Several lines, one item each, ended by an empty line."""
    console.print(f"{label} (one per line; an empty line ends the list)")
    items = []
    while True:
        value = typer.prompt(f"  {len(items) + 1}", default="", show_default=False).strip()
        if not value:
            return items
        items.append(value)


def by_number(value: str, ids: list[str]) -> str:
    """The id numbered ``value`` in a list shown from 1; else ``value`` itself."""
    return ids[int(value) - 1] if value.isdigit() and 1 <= int(value) <= len(ids) else value


def choose(label: str, options: list[tuple[str, str]], default: str | None = None) -> str:
    """One of ``options`` (id, description), by number or id; the list is shown first."""
    console.print(f"{label}:")
    for n, (key, description) in enumerate(options, start=1):
        console.print(f"  {n:>2}) {escape(key)}  [dim]{escape(description)}[/]", markup=True)
    ids = [key for key, _ in options]
    while True:
        value = typer.prompt(f"{label} (number or id)", default=default,
                             show_default=bool(default)).strip()
        value = by_number(value, ids)
        if value in ids:
            return value
        err_console.print(f"  not one of the {len(ids)} listed; type its number or its id")


def _interactive(flag: bool, missing: list[str]) -> bool:
    if flag:
        return True
    if missing and not sys.stdin.isatty():
        raise MissingFields("missing " + ", ".join(missing) + ": give them as options, or run "
                            "in a terminal (or with --interactive) to be asked for them")
    return bool(missing)


def _run_until_valid(check: Callable[[], AddResult], interactive: bool,
                     reask: Callable[[list[str]], None]) -> AddResult:
    """Check the item; when prompting, re-ask the fields a refusal points at."""
    for _ in range(MAX_ROUNDS):
        try:
            return check()
        except InvalidItem as exc:
            err_console.print(str(exc), markup=False)
            if not interactive or not exc.fields:
                raise typer.Exit(2) from None
            err_console.print("Please correct: " + ", ".join(exc.fields))
            reask(exc.fields)
    err_console.print(f"still refused after {MAX_ROUNDS} attempts; nothing was written")
    raise typer.Exit(2)


def _print_yaml(text: str) -> None:
    """The item's YAML: highlighted in a terminal, verbatim otherwise."""
    if console.is_terminal:
        console.print(Syntax(text.rstrip("\n"), "yaml", word_wrap=True))
    else:
        console.print(text.rstrip("\n"), markup=False)


def _check_preview_write(what: str, attempt: Callable[[bool, AddResult | None], AddResult],
                         preview: Callable[[AddResult], None], prompting: bool, yes: bool,
                         dry_run: bool, reask: Callable[[list[str]], None]) -> None:
    """Check the item (re-asking when prompting), preview it, then confirm and write it.

    ``attempt(dry_run, checked)`` adds the item. Without a confirmation to wait for, the
    checked item is written by that one call; with one, the write (under the project's
    lock) reuses the check when the project is unchanged since, and checks again if not.
    """
    confirm = prompting and not yes
    result = _run_until_valid(lambda: attempt(dry_run or confirm, None), prompting, reask)
    preview(result)
    for finding in result.warnings:
        err_console.print(finding.format(), markup=False)
    if dry_run:
        console.print("dry run: nothing was written")
        return
    if confirm:
        question = terminal_text(f"Add {what} {result.item_id} to {result.shown}?")
        if not typer.confirm(question, default=True):
            console.print("nothing was written")
            raise typer.Exit(1)
        result = attempt(False, result)
    console.print(f"added {what} {result.item_id} to {result.shown}")


# --- add fact ---------------------------------------------------------------------------------


def _sources(project: Project) -> list[tuple[str, str]]:
    return [(sid, f"{s.meta.title} ({s.meta.published})") for sid, s in project.sources.items()]


def _ask_evidence(project: Project) -> list[dict[str, str]]:
    evidence: list[dict[str, str]] = []
    while True:
        if evidence:
            more = typer.prompt("Another source? (number or id; Enter to finish)", default="",
                                show_default=False).strip()
            if not more:
                return evidence
            source = by_number(more, list(project.sources))
        else:
            source = choose("Source", _sources(project))
        quote = ask("Quote (copied exactly from the source)")
        evidence.append({"source": source, "quote": quote})


def _ask_category(project: Project, fields: dict[str, Any]) -> None:
    """Ask for the answer's category, listing those of the fact's kind, when its kind
    needs one (or one was given) and ``categories.yml`` has some of that kind; with none
    to choose from, a given category is dropped (the check's warning says what to do)."""
    kind = Kind(fields["kind"])
    options = [(c.id, c.description) for c in load_categories(project).by_id.values()
               if c.kind is kind]
    if not options:
        fields["category"] = None
    elif kind in NEEDS_CATEGORY or fields.get("category"):
        given = fields.get("category")
        fields["category"] = choose(f"Category of the answer (a {kind.value})", options,
                                    given if given in dict(options) else None)


def _ask_fact(project: Project, fields: dict[str, Any], only: list[str] | None) -> None:
    """Fill the missing fact fields (or re-ask ``only`` those named) from the terminal."""
    def wanted(name: str) -> bool:
        return (name in only) if only is not None else not fields.get(name)

    if wanted("lesson"):
        fields["lesson"] = choose("Lesson", [(lid, lesson.title)
                                             for lid, lesson in project.lessons.items()],
                                  fields.get("lesson"))
    prompts = (("statement", "Statement (the claim, in your own words, containing the answer)"),
               ("question", "Question (whose answer is the answer)"), ("answer", "Answer"))
    for name, label in prompts:
        if wanted(name):
            fields[name] = ask(label, fields.get(name) or None)
    if wanted("kind"):
        guess = guess_kind(fields.get("answer", ""))
        fields["kind"] = choose("Kind", [(k.value, KIND_HELP.get(k.value, "")) for k in Kind],
                                guess.value if guess else None)
    if wanted("category"):
        _ask_category(project, fields)
    if wanted("evidence"):
        fields["evidence"] = _ask_evidence(project)
    if only is None:
        fields["aliases"] = fields.get("aliases") or ask_lines(
            "Other accepted answers (aliases)")
        fields["distractors"] = fields.get("distractors") or ask_lines(
            f"Wrong answers of the same kind ({fields['kind']}), for multiple choice")
        fields["when"] = fields.get("when") or ask(
            "When it happened (YYYY, YYYY-MM or YYYY-MM-DD; Enter to skip)", required=False)
        if fields["when"]:
            fields["label"] = fields.get("label") or ask(
                "Short name of the event (for ordering questions; Enter to skip)", required=False)
    for name in ("aliases", "distractors", "when", "label", "note"):
        if only is not None and name in only:
            fields[name] = ask(name.capitalize(), str(fields.get(name) or "") or None,
                               required=False) if name not in ("aliases", "distractors") \
                else ask_lines(name.capitalize())
    if wanted("id") or not fields.get("id"):
        suggestion = suggest_fact_id(project, fields["lesson"], fields.get("answer", ""))
        fields["id"] = ask("Id (a stable slug)", fields.get("id") or suggestion)


def _preview_fact(result: AddResult) -> None:
    console.print(f"New fact for [bold]{escape(result.shown)}[/]"
                  + (" (a new file)" if result.created else "") + ":", markup=True)
    _print_yaml(result.item_yaml)
    if result.fact is None or result.project is None:
        return
    can = capabilities(result.project, result.fact)
    yes = [t for t, why in can.items() if why is None]
    console.print("Can yield: " + (", ".join(REGISTRY[t].title for t in yes) or "no question type"))
    for qtype, why in can.items():
        if why is not None:
            console.print(f"  not {REGISTRY[qtype].title}: {why}", style="dim")
    if yes:
        example = generate_question(result.project, result.fact, yes[0], random.Random(0))
        console.print("Example question:")
        for line in question_lines(1, example, answers=True):
            console.print(line)


@add_app.command("fact")
def add_fact_command(
    project: ProjectOpt = None,
    fact_id: Annotated[str | None, typer.Option("--id", help="Stable slug (default: suggested "
                                                "from the lesson and answer).")] = None,
    lesson: Annotated[str | None, typer.Option("--lesson", "-l", help="Lesson id.")] = None,
    statement: Annotated[str | None, typer.Option(help="The claim, containing the answer.")] = None,
    question: Annotated[str | None, typer.Option(help="A question --answer answers.")] = None,
    answer: Annotated[str | None, typer.Option(help="The canonical answer.")] = None,
    kind: Annotated[Kind | None, typer.Option(help="What sort of thing the answer is.")] = None,
    category: Annotated[str | None, typer.Option(
        help="Id of the answer's category in categories.yml, whose members are its wrong "
        "answers (needed for people, places, countries, organisations and agreements)."),
    ] = None,
    source: Many = None,
    quote: Many = None,
    alias: Many = None,
    distractor: Many = None,
    tag: Many = None,
    when: Annotated[str | None, typer.Option(help="YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    label: Annotated[str | None, typer.Option(help="Short name of the event.")] = None,
    tolerance: Annotated[float | None, typer.Option(help="Accepted error of a number.")] = None,
    derived: Annotated[bool, typer.Option(help="The answer is computed, not quoted.")] = False,
    note: Annotated[str | None, typer.Option(help="How a derived answer was obtained.")] = None,
    interactive: Interactive = False,
    yes: Yes = False,
    dry_run: DryRun = False,
) -> None:
    """Add a fact to the bank, checked against its sources before it is written.

    Each --source/--quote pair is evidence that must be found verbatim in that source.
    Missing fields are asked for in a terminal (or with --interactive)."""
    root = project_root(project)
    loaded = load_project(root)
    sources, quotes = source or [], quote or []
    if len(sources) != len(quotes):
        raise FactquizError(f"give one --quote for each --source ({len(sources)} source(s), "
                            f"{len(quotes)} quote(s))")
    fields: dict[str, Any] = {
        "id": fact_id, "lesson": lesson, "statement": statement, "question": question,
        "answer": answer, "aliases": alias or [], "kind": kind.value if kind else None,
        "category": category, "label": label, "when": when, "tolerance": tolerance,
        "tags": tag or [],
        "distractors": distractor or [],
        "evidence": [{"source": s, "quote": q} for s, q in zip(sources, quotes, strict=True)],
        "derived": derived, "note": note,
    }
    required = ("lesson", "statement", "question", "answer", "kind", "evidence")
    missing = [f"--{name}" if name != "evidence" else "--source/--quote"
               for name in required if not fields[name]]
    prompting = _interactive(interactive, missing)
    if prompting:
        _ask_fact(loaded, fields, None)
    else:
        require_lesson(loaded, fields["lesson"])
        fields["id"] = fields["id"] or suggest_fact_id(loaded, fields["lesson"], fields["answer"])
    _check_preview_write("fact", lambda check_only, checked: add_fact(root, fields, check_only,
                                                                       loaded, checked),
                         _preview_fact, prompting, yes, dry_run,
                         lambda names: _ask_fact(loaded, fields, names))


# --- add question -----------------------------------------------------------------------------

#: The option of each instructor-question field whose option is not ``--<field>``.
OPTION = {"choices": "--choice", "items": "--item", "pairs": "--pair", "facts": "--fact",
          "key_points": "--key-point", "model_answer": "--model-answer"}
#: ``--type``'s help: the registered types ``add question`` can write.
TYPE_HELP = "The question type: " + ", ".join(
    name if qtype.title == name else f"{name} ({qtype.title})"
    for name, qtype in REGISTRY.items() if qtype.form is not None) + "."


def _uses(field: str) -> list[str]:
    """What ``field`` holds for each type whose form uses it (``type: meaning``)."""
    return [f"{name}: {qtype.form.fields[field]}" for name, qtype in REGISTRY.items()
            if qtype.form is not None and field in qtype.form.fields]


def _type_option(field: str) -> Any:
    """The option giving ``field``, its help saying what it holds for each type using it."""
    return typer.Option(help="; ".join(_uses(field)) + ".", show_default=False)


#: ``--level``'s help: every type takes it (a form may say more for its type).
LEVEL_HELP = ("What the question asks of the student (Bloom's taxonomy, lowest first): "
              f"{', '.join(level.value for level in Level)} (analyze too). Default: the "
              "type's level (" + ", ".join(f"{name} {qtype.level.value}"
                                          for name, qtype in REGISTRY.items()
                                          if qtype.form is not None)
              + "); a level below the type's is refused. " + "; ".join(_uses("level")) + ".")
#: Options every type takes besides its form's fields (a form may read them too).
COMMON_OPTIONS = frozenset({"level"})


def _fact_list(project: Project, lesson: str) -> list[tuple[str, str]]:
    facts = [f for f in project.facts if f.lesson == lesson] or project.facts
    return [(f.id, f.statement) for f in facts]


def _flag(field: str) -> str:
    """The option that gives an instructor-question field."""
    return OPTION.get(field, f"--{field}")


def _form(qtype: str) -> InstructorForm:
    """The type's form (see :mod:`factquiz.qtypes.instructor`)."""
    form = REGISTRY[qtype].form
    if form is None:
        raise FactquizError(f"`factquiz add question` cannot write a {qtype} question; write "
                            "it in the quiz file by hand")
    return form


def _type_fields(qtype: str, given: dict[str, Any]) -> dict[str, Any]:
    """The type's fields from the values of its options; an option it does not use is
    refused, naming those it does."""
    form = _form(qtype)
    unused = [_flag(name) for name, value in given.items() if value not in (None, "", [])
              and name not in form.fields and name not in COMMON_OPTIONS]
    if unused:
        raise FactquizError(f"{', '.join(unused)} not used by a {qtype} question; it takes "
                            + ", ".join(_flag(name) for name in form.fields))
    fields = form.read(given)
    level = read_level(given.get("level"))
    if level is not None:
        fields["level"] = level
    return fields


def _ask_level(fields: dict[str, Any]) -> None:
    """Ask for the level, offering the type's own and those above it."""
    own = REGISTRY[fields["type"]].level
    fields["level"] = choose("Level", [(level.value, "the type's own" if level is own else "")
                                       for level in Level if level.rank >= own.rank],
                             own.value)


class TerminalPrompter:
    """A form's questions asked at the terminal (:class:`factquiz.qtypes.instructor.Prompter`)."""

    def text(self, field: str, label: str, default: str | None = None) -> str:
        return ask(label, default)

    def number(self, field: str, label: str, default: str | None = None) -> int | float:
        return ask_number(label, default)

    def lines(self, field: str, label: str) -> list[str]:
        return ask_lines(label)

    def choose(self, field: str, label: str, options: list[tuple[str, str]],
               default: str | None = None) -> str:
        return choose(label, options, default)

    def confirm(self, field: str, label: str, default: bool = True) -> bool:
        return typer.confirm(label, default=default)


def _ask_question(project: Project, quiz_id: str, fields: dict[str, Any],
                  only: list[str] | None, given: dict[str, Any]) -> None:
    """Fill the missing question fields (or re-ask ``only`` those named); the type's own
    are asked by its form, ``given`` the values of the type's options."""
    def wanted(name: str) -> bool:
        return (name in only) if only is not None else fields.get(name) in (None, "", [])

    if wanted("type"):
        fields["type"] = choose("Type", [(name, q.title) for name, q in REGISTRY.items()
                                         if q.form is not None])
        for name in given:  # a type chosen again: the former type's fields go
            fields.pop(name, None)
        fields.update(_type_fields(fields["type"], given))
    form = _form(fields["type"])
    if wanted("prompt"):
        hint = f" ({form.prompt_hint})" if form.prompt_hint else ""
        fields["prompt"] = ask(f"Prompt{hint}", fields.get("prompt") or None)
    form.ask(fields, wanted, TerminalPrompter())
    if only is not None and "level" in only and "level" not in form.fields:
        _ask_level(fields)  # refused (below the type's level): other forms do not ask it
    if wanted("explanation"):
        fields["explanation"] = ask("Explanation (shown after answering)",
                                    fields.get("explanation") or None)
    if wanted("facts"):
        facts = _fact_list(project, quiz_id)
        console.print("Facts of this lesson:")
        for n, (fid, statement) in enumerate(facts, start=1):
            console.print(f"  {n:>2}) {escape(fid)}  [dim]{escape(statement)}[/]", markup=True)
        ids = [fid for fid, _ in facts]
        chosen = ask_lines("Facts the question rests on (number or id)")
        fields["facts"] = [by_number(c, ids) for c in chosen]
    if wanted("id") or not fields.get("id"):
        loaded = project.quizzes.get(quiz_id)
        suggestion = suggest_question_id(loaded.quiz, fields.get("prompt", "")) if loaded \
            else "question"
        fields["id"] = ask("Id (a stable slug)", fields.get("id") or suggestion)


def _preview_question(result: AddResult) -> None:
    console.print(f"New question for [bold]{escape(result.shown)}[/]:", markup=True)
    _print_yaml(result.item_yaml)
    if result.question is not None:
        console.print("A generated variant, as students see it, with its key:")
        for line in question_lines(1, result.question, answers=True):
            console.print(line)


@add_app.command("question")
def add_question_command(
    quiz: Annotated[str | None, typer.Argument(help="Quiz (lesson) id.")] = None,
    project: ProjectOpt = None,
    question_id: Annotated[str | None, typer.Option("--id", help="Stable slug.")] = None,
    qtype: Annotated[str | None, typer.Option("--type", help=TYPE_HELP)] = None,
    prompt: Annotated[str | None, typer.Option(help="What the student reads.")] = None,
    choice: Annotated[list[str] | None, _type_option("choices")] = None,
    answer: Annotated[str | None, _type_option("answer")] = None,
    accepted: Annotated[list[str] | None, _type_option("accepted")] = None,
    match: Annotated[str | None, _type_option("match")] = None,
    tolerance: Annotated[float | None, _type_option("tolerance")] = None,
    item: Annotated[list[str] | None, _type_option("items")] = None,
    pair: Annotated[list[str] | None, _type_option("pairs")] = None,
    model_answer: Annotated[str | None, _type_option("model_answer")] = None,
    key_point: Annotated[list[str] | None, _type_option("key_points")] = None,
    level: Annotated[str | None, typer.Option(help=LEVEL_HELP, show_default=False)] = None,
    no_shuffle: Annotated[bool, typer.Option("--no-shuffle", help="Keep choices in the order "
                                             "given.")] = False,
    explanation: Annotated[str | None, typer.Option(help="Shown after answering.")] = None,
    fact: Many = None,
    interactive: Interactive = False,
    yes: Yes = False,
    dry_run: DryRun = False,
) -> None:
    """Add an instructor-written question to a lesson's quiz file, checked before writing.

    The question goes to quizzes/<lesson>.yml. --choice, --accepted, --item (in the
    correct order), --pair ('item = match'), --key-point and --fact are repeatable.
    --level (any type) says what the question asks of students when that is more than
    its type's level.
    Missing fields are asked for in a terminal (or with --interactive)."""
    root = project_root(project)
    loaded = load_project(root)
    if qtype is not None and qtype not in REGISTRY:
        raise FactquizError(f"unknown question type {qtype!r}; use one of: "
                            + ", ".join(REGISTRY))
    given: dict[str, Any] = {
        "choices": choice or [], "answer": answer, "accepted": accepted or [], "match": match,
        "tolerance": tolerance, "items": item or [], "pairs": pair or [],
        "model_answer": model_answer, "key_points": key_point or [], "level": level}
    fields: dict[str, Any] = {
        "id": question_id, "type": qtype, "prompt": prompt, "shuffle": not no_shuffle,
        "explanation": explanation, "facts": fact or []}
    if qtype is not None:
        fields.update(_type_fields(qtype, given))
    needs = _form(qtype).needs if qtype is not None else ()
    required = ["type", "prompt", *needs, "explanation", "facts"]
    missing = (["QUIZ"] if quiz is None else []) + \
        [_flag(n) for n in required if fields.get(n) in (None, "", [])]
    prompting = _interactive(interactive, missing)
    if quiz is None:
        quiz = choose("Quiz", [(qid, q.quiz.title) for qid, q in loaded.quizzes.items()])
    quiz_file_for(loaded, quiz)
    if prompting:
        _ask_question(loaded, quiz, fields, None, given)
    _check_preview_write(
        "question",
        lambda check_only, checked: add_question(root, quiz, fields, check_only, loaded, checked),
        _preview_question, prompting, yes, dry_run,
        lambda names: _ask_question(loaded, quiz, fields, names, given))


# --- new-lesson -------------------------------------------------------------------------------


@app.command("new-lesson")
def new_lesson_command(
    lesson: Annotated[str, typer.Argument(help="Id of the new lesson (a slug).")],
    title: Annotated[str, typer.Option("--title", "-t", help="The lesson's title.",
                                       prompt=True)],
    project: ProjectOpt = None,
    dry_run: DryRun = False,
) -> None:
    """Scaffold a lesson: its entry in lessons.yml, fact file, quiz file and page."""
    root = project_root(project)
    result = new_lesson(root, lesson, title, dry_run=dry_run)
    verb = "would create" if dry_run else "created"
    for path in result.created:
        console.print(f"{verb} {path}")
    for path in result.updated:
        console.print(f"{'would update' if dry_run else 'updated'} {path}")
    page = Path(result.created[2])
    if result.toc:
        console.print(f"{'would list' if dry_run else 'listed'} {page} in {result.toc}")
    else:
        console.print(f"add {page} to the book's table of contents (_toc.yml) by hand",
                      markup=False)
    if result.todo:
        console.print("`factquiz check` will report, until the lesson has facts:")
        for finding in result.todo:
            console.print("  " + finding.format().replace("\n", "\n  "), markup=False)
    console.print(f"next: add facts with `factquiz add fact --lesson {lesson}` (three of "
                  f"different kinds make a short quiz), write {page} in place of its TODO "
                  "placeholders, then run `factquiz notebooks` and `factquiz book`",
                  markup=False)
