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
from typing import TYPE_CHECKING, Any, Protocol

import ipywidgets as widgets

from .attempts import Attempt, ProgressStore, question_fingerprint, response_from_content
from .background import Variants
from .controls import Shared, building
from .errors import FactquizError
from .messages import MESSAGES
from .quizview import QuestionView
from .widgettypes import TypeTable, TypeWidget, of_type

if TYPE_CHECKING:
    from .model import Grade, Question

Grader = Callable[["Question", object], "Grade"]
#: A question type's notebook pieces by its name (see :mod:`factquiz.widgettypes`).
TypesOf = Callable[[str], TypeWidget]

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


#: Controls no longer shown ("Try again"), by the type function that made them, for the
#: cards of the next variant to reuse (see :meth:`QuestionCard.load`).
Spare = dict[Callable[..., Any], list[Any]]


def close_controls(inputs: Any, shared: Shared) -> None:
    """Close a question's controls, with their own layout and style models (not the
    shared ones)."""
    kept = shared.models()
    for widget in {id(w): w for w in [*inputs.inputs, inputs.view]}.values():
        for part in (getattr(widget, "layout", None), getattr(widget, "style", None)):
            if isinstance(part, widgets.Widget) and id(part) not in kept:
                part.close()
        widget.close()


def close_spare(spare: Spare, shared: Shared) -> None:
    """Close the controls nobody reused."""
    for unused in spare.values():
        for inputs in unused:
            close_controls(inputs, shared)
    spare.clear()


