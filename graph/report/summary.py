"""Counts that describe a graph: by kind, category, relation type, provenance."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx

from rcx.schema.codebook import extension_rows
from rcx.schema.vocabulary import of_graph


@dataclass(frozen=True)
class GraphSummary:
    """What ``rcx info`` prints."""

    dataset: str
    elements: int
    relations: int
    by_kind: dict[str, int]
    by_category: dict[str, int]
    by_relation_type: dict[str, int]
    asserted_relations: int
    derived_relations: int
    derived_by_rule: dict[str, int]
    elements_with_provenance: int
    relations_with_provenance: int
    elements_with_footnotes: int
    relations_with_footnotes: int
    elements_with_notes: int
    notes_by_kind: dict[str, int] = field(default_factory=dict)
    classes: int = 0
    claims: int = 0
    contradicted_claims: int = 0
    expanded_relations: int = 0
    include_expanded: bool = False
    extensions: list[dict[str, str]] = field(default_factory=list)  # what the dataset adds

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def summarize(g: nx.MultiDiGraph, *, include_expanded: bool = False) -> GraphSummary:
    """Count a graph's elements and relations by type and by provenance.

    Member-level expansions of class-level claims (edges with ``expanded_from``) are counted
    only in ``expanded_relations`` unless ``include_expanded``. ``claims`` counts the distinct
    claims (statements of the source) the asserted relations belong to.

    >>> g = nx.MultiDiGraph(dataset="t")
    >>> g.add_node("a", kind="ngo", category="PrivateActor", provenance={"section": "VII"})
    >>> summarize(g).by_kind
    {'ngo': 1}
    """
    nodes = [d for _, d in g.nodes(data=True)]
    all_edges = [d for _, _, d in g.edges(data=True)]
    expanded = [e for e in all_edges if e.get("expanded_from")]
    edges = all_edges if include_expanded else [e for e in all_edges if not e.get("expanded_from")]
    claims = {e["claim"] for e in all_edges if e.get("claim")}
    derived = [e for e in edges if e.get("derived")]
    notes = Counter(n["kind"] for d in nodes + edges for n in d.get("notes", []))
    return GraphSummary(
        dataset=str(g.graph.get("dataset", "")),
        elements=len(nodes),
        relations=len(edges),
        by_kind=_sorted(Counter(d.get("kind", "?") for d in nodes)),
        by_category=_sorted(Counter(d.get("category", "?") for d in nodes)),
        by_relation_type=_sorted(Counter(e.get("type", "?") for e in edges)),
        asserted_relations=len(edges) - len(derived),
        derived_relations=len(derived),
        derived_by_rule=_sorted(Counter(e["provenance"].get("rule", "?") for e in derived)),
        elements_with_provenance=sum(1 for d in nodes if d.get("provenance", {}).get("section")),
        relations_with_provenance=sum(1 for e in edges if e.get("provenance", {}).get("section")),
        elements_with_footnotes=sum(1 for d in nodes if d.get("provenance", {}).get("footnotes")),
        relations_with_footnotes=sum(1 for e in edges if e.get("provenance", {}).get("footnotes")),
        elements_with_notes=sum(1 for d in nodes if d.get("notes")),
        notes_by_kind=_sorted(notes),
        classes=sum(1 for d in nodes if d.get("is_class")),
        claims=len(claims),
        contradicted_claims=len(
            {e["claim"] for e in all_edges if e.get("claim") and e.get("contradiction")}
        ),
        expanded_relations=len(expanded),
        include_expanded=include_expanded,
        extensions=extension_rows(of_graph(g.graph)),
    )


def _sorted(counter: Counter[str]) -> dict[str, int]:
    return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))
