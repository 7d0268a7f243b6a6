"""Reading YAML with line numbers, validating it into models, and writing files atomically.

Every data file is read here so that every error, from a YAML syntax slip to a wrong
field type, becomes a :class:`Finding` at the file's line and column, never a traceback.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .findings import Finding

M = TypeVar("M", bound=BaseModel)


def round_trip_yaml() -> YAML:
    """A ruamel YAML instance that keeps comments and order and rejects duplicate keys."""
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    yaml.preserve_quotes = True
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def display_path(path: Path, root: Path | None) -> str:
    """``path`` relative to the project root when it is inside it."""
    if root is not None:
        try:
            return str(path.resolve().relative_to(root.resolve()))
        except ValueError:
            pass
    return str(path)


def read_yaml(path: Path, shown: str, text: str | None = None) -> tuple[Any, list[Finding]]:
    """Parse ``path`` (or ``text``) into commented maps/seqs with positions.

    Parsing uses libyaml (C) for speed, then builds ruamel's ``CommentedMap`` and
    ``CommentedSeq`` with line and column data, so :func:`position` works on the result.
    Comments are not kept: use :func:`round_trip_yaml` to edit a file. A YAML error or a
    duplicate key becomes a finding.
    """
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            return None, [Finding(shown, 1, 1, "encoding", f"not UTF-8 text ({exc.reason})",
                                  "save the file as UTF-8")]
    loader = _FastLoader(text)
    try:
        node = loader.get_single_node()
        return (None if node is None else _build(loader, node, shown)), []
    except _DuplicateKey as exc:
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


_FastLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _DuplicateKey(Exception):
    def __init__(self, finding: Finding) -> None:
        self.finding = finding


def _build(loader: Any, node: yaml.Node, shown: str) -> Any:
    """Turn a composed node into CommentedMap/CommentedSeq/scalars, recording positions."""
    if isinstance(node, yaml.MappingNode):
        result = CommentedMap()
        result._yaml_set_line_col(node.start_mark.line, node.start_mark.column)
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True) \
                if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            if key in result:
                mark = key_node.start_mark
                first = result.lc.key(key)[0] + 1
                raise _DuplicateKey(Finding(
                    shown, mark.line + 1, mark.column + 1, "duplicate-key",
                    f"duplicate key '{key}' (first at line {first})",
                    "remove or rename one of the two keys; YAML keeps only one"))
            result[key] = _build(loader, value_node, shown)
            result.lc.add_kv_line_col(key, [key_node.start_mark.line, key_node.start_mark.column,
                                            value_node.start_mark.line,
                                            value_node.start_mark.column])
        return result
    if isinstance(node, yaml.SequenceNode):
        seq = CommentedSeq()
        seq._yaml_set_line_col(node.start_mark.line, node.start_mark.column)
        for i, item in enumerate(node.value):
            seq.append(_build(loader, item, shown))
            seq.lc.add_kv_line_col(i, [item.start_mark.line, item.start_mark.column])
        return seq
    return loader.construct_object(node, deep=True)


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
    """Validate ``data`` as ``model``; each schema error becomes a located finding."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
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


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically; see :func:`atomic_write_bytes`."""
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically: a crash leaves the old file or the new, never half.

    The data goes to a temporary file in the same directory, is flushed to disk, and
    replaces the target with one rename; the target's permissions are kept.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
