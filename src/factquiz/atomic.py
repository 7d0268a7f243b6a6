"""Writing files atomically: a crash leaves the old file or the new one, never half of it.

Light on purpose (no YAML, no pydantic): the cache, the progress file and the book's build
stamp write through it without loading what reading data files needs.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from .errors import FactquizError


class WriteFailed(FactquizError, OSError):
    """A file could not be written (disk full, read-only, no permission...); the old file,
    if any, is unchanged. An :class:`OSError` too, for callers that handle those."""


def os_reason(exc: OSError) -> str:
    """What went wrong, in words: ``Is a directory``, ``No space left on device``..."""
    return exc.strerror or str(exc) or exc.__class__.__name__


def atomic_write_text(path: Path, text: str, newline: str = "\n", *, sync: bool = True) -> None:
    """Write ``text`` (UTF-8, lines ended by ``newline``) to ``path`` atomically; see
    :func:`atomic_write_bytes`."""
    atomic_write_bytes(path, encoded(text, newline), sync=sync)


def encoded(text: str, newline: str = "\n") -> bytes:
    """``text`` as UTF-8 bytes with its lines ended by ``newline``."""
    return (text if newline == "\n" else text.replace("\n", newline)).encode("utf-8")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _stage(path: Path, data: bytes, sync: bool) -> Path:
    """``data`` in a temporary file beside ``path`` (flushed to disk when ``sync``), with
    the mode ``path`` has or, for a new file, the mode the umask gives."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if sync:
                handle.flush()
                os.fsync(handle.fileno())
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
        os.chmod(tmp, mode)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def atomic_write_bytes(path: Path, data: bytes, *, sync: bool = True) -> None:
    """Write ``data`` to ``path`` atomically: a crash leaves the old file or the new, never half.

    The data goes to a temporary file in the same directory, is flushed to disk, and
    replaces the target with one rename; the target's permissions are kept (a new file's
    follow the umask). An OS error (disk full, read-only, no permission) raises
    :class:`WriteFailed` naming the file, with the old file unchanged. ``sync=False`` does
    not wait for the disk (a crash may then leave the new file cut short: for files that
    are only a cache).
    """
    atomic_write_all({path: data}, sync=sync)


def atomic_write_all(files: Mapping[Path, bytes], *, sync: bool = True) -> None:
    """Write several files all or nothing.

    Every file is staged in a temporary file first; only when all are staged do they
    replace their targets, in the order given. If any step fails, the files already
    replaced get their old content back (or are removed, if they were new), no temporary
    file is left, and :class:`WriteFailed` names the file that failed.
    """
    staged: dict[Path, Path] = {}
    done: list[tuple[Path, bytes | None]] = []
    current = next(iter(files), None)
    try:
        for current in files:
            staged[current] = _stage(current, files[current], sync)
        last = len(staged) - 1
        for n, (current, tmp) in enumerate(staged.items()):
            # the old content, to put back if a later file fails (none after the last)
            old = current.read_bytes() if n < last and current.is_file() else None
            os.replace(tmp, current)
            if n < last:
                done.append((current, old))
    except BaseException as exc:
        for tmp in staged.values():
            tmp.unlink(missing_ok=True)
        for path, old in reversed(done):
            _restore(path, old)
        if isinstance(exc, OSError):
            raise WriteFailed(f"cannot write {current}: {os_reason(exc)}; nothing was "
                              "changed") from None
        raise


def _restore(path: Path, old: bytes | None) -> None:
    """Put back what ``path`` held before (best effort: this runs while handling a failure)."""
    try:
        if old is None:
            path.unlink(missing_ok=True)
        else:
            atomic_write_all({path: old})
    except (OSError, WriteFailed):
        pass
