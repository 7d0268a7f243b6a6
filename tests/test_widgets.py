"""Headless widget tests that play a student: answer, Check, read feedback, score, progress."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import ipywidgets as widgets
import pytest
from IPython.display import display

import factquiz
import factquiz.load
import factquiz.variants
from factquiz.attempts import ProgressStore
from factquiz.background import prepared
from factquiz.generate import Quiz, make_quiz
from factquiz.load import load_project
from factquiz.model import Citation, Question
from factquiz.widgets import QuizWidget, quiz_widget, show

PERTH = Citation(source_id="jdsc-signed-perth-2022", title="Japan and Australia sign landmark "
                 "security agreement", published="2022-10-23",
                 quote="signed the Joint Declaration on Security Cooperation in Perth")


def q(qid: str, qtype: str, prompt: str, explanation: str, **fields: object) -> Question:
    return Question(id=qid, type=qtype, prompt=prompt, explanation=explanation,
                    citations=[PERTH], fact_ids=["f-" + qid], **fields)


QUESTIONS = [
    q("t-1-mc", "mc", "In which city was the 2022 declaration signed?",
      "The declaration was signed in Perth.", options=["Tokyo", "Canberra", "Perth", "Osaka"],
      answer=2),
    q("t-2-tf", "tf", "True or false? The declaration was signed in 2007.",
      "The 2022 declaration updated the one of 2007.", options=["True", "False"], answer=1),
    q("t-3-cloze", "cloze", "The agreement was signed by Albanese and _____.",
      "Albanese signed with Fumio Kishida.", accepted=["Fumio Kishida", "Kishida"],
      match="fuzzy"),
    q("t-4-numeric", "numeric", "In which year was the status of forces agreement made?",
      "The status of forces agreement dates from 1960.", answer=1960, tolerance=0),
    q("t-5-ordering", "ordering", "Put these events in chronological order, earliest first.",
      "In order: SOFA (1960); JDSC (2007); RAA (2022)",
      items=["JDSC", "SOFA", "RAA"], answer=[1, 0, 2]),
    q("t-6-matching", "matching", "Match each capital with its country.",
      "Canberra is Australia's capital, Tokyo Japan's.",
      items=["Canberra", "Tokyo"], options=["New Zealand", "Australia", "Japan"],
      answer=[1, 2]),
]
RIGHT = {"mc": 2, "tf": 1, "cloze": "Kishda", "numeric": 1960, "ordering": [1, 0, 2],
         "matching": [1, 2]}
WRONG = {"mc": 0, "tf": 0, "cloze": "Morrison", "numeric": 1951, "ordering": [0, 1, 2],
         "matching": [2, 1]}


def make(seed: int = 11) -> Quiz:
    return Quiz(id="test", title="A test quiz", lesson="jdsc", seed=seed, questions=QUESTIONS)


@pytest.fixture
def store(tmp_path: Path) -> ProgressStore:
    return ProgressStore(tmp_path / "progress.json")


def answer(card: object, response: object) -> None:
    """Set the card's controls as a student would (by index or by typing)."""
    controls = card.controls  # type: ignore[attr-defined]
    if isinstance(response, list):
        for control, value in zip(controls, response, strict=True):
            control.value = value
    elif isinstance(controls[0], (widgets.RadioButtons, widgets.ToggleButtons)):
        controls[0].index = response
    else:
        controls[0].value = response


def all_widgets(root: widgets.Widget) -> Iterator[widgets.Widget]:
    yield root
    for child in getattr(root, "children", ()):
        yield from all_widgets(child)


def visible_state(widget: QuizWidget) -> str:
    """Everything the browser receives: the state of every widget in the tree, as JSON."""
    return json.dumps([w.get_state() for w in all_widgets(widget.root)], ensure_ascii=False)


