"""Load a dataset folder into validated, cross-checked schema records."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from rcx.loaders.csvrows import element_row_to_dict, relation_row_to_dict
from rcx.loaders.files import RawRecord, csv_records, read_yaml, yaml_records
from rcx.loaders.integrity import check_integrity
from rcx.schema.errors import DataError
from rcx.schema.models import Citation, Claim, DatasetMeta, Element, Relation

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
    claims: dict[str, Claim] = field(default_factory=dict)  # claim id -> the source's statement


def builtin_data_dir() -> Path:
    """The dataset shipped with rcx: the regime complex for human trafficking."""
    return Path(str(resources.files("rcx.data") / "human_trafficking"))


def load_dataset(path: str | Path | None = None) -> Dataset:
    """Read, validate and cross-check every file of a dataset folder.

    Raises :class:`schema.DataError` naming the file, record and field of the first problem.
    """
    root = Path(path) if path is not None else builtin_data_dir()
    if not root.is_dir():
        raise DataError(f"dataset folder not found: {root}")
    meta = _load_meta(root)
    elements, el_origins = _collect(root, "elements", Element, _element_fixups, element_row_to_dict,
                                    ELEMENT_CSV_COLUMNS)
    relations, rel_origins = _collect(root, "relations", Relation, lambda d: d,
                                      relation_row_to_dict, RELATION_CSV_COLUMNS)
    if not elements:
        raise DataError("no element records found (expected elements/*.yaml or elements/*.csv)",
                        file=str(root))
    citations = _load_citations(root)
    claims = _load_claims(root)
    by_id = check_integrity(elements, el_origins, relations, rel_origins, claims)
    origins = {e.id: o for e, o in zip(elements, el_origins, strict=True)}
    origins |= {r.key: o for r, o in zip(relations, rel_origins, strict=True)}
    return Dataset(root, meta, by_id, relations, citations, origins, claims)


CLAIMS_FILE = "claims.yaml"


def _load_claims(root: Path) -> dict[str, Claim]:
    """``claims.yaml``: the statements of the source, one record each (see Claim)."""
    path = root / CLAIMS_FILE
    if not path.exists():
        return {}
    out: dict[str, Claim] = {}
    for raw in yaml_records(path, root=root):
        claim = _validate(Claim, raw)
        if claim.id in out:
            raise DataError(f"duplicate claim id {claim.id!r}", file=raw.file, record=raw.label,
                            field="id")
        out[claim.id] = claim
    for claim in out.values():
        for other in claim.contradicts:
            if other not in out:
                raise DataError(f"unknown claim id {other!r}", file=CLAIMS_FILE,
                                record=claim.id, field="contradicts")
    return out


def _load_meta(root: Path) -> DatasetMeta:
    path = root / "dataset.yaml"
    if not path.exists():
        raise DataError("missing dataset.yaml (id, title, source)", file=str(path))
    doc = read_yaml(path, root=root)
    if not isinstance(doc, dict):
        raise DataError("expected a mapping", file="dataset.yaml")
    return _validate(DatasetMeta, RawRecord("dataset.yaml", "top", doc))


def _collect(
    root: Path, folder: str, model: type[M], fixup: Any, row_to_dict: Any,
    columns: frozenset[str],
) -> tuple[list[M], list[str]]:
    records: list[M] = []
    origins: list[str] = []
    for raw in _raw_records(root / folder, root, columns, row_to_dict):
        records.append(_validate(model, RawRecord(raw.file, raw.position, fixup(raw.data))))
        origins.append(f"{raw.file} {raw.position}")
    return records, origins


def _raw_records(
    folder: Path, root: Path, columns: frozenset[str], row_to_dict: Any
) -> Iterator[RawRecord]:
    if not folder.is_dir():
        return
    for path in sorted(folder.iterdir()):
        if path.suffix in {".yaml", ".yml"}:
            yield from yaml_records(path, root=root)
        elif path.suffix == ".csv":
            for raw in csv_records(path, root=root, columns=columns):
                try:
                    data = row_to_dict(raw.data)
                except (ValueError, KeyError) as e:
                    raise DataError(str(e), file=raw.file, record=raw.label) from e
                yield RawRecord(raw.file, raw.position, data)
        elif not path.name.startswith(".") and path.suffix not in {".md", ".txt"}:
            raise DataError(f"unexpected file {path.name!r}: use .yaml, .yml or .csv",
                            file=str(path.relative_to(root)))


def _element_fixups(data: dict[str, Any]) -> dict[str, Any]:
    """YAML 1.1 reads bare yes/no as booleans; map them back for the three role fields."""
    out = dict(data)
    for name in _ROLE_FIELDS:
        if isinstance(out.get(name), bool):
            out[name] = "yes" if out[name] else "no"
    return out


def _validate(model: type[M], raw: RawRecord) -> M:
    try:
        return model.model_validate(raw.data)
    except ValidationError as e:
        err = e.errors()[0]
        loc = ".".join(str(p) for p in err["loc"]) or None
        got = "" if err["type"] == "missing" else f" (got {_short(err.get('input'))})"
        more = f" [+{e.error_count() - 1} more]" if e.error_count() > 1 else ""
        raise DataError(f"{err['msg']}{got}{more}", file=raw.file, record=raw.label,
                        field=loc) from e


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _load_citations(root: Path) -> dict[int, Citation]:
    path = root / "citations.csv"
    if not path.exists():
        return {}
    out: dict[int, Citation] = {}
    for raw in csv_records(path, root=root, columns=CITATION_CSV_COLUMNS):
        data = {k: v for k, v in raw.data.items() if v != ""}
        cit = _validate(Citation, RawRecord(raw.file, raw.position, data))
        if cit.footnote in out:
            raise DataError(f"footnote {cit.footnote} appears twice", file=raw.file,
                            record=raw.position, field="footnote")
        out[cit.footnote] = cit
    return out


def iter_footnotes(dataset: Dataset) -> Iterable[int]:
    """Every footnote number cited by an element, relation or claim."""
    for el in dataset.elements.values():
        yield from el.provenance.footnotes
    for rel in dataset.relations:
        yield from rel.provenance.footnotes
    for claim in dataset.claims.values():
        yield from claim.footnotes
