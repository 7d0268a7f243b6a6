"""The notebooks in ``notebooks/``: one quiz per lesson and ``fact-check.ipynb``, executed.

``write_notebooks(root)`` builds every notebook with nbformat, executes it with nbclient
in ``notebooks/`` (progress goes to a throw-away file, never to the user's home), and
writes it atomically with its outputs and widget state. Widget model ids, random in the
kernel, are renumbered deterministically, so the same bank gives byte-identical files and
``stale_notebooks(root)`` can compare a fresh build with what is committed.

Each notebook records in its metadata (``factquiz.inputs``) a SHA-256 of what it shows
(see :func:`inputs_digest`): the factquiz code its kernel imports (not the command line, the
Sphinx extension or the book's static files), its cells and ``lessons.yml``; for the fact
check, the sources and every facts file; for a quiz, its quiz file and the variant it shows.
``write_notebooks`` executes only the notebooks whose recorded hash differs, so
regenerating with nothing changed takes a second, and a fact added to one lesson executes
only the notebooks it changes;
``outdated_notebooks`` compares the hashes without executing anything, and
``stale_notebooks`` (``factquiz notebooks --check``) re-executes the notebooks whose hash
is current and compares the files exactly (one whose hash is not current is stale).

The cells hold only the call that shows a quiz: the key stays in the kernel (see
:mod:`factquiz.widgets`).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from .digest import code_digest, hash_files
from .errors import FactquizError
from .load import FACTS_DIR, LESSONS_FILE, SOURCES_DIR, Project, load_project
from .quizmodel import QUIZZES_DIR
from .yamlio import atomic_write_text

NOTEBOOKS_DIR = "notebooks"
FACT_CHECK = "fact-check.ipynb"
QUIZ_PREFIX = "quiz-"
KERNEL = "python3"
#: Seconds one cell may run while executing a notebook.
CELL_TIMEOUT = 300
#: Parts of the package a notebook's kernel never imports (they are not inputs).
NOT_IN_KERNEL = ("cli", "sphinxext", "static")
#: Notebook metadata key holding the hash of the notebook's inputs.
METADATA_KEY = "factquiz"
_MODEL_ID = re.compile(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])")


class NotebookExecutionError(FactquizError):
    """A generated notebook failed to execute."""


@dataclass(frozen=True)
class QuizNotebook:
    """What a lesson's quiz notebook shows."""

    lesson: str
    title: str
    seed: int

    @property
    def name(self) -> str:
        return f"{QUIZ_PREFIX}{self.lesson}.ipynb"


def quiz_notebooks(project: Project) -> list[QuizNotebook]:
    """A quiz notebook for each lesson with facts or a quiz file, in book order."""
    from .generate import quiz_definition

    with_facts = {fact.lesson for fact in project.facts} | set(project.quizzes)
    found = []
    for lesson in project.lessons.values():
        if lesson.id in with_facts:
            definition = quiz_definition(project, lesson.id)
            found.append(QuizNotebook(lesson.id, definition.title, definition.seed))
    return found


def _notebook(name: str, cells: list[NotebookNode]) -> NotebookNode:
    stem = name.removesuffix(".ipynb")
    for n, cell in enumerate(cells, start=1):
        cell["id"] = f"{stem}-{n}"  # stable ids, not nbformat's random ones
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": KERNEL, "display_name": "Python 3 (ipykernel)",
                                 "language": "python"}
    return nb


def quiz_notebook(quiz: QuizNotebook) -> NotebookNode:
    """The unexecuted quiz notebook of one lesson."""
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    return _notebook(quiz.name, [
        md(f"# Quiz: {quiz.title}\n\n"
           "Run the cell below (**Shift+Enter**) to start the quiz. Answer each question and "
           "press its **Check** button: you see at once whether you are right, the right "
           "answer after a miss, the explanation and the source it comes from.\n\n"
           "- Keyboard: **Tab** moves between controls, the **arrow keys** pick an option, "
           "**Space** or **Enter** presses a button.\n"
           "- **Try again** gives a fresh variant of the quiz; **Reset** clears your answers.\n"
           "- Your answers are saved on this computer (in `~/.factquiz/progress.json`, or "
           "the file named by the `FACTQUIZ_PROGRESS` environment variable) and come back "
           "when you run the cell again, even after restarting the kernel.\n"
           "- For a variant of your own, write `factquiz.show(\"" + quiz.lesson
           + "\", student=\"your-name\")`."),
        code(f'import factquiz\n\nfactquiz.show("{quiz.lesson}", seed={quiz.seed})'),
        md("## Your progress\n\nRun this cell at any time for your progress on every lesson "
           "(also `factquiz progress` in a terminal)."),
        code("factquiz.progress()"),
    ])


