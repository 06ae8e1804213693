"""Cross-record checks: unique ids and aliases, no dangling ids, only allowed patterns, known
claims, classes used only where they may be.

:func:`integrity_errors` yields every problem (``rcx validate`` reports them all);
:func:`check_integrity` raises the first.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping, Sequence

from rcx.schema.errors import DataError
from rcx.schema.models import Claim, Element, Relation
from rcx.schema.patterns import (
    SAME_CATEGORY,
    class_endpoint_allows,
    describe_pattern,
    pattern_allows,
)
from rcx.schema.vocab import Category, RelationType
from rcx.schema.vocabulary import BUILTIN, Vocabulary


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
    *,
    vocabulary: Vocabulary = BUILTIN,
) -> dict[str, Element]:
    """Return elements by id, or raise DataError at the first broken record."""
    for error in integrity_errors(
        elements, element_origins, relations, relation_origins, claims, vocabulary=vocabulary
    ):
        raise error
    return {el.id: el for el in elements}


def integrity_errors(
    elements: Sequence[Element],
    element_origins: Sequence[str],
    relations: Sequence[Relation],
    relation_origins: Sequence[str],
    claims: Mapping[str, Claim] | None = None,
    *,
    vocabulary: Vocabulary = BUILTIN,
    invalid_ids: Collection[str] = (),
) -> Iterator[DataError]:
    """Every cross-record problem, record by record (at most one per record).

    ``invalid_ids`` are ids of records that failed validation: references to them are not
    reported again as dangling.
    """
    claims = claims or {}
    by_id: dict[str, Element] = {}
    yield from _unique_ids(elements, element_origins, by_id)
    yield from _unique_aliases(elements, element_origins)
    for el, origin in zip(elements, element_origins, strict=True):
        yield from _check_places(el, origin, by_id, claims, invalid_ids)
    class_claims = {
        r.claim
        for r in relations
        if r.claim is not None
        and not r.derived
        and (by_id.get(r.source, _NO).is_class or by_id.get(r.target, _NO).is_class)
        and r.type is not RelationType.INSTANCE_OF
    }
    seen: dict[str, str] = {}
    for rel, origin in zip(relations, relation_origins, strict=True):
        problem = _check_relation(rel, origin, by_id, vocabulary, invalid_ids)
        if problem is None:
            problem = _check_claim(rel, origin, claims, class_claims)
        if problem is None and rel.key in seen:
            problem = _err(
                origin, f"duplicate relation {rel.key!r}; first defined at {seen[rel.key]}", None
            )
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
    """A name or alias may identify only one element, in any case; an alias adds a name."""
    names = {el.name.casefold(): el.id for el in elements}
    owner: dict[str, str] = {}
    for el, origin in zip(elements, origins, strict=True):
        for alias in el.aliases:
            key = alias.casefold()
            if key == el.name.casefold():
                yield _err(
                    origin,
                    f"alias {alias!r} repeats the element's own name {el.name!r}: leave it out",
                    "aliases",
                )
                break
            other = owner.get(key) or names.get(key)
            if other is not None and other != el.id:
                used = "name" if names.get(key) == other else "alias"
                yield _err(
                    origin,
                    f"alias {alias!r} is already used by {other!r} (as its {used})",
                    "aliases",
                )
                break
            owner.setdefault(key, el.id)


def _check_places(
    el: Element,
    origin: str,
    by_id: dict[str, Element],
    claims: Mapping[str, Claim],
    invalid_ids: Collection[str],
) -> Iterator[DataError]:
    if (el.headquarters or el.works_in) and location_claim_id(el.provenance.section) not in claims:
        fld = "headquarters" if el.headquarters else "works_in"
        yield _err(
            origin,
            f"its locations need the claim "
            f"{location_claim_id(el.provenance.section)!r} in claims.yaml "
            f"(section {el.provenance.section})",
            fld,
        )
        return
    for fld in ("headquarters", "works_in"):
        for pid in getattr(el, fld):
            place = by_id.get(pid)
            if place is None and pid not in invalid_ids:
                yield _err(origin, f"unknown place id {pid!r}", fld)
                return
            if place is not None and place.category is not Category.PLACE:
                yield _err(origin, f"{pid!r} is a {place.kind.value}, not a state or region", fld)
                return


def _check_relation(
    rel: Relation,
    origin: str,
    by_id: dict[str, Element],
    vocabulary: Vocabulary,
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
    return _check_class_ends(rel, origin, src, dst)


def _check_class_ends(rel: Relation, origin: str, src: Element, dst: Element) -> DataError | None:
    if rel.type in SAME_CATEGORY and src.category is not dst.category:
        return _err(
            origin,
            f"{rel.type.value} joins a {src.category.value} to a "
            f"{dst.category.value}: a class holds members of its own category",
            "target",
        )
    if rel.type is RelationType.INSTANCE_OF and not dst.is_class:
        return _err(
            origin, f"INSTANCE_OF target {dst.id!r} is not a class (is_class: true)", "target"
        )
    if not class_endpoint_allows(
        rel.type, source_is_class=src.is_class, target_is_class=dst.is_class
    ):
        end = (
            "source"
            if src.is_class
            and not class_endpoint_allows(rel.type, source_is_class=True, target_is_class=False)
            else "target"
        )
        return _err(
            origin,
            f"{getattr(rel, end)!r} is a class and cannot be the {end} of "
            f"{rel.type.value} (see CLASS_ENDPOINTS in schema/patterns.py)",
            end,
        )
    return None


def _check_claim(
    rel: Relation, origin: str, claims: Mapping[str, Claim], class_claims: set[str]
) -> DataError | None:
    if rel.claim is None and not rel.derived:
        return _err(
            origin,
            "an asserted relation needs 'claim': the id of the statement of the "
            "source it comes from (a record of claims.yaml)",
            "claim",
        )
    if rel.claim is not None:
        claim = claims.get(rel.claim)
        if claim is None:
            hint = "" if claims else " (the dataset has no claims.yaml)"
            return _err(origin, f"unknown claim {rel.claim!r}{hint}", "claim")
        if rel.provenance.section != claim.section:
            return _err(
                origin,
                f"section {rel.provenance.section!r} differs from its claim "
                f"{claim.id!r} ({claim.section!r})",
                "provenance.section",
            )
        extra = sorted(set(rel.provenance.footnotes) - set(claim.footnotes))
        if extra:
            return _err(
                origin,
                f"footnote(s) {extra} are not among those of its claim "
                f"{claim.id!r} {claim.footnotes}",
                "provenance.footnotes",
            )
    if rel.expanded_from is not None and rel.expanded_from not in class_claims:
        what = "unknown claim" if rel.expanded_from not in claims else "not a class-level claim"
        return _err(
            origin,
            f"expanded_from {rel.expanded_from!r}: {what} (no asserted relation "
            "of that claim has a class as an end)",
            "expanded_from",
        )
    return None


class _NoElement:
    is_class = False


_NO = _NoElement()
