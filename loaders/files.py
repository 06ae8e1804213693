"""The one way rcx reads files: YAML and CSV data files into raw records, bounded and strict.

Every read goes through :func:`read_text`: only regular files are read (a FIFO, a device or a
folder named like a data file is an error, and opening never blocks), symbolic links are
followed with the kernel's loop detection, sizes are capped, and every ``OSError`` becomes a
:class:`~rcx.schema.errors.FileError` naming the path and what to do.  YAML is parsed with the
C loader (libyaml) where PyYAML has it, rejecting duplicate keys and aliases ("billion laughs").
Text may start with a UTF-8 byte-order mark and use CRLF line ends.
"""

from __future__ import annotations

import csv
import io
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from rcx.loaders.limits import Limits, check_value
from rcx.schema.errors import DataError, FileError, clip


@dataclass(frozen=True)
class RawRecord:
    """One record as read from a file, before validation."""

    file: str
    position: str  # "#3" for YAML list items, "line 12" for CSV rows
    data: dict[str, Any]

    @property
    def label(self) -> str:
        rid = self.data.get("id") or _relation_label(self.data)
        return f"{self.position} ({clip(str(rid), 80)})" if rid else self.position


def _relation_label(data: dict[str, Any]) -> str | None:
    if "source" in data and "type" in data:
        return f"{data.get('source')}-[{data.get('type')}]->{data.get('target')}"
    return None


# ----------------------------------------------------------------------------- files


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO), not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a regular file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a regular file"
    return "is not a regular file"


def read_bytes(path: str | Path, *, limit: int | None = None) -> bytes:
    """The bytes of the regular file ``path`` (at most ``limit``, default ``RCX_MAX_FILE_BYTES``).

    O_NONBLOCK keeps a FIFO from blocking the open; the file type is checked on the open
    descriptor, so a file swapped after a check cannot slip through.
    """
    limit = Limits.from_env().file_bytes if limit is None else limit
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as e:
        raise FileError.from_os(e, path, writing=False) from e
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileError(path, _kind(info.st_mode), "only regular files are read")
        if info.st_size > limit:
            raise DataError(
                f"file is {info.st_size} bytes, more than the limit of {limit} "
                "(raise it with RCX_MAX_FILE_BYTES)",
                file=str(path),
            )
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(limit + 1)
    except OSError as e:
        raise FileError.from_os(e, path, writing=False) from e
    finally:
        os.close(fd)
    if len(data) > limit:  # grew while being read
        raise DataError(f"file is more than {limit} bytes (RCX_MAX_FILE_BYTES)", file=str(path))
    return data


def read_text(path: str | Path, *, rel: str | None = None, limit: int | None = None) -> str:
    """UTF-8 text of a regular file, a leading byte-order mark dropped."""
    try:
        return read_bytes(path, limit=limit).decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise DataError(f"not UTF-8 text: {e}", file=rel or str(path)) from e


def folder_entries(folder: Path) -> list[Path]:
    """Sorted entries of ``folder``; ``[]`` if it does not exist; errors as FileError."""
    try:
        with os.scandir(folder) as it:
            return sorted(folder / entry.name for entry in it)
    except FileNotFoundError:
        if folder.is_symlink():
            raise FileError(folder, "a dangling symbolic link", "fix or remove it") from None
        return []
    except NotADirectoryError:
        raise FileError(
            folder,
            "is a file, not a folder",
            "keep records in a folder of that name (elements/, relations/)",
        ) from None
    except OSError as e:
        raise FileError.from_os(e, folder, writing=False) from e


def present(path: Path) -> bool:
    """Whether ``path`` exists (a dangling link counts: reading it names the problem).

    Unlike :func:`os.path.lexists`, a folder rcx may not search is an error, not "missing".
    """
    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as e:
        raise FileError.from_os(e, path, writing=False) from e
    return True


def require_folder(path: Path, what: str = "dataset folder") -> None:
    """Raise :class:`FileError` unless ``path`` is a folder rcx can list."""
    try:
        info = os.stat(path)
    except OSError as e:
        err = FileError.from_os(e, path, writing=False)
        raise FileError(path, f"{what} {err.problem}", err.hint) from e
    if not stat.S_ISDIR(info.st_mode):
        raise FileError(path, f"{what} expected, but it {_kind(info.st_mode)}", "name a folder")