def fact_check_notebook() -> NotebookNode:
    """The unexecuted fact-check notebook."""
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    return _notebook(FACT_CHECK, [
        md("# Fact check: every quote against its source\n\n"
           "Each fact in the bank cites verbatim quotes from the articles in `sources/`. "
           "This notebook loads the bank and the sources and looks every quote up with the "
           "same rule as `factquiz check`.\n\n"
           "**The stored output is a contract.** `pytest --nbval` re-runs this notebook and "
           "compares every line: if a source is edited or a quote no longer matches, the "
           "table changes and the test fails. After an intended change to the bank, "
           "regenerate the notebooks with `factquiz notebooks`."),
        code("from factquiz.factcheck import fact_check\n"
             "from factquiz.load import load_project\n"
             "from factquiz.project import find_project\n\n"
             "project = load_project(find_project())\n"
             "report = fact_check(project)\n"
             'print(f"{len(project.facts)} facts, {len(project.sources)} sources")'),
        md("## Sources\n\nEach source's body must still match the checksum recorded "
           "when it was imported."),
        code("print(report.sources_table())"),
        md("## Facts\n\nPer lesson and per fact: each quote's source, whether the quote is "
           "found there, and where (line and column in the source file)."),
        code("print(report.facts_table())"),
        md("## Summary"),
        code("print(report.summary())"),
    ])


def expected_notebooks(project: Project) -> dict[str, NotebookNode]:
    """Every notebook the project should have, unexecuted, by file name."""
    notebooks = {q.name: quiz_notebook(q) for q in quiz_notebooks(project)}
    notebooks[FACT_CHECK] = fact_check_notebook()
    return notebooks


