"""A fast reader for the plain block YAML that fact banks are written in.

:func:`read_plain` turns the common shape of a data file (block mappings and sequences,
one scalar a line: plain, single- or double-quoted, or a one-line flow list or
mapping of scalars)
into the same dicts, lists and values that libyaml and ``yamlio``'s builder make, at a
fraction of the cost (libyaml makes a node and two position marks for every scalar of a
100k-fact bank). It does not guess: anything outside that shape (anchors, tags, block or
multi-line scalars, nested flow collections, comments after a value, duplicate keys, tabs, odd
indentation, escapes, control characters...) returns :data:`UNSURE`, and the caller parses
the file with libyaml as before, which also reports any error at its line. Plain scalars
are resolved (string, number, bool, null, date) by the very resolvers and constructor of
the safe loader.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Callable
from typing import Any

import yaml

#: Returned when the text is not in the shape read here (parse it with libyaml).
UNSURE: Any = object()

_STR_TAG = "tag:yaml.org,2002:str"
#: Deeper than any data file: the caller's parser refuses too deep nesting itself.
_MAX_DEPTH = 32
#: Characters that make the text unsure as a whole: tabs, other line breaks than "\n"
#: (YAML counts NEL and the Unicode separators), byte order marks, and any character
#: YAML does not allow in a document (controls, non-characters).
_UNSURE_TEXT = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
                          "\U00010000-\U0010ffff]")
#: One line: its indent, a sequence entry's dash, then ``key:`` (with an optional value)
#: or a value alone (matched with its trailing spaces stripped). Lines that match no
#: alternative are unsure.
_LINE = re.compile(r"( *)(-(?: +|\Z))?(?:([A-Za-z_][\w-]{0,100}):(?: +(.*))?|(.+))?\Z")
#: A plain scalar's first character: none of YAML's indicators (a dash followed by a
#: non-space is allowed: "-5"), nor space.
_PLAIN_START = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`]|-\S")
_SINGLE = re.compile(r"'((?:[^']|'')*)'\Z")
_DOUBLE = re.compile(r'"([^"\\]*)"\Z')
#: A one-line flow sequence of scalars: quoted ones, or plain ones without flow
#: indicators, colons or comments.
_FLOW_ITEM = r"""(?:'(?:[^']|'')*'|"[^"\\]*"|[^\s\-?:,\[\]{}#&*!|>'"%@`][^,\[\]{}#:]*?)"""
_FLOW = re.compile(rf"\[ *(?:({_FLOW_ITEM}(?: *, *{_FLOW_ITEM})*) *)?\]\Z")
_FLOW_ITEMS = re.compile(rf"({_FLOW_ITEM}) *(?:,|\Z) *")
#: A one-line flow mapping of such scalars under plain keys (``{thing: x, topic: y}``).
_FLOW_KEY = r"[A-Za-z_][\w-]{0,100}: +"
_FLOW_PAIR = _FLOW_KEY + _FLOW_ITEM
_FLOW_MAP = re.compile(rf"\{{ *(?:({_FLOW_PAIR}(?: *, *{_FLOW_PAIR})*) *)?\}}\Z")
_FLOW_PAIRS = re.compile(rf"([A-Za-z_][\w-]{{0,100}}): +({_FLOW_ITEM}) *(?:,|\Z) *")


class _Unsure(Exception):
    """The text leaves the shape :func:`read_plain` reads."""


#: What a plain scalar that is no string may become here.
_RESOLVED = (bool, int, float, type(None), datetime.date)


def _resolver() -> Callable[[str], Any]:
    """A function from a plain scalar's text to its value, as libyaml's safe loader
    would make it (memoised for the few scalars that are not strings)."""
    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    resolvers = loader_class.yaml_implicit_resolvers
    wildcard = tuple(resolvers.get(None, []))
    by_first = {first: (*found, *wildcard) for first, found in resolvers.items()
                if first is not None}
    others: dict[str, Any] = {}

    def value(text: str) -> Any:
        for _tag, regexp in by_first.get(text[:1], wildcard):
            if regexp.match(text):
                break
        else:
            return text
        if text not in others:
            try:
                found = yaml.load(text, Loader=loader_class)  # the same constructor
            except yaml.YAMLError:
                raise _Unsure from None
            if not isinstance(found, _RESOLVED) or (
                    isinstance(found, float) and not math.isfinite(found)):
                raise _Unsure  # e.g. ".nan", which the caller reports as a finding
            others[text] = found
        return others[text]

    return value


_PLAIN_VALUE = _resolver()


