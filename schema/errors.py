"""The project's one exception root and its subclasses, each with the CLI's exit code.

Exit codes (documented in docs/exit-codes.md): 0 ok, 1 any other rcx error, 2 bad input
(command line or data), 3 a graph store failed, 4 a file or folder could not be read or
written, 130 interrupted.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

# Error messages show at most this many characters of any one value (a 100 KB id must not
# produce 100 KB of output).
SHOWN_CHARS = 120


def clip(text: str, limit: int = SHOWN_CHARS) -> str:
    """``text`` cut to ``limit`` characters, saying how much was left out.

    >>> clip("abc"), clip("x" * 300, 10)
    ('abc', 'xxxxxxxxxx... (+290 characters)')
    """
    return text if len(text) <= limit else f"{text[:limit]}... (+{len(text) - limit} characters)"


class RcxError(Exception):
    """Root of every error rcx raises on purpose. The CLI turns these into exit codes."""

    exit_code = 1


class DataError(RcxError):
    """A data file, record or field is wrong. The message names where and what was expected."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        record: str | None = None,
        field: str | None = None,
    ) -> None:
        self.file, self.record, self.field, self.detail = file, record, field, message
        where = [f"file {clip(file)}" if file else "", f"record {clip(record)}" if record else ""]
        where.append(f"field '{clip(field)}'" if field else "")
        prefix = ", ".join(w for w in where if w)
        text = clip(message, 20 * SHOWN_CHARS)
        super().__init__(f"{prefix}: {text}" if prefix else text)


class StoreError(RcxError):
    """A graph store (Neo4j or the embedded engine) failed or refused a request."""

    exit_code = 3


class FileError(RcxError):
    """A file or folder could not be read or written. Names the path and what to do."""

    exit_code = 4

    def __init__(self, path: str | Path, problem: str, hint: str = "") -> None:
        self.path, self.problem, self.hint = str(path), problem, hint
        shown = clip(str(path) or "''", 4 * SHOWN_CHARS)
        super().__init__(f"{shown}: {problem}" + (f"; {hint}" if hint else ""))

    @classmethod
    def from_os(cls, e: OSError, path: str | Path, *, writing: bool) -> FileError:
        """The :class:`FileError` for an ``OSError`` met reading (or writing) ``path``."""
        where = Path(e.filename) if isinstance(e.filename, str) and e.filename else Path(path)
        problem, hint = _explain(e.errno, where, writing)
        return cls(where, problem, hint)


def _explain(code: int | None, path: Path, writing: bool) -> tuple[str, str]:
    if code == errno.ENOENT:
        if path.is_symlink():
            return "a dangling symbolic link (its target does not exist)", "fix or remove the link"
        return "not found", "check the path"
    if code in (errno.EACCES, errno.EPERM):
        if writing:
            return "permission denied", "choose a place you can write to, or fix its permissions"
        return "permission denied", "make it readable (chmod u+r), or run as its owner"
    simple: dict[int, tuple[str, str]] = {
        errno.ELOOP: ("a symbolic link loop", "fix the links so they end at a real file"),
        errno.EISDIR: ("is a folder, not a file", "name a file"),
        errno.ENOTDIR: ("a part of the path is a file, not a folder", "check the path"),
        errno.EEXIST: ("exists and is not a folder", "remove it or choose another path"),
        errno.ENOSPC: ("no space left on the device", "free some space or write elsewhere"),
        errno.EDQUOT: ("disk quota exceeded", "free some space or write elsewhere"),
        errno.EROFS: ("read-only file system", "write elsewhere"),
        errno.EBUSY: ("device or resource busy", "choose another path"),
        errno.ENAMETOOLONG: ("name too long", "choose a shorter path"),
        errno.ENXIO: ("not a regular file (no reader or device behind it)", "name a file"),
    }
    if code is not None and code in simple:
        return simple[code]
    return (os.strerror(code) if code else "input/output error"), "check the path"
