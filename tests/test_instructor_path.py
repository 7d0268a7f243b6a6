"""The instructor's path, end to end, as the Instructor guide tells it.

In a copy of the project: ``factquiz new-lesson``, three facts of different kinds with
``factquiz add fact`` (quotes that are in the sources), an instructor question with
``factquiz add question`` (no ``--id``), two short-answer questions that ask students to
analyse and evaluate (every lesson has them), the page written in place of its TODO
placeholders, ``factquiz notebooks``; then ``factquiz check`` and the content rules (every
test marked ``content``, run over the copy, the strict build of its book included) pass. This is the
test that proves an instructor can extend the course.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cli_run import run
from content_root import REPO

from factquiz.book import copy_book

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("instructor")]

LESSON = "quad-aukus"
#: How a test file marks its content rules (on a test, or on the module's ``pytestmark``).
CONTENT_MARK = re.compile(r"\bpytest\.mark\.content\b")
#: The three facts: id, kind, category (None for a kind that needs none), answer, statement,
#: question, source, quote, then more options (aliases, distractors).
FACTS = [
    ("quad-aukus-uk", "country", "country", "UK",
     "Australia, the US and the UK signed the AUKUS security pact.",
     "Which country signed the AUKUS security pact with Australia and the US?",
     "aa-raa-to-be-signed-2022", "Australia, the US and UK signed the AUKUS security pact",
     ["--alias", "the United Kingdom", "--distractor", "France", "--distractor", "Canada",
      "--distractor", "New Zealand"]),
    ("quad-aukus-annual-talks", "concept", None, "annually",
     "The Quad countries planned to hold their talks annually.",
     "How often did the Quad countries plan to hold their talks?",
     "foreign-relations-japan-2020", "with the group planning to hold such talks annually",
     ["--distractor", "monthly", "--distractor", "every decade", "--distractor", "only once"]),
    ("quad-aukus-supply-chains", "agreement", "regional-initiative",
     "Supply Chain Resilience Initiative",
     "The two leaders welcomed progress on economic security through the Quad and the "
     "Supply Chain Resilience Initiative.",
     "Through which initiative, besides the Quad, did the two leaders welcome progress on "
     "economic security?",
     "jdsc-signed-perth-2022",
     "The two leaders also welcomed progress on bilateral cooperation to strengthen economic "
     "security, particularly through the Quad and the Supply Chain Resilience Initiative", []),
]
#: What the instructor writes in place of each kind of TODO placeholder of the page.
FILLED = {
    "#": "## Partners beyond the pair",
    "1.": "1. Name the partners Japan and Australia work with in the Quad and beside AUKUS.",
    "-": "- **Prerequisites:** the regional context lesson.",
    "": ("Japan and Australia also work with others{nofact}`the lesson's own framing`. "
         "Australia, the US and the UK signed the AUKUS security pact{fact}`quad-aukus-uk`, "
         "and the Quad countries planned to meet every year{fact}`quad-aukus-annual-talks`. "
         "Their leaders also looked to the Quad for economic "
         "security{fact}`quad-aukus-supply-chains`."),
}


#: The two short-answer questions (analyse, evaluate): ``add question --type short`` options.
SHORT_ANSWERS = [
    ["--id", "why-groups", "--level", "analyse", "--prompt",
     "Why might Japan and Australia also work through a group such as the Quad?",
     "--model-answer", "A group adds weight: the Quad brings four countries together, and "
     "its members share alarm at what they see as China ignoring international laws, so "
     "their concern carries further than that of two partners alone.",
     "--key-point", "The Quad brings four countries together",
     "--key-point", "Its members see China ignoring international laws",
     "--explanation", "A strong answer says what a larger group adds.",
     "--fact", "reg-quad-members", "--fact", "reg-quad-alarm-beijing"],
    ["--id", "beyond-the-quad", "--level", "evaluate", "--prompt",
     "How far does AUKUS show security ties in the region moving beyond the Quad?",
     "--model-answer", "Only partly. AUKUS is a separate security pact, seen as another "
     "attempt to counter China's expanding influence: the partners build several "
     "overlapping groups for the same concern rather than replacing one with another.",
     "--key-point", "AUKUS is a separate security pact",
     "--key-point", "It is seen as another attempt to counter China's influence",
     "--explanation", "A strong answer weighs what is new against what stays the same.",
     "--fact", "reg-aukus"],
]


def fact_flags(fact: tuple[str, str, str | None, str, str, str, str, str, list[str]],
               ) -> list[str]:
    """The ``add fact`` options of one of :data:`FACTS`."""
    fid, kind, category, answer, statement, question, source, quote, more = fact
    out = ["--id", fid, "--kind", kind, "--answer", answer, "--statement", statement,
           "--question", question, "--source", source, "--quote", quote, *more]
    return out + (["--category", category] if category else [])


def fill_placeholders(text: str) -> str:
    """Each line with a TODO placeholder replaced by the lesson's own text."""
    lines = []
    for line in text.splitlines():
        if "TODO:" in line:
            start = re.match(r"\s*(#+|1\.|-)?", line).group(1) or ""
            line = FILLED["#" if start.startswith("#") else start]
        lines.append(line)
    return "\n".join(lines) + "\n"


