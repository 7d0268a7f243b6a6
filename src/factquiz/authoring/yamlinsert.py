"""A new item's YAML, inserted as text into its file so the rest stays byte for byte.

The item goes in after the last item of its list, so comments, order and formatting
elsewhere are kept; a ruamel round-trip, which keeps comments and order, is the fallback
for files of unusual shape.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from ..model import Kind
from ..yamlio import read_yaml, round_trip_yaml
from .errors import NotAddable

# Lists the bank writes inline (``aliases: [LNG]``); the others one item per line.
FLOW_LISTS = frozenset({"aliases", "tags", "distractors", "accepted", "facts"})
SCHEMA_LINE = "# yaml-language-server: $schema=../schemas/{}.schema.json\n"


def _clean(value: Any) -> Any:
    """Strip strings; drop blank strings from lists."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, Kind):
        return value.value
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value if not (isinstance(v, str) and not v.strip())]
    if isinstance(value, Mapping):
        return {k: _clean(v) for k, v in value.items()}
    return value


def yaml_node(value: Any, key: str = "") -> Any:
    """A ruamel node for ``value``: mappings keep their order, short lists are inline."""
    if isinstance(value, Mapping):
        node = CommentedMap()
        for k, v in value.items():
            node[k] = yaml_node(v, k)
        return node
    if isinstance(value, list):
        seq = CommentedSeq(yaml_node(v) for v in value)
        if key in FLOW_LISTS:
            seq.fa.set_flow_style()
        return seq
    return value


def item_node(fields: Mapping[str, Any], order: Iterable[str],
              defaults: Mapping[str, Any] | None = None) -> CommentedMap:
    """The new item as a YAML mapping: keys in the model's order, empty and default fields
    left out. Unknown keys are kept (after the others) so that ``check`` reports them."""
    order = list(order)
    keys = [k for k in order if k in fields] + [k for k in fields if k not in order]
    node = CommentedMap()
    for key in keys:
        value = _clean(fields[key])
        if value is None or value == "" or value == [] or value == {}:
            continue
        if defaults and key in defaults and value == defaults[key]:
            continue
        node[key] = yaml_node(value, key)
    return node


def _dump(data: Any) -> str:
    yaml = round_trip_yaml()
    yaml.width = 4096  # the bank keeps one field per line
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def item_yaml(key: str, node: CommentedMap) -> str:
    """The YAML lines of one list item under ``key:``, indented as the bank indents them."""
    text = _dump(CommentedMap({key: CommentedSeq([node])}))
    return text.split("\n", 1)[1]


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _load(text: str, shown: str) -> Any:
    try:
        return round_trip_yaml().load(text)
    except YAMLError as exc:
        raise NotAddable(f"{shown} is not valid YAML ({' '.join(str(exc).split())}); fix it "
                         "first (`factquiz check` shows where)") from None


def _insertion_point(text: str, data: CommentedMap, key: str) -> int:
    """Offset in ``text`` just after the last content line of ``key``'s value.

    That is the end of the file, or the start of the next top-level key with the
    comments and blank lines right above it (they belong to that key).
    """
    keys = list(data)
    following = keys[keys.index(key) + 1:]
    if not following:
        return len(text)
    lines = text.splitlines(keepends=True)
    row = data.lc.key(following[0])[0]
    while row > 0 and (not lines[row - 1].strip() or lines[row - 1].startswith("#")):
        row -= 1
    return sum(len(line) for line in lines[:row])


def insert_item(original: str | None, key: str, node: CommentedMap, header: str = "",
                shown: str = "the file") -> str:
    """The file text with ``node`` appended to its top-level list ``key``.

    The item goes in as text after the list's last item, so everything else is kept
    byte for byte. When that would not give the intended document (``key: []``, an odd
    layout), the file is round-tripped through ruamel instead, keeping comments and order.
    Whether it gives the intended document is decided by libyaml's parse first (a
    hundredth of ruamel's time on a large file), and by ruamel's when libyaml does not say
    yes (its YAML 1.1 reads some plain scalars otherwise: ``yes``, ``0777``).
    """
    if original is None or not original.strip():
        original = (original or "") + header + f"{key}:\n"
    fast = _appended_as_text(original, key, node)
    if fast is not None:
        return fast
    before = _load(original, shown)
    if before is None:  # only comments
        original += ("" if original.endswith("\n") else "\n") + f"{key}:\n"
        before = _load(original, shown)
    if not isinstance(before, CommentedMap):
        raise NotAddable(f"{shown} is not a mapping with a `{key}:` list; fix it first")
    if key not in before:
        original += ("" if original.endswith("\n") else "\n") + f"{key}:\n"
        before = _load(original, shown)
    candidate = _text_insertion(original, before, key, node)
    try:
        after = round_trip_yaml().load(candidate)
    except YAMLError:
        after = None
    if _as_intended(before, after, key, node):
        return candidate
    seq = before.get(key)
    if not isinstance(seq, CommentedSeq):
        seq = CommentedSeq()
        before[key] = seq
    if not seq:
        seq.fa.set_block_style()
    seq.append(node)
    return _dump(before)


def _appended_as_text(original: str, key: str, node: CommentedMap) -> str | None:
    """The text insertion when libyaml's parse shows it gives the intended document; None
    when it does not, or cannot tell (a YAML error, no ``key`` list, a ``%YAML``
    directive, which changes how ruamel reads the item it wrote: ruamel decides)."""
    if original.startswith("%") or "\n%" in original:
        return None
    before = _fast_load(original)
    if not isinstance(before, CommentedMap) or key not in before:
        return None
    candidate = _text_insertion(original, before, key, node)
    return candidate if _as_intended(before, _fast_load(candidate), key, node) else None


def _fast_load(text: str) -> Any:
    """``text`` parsed by the bank's libyaml reader, with positions; None on any finding."""
    data, findings = read_yaml(Path("candidate"), "candidate", text=text)
    return None if findings else data


def _text_insertion(original: str, before: CommentedMap, key: str, node: CommentedMap) -> str:
    """``original`` with ``node``'s lines after the last item of ``key`` (``before`` is
    ``original`` parsed, with positions)."""
    at = _insertion_point(original, before, key)
    head, rest = original[:at], original[at:]
    if head and not head.endswith("\n"):
        head += "\n"
    separated = "\n\n  - " in original[: at + 1]  # items are separated by blank lines
    if separated and not head.endswith("\n\n"):
        head += "\n"
    return head + item_yaml(key, node) + rest


def _as_intended(before: CommentedMap, after: Any, key: str, node: CommentedMap) -> bool:
    """Whether ``after`` is ``before`` with ``node`` appended to its list ``key`` (both
    parsed by the same reader), its keys in the same order."""
    expected = {**_plain(before), key: [*(_plain(before.get(key)) or []), _plain(node)]}
    return (isinstance(after, CommentedMap) and _plain(after) == expected
            and list(after) == list(before))


def item_lines(text: str, key: str, length: int) -> tuple[int, dict[int, str]]:
    """Where the last item of ``key`` starts (1-based line), and the field each of its
    ``length`` lines belongs to."""
    data, _ = read_yaml(Path("candidate"), "candidate", text=text)
    seq = data[key]
    node = seq[-1]
    start = seq.lc.item(len(seq) - 1)[0] + 1
    lines: dict[int, str] = {}
    if isinstance(node, CommentedMap):
        starts = sorted((node.lc.key(name)[0] + 1, name) for name in node)
        ends = [line for line, _ in starts[1:]] + [start + length]
        for (line, name), end in zip(starts, ends, strict=True):
            for row in range(line, end):
                lines[row] = name
    return start, lines
