"""Cross-record checks: unique ids and aliases, no dangling ids, only allowed patterns, known
claims, classes used only where they may be."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from rcx.schema.errors import DataError
from rcx.schema.models import Claim, Element, Relation
from rcx.schema.patterns import (
    SAME_CATEGORY,
    class_endpoint_allows,
    describe_pattern,
    pattern_allows,
)
from rcx.schema.vocab import Category, RelationType


def location_claim_id(section: str) -> str:
    """The claim an element's ``headquarters`` / ``works_in`` belong to: ``locations-<section>``.

    >>> location_claim_id("II.C.3(a)(iii)")
    'locations-ii-c-3-a-iii'
    """
    return "locations-" + "-".join(re.findall(r"[a-z0-9]+", section.lower()))


def check_integrity(
    elements: Sequence[Element],
    element_origins: Sequence[str],
    relations: Sequence[Relation],
    relation_origins: Sequence[str],
    claims: Mapping[str, Claim] | None = None,
) -> dict[str, Element]:
    """Return elements by id, or raise DataError at the first broken record."""
    claims = claims or {}
    by_id = _unique_ids(elements, element_origins)
    _unique_aliases(elements, element_origins)
    for el, origin in zip(elements, element_origins, strict=True):
        _check_places(el, origin, by_id, claims)
    class_claims = {r.claim for r in relations if r.claim is not None and not r.derived
                    and (by_id.get(r.source, _NO).is_class or by_id.get(r.target, _NO).is_class)
                    and r.type is not RelationType.INSTANCE_OF}
    seen: dict[str, str] = {}
    for rel, origin in zip(relations, relation_origins, strict=True):
        _check_relation(rel, origin, by_id)
        _check_claim(rel, origin, claims, class_claims)
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
    """A name or alias may identify only one element (case-insensitive)."""
    owner: dict[str, str] = {}
    for el, origin in zip(elements, origins, strict=True):
        for alias in el.aliases:
            key = alias.casefold()
            if key in owner and owner[key] != el.id:
                raise _err(origin, f"alias {alias!r} is already used by {owner[key]!r}",
                           "aliases")
            owner[key] = el.id


def _check_places(el: Element, origin: str, by_id: dict[str, Element],
                  claims: Mapping[str, Claim]) -> None:
    if (el.headquarters or el.works_in) and location_claim_id(el.provenance.section) not in claims:
        fld = "headquarters" if el.headquarters else "works_in"
        raise _err(origin, f"its locations need the claim "
                   f"{location_claim_id(el.provenance.section)!r} in claims.yaml "
                   f"(section {el.provenance.section})", fld)
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
    if rel.type in SAME_CATEGORY and src.category is not dst.category:
        raise _err(origin, f"{rel.type.value} joins a {src.category.value} to a "
                   f"{dst.category.value}: a class holds members of its own category", "target")
    if rel.type is RelationType.INSTANCE_OF and not dst.is_class:
        raise _err(origin, f"INSTANCE_OF target {dst.id!r} is not a class (is_class: true)",
                   "target")
    if not class_endpoint_allows(rel.type, source_is_class=src.is_class,
                                 target_is_class=dst.is_class):
        end = "source" if src.is_class and not class_endpoint_allows(
            rel.type, source_is_class=True, target_is_class=False) else "target"
        raise _err(origin, f"{getattr(rel, end)!r} is a class and cannot be the {end} of "
                   f"{rel.type.value} (see CLASS_ENDPOINTS in schema/patterns.py)", end)


def _check_claim(rel: Relation, origin: str, claims: Mapping[str, Claim],
                 class_claims: set[str]) -> None:
    if rel.claim is None and not rel.derived:
        raise _err(origin, "an asserted relation needs 'claim': the id of the statement of the "
                   "source it comes from (a record of claims.yaml)", "claim")
    if rel.claim is not None:
        claim = claims.get(rel.claim)
        if claim is None:
            hint = "" if claims else " (the dataset has no claims.yaml)"
            raise _err(origin, f"unknown claim {rel.claim!r}{hint}", "claim")
        if rel.provenance.section != claim.section:
            raise _err(origin, f"section {rel.provenance.section!r} differs from its claim "
                       f"{claim.id!r} ({claim.section!r})", "provenance.section")
        extra = sorted(set(rel.provenance.footnotes) - set(claim.footnotes))
        if extra:
            raise _err(origin, f"footnote(s) {extra} are not among those of its claim "
                       f"{claim.id!r} {claim.footnotes}", "provenance.footnotes")
    if rel.expanded_from is not None and rel.expanded_from not in class_claims:
        what = "unknown claim" if rel.expanded_from not in claims else "not a class-level claim"
        raise _err(origin, f"expanded_from {rel.expanded_from!r}: {what} (no asserted relation "
                   "of that claim has a class as an end)", "expanded_from")


class _NoElement:
    is_class = False


_NO = _NoElement()
