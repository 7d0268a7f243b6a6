"""Claim rules: does each statement say what its evidence says, no more and no less?

The rules in :mod:`factquiz.verify` check that quotes exist and contain the answer; the
rules here check the claim around the answer:

* ``modality-changed``: evidence that is all hedged or future ("would", "will", "set to",
  "expected", "to be signed", "pending", ...) told as a definite statement;
* ``speaker-not-in-source``: "X said/called/described ..." where no quoted sentence, nor
  the one before it, names X;
* ``claimant-not-in-source``: a fact ``claimed_by`` X where no quoted sentence, nor the two
  before it (a quote continued over sentences), names X;
* ``contested-*``: the ``contested_by`` relation is known, not reflexive and symmetric, and
  a lesson page citing one side cites the other;
* ``circular-derivation``: a fact derives its value from a source's date that is itself
  inferred from that fact;
* ``quote-missing-claim``: the quotes hold the answer but too few of the statement's other
  key terms (``1960`` quoted for "signed the RAA in 1960").

A derived fact (``derived: true`` with a ``note``) is exempt from the modality, speaker and
key-term rules: its note says how the statement goes beyond the words quoted.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from itertools import accumulate

from .findings import Finding
from .load import Project
from .model import Fact
from .normalize import casefold, mentions, normalize
from .pagecites import pages_cite_both_sides
from .passages import ATTRIBUTION_WINDOW, SourcePassages
from .sourceindex import SourceIndex, fact_finding, link_finding
from .terms import content_stem, key_terms, words
from .terms import stem as _stem
from .terms import stems as _stems

# --- modality ---------------------------------------------------------------------------

#: Words that make evidence hedged or future: the event is not reported as done.
HEDGED = re.compile(
    r"\b(would|will|won't|shall|set to|expected|to be signed|pending|plans? to|planning|"
    r"planned|may|might|could|due to|is to|are to|was to|were to|aims? to|hopes?)\b",
    re.IGNORECASE)
#: Words that keep a statement hedged or future (it then claims no more than the evidence).
#: Reporting verbs ("said") are not among them: "X said the deal allows" still drops "would".
KEEPS_MODALITY = re.compile(
    r"\b(would|will|won't|shall|set to|expected|pending|plans?|planning|planned|may|might|"
    r"could|due|is to|are to|was to|were to|aims?|hopes?|still|not yet|intended|meant to|"
    r"promised?|vowed?|undert(?:ook|akes?)|agreed to|calls? for|called for|sets? out|to be)\b",
    re.IGNORECASE)


#: :data:`HEDGED` for lower-case ASCII text: the same matches, several times faster than
#: case-insensitive matching (which also folds some non-ASCII letters, hence ASCII only).
_HEDGED_LOWER = re.compile(HEDGED.pattern)


def _all_hedged(facts: list[Fact]) -> list[Fact]:
    """The facts of ``facts`` whose quotes (normalised) all hold a :data:`HEDGED` word,
    found by one search over all their quotes joined by line breaks (no hedge spans
    one), rather than one search a quote. Facts without evidence are among them."""
    counts = [len(fact.evidence) for fact in facts]
    quotes = [normalize(ev.quote) for fact in facts for ev in fact.evidence]
    joined = "\n".join(quotes)
    found = (_HEDGED_LOWER.finditer(joined.lower()) if joined.isascii()
             else HEDGED.finditer(joined))
    quote_starts = list(accumulate((len(q) + 1 for q in quotes), initial=0))
    fact_starts = list(accumulate(counts, initial=0))  # index of each fact's first quote
    hedged: dict[int, set[int]] = {}  # fact -> its quotes with a hedge
    for match in found:
        quote = bisect_right(quote_starts, match.start()) - 1
        hedged.setdefault(bisect_right(fact_starts, quote) - 1, set()).add(quote)
    return [fact for i, fact in enumerate(facts)
            if not counts[i] or len(hedged.get(i, ())) == counts[i]]


def check_modality(project: Project, index: SourceIndex) -> Iterator[Finding]:
    """Hedged or future evidence needs a hedged statement (or a derived note)."""
    for fact in _all_hedged([fact for fact in project.facts if not fact.derived]):
        hedges = [HEDGED.search(normalize(ev.quote)) for ev in fact.evidence]
        if not all(hedges) or KEEPS_MODALITY.search(normalize(fact.statement)):
            continue
        words = ", ".join(dict.fromkeys(f"'{m.group(0)}'" for m in hedges if m))
        yield fact_finding(
            project, fact, ("statement",), "modality-changed",
            f"the evidence is hedged or future ({words}) but the statement is definite",
            "keep the source's modality (e.g. 'would', 'was to be signed', 'planned'), or mark "
            "the fact `derived: true` with a `note` saying what else establishes it")


# --- speakers -----------------------------------------------------------------------------

_SPEECH = (r"said|says|called|calls|described|describes|told|added|argued|argues|announced"
           r"|noted|confirmed|welcomed|expressed|stated|warned|urged|presented|summed up")
#: "Scott Morrison said", "Albanese also described", "Minister King called".
SPEAKER = re.compile(r"\b((?:[A-Z][\w'\u2019-]+ )*[A-Z][\w'\u2019-]+)"
                     r"(?: (?:also|later|then|further|even|first|once))? (?:" + _SPEECH + r")\b")
#: Capitalised words that start a clause rather than name a speaker.
_NOT_NAMES = frozenset({"The", "A", "An", "It", "He", "She", "They", "This", "That", "These",
                        "One", "Some", "Both", "Each", "Officials", "Leaders", "In", "On", "At",
                        "After", "Before", "When", "Who", "Which", "Reports", "Report"})
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019]?\s+|\s*\n\s*")


def _speakers(statement: str) -> list[str]:
    """The surnames of the speakers a statement attributes words to."""
    names = []
    for match in SPEAKER.finditer(statement):
        words = [w for w in match.group(1).split() if w not in _NOT_NAMES]
        if words:
            names.append(words[-1].removesuffix("'s").removesuffix("\u2019s"))
    return names


def _context(body: str, start: int, end: int) -> str:
    """The quoted span with the rest of its sentence and the whole sentence before it."""
    ends = [m.end() for m in _SENTENCE_END.finditer(body, 0, start)]
    begin = ends[-2] if len(ends) >= 2 else 0
    after = _SENTENCE_END.search(body, end)
    return body[begin:after.end() if after else len(body)]


def check_speakers(project: Project, index: SourceIndex) -> Iterator[Finding]:
    """A statement that says "X said" needs a quote whose source names X nearby."""
    for fact in project.facts:
        if fact.derived:
            continue
        for name in _speakers(fact.statement):
            if not any(name in _context(indexed.source.body, m.start, m.end)
                       for ev in fact.evidence if (indexed := index.get(ev.source))
                       for m in indexed.find(ev.quote)):
                yield fact_finding(
                    project, fact, ("statement",), "speaker-not-in-source",
                    f"the statement attributes words to {name}, but no quoted sentence (nor "
                    f"the one before it) names {name}",
                    "quote the sentence that names the speaker, attribute the words to the "
                    "report instead, or mark the fact `derived: true` with a `note` saying how "
                    "the speaker was inferred")


def _names_claimant(passages: SourcePassages, quote: str, claimant: str) -> bool:
    """Whether the sentence holding ``quote``, or one of the few before it, names
    ``claimant`` (in full or by surname)."""
    surname = claimant.split()[-1]
    return any(mentions(p.text, claimant) or mentions(p.text, surname)
               for p in passages.attributed(quote))


def check_claimants(project: Project, index: SourceIndex) -> Iterator[Finding]:
    """A fact ``claimed_by`` someone quotes a sentence that names them (or follows one)."""
    for fact in project.facts:
        claimant = (fact.claimed_by or "").strip()
        if fact.claimed_by is None:
            continue
        if not claimant or not any(
                _names_claimant(SourcePassages(indexed), ev.quote, claimant)
                for ev in fact.evidence if (indexed := index.get(ev.source))):
            yield fact_finding(
                project, fact, ("claimed_by",), "claimant-not-in-source",
                f"claimed_by names '{claimant}', but no quoted sentence (nor the "
                f"{ATTRIBUTION_WINDOW} before it) names them",
                "write the claimant as the source names them, or quote the sentence that "
                "attributes the claim")


# --- contested claims ---------------------------------------------------------------------

def check_contested(project: Project, index: SourceIndex) -> Iterator[Finding]:
    """``contested_by`` names known facts, not itself, and is listed back; pages citing one
    side of a contested claim cite the other side too."""
    facts = project.facts_by_id
    for fact in project.facts:
        for i, other_id in enumerate(fact.contested_by):
            loc = ("contested_by", i)
            bad = link_finding(project, fact, "contested_by", i, "contested",
                               "a fact cannot contest itself",
                               "name the fact whose claim conflicts with this one")
            if bad is not None:
                yield bad
            elif fact.id not in facts[other_id].contested_by:
                yield fact_finding(project, fact, loc, "contested-not-symmetric",
                                    f"'{other_id}' does not list '{fact.id}' in its contested_by",
                                    f"add `contested_by: [{fact.id}]` to '{other_id}' "
                                    "(a conflict has two sides)")
    yield from pages_cite_both_sides(project)
    yield from _no_true_false_on_contested(project)


def _no_true_false_on_contested(project: Project) -> Iterator[Finding]:
    """An instructor's true/false question may not rest on a contested fact (generated
    true/false questions are refused by ``qtypes.truefalse.why_not``)."""
    facts = project.facts_by_id
    for loaded in project.quizzes.values():
        for i, question in enumerate(loaded.quiz.instructor_questions):
            if question.type != "tf":
                continue
            for j, fact_id in enumerate(question.facts):
                fact = facts.get(fact_id)
                if fact is not None and fact.contested_by:
                    line, col = loaded.at("instructor_questions", i, "facts", j)
                    yield Finding(loaded.path, line, col, "contested-true-false",
                                  f"a true/false question rests on '{fact_id}', whose claim is "
                                  f"contested by {', '.join(fact.contested_by)}",
                                  "ask who claims what instead (e.g. multiple choice on the "
                                  "source), or rest the question on an uncontested fact",
                                  loaded.id)


# --- circular derivation ------------------------------------------------------------------

def check_circular_dates(project: Project, index: SourceIndex) -> Iterator[Finding]:
    """A fact may not rely on a source's date that is inferred from that very fact.

    The links are ``Fact.uses_source_date`` (fact → source) and
    ``SourceMeta.date_inferred_from`` (source → fact); any cycle through them is an error,
    reported at the fact's link to the source.
    """
    facts = project.facts_by_id
    for fact in project.facts:
        for i, source_id in enumerate(fact.uses_source_date):
            loc = ("uses_source_date", i)
            if source_id not in project.sources:
                yield fact_finding(project, fact, loc, "unknown-source",
                                    f"uses_source_date names an unknown source '{source_id}'",
                                    f"use one of: {', '.join(sorted(project.sources))}")
                continue
            path = _cycle(project, facts, source_id, fact.id)
            if path:
                chain = " -> ".join([fact.id, *path])
                yield fact_finding(
                    project, fact, loc, "circular-derivation",
                    f"circular date: {chain} (the source's date is inferred from this fact)",
                    "drop the derived value, or date it from the source's text alone; if both "
                    "are inferred, say so in the note and the date_basis with the same basis")


def _cycle(project: Project, facts: dict[str, Fact], source_id: str, target: str) -> list[str]:
    """The path source → fact → source ... back to ``target``, or [] when there is none."""
    stack: list[tuple[str, list[str]]] = [(source_id, [source_id])]
    seen: set[str] = set()
    while stack:
        sid, path = stack.pop()
        if sid in seen:
            continue
        seen.add(sid)
        for fact_id in project.sources[sid].meta.date_inferred_from:
            if fact_id == target:
                return [*path, fact_id]
            fact = facts.get(fact_id)
            if fact is not None:
                stack.extend((s, [*path, fact_id, s]) for s in fact.uses_source_date
                             if s in project.sources)
    return []


def check_date_links(project: Project, index: SourceIndex) -> Iterator[Finding]:
    """Facts named by a source's ``date_inferred_from`` exist."""
    for source in project.sources.values():
        missing = [f for f in source.meta.date_inferred_from if f not in project.facts_by_id]
        if not missing:
            continue
        lines = (project.root / source.path).read_text(encoding="utf-8").splitlines()
        line = next((i for i, text in enumerate(lines[:source.body_line], start=1)
                     if text.startswith("date_inferred_from:")), 1)
        for fact_id in missing:
            yield Finding(source.path, line, 1, "unknown-fact",
                          f"date_inferred_from names an unknown fact '{fact_id}'",
                          "use the id of a fact in facts/*.yml", source.id)