class QuestionCard:
    """One question: its prompt, the control for its type, a Check button and feedback."""

    def __init__(self, question: Question, number: int, total: int,
                 on_check: Callable[[QuestionCard], None], shared: Shared | None = None,
                 spare: Spare | None = None, types: TypesOf = of_type) -> None:
        self.shared = shared if shared is not None else Shared()
        self.types = types
        self._on_check = on_check
        self.heading: widgets.HTML | None = None
        self.check_button: widgets.Button | None = None
        self.box: widgets.VBox | None = None
        self._feedback: widgets.HTML | None = None  # made when there is feedback to show
        self.inputs: Any = None
        self._previous: Any = None
        self.controls: list[widgets.Widget] = []
        self.control: widgets.Widget | None = None
        self.load(question, number, total, spare)

    def load(self, question: Question, number: int, total: int,
             spare: Spare | None = None) -> None:
        """Show ``question`` (number ``number`` of ``total``) on this card, unanswered.

        A card already shown keeps its heading, Check button and box (so "Try again"
        reuses the cards of the variant before), and its controls are ones of the same
        kind no longer shown, updated for ``question`` when they fit it: this card's own,
        or from ``spare`` (what the other cards gave back, see :meth:`release`); else new
        ones. A widget is made with its final state, so it costs one message to the
        browser, and one reused costs one message for what changed."""
        own = spare if spare is not None else {}
        if spare is None:
            self.release(own)
        self.question = question
        self._model: Question | None = None
        self.number = number
        self.first_correct: bool | None = None  # verdict of the first attempt
        self.last_grade: Grade | None = None
        self.attempts = 0
        shared = self.shared
        #: The type's notebook pieces (``qtypes/<type>/widget.py``, its title).
        self.type_widget = self.types(question.type)
        kind = self.type_widget.title
        heading = (f'<h3 style="margin:0.2em 0">Question {number} of {total} '
                   f'<small>({_text(kind)})</small></h3>'
                   f'<p style="font-size:1.05em">{_text(question.prompt)}</p>')
        tooltip = f"Check your answer to question {number}"
        if self.heading is None:
            self.heading = widgets.HTML(heading, layout=shared.plain, style=shared.html)
        else:
            self.heading.value = heading
        if self.check_button is None:
            self.check_button = widgets.Button(description="Check", tooltip=tooltip,
                                               layout=shared.plain, style=shared.button)
            self.check_button.on_click(lambda _button: self._on_check(self))
        elif self.check_button.tooltip != tooltip:
            self.check_button.tooltip = tooltip
        self.inputs = self._controls(question, number, own)
        self.controls = self.inputs.inputs
        self.control = self.inputs.view
        if spare is None:
            close_spare(own, shared)
        if self._feedback is not None:
            self._feedback.close()
            self._feedback = None
        children = [self.heading, self.control, self.check_button]
        if self.box is None:
            self.box = widgets.VBox(children, layout=shared.card,
                                    _dom_classes=("factquiz-card",))
        else:
            self.box.children = children

    def _controls(self, question: Question, number: int, spare: Spare) -> Any:
        """Controls for ``question``: spare ones of its kind that take it (this card's
        own first), else new ones made with the quiz's shared layouts and styles."""
        make = self.type_widget.controls
        unused = spare.get(make, [])
        for inputs in sorted(unused, key=lambda c: c is not self._previous):
            reload = getattr(inputs, "reload", None)
            if reload is not None and reload(question, number):
                unused.remove(inputs)
                return inputs
        with building(self.shared):
            return make(question, number)

    def release(self, spare: Spare) -> None:
        """Give this card's controls to ``spare`` (before it, or another card, shows
        another question)."""
        if self.inputs is not None:
            spare.setdefault(self.type_widget.controls, []).append(self.inputs)
        self._previous, self.inputs = self.inputs, None

    @property
    def model_question(self) -> Question:
        """The question as a :class:`factquiz.model.Question`, as grading and saving take
        it (made on first use from a cached variant's view, see :mod:`factquiz.quizview`)."""
        if self._model is None:
            question = self.question
            self._model = question.model() if isinstance(question, QuestionView) else question
        return self._model

    @property
    def feedback(self) -> widgets.HTML:
        """The feedback area below the Check button (made on first use)."""
        if self._feedback is None:
            self._feedback = widgets.HTML(layout=self.shared.plain, style=self.shared.html,
                                          _dom_classes=("factquiz-feedback",))
            self.box.children = [*self.box.children, self._feedback]
        return self._feedback

    def _show_feedback(self, markup: str) -> None:
        if markup or self._feedback is not None:
            self.feedback.value = markup

    # --- controls: the type's own (qtypes/<type>/widget.py) ----------------------------

    def response(self) -> object | None:
        """The student's response in grade()'s form, or None when it is incomplete."""
        return self.inputs.response()

    def incomplete_message(self) -> str:
        """What to do when Check is pressed without a complete answer."""
        return MESSAGES[self.type_widget.incomplete]

    def set_response(self, response: Any) -> None:
        """Put a saved response back into the controls (when restoring progress)."""
        try:
            self.inputs.set_response(response)
        except Exception:  # a saved answer that no longer fits the question: leave it blank
            self.clear()

    def close(self) -> None:
        """Close every widget of the card (when the quiz is replaced by a shorter one)."""
        if self.inputs is not None:
            close_controls(self.inputs, self.shared)
            self.inputs = None
        for widget in [self.heading, self.check_button, self._feedback, self.box]:
            if widget is not None:
                widget.close()

    def clear(self) -> None:
        """Blank controls and feedback, as if never answered."""
        self.inputs.clear()
        self.first_correct = None
        self.last_grade = None
        self.attempts = 0
        self._show_feedback("")

    # --- feedback -----------------------------------------------------------------------

    def apply(self, grade: Grade) -> None:
        """Record a graded attempt and show its feedback."""
        self.attempts += 1
        if self.first_correct is None:
            self.first_correct = grade.correct
        self.last_grade = grade
        self._show_feedback(self.feedback_html(grade))

    def prompt_only(self, message: str) -> None:
        """Show a hint without grading (the answer was incomplete)."""
        self._show_feedback(f'<p role="status"><strong>{_text(message)}</strong></p>')

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
        from .feedback import feedback_html  # here: after a Check, with the grader

        parts.append(feedback_html(self.question))
        border = "#2e7d32" if grade.correct else "#c62828"
        return (f'<div role="status" style="border-left:4px solid {border};'
                f'padding-left:0.6em">{"".join(parts)}</div>')

    @property
    def feedback_text(self) -> str:
        """The feedback as plain text."""
        return _plain(self._feedback.value) if self._feedback is not None else ""

    def text(self) -> str:
        """The question as plain text, without its key (for the offline fallback)."""
        q = self.question
        lines = [f"{self.number}. [{self.type_widget.title}] {q.prompt}",
                 *self.type_widget.text_lines(q)]
        return "\n".join(lines)


