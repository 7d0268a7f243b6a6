"""The check of a change, with exactly the rules of ``factquiz check``, on a scratch copy.

The candidate files are written into a scratch copy of the project's data files, which
is loaded and checked; the findings the change brings in (compared with the project as
it is) decide whether it may be written. No rule is re-implemented here.

When the scratch copy holds exactly what the loader would read from the project once the
change is written (the usual case: a fact or quiz file changed), the check reads the
other files it needs (lesson pages) from the project itself, and its result is kept in
the content-hash cache under the digest the project will have: the ``check`` after the
write is then a cache hit.
"""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path

from .. import cache
from ..categories import CATEGORIES_FILE
from ..checked import check_root
from ..findings import Finding
from ..load import FACTS_DIR, LESSONS_FILE, SOURCES_DIR, Project, load_project
from ..project import MARKER
from ..quizmodel import QUIZZES_DIR
from ..verify import check
from ..yamlio import display_path
from .errors import NotAddable

# What the loader reads; a scratch copy of these is enough to run every check.
DATA_PATHS: tuple[str, ...] = (MARKER, LESSONS_FILE, SOURCES_DIR, FACTS_DIR, QUIZZES_DIR,
                                CATEGORIES_FILE)


def _scratch_copy(root: Path, into: Path) -> None:
    """Copy what the loader reads (data files only) from ``root`` into ``into``.

    A dangling link is left out (``check`` reports it in the project itself); a file that
    cannot be read stops the copy with :class:`NotAddable` naming it.
    """
    ignore = shutil.ignore_patterns("*.lock", "*.tmp", ".*")
    for name in DATA_PATHS:
        src = root / name
        try:
            if src.is_dir():
                shutil.copytree(src, into / name, ignore=ignore, ignore_dangling_symlinks=True)
            elif src.is_file():
                shutil.copy2(src, into / name)
        except OSError as exc:
            where = _copy_failure(exc) or display_path(src, root)
            raise NotAddable(f"cannot read {where} to check the change; fix it first "
                             "(`factquiz check` shows what is wrong)") from None


def _copy_failure(exc: OSError) -> str:
    """The file and reason of a failed copy (``shutil.Error`` lists them)."""
    if isinstance(exc, shutil.Error) and exc.args and isinstance(exc.args[0], list):
        return "; ".join(f"{src} ({why})" for src, _, why in exc.args[0])
    return f"{exc.filename} ({exc.strerror})" if exc.filename else ""


def check_with(root: Path, replaced: Mapping[Path, str],
               after: str | None = None) -> tuple[Project, list[Finding]]:
    """Load and check the project as it would be with the files in ``replaced`` rewritten.

    Exactly what ``factquiz check`` runs, on a scratch copy; the real files are untouched.
    Findings carry the project's own relative paths. ``after``, the project's
    :func:`~factquiz.cache.project_digest` once the files are written, lets the result be
    cached for the ``check`` that follows the write (see the module's docstring).
    """
    with tempfile.TemporaryDirectory(prefix="factquiz-check-") as tmp:
        scratch = Path(tmp)
        _scratch_copy(root, scratch)
        for path, text in replaced.items():
            target = scratch / path.relative_to(root)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        project = load_project(scratch)
        if after is not None and _loads_alike(root, scratch, replaced):
            project.root = root  # the pages, as the check after the write reads them
            project.derived["content-digest"] = after  # quiz variants are cached under it
            findings = check_root(root, project, after).findings
        else:
            findings = check(project)
            project.derived.pop("content-digest", None)  # of the copy, not of the project
    project.root = root
    return project, findings


def _loads_alike(root: Path, scratch: Path, replaced: Mapping[Path, str]) -> bool:
    """Whether loading ``scratch`` reads what loading ``root`` will read once the files in
    ``replaced`` are written, and the check of ``scratch`` reads nothing else that
    ``replaced`` changes: only fact and quiz files are replaced (the check reads pages and
    categories from ``root``), and the scratch copy's data files are the project's, byte
    for byte (no hidden file, dangling link or linked folder left out)."""
    eager = {root.resolve() / FACTS_DIR, root.resolve() / QUIZZES_DIR}
    if any(path.parent.resolve() not in eager for path in replaced):
        return False
    written = {path: text.encode("utf-8") for path, text in replaced.items()}
    try:
        return (cache.project_digest(root, written, only=DATA_PATHS)
                == cache.project_digest(scratch, only=DATA_PATHS))
    except ValueError:
        return False


def _identity(finding: Finding) -> tuple[str, ...]:
    # Not the line: lines after an inserted item move.
    return (finding.path, finding.code, finding.item, finding.message, finding.severity)


def new_findings(before: Iterable[Finding], after: Iterable[Finding]) -> list[Finding]:
    """The findings of ``after`` that ``before`` does not have (as a multiset)."""
    known = Counter(_identity(f) for f in before)
    fresh = []
    for finding in after:
        if known[_identity(finding)]:
            known[_identity(finding)] -= 1
        else:
            fresh.append(finding)
    return fresh


def fields_of(findings: list[Finding], shown: str, lines: dict[int, str],
               known: Iterable[str]) -> list[str]:
    """The item's fields the findings point at (by line, or by the field the message names)."""
    names, known = [], set(known)
    for f in findings:
        name = lines.get(f.line) if f.path == shown else None
        head = f.message.split(":", 1)[0].split(".", 1)[0]
        if f.code == "schema" and head in known:
            name = head
        if name and name not in names:
            names.append(name)
    return names


def in_new_item(finding: Finding, shown: str, lines: range, name: str) -> Finding:
    """``finding`` located in the new item (which is not in the file: it was refused) as
    ``name`` and a line counted from the item's first line, else ``finding`` itself."""
    if finding.path != shown or finding.line not in lines:
        return finding
    return replace(finding, path=name, line=finding.line - lines.start + 1)


def refusal(findings: list[Finding], what: str) -> str:
    """The message refusing an item: every error it brings in, each with its fix."""
    listed = "\n".join(f.format() for f in findings)
    return f"{what} was not added; nothing was written:\n{listed}"


def blocking(fresh: Iterable[Finding], baseline: Iterable[Finding], item_id: str, shown: str,
             lines: range) -> list[Finding]:
    """The new errors that refuse a change.

    An error inside the new item, or naming it, always refuses; so does an error about
    a file item (fact, quiz, source) that had none before. A new error about something
    that was already failing (a scaffolded quiz without facts, say) does not: it is
    reported, and ``check`` keeps failing on it as it did before.
    """
    failing = {(f.path, f.item) for f in baseline if f.severity == "error"}
    return [f for f in fresh if f.severity == "error"
            and ((item_id and f.item == item_id) or (f.path == shown and f.line in lines)
                 or (f.path, f.item) not in failing)]
