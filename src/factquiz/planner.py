"""Choosing one variant's generated questions as a set (the search behind ``make_quiz``).

The rules are those of :mod:`factquiz.assembly`: no two questions of a variant may
conflict (same cluster, same answer, or an answer printed in another question or told in
its feedback: explanation and citation quotes). The
search is exact and deterministic for a seed:

1. The many-fact types (ordering, matching) are placed first: their anchors are tried in
   the variant's shuffled fact order, each with a couple of seeded partner draws.
2. The one-fact types (multiple choice, true/false, fill in the blank, numeric) are then
   placed by depth-first search, most constrained slot first. Their conflicts do not
   depend on the seed (except a true/false question's false form, checked when chosen),
   so they are computed once per quiz as bit masks.

A slot whose type no fact can fill falls back to the :data:`FALLBACK` types, as before;
when no fair set exists :class:`UnsatisfiableQuiz` says which slot failed and why.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field, replace

from .assembly import Traits, clash, conflict, padded_keys, traits
from .errors import FactquizError
from .factbank import Bank
from .model import Fact, Level, Question
from .normalize import answer_key
from .qtypes import REGISTRY, truefalse
from .qtypes.reasons import unnamed
from .quizmodel import InstructorQuestion, QuizFile, describe_shortfall, level_shortfalls
from .selection import instructor_level

#: Types tried, in order, when a slot's type cannot be filled (``check`` reports that).
FALLBACK: tuple[str, ...] = ("cloze", "tf", "mc")
#: Search steps per variant before giving up (``check`` reports quizzes that hit it).
SEARCH_BUDGET = 20000
#: Partner draws tried per anchor fact for ordering and matching questions.
GROUP_DRAWS = 4
#: Questions the planner keeps per quiz by their draws (see ``SingleIndex.made``).
MADE_KEPT = 20000
#: Conflicts a kept question keeps with the questions it met (see ``Made.clashes``).
PAIRS_KEPT = 256
#: One-fact types whose whole-quiz traits (answers, shown texts) do not depend on the seed.
SEED_FREE_TRAITS = frozenset({"mc", "cloze", "numeric"})
#: A one-fact group is scarce when it has fewer spare candidates than this (the most
#: facts one ordering or matching question takes).
SCARCE_MARGIN = 5


class UnsatisfiableQuiz(FactquizError):
    """No set of questions meets the quiz's mix without one question answering another."""