class QuizWidget:
    """A quiz as widgets: a card per question, a running score, Try again and Reset."""

    def __init__(self, quiz: QuizLike, *, student: str | None = None,
                 store: ProgressStore | None = None, grader: Grader | None = None,
                 variant: VariantMaker | None = None) -> None:
        self._grader = grader
        self.store = store if store is not None else ProgressStore()
        self.student = student
        self.variant = variant
        #: The question types' notebook pieces: from the cached table of the project's
        #: folder when the quiz is shown by its lesson id (see :mod:`factquiz.widgettypes`).
        self.types: TypesOf = TypeTable(variant.root) if isinstance(variant, Variants) \
            else of_type
        shared = self.shared = Shared()
        plain, html_style = shared.plain, shared.html
        self.title = widgets.HTML(layout=plain, style=html_style)
        self.score_label = widgets.HTML(layout=plain, style=html_style,
                                        _dom_classes=("factquiz-score",))
        self.bar = widgets.IntProgress(value=0, min=0, max=1, description="Answered",
                                       style={"description_width": "initial"}, layout=plain)
        self.try_again_button = widgets.Button(
            description="Try again",
            tooltip="A fresh variant of this quiz: new order, new options",
            layout=plain, style=shared.button)
        self.reset_button = widgets.Button(
            description="Reset", tooltip="Clear all answers of this variant",
            layout=plain, style=shared.button)
        self.try_again_button.on_click(lambda _b: self.try_again())
        self.reset_button.on_click(lambda _b: self.reset())
        self.status = widgets.HTML("", layout=plain, style=html_style,
                                   _dom_classes=("factquiz-status",))
        self._header = [
            self.title,
            widgets.HBox([self.bar, self.score_label], layout=plain),
            widgets.HBox([self.try_again_button, self.reset_button], layout=plain),
            self.status,
        ]
        self.root = widgets.VBox(self._header, layout=plain, _dom_classes=("factquiz-quiz",))
        self.cards: list[QuestionCard] = []
        self._load(quiz)

    @property
    def grader(self) -> Grader:
        """How answers are graded (:func:`factquiz.grade.grade` unless given; imported at
        the first Check, so showing a quiz does not load the question types)."""
        if self._grader is None:
            from .grade import grade

            self._grader = grade
        return self._grader

    # --- building -----------------------------------------------------------------------

    def _load(self, quiz: QuizLike, note: str = "") -> None:
        """Show ``quiz`` with its saved answers; the status is ``note`` and what was restored.

        The cards already shown are reused for the new questions, and so are their
        controls, by kind (see :meth:`QuestionCard.load`); only cards beyond the new quiz's
        length and controls no card took are closed."""
        self.quiz = quiz
        total = len(quiz.questions)
        kept, surplus = self.cards[:total], self.cards[total:]
        spare: Spare = {}
        for card in self.cards:
            card.release(spare)
        for number, card in enumerate(kept, start=1):
            card.load(quiz.questions[number - 1], number, total, spare)
        self.cards = kept + [QuestionCard(q, n, total, self._check, self.shared, spare,
                                          self.types)
                             for n, q in enumerate(quiz.questions[len(kept):],
                                                   start=len(kept) + 1)]
        for card in surplus:
            card.close()
        close_spare(spare, self.shared)
        if surplus or len(self.cards) > len(kept):
            self.root.children = [*self._header, *(card.box for card in self.cards)]
        who = f" — {_text(self.student)}" if self.student else ""
        self.title.value = (f'<h2 style="margin:0.2em 0">{_text(quiz.title)}</h2>'
                            f"<p>{total} questions · variant {quiz.seed}{who}. Answer each "
                            "question and press its Check button (Tab moves between controls; "
                            "Space or Enter presses a button).</p>")
        self.bar.max = max(total, 1)
        self.status.value = note + self._restore()
        self._update_score()
        self._seen = self.store.stamp()

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
        card.apply(self.grader(card.model_question, response))
        return True

    # --- actions ------------------------------------------------------------------------

    def _check(self, card: QuestionCard) -> None:
        response = card.response()
        if response is None:
            card.prompt_only(card.incomplete_message())
            return
        grade = self.grader(card.model_question, response)
        card.apply(grade)
        try:
            self.store.record(self.quiz.id, self.quiz.lesson, self.quiz.seed, self.student,
                              card.model_question, card.question.type, response,
                              grade.correct)
        except (FactquizError, OSError) as exc:
            self.status.value = ("<p><strong>Your answer was checked but not saved:</strong> "
                                 f"{_text(str(exc))}</p>")
        self._update_score()
        self._seen = self.store.stamp()

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
        self._prepare_next()

    def _prepare_next(self) -> None:
        """Have the variant that "Try again" shows next made while the student reads
        (once the quiz is shown, so that showing it does not wait for that work)."""
        prepare = getattr(self.variant, "prepare", None)
        if prepare is not None:
            prepare(self.quiz.seed + 1)

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
        self._seen = self.store.stamp()

    def as_left(self) -> bool:
        """Whether the widget is open and the progress file is as this widget last read or
        wrote it (so that showing the widget again shows the student's progress)."""
        return self.root.comm is not None and self.store.stamp() == self._seen

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
        """The quiz's widget view, with :meth:`text` for where widgets do not show (made
        here: ipywidgets' own bundle would spell out the whole widget tree as its text,
        only to have it replaced)."""
        return {"text/plain": self.text(),
                "application/vnd.jupyter.widget-view+json": {
                    "version_major": 2, "version_minor": 0, "model_id": self.root.model_id}}

    def _ipython_display_(self) -> None:
        """Show the keyboard script (:data:`KEYBOARD_JS`), then the quiz."""
        from IPython.display import Javascript, display

        display(Javascript(KEYBOARD_JS))
        display(self._repr_mimebundle_(), raw=True)
        self._prepare_next()

    def __repr__(self) -> str:
        return f"<QuizWidget {self.quiz.id} variant {self.quiz.seed}: {self.score_text}>"


