"""The notebook quiz's light path: a cached variant shown as a view without pydantic, the
question types' controls found through the cached table, and "Try again" reusing the
controls of each kind. Each is checked against the full path (model objects, registry)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets
import pytest
from test_widgets import QUESTIONS, RIGHT, all_widgets, answer, make, right_for

import factquiz.variants
from factquiz import cache
from factquiz.attempts import ProgressStore
from factquiz.generate import Quiz
from factquiz.load import load_project
from factquiz.qtypes import REGISTRY
from factquiz.quizview import QuizView
from factquiz.variants import decode, encode
from factquiz.widgets import QuizWidget, quiz_widget
from factquiz.widgettypes import TypeTable, of_type, table


@pytest.fixture
def store(tmp_path: Path) -> ProgressStore:
    return ProgressStore(tmp_path / "progress.json")


@pytest.fixture
def project(make_project: Callable[..., Path], tmp_path: Path,
            monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("FACTQUIZ_CACHE_DIR", str(tmp_path / "cache"))
    return make_project(copy=("facts", "quizzes"))


def test_showing_a_made_variant_loads_no_pydantic_no_yaml_and_nothing_that_makes_questions(
        project: Path, tmp_path: Path) -> None:
    """A variant made before for the same files is shown without loading the project or
    the model: no YAML, pydantic, fact model, loader, fact bank, generator or question type
    (the background thread that loads them for the first Check is held back here, so the
    modules are listed as the show itself left them)."""
    code = (
        "import sys\n"
        "import factquiz.background\n"
        "factquiz.background.DELAY = 3600\n"
        "from factquiz.attempts import ProgressStore\n"
        "from factquiz.widgets import quiz_widget\n"
        "widget = quiz_widget('raa', seed=3, project=sys.argv[1],\n"
        "                     store=ProgressStore(sys.argv[2]))\n"
        "heavy = ('factquiz.model', 'factquiz.qtypes', 'factquiz.answers', 'factquiz.quizmodel',\n"
        "         'factquiz.feedback', 'factquiz.load', 'factquiz.generate', 'factquiz.planner',\n"
        "         'factquiz.factbank', 'factquiz.distractors', 'factquiz.categories')\n"
        "print(len(widget.cards))\n"
        "print(sorted(m for m in sys.modules\n"
        "             if m.split('.')[0] in ('pydantic', 'rapidfuzz', 'yaml', 'ruamel')\n"
        "             or m.startswith(heavy)))\n")
    argv = [sys.executable, "-c", code, str(project), str(tmp_path / "progress.json")]
    env = {**os.environ, "FACTQUIZ_CACHE_DIR": str(tmp_path / "cache")}
    made = subprocess.run(argv, capture_output=True, text=True, check=True, env=env).stdout
    # the first show made the variant (and the types' table)
    assert "factquiz.generate" in made and "factquiz.model" in made
    shown = subprocess.run(argv, capture_output=True, text=True, check=True, env=env).stdout
    assert shown.splitlines() == [made.splitlines()[0], "[]"]


def test_a_cached_quiz_is_shown_checked_saved_and_restored_as_the_made_one(
        project: Path, tmp_path: Path) -> None:
    made = quiz_widget("raa", seed=5, project=project, store=ProgressStore(tmp_path / "a"))
    factquiz.variants._KEPT.clear()  # a new kernel: the variant comes from the cache
    stores = [ProgressStore(tmp_path / "a"), ProgressStore(tmp_path / "b")]
    shown = quiz_widget("raa", seed=5, project=project, store=stores[1])
    assert isinstance(shown.quiz, QuizView) and not isinstance(made.quiz, QuizView)
    assert shown.quiz == made.quiz and made.quiz == shown.quiz
    assert shown.text() == made.text()
    for quiz in (made, shown):
        for number, card in enumerate(quiz.cards, start=1):
            if number % 2:
                answer(card, right_for(card.question))
            elif card.question.type in ("mc", "tf"):
                answer(card, (card.question.answer + 1) % len(card.question.options))
            quiz.check(number)
    assert [c.feedback_text for c in shown.cards] == [c.feedback_text for c in made.cards]
    assert shown.score_text == made.score_text

    def saved(store: ProgressStore) -> list[tuple[object, ...]]:
        return [(a.question, a.type, a.answer, a.correct, a.content, a.fingerprint)
                for a in store.load().attempts]

    assert saved(stores[1]) == saved(stores[0]) != []
    # After a restart, each restores the same answers and feedback.
    again = quiz_widget("raa", seed=5, project=project, store=ProgressStore(tmp_path / "b"))
    model = quiz_widget("raa", seed=5, project=load_project(project),
                        store=ProgressStore(tmp_path / "a"))
    assert isinstance(again.quiz, QuizView) and not isinstance(model.quiz, QuizView)
    assert again.score_text == model.score_text == made.score_text
    assert [c.feedback_text for c in again.cards] == [c.feedback_text for c in model.cards]
    assert again.status.value == model.status.value != ""


def test_a_view_is_its_quiz_and_an_entry_of_another_shape_is_missing() -> None:
    quiz = make()
    data = encode(quiz)
    view = QuizView(data)
    assert view == quiz and quiz == view and view.model() == quiz and decode(data) == quiz
    assert [q.prompt for q in view.questions] == [q.prompt for q in quiz.questions]
    assert view.questions[0].citations[0].quote == quiz.questions[0].citations[0].quote
    other = make().model_copy(update={"questions": [QUESTIONS[1], *QUESTIONS[1:]]})
    assert view != other and other != view and view != make(seed=12)
    for bad in ([], {"id": "x"}, {**data, "questions": [{"id": 1}]},
                {**data, "questions": [{"type": "mc", "citations": []}]}):
        with pytest.raises((KeyError, TypeError)):
            QuizView(bad)


def test_the_table_names_the_registry_s_own_pieces_of_every_built_in_type(
        project: Path) -> None:
    found = table()
    assert set(found) == set(REGISTRY)
    types = TypeTable(project)
    for name in REGISTRY:
        full = of_type(name)
        light = types(name)
        assert light == full
        assert found[name]["title"] == REGISTRY[name].title
        assert not found[name]["controls"].startswith("factquiz.qtypes.")
    # The table is kept by the code's digest, and is only a shortcut: a type it lacks is
    # taken from the registry.
    digest = cache.project_digest(project, only=())
    cache.store(project, "notebook-types", digest, {}, shared=True)
    assert TypeTable(project)("mc") == of_type("mc")


# --- "Try again" reuses the widgets -------------------------------------------------------

def models_of(root: widgets.Widget) -> set[str]:
    """The ids of the models the browser shows for ``root``: widgets, layouts and styles."""
    found = set()
    for w in all_widgets(root):
        found.add(w.model_id)
        for part in (getattr(w, "layout", None), getattr(w, "style", None)):
            if isinstance(part, widgets.Widget):
                found.add(part.model_id)
    return found


def test_try_again_reuses_the_controls_of_each_kind_blank_and_closes_the_rest(
        store: ProgressStore) -> None:
    from ipywidgets.widgets.widget import _instances

    before = set(_instances)
    # The next variant: the same kinds in another order, options of another number, an
    # ordering with one more item (new dropdowns) and a decimal number (a new box).
    mc = QUESTIONS[0].model_copy(update={"options": ["Perth", "Osaka", "Tokyo"], "answer": 0})
    ordering = QUESTIONS[4].model_copy(update={"items": ["A", "B", "C", "D"],
                                               "answer": [3, 2, 1, 0]})
    numeric = QUESTIONS[3].model_copy(update={"answer": 1960.5, "tolerance": 0.5})
    moved = [QUESTIONS[5], QUESTIONS[2], mc, ordering, numeric, QUESTIONS[1]]
    nxt = Quiz(id="test", title="A test quiz", lesson="jdsc", seed=12, questions=moved)
    quiz = QuizWidget(make(), store=store, variant=lambda seed: nxt)
    for number, card in enumerate(quiz.cards, start=1):
        answer(card, RIGHT[card.question.type])
        quiz.check(number)
    shown = {card.question.type: card.inputs for card in quiz.cards}
    quiz.try_again()
    assert [card.question for card in quiz.cards] == moved
    assert quiz.answered == 0 and quiz.score_text.endswith("0 of 6 answered")
    reused = {card.question.type: card.inputs is shown[card.question.type]
              for card in quiz.cards}
    assert reused == {"matching": True, "cloze": True, "mc": True, "ordering": False,
                      "numeric": False, "tf": True}
    for number, card in enumerate(quiz.cards, start=1):
        assert card.response() is None and card.feedback_text == ""
        assert card.controls[0].description == (
            {"matching": "Canberra", "ordering": f"1st (question {number})"}
            .get(card.question.type, f"Answer {number}"))
    assert quiz.cards[2].controls[0].options == ("Perth", "Osaka", "Tokyo")
    assert quiz.cards[2].controls[0].index is None
    assert len(quiz.cards[3].controls) == 4
    assert isinstance(quiz.cards[4].controls[0], widgets.FloatText)
    # Nothing is left open that the quiz no longer shows.
    assert set(_instances) - before == models_of(quiz.root)
    rights = {"mc": 0, "ordering": [3, 2, 1, 0], "numeric": 1960.5}
    for number, card in enumerate(quiz.cards, start=1):
        answer(card, rights.get(card.question.type, RIGHT[card.question.type]))
        quiz.check(number)
        assert card.feedback_text.startswith("✔ Correct."), card.question.type
    assert [a.seed for a in store.load().attempts] == [11] * 6 + [12] * 6
