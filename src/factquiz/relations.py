"""Check rules of the relations between facts that higher-order questions rest on.

* ``because:`` (cause and effect): the causes exist, are not the fact itself, form no
  cycle, and come from the effect's lesson or an earlier one (a student has met them);
  a fact with causes has a natural ``why:`` question, and ``why:`` needs causes.
* ``state_of:`` (what changed): each state has a date of its own (``when:``), not one
  inferred from a source whose own date is inferred (``uses_source_date``); its statement
  does not name its date; the states of a thing share one topic, are two or more, and
  their dates can be put in order.

Every finding is an error at the field's file:line with how to fix it.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from .factbank import scope_lessons
from .findings import Finding
from .load import Project
from .model import Fact
from .normalize import answer_key
from .qtypes.change import DATED, MONTHS, ordered
from .qtypes.ordering import interval
from .sourceindex import SourceIndex, fact_finding, link_finding


def check_causes(project: Project, index: SourceIndex | None = None) -> Iterator[Finding]:
    """``because:`` and ``why:`` of every fact."""
    facts = project.facts_by_id
    for fact in project.facts:
        for i, cause_id in enumerate(fact.because):
            loc = ("because", i)
            cause = facts.get(cause_id)
            bad = link_finding(project, fact, "because", i, "cause",
                               "a fact cannot be its own cause",
                               "name the facts this one happened or holds because of")
            if bad is not None:
                yield bad
            elif cause.lesson not in scope_lessons(project, fact.lesson):
                yield fact_finding(project, fact, loc, "cause-later-lesson",
                                   f"the cause '{cause_id}' belongs to lesson '{cause.lesson}', "
                                   f"which comes after '{fact.lesson}'",
                                   "link causes from this fact's lesson or an earlier one, or "
                                   "move the link to a fact of the later lesson")
            else:
                cycle = _cycle(facts, cause_id, fact.id)
                if cycle:
                    yield fact_finding(project, fact, loc, "cause-cycle",
                                       "circular causes: " + " -> ".join([fact.id, *cycle]),
                                       "remove one of the `because:` links: an effect cannot "
                                       "cause its own cause")
        yield from _why_findings(project, fact)


def _why_findings(project: Project, fact: Fact) -> Iterator[Finding]:
    why = (fact.why or "").strip()
    if fact.because and not why:
        yield fact_finding(project, fact, ("because",), "cause-without-why",
                           "the fact names causes but no `why:` question",
                           "add `why:` with a natural question, e.g. 'Why was the summit "
                           "held virtually?'")
    elif why and not fact.because:
        yield fact_finding(project, fact, ("why",), "why-without-cause",
                           "`why:` is set but the fact names no causes",
                           "add `because: [fact ids]`, or remove `why:`")
    elif why and not (why.lower().startswith("why ") and why.endswith("?")):
        yield fact_finding(project, fact, ("why",), "why-form",
                           f"`why:` should be a question starting with 'Why' and ending "
                           f"with '?': {why!r}", "reword it as 'Why ...?'")


def _cycle(facts: dict[str, Fact], start: str, target: str) -> list[str]:
    """The chain of causes from ``start`` back to ``target``, or [] when there is none."""
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    seen: set[str] = set()
    while stack:
        fid, path = stack.pop()
        if fid in seen:
            continue
        seen.add(fid)
        fact = facts.get(fid)
        for nxt in fact.because if fact else []:
            if nxt == target:
                return [*path, nxt]
            stack.append((nxt, [*path, nxt]))
    return []


def check_states(project: Project, index: SourceIndex | None = None) -> Iterator[Finding]:
    """``state_of:`` of every fact, and the order of each thing's states."""
    things: dict[str, list[Fact]] = {}
    for fact in project.facts:
        if fact.state_of is None:
            continue
        things.setdefault(fact.state_of.thing, []).append(fact)
        if not fact.when:
            yield fact_finding(project, fact, ("state_of",), "state-without-date",
                               "a state of a thing needs the date it held",
                               "add `when:` (YYYY, YYYY-MM or YYYY-MM-DD) from the sources")
        match = DATED.search(fact.statement)
        if match:
            yield fact_finding(project, fact, ("statement",), "state-dated-statement",
                               f"the statement of a state names a date ('{match.group(0)}'), "
                               "which gives away what changed when",
                               "reword the statement without its date: `when:` holds it")
        problem = _date_problem(project, fact)
        if problem:
            yield fact_finding(project, fact, ("when",) if fact.when else ("state_of",),
                               "state-date-inferred", problem,
                               "quote the passage that gives the date, cite a source whose date "
                               "is stated, or drop `state_of:`: states are ordered by dates "
                               "the sources give, never by inferred ones")
    for thing, states in things.items():
        yield from _thing_findings(project, thing, states)


def _inferred(project: Project, source_id: str) -> bool:
    source = project.sources.get(source_id)
    return source is None or source.meta.date_is_inferred


def _date_problem(project: Project, fact: Fact) -> str | None:
    """Why a state's date is not established by the sources (None when it is): it must not
    rest on an inferred source date (``uses_source_date``), and a quote names its year, or
    a source with a stated date was published within it, or a quote names its month and
    a source with a stated date was published that year ("on October 22" in a report
    dated 23 October 2022)."""
    inferred = [sid for sid in fact.uses_source_date if _inferred(project, sid)]
    if inferred:
        return (f"this state's date relies on the date of source '{inferred[0]}', which is "
                "itself inferred")
    if not fact.when:
        return None
    start, end = interval(fact)
    year = fact.when[:4]
    month = MONTHS[int(fact.when[5:7]) - 1] if len(fact.when) >= 7 else None
    if any(year in ev.quote for ev in fact.evidence):
        return None
    for ev in fact.evidence:
        source = project.sources.get(ev.source)
        if source is None or _inferred(project, ev.source):
            continue
        published = source.meta.published
        if start[:len(published)] <= published <= end[:len(published)]:
            return None
        if month and published.startswith(year) and month.lower() in ev.quote.lower():
            return None
    return (f"the date {fact.when} is in none of its quotes, and none of its sources with a "
            "stated date was published then: the date is inferred")


def _thing_findings(project: Project, thing: str, states: list[Fact]) -> Iterator[Finding]:
    first = states[0]
    if len(states) == 1:
        yield fact_finding(project, first, ("state_of", "thing"), "state-alone",
                           f"'{first.id}' is the only state of '{thing}'",
                           "give another fact `state_of:` with this thing and its own date, "
                           "or remove `state_of:`")
    for other in states[1:]:
        if answer_key(other.state_of.topic if other.state_of else "") != answer_key(
                first.state_of.topic if first.state_of else ""):
            yield fact_finding(project, other, ("state_of", "topic"), "state-topic-mismatch",
                               f"the topic differs from that of '{first.id}', another state "
                               f"of '{thing}'", "use the same `topic:` for every state")
    dated = sorted((s for s in states if s.when), key=lambda s: (interval(s), s.id))
    for earlier, later in pairwise(dated):
        if not ordered(earlier, later):
            yield fact_finding(project, later, ("when",), "state-dates-overlap",
                               f"the date {later.when} cannot be ordered against {earlier.when} "
                               f"of '{earlier.id}', another state of '{thing}'",
                               "give both states dates precise enough to tell which came first")


RELATION_RULES = [check_causes, check_states]