def _project(project: Any) -> Any:
    """A loaded Project from a Project, a path, or the current directory (like the CLI)."""
    from .load import Project, current_project

    if isinstance(project, Project):
        return project
    return current_project(_root(project))


def _root(project: Any) -> Path:
    """The project folder from a path, or from the current directory (like the CLI)."""
    from .project import project_root

    return project_root(Path(project) if project is not None else None)


def _is_loaded(project: Any) -> bool:
    return project is not None and not isinstance(project, (str, Path))


def quiz_widget(quiz_or_lesson: str | QuizLike, seed: int | None = None,
                student: str | None = None, project: Any = None,
                store: ProgressStore | None = None) -> QuizWidget:
    """Build (without displaying) the widget for a quiz, or for a lesson's quiz by id.

    With a lesson id the quiz is generated for ``seed`` (or, without one, the variant the
    student was last on, e.g. after "Try again" and a kernel restart, else the student's
    own seed, or the quiz file's default). ``student`` also names whose progress it is.
    ``project`` is a loaded project or its folder (default: found from the current
    directory); a variant generated before for the same project files is reused (see
    :mod:`factquiz.variants`) without loading the project.
    """
    store = store if store is not None else ProgressStore()
    quiz, variant = _resolve(quiz_or_lesson, seed, student, project, store)
    return QuizWidget(quiz, student=student, store=store, variant=variant)


def _resolve(quiz_or_lesson: str | QuizLike, seed: int | None, student: str | None,
             project: Any, store: ProgressStore) -> tuple[QuizLike, VariantMaker | None]:
    """The quiz :func:`quiz_widget` shows, and how it makes other variants (or None)."""
    variant: VariantMaker | None = None
    if isinstance(quiz_or_lesson, str):
        quiz_id = quiz_or_lesson
        if seed is None:
            seed = _last_variant(store, quiz_id, student)
        if seed is None and student is not None:
            from .variants import seed_for

            seed = seed_for(student)
        if _is_loaded(project):
            def variant(new_seed: int | None) -> QuizLike:
                return _generate(project, quiz_id, new_seed)
        else:
            variant = Variants(_root(project), quiz_id)
        return variant(seed), variant
    quiz = quiz_or_lesson
    if project is not None:
        loaded, ready_id = _project(project), quiz.id

        def variant(new_seed: int | None) -> QuizLike:
            return _generate(loaded, ready_id, new_seed)

    return quiz, variant


def _last_variant(store: ProgressStore, quiz_id: str, student: str | None) -> int | None:
    """The variant the student was last on, or None (also when progress cannot be read:
    the quiz then says so when it restores)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the quiz's own restore reports them
            return store.last_variant(quiz_id, student)
    except (FactquizError, OSError):
        return None


def _generate(project: Any, quiz_id: str, seed: int | None) -> QuizLike:
    from .generate import make_quiz

    return make_quiz(project, quiz_id, seed=seed)


def show(quiz_or_lesson: str | QuizLike, seed: int | None = None, student: str | None = None,
         project: Any = None) -> None:
    """Display a quiz in the notebook: ``factquiz.show("raa", seed=2024)``.

    ``quiz_or_lesson`` is a lesson id (the quiz is generated from the project found from
    the current directory, or from ``project``) or a ready ``Quiz``. ``seed`` picks the
    variant (default: one per student), ``student`` names whose progress this is. Use
    :func:`quiz_widget` to get the widget object instead.

    Showing a lesson's quiz again in the same kernel (e.g. running its cell again) shows
    the same quiz widget, as the student left it, while it is the same variant of the same
    project files and nobody else changed the progress file since; else a new widget.
    """
    from IPython.display import display

    display(_to_show(quiz_or_lesson, seed, student, project))


#: The quiz widgets :func:`show` displayed in this kernel, by what was asked for.
_SHOWN: dict[tuple[Any, ...], QuizWidget] = {}


def _to_show(quiz_or_lesson: str | QuizLike, seed: int | None, student: str | None,
             project: Any) -> QuizWidget:
    """The widget :func:`show` displays: the one shown before for the same request when
    it still shows the variant asked for and its progress is as it left it, else new."""
    if not isinstance(quiz_or_lesson, str) or _is_loaded(project):
        return quiz_widget(quiz_or_lesson, seed=seed, student=student, project=project)
    store = ProgressStore()
    key = (_root(project).resolve(), quiz_or_lesson, seed, student, store.path)
    quiz, variant = _resolve(quiz_or_lesson, seed, student, project, store)
    known = _SHOWN.get(key)
    if known is not None and known.quiz == quiz and known.as_left():
        return known
    widget = _SHOWN[key] = QuizWidget(quiz, student=student, store=store, variant=variant)
    return widget
