"""Near-duplicate candidates are found through indexes (``duplicates.candidate_pairs``)
without losing any pair the rule reports, and without pairing every fact that merely
states a common answer."""

from __future__ import annotations

import itertools
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from factquiz.duplicates import candidate_pairs, why_duplicates
from factquiz.model import Fact

WORDS = ["defence", "logistics", "alliance", "treaty", "Suga", "Sugar", "port", "Darwin",
         "1960", "1961", "cross servicing", "agreement", "Kishida"]
QUOTES = ["The alliance treaty of 1960 covers defence logistics and the port of Darwin.",
          "The cross servicing agreement covers defence logistics in the port.",
          "Kishida and Suga met on the alliance treaty in 1961 at the port."]


def _fact(i: int, rng: random.Random) -> Fact:
    answer = " ".join(rng.sample(WORDS, rng.choice([1, 1, 2])))
    said = " ".join(rng.sample(WORDS, 3))
    return Fact(id=f"f-{i}", lesson="raa", kind="concept", answer=answer,
                statement=f"The text says {said} and {answer}.",
                question=f"What about {rng.choice(WORDS)}?",
                evidence=[{"source": rng.choice(["src-a", "src-b"]), "quote": rng.choice(QUOTES)}])


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=2, max_value=24))
def test_candidates_hold_every_pair_the_rule_reports(seed: int, size: int) -> None:
    rng = random.Random(seed)
    facts = [_fact(i, rng) for i in range(size)]
    reported = {(i, j) for i, j in itertools.combinations(range(size), 2)
                if why_duplicates(facts[i], facts[j]) is not None}
    assert reported <= candidate_pairs(facts)


def test_a_common_answer_stated_everywhere_pairs_no_fact_by_itself() -> None:
    hub = Fact(id="hub", lesson="raa", kind="concept", answer="alliance",
               statement="It is the alliance.", question="What is it?",
               evidence=[{"source": "hub-source", "quote": "the alliance"}])
    facts = [hub] + [Fact(id=f"f-{i}", lesson="raa", kind="concept", answer=f"Port{i}",
                          statement=f"The alliance uses Port{i}.", question=f"Which port {i}?",
                          evidence=[{"source": f"s-{i}", "quote": f"alliance uses Port{i}"}])
                     for i in range(300)]
    # Each fact states the hub's answer, but neither does the hub state theirs nor do they
    # cite its source: no pair can be a near-duplicate, so none is compared.
    assert candidate_pairs(facts) == set()