def test_wrong_then_right_shows_the_answer_then_confirms(store: ProgressStore) -> None:
    quiz = QuizWidget(make(), store=store)
    card = quiz.cards[0]
    answer(card, 0)
    card.check_button.click()
    assert card.feedback_text.splitlines() == [
        "✘ Not quite.",
        "The right answer: Perth",
        "The declaration was signed in Perth.",
        "Source: Japan and Australia sign landmark security agreement (2022-10-23): "
        "signed the Joint Declaration on Security Cooperation in Perth",
    ]
    assert quiz.score_text == "Score: 0 of 6 correct at the first try · 1 of 6 answered"
    assert quiz.bar.value == 1
    answer(card, 2)
    card.check_button.click()
    assert card.feedback_text.splitlines()[0] == (
        "✔ Correct. (The first attempt was wrong, so this question does not count towards "
        "the score.)")
    assert quiz.score == 0 and quiz.answered == 1
    saved = [(a.quiz, a.lesson, a.seed, a.question, a.answer, a.correct)
             for a in store.load().attempts]
    assert saved == [("test", "jdsc", 11, "t-1-mc", 0, False),
                     ("test", "jdsc", 11, "t-1-mc", 2, True)]


@pytest.mark.parametrize("number", range(1, 7))
def test_each_type_takes_the_right_answer_from_its_controls(store: ProgressStore,
                                                            number: int) -> None:
    quiz = QuizWidget(make(), store=store)
    card = quiz.cards[number - 1]
    answer(card, RIGHT[card.question.type])
    quiz.check(number)
    assert card.feedback_text.splitlines()[0] == "✔ Correct."
    assert card.question.explanation in card.feedback_text
    assert quiz.score_text == "Score: 1 of 6 correct at the first try · 1 of 6 answered"
    assert store.load().attempts[0].answer == RIGHT[card.question.type]


@pytest.mark.parametrize("number", range(1, 7))
def test_each_type_says_what_was_wrong_and_the_right_answer(store: ProgressStore,
                                                            number: int) -> None:
    quiz = QuizWidget(make(), store=store)
    card = quiz.cards[number - 1]
    answer(card, WRONG[card.question.type])
    quiz.check(number)
    expected = {"mc": "Perth", "tf": "False", "cloze": "Fumio Kishida", "numeric": "1960",
                "ordering": "SOFA → JDSC → RAA",
                "matching": "Canberra → Australia; Tokyo → Japan"}[card.question.type]
    lines = card.feedback_text.splitlines()
    assert lines[0].startswith("✘ Not quite.")
    assert f"The right answer: {expected}" in lines
    assert quiz.score == 0 and quiz.answered == 1


def test_a_wrong_answer_says_why_it_is_wrong(store: ProgressStore) -> None:
    """The reason of the chosen option (of each misplaced item, of the number typed) is
    shown after the verdict, before the right answer."""
    tokyo = "Tokyo is the answer to another question, “Where were the 2020 talks held?”"
    jdsc = "“JDSC” (2007) comes later than place 1."
    taught = [
        QUESTIONS[0].model_copy(update={"option_feedback": [tokyo, "Canberra: no.", "", "x"]}),
        QUESTIONS[3].model_copy(update={"unit": "year"}),
        QUESTIONS[4].model_copy(update={"response_feedback": {"0|0": jdsc}}),
    ]
    quiz = QuizWidget(Quiz(id="t", title="T", lesson="jdsc", seed=1, questions=taught),
                      store=store)
    for number, (card, response) in enumerate(zip(quiz.cards, [0, 1951, [0, 1, 2]],
                                                  strict=True), start=1):
        answer(card, response)
        quiz.check(number)
    firsts = [card.feedback_text.splitlines()[0] for card in quiz.cards]
    assert firsts == [f"✘ Not quite. {tokyo}", "✘ Not quite. 1951 is 9 years too early.",
                      f"✘ Not quite. 1 of 3 in the right place. {jdsc}"]


def test_matching_feedback_counts_the_pairs_right(store: ProgressStore) -> None:
    quiz = QuizWidget(make(), store=store)
    answer(quiz.cards[5], [1, 0])
    quiz.check(6)
    assert quiz.cards[5].feedback_text.splitlines()[0] == "✘ Not quite. 1 of 2 pairs right."


