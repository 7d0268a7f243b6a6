"""Property-based tests of the normalisation used to match quotes against sources."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from factquiz.normalize import answer_key, casefold, normalize, normalize_with_map, numbers_in

text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200)
VARIANTS = {
    "'": ["\u2018", "\u2019"],
    '"': ["\u201c", "\u201d"],
    "-": ["\u2013", "\u2014", "\u2212"],
}


@given(text)
def test_idempotent(s: str) -> None:
    assert normalize(normalize(s)) == normalize(s)


@given(text)
def test_no_edge_or_double_whitespace(s: str) -> None:
    out = normalize(s)
    assert out == out.strip()
    assert "  " not in out
    assert all(not c.isspace() or c == " " for c in out)


@given(text)
def test_map_points_at_each_source_character(s: str) -> None:
    out, origin = normalize_with_map(s)
    assert len(out) == len(origin)
    assert origin == sorted(origin)
    assert all(0 <= i < len(s) for i in origin)


@given(
    st.lists(st.sampled_from(["a", "b", " ", "'", '"', "-", "\n", "\t", "x"]), max_size=60),
    st.randoms(use_true_random=False),
)
def test_typographic_variants_match(chars: list[str], rnd) -> None:  # type: ignore[no-untyped-def]
    plain = "".join(chars)
    fancy = "".join(rnd.choice(VARIANTS[c]) if c in VARIANTS else c for c in chars)
    spaced = fancy.replace(" ", rnd.choice([" ", "  ", "\n", "\u00a0"]))
    assert normalize(spaced) == normalize(plain)


@given(text, text, text)
def test_substring_survives_normalisation(a: str, b: str, c: str) -> None:
    # A quote taken from a text is still found after both are normalised, when its
    # boundaries fall on whitespace (as a copied passage's do).
    whole = f"{a} {b} {c}"
    assert normalize(b) in normalize(whole)


@given(text)
def test_answer_key_ignores_case_and_punctuation(s: str) -> None:
    assert answer_key(s.upper()) == answer_key(s.lower()) or s.upper().lower() != s.lower()
    assert answer_key(f"  {s}!? ") == answer_key(s)


def test_nfkc_and_zero_width() -> None:
    assert normalize("ﬁnal\u200b text") == "final text"
    assert normalize("TOKYO — The") == "TOKYO - The"


def test_numbers_drop_thousands_separators() -> None:
    assert numbers_in("about 50,000 troops in 1960") == ["50000", "1960"]


@given(st.text(st.characters(min_codepoint=0, max_codepoint=127), max_size=200))
def test_ascii_fast_path_equals_mapped_path(s: str) -> None:
    assert normalize(s) == normalize_with_map(s)[0]


@given(text)
def test_normalize_equals_the_mapped_path(s: str) -> None:
    """Any text (decomposed accents, wide and zero-width spaces, ligatures...) normalises
    to the same string with or without the offset map: quotes and sources meet there."""
    assert normalize(s) == normalize_with_map(s)[0]


@given(text)
def test_casefold_and_numbers_agree_with_normalize(s: str) -> None:
    assert casefold(s) == normalize(s).casefold()
    assert numbers_in(s) == numbers_in(normalize(s))
