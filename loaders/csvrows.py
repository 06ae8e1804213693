"""Turn one CSV row (column -> cell text) into the nested dict the strict models validate.

The conventions are those of ``docs/dataset-format.md``:

* an empty (or all-blank) cell is an absent value: the key is left out;
* list fields are ``;``-separated (empty items are dropped);
* ``section`` + ``footnotes`` become ``provenance``; ``roles_section`` + ``roles_footnotes``
  become ``roles_source``; footnotes are ``;``-separated integers;
* ``note_kind`` + ``note`` become a one-item ``notes`` list.

Cells are otherwise passed on as text; the pydantic models do the typing and reject unknown
columns. Malformed cells raise :class:`ValueError` naming the column, which the dataset loader
reports with the file and line.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = [
    "ELEMENT_LIST_FIELDS",
    "element_row_to_dict",
    "parse_footnotes",
    "relation_row_to_dict",
    "split_list",
]

ELEMENT_LIST_FIELDS = ("aliases", "approaches", "activities", "headquarters", "works_in")
ELEMENT_INT_FIELDS = ("year_adopted", "year_in_force")


def split_list(cell: str) -> list[str]:
    """``"a; b;;c"`` -> ``["a", "b", "c"]``."""
    return [item.strip() for item in cell.split(";") if item.strip()]


def parse_footnotes(cell: str, *, column: str = "footnotes") -> list[int]:
    """``"261;262;263"`` -> ``[261, 262, 263]``; anything but integers is an error."""
    out: list[int] = []
    for item in split_list(cell):
        try:
            out.append(int(item))
        except ValueError:
            raise ValueError(
                f"column {column!r}: footnote {item!r} is not a whole number "
                "(write footnotes as 12;13)"
            ) from None
    return out


def _present(row: Mapping[str, str | None]) -> dict[str, str]:
    """Cells with text, keys cleaned of whitespace and a UTF-8 byte-order mark."""
    out: dict[str, str] = {}
    for key, value in row.items():
        if key is None or value is None:
            continue
        key = key.strip().lstrip("\ufeff")
        if value.strip():
            out[key] = value
    return out


def _provenance(
    cells: dict[str, str], section_col: str, footnotes_col: str
) -> dict[str, Any] | None:
    section = cells.pop(section_col, None)
    footnotes = cells.pop(footnotes_col, None)
    if section is None:
        if footnotes is not None:
            raise ValueError(f"column {footnotes_col!r} is set but {section_col!r} is empty")
        return None
    prov: dict[str, Any] = {"section": section.strip()}
    if footnotes is not None:
        prov["footnotes"] = parse_footnotes(footnotes, column=footnotes_col)
    return prov


def _note(cells: dict[str, str]) -> list[dict[str, str]] | None:
    kind = cells.pop("note_kind", None)
    text = cells.pop("note", None)
    if kind is None and text is None:
        return None
    if kind is None or text is None:
        missing = "note_kind" if kind is None else "note"
        raise ValueError(f"column {missing!r} is empty: a note needs both note_kind and note")
    return [{"kind": kind.strip(), "text": text}]


def element_row_to_dict(row: Mapping[str, str | None]) -> dict[str, Any]:
    """An Element CSV row as the dict :class:`rcx.schema.models.Element` validates."""
    cells = _present(row)
    out: dict[str, Any] = {}
    provenance = _provenance(cells, "section", "footnotes")
    roles_source = _provenance(cells, "roles_section", "roles_footnotes")
    notes = _note(cells)
    for key, value in cells.items():
        if key in ELEMENT_LIST_FIELDS:
            out[key] = split_list(value)
        elif key in ELEMENT_INT_FIELDS:
            try:
                out[key] = int(value.strip())
            except ValueError:
                out[key] = value  # let the model report the wrong type, naming the field
        else:
            out[key] = value
    if provenance is not None:
        out["provenance"] = provenance
    if roles_source is not None:
        out["roles_source"] = roles_source
    if notes is not None:
        out["notes"] = notes
    return out


def relation_row_to_dict(row: Mapping[str, str | None]) -> dict[str, Any]:
    """A Relation CSV row (``source,target,type,issue,evidence,description,section,footnotes,
    note_kind,note``) as the dict :class:`rcx.schema.models.Relation` validates."""
    cells = _present(row)
    provenance = _provenance(cells, "section", "footnotes")
    notes = _note(cells)
    out: dict[str, Any] = dict(cells)
    if provenance is not None:
        out["provenance"] = provenance
    if notes is not None:
        out["notes"] = notes
    return out
