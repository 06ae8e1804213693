"""Ablation: the headline metrics as the paper's categories are added one layer at a time.

The linkage graph ``G`` is built once (:func:`rcx.graph.analysis.layers.linkage_graph` with the
given spec); each layer is the subgraph of ``G`` *induced* by the elements whose category is in the
layer's cumulative category set. The nested order follows the paper's map (Part II.C):

1. hard law;
2. + soft law;
3. + governmental and inter-governmental organisations and their mechanisms;
4. + private actors (NGOs, corporations, coalitions) and initiatives;
5. + the other international regimes;
6. + language and events;
7. + places (only when the spec puts places in the graph, e.g. ``everything``).

Every row carries :func:`rcx.graph.analysis.metrics.headline_metrics` of its subgraph, so a metric's
movement between rows is the effect of adding that category.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from rcx.graph.analysis.layers import LayerSpec, linkage_graph
from rcx.graph.analysis.metrics import SNAPSHOT_K, SNAPSHOT_MAX_EXACT, headline_metrics
from rcx.schema.vocab import Category

C = Category
LAYERS: tuple[tuple[str, tuple[Category, ...]], ...] = (
    ("hard law", (C.HARD_LAW,)),
    ("+ soft law", (C.SOFT_LAW,)),
    ("+ organisations & mechanisms", (C.ORGANISATION, C.MECHANISM)),
    ("+ private actors & initiatives", (C.PRIVATE_ACTOR, C.INITIATIVE)),
    ("+ other regimes", (C.REGIME,)),
    ("+ language & events", (C.LANGUAGE, C.EVENT)),
    ("+ places", (C.PLACE,)),
)
del C


@dataclass(frozen=True)
class AblationRow:
    """One nested layer: its name, the categories included so far, its headline metrics."""

    layer: str
    categories: tuple[str, ...]
    added: tuple[str, ...]
    metrics: dict[str, Any]

    def as_dict(self) -> dict[str, Any]:
        return {
            "layer": self.layer,
            "categories": list(self.categories),
            "added": list(self.added),
            "metrics": dict(self.metrics),
        }


@dataclass(frozen=True)
class Ablation:
    """All rows, with the spec and parameters that produced them."""

    rows: tuple[AblationRow, ...]
    params: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"rows": [r.as_dict() for r in self.rows], "params": dict(self.params)}


def induced(G: nx.Graph, nodes: Iterable[Any], *, data: bool = True) -> nx.Graph:
    """The subgraph of ``G`` induced by ``nodes``, as a copy that keeps ``G``'s node and edge
    order (``G.subgraph`` iterates a set, whose order varies between runs). ``data=False``
    leaves node and edge attributes out: enough for the headline metrics, and much cheaper
    for the many snapshot subgraphs of a large graph.

    >>> H = induced(nx.path_graph(4), [2, 1, 0], data=False)
    >>> list(H), list(H.edges())
    ([0, 1, 2], [(0, 1), (1, 2)])
    """
    keep = set(nodes)
    H = G.__class__(**G.graph)
    if data:
        H.add_nodes_from((n, d) for n, d in G.nodes(data=True) if n in keep)
        H.add_edges_from((u, v, d) for u, v, d in G.edges(data=True) if u in keep and v in keep)
    else:
        H.add_nodes_from(n for n in G if n in keep)
        H.add_edges_from((u, v) for u, v in G.edges() if u in keep and v in keep)
    return H


def category_subgraph(
    G: nx.Graph, categories: Sequence[str | Category], *, data: bool = True
) -> nx.Graph:
    """The subgraph of ``G`` induced by nodes whose ``category`` is one of ``categories``."""
    keep = {str(getattr(c, "value", c)) for c in categories}
    return induced(G, (n for n, d in G.nodes(data=True) if d.get("category") in keep), data=data)


def ablation(
    g: nx.MultiDiGraph,
    spec: LayerSpec | None = None,
    *,
    seed: int = 0,
    layers: Sequence[tuple[str, Sequence[Category]]] = LAYERS,
    G: nx.Graph | None = None,
    max_exact: int = SNAPSHOT_MAX_EXACT,
    k: int = SNAPSHOT_K,
) -> Ablation:
    """Headline metrics of the nested category layers (see the module docstring).

    ``G`` may be passed when the caller already built ``linkage_graph(g, spec)``. A layer that
    adds no node present in the graph (e.g. places when the spec leaves them out) is skipped
    and named in ``params["skipped"]``. Path measures: exact up to ``max_exact`` nodes, else
    from ``k`` seeded sources.

    >>> g = nx.MultiDiGraph()
    >>> for n, c in [("t", "HardLaw"), ("s", "SoftLaw"), ("o", "Organisation")]:
    ...     g.add_node(n, category=c)
    >>> _ = g.add_edge("s", "t", type="NESTED_IN", derived=False)
    >>> [(r.layer, r.metrics["nodes"], r.metrics["edges"]) for r in ablation(g).rows]
    [('hard law', 1, 0), ('+ soft law', 2, 1), ('+ organisations & mechanisms', 3, 1)]
    """
    spec = spec or LayerSpec.linkages()
    G = linkage_graph(g, spec) if G is None else G
    present = {d.get("category") for _, d in G.nodes(data=True)}
    included: list[str] = []
    rows: list[AblationRow] = []
    skipped: list[str] = []
    for name, cats in layers:
        added = tuple(str(c.value) for c in cats)
        included += added
        if rows and not present & set(added):
            skipped.append(name)
            continue
        sub = category_subgraph(G, included, data=False)
        metrics = headline_metrics(sub, seed=seed, max_exact=max_exact, k=k)
        rows.append(AblationRow(name, tuple(included), added, metrics))
    return Ablation(
        tuple(rows),
        {
            "function": "rcx.graph.analysis.ablation.ablation",
            "spec": spec.as_dict(),
            "seed": seed,
            "skipped": skipped,
            "max_exact": max_exact,
            "k": k,
            "layers": [[n, [c.value for c in cs]] for n, cs in layers],
        },
    )
