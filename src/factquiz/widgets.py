"""Quizzes in a notebook as ipywidgets, graded in the kernel, progress saved on every Check.

The answer key never reaches the browser: option widgets are built from
``Question.options`` and ``Question.items`` alone, the :class:`~factquiz.model.Question`
stays in this Python object, and feedback (verdict, right answer, explanation, source) is
rendered only after the student presses Check. Feedback always says "Correct" or "Not
quite" in words and with a symbol, never by colour alone; every control has a label and
is reachable with the keyboard (Tab, arrow keys, Space, Enter), also in JupyterLab and
Notebook 7, whose shortcuts would otherwise take the arrow keys (see :data:`KEYBOARD_JS`).

Grading is :func:`factquiz.grade.grade`; attempts go to a
:class:`~factquiz.attempts.ProgressStore`, and the last answers of the same variant are
restored when the quiz is shown again, e.g. after a kernel restart, on the variant the
student last moved to with "Try again". Answers are restored by content (option and item
texts), so a regenerated variant whose options moved still shows the student's choice; a
question that changed since it was answered is filled in where it fits, said so, and not
graded until the student checks it again.
"""

from __future__ import annotations

import html
import re
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

import ipywidgets as widgets

from .answers import MESSAGES
from .attempts import Attempt, ProgressStore, question_fingerprint, response_from_content
from .errors import FactquizError
from .feedback import feedback_html as explanation_and_sources
from .model import Grade, Question
from .qtypes import REGISTRY
from .qtypes.widget import widget_module

Grader = Callable[[Question, object], Grade]

CORRECT_MARK = "✔"
WRONG_MARK = "✘"

#: Shown (as a trusted output, before the quiz) so that the keys the notebook names work
#: on the quiz: lumino's ``data-lm-suppress-shortcuts`` on the quiz and on each of its
#: controls keeps JupyterLab's and Notebook 7's shortcuts (ArrowDown: next cell, ...) from
#: taking the keys of a focused quiz control; the arrow keys move between the True/False
#: toggles and press one, which then says it is pressed (``aria-pressed``); each radio
#: group gets its role and its label.
KEYBOARD_JS = """(function () {
  "use strict";
  if (window.factquizKeyboard) { window.factquizKeyboard(); return; }
  var serial = 0;
  function labelledBy(group) {
    var label = group.parentNode && group.parentNode.querySelector(":scope > .widget-label");
    if (!label) { return; }
    if (!label.id) { label.id = "factquiz-label-" + (++serial); }
    group.setAttribute("aria-labelledby", label.id);
  }
  function enhance(root) {
    if (root.getAttribute("data-lm-suppress-shortcuts") !== "true") {
      root.setAttribute("data-lm-suppress-shortcuts", "true");
      root.addEventListener("keydown", toggleKeys);
    }
    /* lumino matches a shortcut's selector (e.g. "... :focus") on the focused element
       itself before it looks for the attribute on its ancestors: each control needs it. */
    root.querySelectorAll("input, select, button, textarea").forEach(function (control) {
      if (!control.hasAttribute("data-lm-suppress-shortcuts")) {
        control.setAttribute("data-lm-suppress-shortcuts", "true");
      }
    });
    root.querySelectorAll(".widget-radio-box").forEach(function (group) {
      group.setAttribute("role", "radiogroup");
      labelledBy(group);
    });
    root.querySelectorAll(".widget-toggle-buttons > div")
      .forEach(function (group) { group.setAttribute("role", "group"); labelledBy(group); });
    root.querySelectorAll(".widget-toggle-button").forEach(function (button) {
      var pressed = button.classList.contains("mod-active") ? "true" : "false";
      if (button.getAttribute("aria-pressed") !== pressed) {
        button.setAttribute("aria-pressed", pressed);
      }
    });
  }
  var STEP = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
  function toggleKeys(event) {
    var button = event.target.closest && event.target.closest(".widget-toggle-button");
    if (!button || !(event.key in STEP)) { return; }
    var all = Array.prototype.slice.call(
      button.parentNode.querySelectorAll(".widget-toggle-button"));
    var next = all[(all.indexOf(button) + STEP[event.key] + all.length) % all.length];
    event.preventDefault();
    next.focus();
    next.click();
  }
  function scan() { document.querySelectorAll(".factquiz-quiz").forEach(enhance); }
  var queued = false;
  new MutationObserver(function () {
    if (queued) { return; }
    queued = true;
    requestAnimationFrame(function () { queued = false; scan(); });
  }).observe(document.body, { subtree: true, childList: true, attributes: true,
                              attributeFilter: ["class"] });
  window.factquizKeyboard = scan;
  scan();
})();"""


