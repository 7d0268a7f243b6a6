"""Checking an instructor-written find-the-evidence question by the generated ones' rules.

Every option must be a whole passage of a source as :mod:`factquiz.passages` splits it
(whole sentences, never furniture, a heading or a ``not_citable`` span; a passage of
several consecutive sentences is one option too). The key must support the claim: it
holds an evidence quote of a fact the question rests on. No other option may hold one
(two options would support the claim). Each problem names the option and, for an option
that is not a passage, the closest passage of the facts' sources (rapidfuzz).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...model import Fact
from ...normalize import answer_key, normalize
from ..sourced import corpus, fact_sources

if TYPE_CHECKING:
    from ...factbank import Bank
    from ...passages import Passage, SourcePassages

#: Below this rapidfuzz score no passage is offered as the closest.
CLOSEST_CUTOFF = 50
#: How much of the closest passage a hint shows.
HINT_CHARS = 160


@dataclass(frozen=True)
class OptionProblem:
    """What is wrong with option ``index`` of an instructor evidence question."""

    index: int
    code: str
    message: str
    hint: str


def locate(option: str, passages: SourcePassages) -> Passage | None:
    """The passage of a source (or run of consecutive passages, joined) whose text is
    ``option``, compared as quotes are (quotes, dashes and spaces folded); else None."""
    from ...passages import join

    wanted = normalize(option)
    texts = [normalize(p.text) for p in passages.passages]
    for first, text in enumerate(texts):
        if not wanted.startswith(text):
            continue
        joined, last = text, first
        while len(joined) < len(wanted) and last + 1 < len(texts):
            last += 1
            joined = f"{joined} {texts[last]}"
        if joined == wanted:
            return join(passages.passages[first:last + 1])
    return None


def _not_a_passage(option: str, passages: dict[str, SourcePassages],
                   near: list[Passage]) -> tuple[str, str]:
    """Why ``option`` is no passage (in furniture, part of a sentence, not in a source),
    and how to fix it."""
    found = [(sid, m) for sid, sp in passages.items() for m in sp.indexed.find(option)]
    furniture = next((sid for sid, m in found if not m.citable), None)
    if furniture is not None:
        return (f"lies in page furniture of source '{furniture}' (a `not_citable` span: a "
                "banner, byline or footer), which is never an option",
                "offer a sentence of the article's text on the claim's topic instead")
    why = (f"is part of a sentence or a heading of source '{found[0][0]}', not a whole "
           "sentence (options are whole sentences, as the sources split into passages)"
           if found else "is not a passage of any source")
    return why, _closest(option, near)


def _closest(option: str, candidates: list[Passage],
             lead: str = "copy the passage exactly; closest passage",
             cutoff: int = CLOSEST_CUTOFF) -> str:
    """``<lead>: “…” (source id)`` naming the closest passage (rapidfuzz's WRatio, which
    also finds the sentence a fragment was cut from), or advice when none is close."""
    from rapidfuzz import fuzz, process

    best = process.extractOne(option, [p.text for p in candidates], scorer=fuzz.WRatio,
                              score_cutoff=cutoff)
    if best is None:
        return "copy a whole sentence of one of the facts' sources"
    passage = candidates[best[2]]
    text = passage.text if len(passage.text) <= HINT_CHARS else \
        passage.text[:HINT_CHARS].rsplit(" ", 1)[0] + "…"
    return f"{lead}: “{text}” ({passage.source_id})"


def _holds_quote(passage: Passage, facts: list[Fact], bank: Bank) -> Fact | None:
    """The first of ``facts`` one of whose evidence quotes lies wholly in ``passage``."""
    texts = corpus(bank)
    for fact in facts:
        for held in texts.key_passages(fact):
            if (held.source_id == passage.source_id and passage.start <= held.start
                    and held.end <= passage.end):
                return fact
    return None


def option_problems(choices: list[str], answer: str, facts: list[Fact],
                    bank: Bank) -> list[OptionProblem]:
    """The problems of an instructor evidence question's options (see the module)."""
    texts = corpus(bank)
    cited = [sid for fact in facts for sid in fact_sources(fact) if sid in texts.sources]
    near = [p for sid in dict.fromkeys(cited) for p in texts.sources[sid].passages] or \
        [p for sp in texts.sources.values() for p in sp.passages]
    key = answer_key(answer)
    problems = []
    for index, option in enumerate(choices):
        found = next((p for sp in texts.sources.values() if (p := locate(option, sp))), None)
        if found is None:
            why, fix = _not_a_passage(option, texts.sources, near)
            problems.append(OptionProblem(index, "evidence-not-a-passage",
                                          f"the option '{option}' {why}", fix))
            continue
        supports = _holds_quote(found, facts, bank)
        if answer_key(option) == key and supports is None:
            keys = [p for fact in facts for p in texts.key_passages(fact)]
            problems.append(OptionProblem(
                index, "evidence-key-unsupported",
                "the answer's passage holds no evidence quote of the facts the question "
                f"rests on ({', '.join(f.id for f in facts)}), so it does not support the claim",
                _closest(option, keys, "make the passage holding the facts' quote the answer; "
                         "closest passage", cutoff=0) if keys else "rest the question on the "
                "fact whose quote this passage holds"))
        elif answer_key(option) != key and supports is not None:
            problems.append(OptionProblem(
                index, "evidence-two-keys",
                f"the option holds the evidence quote of fact '{supports.id}', so it supports "
                "the claim too", "offer a passage on the same topic that holds no quote of "
                "the question's facts"))
    return problems
