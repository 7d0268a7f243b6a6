"""The fast reader of plain block YAML reads exactly what libyaml reads, or declines.

Every text that :func:`factquiz.yamlfast.read_plain` accepts must give the very data
(same keys, order, values and types) that the libyaml path of ``yamlio.read_yaml`` gives,
and a text libyaml refuses (an error, a duplicate key, a value reported as a finding) must
be declined, so that loading reports it as before.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from content_root import REPO
from hypothesis import given, settings
from hypothesis import strategies as st

from factquiz.yamlfast import UNSURE, read_plain
from factquiz.yamlio import read_yaml

#: Scalars as they may follow ``key:`` or ``- ``: strings, numbers, booleans, nulls,
#: dates, quoted forms, flow lists and mappings, and what is no plain scalar at all.
VALUES = ["a", "Alder12", "1960", "'1960'", "true", "yes", "No", "~", "null", "2020-01-02",
          "10:30", "1e3", "1.5", ".inf", ".nan", "-5", "+3", "0x1F", "0o7", "1_000", ".5",
          "012", "a:b", "a: b", "x:", "C#", "a #c", "it's", "'it''s'", "'a' # c", '"dq"',
          "\"d'q\"", "\u00fcn\u00ef \u201cq\u201d", "a  b", "'  sp '", "[a, b]", "[]", "[ ]",
          "['x, y', 2020, ~]", "[a b, c d]", "[ a , b ]", "[a,]", "[a, [b]]", "[a: b]",
          "{a: b}", "{thing: x, topic: t's}", "{}", "{a: 1, a: 2}", "{a:1}", "{on: 1}",
          "{a: [b]}", "x,y", "a [b] {c}", "=", "<<", "-", "- x", "--x", "?x", ":x", "@x",
          "%x", "`x", ",x", "&a x", "*a", "!t x", "|", ">-", "'open", '"open',
          "2022-01-05T10:00:00Z", "Off", "y", "1,000", "\u00a0x", "x\u00a0", "\u65e5\u672c",
          "''", "'''", "''''", "'a''''b'", "'a'''b'", "'a' 'b'", "'", '"', '""', '"a"b"',
          "'x: y'", "'# c'", '"x: y"']
KEYS = ["id", "lesson", "answer", "on", "Yes", "y", "null", "1", "k-1", "_x", "a_b"]
#: Lines to mix at random (most mixes are not YAML at all).
LINES = ["facts:", "- id: a", "  - id: b", "  lesson: x", "    lesson: y", "    evidence:",
         "      - source: s", "        quote: q", "    - source: s2", "      quote: q2",
         "    k:", "     odd: 1", "# c", "    # c", "", "   ", "---", "...", "- a", "- - b",
         "-", "  -", "    k : v", "    k:v", "top: 2", "      line'", "      block"]
LINES += [f"    s: {value}" for value in VALUES]


def reference(text: str) -> Any:
    """What the libyaml path reads (UNSURE when it reports any finding)."""
    data, findings = read_yaml(Path("x.yml"), "x.yml", text=text, positions=True)
    return UNSURE if findings else plain(data)


def plain(data: Any) -> Any:
    """``data`` with positioned maps and seqs as dicts and lists (types compared too)."""
    if isinstance(data, dict):
        return {(type(k), k): plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [plain(v) for v in data]
    return (type(data), data)


def agrees(text: str) -> None:
    fast = read_plain(text)
    if fast is not UNSURE:
        expected = reference(text)
        assert expected is not UNSURE, f"read, but libyaml refuses: {text!r}"
        assert plain(fast) == expected, text
        assert list(plain(fast)) == list(expected) if isinstance(fast, dict) else True


@st.composite
def documents(draw: st.DrawFn, depth: int = 0) -> list[str]:
    """A block mapping or sequence, with random indentation steps and dash widths."""
    lines: list[str] = []
    if draw(st.booleans()):
        for _ in range(draw(st.integers(1, 3))):
            key = draw(st.sampled_from(KEYS))
            if depth < 3 and draw(st.booleans()):
                lines.append(f"{key}:")
                step = draw(st.sampled_from([0, 2, 4]))
                lines += [" " * step + line for line in draw(documents(depth + 1))]
            else:
                lines.append(f"{key}: {draw(st.sampled_from(VALUES))}")
    else:
        for _ in range(draw(st.integers(1, 3))):
            dash = draw(st.sampled_from(["- ", "-  "]))
            if depth < 3 and draw(st.booleans()):
                inner = draw(documents(depth + 1))
                pad = " " * len(dash)
                lines += [dash + inner[0], *(pad + line for line in inner[1:])]
            else:
                lines.append(dash + draw(st.sampled_from(VALUES)))
    return lines


@settings(max_examples=1500, deadline=None)
@given(documents(), st.lists(st.tuples(st.integers(0, 50), st.sampled_from(
    ["", "   ", "# c", "  # c"])), max_size=2), st.sampled_from(["", " ", "   "]))
def test_documents_read_as_libyaml_reads_them(lines: list[str],
                                              extra: list[tuple[int, str]],
                                              trailing: str) -> None:
    for at, line in extra:
        lines.insert(at % (len(lines) + 1), line)
    agrees("\n".join(line + trailing for line in lines) + "\n")


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(LINES), min_size=1, max_size=8), st.booleans())
def test_any_mix_of_lines_is_read_as_libyaml_reads_it(lines: list[str], end: bool) -> None:
    agrees("\n".join(lines) + ("\n" if end else ""))


def test_the_projects_data_files_are_read_fast_and_alike() -> None:
    """The real bank's fact files take the fast path and read as libyaml reads them."""
    texts = [path.read_text(encoding="utf-8") for path in sorted((REPO / "facts").glob("*.yml"))]
    assert texts
    for text in texts:
        assert read_plain(text) is not UNSURE
        agrees(text)
    for path in sorted((REPO / "sources").glob("*.txt")):  # front matter
        text = path.read_text(encoding="utf-8")
        agrees(text[:text.index("\n---\n", 3) + 1])


def test_what_libyaml_reports_is_left_to_it() -> None:
    for text in ["a: 1\na: 2\n", "a: .nan\n", "a: b: c\n", "a: 'open\n  more'\n",
                 "a: &x [1]\nb: *x\n", "a:\n\tb: 1\n", "a: \x07\n", "- a\nb: 1\n", "a\n",
                 "a: 1\n  b: 2\n", "a:\n    b: 1\n  c: 2\n", "on: 1\n", "a: \"\\u0041\"\n"]:
        assert read_plain(text) is UNSURE, text
