"""``factquiz add fact``, ``add question`` and ``new-lesson`` end to end, and their write path.

Every test looks at the file afterwards: what was there is kept byte for byte, the new
item is present, ``factquiz check`` still passes; a refusal leaves the file identical; a
writer killed mid-write leaves the old file; two writers at once both land.
"""

from __future__ import annotations

import os
import random
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_run import Forked, run, start_forked
from content_root import REPO
from fixture_project import ONE_QUIZ
from ruamel.yaml import YAML

from factquiz.authoring import InvalidItem, add_fact, new_lesson
from factquiz.authoring.questions import question_node
from factquiz.authoring.yamlinsert import insert_item, yaml_node
from factquiz.checked import check_root
from factquiz.load import load_project
from factquiz.verify import check
from factquiz.yamlio import round_trip_yaml


def tokyo_fact(fid: str, statement: str, question: str, answer: str, kind: str, quote: str,
               **more: object) -> dict:
    """A fact of lesson raa whose evidence is ``quote`` from the Tokyo RAA article."""
    return {"id": fid, "lesson": "raa", "statement": statement, "question": question,
            "answer": answer, "kind": kind, **more,
            "evidence": [{"source": "tokyo-raa-basic-agreement-2020", "quote": quote}]}


SUGA = tokyo_fact(
    "raa-suga-counterpart",
    "Morrison's Japanese counterpart at the Tokyo talks was Yoshihide Suga.",
    "Who was Morrison's Japanese counterpart at the Tokyo talks?",
    "Yoshihide Suga", "person", "his Japanese counterpart, Yoshihide Suga",
    aliases=["Suga"], category="japanese-prime-minister",
    distractors=["Shinzo Abe", "Fumio Kishida", "Taro Aso"])
CLIMATE = tokyo_fact(
    "raa-test-climate", "The two leaders agreed to cooperate in tackling climate change.",
    "What did the two leaders agree to cooperate in tackling?", "climate change", "concept",
    "agreed to cooperate in tackling climate change")
TROOPS = tokyo_fact(
    "raa-test-troops", "About 50,000 American troops are based in and around Japan.",
    "About how many American troops are based in and around Japan?", "50,000", "number",
    "the basing of about 50,000 American troops")



def load(path: Path) -> object:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def load_text(data: bytes) -> object:
    return YAML(typ="safe").load(data.decode("utf-8"))


def fact_flags(fields: dict) -> list[str]:
    flags = []
    for key in ("id", "lesson", "statement", "question", "answer", "kind", "category"):
        if key in fields:
            flags += [f"--{key}", fields[key]]
    for alias in fields.get("aliases", []):
        flags += ["--alias", alias]
    for wrong in fields.get("distractors", []):
        flags += ["--distractor", wrong]
    for ev in fields["evidence"]:
        flags += ["--source", ev["source"], "--quote", ev["quote"]]
    return flags


@pytest.fixture
def root(make_project: Callable[..., Path]) -> Path:
    """A fixture project with the real bank's facts, categories and lessons, and the raa
    quiz (the raa facts name facts of other lessons, and the raa quiz is assembled from
    them). Tests name the lesson raa and its facts, never the other lessons or counts.
    """
    return make_project(copy=ONE_QUIZ)


def lesson_ids(root: Path) -> list[str]:
    """The lesson ids of the project's lessons.yml, in order."""
    return [lesson["id"] for lesson in load(root / "lessons.yml")["lessons"]]


def line_of_fact(root: Path, fid: str) -> int:
    """The line of ``- id: fid`` in the lesson's facts file (other changes may move it)."""
    lines = (root / "facts" / "raa.yml").read_text(encoding="utf-8").split("\n")
    return lines.index(f"  - id: {fid}") + 1


def assert_check_passes(root: Path, fresh: bool = False) -> None:
    """What `factquiz check` runs (the command itself is run in the new-lesson test): the
    content-hash cached check, which after an add is the add's check of the change
    (tests/test_add_checks.py shows it finds what a check of its own finds); ``fresh``:
    a check of its own, to see files the cache's digest leaves out (a writer's leftovers)."""
    findings = check(load_project(root)) if fresh else check_root(root).findings
    assert [f.format() for f in findings if f.severity == "error"] == []


def no_temp_files(root: Path) -> bool:
    return not [p for p in root.rglob("*.tmp")]


# --- add fact -------------------------------------------------------------------------------


