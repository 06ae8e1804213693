"""Relations derived by named rules. Every derived relation says so: ``provenance.derived``.

A dataset opts in to rules in its ``dataset.yaml`` (``rules:``), each with the ``basis`` where the
source states the general claim. A derived relation never duplicates or contradicts an asserted
one: where the source already links two elements, the rule leaves them alone. A derived relation
is never a claim: it has no ``claim``; an expansion of a class-level claim names it in
``expanded_from``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence

from rcx.schema.errors import DataError
from rcx.schema.models import Claim, Element, Provenance, Relation, RuleSpec
from rcx.schema.vocab import FUNCTIONS, LINKAGE_TYPES, Category, FunctionStatus, RelationType

Rule = Callable[
    [RuleSpec, Mapping[str, Element], Sequence[Relation], Mapping[str, Claim]], Iterator[Relation]
]


def _derived(spec: RuleSpec) -> Provenance:
    return Provenance(
        section=spec.basis.section, footnotes=spec.basis.footnotes, derived=True, rule=spec.rule
    )


def nested_by_implementation(
    spec: RuleSpec,
    elements: Mapping[str, Element],
    relations: Sequence[Relation],
    claims: Mapping[str, Claim],
) -> Iterator[Relation]:
    """An instrument that IMPLEMENTS another is NESTED_IN it (statutes inside their treaty)."""
    for rel in relations:
        if rel.type is RelationType.IMPLEMENTS and elements[rel.source].category in {
            Category.HARD_LAW,
            Category.SOFT_LAW,
        }:
            yield Relation(
                source=rel.source,
                target=rel.target,
                type=RelationType.NESTED_IN,
                description=f"derived from {rel.source} implementing {rel.target}",
                provenance=_derived(spec),
            )


def nested_by_creation(
    spec: RuleSpec,
    elements: Mapping[str, Element],
    relations: Sequence[Relation],
    claims: Mapping[str, Claim],
) -> Iterator[Relation]:
    """What an organisation CREATED (or ADMINISTERS) is NESTED_IN that organisation."""
    creators = {RelationType.CREATED_BY, RelationType.ADMINISTERED_BY}
    for rel in relations:
        target = elements[rel.target]
        if rel.type in creators and target.category is Category.ORGANISATION:
            yield Relation(
                source=rel.source,
                target=rel.target,
                type=RelationType.NESTED_IN,
                description=f"derived: {rel.source} was created within {rel.target}",
                provenance=_derived(spec),
            )


def class_members(
    elements: Mapping[str, Element], relations: Sequence[Relation]
) -> dict[str, list[str]]:
    """Class id -> its non-class members, through INSTANCE_OF (a subclass's members count).

    >>> from rcx.schema.models import Provenance
    >>> p = Provenance(section="VII")
    >>> els = {"c": Element(id="c", name="C", kind="ngo", is_class=True, provenance=p),
    ...        "s": Element(id="s", name="S", kind="ngo", is_class=True, provenance=p),
    ...        "m": Element(id="m", name="M", kind="ngo", provenance=p)}
    >>> rels = [Relation(source="m", target="s", type="INSTANCE_OF", claim="x", provenance=p),
    ...         Relation(source="s", target="c", type="INSTANCE_OF", claim="x", provenance=p)]
    >>> class_members(els, rels)
    {'c': ['m'], 's': ['m']}
    """
    direct: dict[str, set[str]] = {}
    for rel in relations:
        if rel.type is RelationType.INSTANCE_OF:
            direct.setdefault(rel.target, set()).add(rel.source)
    out: dict[str, list[str]] = {}
    for cls in sorted(c for c, el in elements.items() if el.is_class):
        seen, stack, leaves = {cls}, [cls], set()
        while stack:
            for m in direct.get(stack.pop(), ()):
                if m in seen:
                    continue
                seen.add(m)
                if elements[m].is_class:
                    stack.append(m)
                else:
                    leaves.add(m)
        out[cls] = sorted(leaves)
    return out


def expand_class_claims(
    spec: RuleSpec,
    elements: Mapping[str, Element],
    relations: Sequence[Relation],
    claims: Mapping[str, Claim],
) -> Iterator[Relation]:
    """Member-level copies of each asserted relation that has a class as an end.

    Each class end is replaced by the class's members (INSTANCE_OF, through subclasses). Where
    the relation's ``issue`` is one of the three functions (prevention, protection, prosecution)
    only members the data records as performing it (``yes``) are taken: the source says the
    class does it, not that every member does. The copies carry ``expanded_from`` (the claim)
    and are left out of counts and analyses by default. A claim with ``expand: false`` (the
    source speaks of "certain" members it does not name) is not expanded. PARALLEL_TO claims
    are expanded last,
    so that a member the source links to the other end is not also made parallel to it.
    """
    members = class_members(elements, relations)

    def ends(el_id: str, issue: str | None) -> list[str]:
        if not elements[el_id].is_class:
            return [el_id]
        ids = members.get(el_id, [])
        if issue in FUNCTIONS:
            ids = [m for m in ids if getattr(elements[m], issue) is FunctionStatus.YES]
        return ids

    grouped = [
        r
        for r in relations
        if not r.derived
        and r.type is not RelationType.INSTANCE_OF
        and (elements[r.source].is_class or elements[r.target].is_class)
        and (r.claim is None or r.claim not in claims or claims[r.claim].expand)
    ]
    grouped.sort(key=lambda r: r.type is RelationType.PARALLEL_TO)
    for rel in grouped:
        for src in ends(rel.source, rel.issue):
            for dst in ends(rel.target, rel.issue):
                if src == dst:
                    continue
                yield Relation(
                    source=src,
                    target=dst,
                    type=rel.type,
                    issue=rel.issue,
                    evidence=rel.evidence,
                    expanded_from=rel.claim,
                    description=f"derived: {src} stands for the class in claim {rel.claim}",
                    provenance=Provenance(
                        section=rel.provenance.section,
                        footnotes=rel.provenance.footnotes,
                        derived=True,
                        rule=spec.rule,
                    ),
                )


RULES: dict[str, Rule] = {
    "nested-by-implementation": nested_by_implementation,
    "nested-by-creation": nested_by_creation,
    "expand-class-claims": expand_class_claims,
}


def derive_relations(
    specs: Sequence[RuleSpec],
    elements: Mapping[str, Element],
    relations: Sequence[Relation],
    claims: Mapping[str, Claim] | None = None,
) -> list[Relation]:
    """Apply each requested rule; skip pairs the asserted data already links by a linkage."""
    linked = {frozenset((r.source, r.target)) for r in relations if r.type in LINKAGE_TYPES}
    keys = {r.key for r in relations}
    out: list[Relation] = []
    for spec in specs:
        rule = RULES.get(spec.rule)
        if rule is None:
            raise DataError(
                f"unknown rule {spec.rule!r}; known: {', '.join(sorted(RULES))}",
                file="dataset.yaml",
                record=f"rule {spec.rule}",
                field="rule",
            )
        for rel in rule(spec, elements, relations, claims or {}):
            pair = frozenset((rel.source, rel.target))
            if rel.key in keys or pair in linked:
                continue
            keys.add(rel.key)
            linked.add(pair)
            out.append(rel)
    return out