@dataclass
class SingleIndex:
    """The one-fact candidates of a quiz, their traits and pairwise conflicts (per quiz)."""

    keys: list[tuple[str, Fact]]
    traits: list[Traits]
    masks: list[int]  # bit j of masks[i]: candidates i and j conflict
    free: int  # candidates that conflict with no instructor question
    clash: frozenset[str]  # facts of the bank an instructor question rules out as partners
    #: Facts whose statement an instructor question rules out as a shown option.
    statement_clash: frozenset[str]
    group_masks: dict[tuple[str, frozenset[str]], int] = field(default_factory=dict)
    group_traits: dict[tuple[str, frozenset[str]], Traits] = field(default_factory=dict)
    by_cluster: dict[str, int] = field(default_factory=dict)  # cluster -> candidates in it
    by_answer: dict[str, int] = field(default_factory=dict)  # answer needle -> candidates
    printed_in: dict[str, int] = field(default_factory=dict)  # needle -> candidates showing it
    by_telling: dict[str, int] = field(default_factory=dict)  # telling needle -> candidates
    told_in: dict[str, int] = field(default_factory=dict)  # needle -> candidates telling it
    by_type: dict[str, list[int]] = field(default_factory=dict)  # type -> its candidates
    #: fact id -> its candidates, with their types
    by_fact: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    fixed_facts: frozenset[str] = frozenset()  # the facts of the instructor questions
    fixed_answers: frozenset[str] = frozenset()  # their answer needles
    fixed_telling: frozenset[str] = frozenset()  # those their feedback must not tell
    cluster_of: list[str] = field(default_factory=list)  # candidate -> its fact's cluster
    cluster_facts: dict[str, list[str]] = field(default_factory=dict)  # cluster -> bank facts
    printing: dict[str, int] = field(default_factory=dict)  # shown line -> answers in it
    #: The questions made for the variants, with their traits, by type, fact and draw.
    made: dict[tuple[str, str, Hashable], Made] = field(default_factory=dict)
    #: The levels of a variant's questions (sorted) -> their shortfalls from the level mix.
    level_checks: dict[tuple[Level, ...], list[tuple[str, Level, int, int]]] = field(
        default_factory=dict)
    telling_in: dict[str, int] = field(default_factory=dict)  # told line -> telling in it

    def clashing(self, mine: Traits) -> int:
        """The candidates that conflict with ``mine`` (as :func:`clash`), through indexes."""
        mask = 0
        for cluster in mine.clusters:
            mask |= self.by_cluster.get(cluster, 0)
        for needle in mine.answers:
            mask |= self.by_answer.get(needle, 0)
        # A needle holds no newline: it is in ``shown`` (``told``) when in one of its lines.
        for line in mine.shown.split("\n"):
            mask |= self._line_mask(line, self.printing, self.by_answer)
        for line in mine.told.split("\n"):
            mask |= self._line_mask(line, self.telling_in, self.by_telling)
        for needle in mine.answers:
            shown = self.printed_in.get(needle)
            if shown is None:
                shown = 0
                for i, t in enumerate(self.traits):
                    if needle in t.shown:
                        shown |= 1 << i
                self.printed_in[needle] = shown
            mask |= shown
        for needle in mine.telling:
            told = self.told_in.get(needle)
            if told is None:
                told = sum(1 << i for i, t in enumerate(self.traits) if needle in t.told)
                self.told_in[needle] = told
            mask |= told
        return mask

    @staticmethod
    def _line_mask(line: str, known: dict[str, int], needles: dict[str, int]) -> int:
        """The candidates of ``needles`` whose needle ``line`` holds (kept in ``known``)."""
        mask = known.get(line)
        if mask is None:
            mask = 0
            for needle, candidates in needles.items():
                if needle in line:
                    mask |= candidates
            known[line] = mask
        return mask


def single_index(plan: QuizPlan, fixed: list[Traits]) -> SingleIndex:
    """The :class:`SingleIndex` of ``plan`` (built once, cached on the plan)."""
    if plan.singles is not None:
        return plan.singles
    keys: list[tuple[str, Fact]] = []
    found: list[Traits] = []
    for qtype in (t for t, q in REGISTRY.items() if q.facts_needed == 1):
        for fact in plan.pool:
            if fact.id in plan.capable[qtype]:
                keys.append((qtype, fact))
                found.append(base_traits(qtype, fact, plan))
    free = 0
    for i, t in enumerate(found):
        if not any(clash(t, f) for f in fixed):
            free |= 1 << i
    index = SingleIndex(keys, found, [], free, _clashing(plan, fixed),
                        _clashing(plan, fixed, ("statement",)))
    for i, t in enumerate(found):
        for cluster in t.clusters:
            index.by_cluster[cluster] = index.by_cluster.get(cluster, 0) | 1 << i
        for needle in t.answers:
            index.by_answer[needle] = index.by_answer.get(needle, 0) | 1 << i
        for needle in t.telling:
            index.by_telling[needle] = index.by_telling.get(needle, 0) | 1 << i
    for i, (qtype, fact) in enumerate(keys):
        index.by_type.setdefault(qtype, []).append(i)
        index.by_fact.setdefault(fact.id, []).append((qtype, i))
        index.cluster_of.append(fact.cluster_key)
    index.fixed_facts = frozenset(f for t in fixed for f in t.facts)
    index.fixed_answers = frozenset(n for t in fixed for n in t.answers)
    index.fixed_telling = frozenset(n for t in fixed for n in t.telling)
    for fact in plan.bank.facts:
        index.cluster_facts.setdefault(fact.cluster_key, []).append(fact.id)
    # Pairwise conflicts through the indexes (``clashing`` is ``clash`` against every
    # candidate at once, and ``clash`` is symmetric); each candidate conflicts with itself.
    index.masks = [index.clashing(t) | 1 << i for i, t in enumerate(found)]
    plan.singles = index
    return index