# --- the quote carries the claim ----------------------------------------------------------

#: At least this share of the statement's key terms (besides the answer) must be quoted:
#: a statement is in our own words, so some terms differ, but not most of them.
MIN_SHARE = 1 / 3


def missing_terms(fact: Fact) -> tuple[list[str], list[str]]:
    """The statement's key terms besides the answer, and those no quote contains."""
    answer = _stems(fact.accepted)
    terms = {t: s for t in key_terms(fact.statement) if (s := _stem(t)) not in answer}
    quoted = _stems([ev.quote for ev in fact.evidence])
    return list(terms), [t for t, s in terms.items() if s not in quoted]


class Grounding:
    """Which facts' answers are not where they must be: in the statement, and (for a fact
    that is not derived) in an evidence quote. Computed once per loaded project and shared
    by the rules that report it (``verify.check_answers``) and those that skip such facts;
    facts are named by identity, so that two facts sharing an id are told apart."""

    __slots__ = ("not_quoted", "not_stated")

    def __init__(self, facts: list[Fact]) -> None:
        #: Facts whose statement does not contain the answer (case and spacing ignored).
        self.not_stated: set[int] = set()
        #: Facts, not derived, with neither the answer nor an alias in any quote.
        self.not_quoted: set[int] = set()
        for fact in facts:
            answer = casefold(fact.answer)
            if answer not in casefold(fact.statement):
                self.not_stated.add(id(fact))
            if fact.derived:
                continue
            quotes = [casefold(ev.quote) for ev in fact.evidence]
            if not any(a in q for a in (answer, *map(casefold, fact.aliases))
                       for q in quotes):
                self.not_quoted.add(id(fact))

    @classmethod
    def of(cls, project: Project) -> Grounding:
        """The grounding of ``project``'s facts, computed on first use."""
        found: Grounding | None = project.derived.get("grounding")
        if found is None:
            found = project.derived["grounding"] = cls(project.facts)
        return found


