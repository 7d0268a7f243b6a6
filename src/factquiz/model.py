"""The data model: sources, facts, lessons, and the questions generated from them.

Pydantic models only; no I/O here. Loading (with file positions) lives in ``load``,
checking against the sources in ``verify``, question generation in ``generate``.
"""

from __future__ import annotations

import math
import re
from datetime import date
from enum import Enum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, Field(pattern=SLUG, min_length=2, max_length=80)]
NonEmpty = Annotated[str, Field(min_length=1)]

_ISO_PARTIAL = re.compile(r"^\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$")


class Strict(BaseModel):
    """Base for file-backed models: unknown fields are an error, not silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Kind(str, Enum):
    """What sort of thing a fact's answer is; distractors are drawn from the same kind."""

    person = "person"
    place = "place"
    date = "date"
    year = "year"
    number = "number"
    organisation = "organisation"
    agreement = "agreement"
    country = "country"
    concept = "concept"
    event = "event"
    title = "title"


class Level(str, Enum):
    """What a question asks of the student, on Bloom's (revised) taxonomy, lowest first.

    Each question type has a default level (``QType.level``); an instructor question may
    set its own. Quiz files ask for a mix of levels (``QuizFile.levels``).
    """

    recall = "recall"
    understand = "understand"
    apply = "apply"
    analyse = "analyse"
    evaluate = "evaluate"

    @property
    def rank(self) -> int:
        """0 for recall, up to 4 for evaluate."""
        return list(Level).index(self)


class StateOf(Strict):
    """Marks a fact as one dated state of a thing that changes over time (``Fact.state_of``)."""

    thing: Slug = Field(description="Facts with the same `thing` are states of one thing, "
                        "ordered by their `when`.")
    topic: NonEmpty = Field(
        description="The thing in words, as a question names it, e.g. 'the Reciprocal Access "
        "Agreement' (the same for every state of the thing).")


class Evidence(Strict):
    """A verbatim quote from one source that supports a fact."""

    source: Slug = Field(description="Id of a file in sources/ (its front-matter `id`).")
    quote: NonEmpty = Field(
        description="Text copied verbatim from the source body. Curly/straight quotes, "
        "dash variants and whitespace are normalised before matching."
    )