# ----------------------------------------------------------------------------- YAML

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: about 9x faster


class _StrictLoader(_Base):
    """Safe loader rejecting duplicate keys instead of silently keeping the last one."""


def _construct_mapping(loader: Any, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {clip(repr(key))}", key_node.start_mark
            )
        seen.add(key)
    return dict(loader.construct_mapping(node))


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _check_nodes(root: yaml.Node, depth_limit: int, rel: str) -> None:
    """Reject aliases (a node reached twice) and deep nesting, walking without recursion."""
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        where = f"line {node.start_mark.line + 1}"
        if id(node) in seen:
            raise DataError(
                "YAML aliases (*name) are not allowed in data files: write the value out",
                file=rel,
                record=where,
            )
        seen.add(id(node))
        if depth > depth_limit:
            raise DataError(
                f"nested more than {depth_limit} levels deep (RCX_MAX_DEPTH)",
                file=rel,
                record=where,
            )
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend(((key, depth + 1), (value, depth + 1)))


def parse_yaml(text: str, *, rel: str, limits: Limits | None = None) -> Any:
    """Parse YAML text strictly (duplicate keys, aliases and deep nesting are errors)."""
    limits = limits or Limits.from_env()
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_nodes(node, limits.depth + 2, rel)  # +2: the file's list and the record
        return loader.construct_document(node)
    except yaml.YAMLError as e:
        raise DataError(f"not valid YAML: {clip(str(e), 600)}", file=rel) from e
    finally:
        loader.dispose()


def read_yaml(path: Path, *, root: Path, limits: Limits | None = None) -> Any:
    """Parse one YAML file strictly; syntax errors name the file and line."""
    limits = limits or Limits.from_env()
    rel = _rel(path, root)
    return parse_yaml(read_text(path, rel=rel, limit=limits.file_bytes), rel=rel, limits=limits)


def yaml_records(path: Path, *, root: Path, limits: Limits | None = None) -> Iterator[RawRecord]:
    """Records of a YAML file holding a list of mappings."""
    limits = limits or Limits.from_env()
    rel = _rel(path, root)
    doc = read_yaml(path, root=root, limits=limits)
    if doc is None:
        return
    if not isinstance(doc, list):
        raise DataError(f"expected a list of records, found {type(doc).__name__}", file=rel)
    for i, item in enumerate(doc, start=1):
        if not isinstance(item, dict):
            raise DataError(
                f"expected a mapping, found {type(item).__name__}", file=rel, record=f"#{i}"
            )
        raw = RawRecord(rel, f"#{i}", item)
        check_value(item, limits, file=rel, record=raw.label)
        yield raw


# ----------------------------------------------------------------------------- CSV


def csv_records(
    path: Path, *, root: Path, columns: frozenset[str], limits: Limits | None = None
) -> Iterator[RawRecord]:
    """Rows of a CSV file with a header; unknown or repeated columns and ragged rows are errors."""
    limits = limits or Limits.from_env()
    rel = _rel(path, root)
    text = read_text(path, rel=rel, limit=limits.file_bytes)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        header = [c.strip() for c in next(reader, [])]
        _check_header(header, columns, rel)
        for cells in reader:
            line = f"line {reader.line_num}"
            if not cells:  # a blank line, as csv.DictReader skips them
                continue
            if len(cells) != len(header):
                raise DataError(
                    "row has a different number of cells than the header", file=rel, record=line
                )
            raw = RawRecord(rel, line, dict(zip(header, cells, strict=True)))
            check_value(raw.data, limits, file=rel, record=raw.label)
            yield raw
    except csv.Error as e:
        raise DataError(f"not valid CSV: {e}", file=rel) from e


def _check_header(header: list[str], columns: frozenset[str], rel: str) -> None:
    unknown = [c for c in header if c not in columns]
    if unknown:
        raise DataError(
            f"unknown column(s) {', '.join(clip(repr(c)) for c in unknown)}; "
            f"allowed: {', '.join(sorted(columns))}",
            file=rel,
        )
    repeated = sorted({c for c in header if header.count(c) > 1})
    if repeated:
        raise DataError(
            f"column(s) {', '.join(map(repr, repeated))} appear more than once in the header",
            file=rel,
        )


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)