class QuizLike(Protocol):
    """What the widget needs of a quiz (``factquiz.generate.Quiz``)."""

    id: str
    title: str
    lesson: str
    seed: int
    questions: list[Question]


VariantMaker = Callable[[int], QuizLike]


def _text(value: str) -> str:
    return html.escape(value, quote=False)


def _plain(markup: str) -> str:
    """Text of a small HTML fragment (for tests, screen-reader-like checks, the terminal)."""
    text = re.sub(r"<(br|/p|/li|/div)\s*/?>", "\n", markup)
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


class QuestionCard:
    """One question: its prompt, the control for its type, a Check button and feedback."""

    def __init__(self, question: Question, number: int, total: int,
                 on_check: Callable[[QuestionCard], None]) -> None:
        self.question = question
        self.number = number
        self.first_correct: bool | None = None  # verdict of the first attempt
        self.last_grade: Grade | None = None
        self.attempts = 0
        title = REGISTRY[question.type].title
        self.heading = widgets.HTML(
            f'<h3 style="margin:0.2em 0">Question {number} of {total} '
            f'<small>({_text(title)})</small></h3>'
            f'<p style="font-size:1.05em">{_text(question.prompt)}</p>')
        #: The type's widget module (``qtypes/<type>/widget.py``) and its controls.
        self.type_widget = widget_module(question.type)
        self.inputs = self.type_widget.controls(question, number)
        self.controls: list[widgets.Widget] = self.inputs.inputs
        self.control = self.inputs.view
        self.check_button = widgets.Button(
            description="Check", tooltip=f"Check your answer to question {number}")
        self.check_button.on_click(lambda _button: on_check(self))
        self.feedback = widgets.HTML("")
        self.box = widgets.VBox(
            [self.heading, self.control, self.check_button, self.feedback],
            layout=widgets.Layout(border="1px solid #888", padding="0.5em 1em",
                                  margin="0.5em 0"))
        self.box.add_class("factquiz-card")
        self.feedback.add_class("factquiz-feedback")

    # --- controls: the type's own (qtypes/<type>/widget.py) ----------------------------

    def response(self) -> object | None:
        """The student's response in grade()'s form, or None when it is incomplete."""
        return self.inputs.response()

    def incomplete_message(self) -> str:
        """What to do when Check is pressed without a complete answer."""
        return MESSAGES[self.type_widget.INCOMPLETE]

    def set_response(self, response: Any) -> None:
        """Put a saved response back into the controls (when restoring progress)."""
        try:
            self.inputs.set_response(response)
        except Exception:  # a saved answer that no longer fits the question: leave it blank
            self.clear()

    def close(self) -> None:
        """Close every widget of the card (when the quiz is replaced by another variant)."""
        for widget in [*self.controls, self.control, self.heading, self.check_button,
                       self.feedback, self.box]:
            widget.close()

    def clear(self) -> None:
        """Blank controls and feedback, as if never answered."""
        self.inputs.clear()
        self.first_correct = None
        self.last_grade = None
        self.attempts = 0
        self.feedback.value = ""

    # --- feedback -----------------------------------------------------------------------

    def apply(self, grade: Grade) -> None:
        """Record a graded attempt and show its feedback."""
        self.attempts += 1
        if self.first_correct is None:
            self.first_correct = grade.correct
        self.last_grade = grade
        self.feedback.value = self.feedback_html(grade)

    def prompt_only(self, message: str) -> None:
        """Show a hint without grading (the answer was incomplete)."""
        self.feedback.value = f'<p role="status"><strong>{_text(message)}</strong></p>'

    def feedback_html(self, grade: Grade) -> str:
        """The verdict in words and symbol, the right answer after a miss, explanation, source."""
        if grade.correct:
            verdict = f"{CORRECT_MARK} {MESSAGES['correct']}"
            if self.first_correct is False:
                verdict += (" (The first attempt was wrong, so this question does not "
                            "count towards the score.)")
            parts = [f'<p><strong>{_text(verdict)}</strong></p>']
        else:
            detail = grade.detail or ("" if grade.message == MESSAGES["wrong"] else grade.message)
            parts = [f"<p><strong>{WRONG_MARK} {_text(MESSAGES['wrong'])}</strong> "
                     f"{_text(detail)}</p>"]
            if grade.expected:
                parts.append(f"<p>{_text(MESSAGES['right_answer'])} "
                             f"<strong>{_text(grade.expected)}</strong></p>")
        parts.append(explanation_and_sources(self.question))
        border = "#2e7d32" if grade.correct else "#c62828"
        return (f'<div role="status" style="border-left:4px solid {border};'
                f'padding-left:0.6em">{"".join(parts)}</div>')

    @property
    def feedback_text(self) -> str:
        """The feedback as plain text."""
        return _plain(self.feedback.value)

    def text(self) -> str:
        """The question as plain text, without its key (for the offline fallback)."""
        q = self.question
        lines = [f"{self.number}. [{REGISTRY[q.type].title}] {q.prompt}",
                 *self.type_widget.text_lines(q)]
        return "\n".join(lines)


