"""Stems and labels without clues: a lint run by ``factquiz check``.

A question's stem (``question:``) or an item's label (``label:``) must not hand the
student the answer or the order. Three clues are reported, each as a warning at the
field with a fix:

* an acronym spell-out: the stem or label names the answer's acronym ("abbreviated
  FOIP" for "Free and Open Indo-Pacific"), or says "abbreviated" / "acronym" / "short
  for", which points at the initials;
* a sequence word in the label of a dated event (ordering items): "First ...",
  "... expanded to munitions", "the Tuesday after ...", which tell the order;
* a count that names the answer: "four-country grouping" for the Quad.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .findings import Finding, fact_warning
from .load import Project
from .model import Fact
from .sourceindex import SourceIndex

#: Words that place an event in a sequence (checked in the labels of dated facts).
SEQUENCE_WORDS = frozenset({
    "first", "second", "third", "fourth", "fifth", "last", "final", "finally", "initial",
    "inaugural", "earlier", "later", "then", "next", "after", "before", "following",
    "subsequent", "previous", "again", "expanded", "extended", "renewed", "revamped",
    "updated", "upgraded", "widened",
})
_SPELL_OUT = re.compile(r"\b(?:abbreviat\w*|acronym\w*|short for|stands? for)\b", re.IGNORECASE)
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,6}\b")
_COUNT = re.compile(r"\b(?:two|three|four|five|six|seven|eight|nine|ten|\d+)-"
                    r"(?:country|countries|nation|nations|member|members|party|way|power|"
                    r"sided|state)\b", re.IGNORECASE)
_SMALL = frozenset({"and", "of", "the", "for", "on", "in", "to", "a", "an"})


#: Words one of which :data:`_SPELL_OUT` needs (in any case): ASCII text without any of
#: them is not searched (a large bank's check would search it twice a fact).
_SPELL_OUT_WORDS = ("abbreviat", "acronym", "short for", "stand")


def _may_spell_out(text: str) -> bool:
    """Whether ``text`` may hold a :data:`_SPELL_OUT` phrase (always, for non-ASCII text:
    case-insensitive matching folds some other letters to ASCII ones)."""
    if not text.isascii():
        return True
    lowered = text.lower()
    return any(word in lowered for word in _SPELL_OUT_WORDS)


def initials(text: str) -> str:
    """Upper-case initials of ``text``'s words, small words skipped ("FOIP")."""
    words = [w for w in re.split(r"[\s\-]+", text) if w and w.lower() not in _SMALL]
    return "".join(w[0].upper() for w in words if w[0].isalnum())


def clue_problems(fact: Fact) -> Iterator[tuple[str, str, str, str]]:
    """``(field, code, message, fix)`` for each clue in ``fact``'s stem and label."""
    acronyms = {initials(a) for a in fact.accepted if len(a.split()) > 1}
    for field in ("question", "label"):
        text = getattr(fact, field) or ""
        found = _SPELL_OUT.search(text) if _may_spell_out(text) else None
        shown = [m.group(0) for m in _ACRONYM.finditer(text)
                 if m.group(0) in acronyms] if acronyms else []
        if found or shown:
            what = f"'{shown[0]}'" if shown else f"'{found.group(0)}'"  # type: ignore[union-attr]
            yield (field, "acronym-clue",
                   f"the {field} gives the answer's initials away ({what})",
                   "describe the thing without its acronym; accept the acronym as an alias")
        count = _COUNT.search(text) if "-" in text else None  # "four-country"
        if count:
            yield (field, "count-clue",
                   f"the {field} says '{count.group(0)}', which names the answer by its size",
                   "drop the count, or ask about the members instead")
    if fact.label and fact.when:
        words = {w.lower() for w in re.findall(r"[A-Za-z]+", fact.label)}
        sequence = sorted(words & SEQUENCE_WORDS)
        if sequence:
            yield ("label", "sequence-clue",
                   f"the label '{fact.label}' says '{sequence[0]}', which tells where the "
                   "event falls in an ordering question",
                   "name the event without words of order (first, after, expanded...)")


def check_stems(project: Project, index: SourceIndex | None = None) -> Iterator[Finding]:
    """Rule for ``verify.check``: stems and labels that give answers or order away."""
    for fact in project.facts_by_id.values():
        for field, code, message, fix in clue_problems(fact):
            yield fact_warning(project, fact, code, message, fix, (field,))
