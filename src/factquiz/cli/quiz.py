"""The ``factquiz quiz`` command: print one variant of a lesson's quiz in the terminal."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.text import Text

from ..generate import Quiz, make_quiz_at
from ..model import Question
from ..qtypes import REGISTRY
from ..qtypes.preview import preview_module
from .common import ProjectOpt, app, console, plain


def question_lines(number: int, question: Question, answers: bool) -> list[Text]:
    """The lines showing one question (and, with ``answers``, its key and sources), as its
    type previews them (``qtypes/<type>/preview.py``)."""
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
                         + plain(f"\u201c{c.quote}\u201d", style="dim italic"))
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

    quiz = make_quiz_at(project_root(project), lesson, seed=seed, student=student)
    for line in render_quiz(quiz, answers):
        console.print(line)