def execute(nb: NotebookNode, directory: Path, name: str) -> NotebookNode:
    """Run ``nb`` in ``directory`` with progress in a throw-away file; tidy the result."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    with tempfile.TemporaryDirectory(prefix="factquiz-nb-") as tmp:
        env = {**os.environ, "FACTQUIZ_PROGRESS": str(Path(tmp) / "progress.json")}
        env.pop("FACTQUIZ_PROJECT", None)
        client = NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name=KERNEL,
                                record_timing=False, store_widget_state=True,
                                resources={"metadata": {"path": str(directory)}})
        try:
            client.execute(env=env, stderr=subprocess.DEVNULL)
        except CellExecutionError as exc:
            raise NotebookExecutionError(f"{NOTEBOOKS_DIR}/{name} failed to execute: "
                                         f"{exc.ename}: {exc.evalue}") from exc
    return tidy(nb, name)


def tidy(nb: NotebookNode, name: str) -> NotebookNode:
    """Drop what varies between runs: model ids (renumbered), the Python patch version."""
    nb.metadata.get("language_info", {}).pop("version", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    ids = {model_id: hashlib.sha256(f"{name}:{n}".encode()).hexdigest()[:32]
           for n, model_id in enumerate(_model_ids_in_order(nb))}
    text = _MODEL_ID.sub(lambda m: ids.get(m.group(), m.group()), nbformat.writes(nb))
    return nbformat.reads(text, as_version=4)


def _model_ids_in_order(nb: NotebookNode) -> list[str]:
    """Model ids in a run-independent order: displayed views, then state in creation order."""
    ordered: list[str] = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get("application/vnd.jupyter.widget-view+json")
            if view:
                ordered.append(view["model_id"])
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    ordered += list(state.get("state", {}))
    return [m for m in dict.fromkeys(ordered) if _MODEL_ID.fullmatch(m)]


def _data_files(root: Path, quiz_lesson: str | None) -> list[Path]:
    """The project files a notebook reads itself: ``lessons.yml`` (the progress table lists
    the lessons), and the sources and every facts file (the fact check) or its quiz file."""
    files = [root / LESSONS_FILE]
    if quiz_lesson is None:
        files += [*(root / SOURCES_DIR).glob("*.txt"), *(root / FACTS_DIR).glob("*.yml")]
    else:
        files.append(root / QUIZZES_DIR / f"{quiz_lesson}.yml")
    return [p for p in files if p.is_file()]


def _shown_variant(project: Project, lesson: str) -> bytes:
    """The JSON of the variant of ``lesson``'s quiz that its notebook shows (for the seed
    :func:`quiz_notebooks` puts in its cell; its kernel reads it from the content cache).

    Raises what :func:`factquiz.generate.make_quiz` raises for a quiz that cannot be made
    (an invalid quiz file, no fair set of questions)."""
    from .generate import make_quiz, quiz_definition
    from .variants import encode

    quiz = make_quiz(project, lesson, seed=quiz_definition(project, lesson).seed)
    return json.dumps(encode(quiz), sort_keys=True, ensure_ascii=False).encode()


def inputs_digest(project: Project, name: str, nb: NotebookNode) -> str:
    """SHA-256 of what notebook ``name`` (unexecuted: ``nb``) of ``project`` shows.

    Every notebook: the code its kernel imports, its cells and ``lessons.yml``. The fact
    check also every source and facts file (its tables list every quote). A quiz notebook
    also its quiz file and the variant it shows (the JSON of ``make_quiz`` for its seed),
    not the whole bank: a question's distractors may come from any lesson's facts, so an
    edit anywhere in the bank executes the notebook again exactly when it changes what the
    notebook shows.
    """
    lesson = (name.removeprefix(QUIZ_PREFIX).removesuffix(".ipynb")
              if name.startswith(QUIZ_PREFIX) else None)
    digest = hashlib.sha256(code_digest(NOT_IN_KERNEL).encode() + nbformat.writes(nb).encode())
    hash_files(digest, project.root, _data_files(project.root, lesson))
    if lesson is not None:
        digest.update(b"variant\0" + _shown_variant(project, lesson))
    return digest.hexdigest()


def recorded_digest(path: Path) -> str | None:
    """The inputs hash recorded in the notebook at ``path`` (None if missing or unreadable)."""
    try:
        metadata = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
    except (OSError, ValueError, AttributeError):
        return None
    recorded = metadata.get(METADATA_KEY, {}) if isinstance(metadata, dict) else {}
    return recorded.get("inputs") if isinstance(recorded, dict) else None


def _build(root: Path, name: str, nb: NotebookNode, digest: str) -> str:
    """Execute ``nb`` and return its file text, with ``digest`` recorded in its metadata."""
    executed = execute(nb, root / NOTEBOOKS_DIR, name)
    executed.metadata[METADATA_KEY] = {"inputs": digest}
    return nbformat.writes(executed) + "\n"


def _differs(path: Path, text: str) -> bool:
    """Whether ``path`` is missing or holds something other than ``text``."""
    return not path.is_file() or path.read_text(encoding="utf-8") != text


def _obsolete(root: Path, expected: set[str]) -> list[Path]:
    """Generated quiz notebooks whose lesson no longer has a quiz."""
    return sorted(p for p in (root / NOTEBOOKS_DIR).glob(f"{QUIZ_PREFIX}*.ipynb")
                  if p.name not in expected)


def _with_digests(project: Project, expected: dict[str, NotebookNode],
                  ) -> Iterator[tuple[str, NotebookNode, Path, str]]:
    """Each expected notebook with where it is written and its current inputs hash (the
    notebooks folder made when missing)."""
    (project.root / NOTEBOOKS_DIR).mkdir(exist_ok=True)
    for name, nb in expected.items():
        yield name, nb, project.root / NOTEBOOKS_DIR / name, inputs_digest(project, name, nb)


def write_notebooks(root: Path, force: bool = False) -> list[Path]:
    """Build, execute and write every notebook whose inputs changed (every notebook with
    ``force``); remove obsolete quiz notebooks. Returns the paths written or removed.
    """
    project = load_project(root)
    expected = expected_notebooks(project)
    changed = []
    for name, nb, path, digest in _with_digests(project, expected):
        if not force and recorded_digest(path) == digest:
            continue
        text = _build(root, name, nb, digest)
        if _differs(path, text):
            atomic_write_text(path, text)
            changed.append(path)
    for path in _obsolete(root, set(expected)):
        path.unlink()
        changed.append(path)
    return changed


def outdated_notebooks(root: Path) -> list[str]:
    """Names of notebooks that are missing, obsolete, or whose recorded inputs hash differs
    from the current inputs (quick: nothing is executed)."""
    project = load_project(root)
    expected = expected_notebooks(project)
    outdated = [name for name, nb in expected.items() if recorded_digest(
        root / NOTEBOOKS_DIR / name) != inputs_digest(project, name, nb)]
    return outdated + [p.name for p in _obsolete(root, set(expected))]


def stale_notebooks(root: Path) -> list[str]:
    """Names of notebooks that are missing, obsolete, or differ from a fresh build.

    A notebook whose recorded inputs hash is not the current one differs from a fresh
    build (which records the current hash) without being executed; the others are
    executed and compared byte for byte."""
    project = load_project(root)
    expected = expected_notebooks(project)
    stale = []
    for name, nb, path, digest in _with_digests(project, expected):
        if recorded_digest(path) != digest or _differs(path, _build(root, name, nb, digest)):
            stale.append(name)
    return stale + [p.name for p in _obsolete(root, set(expected))]