def _clashing(plan: QuizPlan, fixed: list[Traits],
              fields: tuple[str, ...] = ("label", "question")) -> frozenset[str]:
    """Facts whose ``fields`` (label or question: what ordering and matching show; the
    statement: what cause and what-changed options show) print an instructor question's
    answer, or that share a cluster with one: questions take them as partners last."""
    needles = [needle for t in fixed for needle in t.answers]
    clusters = {k for t in fixed for k in t.clusters}
    found = set()
    for fact in plan.bank.facts:
        texts = [f" {answer_key(getattr(fact, name) or '')} " for name in fields]
        if fact.cluster_key in clusters or any(n in t for n in needles for t in texts):
            found.add(fact.id)
    return frozenset(found)


def plan_traits(question: Question, plan: QuizPlan) -> Traits:
    """A question's :class:`Traits` for the search: a source's name in its explanation
    does not count as telling an answer (once the variant is chosen, ``fair_feedback``
    names such a source by less)."""
    return traits(question, plan.bank.by_id, unnamed(plan.bank))


def base_traits(qtype: str, fact: Fact, plan: QuizPlan) -> Traits:
    """A one-fact question's traits for seed 0: independent of the seed for the types of
    :data:`SEED_FREE_TRAITS` (a true/false question is taken in its true form; its false
    form, like other types' seeded options, is checked when it is chosen)."""
    question = REGISTRY[qtype].generate(fact, plan.bank, random.Random(0), f"base-{fact.id}")
    found = plan_traits(question, plan)
    if qtype == "tf":
        found = replace(found, shown=f" {answer_key(fact.statement)} ")
    elif qtype not in SEED_FREE_TRAITS:
        # Only the prompt is certain to be shown: the seeded options and feedback are
        # checked when chosen.
        found = replace(found, shown=f" {answer_key(question.prompt)} ", told="")
    return found


@dataclass
class Made:
    """A seeded question the planner made, its traits, and (worked out on first use)
    whether it conflicts with an instructor question and which one-fact candidates."""

    question: Question
    traits: Traits
    fixed: bool | None = None
    mask: int | None = None
    #: id of the traits of another question -> (those traits, whether they conflict)
    pairs: dict[int, tuple[Traits, bool]] = field(default_factory=dict)

    def clashes(self, other: Traits) -> bool:
        """:func:`clash` with ``other``, kept (the questions come back in many variants)."""
        held = self.pairs.get(id(other))
        if held is None or held[0] is not other:
            if len(self.pairs) >= PAIRS_KEPT:
                self.pairs.clear()
            held = self.pairs[id(other)] = (other, clash(self.traits, other))
        return held[1]


@dataclass
class _State:
    chosen: list[tuple[str, str, Question, Traits]] = field(default_factory=list)
    steps: int = 0
    deepest: int = -1
    failure: tuple[tuple[str, ...], list[Traits]] | None = None
    failed: set[tuple[object, ...]] = field(default_factory=set)
    refused: dict[str, dict[str, str]] = field(default_factory=dict)  # type -> fact -> why


