"""Answer categories (``categories.yml``): what a fair distractor for an answer may be.

A category is a set of things of one sort that an instructor can extend: Australian
prime ministers, Japanese islands, foreign spy agencies, Southeast Asian countries...
A fact names its answer's category with ``category:``; its distractors are then drawn
only from that category (its own ``distractors`` that belong to it, the category's
members, and the answers of other facts of the same category), in the answer's form:

* the same name order (a surname-first answer such as "Kishida Fumio" gets
  surname-first distractors),
* a length within a band of the answer's (:func:`form_problem`), and, for common-noun
  phrases (kind concept),
* the same leading article ("a hoax" is not offered for "cornerstone"), and
* never a one-word change of the answer ("weaker than it had ever been" for "stronger
  than it had ever been"), which reads as an opposite, not a plausible answer.

Membership ignores case, punctuation and a leading "the"; a person also matches with
the name order reversed. Years, numbers and dates need no category: their form is
their category (see :mod:`factquiz.distractors`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import Field

from .findings import Finding, fact_warning
from .load import Project
from .model import Fact, Kind, NonEmpty, Slug, Strict
from .normalize import answer_key
from .project import CATEGORIES_FILE as CATEGORIES_FILE
from .sourceindex import SourceIndex
from .yamlio import position, read_yaml, validate

#: Kinds whose answers must name a category (their form alone says too little).
NEEDS_CATEGORY = frozenset({Kind.person, Kind.place, Kind.country, Kind.organisation,
                            Kind.agreement})
#: Kinds that are names, where a leading "the" is part of the name, not a form clue.
NAME_KINDS = frozenset({Kind.person, Kind.place, Kind.country})
#: Kinds whose answers are common-noun phrases: articles and one-word swaps are clues.
PHRASE_KINDS = frozenset({Kind.concept})
#: Kinds whose form (a year, a number, a date) is their category.
FORM_KINDS = frozenset({Kind.year, Kind.number, Kind.date})
_ARTICLES = ("the", "a", "an")


class Category(Strict):
    """One category of answers."""

    id: Slug
    kind: Kind = Field(description="The kind of fact whose answers it holds.")
    description: NonEmpty = Field(
        description="What the members are, with what makes them comparable "
        "(nationality and role for people, country and type for places).")
    members: list[NonEmpty] = Field(min_length=2, description="Members, written as an "
                                    "answer would be (people given name first).")


class CategoriesFile(Strict):
    """The file ``categories.yml`` at the project root."""

    categories: list[Category] = Field(default_factory=list)


@dataclass
class Categories:
    """The loaded categories with their file positions, and the problems found loading."""

    by_id: dict[str, Category]
    path: str
    node: object
    findings: list[Finding]

    def at(self, index: int, *loc: str | int) -> tuple[int, int]:
        return position(self.node, ("categories", index, *loc))


def load_categories(project: Project) -> Categories:
    """``categories.yml`` of ``project`` (loaded once per project; empty when absent)."""
    cached: Categories | None = project.derived.get("categories")
    if cached is not None:
        return cached
    path = Path(project.root) / CATEGORIES_FILE
    shown = project.shown(path)
    found = Categories({}, shown, None, [])
    if path.is_file():
        data, problems = read_yaml(path, shown)
        parsed, more = (None, []) if problems else validate(CategoriesFile, data, shown)
        found.findings = [*problems, *more]
        found.node = data
        if parsed is not None:
            for j, category in enumerate(parsed.categories):
                if category.id in found.by_id:
                    line, col = position(data, ("categories", j, "id"))
                    found.findings.append(Finding(shown, line, col, "duplicate-id",
                                                  f"category '{category.id}' is defined twice",
                                                  "merge the two lists of members"))
                found.by_id.setdefault(category.id, category)
    project.derived["categories"] = found
    return found


def member_key(text: str) -> str:
    """``text`` as compared for membership: normalised, without a leading "the"."""
    key = answer_key(text)
    return key[4:] if key.startswith("the ") else key


def _reversed(text: str) -> str:
    return " ".join(reversed(text.split()))


def membership(category: Category, text: str) -> str | None:
    """How ``text`` belongs to ``category``: "same", "reversed" (a person's name in the
    other order) or None when it is no member."""
    key = member_key(text)
    keys = {member_key(m) for m in category.members}
    if key in keys:
        return "same"
    if category.kind is Kind.person and member_key(_reversed(text)) in keys:
        return "reversed"
    return None


def answer_order(category: Category, fact: Fact) -> str:
    """The answer's name order relative to the category's ("same" or "reversed")."""
    return next((m for a in fact.accepted if (m := membership(category, a))), "same")


def in_answer_form(category: Category, fact: Fact, member: str) -> str:
    """``member`` written in the answer's form (name order, leading "the" for names)."""
    text = member.strip()
    if answer_order(category, fact) == "reversed" and membership(category, text) == "same":
        text = _reversed(text)
    if fact.kind in NAME_KINDS:
        has_the = answer_key(fact.answer).startswith("the ")
        if not has_the and text.lower().startswith("the "):
            text = text[4:]
    return text


