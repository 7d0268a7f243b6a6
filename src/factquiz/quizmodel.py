"""Quiz definition files (quizzes/<lesson>.yml) and quiz variants: the models."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .model import Level, NonEmpty, Question, QuestionType, Slug, Strict
from .project import QUIZZES_DIR as QUIZZES_DIR

MIN_OPTIONS = {"mc": 3, "ordering": 3, "matching": 3}


class Selection(Strict):
    """Which facts the generated questions come from: the union of all three lists."""

    lessons: list[Slug] = Field(default_factory=list, description="Every fact of these lessons.")
    ids: list[Slug] = Field(default_factory=list, description="These facts, by id.")
    tags: list[Slug] = Field(default_factory=list, description="Every fact with one of these tags.")


#: Relative weights of the question types among the generated questions, by type name.
#: When they add up to the number of generated questions they are exact counts;
#: otherwise the generated questions are shared out in proportion (largest remainder).
#: A type left out weighs 0. The names are checked against the registered types by
#: ``factquiz check`` (:mod:`factquiz.quizrules`); the schema lists them.
Mix = dict[str, Annotated[int, Field(ge=0)]]


class Pair(Strict):
    """One row of an instructor-written matching question."""

    item: NonEmpty = Field(description="Left column.")
    answer: NonEmpty = Field(description="Its match in the right column.")


class InstructorQuestion(Strict):
    """A question written by the instructor, grounded in the facts it names."""

    id: Slug | None = Field(default=None, description="Stable short name (default: q1, q2...).")
    type: QuestionType
    prompt: NonEmpty = Field(description="What the student reads; a cloze prompt has '_____'.")
    choices: list[NonEmpty] = Field(default_factory=list, description="mc: all the options.")
    answer: str | bool | int | float | None = Field(
        default=None,
        description="mc: the correct choice's text; tf: true or false; numeric: the number.",
    )
    accepted: list[NonEmpty] = Field(default_factory=list, description="cloze: accepted answers.")
    match: Literal["exact", "fuzzy"] = Field(
        default="exact", description="cloze: 'fuzzy' forgives small typos (for names).")
    tolerance: float = Field(default=0.0, ge=0, description="numeric: accepted absolute error.")
    items: list[NonEmpty] = Field(
        default_factory=list, description="ordering: the items in the correct order.")
    pairs: list[Pair] = Field(default_factory=list, description="matching: the right pairs.")
    model_answer: str | None = Field(
        default=None, description="short: the model answer, in our own words (shown after "
        "the student has written theirs).")
    key_points: list[NonEmpty] = Field(
        default_factory=list, description="short: 2 to 5 points a good answer makes, each "
        "resting on a fact of `facts`; the student marks each one covered or not.")
    shuffle: bool = Field(default=True, description="mc/ordering/matching: shuffle per variant.")
    explanation: NonEmpty = Field(description="Shown after answering.")
    facts: list[Slug] = Field(min_length=1, description="Ids of the facts this question rests on.")
    level: Level | None = Field(
        default=None, description="What the question asks of the student (Bloom's taxonomy: "
        "recall, understand, apply, analyse, evaluate); default: its type's level.")


class LevelMix(Strict):
    """The least number of questions per variant at or above each level (instructor
    questions included), e.g. ``{above_recall: 3}``."""

    above_recall: int = Field(default=0, ge=0, description="Questions above recall.")
    understand: int = Field(default=0, ge=0, description="Questions at understand or above.")
    apply: int = Field(default=0, ge=0, description="Questions at apply or above.")
    analyse: int = Field(default=0, ge=0, description="Questions at analyse or above.")
    evaluate: int = Field(default=0, ge=0, description="Questions at evaluate.")

    def minimums(self) -> dict[str, tuple[Level, int]]:
        """Each requirement set (above zero): its key -> (the lowest level that counts, how
        many questions at least)."""
        found = {"above_recall": (Level.understand, self.above_recall)}
        found.update({level.value: (level, getattr(self, level.value))
                      for level in Level if level is not Level.recall})
        return {key: req for key, req in found.items() if req[1]}


class QuizFile(Strict):
    """A file in quizzes/: one lesson's quiz. Its id is the lesson id (and file name)."""

    title: NonEmpty
    lesson: Slug = Field(description="Id of the lesson (lessons.yml); also the quiz id.")
    select: Selection = Field(
        default_factory=Selection,
        description="Facts to generate questions from (default: the lesson's facts).")
    questions: int = Field(default=10, ge=1, le=50,
                           description="Questions per variant, instructor questions included.")
    mix: Mix | None = Field(
        default=None, description="Weight of each question type among the generated "
        "questions (default: every type, weight 1).")
    levels: LevelMix | None = Field(
        default=None, description="The least number of questions per variant above recall "
        "or at each level, e.g. {above_recall: 3}; every variant meets it or the quiz is "
        "refused (see README, 'Question levels').")
    seed: int = Field(default=0, ge=0, description="Seed of the default variant.")
    fit: bool = Field(
        default=False,
        description="Fit the quiz to its facts (for a new lesson): types the selected facts "
        "cannot yield are left out of the mix, and each type asks at most as many questions "
        "as there are facts that can yield it, and fewer where no fair variant would fill "
        "the mix (see README, 'Fair quizzes'), so a variant may be shorter than `questions`.")
    instructor_questions: list[InstructorQuestion] = Field(default_factory=list)


def level_shortfalls(levels: LevelMix | None,
                     asked: list[Level]) -> list[tuple[str, Level, int, int]]:
    """The requirements of ``levels`` that questions of the levels ``asked`` do not meet:
    ``(key, lowest level that counts, needed, have)`` each."""
    found = []
    for key, (lowest, needed) in (levels.minimums() if levels else {}).items():
        have = sum(level.rank >= lowest.rank for level in asked)
        if have < needed:
            found.append((key, lowest, needed, have))
    return found


def describe_shortfall(key: str, lowest: Level, needed: int, have: int) -> str:
    """``levels.above_recall`` asks for 3 questions above recall, the quiz has 1."""
    what = "above recall" if key == "above_recall" else f"at {lowest.value} or above"
    return f"`levels.{key}` asks for {needed} question(s) {what} per variant, and it has {have}"


@dataclass(frozen=True)
class LoadedQuiz:
    """A quiz file as loaded: its model, shown path and YAML node (for positions)."""

    id: str
    path: str
    node: Any
    quiz: QuizFile

    def at(self, *loc: str | int) -> tuple[int, int]:
        from .yamlio import position  # here: a quiz variant is read without YAML

        return position(self.node, loc)


class Quiz(BaseModel):
    """One variant of a lesson's quiz: what every renderer consumes."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    id: str
    title: str
    lesson: str
    seed: int
    questions: list[Question]