def _carries_claim(fact: Fact) -> bool:
    """Whether the quotes hold at least :data:`MIN_SHARE` of the terms of
    :func:`missing_terms` (the same count without building its lists: most facts do)."""
    answer = _stems(fact.accepted)
    quoted = _stems([ev.quote for ev in fact.evidence])
    terms = found = 0
    # key_terms(statement), stemmed on the way ("" for a word that is no content word)
    for stem in map(content_stem, dict.fromkeys(words(fact.statement))):
        if stem and stem not in answer:
            terms += 1
            found += stem in quoted
    return not terms or found >= MIN_SHARE * terms


def check_quote_carries_claim(project: Project, index: SourceIndex) -> Iterator[Finding]:
    """The quotes contain enough of the statement's key terms besides the answer."""
    grounding = Grounding.of(project)
    skipped = grounding.not_stated | grounding.not_quoted
    for fact in project.facts:
        if fact.derived or id(fact) in skipped:
            continue  # derived facts have a note; the other cases are reported by `verify`
        if _carries_claim(fact):
            continue
        missing = missing_terms(fact)[1]
        yield fact_finding(
            project, fact, ("evidence", 0, "quote"), "quote-missing-claim",
            f"the quotes hold the answer but not the claim: missing "
            f"{', '.join(repr(t) for t in missing)}",
            "extend the quote to the words that make the claim, or rephrase the statement "
            "in the source's terms")


CLAIM_RULES = [check_modality, check_speakers, check_claimants, check_contested,
               check_circular_dates, check_date_links, check_quote_carries_claim]