class Fact(Strict):
    """One checkable claim, phrased in our own words, with verbatim evidence."""

    id: Slug = Field(description="Stable slug; never reuse or rename once published.")
    lesson: Slug = Field(description="Id of the lesson this fact belongs to (lessons.yml).")
    statement: NonEmpty = Field(description="The claim in our own words; contains the answer.")
    question: NonEmpty = Field(description="A natural question whose answer is `answer`.")
    answer: NonEmpty = Field(description="The canonical answer.")
    aliases: list[NonEmpty] = Field(default_factory=list, description="Other accepted answers.")
    kind: Kind
    label: str | None = Field(
        default=None,
        description="Short name of the event or item (for ordering and matching questions).",
    )
    when: str | None = Field(
        default=None,
        description="ISO date with its precision: YYYY, YYYY-MM or YYYY-MM-DD.",
    )
    tolerance: float | None = Field(
        default=None, ge=0, description="For numeric answers: accepted absolute error."
    )
    tags: list[Slug] = Field(default_factory=list)
    cluster: Slug | None = Field(
        default=None,
        description="Facts that teach the same thing share a cluster name; a quiz variant "
        "asks about at most one fact of each cluster (see README, 'Fair quizzes').",
    )
    category: Slug | None = Field(
        default=None,
        description="Id of the answer's category in categories.yml: distractors are drawn "
        "from it, in the answer's form. Needed for people, places, countries, "
        "organisations and agreements.",
    )
    distractors: list[NonEmpty] = Field(
        default_factory=list, description="Plausible wrong answers of the same kind."
    )
    evidence: list[Evidence] = Field(min_length=1)
    derived: bool = Field(
        default=False,
        description="True when the answer is computed from the evidence rather than stated.",
    )
    note: str | None = Field(default=None, description="How a derived value was obtained.")
    contested_by: list[Slug] = Field(
        default_factory=list,
        description="Ids of facts whose claims conflict with this one (each must list this "
        "fact back). A contested fact is never keyed in a true/false item, and a lesson page "
        "that cites it must cite the other side too.",
    )
    claimed_by: str | None = Field(
        default=None,
        description="Who makes this claim when it is a person's view rather than the report's "
        "own (e.g. an expert's opinion): the name as the source gives it, which must appear in "
        "the sentence of an evidence quote or in one of the two sentences before it.",
    )
    uses_source_date: list[Slug] = Field(
        default_factory=list,
        description="Ids of sources whose publication date this (derived) fact's value relies "
        "on, e.g. 'last year' counted from the article's date.",
    )

    because: list[Slug] = Field(
        default_factory=list,
        description="Ids of facts that this fact happened or holds because of (its causes); "
        "each in this fact's lesson or an earlier one. Needs `why:`.",
    )
    why: str | None = Field(
        default=None,
        description="A natural 'Why ...?' question whose answer is this fact's causes "
        "(`because:`), e.g. 'Why was the signing summit held virtually?'.",
    )
    state_of: StateOf | None = Field(
        default=None,
        description="This fact is one dated state (its `when`) of a thing that changes over "
        "time; its statement must not name its own date.",
    )

    @field_validator("when")
    @classmethod
    def _iso_with_precision(cls, value: str | None) -> str | None:
        if value is not None:
            if not _ISO_PARTIAL.match(value):
                raise ValueError("use an ISO date: YYYY, YYYY-MM or YYYY-MM-DD")
            if len(value) == 10:
                date.fromisoformat(value)
        return value

    @property
    def accepted(self) -> list[str]:
        """The answer followed by its aliases."""
        return [self.answer, *self.aliases]

    @property
    def cluster_key(self) -> str:
        """The fact's cluster, or its own id when it is in none."""
        return self.cluster or self.id

    @property
    def sort_date(self) -> str | None:
        """``when`` padded for sorting (a year sorts as its first day)."""
        if self.when is None:
            return None
        return (self.when + "-01-01")[:10] if len(self.when) == 4 else (self.when + "-01")[:10]


class FactFile(Strict):
    """A file in facts/: a list of facts (usually one lesson's)."""

    facts: list[Fact] = Field(default_factory=list)


class NotCitable(Strict):
    """A span of a source body that is page furniture, not the article."""

    text: NonEmpty = Field(description="Exact text of the span as it appears in the body.")
    reason: NonEmpty


class SourceMeta(Strict):
    """Front matter of a file in sources/."""

    id: Slug
    title: NonEmpty
    short_name: NonEmpty | None = Field(
        default=None,
        description="How the book cites the source on every page, e.g. 'AA 2022' (the id when "
        "absent); unique among the sources.",
    )
    publisher: str | None = Field(description="Only what the text itself shows; else null.")
    publisher_description: str | None = Field(
        default=None, description="What kind of publication it is when the name is not shown."
    )
    published: str = Field(description="ISO date with its precision: YYYY, YYYY-MM, YYYY-MM-DD")
    date_basis: NonEmpty = Field(description="'stated: ...' or 'inferred: how'.")
    date_inferred_from: list[Slug] = Field(
        default_factory=list,
        description="Ids of facts whose claims an inferred `published` date relies on; a fact "
        "that derives its value from this date may not be among them (circular).",
    )
    origin: NonEmpty = Field(description="File name of the original as it was given.")
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    not_citable: list[NotCitable] = Field(default_factory=list)

    @field_validator("published")
    @classmethod
    def _iso(cls, value: str) -> str:
        return Fact._iso_with_precision(value)  # type: ignore[return-value]

    @property
    def date_is_inferred(self) -> bool:
        """Whether ``published`` was inferred (``date_basis: 'inferred: ...'``), not stated."""
        return self.date_basis.strip().lower().startswith("inferred")


