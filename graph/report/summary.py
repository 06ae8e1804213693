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
    extensions: list[dict[str, str]] = field(default_factory=list)  # what the dataset adds

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def summarize(g: nx.MultiDiGraph) -> GraphSummary:
    """Count a graph's elements and relations by type and by provenance.

    >>> g = nx.MultiDiGraph(dataset="t")
    >>> g.add_node("a", kind="ngo", category="PrivateActor", provenance={"section": "VII"})
    >>> summarize(g).by_kind
    {'ngo': 1}
    """
    nodes = [d for _, d in g.nodes(data=True)]
    edges = [d for _, _, d in g.edges(data=True)]
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
        extensions=extension_rows(of_graph(g.graph)),
    )


def _sorted(counter: Counter[str]) -> dict[str, int]:
    return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))
