"""Allowed ``(source kind, relation, target kind)`` patterns, declared as data.

Each side is a set of categories and/or kinds; a relation is allowed when its source matches
the left side and its target the right. Anything else is rejected at load time.
"""

from __future__ import annotations

from rcx.schema.extvalues import ExtKind, ExtRelationType
from rcx.schema.vocab import Category, ElementKind, RelationType
from rcx.schema.vocabulary import BUILTIN, Vocabulary

Kind = ElementKind | ExtKind
RelType = RelationType | ExtRelationType

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
    R.REPORTS_TO: (
        frozenset({C.MECHANISM}),
        frozenset({C.ORGANISATION}),
    ),
    # member -> class; both ends of one category (see SAME_CATEGORY) and the target a class.
    R.INSTANCE_OF: (_NON_PLACE - {C.REGIME}, _NON_PLACE - {C.REGIME}),
}

# Relation types whose two ends must be of the same category (a class holds like members).
SAME_CATEGORY = frozenset({R.INSTANCE_OF})

# Which ends of a relation type may be a *class* (``is_class: true``): (source, target).
# A class stands for what the source says of a group as a whole: it can be linked (Part III's
# linkages), contain members, sit in a regime, implement or use what its members do. It has no
# location, parties, creator or membership of its own.
CLASS_ENDPOINTS: dict[RelationType, tuple[bool, bool]] = {
    R.NESTED_IN: (True, True),
    R.OVERLAPS_WITH: (True, True),
    R.PARALLEL_TO: (True, True),
    R.CONFLICTS_WITH: (True, True),
    R.INSTANCE_OF: (True, True),
    R.PART_OF_REGIME: (True, False),
    R.IMPLEMENTS: (True, False),
    R.USES_TERM: (True, False),
    R.PROMOTES: (True, False),
    R.PARTICIPATES_IN: (True, True),
}
del C, K, R


def _matches(kind: Kind, side: Side | frozenset[str]) -> bool:
    return kind in side or kind.category in side


def _sides(relation: RelType, vocabulary: Vocabulary) -> list[tuple[frozenset[str], ...]]:
    """The built-in pattern of *relation* (if any), then the dataset's extra patterns."""
    out: list[tuple[frozenset[str], ...]] = []
    if isinstance(relation, RelationType) and relation in PATTERNS:
        out.append(PATTERNS[relation])
    out += [(frozenset({s}), frozenset({t})) for s, r, t in vocabulary.patterns if r == relation]
    return out


def pattern_allows(
    source: Kind, relation: RelType, target: Kind, vocabulary: Vocabulary = BUILTIN
) -> bool:
    """Is ``(source)-[relation]->(target)`` allowed (built-in patterns plus the dataset's)?

    >>> pattern_allows(ElementKind.STATE, RelationType.PARTY_TO, ElementKind.GLOBAL_TREATY)
    True
    >>> pattern_allows(ElementKind.STATE, RelationType.NESTED_IN, ElementKind.GLOBAL_TREATY)
    False
    """
    for left, right in _sides(relation, vocabulary):
        if _matches(source, left) and _matches(target, right):
            return True
        # Symmetric relations may be written in either direction.
        if relation.is_symmetric and _matches(target, left) and _matches(source, right):
            return True
    return False


def class_endpoint_allows(
    relation: RelType, *, source_is_class: bool, target_is_class: bool
) -> bool:
    """May a class be the source / target of ``relation``? (``INSTANCE_OF`` needs a class target.)

    >>> class_endpoint_allows(RelationType.OVERLAPS_WITH, source_is_class=True,
    ...                       target_is_class=False)
    True
    >>> class_endpoint_allows(RelationType.PARTY_TO, source_is_class=True, target_is_class=False)
    False
    """
    if not isinstance(relation, RelationType):  # a dataset's own types take no class ends
        return not (source_is_class or target_is_class)
    src_ok, dst_ok = CLASS_ENDPOINTS.get(relation, (False, False))
    return (src_ok or not source_is_class) and (dst_ok or not target_is_class)


def describe_pattern(relation: RelType, vocabulary: Vocabulary = BUILTIN) -> str:
    """Human-readable form of a relation's allowed patterns, for error messages."""
    fmt = lambda side: "|".join(sorted(str(s) for s in side))  # noqa: E731
    sides = _sides(relation, vocabulary)
    if not sides:
        return f"none: no pattern names {relation.value} (add one under 'patterns:')"
    return " or ".join(f"({fmt(left)})-[{relation.value}]->({fmt(right)})" for left, right in sides)
