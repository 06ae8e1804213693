"""Load a dataset folder into validated, cross-checked schema records."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from rcx.loaders.csvrows import element_row_to_dict, relation_row_to_dict
from rcx.loaders.files import (
    RawRecord,
    csv_records,
    folder_entries,
    present,
    require_folder,
    yaml_records,
)
from rcx.loaders.integrity import integrity_errors
from rcx.loaders.limits import Limits
from rcx.loaders.meta import read_meta
from rcx.loaders.problems import Problems, validate_record
from rcx.schema.errors import DataError, RcxError
from rcx.schema.models import Citation, Claim, DatasetMeta, Element, Relation
from rcx.schema.vocabulary import BUILTIN, Vocabulary

ELEMENT_CSV_COLUMNS = frozenset(
    (set(Element.model_fields) - {"provenance", "notes", "roles_source", "figures", "as_printed"})
    | {"section", "footnotes", "roles_section", "roles_footnotes", "note_kind", "note"}
)
RELATION_CSV_COLUMNS = frozenset(
    (set(Relation.model_fields) - {"provenance", "notes"})
    | {"section", "footnotes", "note_kind", "note"}
)
CITATION_CSV_COLUMNS = frozenset(Citation.model_fields)
_ROLE_FIELDS = ("prevention", "protection", "prosecution")

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Dataset:
    """A validated dataset: metadata, elements by id, relations, citations, record origins."""

    root: Path
    meta: DatasetMeta
    elements: dict[str, Element]
    relations: list[Relation]
    citations: dict[int, Citation] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)  # element id / relation key -> "file #n"
    vocabulary: Vocabulary = BUILTIN  # the built-in values plus the dataset's extensions
    claims: dict[str, Claim] = field(default_factory=dict)  # claim id -> the source's statement


def builtin_data_dir() -> Path:
    """The dataset shipped with rcx: the regime complex for human trafficking."""
    return Path(str(resources.files("rcx.data") / "human_trafficking"))


def load_dataset(path: str | Path | None = None) -> Dataset:
    """Read, validate and cross-check every file of a dataset folder.

    Raises :class:`schema.DataError` naming the file, record and field of the first problem.
    """
    ds = read_dataset(path, Problems())
    assert ds is not None  # a raising Problems never lets reading return None
    return ds


def read_dataset(path: str | Path | None, problems: Problems) -> Dataset | None:
    """Read a dataset, putting every problem into *problems*; None if any was found."""
    root = Path(path) if path is not None else builtin_data_dir()
    try:
        require_folder(root)
    except RcxError as e:
        problems.add(e, e.__cause__)
        return None
    found = problems.total
    limits = Limits.from_env()
    meta, vocab = read_meta(root, problems)
    read = _Reader(root, vocab.context(), problems, limits)
    elements, el_origins, bad_ids = read.collect(
        "elements", Element, _element_fixups, element_row_to_dict, ELEMENT_CSV_COLUMNS
    )
    relations, rel_origins, _ = read.collect(
        "relations", Relation, lambda d: d, relation_row_to_dict, RELATION_CSV_COLUMNS
    )
    if not elements and not bad_ids and not problems.unreadable:
        problems.add(
            DataError(
                "no element records found (expected elements/*.yaml or elements/*.csv)",
                file=str(root),
            )
        )
    citations = _load_citations(root, problems)
    claims = _load_claims(root, problems)
    if not problems.unreadable:
        for error in integrity_errors(
            elements,
            el_origins,
            relations,
            rel_origins,
            claims,
            vocabulary=vocab,
            invalid_ids=bad_ids,
        ):
            problems.add(error)
    if meta is None or problems.total > found:
        return None
    by_id = {el.id: el for el in elements}
    origins = {e.id: o for e, o in zip(elements, el_origins, strict=True)}
    origins |= {r.key: o for r, o in zip(relations, rel_origins, strict=True)}
    return Dataset(root, meta, by_id, relations, citations, origins, vocab, claims)


CLAIMS_FILE = "claims.yaml"


def _load_claims(root: Path, problems: Problems) -> dict[str, Claim]:
    """``claims.yaml``: the statements of the source, one record each (see Claim)."""
    path = root / CLAIMS_FILE
    if not present(path):
        return {}
    out: dict[str, Claim] = {}
    try:
        for raw in yaml_records(path, root=root):
            claim = validate_record(Claim, raw, problems)
            if claim is None:
                continue
            if claim.id in out:
                problems.add(
                    DataError(
                        f"duplicate claim id {claim.id!r}",
                        file=raw.file,
                        record=raw.label,
                        field="id",
                    )
                )
            out[claim.id] = claim
    except RcxError as e:
        problems.add(e, e.__cause__)
    for claim in out.values():
        for other in claim.contradicts:
            if other not in out:
                problems.add(
                    DataError(
                        f"unknown claim id {other!r}",
                        file=CLAIMS_FILE,
                        record=claim.id,
                        field="contradicts",
                    )
                )
    return out


class _Reader:
    """Reads a dataset's record folders, putting every problem into ``problems``."""

    def __init__(
        self, root: Path, context: dict[str, Any], problems: Problems, limits: Limits
    ) -> None:
        self.root, self.context, self.problems, self.limits = root, context, problems, limits

    def collect(
        self,
        folder: str,
        model: type[M],
        fixup: Any,
        row_to_dict: Any,
        columns: frozenset[str],
    ) -> tuple[list[M], list[str], set[str]]:
        """Valid records, their origins, and the ids of records that failed validation."""
        records: list[M] = []
        origins: list[str] = []
        bad_ids: set[str] = set()
        for n, raw in enumerate(self._raw_records(self.root / folder, columns, row_to_dict)):
            if n >= self.limits.records:
                self.problems.unreadable = True
                self.problems.add(
                    DataError(
                        f"more than {self.limits.records} records in {folder}/ (raise the limit "
                        "with RCX_MAX_RECORDS)",
                        file=raw.file,
                        record=raw.position,
                    )
                )
                break
            record = validate_record(
                model,
                RawRecord(raw.file, raw.position, fixup(raw.data)),
                self.problems,
                self.context,
            )
            if record is None:
                if isinstance(raw.data.get("id"), str):
                    bad_ids.add(raw.data["id"])
                continue
            records.append(record)
            origins.append(f"{raw.file} {raw.position}")
        return records, origins, bad_ids

    def _raw_records(
        self, folder: Path, columns: frozenset[str], row_to_dict: Any
    ) -> Iterator[RawRecord]:
        try:
            entries = folder_entries(folder)
        except RcxError as e:
            self.problems.add(e, e.__cause__)
            return
        for path in entries:
            try:
                yield from self._file_records(path, columns, row_to_dict)
            except RcxError as e:  # the file cannot be read on: report it, go on with the next
                self.problems.unreadable = True  # its later records are missing
                self.problems.add(e, e.__cause__)

    def _file_records(
        self, path: Path, columns: frozenset[str], row_to_dict: Any
    ) -> Iterator[RawRecord]:
        root, limits = self.root, self.limits
        if path.suffix in {".yaml", ".yml"}:
            yield from yaml_records(path, root=root, limits=limits)
        elif path.suffix == ".csv":
            for raw in csv_records(path, root=root, columns=columns, limits=limits):
                try:
                    data = row_to_dict(raw.data)
                except (ValueError, KeyError) as e:
                    self.problems.add(DataError(str(e), file=raw.file, record=raw.label), e)
                    continue
                yield RawRecord(raw.file, raw.position, data)
        elif not path.name.startswith(".") and path.suffix not in {".md", ".txt"}:
            raise DataError(
                f"unexpected file {path.name!r}: use .yaml, .yml or .csv",
                file=str(path.relative_to(root)),
            )