def test_add_fact_with_flags(root: Path) -> None:
    path = root / "facts" / "raa.yml"
    before = path.read_text(encoding="utf-8")
    result = run("add", "fact", *fact_flags(SUGA), cwd=root)
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip().endswith("added fact raa-suga-counterpart to facts/raa.yml")
    assert "New fact for facts/raa.yml:" in result.stdout
    assert "Can yield: multiple choice, true/false, fill in the blank" in result.stdout
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before)  # comments, order and formatting kept byte for byte
    assert after[len(before):] == (
        "\n"
        "  - id: raa-suga-counterpart\n"
        "    lesson: raa\n"
        "    statement: Morrison's Japanese counterpart at the Tokyo talks was Yoshihide Suga.\n"
        "    question: Who was Morrison's Japanese counterpart at the Tokyo talks?\n"
        "    answer: Yoshihide Suga\n"
        "    aliases: [Suga]\n"
        "    kind: person\n"
        "    category: japanese-prime-minister\n"
        "    distractors: [Shinzo Abe, Fumio Kishida, Taro Aso]\n"
        "    evidence:\n"
        "      - source: tokyo-raa-basic-agreement-2020\n"
        "        quote: his Japanese counterpart, Yoshihide Suga\n")
    assert load(path)["facts"][-1] == SUGA
    assert_check_passes(root)
    assert no_temp_files(root)


def test_add_fact_interactively_from_stdin(root: Path) -> None:
    path = root / "facts" / "raa.yml"
    before = path.read_text(encoding="utf-8")
    answers = [
        str(lesson_ids(root).index("raa") + 1),  # lesson, by number
        SUGA["statement"], SUGA["question"], SUGA["answer"],
        "person",  # kind, by id
        "japanese-prime-minister",  # category, by id, from those of kind person listed
        "5",  # source, by number (tokyo-raa-basic-agreement-2020)
        "his Japanese counterpart, Yoshihide Sugar",  # a typo: refused, then asked again
        "",  # no other source
        "Suga", "",  # aliases
        "Shinzo Abe", "Fumio Kishida", "Taro Aso", "",  # distractors
        "",  # when: skipped
        "",  # id: the suggestion
        # after the refusal, only the evidence is asked again:
        "tokyo-raa-basic-agreement-2020", SUGA["evidence"][0]["quote"], "",
        "y",  # confirm
    ]
    result = run("add", "fact", "--interactive", cwd=root, stdin="\n".join(answers) + "\n")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error[quote-not-found] raa-yoshihide-suga: quote not found in source " \
        "'tokyo-raa-basic-agreement-2020'" in result.stderr
    assert 'closest passage: sources/tokyo-raa-basic-agreement-2020.txt:14:46: ' \
        '"his Japanese counterpart, Yoshihide Suga,"' in result.stderr
    assert "Please correct: evidence" in result.stderr
    assert "Category of the answer (a person):" in result.stdout
    assert "japanese-prime-minister" in result.stdout
    assert "southeast-asian-country" not in result.stdout  # only the categories of its kind
    assert "Id (a stable slug) [raa-yoshihide-suga]" in result.stdout
    assert "Add fact raa-yoshihide-suga to facts/raa.yml? [Y/n]" in result.stdout
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before)
    assert load(path)["facts"][-1] == {**SUGA, "id": "raa-yoshihide-suga"}
    assert_check_passes(root)



@pytest.mark.parametrize(("change", "expected"), [
    ({"evidence": [{"source": "tokyo-raa-basic-agreement-2020",
                    "quote": "Morrison and his Korean counterpart"}]},
     "error[quote-not-found] raa-suga-counterpart: quote not found in source "
     "'tokyo-raa-basic-agreement-2020'\n    closest passage: "
     "sources/tokyo-raa-basic-agreement-2020.txt:14:"),
    ({"evidence": [{"source": "no-such-source", "quote": "x"}]},
     "error[unknown-source] raa-suga-counterpart: unknown source 'no-such-source'"),
    ({"id": "raa-suga-2020"},
     "error[duplicate-id] raa-suga-2020: fact id 'raa-suga-2020' is already used at "
     "facts/raa.yml:{line}"),
    ({"answer": "Shinzo Abe", "aliases": [], "distractors": ["Fumio Kishida", "Taro Aso"],
      "statement": "Morrison's Japanese counterpart at the Tokyo talks was Shinzo Abe."},
     "error[answer-not-in-evidence] raa-suga-counterpart: neither the answer 'Shinzo Abe' nor "
     "an alias appears in any evidence quote"),
])
def test_refused_fact_leaves_the_file_byte_identical(root: Path, change: dict,
                                                     expected: str) -> None:
    path = root / "facts" / "raa.yml"
    before = path.read_bytes()
    expected = expected.replace("{line}", str(line_of_fact(root, "raa-suga-2020")))
    result = run("add", "fact", *fact_flags({**SUGA, **change}), cwd=root)
    assert result.returncode == 2, result.stdout
    assert "was not added; nothing was written:" in result.stderr
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == before
    assert no_temp_files(root)


