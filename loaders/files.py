"""Read YAML and CSV data files into raw records, each tagged with where it came from."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from rcx.schema.errors import DataError


@dataclass(frozen=True)
class RawRecord:
    """One record as read from a file, before validation."""

    file: str
    position: str  # "#3" for YAML list items, "line 12" for CSV rows
    data: dict[str, Any]

    @property
    def label(self) -> str:
        rid = self.data.get("id") or _relation_label(self.data)
        return f"{self.position} ({rid})" if rid else self.position


def _relation_label(data: dict[str, Any]) -> str | None:
    if "source" in data and "type" in data:
        return f"{data.get('source')}-[{data.get('type')}]->{data.get('target')}"
    return None


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that rejects duplicate keys instead of silently keeping the last one."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_yaml(path: Path, *, root: Path) -> Any:
    """Parse one YAML file strictly; syntax errors name the file and line."""
    rel = _rel(path, root)
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_StrictLoader)
    except yaml.YAMLError as e:
        raise DataError(f"not valid YAML: {e}", file=rel) from e
    except UnicodeDecodeError as e:
        raise DataError(f"not UTF-8 text: {e}", file=rel) from e


def yaml_records(path: Path, *, root: Path) -> Iterator[RawRecord]:
    """Records of a YAML file holding a list of mappings."""
    rel = _rel(path, root)
    doc = read_yaml(path, root=root)
    if doc is None:
        return
    if not isinstance(doc, list):
        raise DataError(f"expected a list of records, found {type(doc).__name__}", file=rel)
    for i, item in enumerate(doc, start=1):
        if not isinstance(item, dict):
            raise DataError(f"expected a mapping, found {type(item).__name__}", file=rel,
                            record=f"#{i}")
        yield RawRecord(rel, f"#{i}", item)


def csv_records(path: Path, *, root: Path, columns: frozenset[str]) -> Iterator[RawRecord]:
    """Rows of a CSV file with a header; unknown columns and ragged rows are errors."""
    rel = _rel(path, root)
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh, strict=True)
            header = reader.fieldnames or []
            unknown = [c for c in header if c not in columns]
            if unknown:
                raise DataError(
                    f"unknown column(s) {', '.join(map(repr, unknown))}; "
                    f"allowed: {', '.join(sorted(columns))}",
                    file=rel,
                )
            for row in reader:
                line = f"line {reader.line_num}"
                if None in row or any(v is None for v in row.values()):
                    raise DataError("row has a different number of cells than the header",
                                    file=rel, record=line)
                yield RawRecord(rel, line, dict(row))
    except csv.Error as e:
        raise DataError(f"not valid CSV: {e}", file=rel) from e
    except UnicodeDecodeError as e:
        raise DataError(f"not UTF-8 text: {e}", file=rel) from e


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)