class QuizWidget:
    """A quiz as widgets: a card per question, a running score, Try again and Reset."""

    def __init__(self, quiz: QuizLike, *, student: str | None = None,
                 store: ProgressStore | None = None, grader: Grader | None = None,
                 variant: VariantMaker | None = None) -> None:
        if grader is None:
            from .grade import grade as grader
        self.grader: Grader = grader
        self.store = store if store is not None else ProgressStore()
        self.student = student
        self.variant = variant
        self.title = widgets.HTML()
        self.score_label = widgets.HTML()
        self.bar = widgets.IntProgress(value=0, min=0, max=1, description="Answered",
                                       style={"description_width": "initial"})
        self.try_again_button = widgets.Button(
            description="Try again",
            tooltip="A fresh variant of this quiz: new order, new options")
        self.reset_button = widgets.Button(
            description="Reset", tooltip="Clear all answers of this variant")
        self.try_again_button.on_click(lambda _b: self.try_again())
        self.reset_button.on_click(lambda _b: self.reset())
        self.status = widgets.HTML("")
        self.cards_box = widgets.VBox()
        header = widgets.VBox([
            self.title,
            widgets.HBox([self.bar, self.score_label]),
            widgets.HBox([self.try_again_button, self.reset_button]),
            self.status,
        ])
        self.root = widgets.VBox([header, self.cards_box])
        self.root.add_class("factquiz-quiz")
        self.score_label.add_class("factquiz-score")
        self.status.add_class("factquiz-status")
        self.cards: list[QuestionCard] = []
        self._load(quiz)

    # --- building -----------------------------------------------------------------------

    def _load(self, quiz: QuizLike, note: str = "") -> None:
        """Show ``quiz`` with its saved answers; the status is ``note`` and what was restored."""
        for card in self.cards:
            card.close()
        self.quiz = quiz
        total = len(quiz.questions)
        self.cards = [QuestionCard(q, n, total, self._check)
                      for n, q in enumerate(quiz.questions, start=1)]
        self.cards_box.children = [card.box for card in self.cards]
        who = f" — {_text(self.student)}" if self.student else ""
        self.title.value = (f'<h2 style="margin:0.2em 0">{_text(quiz.title)}</h2>'
                            f"<p>{total} questions · variant {quiz.seed}{who}. Answer each "
                            "question and press its Check button (Tab moves between controls; "
                            "Space or Enter presses a button).</p>")
        self.bar.max = max(total, 1)
        self.status.value = note + self._restore()
        self._update_score()

    def _restore(self) -> str:
        """Show the answers saved for this very variant (e.g. before a kernel restart).

        Returns what to tell the student about it (HTML, empty when nothing was saved).
        """
        try:
            attempts = self.store.current(self.quiz.id, self.quiz.seed, self.student)
        except (FactquizError, OSError) as exc:
            return f"<p>Saved progress could not be read: {_text(str(exc))}</p>"
        by_id = {card.question.id: card for card in self.cards}
        history: dict[str, list[Attempt]] = {}
        for attempt in attempts:
            if attempt.question in by_id:
                history.setdefault(attempt.question, []).append(attempt)
        changed = [qid for qid, tried in history.items() if not self._restore_card(
            by_id[qid], tried)]
        if not history:
            return ""
        note = (f"<p>Restored your saved answers to {len(history) - len(changed)} question(s) "
                "of this variant.</p>")
        if changed:
            numbers = ", ".join(str(by_id[qid].number) for qid in changed)
            note += (f"<p><strong>Changed since you answered:</strong> question(s) {numbers}. "
                     "Your saved answer is filled in where it still fits but not graded: "
                     "check it again.</p>")
        return note

    def _restore_card(self, card: QuestionCard, tried: list[Attempt]) -> bool:
        """Put the last saved answer back into ``card`` and grade it as before; when the
        question changed since (its fingerprint differs), fill in what still fits, say so,
        and grade nothing. Returns whether the question was unchanged."""
        fingerprint = question_fingerprint(card.question)
        last = tried[-1]
        if last.fingerprint is None:  # saved by an older factquiz: by position only
            same, response = tried, last.answer
        else:
            same = [a for a in tried if a.fingerprint == fingerprint]
            response = (last.answer if last.content is None
                        else response_from_content(card.question, last.content))
        if last.fingerprint not in (None, fingerprint):
            if response is not None:
                card.set_response(response)
            card.prompt_only("This question changed since you answered it: your saved answer "
                             "is filled in where it still fits. Press Check to grade it.")
            return False
        if response is None:
            return True
        card.set_response(response)
        card.first_correct = same[0].correct
        card.attempts = len(same) - 1
        card.apply(self.grader(card.question, response))
        return True

    # --- actions ------------------------------------------------------------------------

    def _check(self, card: QuestionCard) -> None:
        response = card.response()
        if response is None:
            card.prompt_only(card.incomplete_message())
            return
        grade = self.grader(card.question, response)
        card.apply(grade)
        try:
            self.store.record(self.quiz.id, self.quiz.lesson, self.quiz.seed, self.student,
                              card.question, card.question.type, response, grade.correct)
        except (FactquizError, OSError) as exc:
            self.status.value = ("<p><strong>Your answer was checked but not saved:</strong> "
                                 f"{_text(str(exc))}</p>")
        self._update_score()

    def check(self, number: int) -> None:
        """Press Check on question ``number`` (1-based), as the student would."""
        self._check(self.cards[number - 1])

    def try_again(self) -> None:
        """Replace the quiz by the next seeded variant (seed + 1)."""
        if self.variant is None:
            self.status.value = ("<p>Try again needs the project: show the quiz by its "
                                 "lesson id, e.g. <code>factquiz.show(\"raa\")</code>.</p>")
            return
        seed = self.quiz.seed + 1
        note = f"<p>A fresh variant of the quiz: variant {seed}.</p>"
        try:
            self.store.moved_to(self.quiz.id, seed, self.student)
        except (FactquizError, OSError) as exc:
            note += f"<p>Not saved, so a restart goes back: {_text(str(exc))}</p>"
        self._load(self.variant(seed), note=note)

    def reset(self) -> None:
        """Clear every answer of this variant; the history stays in the progress file."""
        for card in self.cards:
            card.clear()
        try:
            self.store.reset(self.quiz.id, self.quiz.seed, self.student)
        except (FactquizError, OSError) as exc:
            self.status.value = f"<p>Reset, but not saved: {_text(str(exc))}</p>"
        else:
            self.status.value = "<p>All answers cleared.</p>"
        self._update_score()

    # --- score --------------------------------------------------------------------------

    @property
    def answered(self) -> int:
        """Questions with at least one graded attempt."""
        return sum(1 for card in self.cards if card.first_correct is not None)

    @property
    def score(self) -> int:
        """Questions answered correctly at the first attempt."""
        return sum(1 for card in self.cards if card.first_correct)

    @property
    def score_text(self) -> str:
        total = len(self.cards)
        return (f"Score: {self.score} of {total} correct at the first try · "
                f"{self.answered} of {total} answered")

    def _update_score(self) -> None:
        self.bar.value = self.answered
        self.score_label.value = f'<span role="status">{_text(self.score_text)}</span>'

    # --- display ------------------------------------------------------------------------

    def text(self) -> str:
        """The quiz as plain text without its key: what a notebook shows without widgets."""
        lines = [f"Quiz: {self.quiz.title} ({len(self.cards)} questions, variant "
                 f"{self.quiz.seed})",
                 "Run this notebook in Jupyter to answer the questions and get feedback.", ""]
        lines += [card.text() for card in self.cards]
        return "\n".join(lines)

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = self.root._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = self.text()
        return bundle

    def _ipython_display_(self) -> None:
        """Show the keyboard script (:data:`KEYBOARD_JS`), then the quiz."""
        from IPython.display import Javascript, display

        display(Javascript(KEYBOARD_JS))
        display(self._repr_mimebundle_(), raw=True)

    def __repr__(self) -> str:
        return f"<QuizWidget {self.quiz.id} variant {self.quiz.seed}: {self.score_text}>"


