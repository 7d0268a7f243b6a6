"""A fast reader for the plain block YAML that fact banks are written in.

:func:`read_plain` turns the common shape of a data file (block mappings and sequences,
one scalar a line: plain, single- or double-quoted, or a one-line flow list or mapping of
scalars) into the same dicts, lists and values that libyaml and ``yamlio``'s builder make,
at a fraction of the cost (libyaml makes a node and two position marks for every scalar
of a 100k-fact bank). It does not guess: anything outside that shape (anchors, tags, block
or multi-line scalars, nested flow collections, comments after a value, duplicate keys,
tabs, odd indentation, escapes, control characters...) returns :data:`UNSURE`, and the
caller parses the file with libyaml as before, which also reports any error at its line.
Plain scalars are resolved (string, number, bool, null, date) by the very resolvers and
constructor of the safe loader.
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

#: The safe loader whose resolvers and constructor give plain scalars their values.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: Deeper than any data file: the caller's parser refuses too deep nesting itself.
_MAX_DEPTH = 32
#: Characters that make the text unsure as a whole: tabs, other line breaks than "\n"
#: (YAML counts NEL and the Unicode separators), byte order marks, and any character
#: YAML does not allow in a document (controls, non-characters).
_UNSURE_TEXT = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
                          "\U00010000-\U0010ffff]")
#: Each content line (neither blank nor a whole-line comment) of a text: its indent, a
#: sequence entry's dash, then ``key:`` with its value, or a value alone; trailing spaces
#: left out. Every content line matches (a value alone takes any text), so the lines
#: found are all the text's content lines, in order.
_ROW = re.compile(r"^( *)(?=[^ #\n])(-(?: +|$))?"
                  r"(?:([A-Za-z_][\w-]{0,100}):(?: +(.*[^ \n]))?|([^# \n](?:.*[^ \n])?))? *$",
                  re.MULTILINE)
#: A plain scalar's first character: none of YAML's indicators (a dash followed by a
#: non-space is allowed: "-5"), nor space.
_PLAIN_START = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`]|-\S")
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
    resolvers = _LOADER.yaml_implicit_resolvers
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
                found = yaml.load(text, Loader=_LOADER)  # the same constructor
            except yaml.YAMLError:
                raise _Unsure from None
            if not isinstance(found, _RESOLVED) or (
                    isinstance(found, float) and not math.isfinite(found)):
                raise _Unsure  # e.g. ".nan", which the caller reports as a finding
            others[text] = found
        return others[text]

    return value


_PLAIN_VALUE = _resolver()
#: First characters of plain scalars that some resolver may turn into no string.
_RESOLVED_FIRST = frozenset(_LOADER.yaml_implicit_resolvers) - {None}
#: First characters of a plain scalar that is surely a string (when it holds no ": " or
#: " #" and does not end with ":"): letters that start no YAML indicator and no value a
#: resolver makes (none when some resolver applies to any first character).
_STRING_FIRST = frozenset() if None in _LOADER.yaml_implicit_resolvers else frozenset(
    c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    if c not in _RESOLVED_FIRST)


def _scalar(text: str) -> Any:
    """The value of a scalar written on one line after ``key:`` or ``- ``."""
    first = text[0]
    if first == "'":  # closed at the end of the line, any quote inside doubled
        inner = text[1:-1]
        if len(text) < 2 or text[-1] != "'" or "'" in inner.replace("''", ""):
            raise _Unsure
        return inner.replace("''", "'")
    if first == '"':  # closed at the end of the line, no quote inside (nor escapes)
        inner = text[1:-1]
        if len(text) < 2 or text[-1] != '"' or '"' in inner:
            raise _Unsure
        return inner
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
    """Reads the content lines of a text, block by block, from their indentation.

    Each line is ``(indent, dash, key, value, alone)``, strings that are empty when
    absent: a mapping entry has a ``key`` (and a ``value`` unless it is below), a
    sequence entry a ``dash`` and either a key (a mapping starts there) or a value
    ``alone``."""

    __slots__ = ("end", "pos", "rows")

    def __init__(self, rows: list[tuple[str, str, str, str, str]]) -> None:
        self.rows = rows
        self.pos = 0
        self.end = len(rows)

    def block(self, depth: int) -> Any:
        """The mapping or sequence that starts at the current line."""
        if depth > _MAX_DEPTH:
            raise _Unsure
        indent, dash, key, _, _ = self.rows[self.pos]
        if dash:
            return self.sequence(len(indent), depth)
        if not key:
            raise _Unsure  # a scalar alone on its line: a continued or a document scalar
        return self.mapping(len(indent), depth)

    def sequence(self, column: int, depth: int) -> list[Any]:
        rows, end, pad = self.rows, self.end, " " * column
        items: list[Any] = []
        pos = self.pos
        while pos < end:
            indent, dash, key, _, alone = rows[pos]
            if indent != pad:
                if len(indent) > column:
                    raise _Unsure  # a continued scalar, or indentation YAML refuses
                break
            if not dash:
                break
            if key:  # "- key: ..." starts a mapping at the key's column
                self.pos = pos
                items.append(self.mapping(column + len(dash), depth + 1))
                pos = self.pos
                continue
            if not alone:
                raise _Unsure  # "-" alone: its value is on the next lines
            items.append(_scalar(alone))
            pos += 1
        self.pos = pos
        return items

    def mapping(self, column: int, depth: int) -> dict[str, Any]:
        """The mapping whose first entry is the current line (after the dash of the
        sequence entry it starts, if any), its other entries at ``column``."""
        rows, end, pad = self.rows, self.end, " " * column
        result: dict[str, Any] = {}
        pos = self.pos
        _, _, key, value, _ = rows[pos]
        while True:
            if not key or key in result:
                raise _Unsure  # a scalar where an entry belongs, or a duplicate key
            if key[0] in _RESOLVED_FIRST and _PLAIN_VALUE(key) is not key:
                raise _Unsure  # a key that is no string ("on", "yes")
            pos += 1
            if value:
                if (value[0] in _STRING_FIRST and ": " not in value and " #" not in value
                        and value[-1] != ":"):
                    result[key] = value  # what _scalar finds for most values, sooner
                else:
                    result[key] = _scalar(value)
            elif pos < end and (len(below := rows[pos][0]) > column
                                or (below == pad and rows[pos][1])):
                self.pos = pos  # nested, or a sequence at the key's own indentation
                result[key] = self.block(depth + 1)
                pos = self.pos
            else:
                result[key] = None
            if pos >= end:
                break
            indent, dash, key, value, _ = rows[pos]
            if indent != pad:
                if len(indent) > column:
                    raise _Unsure  # a continued scalar, or indentation YAML refuses
                break
            if dash:
                break  # a sequence entry of an enclosing block (or an error it reports)
        self.pos = pos
        return result


def read_plain(text: str) -> Any:
    """The data of ``text``, as the safe loader would read it, or :data:`UNSURE`."""
    if _UNSURE_TEXT.search(text) or "\\" in text:
        return UNSURE
    if text.startswith("---\n"):  # an explicit start of the one document (front matter)
        text = text[4:]
    rows = _ROW.findall(text)
    if not rows or rows[0][0]:
        return UNSURE
    reader = _Reader(rows)
    try:
        data = reader.block(0)
    except _Unsure:
        return UNSURE
    return data if reader.pos == reader.end else UNSURE
