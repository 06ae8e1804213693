"""Build the one typed in-memory graph (a networkx MultiDiGraph) every command runs on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from rcx.loaders.dataset import Dataset, load_dataset
from rcx.loaders.derive import derive_relations
from rcx.loaders.integrity import location_claim_id
from rcx.schema.models import Element, Provenance, Relation
from rcx.schema.vocab import RelationType
from rcx.schema.vocabulary import GRAPH_KEY


def element_attrs(el: Element) -> dict[str, Any]:
    """Node attributes: the record as plain JSON-able values, plus its category."""
    attrs = el.model_dump(mode="json", exclude_none=True)
    attrs["category"] = el.category.value
    return attrs


def relation_attrs(rel: Relation) -> dict[str, Any]:
    """Edge attributes: the record as plain values, plus flags analyses filter on."""
    attrs = rel.model_dump(mode="json", exclude_none=True)
    attrs["key"] = rel.key
    attrs["derived"] = rel.provenance.derived
    attrs["linkage"] = rel.type.is_linkage
    if rel.provenance.rule is not None:
        attrs["rule"] = rel.provenance.rule
    attrs["expanded"] = rel.expanded_from is not None
    return attrs


def place_relations(el: Element) -> list[Relation]:
    """HEADQUARTERED_IN / WORKS_IN relations stated by an element's own location fields."""
    out = []
    for fld, rtype in (
        ("headquarters", RelationType.HEADQUARTERED_IN),
        ("works_in", RelationType.WORKS_IN),
    ):
        for pid in getattr(el, fld):
            prov = Provenance(section=el.provenance.section, footnotes=el.provenance.footnotes)
            out.append(
                Relation(
                    source=el.id,
                    target=pid,
                    type=rtype,
                    provenance=prov,
                    claim=location_claim_id(el.provenance.section),
                )
            )
    return out


def all_relations(dataset: Dataset, *, derive: bool = True) -> list[Relation]:
    """Asserted relations, the location relations of elements, then derived ones."""
    asserted = list(dataset.relations)
    keys = {r.key for r in asserted}
    for el in dataset.elements.values():
        asserted += [r for r in place_relations(el) if r.key not in keys]
    if not derive:
        return asserted
    return asserted + derive_relations(
        dataset.meta.rules, dataset.elements, asserted, dataset.claims
    )


def build_graph(dataset: Dataset, *, derive: bool = True) -> nx.MultiDiGraph:
    """The dataset as a MultiDiGraph: nodes keyed by element id, edges keyed by relation key.

    Nodes carry ``is_class``; asserted edges carry ``claim``, derived ones ``rule`` (and
    ``expanded_from`` for member-level copies of a class-level claim, ``expanded`` is then
    true). An edge whose claim the source contradicts elsewhere has ``contradiction: true``.

    >>> g = build_graph(load_dataset())
    >>> g.nodes["trafficking-protocol"]["kind"]
    'global_treaty'
    """
    g: nx.MultiDiGraph[Any] = nx.MultiDiGraph(dataset=dataset.meta.id, title=dataset.meta.title)
    if dataset.vocabulary.is_extended:  # stores and exports carry the extensions along
        g.graph[GRAPH_KEY] = dataset.vocabulary.to_json()
    for el in dataset.elements.values():
        g.add_node(el.id, **element_attrs(el))
    contradicted = {c.id for c in dataset.claims.values() if c.contradicts}
    contradicted |= {o for c in dataset.claims.values() for o in c.contradicts}
    for rel in all_relations(dataset, derive=derive):
        g.add_edge(rel.source, rel.target, rel.key)
        attrs = relation_attrs(rel)
        if rel.claim in contradicted:
            attrs["contradiction"] = True
        g.edges[rel.source, rel.target, rel.key].update(attrs)
    return g


def load_graph(data: str | Path | None = None, *, derive: bool = True) -> nx.MultiDiGraph:
    """Load a dataset folder (default: the built-in one) and build its graph."""
    return build_graph(load_dataset(data), derive=derive)