def clean_environment() -> dict[str, str]:
    """This process's environment without pytest's own variables: under pytest-xdist,
    ``PYTEST_XDIST_WORKER`` would make the inner run share the books built by other
    sessions (see ``tests/books``) instead of building the copy's own."""
    return {k: v for k, v in os.environ.items()
            if not k.startswith(("PYTEST_XDIST", "PYTEST_CURRENT_TEST"))}


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def content_rule_files() -> list[str]:
    """The test files that hold content rules (their source marks tests ``content``): the
    run over the copy collects only these files, and runs every content rule in them."""
    return sorted(str(path) for path in Path(__file__).parent.rglob("test_*.py")
                  if CONTENT_MARK.search(path.read_text(encoding="utf-8")))


def test_an_instructor_adds_a_lesson_and_everything_passes(tmp_path: Path) -> None:
    root = copy_book(REPO, tmp_path / "course")
    shutil.copytree(REPO / "schemas", root / "schemas")

    made = ok(run("new-lesson", LESSON, "--title", "The Quad and AUKUS", cwd=root))
    assert "updated lessons.yml" in made and "listed book/lessons/quad-aukus.md" in made
    for fact in FACTS:
        added = run("add", "fact", "--lesson", LESSON, *fact_flags(fact), cwd=root)
        ok(added)
        assert "warning[" not in added.stderr, added.stderr
    assert ok(run("check", cwd=root))
    # (Not on the AUKUS fact: the short answer question on AUKUS below cites a quote that
    # says who signed it, and no question's feedback may tell another's answer.)
    asked = ok(run("add", "question", LESSON, "--type", "tf",
                   "--prompt", "True or false? The Quad countries planned to hold their "
                   "talks annually.", "--answer", "true",
                   "--explanation", "The group planned to hold such talks annually.",
                   "--fact", "quad-aukus-annual-talks", cwd=root))
    assert "added question true-or-false-the-quad" in asked
    quiz = (root / "quizzes" / f"{LESSON}.yml").read_text(encoding="utf-8")
    assert "id: true-or-false-the-quad" in quiz  # written, so it never shifts
    for short in SHORT_ANSWERS:
        ok(run("add", "question", LESSON, "--type", "short", *short, "--yes", cwd=root))
    page = root / "book" / "lessons" / f"{LESSON}.md"
    page.write_text(fill_placeholders(page.read_text(encoding="utf-8")), encoding="utf-8")
    ok(run("notebooks", cwd=root))
    assert (root / "notebooks" / f"quiz-{LESSON}.ipynb").is_file()
    ok(run("check", cwd=root))

    rules = subprocess.run(
        [sys.executable, "-m", "pytest", "-v", "-p", "no:cacheprovider", "-o", "addopts=",
         "-m", "content", *content_rule_files()],
        cwd=root, capture_output=True, text=True, timeout=1200,
        env={**clean_environment(), "FACTQUIZ_TEST_PROJECT": str(root),
             # what the commands above computed over the copy is reused (see conftest)
             "FACTQUIZ_TEST_CACHE_DIR": os.environ["FACTQUIZ_CACHE_DIR"]})
    assert rules.returncode == 0, rules.stdout[-5000:] + rules.stderr[-2000:]
    assert " passed" in rules.stdout.splitlines()[-1]
    # Among the rules: the copy's book builds strictly, with a page and a quiz per lesson.
    for rule in ("test_book.py::test_every_page_of_the_book_is_built",
                 "test_selftest.py::test_selftest_every_question_of_every_lesson[quad-aukus]",
                 "test_notebooks.py::test_committed_notebooks_are_current"):
        assert f"{rule} PASSED" in rules.stdout, rule
