"""Cross-record checks: unique ids and aliases, no dangling ids, only allowed patterns."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence

from rcx.schema.errors import DataError
from rcx.schema.models import Element, Relation
from rcx.schema.patterns import describe_pattern, pattern_allows
from rcx.schema.vocab import Category
from rcx.schema.vocabulary import BUILTIN, Vocabulary


def check_integrity(
    elements: Sequence[Element],
    element_origins: Sequence[str],
    relations: Sequence[Relation],
    relation_origins: Sequence[str],
    *,
    vocabulary: Vocabulary = BUILTIN,
) -> dict[str, Element]:
    """Return elements by id, or raise DataError at the first broken record."""
    for error in integrity_errors(elements, element_origins, relations, relation_origins,
                                  vocabulary=vocabulary):
        raise error
    return {el.id: el for el in elements}


def integrity_errors(
    elements: Sequence[Element],
    element_origins: Sequence[str],
    relations: Sequence[Relation],
    relation_origins: Sequence[str],
    *,
    vocabulary: Vocabulary = BUILTIN,
    invalid_ids: Collection[str] = (),
) -> Iterator[DataError]:
    """Every cross-record problem, record by record (at most one per record).

    ``invalid_ids`` are ids of records that failed validation: references to them are not
    reported again as dangling.
    """
    by_id: dict[str, Element] = {}
    yield from _unique_ids(elements, element_origins, by_id)
    yield from _unique_aliases(elements, element_origins)
    for el, origin in zip(elements, element_origins, strict=True):
        yield from _check_places(el, origin, by_id, invalid_ids)
    seen: dict[str, str] = {}
    for rel, origin in zip(relations, relation_origins, strict=True):
        problem = _check_relation(rel, origin, by_id, vocabulary, invalid_ids)
        if problem is None and rel.key in seen:
            problem = _err(origin, f"duplicate relation {rel.key!r}; first defined at "
                           f"{seen[rel.key]}", None)
        seen.setdefault(rel.key, origin)
        if problem is not None:
            yield problem


def _err(origin: str, message: str, fld: str | None) -> DataError:
    file, _, record = origin.partition(" ")
    return DataError(message, file=file, record=record, field=fld)


def _unique_ids(
    elements: Sequence[Element], origins: Sequence[str], by_id: dict[str, Element]
) -> Iterator[DataError]:
    where: dict[str, str] = {}
    for el, origin in zip(elements, origins, strict=True):
        if el.id in by_id:
            yield _err(origin, f"duplicate id {el.id!r}; first defined at {where[el.id]}", "id")
            continue
        by_id[el.id], where[el.id] = el, origin


def _unique_aliases(elements: Sequence[Element], origins: Sequence[str]) -> Iterator[DataError]:
    """A name or alias may identify only one element (case-insensitive)."""
    owner: dict[str, str] = {}
    for el, origin in zip(elements, origins, strict=True):
        for alias in el.aliases:
            key = alias.casefold()
            if key in owner and owner[key] != el.id:
                yield _err(origin, f"alias {alias!r} is already used by {owner[key]!r}",
                           "aliases")
                break
            owner.setdefault(key, el.id)


def _check_places(
    el: Element, origin: str, by_id: dict[str, Element], invalid_ids: Collection[str]
) -> Iterator[DataError]:
    for fld in ("headquarters", "works_in"):
        for pid in getattr(el, fld):
            place = by_id.get(pid)
            if place is None and pid not in invalid_ids:
                yield _err(origin, f"unknown place id {pid!r}", fld)
                return
            if place is not None and place.category is not Category.PLACE:
                yield _err(origin, f"{pid!r} is a {place.kind.value}, not a state or region",
                           fld)
                return


def _check_relation(
    rel: Relation, origin: str, by_id: dict[str, Element], vocabulary: Vocabulary,
    invalid_ids: Collection[str],
) -> DataError | None:
    for end in ("source", "target"):
        if getattr(rel, end) not in by_id:
            if getattr(rel, end) in invalid_ids:
                return None
            return _err(origin, f"unknown element id {getattr(rel, end)!r}", end)
    src, dst = by_id[rel.source], by_id[rel.target]
    if not pattern_allows(src.kind, rel.type, dst.kind, vocabulary):
        return _err(
            origin,
            f"pattern ({src.kind.value})-[{rel.type.value}]->({dst.kind.value}) is not allowed; "
            f"allowed: {describe_pattern(rel.type, vocabulary)}",
            "type",
        )
    return None
