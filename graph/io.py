"""The one way rcx writes files: atomically, with the umask's permissions, errors as FileError.

A write goes to a temporary file next to the target and is renamed over it only once
complete, so a failed write leaves whatever was there intact and never a half file.  Targets
that are folders are refused, never replaced.  Files get ``0666 & ~umask`` (``0644`` under
umask 022), as ``open()`` would give them; ``mkstemp``'s ``0600`` is corrected before the
rename.  The path ``-`` means standard output, for formats that are one file.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rcx.schema.errors import FileError

STDOUT = "-"


def is_stdout(path: str | Path) -> bool:
    """True for the path ``-``, which means: write to standard output."""
    return str(path) == STDOUT


def _umask() -> int:
    mask = os.umask(0o022)  # reading the umask means setting it; put it straight back
    os.umask(mask)
    return mask


def _ensure_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise FileError.from_os(e, folder, writing=True) from e


def write_text_atomic(path: str | Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` (``-``: standard output) atomically."""
    return write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` (``-``: standard output) through a temporary file and a rename.

    Raises :class:`FileError` naming the path if it is a folder, if a part of it is a file, or
    if the folder cannot be written; nothing is left behind then.
    """
    if is_stdout(path):
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return Path(STDOUT)
    target = Path(path)
    if target.is_dir():
        raise FileError(target, "is a folder", "name a file to write (the folder is left alone)")
    _ensure_folder(target.parent)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as e:
        raise FileError.from_os(e, target.parent, writing=True) from e
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
            os.fchmod(fh.fileno(), 0o666 & ~_umask())
        os.replace(tmp, target)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise FileError.from_os(e, target, writing=True) from e
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def check_output_folder(path: str | Path) -> Path:
    """``path`` as a folder rcx may write into; raise :class:`FileError` if it cannot be.

    Call it before long work so that a bad ``--out`` fails at once.
    """
    if is_stdout(path):
        raise FileError(path, "this output is several files", "name a folder, not -")
    target = Path(path)
    if target.exists() and not target.is_dir():
        raise FileError(target, "exists and is not a folder", "remove it or name another folder")
    parent = target if target.is_dir() else target.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if parent.exists() and not parent.is_dir():
        raise FileError(parent, "is a file, not a folder", "check the path")
    if parent.exists() and not os.access(parent, os.W_OK | os.X_OK):
        raise FileError(parent, "permission denied", "choose a folder you can write to")
    return target


@contextmanager
def atomic_dir(path: str | Path) -> Iterator[Path]:
    """Yield a temporary folder; on success move its files into ``path`` (created if needed).

    On failure nothing is written to ``path``; an ``OSError`` inside becomes a FileError.
    """
    target = check_output_folder(path)
    _ensure_folder(target.parent)
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    except OSError as e:
        raise FileError.from_os(e, target.parent, writing=True) from e
    try:
        yield tmp
        target.mkdir(mode=0o777, exist_ok=True)
        mode = 0o666 & ~_umask()
        for item in sorted(tmp.iterdir()):
            if item.is_file():
                item.chmod(mode)
            os.replace(item, target / item.name)
    except OSError as e:
        raise FileError.from_os(e, target, writing=True) from e
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