@pytest.mark.parametrize(("number", "message"), [
    (1, "Choose one of the options, then press Check."),
    (2, "Choose True or False, then press Check."),
    (3, "Type your answer in the box, then press Check."),
    (4, "Type a number in the box, then press Check."),
    (5, "Choose a different event for each position, then press Check."),
    (6, "Choose a match for every item, then press Check."),
])
def test_check_without_an_answer_asks_for_one_and_saves_nothing(
        store: ProgressStore, number: int, message: str) -> None:
    quiz = QuizWidget(make(), store=store)
    if number == 5:  # the same event twice is not an order either
        answer(quiz.cards[4], [0, 0, 2])
    quiz.check(number)
    assert quiz.cards[number - 1].feedback_text == message
    assert quiz.answered == 0
    assert store.load().attempts == []


def test_the_key_never_reaches_the_browser_before_check(store: ProgressStore) -> None:
    quiz = QuizWidget(make(), store=store)
    state = visible_state(quiz)
    for question in QUESTIONS:
        assert question.explanation not in state
        for accepted in question.accepted:
            assert accepted not in state
        assert PERTH.quote not in state
    for w in all_widgets(quiz.root):
        if isinstance(w, (widgets.RadioButtons, widgets.ToggleButtons)):
            assert w.index is None
        if isinstance(w, widgets.HTML):
            assert "Correct" not in w.value and "right answer" not in w.value
    radio = quiz.cards[0].controls[0]
    assert radio.get_state()["_options_labels"] == ("Tokyo", "Canberra", "Perth", "Osaka")
    # after one Check only that card's explanation is revealed
    answer(quiz.cards[1], 1)
    quiz.check(2)
    state = visible_state(quiz)
    assert QUESTIONS[1].explanation in state
    assert QUESTIONS[0].explanation not in state


def test_the_text_fallback_shows_questions_but_no_key(store: ProgressStore) -> None:
    bundle = QuizWidget(make(), store=store)._repr_mimebundle_()
    assert set(bundle) == {"text/plain", "application/vnd.jupyter.widget-view+json"}
    text = bundle["text/plain"]
    assert text.splitlines()[:5] == [
        "Quiz: A test quiz (6 questions, variant 11)",
        "Run this notebook in Jupyter to answer the questions and get feedback.",
        "",
        "1. [multiple choice] In which city was the 2022 declaration signed?",
        "   a) Tokyo",
    ]
    assert "   with one of: New Zealand; Australia; Japan" in text.splitlines()
    for question in QUESTIONS:
        assert question.explanation not in text
        assert all(a not in text for a in question.accepted)


def test_every_control_is_labelled_and_every_button_named(store: ProgressStore) -> None:
    quiz = QuizWidget(make(), store=store)
    controls = [w for w in all_widgets(quiz.root)
                if isinstance(w, (widgets.RadioButtons, widgets.ToggleButtons, widgets.Text,
                                  widgets.IntText, widgets.Dropdown, widgets.Button))]
    assert len(controls) == 2 + 1 + 1 + 1 + 1 + 3 + 2 + 6  # + Try again, Reset, 6 Checks
    assert all(c.description.strip() for c in controls)
    assert [c.description for c in quiz.cards[4].controls] == [
        "1st (question 5)", "2nd (question 5)", "3rd (question 5)"]
    assert [c.description for c in quiz.cards[5].controls] == ["Canberra", "Tokyo"]
    assert quiz.cards[0].check_button.tooltip == "Check your answer to question 1"


def test_answers_come_back_after_a_kernel_restart(store: ProgressStore) -> None:
    first = QuizWidget(make(), store=store)
    answer(first.cards[0], 0)
    first.check(1)
    answer(first.cards[0], 2)
    first.check(1)
    answer(first.cards[2], "Fumio Kishida")
    first.check(3)
    again = QuizWidget(make(), store=ProgressStore(store.path))  # a new kernel
    assert again.score_text == "Score: 1 of 6 correct at the first try · 2 of 6 answered"
    assert again.cards[0].controls[0].index == 2
    assert again.cards[2].controls[0].value == "Fumio Kishida"
    assert again.cards[0].feedback_text.startswith(
        "✔ Correct. (The first attempt was wrong")
    assert again.status.value == (
        "<p>Restored your saved answers to 2 question(s) of this variant.</p>")
    other = QuizWidget(make(seed=12), store=ProgressStore(store.path))  # another variant
    assert other.answered == 0