def test_unknown_lesson_and_missing_fields_are_refused(root: Path) -> None:
    result = run("add", "fact", *fact_flags({**SUGA, "lesson": "nope"}), cwd=root)
    assert result.returncode == 2
    known = ", ".join(sorted(lesson_ids(root)))
    assert f"error: unknown lesson 'nope'; use one of: {known} (or create one with " \
        "`factquiz new-lesson`)" in result.stderr
    missing = run("add", "fact", "--lesson", "raa", "--answer", "x", cwd=root)
    assert missing.returncode == 2
    assert "error: missing --statement, --question, --kind, --source/--quote: give them as " \
        "options, or run in a terminal (or with --interactive)" in missing.stderr


def test_dry_run_writes_nothing(root: Path) -> None:
    path = root / "facts" / "raa.yml"
    before = path.read_bytes()
    result = run("add", "fact", *fact_flags(SUGA), "--dry-run", cwd=root)
    assert result.returncode == 0, result.stderr
    assert "dry run: nothing was written" in result.stdout
    assert "  - id: raa-suga-counterpart" in result.stdout
    assert path.read_bytes() == before


# --- add question ------------------------------------------------------------------------------


def test_add_question_with_flags_shows_a_variant(root: Path) -> None:
    path = root / "quizzes" / "raa.yml"
    before = path.read_text(encoding="utf-8")
    result = run("add", "question", "raa", "--id", "suga-counterpart", "--type", "mc",
                 "--prompt", "Who was Morrison's counterpart in Tokyo in 2020?",
                 "--choice", "Yoshihide Suga", "--choice", "Shinzo Abe",
                 "--choice", "Fumio Kishida", "--choice", "Taro Aso",
                 "--answer", "Yoshihide Suga",
                 "--explanation", "Morrison met Yoshihide Suga in Tokyo in November 2020.",
                 "--fact", "raa-suga-2020", cwd=root)
    assert result.returncode == 0, result.stderr
    assert "A generated variant, as students see it, with its key:" in result.stdout
    assert "1. [multiple choice] Who was Morrison's counterpart in Tokyo in 2020?" in result.stdout
    assert "Answer: " in result.stdout and ") Yoshihide Suga" in result.stdout
    assert result.stdout.rstrip().endswith(
        "added question suga-counterpart to quizzes/raa.yml")
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before)
    assert load(path)["instructor_questions"][-1] == {
        "id": "suga-counterpart", "type": "mc",
        "prompt": "Who was Morrison's counterpart in Tokyo in 2020?",
        "choices": ["Yoshihide Suga", "Shinzo Abe", "Fumio Kishida", "Taro Aso"],
        "answer": "Yoshihide Suga",
        "explanation": "Morrison met Yoshihide Suga in Tokyo in November 2020.",
        "facts": ["raa-suga-2020"]}
    assert_check_passes(root)
    quiz = run("quiz", "raa", "--answers", cwd=root)
    assert quiz.returncode == 0 and "Who was Morrison's counterpart in Tokyo" in quiz.stdout


def test_add_question_interactively_from_stdin(root: Path) -> None:
    path = root / "quizzes" / "raa.yml"
    before = path.read_text(encoding="utf-8")
    answers = [
        "tf",  # type
        # (Not on raa-tokyo: the quotes of the quiz's other questions name Tokyo, and no
        # question's feedback may tell another's answer.)
        "True or false? The Reciprocal Access Agreement was still to be ratified after the "
        "talks.",
        "y",  # the statement is true
        "Ratification by the parliaments of both nations was still pending.",
        "raa-ratification", "",  # facts
        "",  # id: the suggestion
        "y",  # confirm
    ]
    result = run("add", "question", "raa", "-i", cwd=root, stdin="\n".join(answers) + "\n")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Facts of this lesson:" in result.stdout and "raa-ratification" in result.stdout
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before)
    added = load(path)["instructor_questions"][-1]
    assert added == {
        "id": "true-or-false-the-reciprocal", "type": "tf",
        "prompt": "True or false? The Reciprocal Access Agreement was still to be ratified "
                  "after the talks.",
        "answer": True,
        "explanation": "Ratification by the parliaments of both nations was still pending.",
        "facts": ["raa-ratification"]}
    assert_check_passes(root)