def _element_fixups(data: dict[str, Any]) -> dict[str, Any]:
    """YAML 1.1 reads bare yes/no as booleans; map them back for the three role fields."""
    out = dict(data)
    for name in _ROLE_FIELDS:
        if isinstance(out.get(name), bool):
            out[name] = "yes" if out[name] else "no"
    return out


def _load_citations(root: Path, problems: Problems) -> dict[int, Citation]:
    path = root / "citations.csv"
    if not present(path):
        return {}
    out: dict[int, Citation] = {}
    try:
        for raw in csv_records(path, root=root, columns=CITATION_CSV_COLUMNS):
            data = {k: v for k, v in raw.data.items() if v != ""}
            cit = validate_record(Citation, RawRecord(raw.file, raw.position, data), problems)
            if cit is None:
                continue
            if cit.footnote in out:
                problems.add(
                    DataError(
                        f"footnote {cit.footnote} appears twice",
                        file=raw.file,
                        record=raw.position,
                        field="footnote",
                    )
                )
            out[cit.footnote] = cit
    except RcxError as e:
        problems.add(e, e.__cause__)
    return out


def iter_footnotes(dataset: Dataset) -> Iterable[int]:
    """Every footnote number cited by an element, relation or claim."""
    for el in dataset.elements.values():
        yield from el.provenance.footnotes
    for rel in dataset.relations:
        yield from rel.provenance.footnotes
    for claim in dataset.claims.values():
        yield from claim.footnotes
