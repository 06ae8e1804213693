"""Read ``dataset.yaml``: the dataset's metadata, rule names and vocabulary extensions.

What the other commands would reject later (a misspelled rule, a vocabulary value that
clashes with a built-in one, a pattern naming an unknown kind) is reported here, when the
dataset is read, so that ``rcx validate`` sees it too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from rcx.loaders.derive import RULES
from rcx.loaders.files import RawRecord, present, read_yaml
from rcx.loaders.problems import Problems, validate_record
from rcx.schema.errors import DataError, RcxError
from rcx.schema.models import DatasetMeta
from rcx.schema.vocabulary import (
    BUILTIN,
    Pattern,
    Vocabulary,
    VocabularyExtension,
    extension_problems,
)

META_FILE = "dataset.yaml"


def read_meta(root: Path, problems: Problems) -> tuple[DatasetMeta | None, Vocabulary]:
    """The dataset's metadata (None if invalid) and the vocabulary its records use."""
    path = root / META_FILE
    if not present(path):  # a dangling link is reported by read_yaml
        problems.add(DataError("missing dataset.yaml (id, title, source)", file=str(path)))
        return None, BUILTIN
    try:
        doc = read_yaml(path, root=root)
    except RcxError as e:
        problems.add(e, e.__cause__)
        return None, BUILTIN
    if not isinstance(doc, dict):
        problems.add(DataError("expected a mapping", file=META_FILE))
        return None, BUILTIN
    # The vocabulary first (its well-formed entries, each problem reported), so that the rest
    # of the metadata (a rule's kinds) and every record validate against it; a malformed
    # entry is reported by the validation of the whole file.
    ext, patterns = _salvage(doc)
    vocab = _vocabulary(ext, patterns, problems)
    raw = RawRecord(META_FILE, "top", doc)
    meta = validate_record(DatasetMeta, raw, problems, vocab.context())
    rules = doc.get("rules")
    _check_rules(
        [r.get("rule") for r in rules if isinstance(r, dict)] if isinstance(rules, list) else [],
        problems,
    )
    return meta, vocab


def _check_rules(names: list[Any], problems: Problems) -> None:
    for i, name in enumerate(names):
        if isinstance(name, str) and name not in RULES:
            problems.add(
                DataError(
                    f"unknown rule {name!r}; known: {', '.join(sorted(RULES))}",
                    file=META_FILE,
                    record=f"rule {name}",
                    field=f"rules.{i}.rule",
                )
            )


def _vocabulary(
    ext: VocabularyExtension, patterns: list[Pattern], problems: Problems
) -> Vocabulary:
    """The built-in vocabulary plus every addition that has no problem (each one reported)."""
    found = extension_problems(ext, patterns)
    for fld, message in found:
        problems.add(DataError(message, file=META_FILE, record="top", field=fld))
    bad = {fld for fld, _ in found}
    keep = {
        name: {k: v for k, v in getattr(ext, name).items() if f"vocabulary.{name}.{k}" not in bad}
        for name in ("approaches", "activities", "kinds", "relation_types")
    }
    good = tuple(p for i, p in enumerate(patterns) if f"patterns.{i}" not in bad)
    return BUILTIN.extended(VocabularyExtension(**keep), good)


def _salvage(doc: dict[str, Any]) -> tuple[VocabularyExtension, list[Pattern]]:
    """The well-formed entries of ``vocabulary:`` and ``patterns:`` of invalid metadata."""
    raw = doc.get("vocabulary")
    entries: dict[str, dict[str, Any]] = {}
    if isinstance(raw, dict):
        for name, values in raw.items():
            if name in VocabularyExtension.model_fields and isinstance(values, dict):
                entries[name] = {}
                for key, value in values.items():
                    try:
                        VocabularyExtension.model_validate({name: {key: value}})
                    except ValidationError:
                        continue
                    entries[name][key] = value
    raw_patterns = doc.get("patterns")
    patterns: list[Pattern] = []
    if isinstance(raw_patterns, list):
        patterns = [
            tuple(p)
            for p in raw_patterns
            if isinstance(p, list) and len(p) == 3 and all(isinstance(x, str) for x in p)
        ]
    return VocabularyExtension.model_validate(entries), patterns


def dataset_vocabulary(path: str | Path) -> Vocabulary:
    """The vocabulary of the dataset at *path* (built-in plus its additions), from its
    ``dataset.yaml`` alone; raises :class:`DataError` if that file is wrong."""
    meta, vocab = read_meta(Path(path), Problems())
    assert meta is not None  # a raising Problems never returns None
    return vocab