def _project(project: Any) -> Any:
    """A loaded Project from a Project, a path, or the current directory (like the CLI)."""
    from .load import Project, current_project
    from .project import project_root

    if isinstance(project, Project):
        return project
    return current_project(project_root(Path(project) if project is not None else None))


def quiz_widget(quiz_or_lesson: str | QuizLike, seed: int | None = None,
                student: str | None = None, project: Any = None,
                store: ProgressStore | None = None) -> QuizWidget:
    """Build (without displaying) the widget for a quiz, or for a lesson's quiz by id.

    With a lesson id the quiz is generated for ``seed`` (or, without one, the variant the
    student was last on, e.g. after "Try again" and a kernel restart, else the student's
    own seed, or the quiz file's default). ``student`` also names whose progress it is.
    """
    store = store if store is not None else ProgressStore()
    if isinstance(quiz_or_lesson, str):
        loaded = _project(project)
        if seed is None:
            seed = _last_variant(store, quiz_or_lesson, student)
        quiz = _generate(loaded, quiz_or_lesson, seed, student)
    else:
        quiz = quiz_or_lesson
        loaded = _project(project) if project is not None else None
    variant: VariantMaker | None = None
    if loaded is not None:
        quiz_id = quiz.id

        def variant(new_seed: int) -> QuizLike:
            return _generate(loaded, quiz_id, new_seed, None)

    return QuizWidget(quiz, student=student, store=store, variant=variant)


def _last_variant(store: ProgressStore, quiz_id: str, student: str | None) -> int | None:
    """The variant the student was last on, or None (also when progress cannot be read:
    the quiz then says so when it restores)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the quiz's own restore reports them
            return store.last_variant(quiz_id, student)
    except (FactquizError, OSError):
        return None


def _generate(project: Any, quiz_id: str, seed: int | None, student: str | None) -> QuizLike:
    from .generate import make_quiz

    return make_quiz(project, quiz_id, seed=seed, student=None if seed is not None else student)


def show(quiz_or_lesson: str | QuizLike, seed: int | None = None, student: str | None = None,
         project: Any = None) -> None:
    """Display a quiz in the notebook: ``factquiz.show("raa", seed=2024)``.

    ``quiz_or_lesson`` is a lesson id (the quiz is generated from the project found from
    the current directory, or from ``project``) or a ready ``Quiz``. ``seed`` picks the
    variant (default: one per student), ``student`` names whose progress this is. Use
    :func:`quiz_widget` to get the widget object instead.
    """
    from IPython.display import display

    display(quiz_widget(quiz_or_lesson, seed=seed, student=student, project=project))