def test_refused_question_leaves_the_file_byte_identical(root: Path) -> None:
    path = root / "quizzes" / "raa.yml"
    before = path.read_bytes()
    result = run("add", "question", "raa", "--type", "mc", "--prompt", "Who?",
                 "--choice", "A", "--choice", "B", "--choice", "C", "--answer", "D",
                 "--explanation", "Because.", "--fact", "raa-suga-2020", "--fact", "nope",
                 cwd=root)
    assert result.returncode == 2
    assert "error[missing-correct-choice] raa: the answer 'D' is not one of the choices" \
        in result.stderr
    assert "error[unknown-fact] raa: unknown fact id 'nope'" in result.stderr
    assert path.read_bytes() == before


def test_question_goes_into_its_list_when_other_keys_follow(make_project: Callable[..., Path],
                                                            ) -> None:
    quiz = ("# A hand-written quiz: the list is not the last key.\n"
            "title: RAA\n"
            "lesson: raa\n"
            "instructor_questions:\n"
            "  - id: first\n"
            "    type: tf\n"
            "    prompt: True or false? The RAA was agreed in principle in Tokyo.\n"
            "    answer: true\n"
            "    explanation: It was.   # an aligned comment\n"
            "    facts: [raa-tokyo]\n"
            "\n"
            "# The variant students get by default.\n"
            "seed: 3\n"
            "questions: 4\n")
    root = make_project({"quizzes/raa.yml": quiz}, copy=("facts/raa.yml",))
    node = question_node({"id": "second", "type": "numeric", "prompt": "How many years?",
                          "answer": 60, "explanation": "Sixty.",
                          "facts": ["raa-first-since-1960", "raa-agreed-date"]})
    text = insert_item(quiz, "instructor_questions", node)
    assert text == quiz.replace(
        "    facts: [raa-tokyo]\n",
        "    facts: [raa-tokyo]\n"
        "  - id: second\n"
        "    type: numeric\n"
        "    prompt: How many years?\n"
        "    answer: 60\n"
        "    explanation: Sixty.\n"
        "    facts: [raa-first-since-1960, raa-agreed-date]\n")
    result = run("add", "question", "raa", "--type", "numeric", "--id", "second",
                 "--prompt", "How many years?", "--answer", "60", "--explanation", "Sixty.",
                 "--fact", "raa-first-since-1960", "--fact", "raa-agreed-date", cwd=root)
    assert result.returncode == 0, result.stderr
    assert (root / "quizzes" / "raa.yml").read_text(encoding="utf-8") == text


def test_insert_item_falls_back_to_a_round_trip_for_an_inline_empty_list() -> None:
    original = "# only a comment\nfacts: []  # none yet\n"
    node = question_node({"id": "x-y", "facts": ["a-b"]})
    text = insert_item(original, "facts", node)
    assert text.startswith("# only a comment\nfacts:")
    assert round_trip_yaml().load(text) == {"facts": [{"id": "x-y", "facts": ["a-b"]}]}
    assert "  - id: x-y\n" in text  # block style, as the bank is written


def test_a_yaml_1_1_file_gets_the_item_as_ruamel_reads_it() -> None:
    """Under a ``%YAML 1.1`` directive ruamel reads a plain ``n`` as false: the item's
    text, written for YAML 1.2, is not inserted as it is; the round trip quotes nothing
    it need not and drops the directive, so the value reads back as typed."""
    original = "%YAML 1.1\n---\nfacts:\n  - id: a\n"
    text = insert_item(original, "facts", yaml_node({"id": "x-y", "statement": "n"}))
    assert round_trip_yaml().load(text)["facts"][-1] == {"id": "x-y", "statement": "n"}


