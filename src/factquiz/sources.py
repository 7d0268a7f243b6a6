"""Source files: YAML front matter followed by the article's text, byte for byte.

A source file looks like::

    ---
    id: jdsc-perth-2022
    title: ...
    sha256: <checksum of the body>
    ---
    <the article, exactly as given>

The body is never edited; its checksum proves it. ``import_source`` is the only writer.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import Any

from .findings import Finding
from .model import Source, SourceMeta
from .yamlio import (
    atomic_write_text,
    is_fatal,
    read_yaml,
    round_trip_yaml,
    unreadable,
    validate,
)

FENCE = "---\n"


def body_checksum(body: str) -> str:
    """SHA-256 of the body's UTF-8 bytes."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """Split a source file into (front matter, body, 1-based line where the body starts)."""
    if not text.startswith(FENCE):
        return None
    end = text.find("\n" + FENCE, len(FENCE) - 1)
    if end < 0:
        return None
    front = text[len(FENCE) : end + 1]
    body = text[end + 1 + len(FENCE) :]
    return front, body, front.count("\n") + 3


def read_source(path: Path, shown: str) -> tuple[Source | None, list[Finding]]:
    """Read one source file; problems become findings, located in the file."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [unreadable(path, shown, exc)]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [Finding(shown, 1, 1, "encoding", f"not UTF-8 text ({exc.reason})",
                              "sources must be UTF-8")]
    parts = split_front_matter(text)
    if parts is None:
        return None, [Finding(shown, 1, 1, "front-matter",
                              "no YAML front matter: the file must start with a '---' line and "
                              "the metadata must end with another '---' line",
                              "add the front matter with `factquiz add source` or by hand")]
    front, body, body_line = parts
    data, value_findings = read_yaml(path, shown, text=FENCE + front, positions=False)
    if is_fatal(value_findings):
        return None, value_findings
    meta, findings = validate(SourceMeta, data, shown,
                              node=lambda: read_yaml(path, shown, text=FENCE + front)[0])
    if meta is None:
        return None, value_findings + findings
    return Source(meta=meta, body=body, path=shown, body_line=body_line,
                  checksum_line=field_line(front, "sha256"),
                  short_name_line=field_line(front, "short_name")), value_findings


def field_line(front: str, name: str) -> int:
    """The 1-based line of the file where front-matter field ``name`` starts (1 if absent)."""
    return next((i + 2 for i, line in enumerate(front.split("\n"))
                 if line.startswith(f"{name}:")), 1)


def render_source(meta: SourceMeta, body: str) -> str:
    """The text of a source file for ``meta`` and ``body``."""
    stream = io.StringIO()
    data: dict[str, Any] = meta.model_dump(mode="json", exclude_none=False)
    for optional in ("not_citable", "date_inferred_from"):
        if not data[optional]:
            data.pop(optional)
    if data["short_name"] is None:
        data.pop("short_name")
    round_trip_yaml().dump(data, stream)
    return FENCE + stream.getvalue() + FENCE + body


def import_source(original: Path, target_dir: Path, **fields: Any) -> Path:
    """Copy an article into ``target_dir`` as a source file with front matter and checksum.

    The body is the original's text exactly; ``fields`` are the other metadata.
    """
    body = original.read_bytes().decode("utf-8")
    meta = SourceMeta(origin=original.name, sha256=body_checksum(body), **fields)
    target = target_dir / f"{meta.id}.txt"
    atomic_write_text(target, render_source(meta, body))
    return target