def _scalar(text: str) -> Any:
    """The value of a scalar written on one line after ``key:`` or ``- ``."""
    first = text[0]
    if first == "'":
        match = _SINGLE.match(text)
        if match is None:
            raise _Unsure
        return match.group(1).replace("''", "'")
    if first == '"':
        match = _DOUBLE.match(text)
        if match is None:
            raise _Unsure
        return match.group(1)
    if first == "[":
        match = _FLOW.match(text)
        if match is None:
            raise _Unsure
        items = match.group(1)
        return [] if items is None else [_flow_item(m.group(1))
                                          for m in _FLOW_ITEMS.finditer(items)]
    if first == "{":
        match = _FLOW_MAP.match(text)
        if match is None:
            raise _Unsure
        return _flow_mapping(match.group(1) or "")
    if (": " in text or " #" in text or text.endswith(":")
            or not _PLAIN_START.match(text)):
        raise _Unsure
    return _PLAIN_VALUE(text)


def _flow_mapping(pairs: str) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for match in _FLOW_PAIRS.finditer(pairs):
        key = match.group(1)
        if _PLAIN_VALUE(key) is not key or key in result:
            raise _Unsure
        result[key] = _flow_item(match.group(2))
    return result


def _flow_item(text: str) -> Any:
    first = text[0]
    if first == "'":
        return text[1:-1].replace("''", "'")
    if first == '"':
        return text[1:-1]
    return _PLAIN_VALUE(text)


class _Reader:
    """Reads the lines of a text, block by block, from their indentation."""

    __slots__ = ("lines", "pos")

    def __init__(self, lines: list[tuple[int, int, str | None, str | None]]) -> None:
        #: (indent, dash width or 0, key or None, value text or None) of each content line.
        self.lines = lines
        self.pos = 0

    def block(self, depth: int) -> Any:
        """The mapping or sequence that starts at the current line."""
        if depth > _MAX_DEPTH:
            raise _Unsure
        indent, dash, key, _ = self.lines[self.pos]
        if dash:
            return self.sequence(indent, depth)
        if key is None:
            raise _Unsure  # a scalar alone on its line: a continued or a document scalar
        return self.mapping(indent, depth)

    def sequence(self, column: int, depth: int) -> list[Any]:
        lines = self.lines
        items: list[Any] = []
        while self.pos < len(lines):
            indent, dash, key, value = lines[self.pos]
            if indent != column or not dash:
                break
            if key is not None:  # "- key: ..." starts a mapping at the key's column
                items.append(self.mapping(column + dash, depth + 1))
                continue
            if value is None:
                raise _Unsure  # "-" alone: its value is on the next lines
            items.append(_scalar(value))
            self.pos += 1
            self._no_deeper(column)
        if self.pos < len(lines) and lines[self.pos][0] > column:
            raise _Unsure
        return items

    def mapping(self, column: int, depth: int) -> dict[str, Any]:
        lines = self.lines
        result: dict[str, Any] = {}
        first = True
        while self.pos < len(lines):
            indent, dash, key, value = lines[self.pos]
            if first:  # the line that opened the mapping (its dash belongs to a sequence)
                first = False
            elif indent != column or dash:
                break
            if key is None:
                raise _Unsure
            if _PLAIN_VALUE(key) is not key or key in result:
                raise _Unsure  # a key that is no string ("on", "1"), or a duplicate
            self.pos += 1
            if value is not None:
                result[key] = _scalar(value)
                self._no_deeper(column)
                continue
            if self.pos < len(lines):
                n_indent, n_dash, _, _ = lines[self.pos]
                if n_indent > column or (n_indent == column and n_dash):
                    result[key] = self.block(depth + 1)  # nested, or a sequence level with it
                    continue
            result[key] = None
        if self.pos < len(lines) and lines[self.pos][0] > column:
            raise _Unsure
        return result

    def _no_deeper(self, column: int) -> None:
        """A line after a scalar may not be indented deeper (that would continue it)."""
        if self.pos < len(self.lines) and self.lines[self.pos][0] > column:
            raise _Unsure


def read_plain(text: str) -> Any:
    """The data of ``text``, as the safe loader would read it, or :data:`UNSURE`."""
    if _UNSURE_TEXT.search(text) or "\\" in text:
        return UNSURE
    lines: list[tuple[int, int, str | None, str | None]] = []
    match = _LINE.match
    raws = text.split("\n")
    if raws[0] == "---":  # an explicit start of the one document (a source's front matter)
        raws[0] = ""
    for raw in raws:
        raw = raw.rstrip(" ")
        stripped = raw.lstrip(" ")
        if not stripped or stripped[0] == "#":
            continue  # blank lines and whole-line comments
        found = match(raw)
        if found is None:
            return UNSURE
        indent, dash, key, value, alone = found.groups()
        value = value or None  # "key:" with spaces after it: the value is below, or null
        if alone is not None:
            if key is not None:
                return UNSURE
            value = alone
        elif key is None and dash is None:
            return UNSURE
        lines.append((len(indent), len(dash) if dash else 0, key, value))
    if not lines or lines[0][0] != 0:
        return UNSURE
    reader = _Reader(lines)
    try:
        data = reader.block(0)
    except _Unsure:
        return UNSURE
    return data if reader.pos == len(lines) else UNSURE