class Source(BaseModel):
    """A loaded source: its metadata, its verbatim body and where that body starts."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    meta: SourceMeta
    body: str
    path: str
    body_line: int = Field(description="1-based line of the file where the body starts.")
    checksum_line: int = Field(default=1, description="1-based line of the `sha256:` field.")
    short_name_line: int = Field(default=1, description="1-based line of `short_name:`.")

    @property
    def id(self) -> str:
        return self.meta.id


class Lesson(Strict):
    """A lesson of the book; facts and quizzes name it by id."""

    id: Slug
    title: NonEmpty
    page: NonEmpty = Field(description="Path of the lesson page, e.g. book/raa.md.")


class LessonsFile(Strict):
    lessons: list[Lesson]


# --- Questions: what generation produces and every renderer consumes --------------------

#: The name of a question type. The types are registered a layer above the models
#: (``factquiz.qtypes.REGISTRY``): a quiz file's names are checked against the registry by
#: ``factquiz check`` (:mod:`factquiz.quizrules`), and the JSON schema lists them
#: (:mod:`factquiz.schema`).
QuestionType = Annotated[str, Field(description="A registered question type, e.g. mc.")]


class Citation(BaseModel):
    """Where a question's answer comes from: shown with feedback."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    source_id: str
    title: str
    published: str
    quote: str


class Question(BaseModel):
    """A generated (or instructor-written) question, with its key.

    Renderers must keep the key (``answer``, ``accepted``, ``order``, ``pairs``) and
    the ``explanation`` out of anything a student sees before answering.
    """

    model_config = ConfigDict(frozen=True, defer_build=True)

    id: str
    type: QuestionType
    prompt: str
    options: list[str] = Field(
        default_factory=list, description="mc/tf choices; matching right column"
    )
    items: list[str] = Field(
        default_factory=list, description="ordering items; matching left column"
    )
    answer: Any = Field(
        default=None,
        description="mc/tf: index of the correct option; numeric: the number; "
        "ordering: item indices in correct order; matching: option index for each item",
    )
    accepted: list[str] = Field(default_factory=list, description="cloze: accepted answers")
    rejected: list[str] = Field(
        default_factory=list,
        description="cloze: answer keys of the bank a forgiven typo may never be "
        "(other answers and words within the typo rule, see factquiz.answers)",
    )
    tolerance: float = Field(default=0.0, ge=0, allow_inf_nan=False)
    match: Literal["exact", "fuzzy"] = "exact"
    explanation: str
    option_feedback: list[str] = Field(
        default_factory=list,
        description="Choice questions: for each option, why it is wrong ('' for the key), "
        "shown when that option is chosen. Empty when the type gives none.")
    response_feedback: dict[str, str] = Field(
        default_factory=dict,
        description="Why a wrong response the grader can name is wrong, by its token: a "
        "typed answer (cloze, numeric) as 't|<its answer_key>', one position's choice "
        "(ordering, matching) as '<position>|<index>' (see factquiz.qtypes.reasons).")
    unit: str = Field(default="", description="numeric: what the number counts ('year' for "
                      "a year), for saying how far a typed number is.")
    citations: list[Citation]
    fact_ids: list[str]
    level: Level = Field(default=Level.recall, description="What the question asks of the "
                         "student (Bloom's taxonomy).")

    @field_validator("answer")
    @classmethod
    def _finite_answer(cls, value: Any) -> Any:
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError("a question's answer must be a finite number, not NaN or infinity")
        return value


class Grade(BaseModel):
    """The result of grading one response: never an exception for bad input."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    correct: bool
    message: str
    expected: str = Field(description="The correct answer, for feedback after an attempt.")
    detail: str = Field(default="", description="What a wrong answer's message adds to the "
                        "verdict (e.g. '1 of 3 pairs right.'), for renderers that show the "
                        "verdict themselves.")
