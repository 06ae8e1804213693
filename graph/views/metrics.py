"""Node colourings for ``--color-by``: kind, category, cluster, core, centrality.

Cluster and core come from :mod:`rcx.graph.analysis` (the one implementation of each measure),
computed on the same undirected graph the layout uses; centrality is networkx's degree centrality.
"""

from __future__ import annotations

import networkx as nx

from rcx.graph.analysis.clusters import louvain
from rcx.graph.analysis.core import k_cores
from rcx.graph.views.layout import layout_graph
from rcx.graph.views.style import CATEGORY_STYLE, kind_colours, qualitative, sequential
from rcx.schema.vocabulary import of_graph

COLOR_BY = ("kind", "category", "cluster", "core", "centrality")
Colouring = tuple[dict[str, str], list[dict[str, str]], str]


def clusters(g: nx.MultiDiGraph, seed: int) -> tuple[list[set[str]], str]:
    """Communities (largest first) and where they came from."""
    found = louvain(layout_graph(g), seed=seed)
    parts = sorted(
        ({str(n) for n in c} for c in found.communities), key=lambda c: (-len(c), min(c))
    )
    return parts, f"{louvain.__module__}.{louvain.__qualname__}"


def _scaled(values: dict[str, float], label: str, source: str) -> Colouring:
    lo, hi = min(values.values(), default=0.0), max(values.values(), default=0.0)
    span = (hi - lo) or 1.0
    colours = {n: sequential((v - lo) / span) for n, v in values.items()}
    legend = (
        [
            {"label": f"{label} {lo + span * t:.3g}", "colour": sequential(t)}
            for t in (0.0, 0.25, 0.5, 0.75, 1.0)
        ]
        if values
        else []
    )
    return colours, legend, source


def colouring(g: nx.MultiDiGraph, by: str, seed: int) -> Colouring:
    """``(node -> colour, legend entries, where the numbers came from)``."""
    if by == "kind":
        kc = kind_colours(of_graph(g.graph))
        return {n: kc[d["kind"]] for n, d in g.nodes(data=True)}, [], "kind"
    if by == "category":
        return {n: CATEGORY_STYLE[d["category"]][0] for n, d in g.nodes(data=True)}, [], "category"
    if by == "cluster":
        parts, source = clusters(g, seed)
        colours: dict[str, str] = {}
        legend = []
        for i, part in enumerate(parts):
            colour = qualitative(i) if len(part) > 1 else "#d1d5db"
            colours.update(dict.fromkeys(part, colour))
            if len(part) > 1 and i < 20:
                legend.append({"label": f"cluster {i + 1} ({len(part)})", "colour": colour})
        return colours, legend, source
    h = layout_graph(g)
    h.remove_edges_from(nx.selfloop_edges(h))
    if by == "core":
        core = k_cores(h).core_number
        return _scaled(
            {str(n): float(k) for n, k in core.items()},
            "k-core",
            f"{k_cores.__module__}.{k_cores.__qualname__}",
        )
    if by == "centrality":
        return _scaled(
            {str(n): float(c) for n, c in nx.degree_centrality(h).items()},
            "degree centrality",
            "networkx degree_centrality",
        )
    raise ValueError(f"unknown colouring {by!r}; choose one of {', '.join(COLOR_BY)}")
