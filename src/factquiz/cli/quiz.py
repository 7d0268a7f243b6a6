"""The ``factquiz quiz`` command: print one variant of a lesson's quiz in the terminal."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.text import Span, Text

from .. import cache
from ..quotes import quoted
from .common import ProjectOpt, app, console, plain

if TYPE_CHECKING:
    from ..generate import Quiz
    from ..model import Question

# The generator, the model and pydantic are imported only when the variant's printed lines
# are not cached for the project's current files (see ``preview_lines``).


def question_lines(number: int, question: Question, answers: bool) -> list[Text]:
    """The lines showing one question (and, with ``answers``, its key and sources), as its
    type previews them (``qtypes/<type>/preview.py``)."""
    from ..qtypes import REGISTRY
    from ..qtypes.preview import preview_module

    kind = preview_module(question.type)
    head = Text(f"{number}. ", style="bold")
    head.append(f"[{REGISTRY[question.type].title}] ", style="cyan")
    head.append(plain(question.prompt))
    lines = [head, *(plain(line) for line in kind.lines(question))]
    if answers:
        lines.append(Text("   Answer: ", style="bold green") + plain(kind.key(question)))
        lines.append(Text("   Why: ", style="bold") + plain(question.explanation))
        for c in question.citations:
            lines.append(plain(f"   Source: {c.title} ({c.published or 'undated'}): ", style="dim")
                         + plain(quoted(c.quote), style="dim italic"))
    return lines


def render_quiz(quiz: Quiz, answers: bool) -> list[Text]:
    """The whole variant as lines of rich text."""
    title = plain(quiz.title, style="bold underline")
    out = [title, plain(f"quiz {quiz.id}, seed {quiz.seed}, {len(quiz.questions)} questions"
                       + ("; answer key shown" if answers else ""), style="dim"), Text("")]
    for n, question in enumerate(quiz.questions, start=1):
        out += question_lines(n, question, answers)
        out.append(Text(""))
    return out


def _encode(lines: list[Text]) -> list[dict[str, Any]]:
    return [{"text": line.plain, "style": str(line.style),
             "spans": [[span.start, span.end, str(span.style)] for span in line.spans]}
            for line in lines]


def _decode(data: list[dict[str, Any]]) -> list[Text]:
    return [Text(line["text"], style=line["style"],
                 spans=[Span(int(start), int(end), style) for start, end, style in line["spans"]])
            for line in data]


def preview_lines(root: Path, lesson: str, seed: int | None, student: str | None,
                  answers: bool) -> list[Text]:
    """The printed lines of a variant, cached by the project's content digest (see
    :mod:`factquiz.cache`): an unchanged project prints them without generating, or
    importing the generator and the model."""

    def compute() -> list[Text]:
        from ..generate import make_quiz_at

        return render_quiz(make_quiz_at(root, lesson, seed=seed, student=student), answers)

    name = f"preview-{cache.key_hash(repr((lesson, seed, student, answers)))}"
    return cache.cached(root, name, compute, _encode, _decode, shared=True)


@app.command("quiz")
def quiz_command(
    lesson: Annotated[str, typer.Argument(help="Lesson id (a quiz's id is its lesson's id).")],
    seed: Annotated[int | None, typer.Option("--seed", help="Variant seed (default: the "
                                             "quiz file's seed).")] = None,
    student: Annotated[str | None, typer.Option("--student", help="Student id, hashed to a "
                                                "seed.")] = None,
    answers: Annotated[bool, typer.Option("--answers", help="Show the answer key, "
                                          "explanations and sources.")] = False,
    project: ProjectOpt = None,
) -> None:
    """Print one variant of a lesson's quiz, with the key only when asked (--answers)."""
    from ..project import project_root

    for line in preview_lines(project_root(project), lesson, seed, student, answers):
        console.print(line)
