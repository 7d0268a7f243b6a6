"""Verification: does every fact hold against the sources?

Each rule is a small function from the loaded project to findings; ``check`` runs them
all and returns every finding at once. Sources are normalised and indexed once, so the
cost grows with the number of quotes, not quotes times corpus size.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from .categories import check_categories
from .duplicates import duplicate_findings
from .findings import Finding
from .load import Project, cyclic_gc_paused
from .normalize import numbers_in
from .quality import check_quality
from .quizrules import check_quizzes
from .relations import RELATION_RULES
from .sourceindex import SourceIndex, fact_finding
from .sources import body_checksum
from .stems import check_stems
from .verify_claims import CLAIM_RULES, Grounding

Rule = Callable[[Project, SourceIndex], Iterable[Finding]]


def check_sources(project: Project, index: SourceIndex) -> Iterator[Finding]:
    """Each body matches its checksum, and each not-citable span is really in the body."""
    for sid, indexed in index.items():
        source = indexed.source
        actual = body_checksum(source.body)
        if actual != source.meta.sha256:
            yield Finding(source.path, source.checksum_line, 9, "checksum-mismatch",
                          f"the body of source '{sid}' no longer matches its sha256 "
                          f"(now {actual[:12]}..., recorded {source.meta.sha256[:12]}...)",
                          f"restore the article's text from {source.meta.origin} exactly; "
                          "sources are never edited", sid)
        for text in indexed.missing_furniture:
            yield Finding(source.path, 1, 1, "not-citable-missing",
                          f"not_citable span is not in the body: {text[:60]!r}",
                          "copy the span exactly from the body, or remove it", sid)


def check_ids_and_references(project: Project, index: SourceIndex) -> Iterator[Finding]:
    """Fact ids are unique; lessons and sources named by facts exist."""
    for fact_id, places in project.fact_locations.items():
        if len(places) == 1:
            continue  # the usual case, without slicing
        first = places[0]
        for dup in places[1:]:
            line, col = dup.at("id")
            yield Finding(dup.path, line, col, "duplicate-id",
                          f"fact id '{fact_id}' is already used at "
                          f"{first.path}:{first.at('id')[0]}",
                          "give this fact a new, unique id", fact_id)
    for fact in project.facts:
        if fact.lesson not in project.lessons:
            known = ", ".join(sorted(project.lessons)) or "none defined"
            yield fact_finding(project, fact, ("lesson",), "unknown-lesson",
                                f"unknown lesson '{fact.lesson}'",
                                f"use one of: {known}; or add the lesson to lessons.yml")
        for i, ev in enumerate(fact.evidence):
            if ev.source not in index:
                known = ", ".join(sorted(index)) or "none"
                yield fact_finding(project, fact, ("evidence", i, "source"), "unknown-source",
                                    f"unknown source '{ev.source}'",
                                    f"use one of: {known}; a new topic needs its source added "
                                    "to sources/ first")


def check_quotes(project: Project, index: SourceIndex) -> Iterator[Finding]:
    """Every evidence quote is found, verbatim after normalisation, in a citable part."""
    for fact in project.facts:
        for i, ev in enumerate(fact.evidence):
            indexed = index.get(ev.source)
            if indexed is None:
                continue
            if indexed.has_citable(ev.quote):
                continue  # the usual case, found with one substring search
            matches = list(indexed.find(ev.quote))
            loc = ("evidence", i, "quote")
            if not matches:
                near = indexed.closest(ev.quote)
                suggestion = (f'{indexed.source.path}:{near[1]}:{near[2]}: "{near[0]}"'
                              if near else "")
                yield fact_finding(project, fact, loc, "quote-not-found",
                                    f"quote not found in source '{ev.source}'",
                                    "copy the passage exactly from the source (only quotes, dashes "
                                    "and spacing may differ)", suggestion)
            elif not any(m.citable for m in matches):
                line, _ = indexed.line_col(matches[0].start)
                yield fact_finding(project, fact, loc, "quote-not-citable",
                                    f"quote comes from page furniture in '{ev.source}' "
                                    f"({indexed.source.path}:{line}), which is not citable",
                                    "cite the article text instead of banners, tweets or footers")


def check_answers(project: Project, index: SourceIndex) -> Iterator[Finding]:
    """Answers are grounded in the quotes and stated by the statement."""
    grounding = Grounding.of(project)
    for fact in project.facts:
        if fact.derived:
            if not (fact.note and fact.note.strip()):
                yield fact_finding(project, fact, ("derived",), "derived-without-note",
                                    "derived fact has no note saying how the answer was obtained",
                                    "add `note:` explaining the derivation")
        else:
            if id(fact) in grounding.not_quoted:
                yield fact_finding(project, fact, ("answer",), "answer-not-in-evidence",
                                    f"neither the answer '{fact.answer}' nor an alias appears in "
                                    "any evidence quote",
                                    "extend a quote to include the answer, add the wording the "
                                    "source uses as an alias, or mark the fact `derived: true` "
                                    "with a `note`")
            answer_numbers = numbers_in(fact.answer)
            quote_numbers = ({n for ev in fact.evidence for n in numbers_in(ev.quote)}
                             if answer_numbers else set())
            for number in answer_numbers:
                if number not in quote_numbers:
                    yield fact_finding(project, fact, ("answer",), "number-not-in-evidence",
                                        f"the number {number} in the answer is in no "
                                        "evidence quote",
                                        "quote the passage that states the number, or mark the "
                                        "fact `derived: true` with a `note`")
        if id(fact) in grounding.not_stated:
            yield fact_finding(project, fact, ("statement",), "statement-missing-answer",
                                f"the statement does not contain the answer '{fact.answer}'",
                                "rephrase the statement so that it states the answer in full")


RULES: list[Rule] = [check_sources, check_ids_and_references, check_quotes, check_answers,
                     check_quizzes, duplicate_findings, check_categories, check_stems,
                     check_quality]


def check(project: Project, extra_rules: Iterable[Rule] = ()) -> list[Finding]:
    """Every finding for ``project``: load-time problems first, then each rule's, sorted.
    (The cyclic garbage collector is paused meanwhile: see :func:`cyclic_gc_paused`.)"""

    with cyclic_gc_paused():
        index = SourceIndex.of(project)
        found = list(project.findings)
        for rule in [*RULES, *CLAIM_RULES, *RELATION_RULES, *extra_rules]:
            found.extend(rule(project, index))
        return sorted(set(found))
