"""Bounds on what a dataset may hold, so no data file can make rcx hang or exhaust memory.

Every limit has a generous default and an environment variable that overrides it (see
``docs/dataset-format.md``, "Limits").  :func:`check_value` walks one parsed record without
recursion: nesting depth, string lengths, non-finite numbers and characters XML 1.0 forbids.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, fields
from typing import Any

from rcx.schema.errors import DataError, RcxError

# Characters XML 1.0 does not allow (its ``Char`` production): C0 controls other than tab,
# line feed and carriage return, lone surrogates, U+FFFE and U+FFFF.  GraphML and GEXF
# exports could not be parsed if a name carried one.
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
ID_KEYS = frozenset({"id", "source", "target", "headquarters", "works_in"})
NAME_KEYS = frozenset({"name", "aliases"})


@dataclass(frozen=True)
class Limits:
    """The bounds one dataset is read under; ``Limits.from_env()`` applies ``RCX_MAX_*``."""

    file_bytes: int = 64 * 1024 * 1024  # RCX_MAX_FILE_BYTES: one data file
    records: int = 1_000_000  # RCX_MAX_RECORDS: elements, and relations, per dataset
    depth: int = 20  # RCX_MAX_DEPTH: nesting of lists and mappings in one record
    id_chars: int = 200  # RCX_MAX_ID_CHARS: ids and id references
    name_chars: int = 1_000  # RCX_MAX_NAME_CHARS: names and aliases
    text_chars: int = 100_000  # RCX_MAX_TEXT_CHARS: any other text value

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Limits:
        """Defaults, overridden by ``RCX_MAX_FILE_BYTES`` etc. where set."""
        env = dict(os.environ if env is None else env)
        given: dict[str, int] = {}
        for f in fields(cls):
            var = f"RCX_MAX_{f.name.upper()}"
            if var in env:
                try:
                    given[f.name] = int(env[var])
                except ValueError:
                    raise RcxError(f"{var}={env[var]!r} is not a whole number") from None
                if given[f.name] < 1:
                    raise RcxError(f"{var} must be at least 1")
        return cls(**given)


def check_value(value: Any, limits: Limits, *, file: str, record: str) -> None:
    """Raise :class:`DataError` if a parsed record breaks a limit or holds an unusable value."""
    stack: list[tuple[Any, str, int]] = [(value, "", 0)]
    while stack:
        item, path, depth = stack.pop()
        if depth > limits.depth:
            raise DataError(
                f"nested more than {limits.depth} levels deep (RCX_MAX_DEPTH)",
                file=file,
                record=record,
                field=path or None,
            )
        if isinstance(item, dict):
            for key, sub in item.items():
                stack.append((sub, f"{path}.{key}" if path else str(key), depth + 1))
        elif isinstance(item, list):
            stack.extend((sub, path, depth + 1) for sub in item)
        elif isinstance(item, str):
            _check_text(item, path, limits, file=file, record=record)
        elif isinstance(item, float) and not math.isfinite(item):
            raise DataError(
                f"{item!r} is not a usable number: write a finite value",
                file=file,
                record=record,
                field=path or None,
            )


def _check_text(text: str, path: str, limits: Limits, *, file: str, record: str) -> None:
    key = path.rpartition(".")[2]
    cap, var = limits.text_chars, "RCX_MAX_TEXT_CHARS"
    if key in ID_KEYS:
        cap, var = limits.id_chars, "RCX_MAX_ID_CHARS"
    elif key in NAME_KEYS:
        cap, var = limits.name_chars, "RCX_MAX_NAME_CHARS"
    if len(text) > cap:
        raise DataError(
            f"text of {len(text)} characters is longer than {cap} ({var})",
            file=file,
            record=record,
            field=path or None,
        )
    bad = XML_FORBIDDEN.search(text)
    if bad:
        kind = "control character" if ord(bad.group()) < 0x20 else "character"
        raise DataError(
            f"{kind} U+{ord(bad.group()):04X} at position {bad.start()} is not "
            "allowed (XML 1.0 forbids it; exports could not be read)",
            file=file,
            record=record,
            field=path or None,
        )
