"""A quiz variant as its cache entry holds it, read without pydantic.

A cache entry of a variant is ``Quiz.model_dump(mode="json")`` (:mod:`factquiz.variants`).
Showing it in a notebook reads its questions' attributes only, so :class:`QuizView` gives
them straight from that data, under the names of :class:`factquiz.quizmodel.Quiz` and
:class:`factquiz.model.Question`, without importing pydantic or the model; :meth:`QuizView.
model` and :meth:`QuestionView.model` make the model objects (``model_construct``, nothing
validated: the entry was written by the code that reads it) when grading needs them. A
view equals a view or a model object of the same data.
"""

from __future__ import annotations

from typing import Any


class CitationView:
    """A question's citation: ``source_id``, ``title``, ``published``, ``quote``."""

    __slots__ = ("_data",)

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    def __getattr__(self, name: str) -> Any:
        try:
            return self._data[name]
        except KeyError:
            raise AttributeError(name) from None


class QuestionView:
    """A question of a cached variant: the attributes of :class:`factquiz.model.Question`
    (``level`` as its value) from the entry's data."""

    __slots__ = ("_data", "citations")

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data
        self.citations = [CitationView(c) for c in data["citations"]]

    def __getattr__(self, name: str) -> Any:
        try:
            return self._data[name]
        except KeyError:
            raise AttributeError(name) from None

    def as_json(self) -> dict[str, Any]:
        """The question's data (as ``Question.model_dump(mode="json")`` gives it)."""
        return self._data

    def model(self) -> Any:
        """The :class:`factquiz.model.Question` of this data (``KeyError`` for an unknown
        level)."""
        from .model import Citation, Level, Question

        data = self._data
        levels = {level.value: level for level in Level}
        return Question.model_construct(**{
            **data, "citations": [Citation.model_construct(**c) for c in data["citations"]],
            "level": levels[data.get("level", Level.recall.value)]})

    def __eq__(self, other: object) -> bool:
        return _same(self, other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"QuestionView({self._data!r})"


class QuizView:
    """A cached variant: ``id``, ``title``, ``lesson``, ``seed`` and ``questions`` (as
    :class:`QuestionView`); ``KeyError`` or ``TypeError`` for data of another shape."""

    __slots__ = ("id", "lesson", "questions", "seed", "title")

    def __init__(self, data: dict[str, Any]) -> None:
        self.questions = [QuestionView(q) for q in data["questions"]]
        if not all(isinstance(q.as_json().get("id"), str)
                   and isinstance(q.as_json().get("type"), str) for q in self.questions):
            raise TypeError("not a quiz variant")
        self.id = str(data["id"])
        self.title = str(data["title"])
        self.lesson = str(data["lesson"])
        self.seed = int(data["seed"])

    def as_json(self) -> dict[str, Any]:
        """The variant's data (as ``Quiz.model_dump(mode="json")`` gives it)."""
        return {"id": self.id, "title": self.title, "lesson": self.lesson, "seed": self.seed,
                "questions": [q.as_json() for q in self.questions]}

    def model(self) -> Any:
        """The :class:`factquiz.quizmodel.Quiz` of this data."""
        from .quizmodel import Quiz

        return Quiz.model_construct(id=self.id, title=self.title, lesson=self.lesson,
                                    seed=self.seed, questions=[q.model() for q in self.questions])

    def __eq__(self, other: object) -> bool:
        return _same(self, other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<QuizView {self.id} variant {self.seed}: {len(self.questions)} questions>"


def _same(view: QuizView | QuestionView, other: object) -> Any:
    """Whether ``other`` (a view, or a model object) holds the same data as ``view``
    (``NotImplemented`` for anything else)."""
    if other is view:
        return True
    if isinstance(other, (QuizView, QuestionView)):
        return view.as_json() == other.as_json()
    dump = getattr(other, "model_dump", None)
    if dump is None:
        return NotImplemented
    return bool(dump(mode="json") == view.as_json())
