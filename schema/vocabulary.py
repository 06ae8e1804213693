"""The vocabulary a dataset's records validate against: the built-in enums plus its extensions.

``dataset.yaml`` may add values to the open-ended vocabularies (approaches, activities, element
kinds within a built-in category, relation types with their direction) and allowed patterns.
The built-in values stay :mod:`enum` members (``kind is ElementKind.STATE`` keeps working); a
value a dataset adds is an :class:`ExtValue` (a ``str``) that offers the same attributes
(``.value``, ``.category``, ``.label``, ``.is_symmetric``, ``.is_linkage``), so code that
reads records needs no branch for it. Records validate against a :class:`Vocabulary` passed
as pydantic validation context; without one only the built-in values are accepted.

>>> ext = VocabularyExtension(approaches={"environment": "environmental protection"})
>>> vocab = BUILTIN.extended(ext)
>>> vocab.approach("environment").definition
'environmental protection'
>>> vocab.approach("labour") is Approach.LABOUR
True
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, StringConstraints

from rcx.schema.extvalues import (
    ActivityValue,
    ApproachValue,
    ExtKind,
    ExtRelationType,
    ExtValue,
    Kind,
    RelType,
)
from rcx.schema.vocab import (
    Activity,
    Approach,
    Category,
    ElementKind,
    RelationType,
    kind_label,
)

VALUE_SLUG = r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$"
"""Kinds, approaches and activities: lower snake case (``data_collection``)."""
TYPE_SLUG = r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$"
"""Relation types: upper snake case (``PARTY_TO``)."""
CONTEXT_KEY = "vocabulary"
GRAPH_KEY = "vocabulary"
"""The graph attribute (JSON text) that carries a dataset's extensions to stores and exports."""


# --------------------------------------------------------------------- what a dataset adds

_ValueKey = Annotated[str, StringConstraints(pattern=VALUE_SLUG, max_length=60)]
_TypeKey = Annotated[str, StringConstraints(pattern=TYPE_SLUG, max_length=60)]
Definition = Annotated[
    str,
    StringConstraints(
        min_length=3, max_length=300, pattern=r"^[^\x00-\x1f\x7f]+$", strip_whitespace=True
    ),
]
Pattern = tuple[str, str, str]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class KindExtension(_Strict):
    """An element kind a dataset adds, inside one of the built-in categories."""

    category: Category
    definition: Definition


class RelationExtension(_Strict):
    """A structural relation type a dataset adds; never a linkage type."""

    definition: Definition
    symmetric: bool = False


class VocabularyExtension(_Strict):
    """``vocabulary:`` in ``dataset.yaml``: each new value with its one-line definition."""

    approaches: dict[_ValueKey, Definition] = {}
    activities: dict[_ValueKey, Definition] = {}
    kinds: dict[_ValueKey, KindExtension] = {}
    relation_types: dict[_TypeKey, RelationExtension] = {}

    def is_empty(self) -> bool:
        return not (self.approaches or self.activities or self.kinds or self.relation_types)


# ------------------------------------------------------------------------- the vocabulary


@dataclass(frozen=True)
class Vocabulary:
    """Every value records may use: built-in enum members, then the dataset's additions."""

    kinds: Mapping[str, Kind]
    relation_types: Mapping[str, RelType]
    approaches: Mapping[str, ApproachValue]
    activities: Mapping[str, ActivityValue]
    patterns: tuple[Pattern, ...] = ()
    extension: VocabularyExtension = field(default_factory=VocabularyExtension)

    @classmethod
    def builtin(cls) -> Vocabulary:
        return cls(
            kinds={k.value: k for k in ElementKind},
            relation_types={t.value: t for t in RelationType},
            approaches={a.value: a for a in Approach},
            activities={a.value: a for a in Activity},
        )

    @property
    def is_extended(self) -> bool:
        return bool(self.patterns) or not self.extension.is_empty()

    def extended(self, ext: VocabularyExtension, patterns: tuple[Pattern, ...] = ()) -> Vocabulary:
        """This vocabulary plus *ext*; raises ``ValueError`` for the first problem.

        Use :func:`extension_problems` first to report every problem at once.
        """
        problems = extension_problems(ext, patterns)
        if problems:
            raise ValueError(problems[0][1])

        def add(base: Mapping[str, Any], new: Mapping[str, ExtValue]) -> dict[str, Any]:
            return {**base, **new}

        return Vocabulary(
            kinds=add(
                self.kinds, {k: ExtKind(k, d.definition, d.category) for k, d in ext.kinds.items()}
            ),
            relation_types=add(
                self.relation_types,
                {
                    t: ExtRelationType(t, d.definition, d.symmetric)
                    for t, d in ext.relation_types.items()
                },
            ),
            approaches=add(self.approaches, {a: ExtValue(a, d) for a, d in ext.approaches.items()}),
            activities=add(self.activities, {a: ExtValue(a, d) for a, d in ext.activities.items()}),
            patterns=self.patterns + tuple(patterns),
            extension=ext,
        )

    def kind(self, value: str) -> Kind:
        return _lookup(self.kinds, value, "element kind")

    def relation_type(self, value: str) -> RelType:
        return _lookup(self.relation_types, value, "relation type")

    def approach(self, value: str) -> ApproachValue:
        return _lookup(self.approaches, value, "approach")

    def activity(self, value: str) -> ActivityValue:
        return _lookup(self.activities, value, "activity")

    def context(self) -> dict[str, Vocabulary]:
        """The pydantic validation context: ``Element.model_validate(d, context=v.context())``."""
        return {CONTEXT_KEY: self}

    def to_json(self) -> str:
        """The dataset's additions as compact, sorted JSON text ("" for the built-in one)."""
        if not self.is_extended:
            return ""
        doc = self.extension.model_dump(mode="json") | {
            "patterns": [list(p) for p in self.patterns]
        }
        return json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _lookup(table: Mapping[str, Any], value: str, what: str) -> Any:
    try:
        return table[value]
    except (KeyError, TypeError):
        allowed = ", ".join(sorted(table))
        raise ValueError(f"{value!r} is not a known {what}; allowed: {allowed}") from None


