"""Distractors: wrong answers of the answer's category that can never be graded as correct.

Candidates are the fact's own ``distractors`` (first: they were written to be
plausible), then, for a fact with a ``category`` (see :mod:`factquiz.categories`), the
category's members and the answers of other facts of that category, written in the
answer's form; for a year, number or date, the answers of other facts of its kind. A
fact of another kind without a category has only its own. A candidate is rejected
when it
* is not a member of the fact's category or not of the answer's form
  (:func:`~factquiz.categories.category_problem`),

* would be accepted as the answer (``answers.accepts``: equal after normalisation to
  the answer or an alias, or within the typo tolerance used for names),
* names the same thing as the answer ("Morrison" vs "Scott Morrison"),
* would be accepted as the answer of another fact asking the same question,
* has the wrong form (a year must be a year, a number a number, a date must have as
  many numbers as the answer), or
* already appears in the fact's statement or question (it would read oddly, and a
  true/false question could then state two contradicting things).

Duplicates (after normalisation) are dropped. The safe pool of each fact is computed
once per :class:`Bank`; picking from it with a seeded ``random.Random`` is cheap.
"""

from __future__ import annotations

import random
from collections.abc import Iterable

from .errors import FactquizError
from .factbank import Bank, as_bank
from .load import Project
from .model import Fact


class NotEnoughDistractors(FactquizError):
    """A fact cannot yield as many safe distractors as a question type needs."""
















def distractors_for(fact: Fact, bank: Bank | Project | Iterable[Fact], n: int,
                    rng: random.Random) -> list[str]:
    """``n`` safe distractors for ``fact``: its own first, then answers of its kind.

    Raises :class:`NotEnoughDistractors` when the bank cannot supply ``n``;
    ``factquiz check`` reports such facts so that this never happens at quiz time.
    """
    own, others = as_bank(bank).pool(fact)
    if len(own) + len(others) < n:
        raise NotEnoughDistractors(
            f"fact '{fact.id}' has {len(own) + len(others)} safe distractor(s) but {n} are "
            f"needed; add `distractors:` of kind {fact.kind.value} to it"
        )
    picked = rng.sample(own, min(n, len(own)))
    if len(picked) < n:
        picked += rng.sample(others, n - len(picked))
    return picked
