"""Relations derived by named rules. Every derived relation says so: ``provenance.derived``.

A dataset opts in to rules in its ``dataset.yaml`` (``rules:``), each with the ``basis`` where the
source states the general claim. A derived relation never duplicates or contradicts an asserted
one: where the source already links two elements, the rule leaves them alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence

from rcx.schema.errors import DataError
from rcx.schema.models import Element, Provenance, Relation, RuleSpec
from rcx.schema.vocab import LINKAGE_TYPES, Category, RelationType

Rule = Callable[[RuleSpec, Mapping[str, Element], Sequence[Relation]], Iterator[Relation]]


def _derived(spec: RuleSpec) -> Provenance:
    return Provenance(section=spec.basis.section, footnotes=spec.basis.footnotes, derived=True,
                      rule=spec.rule)


def nested_by_implementation(
    spec: RuleSpec, elements: Mapping[str, Element], relations: Sequence[Relation]
) -> Iterator[Relation]:
    """An instrument that IMPLEMENTS another is NESTED_IN it (statutes inside their treaty)."""
    for rel in relations:
        if rel.type is RelationType.IMPLEMENTS and elements[rel.source].category in {
            Category.HARD_LAW, Category.SOFT_LAW
        }:
            yield Relation(source=rel.source, target=rel.target, type=RelationType.NESTED_IN,
                           description=f"derived from {rel.source} implementing {rel.target}",
                           provenance=_derived(spec))


def nested_by_creation(
    spec: RuleSpec, elements: Mapping[str, Element], relations: Sequence[Relation]
) -> Iterator[Relation]:
    """What an organisation CREATED (or ADMINISTERS) is NESTED_IN that organisation."""
    creators = {RelationType.CREATED_BY, RelationType.ADMINISTERED_BY}
    for rel in relations:
        target = elements[rel.target]
        if rel.type in creators and target.category is Category.ORGANISATION:
            yield Relation(source=rel.source, target=rel.target, type=RelationType.NESTED_IN,
                           description=f"derived: {rel.source} was created within {rel.target}",
                           provenance=_derived(spec))


def parallel_to_kinds(
    spec: RuleSpec, elements: Mapping[str, Element], relations: Sequence[Relation]
) -> Iterator[Relation]:
    """``spec.element`` is PARALLEL_TO every element of ``spec.kinds`` (an asserted absence)."""
    if spec.element is None or not spec.kinds:
        raise DataError("rule parallel-to-kinds needs 'element' and 'kinds'",
                        file="dataset.yaml", record=f"rule {spec.rule}")
    if spec.element not in elements:
        raise DataError(f"unknown element id {spec.element!r}", file="dataset.yaml",
                        record=f"rule {spec.rule}", field="element")
    kinds = set(spec.kinds)
    for el in elements.values():
        if el.kind in kinds and el.id != spec.element:
            yield Relation(source=spec.element, target=el.id, type=RelationType.PARALLEL_TO,
                           evidence=spec.description or f"general claim at {spec.basis.section}",
                           provenance=_derived(spec))


RULES: dict[str, Rule] = {
    "nested-by-implementation": nested_by_implementation,
    "nested-by-creation": nested_by_creation,
    "parallel-to-kinds": parallel_to_kinds,
}


def derive_relations(
    specs: Sequence[RuleSpec], elements: Mapping[str, Element], relations: Sequence[Relation]
) -> list[Relation]:
    """Apply each requested rule; skip pairs the asserted data already links by a linkage."""
    linked = {frozenset((r.source, r.target)) for r in relations if r.type in LINKAGE_TYPES}
    keys = {r.key for r in relations}
    out: list[Relation] = []
    for spec in specs:
        rule = RULES.get(spec.rule)
        if rule is None:
            raise DataError(f"unknown rule {spec.rule!r}; known: {', '.join(sorted(RULES))}",
                            file="dataset.yaml", record=f"rule {spec.rule}", field="rule")
        for rel in rule(spec, elements, relations):
            pair = frozenset((rel.source, rel.target))
            if rel.key in keys or pair in linked:
                continue
            keys.add(rel.key)
            linked.add(pair)
            out.append(rel)
    return out
