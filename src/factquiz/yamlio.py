"""Reading YAML with line numbers, validating it into models, and writing files atomically.

Every data file is read here so that every error, from a YAML syntax slip to a wrong
field type, becomes a :class:`Finding` at the file's line and column, never a traceback.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.compat import ordereddict
from ruamel.yaml.representer import RoundTripRepresenter

from .atomic import WriteFailed as WriteFailed
from .atomic import atomic_write_all as atomic_write_all
from .atomic import atomic_write_bytes as atomic_write_bytes
from .atomic import atomic_write_text as atomic_write_text
from .atomic import encoded as encoded
from .atomic import os_reason
from .errors import FactquizError
from .escape import control_characters
from .findings import Finding
from .yamlfast import UNSURE, read_plain

M = TypeVar("M", bound=BaseModel)
#: Deeper nesting than this is no fact bank's shape; refusing it keeps every reader of the
#: data (validation, checks, exports) far from Python's recursion limit.
MAX_DEPTH = 64
#: Finding codes about a value in a file that otherwise parsed: the rest of it still loads.
VALUE_CODES = frozenset({"control-char", "non-finite"})


class ReadFailed(FactquizError):
    """A file could not be read (a directory, a dangling link, no permission...)."""


def unreadable(path: Path, shown: str, exc: OSError) -> Finding:
    """The finding for a data file that cannot be read, with a fix for each usual cause."""
    if path.is_dir():
        hint = "a data file must be a file: move the directory away or rename it"
    elif path.is_symlink() and not path.exists():
        hint = "the symbolic link points to nothing: fix its target or remove the link"
    else:
        hint = "make the file readable (check its permissions) or remove it"
    return Finding(shown, 1, 1, "unreadable", f"cannot read the file ({os_reason(exc)})", hint)


def read_text(path: Path, shown: str) -> tuple[str | None, str]:
    """The file's text with line ends as ``\n`` (None if it does not exist), and the line
    end it used (``"\r\n"`` or ``"\n"``), so a writer can keep it.

    Raises :class:`ReadFailed` naming the file when it exists but cannot be read.
    """
    if not path.exists() and not path.is_symlink():
        return None, "\n"
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except OSError as exc:
        raise ReadFailed(f"cannot read {shown}: {os_reason(exc)}") from None
    except UnicodeDecodeError as exc:
        raise ReadFailed(f"cannot read {shown}: not UTF-8 text ({exc.reason}); save it as "
                         "UTF-8") from None
    newline = "\r\n" if "\r\n" in text else "\n"
    return text.replace("\r\n", "\n"), newline


def round_trip_yaml() -> YAML:
    """A ruamel YAML instance that keeps comments and order and rejects duplicate keys."""
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    yaml.preserve_quotes = True
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def display_path(path: Path, root: Path | None) -> str:
    """``path`` relative to the project root when it is inside it (a symbolic link is
    named as itself, not as its target)."""
    if root is not None:
        try:
            return str((path.parent.resolve() / path.name).relative_to(root.resolve()))
        except ValueError:
            pass
    return str(path)


def read_yaml(path: Path, shown: str, text: str | None = None,
              positions: bool = True) -> tuple[Any, list[Finding]]:
    """Parse ``path`` (or ``text``) into commented maps/seqs with positions.

    Parsing uses libyaml (C) for speed, then builds ruamel's ``CommentedMap`` and
    ``CommentedSeq`` with line and column data, so :func:`position` works on the result.
    With ``positions=False`` it builds plain dicts and lists instead (a large bank loads
    faster and keeps less; parse the text again with positions when a finding needs one).
    Comments are not kept: use :func:`round_trip_yaml` to edit a file. A YAML error or a
    duplicate key becomes a finding.
    """
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            return None, [unreadable(path, shown, exc)]
        except UnicodeDecodeError as exc:
            return None, [Finding(shown, 1, 1, "encoding", f"not UTF-8 text ({exc.reason})",
                                  "save the file as UTF-8")]
    if not positions:
        # Most data files, without libyaml's nodes (it declines text with control
        # characters or backslashes, which the builder below checks values for).
        data = read_plain(text)
        if data is not UNSURE:
            return data, []
    # Text without control characters or backslash escapes has no value holding one.
    check_text = bool(control_characters(text)) or "\\" in text
    loader = _FastLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, []
        builder = _Builder(loader, shown, check_text=check_text, positions=positions)
        return builder.build(node, 0), builder.findings
    except _Refused as exc:
        return None, [exc.finding]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = _one_line(" ".join(p for p in (exc.context, exc.problem) if p))
        return None, [Finding(shown, line, col, "yaml-syntax", f"invalid YAML: {what}",
                              "check indentation, colons and quoting on this line or the "
                              "one before")]
    except yaml.YAMLError as exc:
        return None, [Finding(shown, 1, 1, "yaml-syntax", f"invalid YAML: {_one_line(str(exc))}",
                              "check the file's YAML syntax")]
    finally:
        loader.dispose()


_STR_TAG = "tag:yaml.org,2002:str"
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: The safe loader's implicit resolvers (``(tag, regexp)``) by a plain scalar's first
#: character ("" for an empty scalar), the wildcard ones after each list.
_WILDCARD = tuple(_SafeLoader.yaml_implicit_resolvers.get(None, []))
_BY_FIRST = {first: (*resolvers, *_WILDCARD)
             for first, resolvers in _SafeLoader.yaml_implicit_resolvers.items()
             if first is not None}


class _FastLoader(_SafeLoader):  # type: ignore[misc, valid-type]
    """libyaml's safe loader with the same tags resolved in fewer steps: a fact bank
    resolves millions of scalars. It has no path resolvers, so a scalar that matches no
    implicit resolver (or is quoted) is a string and no path needs tracking."""

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool],
                _scalar: type = yaml.ScalarNode, _str: str = _STR_TAG,
                _by_first: dict[str, tuple[Any, ...]] = _BY_FIRST,
                _wildcard: tuple[Any, ...] = _WILDCARD) -> str:
        # (Globals bound as defaults: libyaml calls this for every scalar.)
        if kind is _scalar:
            if implicit[0]:
                for tag, regexp in _by_first.get(value[:1], _wildcard):
                    if regexp.match(value):
                        return tag  # type: ignore[no-any-return]
            return _str
        return super().resolve(kind, value, implicit)  # type: ignore[no-any-return]

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        """No path resolvers: nothing to track."""

    def ascend_resolver(self) -> None:
        """No path resolvers: nothing to track."""


assert not _SafeLoader.yaml_path_resolvers, "_FastLoader assumes no path resolvers"


class PositionedMap(CommentedMap):
    """The mappings :func:`read_yaml` builds: a :class:`CommentedMap` (positions in
    ``.lc``) without YAML merge keys, which the builder never makes, so that lookups are
    the C ones of the underlying ordered dict rather than ruamel's merge-aware Python
    methods (validating 100k facts looks fields up millions of times)."""

    __slots__ = ()
    __getitem__ = ordereddict.__getitem__
    __contains__ = ordereddict.__contains__
    __iter__ = ordereddict.__iter__
    get = ordereddict.get


RoundTripRepresenter.add_representer(PositionedMap, RoundTripRepresenter.represent_dict)


class _Refused(Exception):
    """A problem that stops reading the file (the finding says where and why)."""

    def __init__(self, finding: Finding) -> None:
        self.finding = finding


def is_fatal(findings: Sequence[Finding]) -> bool:
    """Whether reading a file failed (rather than finding bad values in a file that parsed)."""
    return any(f.code not in VALUE_CODES for f in findings)


class _Builder:
    """Turns composed nodes into CommentedMap/CommentedSeq/scalars, recording positions.

    Refuses what no data file needs and a hostile one could use: nesting deeper than
    :data:`MAX_DEPTH`, and a collection reused through an alias (``&a`` ... ``*a``), which
    could expand exponentially (a "billion laughs" file). Control characters in text and
    non-finite numbers (``.nan``, ``.inf``) become findings at the value.
    """

    def __init__(self, loader: Any, shown: str, check_text: bool = True,
                 positions: bool = True) -> None:
        self.loader = loader
        self.shown = shown
        #: Whether string values may hold control characters (False: the file has none).
        self.check_text = check_text
        #: Whether to build CommentedMap/CommentedSeq with positions (else dict and list).
        self.positions = positions
        self.findings: list[Finding] = []
        self._seen: set[int] = set()

    def _refuse(self, node: yaml.Node, code: str, message: str, hint: str) -> _Refused:
        mark = node.start_mark
        return _Refused(Finding(self.shown, mark.line + 1, mark.column + 1, code, message, hint))

    def build(self, node: yaml.Node, depth: int) -> Any:
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if depth > MAX_DEPTH:
            raise self._refuse(node, "too-deep", f"nested more than {MAX_DEPTH} levels deep",
                               "a data file is a list of flat items: remove the extra nesting")
        if id(node) in self._seen:
            raise self._refuse(node, "yaml-alias", "the list or mapping anchored here (&name) "
                               "is repeated by an alias (*name)",
                               "write the value out instead of using &anchor and *alias")
        self._seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, depth) if self.positions else self._dict(node, depth)
        if not self.positions:
            return [self._plain(item, depth + 1) for item in node.value]
        seq = CommentedSeq()
        seq._yaml_set_line_col(node.start_mark.line, node.start_mark.column)
        for i, item in enumerate(node.value):
            seq.append(self.build(item, depth + 1))
            seq.lc.add_kv_line_col(i, [item.start_mark.line, item.start_mark.column])
        return seq

    def _key(self, key_node: yaml.Node) -> Any:
        return self._scalar(key_node) if isinstance(key_node, yaml.ScalarNode) \
            else str(key_node.value)

    def _duplicate(self, key_node: yaml.Node, key: Any, first: int) -> _Refused:
        return self._refuse(key_node, "duplicate-key",
                            f"duplicate key '{key}' (first at line {first + 1})",
                            "remove or rename one of the two keys; YAML keeps only one")

    def _plain(self, node: yaml.Node, depth: int) -> Any:
        """:meth:`build` without positions, a string taken straight from its node when the
        file has no text to check (most values of a bank, in one call instead of three)."""
        if node.tag == _STR_TAG and not self.check_text and node.__class__ is yaml.ScalarNode:
            return node.value
        return self.build(node, depth)

    def _dict(self, node: yaml.MappingNode, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self._plain(key_node, depth) if key_node.__class__ is yaml.ScalarNode \
                else str(key_node.value)
            if key in result:
                first = next(k.start_mark.line for k, _ in node.value if self._key(k) == key)
                raise self._duplicate(key_node, key, first)
            result[key] = self._plain(value_node, depth + 1)
        return result

    def _mapping(self, node: yaml.MappingNode, depth: int) -> CommentedMap:
        result = PositionedMap()
        lc = result.lc
        lc.line, lc.col = node.start_mark.line, node.start_mark.column
        lc.data = positions = {}
        keys = result._ok  # what CommentedMap.__setitem__ records; set directly below
        for key_node, value_node in node.value:
            key = self._key(key_node)
            if key in result:
                raise self._duplicate(key_node, key, positions[key][0])
            ordereddict.__setitem__(result, key, self.build(value_node, depth + 1))
            keys.add(key)
            key_mark, value_mark = key_node.start_mark, value_node.start_mark
            positions[key] = [key_mark.line, key_mark.column, value_mark.line,
                              value_mark.column]
        return result

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag == _STR_TAG:  # what the constructor would return, without its detour
            value = node.value
        else:
            value = self.loader.construct_object(node, deep=True)
        mark = node.start_mark
        if isinstance(value, str):
            bad = control_characters(value) if self.check_text else None
            if bad:
                char = value[bad[0]]
                self.findings.append(Finding(
                    self.shown, mark.line + 1, mark.column + 1, "control-char",
                    f"control character U+{ord(char):04X} in text",
                    "remove it: text may hold tabs and line breaks, but no escape sequences "
                    "or other control characters"))
        elif isinstance(value, float) and not math.isfinite(value):
            self.findings.append(Finding(
                self.shown, mark.line + 1, mark.column + 1, "non-finite",
                f"{node.value} is not a finite number", "write a number such as 0 or 0.5"))
        return value


def _one_line(text: str) -> str:
    return " ".join(text.split())


def position(node: Any, loc: Sequence[str | int]) -> tuple[int, int]:
    """1-based line and column of the value at ``loc`` inside a round-trip ``node``.

    Falls back to the nearest enclosing node that has a position.
    """
    line, col = 1, 1
    current = node
    for key in loc:
        if isinstance(current, CommentedMap) and key in current:
            try:
                ln, cl = current.lc.value(key) if key in current else current.lc.key(key)
            except (KeyError, TypeError):
                ln, cl = current.lc.line, current.lc.col
            line, col = ln + 1, cl + 1
            current = current[key]
        elif isinstance(current, CommentedSeq) and isinstance(key, int) and key < len(current):
            try:
                ln, cl = current.lc.item(key)
                line, col = ln + 1, cl + 1
            except (KeyError, TypeError):
                pass
            current = current[key]
        else:
            if isinstance(current, (CommentedMap, CommentedSeq)):
                line, col = current.lc.line + 1, current.lc.col + 1
            break
    return line, col


def validate(model: type[M], data: Any, shown: str, node: Any = None,
             base: Sequence[str | int] = ()) -> tuple[M | None, list[Finding]]:
    """Validate ``data`` as ``model``; each schema error becomes a finding located in
    ``node`` (default ``data``), which may be given as a function returning it, called
    only when there is an error."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        if callable(node):
            node = node()
        findings = []
        for err in exc.errors():
            loc = [*base, *err["loc"]]
            line, col = position(node if node is not None else data, loc)
            field = ".".join(str(p) for p in err["loc"]) or "(top level)"
            message = f"{field}: {_pydantic_message(err)}"
            findings.append(Finding(shown, line, col, "schema", message,
                                    _schema_hint(err)))
        return None, findings


def _pydantic_message(err: dict[str, Any]) -> str:
    msg = err["msg"]
    if err["type"] == "extra_forbidden":
        return "unknown field"
    if err["type"] == "missing":
        return "required field is missing"
    return msg


def _schema_hint(err: dict[str, Any]) -> str:
    kind = err["type"]
    if kind == "extra_forbidden":
        return "remove it or fix its spelling; the schema lists the allowed fields"
    if kind == "missing":
        return "add the field"
    if kind == "enum":
        return "use one of the listed values"
    if kind == "string_pattern_mismatch":
        return "use a lowercase slug such as 'raa-signed-2022'"
    return "see the JSON Schema in schemas/ for the expected form"