BUILTIN = Vocabulary.builtin()


@lru_cache(maxsize=32)
def from_json(text: str) -> Vocabulary:
    """The vocabulary :meth:`Vocabulary.to_json` describes (``""``: the built-in one)."""
    if not text:
        return BUILTIN
    doc = json.loads(text)
    patterns = tuple(tuple(p) for p in doc.pop("patterns", []))
    return BUILTIN.extended(VocabularyExtension.model_validate(doc), patterns)


def of_graph(graph_attrs: Mapping[str, Any]) -> Vocabulary:
    """The vocabulary of a graph, from its ``vocabulary`` attribute (``g.graph``)."""
    text = graph_attrs.get(GRAPH_KEY) or ""
    if not isinstance(text, str):
        raise ValueError("graph attribute 'vocabulary' must be JSON text")
    return from_json(text)


# ----------------------------------------------------------------------- checking additions

_RESERVED_LABELS = frozenset({"Element", "RcxDataset"} | {c.value for c in Category})
_BUILTIN_LABELS = frozenset(k.label for k in ElementKind)


def extension_problems(
    ext: VocabularyExtension, patterns: tuple[Pattern, ...] | list[Pattern] = ()
) -> list[tuple[str, str]]:
    """Every problem of a dataset's additions, as ``(field, message)`` pairs (empty: fine).

    >>> ext = VocabularyExtension(approaches={"labour": "work"})
    >>> [field for field, _ in extension_problems(ext)]
    ['vocabulary.approaches.labour']
    """
    out: list[tuple[str, str]] = []
    builtin = (
        ("approaches", Approach, "approach"),
        ("activities", Activity, "activity"),
        ("kinds", ElementKind, "element kind"),
        ("relation_types", RelationType, "relation type"),
    )
    for fld, enum, what in builtin:
        for value in getattr(ext, fld):
            if value in {m.value for m in enum}:
                out.append(
                    (
                        f"vocabulary.{fld}.{value}",
                        f"{value!r} is already a built-in {what}; use it as it is, or "
                        "choose another name",
                    )
                )
    for value in ext.kinds:
        label = kind_label(value)
        if label in _RESERVED_LABELS or (
            label in _BUILTIN_LABELS and value not in {k.value for k in ElementKind}
        ):
            out.append(
                (
                    f"vocabulary.kinds.{value}",
                    f"kind {value!r} would make the Neo4j label {label!r}, which rcx "
                    "already uses; choose another name",
                )
            )
    for i, pat in enumerate(patterns):
        out += [(f"patterns.{i}", msg) for msg in pattern_problems(pat, ext)]
    return out


def pattern_problems(pattern: Pattern, ext: VocabularyExtension) -> list[str]:
    """What is wrong with one ``[source, RELATION, target]`` pattern (empty: fine)."""
    if len(pattern) != 3 or not all(isinstance(p, str) for p in pattern):
        return [
            f"a pattern is [source kind or category, RELATION_TYPE, target kind or "
            f"category]; got {list(pattern)!r}"
        ]
    src, rel, dst = pattern
    sides = {k.value for k in ElementKind} | set(ext.kinds) | {c.value for c in Category}
    relations = {t.value for t in RelationType} | set(ext.relation_types)
    out = [
        f"pattern {list(pattern)}: {name!r} is not a known element kind or category"
        for name in (src, dst)
        if name not in sides
    ]
    if rel not in relations:
        out.append(f"pattern {list(pattern)}: {rel!r} is not a known relation type")
    elif rel == RelationType.PARALLEL_TO.value:
        out.append(
            f"pattern {list(pattern)}: PARALLEL_TO is fixed (an asserted absence of "
            "linkage); its allowed pattern cannot be extended"
        )
    return out


__all__ = [
    "BUILTIN",
    "ExtKind",
    "ExtRelationType",
    "ExtValue",
    "KindExtension",
    "Pattern",
    "RelationExtension",
    "Vocabulary",
    "VocabularyExtension",
    "extension_problems",
    "from_json",
    "of_graph",
    "pattern_problems",
]