def test_an_item_is_placed_without_a_round_trip_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    """The usual item into the usual file is placed with libyaml's parse alone (ruamel's
    parse of a large file takes a tenth of a second, twice)."""
    import factquiz.authoring.yamlinsert as yamlinsert

    original = (REPO / "facts" / "raa.yml").read_text(encoding="utf-8")
    node = yaml_node(SUGA)
    expected = insert_item(original, "facts", node)
    real = yamlinsert.round_trip_yaml

    def dump_only() -> YAML:  # ruamel still writes the item's lines
        yaml = real()
        yaml.load = lambda *args: pytest.fail("ruamel parsed")  # type: ignore[method-assign]
        return yaml
    monkeypatch.setattr(yamlinsert, "round_trip_yaml", dump_only)
    assert insert_item(original, "facts", node) == expected
    assert expected.startswith(original)


# --- new-lesson ---------------------------------------------------------------------------------


TOC = """\
# A fixture table of contents: two lessons, then the reference pages.
format: jb-book
root: book/intro
parts:
  - caption: Lessons
    chapters:
      - file: book/lessons/overview
      - file: book/lessons/raa
  - caption: Reference
    chapters:
      - file: book/reference/glossary
"""


def test_new_lesson_scaffolds_and_takes_facts(root: Path) -> None:
    lessons = root / "lessons.yml"
    before = lessons.read_text(encoding="utf-8")
    (root / "_toc.yml").write_text(TOC, encoding="utf-8")
    result = run("new-lesson", "quad", "--title", "The Quad: Japan, the US, India & Australia",
                 cwd=root)
    assert result.returncode == 0, result.stderr
    for path in ("facts/quad.yml", "quizzes/quad.yml", "book/lessons/quad.md"):
        assert f"created {path}\n" in result.stdout
    assert "updated lessons.yml\n" in result.stdout  # it existed: not "created"
    empty = ("quizzes/quad.yml:9:9: error[empty-quiz] quad: the quiz selects no facts to "
             "generate questions from")
    assert empty in result.stdout
    after = lessons.read_text(encoding="utf-8")
    assert after == before + ("  - id: quad\n"
                              "    title: 'The Quad: Japan, the US, India & Australia'\n"
                              "    page: book/lessons/quad.md\n")
    assert "listed book/lessons/quad.md in _toc.yml" in result.stdout
    last = "      - file: book/lessons/raa\n"
    assert (root / "_toc.yml").read_text(encoding="utf-8") == TOC.replace(
        last, last + "      - file: book/lessons/quad\n")
    page = (root / "book" / "lessons" / "quad.md").read_text(encoding="utf-8")
    assert page.startswith("# The Quad: Japan, the US, India & Australia\n")
    assert "```{quiz} quad\n```" in page
    assert load(root / "facts" / "quad.yml") == {"facts": []}
    quiz = load(root / "quizzes" / "quad.yml")
    assert (quiz["lesson"], quiz["fit"]) == ("quad", True)
    check = run("check", cwd=root)
    assert check.returncode == 1
    assert [line for line in check.stderr.splitlines() if "error[" in line] == [empty]

    # One fact, and the quiz fitted to it passes the check.
    added = run("add", "fact", *fact_flags({**CLIMATE, "lesson": "quad"}), cwd=root)
    assert added.returncode == 0, added.stderr
    assert "added fact raa-test-climate to facts/quad.yml" in added.stdout
    assert "error[" not in added.stderr
    assert load(root / "facts" / "quad.yml")["facts"][0]["id"] == "raa-test-climate"
    assert run("check", cwd=root).returncode == 0
    quiz_text = run("quiz", "quad", cwd=root)
    assert quiz_text.returncode == 0, quiz_text.stderr
    # The fitted quiz asks the fact in a type it can yield (without distractors of its
    # kind, fill in the blank), so the wording of the question is not fixed here.
    assert "1 questions" in quiz_text.stdout and "to cooperate in tackling" in quiz_text.stdout

    again = run("new-lesson", "quad", "--title", "Again", cwd=root)
    assert again.returncode == 2
    assert "error: lesson 'quad' already exists in lessons.yml" in again.stderr


def test_new_lesson_refuses_a_bad_id(root: Path) -> None:
    before = (root / "lessons.yml").read_bytes()
    with pytest.raises(Exception, match="lesson id 'Bad Id' is not a slug"):
        new_lesson(root, "Bad Id", "Title")
    assert (root / "lessons.yml").read_bytes() == before


