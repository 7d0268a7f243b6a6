"""The offset map of ``normalize_with_map`` points every output character at its origin."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from factquiz.normalize import normalize_with_map

ascii_text = st.text(alphabet=st.characters(max_codepoint=127), max_size=80)
any_text = st.text(alphabet=st.sampled_from("ab .\t\n\x1f“”—é\u200bﬁ"), max_size=40)


@given(ascii_text)
def test_ascii_characters_map_to_themselves_and_spaces_to_whitespace(s: str) -> None:
    out, origin = normalize_with_map(s)
    assert len(origin) == len(out)
    for i, ch in enumerate(out):
        assert s[origin[i]] == ch if ch != " " else s[origin[i]].isspace()
    assert origin[-1:] == [origin[len(out) - 1]] if out else origin[:] == []


@given(any_text)
def test_the_map_is_a_sequence_of_input_offsets(s: str) -> None:
    out, origin = normalize_with_map(s)
    offsets = list(origin)
    assert len(offsets) == len(out) and offsets == sorted(offsets)
    assert all(0 <= o < len(s) for o in offsets)
    assert origin == offsets and origin[::2] == offsets[::2]
