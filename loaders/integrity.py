"""Cross-record checks: unique ids and aliases, no dangling ids, only allowed patterns."""

from __future__ import annotations

from collections.abc import Sequence

from rcx.schema.errors import DataError
from rcx.schema.models import Element, Relation
from rcx.schema.patterns import describe_pattern, pattern_allows
from rcx.schema.vocab import Category


def check_integrity(
    elements: Sequence[Element],
    element_origins: Sequence[str],
    relations: Sequence[Relation],
    relation_origins: Sequence[str],
) -> dict[str, Element]:
    """Return elements by id, or raise DataError at the first broken record."""
    by_id = _unique_ids(elements, element_origins)
    _unique_aliases(elements, element_origins)
    for el, origin in zip(elements, element_origins, strict=True):
        _check_places(el, origin, by_id)
    seen: dict[str, str] = {}
    for rel, origin in zip(relations, relation_origins, strict=True):
        _check_relation(rel, origin, by_id)
        if rel.key in seen:
            raise _err(origin, f"duplicate relation {rel.key!r}; first defined at {seen[rel.key]}",
                       None)
        seen[rel.key] = origin
    return by_id


def _err(origin: str, message: str, fld: str | None) -> DataError:
    file, _, record = origin.partition(" ")
    return DataError(message, file=file, record=record, field=fld)


def _unique_ids(elements: Sequence[Element], origins: Sequence[str]) -> dict[str, Element]:
    by_id: dict[str, Element] = {}
    where: dict[str, str] = {}
    for el, origin in zip(elements, origins, strict=True):
        if el.id in by_id:
            raise _err(origin, f"duplicate id {el.id!r}; first defined at {where[el.id]}", "id")
        by_id[el.id], where[el.id] = el, origin
    return by_id


def _unique_aliases(elements: Sequence[Element], origins: Sequence[str]) -> None:
    """A name or alias may identify only one element, in any case; an alias adds a name."""
    names = {el.name.casefold(): el.id for el in elements}
    owner: dict[str, str] = {}
    for el, origin in zip(elements, origins, strict=True):
        for alias in el.aliases:
            key = alias.casefold()
            if key == el.name.casefold():
                raise _err(origin, f"alias {alias!r} repeats the element's own name "
                           f"{el.name!r}: leave it out", "aliases")
            other = owner.get(key) or names.get(key)
            if other is not None and other != el.id:
                used = "name" if names.get(key) == other else "alias"
                raise _err(origin, f"alias {alias!r} is already used by {other!r} (as its "
                           f"{used})", "aliases")
            owner[key] = el.id


def _check_places(el: Element, origin: str, by_id: dict[str, Element]) -> None:
    for fld in ("headquarters", "works_in"):
        for pid in getattr(el, fld):
            place = by_id.get(pid)
            if place is None:
                raise _err(origin, f"unknown place id {pid!r}", fld)
            if place.category is not Category.PLACE:
                raise _err(origin, f"{pid!r} is a {place.kind.value}, not a state or region", fld)


def _check_relation(rel: Relation, origin: str, by_id: dict[str, Element]) -> None:
    for end in ("source", "target"):
        if getattr(rel, end) not in by_id:
            raise _err(origin, f"unknown element id {getattr(rel, end)!r}", end)
    src, dst = by_id[rel.source], by_id[rel.target]
    if not pattern_allows(src.kind, rel.type, dst.kind):
        raise _err(
            origin,
            f"pattern ({src.kind.value})-[{rel.type.value}]->({dst.kind.value}) is not allowed; "
            f"allowed: {describe_pattern(rel.type)}",
            "type",
        )