# --- Killed and concurrent writers -------------------------------------------------------------

def write_fact(root: Path, mode: str, fields: dict, signal_file: Path, delay: float) -> None:
    """In a writer's own (forked) process: add ``fields`` to the project at ``root``.

    ``mode`` "pause-before-rename": the new text is written to its temporary file, then
    ``signal_file`` names it and the writer waits (to be killed) before the rename;
    "locked": the writer waits for ``signal_file`` to exist (writers start together), then
    takes ``delay`` seconds inside the lock, after reading the file, before writing it;
    "no-lock": the same without the project's lock.
    """
    import factquiz.authoring.transaction as transaction

    if mode == "pause-before-rename":
        real_replace = os.replace

        def paused(src: str, dst: str) -> None:
            if not Path(dst).resolve().is_relative_to(root.resolve()):
                return real_replace(src, dst)  # factquiz's cache, outside the project
            signal_file.write_text(str(src))
            time.sleep(120)
            real_replace(src, dst)
        os.replace = paused  # type: ignore[assignment]
    else:
        while not signal_file.exists():  # start together
            time.sleep(0.005)
        real_write = transaction.atomic_write_text

        def slow(path: Path, text: str, *newline: str) -> None:
            time.sleep(delay)  # inside the lock, after reading the file
            real_write(path, text, *newline)
        transaction.atomic_write_text = slow  # type: ignore[assignment]
        if mode == "no-lock":
            class NoLock:
                lock_file = "none"

                def acquire(self) -> None:
                    pass

                def release(self) -> None:
                    pass
            transaction.locked = lambda path: NoLock()  # type: ignore[assignment,return-value]
    add_fact(root, fields)


def writer(root: Path, mode: str, fields: dict, signal_file: Path,
           delay: float = 0.0) -> Forked:
    """A writer adding ``fields`` in a process of its own (see :func:`write_fact`): forked
    from this one, with factquiz imported already, so that it can be killed."""
    return start_forked(lambda: write_fact(root, mode, fields, signal_file, delay))


def test_writer_killed_before_the_rename_leaves_the_old_file(root: Path, tmp_path: Path) -> None:
    path = root / "facts" / "raa.yml"
    before = path.read_bytes()
    ready = tmp_path / "ready"
    process = writer(root, "pause-before-rename", SUGA, ready)
    deadline = time.monotonic() + 60
    while not ready.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.01)
    temp = Path(ready.read_text())
    assert temp.parent == path.parent and temp.is_file()  # the new text is fully written...
    assert "raa-suga-counterpart" in temp.read_text(encoding="utf-8")
    os.kill(process.pid, signal.SIGKILL)  # ...and the writer dies before the rename
    process.wait()
    assert path.read_bytes() == before
    assert_check_passes(root, fresh=True)  # the leftover .tmp file is not a fact file
    # The lock died with the writer: the next writer is not blocked.
    result = run("add", "fact", *fact_flags(SUGA), cwd=root)
    assert result.returncode == 0, result.stderr
    assert load(path)["facts"][-1]["id"] == "raa-suga-counterpart"


def test_writers_killed_at_random_times_never_leave_a_broken_file(root: Path,
                                                                   tmp_path: Path) -> None:
    path = root / "facts" / "raa.yml"
    rng = random.Random(20240601)
    (tmp_path / "go").touch()
    for n in range(6):
        before = path.read_bytes()
        fields = {**TROOPS, "id": f"raa-test-troops-{n}"}
        process = writer(root, "locked", fields, tmp_path / "go")
        time.sleep(rng.uniform(0.02, 0.6))  # a forked writer is done in about half a second
        process.kill()
        process.wait()
        now = path.read_bytes()
        assert now == before or now.startswith(before)  # the old file, or the old plus one fact
        assert load(path)["facts"][-1]["id"] in (f"raa-test-troops-{n}",
                                                 load_text(before)["facts"][-1]["id"])
    assert_check_passes(root, fresh=True)  # with whatever the killed writers left


def test_two_writers_at_once_both_land(root: Path, tmp_path: Path) -> None:
    path = root / "facts" / "raa.yml"
    go = tmp_path / "go"
    first = writer(root, "locked", CLIMATE, go, delay=0.5)
    second = writer(root, "locked", TROOPS, go, delay=0.5)
    go.touch()  # both start now (forked, they are waiting already or about to)
    for process in (first, second):
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    ids = [f["id"] for f in load(path)["facts"]]
    assert ids[-2:] in (["raa-test-climate", "raa-test-troops"],
                        ["raa-test-troops", "raa-test-climate"])
    assert_check_passes(root)