def test_reset_clears_the_variant_for_good_but_keeps_the_history(store: ProgressStore) -> None:
    quiz = QuizWidget(make(), store=store)
    answer(quiz.cards[1], 1)
    quiz.check(2)
    quiz.reset_button.click()
    assert quiz.score_text == "Score: 0 of 6 correct at the first try · 0 of 6 answered"
    assert quiz.cards[1].controls[0].index is None
    assert quiz.cards[1].feedback.value == ""
    assert quiz.status.value == "<p>All answers cleared.</p>"
    assert QuizWidget(make(), store=ProgressStore(store.path)).answered == 0
    assert len(store.load().attempts) == 1


def test_an_unwritable_progress_file_does_not_stop_the_quiz(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("", encoding="utf-8")
    quiz = QuizWidget(make(), store=ProgressStore(tmp_path / "file" / "progress.json"))
    answer(quiz.cards[0], 2)
    quiz.check(1)
    assert quiz.cards[0].feedback_text.startswith("✔ Correct.")
    assert quiz.status.value.startswith(
        "<p><strong>Your answer was checked but not saved:</strong>")


def test_try_again_gives_a_different_but_deterministic_variant(repo_root: Path,
                                                               store: ProgressStore) -> None:
    project = load_project(repo_root)
    quiz = quiz_widget("raa", seed=5, project=project, store=store)
    first = [c.question for c in quiz.cards]
    assert first == make_quiz(project, "raa", seed=5).questions
    quiz.try_again_button.click()
    assert quiz.quiz.seed == 6
    second = [c.question for c in quiz.cards]
    assert second != first
    assert second == make_quiz(project, "raa", seed=6).questions
    assert quiz.status.value == "<p>A fresh variant of the quiz: variant 6.</p>"
    assert quiz.answered == 0
    again = quiz_widget("raa", seed=5, project=project, store=store)
    again.try_again()
    assert [c.question for c in again.cards] == second


def test_a_student_gets_their_own_variant_and_their_own_progress(
        repo_root: Path, store: ProgressStore) -> None:
    project = load_project(repo_root)
    ann = quiz_widget("raa", student="ann", project=project, store=store)
    assert ann.quiz == make_quiz(project, "raa", student="ann")
    card = ann.cards[0]
    answer(card, right_for(card.question))
    ann.check(1)
    assert store.load().attempts[0].student == "ann"
    assert quiz_widget("raa", student="bob", project=project, store=store).answered == 0
    assert quiz_widget("raa", student="ann", project=project, store=store).answered == 1


def right_for(question: Question) -> object:
    """The right response to a generated question, in the widget's form."""
    if question.type == "cloze":
        return question.accepted[0]
    if question.type == "ordering":
        return list(question.answer)
    return question.answer


def test_quiz_without_a_project_cannot_try_again_and_says_why(store: ProgressStore) -> None:
    quiz = QuizWidget(make(), store=store)
    quiz.try_again()
    assert quiz.quiz.seed == 11
    assert "Try again needs the project" in quiz.status.value


def test_show_displays_the_quiz(repo_root: Path, store: ProgressStore,
                                monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("FACTQUIZ_PROGRESS", str(store.path))
    monkeypatch.chdir(repo_root / "notebooks")
    assert factquiz.show("raa", seed=3) is None
    assert capsys.readouterr().out.startswith("<QuizWidget raa variant 3: Score: 0 of ")


def test_import_factquiz_stays_light_and_exports_show_and_progress() -> None:
    code = ("import sys, factquiz, factquiz.cli; "
            "print(any(m.startswith(('ipywidgets', 'matplotlib', 'nbclient')) "
            "for m in sys.modules)); "
            "print(factquiz.show.__module__, factquiz.progress.__module__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["False", "factquiz.widgets", "factquiz.attempts"]
    assert show is factquiz.show
    with pytest.raises(AttributeError, match="has no attribute 'nothing'"):
        factquiz.nothing  # noqa: B018


def test_a_ready_quiz_with_its_project_can_try_again(repo_root: Path,
                                                     store: ProgressStore) -> None:
    project = load_project(repo_root)
    quiz = quiz_widget(make_quiz(project, "jdsc", seed=40), project=project, store=store)
    quiz.try_again()
    assert quiz.quiz == make_quiz(project, "jdsc", seed=41)


# --- saved answers across bank edits and restarts ---------------------------------------------

def edit_fact(root: Path, fact_id: str, **changes: object) -> None:
    """Edit one fact of the copied bank in place (as an instructor would)."""
    from ruamel.yaml import YAML

    yaml = YAML()
    for path in sorted((root / "facts").glob("*.yml")):
        data = yaml.load(path.read_text(encoding="utf-8"))
        for fact in data.get("facts") or []:
            if fact["id"] == fact_id:
                fact.update(changes)
                with path.open("w", encoding="utf-8") as out:
                    yaml.dump(data, out)
                return
    raise AssertionError(f"no fact {fact_id}")


def mc_card(quiz: QuizWidget) -> object:
    return next(c for c in quiz.cards if c.question.type == "mc")


def test_a_saved_answer_survives_a_bank_edit_that_reorders_its_options(
        make_project: object, store: ProgressStore) -> None:
    root = make_project(copy=("facts", "quizzes"))  # type: ignore[operator]
    before = quiz_widget("raa", seed=5, project=load_project(root), store=store)
    card = mc_card(before)
    question = card.question  # type: ignore[attr-defined]
    right = question.options[question.answer]
    answer(card, question.answer)
    before.check(card.number)  # type: ignore[attr-defined]
    # The instructor keeps only the three distractors shown, listed in another order.
    shown = [o for o in question.options if o != right]
    edit_fact(root, question.fact_ids[0], distractors=list(reversed(shown)))
    after = quiz_widget("raa", seed=5, project=load_project(root),
                        store=ProgressStore(store.path))
    moved = mc_card(after)
    new = moved.question  # type: ignore[attr-defined]
    assert new.id == question.id and new.options != question.options  # the edit reordered them
    assert sorted(new.options) == sorted(question.options)
    assert moved.controls[0].value == right  # type: ignore[attr-defined]
    assert moved.feedback_text.startswith("✔ Correct.")  # type: ignore[attr-defined]
    assert after.score >= 1


def test_a_changed_question_is_not_regraded_silently(make_project: object,
                                                     store: ProgressStore) -> None:
    root = make_project(copy=("facts", "quizzes"))  # type: ignore[operator]
    before = quiz_widget("raa", seed=5, project=load_project(root), store=store)
    card = mc_card(before)
    question = card.question  # type: ignore[attr-defined]
    answer(card, question.answer)
    before.check(card.number)  # type: ignore[attr-defined]
    edit_fact(root, question.fact_ids[0], question=question.prompt.rstrip("?") + ", exactly?")
    after = quiz_widget("raa", seed=5, project=load_project(root),
                        store=ProgressStore(store.path))
    changed = mc_card(after)
    assert changed.question.id == question.id  # type: ignore[attr-defined]
    assert changed.first_correct is None  # type: ignore[attr-defined]
    assert "changed since you answered it" in changed.feedback.value  # type: ignore[attr-defined]
    assert f"question(s) {changed.number}." in after.status.value  # type: ignore[attr-defined]
    assert "Changed since you answered" in after.status.value


def test_a_restart_after_try_again_comes_back_to_the_same_variant(repo_root: Path,
                                                                  store: ProgressStore) -> None:
    project = load_project(repo_root)
    for student in (None, "ann"):
        quiz = quiz_widget("raa", student=student, project=project, store=store)
        first = quiz.quiz.seed
        quiz.try_again()
        quiz.try_again()
        again = quiz_widget("raa", student=student, project=project,
                            store=ProgressStore(store.path))  # a new kernel
        assert again.quiz.seed == first + 2
        assert quiz_widget("raa", seed=first, student=student, project=project,
                           store=store).quiz.seed == first  # an explicit seed wins


def test_the_first_check_loads_no_exporter(tmp_path: Path) -> None:
    """Checking an answer in a notebook imports neither an export format nor genanki, nor
    the book's or the terminal's pieces of the question types."""
    code = (
        "import sys\n"
        "from factquiz.attempts import ProgressStore\n"
        "from factquiz.model import Question\n"
        "from factquiz.quizmodel import Quiz\n"
        "from factquiz.widgets import quiz_widget\n"
        "q = Question(id='q1', type='mc', prompt='P?', options=['a', 'b', 'c', 'd'], answer=1,\n"
        "             explanation='Because.', citations=[], fact_ids=['f'])\n"
        "quiz = Quiz(id='x', title='X', lesson='x', seed=0, questions=[q])\n"
        "widget = quiz_widget(quiz, store=ProgressStore(sys.argv[1]))\n"
        "widget.cards[0].set_response(1)\n"
        "widget.check(1)\n"
        "print('Because.' in widget.cards[0].feedback.value)\n"
        "print(sorted(m for m in sys.modules if m.startswith('factquiz.export')\n"
        "             or m.split('.')[0] in ('genanki', 'sphinx')\n"
        "             or (m.startswith('factquiz.qtypes')\n"
        "                 and m.endswith(('.static', '.preview')))))\n"
        "print('factquiz.qtypes.mc.widget' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "progress.json")],
                         capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[:3] == ["True", "[]", "True"]


def _refuse_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(root: Path) -> None:
        raise AssertionError("the project was loaded again")

    monkeypatch.setattr(factquiz.load, "load_project", refuse)


def test_a_second_show_reuses_the_quiz_until_the_bank_changes(
        make_project: Callable[..., Path], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTQUIZ_CACHE_DIR", str(tmp_path / "cache"))
    root = make_project(copy=("facts", "quizzes"))
    store = ProgressStore(tmp_path / "progress.json")
    first = quiz_widget("raa", seed=5, project=root, store=store)
    display(first)
    assert prepared(60)  # once shown, the next variant ("Try again") is made meanwhile
    real_load = factquiz.load.load_project
    _refuse_loading(monkeypatch)
    second = quiz_widget("raa", seed=5, project=root, store=store)
    assert second.quiz is first.quiz  # the same generated quiz: nothing loaded or made
    second.try_again()  # finds the variant made in the background
    assert prepared(60)
    # A new kernel reads both from the cache folder, still without loading the project.
    factquiz.variants._KEPT.clear()
    assert quiz_widget("raa", seed=5, project=root, store=store).quiz == first.quiz
    tried = quiz_widget("raa", seed=6, project=root, store=store).quiz
    assert tried == second.quiz
    monkeypatch.setattr(factquiz.load, "load_project", real_load)
    assert tried == make_quiz(load_project(root), "raa", seed=6)
    # An edit to the bank shows on the next show(), in this kernel as in a new one.
    path = root / "facts" / "raa.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("question: ", "question: Reworded "),
                    encoding="utf-8")
    edited = quiz_widget("raa", seed=5, project=root, store=store).quiz
    assert any("Reworded" in q.prompt for q in edited.questions)
    assert not any("Reworded" in q.prompt for q in first.quiz.questions)
    assert prepared(60)


def test_showing_a_quiz_again_shows_its_widget_until_something_changed(
        make_project: Callable[..., Path], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    import IPython.display

    monkeypatch.setenv("FACTQUIZ_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("FACTQUIZ_PROGRESS", str(tmp_path / "progress.json"))
    root = make_project(copy=("facts", "quizzes"))
    shown: list[QuizWidget] = []
    monkeypatch.setattr(IPython.display, "display", lambda widget, **_: shown.append(widget))
    show("raa", project=root)
    first = shown[-1]
    answer(first.cards[0], right_for(first.cards[0].question))
    first.check(1)
    show("raa", project=root)  # the cell run again: the quiz as the student left it
    assert shown[-1] is first and first.answered == 1
    show("raa", seed=first.quiz.seed + 1, project=root)  # another variant
    assert shown[-1] is not first
    # Another kernel resets the variant: showing it again reads the progress again.
    ProgressStore(tmp_path / "progress.json").reset(first.quiz.id, first.quiz.seed, None)
    show("raa", project=root)
    again = shown[-1]
    assert again is not first and again.answered == 0 and again.quiz == first.quiz
    # An edit to the bank: a new widget, with the edited quiz.
    path = root / "facts" / "raa.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("question: ", "question: Reworded "),
                    encoding="utf-8")
    show("raa", project=root)
    assert shown[-1] is not again
    assert any("Reworded" in q.prompt for q in shown[-1].quiz.questions)
    assert prepared(60)