def _article(text: str) -> str:
    first = answer_key(text).split(" ", 1)[0]
    return first if first in _ARTICLES else ""


def form_problem(fact: Fact, candidate: str) -> str | None:
    """Why ``candidate`` does not have the answer's form (None when it does)."""
    if fact.kind in FORM_KINDS:
        return None  # their form is checked by answers.unsafe_reason
    answer, words = answer_key(fact.answer).split(), answer_key(candidate).split()
    if len(words) > 2 * len(answer) + 1 or 2 * len(words) + 1 < len(answer):
        return (f"it has {len(words)} word(s) and the answer {len(answer)}: a length far from "
                "the answer's gives it away")
    if fact.kind not in PHRASE_KINDS:
        return None
    if bool(_article(fact.answer)) != bool(_article(candidate)):
        return "its leading article differs from the answer's, which gives the answer away"
    if len(words) == len(answer) > 2 and sum(a != b for a, b in zip(answer, words,
                                                                     strict=True)) == 1:
        return "it changes one word of the answer, so it reads as an opposite or a joke"
    return None


def category_problem(category: Category | None, fact: Fact, candidate: str) -> str | None:
    """Why ``candidate`` is not a distractor of ``fact``'s category and form (or None)."""
    if category is not None and membership(category, candidate) is None:
        return f"it is not a member of the category '{category.id}' ({category.description})"
    return form_problem(fact, candidate)


def check_categories(project: Project, index: SourceIndex | None = None) -> Iterator[Finding]:
    """Rule for ``verify.check``: the categories file, and each fact's category and
    distractors (located at file:line with a fix). A project without ``categories.yml``
    is not told that its people and places lack a category."""
    cats = load_categories(project)
    yield from cats.findings
    for fact in project.facts_by_id.values():
        yield from _fact_findings(project, cats, fact)


def _fact_findings(project: Project, cats: Categories, fact: Fact) -> Iterator[Finding]:
    category = cats.by_id.get(fact.category) if fact.category else None
    if fact.category and category is None:
        yield fact_warning(project, fact, "unknown-category",
                           f"unknown category '{fact.category}'",
                           f"define it in {CATEGORIES_FILE}, or use one of: "
                           + ", ".join(sorted(cats.by_id)), ("category",), "error")
        return
    if category is None and fact.kind in NEEDS_CATEGORY and cats.node is not None:
        yield fact_warning(project, fact, "missing-category",
                           f"a fact of kind {fact.kind.value} needs a `category:` so that its "
                           "distractors are of the same sort as its answer",
                           f"add `category:` naming a category of {CATEGORIES_FILE} (or a new "
                           "one)", ("kind",))
    if category is not None:
        if category.kind is not fact.kind:
            yield fact_warning(project, fact, "category-kind",
                               f"the category '{category.id}' holds {category.kind.value} "
                               f"answers but the fact is of kind {fact.kind.value}",
                               "use a category of the fact's kind", ("category",))
        if not any(membership(category, a) for a in fact.accepted):
            yield fact_warning(project, fact, "answer-not-in-category",
                               f"the answer '{fact.answer}' is not a member of the category "
                               f"'{category.id}'",
                               f"add it to the members of '{category.id}' in "
                               f"{CATEGORIES_FILE}", ("answer",))
    for j, candidate in enumerate(fact.distractors):
        why = category_problem(category, fact, candidate)
        if why is not None:
            yield fact_warning(project, fact, "distractor-category",
                               f"the distractor '{candidate}' is never used: {why}",
                               "replace it with a wrong answer of the same sort and form"
                               + (f" (a member of '{category.id}')" if category else ""),
                               ("distractors", j))