def test_without_the_lock_one_writer_is_lost(root: Path, tmp_path: Path) -> None:
    """The control for the test above: the same race with the lock disabled loses a fact."""
    path = root / "facts" / "raa.yml"
    go = tmp_path / "go"
    first = writer(root, "no-lock", CLIMATE, go, delay=0.75)
    second = writer(root, "no-lock", TROOPS, go, delay=0.75)
    go.touch()
    for process in (first, second):
        process.communicate(timeout=120)
    ids = {f["id"] for f in load(path)["facts"]}
    assert len(ids & {"raa-test-climate", "raa-test-troops"}) == 1


def test_library_refusal_names_the_fields(root: Path) -> None:
    with pytest.raises(InvalidItem) as caught:
        add_fact(root, {**SUGA, "statement": "Morrison met his counterpart."})
    assert caught.value.fields == ["statement"]
    assert [f.code for f in caught.value.findings] == ["statement-missing-answer"]


# --- What add tells the instructor ---------------------------------------------------------------


DUPLICATE = {**SUGA, "id": "raa-suga-again",
             "question": "Who was the Japanese prime minister who agreed the Reciprocal Access "
                         "Agreement in principle with Morrison?"}
DATED = {**CLIMATE, "statement": "In 2020 the two leaders agreed to cooperate in tackling "
                                 "climate change."}


@pytest.mark.parametrize(("fields", "warning", "not_warned"), [
    (DUPLICATE, "warning[likely-duplicate] raa-suga-again: same question and answer as fact "
                "'raa-suga-2020' (facts/raa.yml:{line})", "statement-beyond-quote"),
    (DATED, "warning[statement-beyond-quote] raa-test-climate: the statement says 2020, which "
            "none of its quotes says", "likely-duplicate"),
], ids=["duplicate", "unquoted-year"])
def test_add_fact_warns_about_a_likely_mistake(root: Path, fields: dict, warning: str,
                                               not_warned: str) -> None:
    result = run("add", "fact", *fact_flags(fields), cwd=root)
    assert result.returncode == 0, result.stderr  # a warning, not a refusal
    assert warning.replace("{line}", str(line_of_fact(root, "raa-suga-2020"))) in result.stderr
    assert not_warned not in result.stderr
    assert_check_passes(root)


def test_a_refused_fact_is_located_in_the_new_fact_not_past_the_end_of_the_file(
        root: Path) -> None:
    path = root / "facts" / "raa.yml"
    lines = path.read_text(encoding="utf-8").count("\n")
    bad = {**SUGA, "evidence": [{"source": "tokyo-raa-basic-agreement-2020",
                                 "quote": "Morrison and his Korean counterpart"}]}
    result = run("add", "fact", *fact_flags(bad), cwd=root)
    assert result.returncode == 2
    located = [line for line in result.stderr.splitlines() if "error[quote-not-found]" in line]
    assert located == ["<new fact for facts/raa.yml>:12:16: error[quote-not-found] "
                       "raa-suga-counterpart: quote not found in source "
                       "'tokyo-raa-basic-agreement-2020'"]
    assert f"facts/raa.yml:{lines + 1}" not in result.stderr


def test_add_question_without_an_id_writes_a_stable_one(root: Path) -> None:
    path = root / "quizzes" / "raa.yml"
    result = run("add", "question", "raa", "--type", "tf",
                 "--prompt", "True or false? The RAA was still to be ratified after the talks.",
                 "--answer", "true", "--explanation", "Both parliaments had yet to ratify it.",
                 "--fact", "raa-ratification", cwd=root)
    assert result.returncode == 0, result.stderr
    written = load(path)["instructor_questions"][-1]
    assert written["id"] == "true-or-false-the-raa-was"
    assert result.stdout.rstrip().endswith(
        "added question true-or-false-the-raa-was to quizzes/raa.yml")


def test_missing_question_fields_are_named_by_their_flags(root: Path) -> None:
    result = run("add", "question", "raa", "--type", "mc", "--prompt", "Who?", cwd=root)
    assert result.returncode == 2
    assert ("error: missing --choice, --answer, --explanation, --fact: give them as options"
            in result.stderr), result.stderr