class Search:
    """One variant's search; :meth:`run` returns ``(type, anchor id, question)`` triples."""

    def __init__(self, plan: QuizPlan, seed: int, order: list[Fact], fixed: list[Traits],
                 build: Callable[[str, Fact, random.Random, frozenset[str]], Question]) -> None:
        self.plan, self.seed, self.fixed, self.build = plan, seed, fixed, build
        self.index = single_index(plan, fixed)
        self.order = order
        slots = [t for t in plan.type_order for _ in range(plan.counts[t])]
        self.multi = [t for t in slots if REGISTRY[t].facts_needed > 1]
        self.groups: dict[tuple[str, ...], int] = {}
        for t in slots:
            if REGISTRY[t].facts_needed == 1:
                group = (t,) if plan.capable[t] else FALLBACK
                self.groups[group] = self.groups.get(group, 0) + 1
        # Each type's candidates in the variant's fact order.
        self.by_type: dict[str, list[int]] = {qtype: [] for qtype in self.index.by_type}
        by_fact = self.index.by_fact
        for fact in order:
            for qtype, i in by_fact.get(fact.id, ()):
                self.by_type[qtype].append(i)
        self.group_ids: dict[tuple[str, ...], list[int]] = {}
        self.group_bits: dict[tuple[str, ...], list[int]] = {}  # 1 << each of group_ids
        self.cluster_of = self.index.cluster_of
        self.cluster_facts = self.index.cluster_facts
        self.state = _State()
        self.prefer = plan.prefer  # partners from the quiz first
        # The facts and answer needles of the fixed and chosen questions, one entry per
        # question chosen (see :meth:`_choose`).
        self.used = [self.index.fixed_facts]
        self.answers = [self.index.fixed_answers]
        self.telling = [self.index.fixed_telling]
        self.single_of: list[int | None] = []  # per chosen question (see :meth:`_choose`)
        self.singles = [0]  # the seed-free one-fact candidates chosen, as bits

    def _rng(self, qtype: str, fact: Fact, draw: int = 0) -> random.Random:
        return random.Random(f"{self.seed}:{qtype}:{fact.id}:{draw}")

    def _all_traits(self) -> list[Traits]:
        return [*self.fixed, *(c[3] for c in self.state.chosen)]

    def _choose(self, qtype: str, anchor: str, question: Question, mine: Traits,
                single: int | None = None) -> None:
        """Add a question to the variant (``single``: its one-fact candidate, when ``mine``
        are that candidate's seed-free traits)."""
        self.state.chosen.append((qtype, anchor, question, mine))
        self.used.append(self.used[-1] | mine.facts)
        self.answers.append(self.answers[-1] | mine.answers.keys())
        self.telling.append(self.telling[-1] | mine.telling)
        self.single_of.append(single)
        self.singles.append(self.singles[-1] | (0 if single is None else 1 << single))

    def _unchoose(self) -> None:
        self.state.chosen.pop()
        self.used.pop()
        self.answers.pop()
        self.telling.pop()
        self.single_of.pop()
        self.singles.pop()

    def run(self) -> list[tuple[str, str, Question]]:
        groups = dict(self.groups)
        if not self._place_multi(0, self.index.free, groups):
            raise UnsatisfiableQuiz(self._explain())
        self._balance_true_false()
        self._check_levels()
        return [(qtype, anchor, question) for qtype, anchor, question, _ in self.state.chosen]

    def _check_levels(self) -> None:
        """Raise :class:`UnsatisfiableQuiz` when the variant misses the quiz's level mix
        (a slot of a type above recall that fell back to a recall type)."""
        asked = [instructor_level(iq) for iq in self.plan.instructor]
        asked.extend(question.level for _t, _a, question, _ in self.state.chosen)
        key = tuple(sorted(asked))
        short = self.index.level_checks.get(key)
        if short is None:
            short = self.index.level_checks[key] = level_shortfalls(
                self.plan.definition.levels, asked)
        if short:
            fell = sorted({t for t in self.plan.type_order if not self.plan.capable[t]})
            why = (f"no selected fact can yield {', '.join(fell)}" if fell
                   else "the mix does not ask for enough questions of those levels")
            raise UnsatisfiableQuiz(f"quiz '{self.plan.quiz_id}' (seed {self.seed}): "
                                    f"{describe_shortfall(*short[0])}: {why}")

    def _balance_true_false(self) -> None:
        """Make the true and the false true/false questions differ in number by at most one,
        turning questions of the larger side (those whose other form fits) around."""
        chosen = self.state.chosen
        tf = [n for n, c in enumerate(chosen) if c[0] == "tf"]
        fixed = [iq.answer for iq in self.plan.instructor if iq.type == "tf"]
        for _ in range(len(tf)):
            trues = [n for n in tf if chosen[n][2].answer == 0]
            falses = [n for n in tf if chosen[n][2].answer == 1]
            more_true = len(trues) + fixed.count(True) - len(falses) - fixed.count(False)
            if abs(more_true) <= 1:
                return
            turned = False
            for n in trues if more_true > 0 else falses:
                qtype, anchor, question, _ = chosen[n]
                fact = self.plan.bank.by_id[anchor]
                other = truefalse.build(fact, self.plan.bank, self._rng("tf", fact, 1),
                                        question.id, question.answer == 1)
                mine = plan_traits(other, self.plan)
                rest = [t for m, t in enumerate(self._all_traits()) if m != len(self.fixed) + n]
                if not any(clash(mine, t) for t in rest):
                    chosen[n] = (qtype, anchor, other, mine)
                    turned = True
                    break
            if not turned:
                return

    def _tick(self) -> bool:
        self.state.steps += 1
        return self.state.steps <= SEARCH_BUDGET

    def _place_multi(self, slot: int, viable: int, groups: dict[tuple[str, ...], int]) -> bool:
        if slot == len(self.multi):
            return self._place_single(viable, groups, {})
        qtype = self.multi[slot]
        taken = {k for t in self._all_traits() for k in t.clusters}
        used = self.used[-1]
        blocked = used | self.index.clash | frozenset(
            f.id for i, (_t, f) in enumerate(self.index.keys) if not viable >> i & 1)
        scarce = blocked | self._scarce(viable, groups)
        prefer = self.prefer
        fitted = False
        for fact in self.order:
            if fact.id not in self.plan.capable[qtype] or fact.cluster_key in taken:
                continue
            for draw in range(GROUP_DRAWS):
                if not self._tick():
                    return False
                # Partners that would clash with the chosen questions come last; half the
                # draws also keep scarce one-fact candidates out of the group.
                avoid = scarce if draw % 2 == 0 else blocked
                question = REGISTRY[qtype].generate(fact, self.plan.bank,
                                                    self._rng(qtype, fact, draw),
                                                    f"{qtype}-{fact.id}", avoid, prefer)
                mine = self._group_traits(qtype, question)
                other = next((t for t in self._all_traits() if clash(mine, t)), None)
                if other is not None:
                    self.state.refused.setdefault(qtype, {}).setdefault(fact.id,
                                                                      conflict(mine, other) or "")
                    continue
                fitted = True
                left = viable & ~self._single_mask(qtype, question, mine)
                if not self._enough(left, groups, {}):
                    continue  # it would leave too few one-fact questions
                self._choose(qtype, fact.id, question, mine)
                if self._place_multi(slot + 1, left, groups):
                    return True
                self._unchoose()
        if fitted or self.plan.capable[qtype] or self.state.steps > SEARCH_BUDGET:
            return False
        # No anchor fits at all: the slot falls back to the one-fact types.
        more = dict(groups)
        more[FALLBACK] = more.get(FALLBACK, 0) + 1
        return self._place_multi(slot + 1, viable, more)

    def _group_traits(self, qtype: str, question: Question) -> Traits:
        """A many-fact question's traits: they depend only on its type and facts."""
        key = (qtype, frozenset(question.fact_ids))
        found = self.index.group_traits.get(key)
        if found is None:
            found = self.index.group_traits[key] = plan_traits(question, self.plan)
        return found

    def _single_mask(self, qtype: str, question: Question, mine: Traits) -> int:
        """The one-fact candidates that conflict with a many-fact question (its traits
        depend only on its type and facts, so the mask is cached per quiz)."""
        key = (qtype, frozenset(question.fact_ids))
        mask = self.index.group_masks.get(key)
        if mask is None:
            mask = self.index.group_masks[key] = self.index.clashing(mine)
        return mask

    def _seeded(self, qtype: str, fact: Fact) -> Made | None:
        """A one-fact question whose shown texts depend on the seed, with its traits, that
        fits with the chosen ones, or None. Types drawing on other facts are asked to keep
        out the facts of the chosen questions and those an instructor question rules out;
        if that does not fit, only the latter (a fact used elsewhere may still be shown)."""
        tried: set[frozenset[str]] = set()
        for avoid in (self.used[-1] | self.index.statement_clash, self.index.statement_clash):
            if avoid in tried:
                continue
            tried.add(avoid)
            made = self._made(qtype, fact, avoid)
            if made is not None and not self._clashes(made):
                return made
        return None

    def _clashes(self, made: Made) -> bool:
        """Whether ``made`` conflicts with a fixed or chosen question (as :func:`clash`;
        with a chosen one-fact candidate of seed-free traits, through its mask)."""
        if made.fixed is None:
            made.fixed = any(clash(made.traits, t) for t in self.fixed)
        if made.fixed:
            return True
        if self.singles[-1] and self._mask(made) & self.singles[-1]:
            return True
        return any(made.clashes(c[3]) for c, single in
                   zip(self.state.chosen, self.single_of, strict=True) if single is None)

    def _mask(self, made: Made) -> int:
        """The one-fact candidates ``made`` conflicts with (worked out once)."""
        if made.mask is None:
            made.mask = self.index.clashing(made.traits)
        return made.mask

    def _made(self, qtype: str, fact: Fact, avoid: frozenset[str],
              screen: bool = True) -> Made | None:
        """The question ``build`` makes for this variant, with its traits: kept per quiz by
        what the type draws for it (``QType.draft``), so that a draw made for another seed
        is not made again. With ``screen``, None for a question that would show one of the
        chosen questions' answers (it would clash with it): one not made yet, or one its
        type finds hopeless before drawing (``QType.hopeless``)."""
        qtype_of = REGISTRY[qtype]
        if screen and qtype_of.hopeless is not None and qtype_of.hopeless(
                fact, self.plan.bank, self.answers[-1], self.telling[-1], avoid):
            return None  # whatever it draws shows a chosen answer
        draft = qtype_of.draft
        if draft is None:
            question = self.build(qtype, fact, self._rng(qtype, fact), avoid)
            return Made(question, plan_traits(question, self.plan))
        drawn = draft(fact, self.plan.bank, self._rng(qtype, fact), avoid, self.prefer)
        key = (qtype, fact.id, drawn.key)
        made = self.index.made.get(key)
        if made is None:
            if screen:
                shown = padded_keys(drawn.shown)
                if any(needle in shown for needle in self.answers[-1]):
                    return None
            if len(self.index.made) >= MADE_KEPT:
                self.index.made.clear()
            question = self.build(qtype, fact, self._rng(qtype, fact), avoid)
            made = self.index.made[key] = Made(question, plan_traits(question, self.plan))
        return made

    def _options(self, group: tuple[str, ...], viable: int, start: int) -> list[int]:
        bits = self.group_bits.get(group)
        if bits is None:
            bits = self.group_bits[group] = [1 << i for i in self._ids(group)]
        return [p for p in range(start, len(bits)) if viable & bits[p]]

    def _enough(self, viable: int, groups: dict[tuple[str, ...], int],
                last: dict[tuple[str, ...], int],
                options: dict[tuple[str, ...], list[int]] | None = None) -> bool:
        """Whether the open slots can still be filled: each group has as many viable
        candidates as slots, and all of them together span enough clusters."""
        clusters: set[str] = set()
        for group, n in groups.items():
            if not n:
                continue
            found = (options[group] if options is not None
                     else self._options(group, viable, last.get(group, 0)))
            if len(found) < n:
                return False
            ids = self._ids(group)
            clusters.update(self.cluster_of[ids[p]] for p in found)
        return len(clusters) >= sum(groups.values())

    def _scarce(self, viable: int, groups: dict[tuple[str, ...], int]) -> frozenset[str]:
        """Facts of one-fact groups that one ordering or matching question could exhaust."""
        found: set[str] = set()
        for group, n in groups.items():
            options = self._options(group, viable, 0)
            if n and len(options) < n + SCARCE_MARGIN:
                ids = self._ids(group)
                # Every fact of the clusters such a question rests on (a cause's too...).
                found.update(f for p in options for c in self.index.traits[ids[p]].clusters
                             for f in self.cluster_facts.get(c, ()))
        return frozenset(found)

    def _ids(self, group: tuple[str, ...]) -> list[int]:
        ids = self.group_ids.get(group)
        if ids is None:
            ids = self.group_ids[group] = [i for t in group for i in self.by_type.get(t, [])]
        return ids

    def _place_single(self, viable: int, groups: dict[tuple[str, ...], int],
                      last: dict[tuple[str, ...], int]) -> bool:
        open_groups = [g for g, n in groups.items() if n]
        if not open_groups:
            return True
        if not self._tick():
            return False
        memo = (viable, tuple(sorted(groups.items())), tuple(sorted(last.items())))
        if memo in self.state.failed:
            return False
        options = {g: self._options(g, viable, last.get(g, 0)) for g in open_groups}
        group = min(open_groups, key=lambda g: len(options[g]) - groups[g])
        depth = len(self.state.chosen)
        if not self._enough(viable, groups, last, options):
            if depth > self.state.deepest:
                self.state.deepest = depth
                self.state.failure = (group, self._all_traits())
            return False
        ids = self._ids(group)
        for position in options[group]:
            i = ids[position]
            qtype, fact = self.index.keys[i]
            mine = self.index.traits[i]
            left = viable & ~self.index.masks[i]
            single: int | None = i
            if qtype in SEED_FREE_TRAITS:
                made = (self._made(qtype, fact, frozenset(), screen=False)
                        if REGISTRY[qtype].draft else None)
                question = made.question if made else self.build(
                    qtype, fact, self._rng(qtype, fact), frozenset())
            else:
                # A true/false question's false form shows a distractor, other types' options
                # depend on the seed: check them, and keep them from later ones.
                found = self._seeded(qtype, fact)
                if found is None:
                    continue
                question, mine, single = found.question, found.traits, None
                left &= ~self._mask(found)
            self._choose(qtype, fact.id, question, mine, single)
            groups[group] -= 1
            before = last.get(group, 0)
            last[group] = position + 1
            if self._place_single(left, groups, last):
                return True
            last[group] = before
            groups[group] += 1
            self._unchoose()
            if self.state.steps > SEARCH_BUDGET:
                return False
        self.state.failed.add(memo)
        return False

    def _explain(self) -> str:
        budget = " (search budget exhausted)" if self.state.steps > SEARCH_BUDGET else ""
        where = f"quiz '{self.plan.quiz_id}' (seed {self.seed})"
        if self.state.failure is None and not self.multi:
            return (f"{where}: the questions its mix and level mix ask for cannot all be made "
                    f"from the facts it selects{budget}")
        if self.state.failure is None:
            qtype = next((t for t in self.multi if t in self.state.refused), self.multi[0])
            refused = self.state.refused.get(qtype, {})
            listed = "; ".join(f"{fid}: {why}" for fid, why in sorted(refused.items())[:8])
            return (f"{where}: no {REGISTRY[qtype].title} question fits with the others"
                    f"{budget}: {listed or 'every one would leave too few other questions'}")
        group, others = self.state.failure
        reasons: list[str] = []
        for qtype in group[:1]:
            for fact in self.plan.pool:
                if fact.id not in self.plan.capable[qtype]:
                    continue
                mine = base_traits(qtype, fact, self.plan)
                why = next((w for t in others if (w := conflict(mine, t)) is not None), None)
                if why is not None:
                    reasons.append(f"{fact.id}: {why}")
        listed = "; ".join(reasons[:8]) + ("; ..." if len(reasons) > 8 else "")
        return (f"{where}: not enough {REGISTRY[group[0]].title} questions fit with the "
                f"others{budget}: {listed or 'no fact left that can yield one'}")


@dataclass
class QuizPlan:
    """What a quiz's variants share: its definition, facts and their capabilities."""

    quiz_id: str
    definition: QuizFile
    bank: Bank
    pool: list[Fact]
    counts: dict[str, int]
    capable: dict[str, frozenset[str]]
    type_order: list[str]
    instructor: list[InstructorQuestion]
    #: The one-fact candidates and their conflicts, built on first use (see ``planner``).
    singles: SingleIndex | None = None
    #: The ids of ``pool``: the facts many-fact and cause questions take partners from first.
    prefer: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        self.prefer = frozenset(f.id for f in self.pool)
