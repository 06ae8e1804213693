"""Allowed ``(source kind, relation, target kind)`` patterns, declared as data.

Each side is a set of categories and/or kinds; a relation is allowed when its source matches
the left side and its target the right. Anything else is rejected at load time.
"""

from __future__ import annotations

from rcx.schema.vocab import Category, ElementKind, RelationType

C, K, R = Category, ElementKind, RelationType
Side = frozenset[Category | ElementKind]

_ACTORS: Side = frozenset({C.ORGANISATION, C.MECHANISM, C.PRIVATE_ACTOR})
_INSTRUMENTS: Side = frozenset({C.HARD_LAW, C.SOFT_LAW})
_NON_PLACE: Side = frozenset(c for c in Category if c is not C.PLACE)

PATTERNS: dict[RelationType, tuple[Side, Side]] = {
    R.NESTED_IN: (
        _NON_PLACE - {C.REGIME},
        _INSTRUMENTS | {C.ORGANISATION, C.MECHANISM, C.REGIME},
    ),
    R.OVERLAPS_WITH: (_NON_PLACE, _NON_PLACE),
    R.PARALLEL_TO: (_NON_PLACE, _NON_PLACE),
    R.CONFLICTS_WITH: (_NON_PLACE, _NON_PLACE),
    R.CREATED_BY: (
        _NON_PLACE - {C.REGIME},
        _ACTORS | _INSTRUMENTS | {K.STATE, C.EVENT},
    ),
    R.ADMINISTERED_BY: (
        frozenset({C.MECHANISM, C.INITIATIVE, C.SOFT_LAW}),
        frozenset({C.ORGANISATION, C.MECHANISM}),
    ),
    R.SUPPLEMENTS: (_INSTRUMENTS, _INSTRUMENTS),
    R.PARTY_TO: (frozenset({K.STATE}), _INSTRUMENTS),
    R.MEMBER_OF: (
        frozenset({K.STATE, C.ORGANISATION, C.PRIVATE_ACTOR}),
        frozenset({C.ORGANISATION, C.PRIVATE_ACTOR, C.REGIME}),
    ),
    R.IMPLEMENTS: (
        _INSTRUMENTS | _ACTORS | {C.INITIATIVE, K.STATE},
        _INSTRUMENTS,
    ),
    R.REFERENCES: (
        _INSTRUMENTS | {C.MECHANISM},
        _INSTRUMENTS | _ACTORS | {C.LANGUAGE, C.EVENT},
    ),
    R.PART_OF: (
        _INSTRUMENTS | {C.ORGANISATION, C.MECHANISM, C.INITIATIVE, C.EVENT},
        _INSTRUMENTS | {C.ORGANISATION, C.MECHANISM, C.PRIVATE_ACTOR, C.EVENT},
    ),
    R.PART_OF_REGIME: (_NON_PLACE - {C.REGIME}, frozenset({C.REGIME})),
    R.WORKS_IN: (
        _ACTORS | {C.INITIATIVE},
        frozenset({C.PLACE}),
    ),
    R.HEADQUARTERED_IN: (
        frozenset({C.ORGANISATION, C.PRIVATE_ACTOR}),
        frozenset({C.PLACE}),
    ),
    R.USES_TERM: (_NON_PLACE - {C.LANGUAGE}, frozenset({C.LANGUAGE})),
    R.DEFINES: (_INSTRUMENTS | _ACTORS, frozenset({C.LANGUAGE})),
    R.PROMOTES: (
        _ACTORS | {K.STATE, C.REGIME},
        _INSTRUMENTS | {C.EVENT, C.INITIATIVE, C.LANGUAGE, C.MECHANISM},
    ),
    R.PARTICIPATES_IN: (
        _ACTORS | {K.STATE},
        _INSTRUMENTS | {C.EVENT, C.INITIATIVE, C.ORGANISATION, C.MECHANISM},
    ),
    R.ADDRESSES: (
        _INSTRUMENTS | _ACTORS | {C.INITIATIVE},
        frozenset({C.EVENT, C.PLACE}),
    ),
    R.MONITORS: (
        frozenset({C.ORGANISATION, C.MECHANISM}),
        frozenset({C.PLACE}) | _INSTRUMENTS,
    ),
}
del C, K, R


def _matches(kind: ElementKind, side: Side) -> bool:
    return kind in side or kind.category in side


def pattern_allows(source: ElementKind, relation: RelationType, target: ElementKind) -> bool:
    """Is ``(source)-[relation]->(target)`` allowed?

    >>> pattern_allows(ElementKind.STATE, RelationType.PARTY_TO, ElementKind.GLOBAL_TREATY)
    True
    >>> pattern_allows(ElementKind.STATE, RelationType.NESTED_IN, ElementKind.GLOBAL_TREATY)
    False
    """
    left, right = PATTERNS[relation]
    if _matches(source, left) and _matches(target, right):
        return True
    # Symmetric linkages may be written in either direction.
    return relation.is_symmetric and _matches(target, left) and _matches(source, right)


def describe_pattern(relation: RelationType) -> str:
    """Human-readable form of a relation's allowed pattern, for error messages."""
    left, right = PATTERNS[relation]
    fmt = lambda side: "|".join(sorted(str(s) for s in side))  # noqa: E731
    return f"({fmt(left)})-[{relation.value}]->({fmt(right)})"
