"""Headline numbers of a linkage graph, and the single measures other modules reuse.

Conventions: ``n`` nodes, ``m`` edges, undirected simple graph. A measure undefined for the
graph at hand (e.g. density of a single node) is ``nan``, never an exception. Path-based
measures (average path length, efficiency, betweenness) run in igraph's C code on a graph
converted once (:func:`rcx.graph.analysis.layers.to_igraph`); they are exact when ``n <= max_exact``
and otherwise estimated from ``k`` sources drawn uniformly at random with ``seed`` (the
Brandes–Pich 2007 source-sampling estimator), which the result records.
"""

from __future__ import annotations

import math
import random
from typing import Any

import networkx as nx
import numpy as np

from rcx.graph.analysis.guards import simple_graph_only
from rcx.graph.analysis.layers import (
    edge_count,
    graph_cache,
    to_igraph,
)

NAN = float("nan")
MAX_EXACT = 2_000
"""Path measures and betweenness are exact up to this many nodes (cost ∝ n × edges) ..."""
SAMPLE_K = 1_000
"""... and above it estimated from this many seeded BFS sources (cost ∝ k × edges: linear)."""
SNAPSHOT_MAX_EXACT = 1_000
SNAPSHOT_K = 256
"""Exactness limit and sources for the many repeated sub-graph headlines (timeline years,
ablation layers): each is one row of a table, so fewer sources keep their total cost linear."""


def sample_sources(
    n: int, *, max_exact: int = MAX_EXACT, k: int = SAMPLE_K, seed: int | None = 0
) -> list[int] | None:
    """``None`` (use every vertex) if ``n <= max_exact``, else ``k`` sorted random vertex indices.

    >>> sample_sources(5) is None, len(sample_sources(50, max_exact=10, k=7, seed=1))
    (True, 7)
    """
    if n <= max_exact or k >= n:
        return None
    return sorted(random.Random(seed).sample(range(n), k))


@simple_graph_only
def density(G: nx.Graph) -> float:
    """``2m / (n(n-1))``; nan if ``n < 2``.

    >>> density(nx.complete_graph(4)), math.isnan(density(nx.empty_graph(1)))
    (1.0, True)
    """
    n = G.number_of_nodes()
    return 2 * edge_count(G) / (n * (n - 1)) if n > 1 else NAN


@simple_graph_only
def component_sizes(G: nx.Graph) -> list[int]:
    """Sizes of the connected components, largest first (igraph).

    >>> component_sizes(nx.union(nx.path_graph(3), nx.empty_graph(2), rename="ab"))
    [3, 1, 1]
    """
    if G.number_of_nodes() == 0:
        return []
    h, _ = to_igraph(G)
    return sorted(np.bincount(h.connected_components().membership).tolist(), reverse=True)


@simple_graph_only
def borgatti_fragmentation(G: nx.Graph) -> float:
    """Borgatti's (2006) reachability fragmentation ``F = 1 - Σ_k s_k(s_k-1) / (n(n-1))``.

    ``s_k`` are component sizes: F is the share of ordered node pairs that cannot reach each
    other. 0 = connected, 1 = all isolates; nan if ``n < 2``.

    >>> borgatti_fragmentation(nx.union(nx.complete_graph(3), nx.complete_graph(3), rename="ab"))
    0.6
    """
    n = G.number_of_nodes()
    if n < 2:
        return NAN
    return 1 - sum(s * (s - 1) for s in component_sizes(G)) / (n * (n - 1))


def freeman_centralization(scores: Any, denominator: float) -> float:
    """Freeman (1979) centralization ``Σ_i (s_max - s_i) / denominator`` of node scores ``s``;
    the denominator is the value the star graph (the most centralized graph) reaches.
    Every centralization in rcx is this formula.

    >>> freeman_centralization([3, 1, 1, 1], 6)
    1.0
    """
    s = np.asarray(scores, dtype=float)
    return float(np.sum(s.max() - s) / denominator) if len(s) else NAN


def degree_centralization_ig(h: Any) -> float:
    """:func:`degree_centralization` of an undirected simple igraph graph (null samples)."""
    n = h.vcount()
    return freeman_centralization(h.degree(), (n - 1) * (n - 2)) if n >= 3 else NAN


def betweenness_centralization_ig(h: Any, sources: list[int] | None = None) -> float:
    """:func:`betweenness_centralization` of an undirected simple igraph graph, exact or from
    the given BFS ``sources`` (scaled by ``n / len(sources)``, as :func:`betweenness`)."""
    n = h.vcount()
    if n < 3:
        return NAN
    raw = np.asarray(
        h.betweenness(directed=False)
        if sources is None
        else h.betweenness(directed=False, sources=sources),
        dtype=float,
    )
    if sources is not None:
        raw *= n / len(sources)
    return freeman_centralization(raw / ((n - 1) * (n - 2) / 2), n - 1)


@simple_graph_only
def degree_centralization(G: nx.Graph) -> float:
    """Freeman degree centralization ``Σ_i (d_max - d_i) / ((n-1)(n-2))``: 1 for a star.

    The denominator is the star's value, the maximum over graphs with n nodes; nan if ``n < 3``.

    >>> degree_centralization(nx.star_graph(4)), degree_centralization(nx.cycle_graph(5))
    (1.0, 0.0)
    """
    n = G.number_of_nodes()
    if n < 3:
        return NAN
    return freeman_centralization([d for _, d in G.degree()], (n - 1) * (n - 2))


@simple_graph_only
def max_degree_coverage(G: nx.Graph) -> float:
    """The paper's literal core test (III.A.3): ``max_i d_i / (n-1)``; 1 = one element links to
    all others. nan if ``n < 2``.

    >>> max_degree_coverage(nx.star_graph(3)), max_degree_coverage(nx.path_graph(5))
    (1.0, 0.5)
    """
    n = G.number_of_nodes()
    return max(d for _, d in G.degree()) / (n - 1) if n > 1 else NAN


@simple_graph_only
def betweenness(
    G: nx.Graph, *, max_exact: int = MAX_EXACT, k: int = SAMPLE_K, seed: int | None = 0
) -> dict[Any, float]:
    """Normalised betweenness ``b_i / ((n-1)(n-2)/2)`` (Brandes; igraph), per node.

    Exact if ``n <= max_exact``; else source-sampled: the ``k`` sources' sum scaled by ``n/k``.

    >>> betweenness(nx.star_graph(3))[0]
    1.0
    """
    n = G.number_of_nodes()
    if n < 3:
        return dict.fromkeys(G, 0.0)
    cache = graph_cache(G)
    key = ("rcx-betweenness", n, edge_count(G), max_exact, k, seed)
    if cache is not None and key in cache:
        return dict(cache[key])
    h, nodes = to_igraph(G)
    src = sample_sources(n, max_exact=max_exact, k=k, seed=seed)
    raw = np.asarray(
        h.betweenness(directed=False)
        if src is None
        else h.betweenness(directed=False, sources=src),
        dtype=float,
    )
    if src is not None:
        raw *= n / len(src)
    raw /= (n - 1) * (n - 2) / 2
    out = dict(zip(nodes, raw.tolist(), strict=True))
    if cache is not None:
        cache[key] = out
    return dict(out)


@simple_graph_only
def betweenness_centralization(
    G: nx.Graph, *, max_exact: int = MAX_EXACT, k: int = SAMPLE_K, seed: int | None = 0
) -> float:
    """Freeman betweenness centralization ``Σ_i (b_max - b_i) / (n-1)`` on normalised ``b``.

    ``n - 1`` is the star's value (its hub has b = 1, leaves 0), the maximum; nan if ``n < 3``.

    >>> betweenness_centralization(nx.star_graph(4)), betweenness_centralization(nx.cycle_graph(6))
    (1.0, 0.0)
    """
    n = G.number_of_nodes()
    if n < 3:
        return NAN
    b = np.fromiter(betweenness(G, max_exact=max_exact, k=k, seed=seed).values(), float)
    return freeman_centralization(b, n - 1)


@simple_graph_only
def path_stats(
    G: nx.Graph, *, max_exact: int = MAX_EXACT, k: int = SAMPLE_K, seed: int | None = 0
) -> dict[str, float | int]:
    """Average shortest path length within the largest component, and global efficiency.

    ``average_path_length`` = mean of d(i, j) over ordered pairs of distinct nodes of the largest
    component (nan if it has < 2 nodes). ``global_efficiency`` (Latora & Marchiori 2001) =
    ``Σ_{i≠j} 1/d(i,j) / (n(n-1))`` over the whole graph, unreachable pairs contributing 0
    (nan if ``n < 2``). ``path_sources`` = BFS sources used (all nodes when exact). Results are
    cached on ``G`` like :func:`rcx.graph.analysis.layers.to_igraph`'s conversion.

    >>> s = path_stats(nx.path_graph(3))
    >>> round(s["average_path_length"], 4), round(s["global_efficiency"], 4)
    (1.3333, 0.8333)
    """
    n = G.number_of_nodes()
    cache = graph_cache(G)
    key = ("rcx-paths", n, edge_count(G), max_exact, k, seed)
    if cache is not None and key in cache:
        return dict(cache[key])
    out = _path_stats(G, max_exact=max_exact, k=k, seed=seed)
    if cache is not None:
        cache[key] = out
    return dict(out)


def _path_stats(G: nx.Graph, *, max_exact: int, k: int, seed: int | None) -> dict[str, float | int]:
    n = G.number_of_nodes()
    out: dict[str, float | int] = {
        "average_path_length": NAN,
        "global_efficiency": NAN,
        "path_sources": 0,
    }
    if n < 2:
        return out
    h, _ = to_igraph(G)
    src = sample_sources(n, max_exact=max_exact, k=k, seed=seed)
    harmonic = h.harmonic_centrality(vertices=src, normalized=True)
    out["global_efficiency"] = float(np.mean(harmonic))
    out["path_sources"] = n if src is None else len(src)
    memb = np.asarray(h.connected_components().membership)
    giant = int(np.bincount(memb).argmax())
    lcc = np.flatnonzero(memb == giant)
    if len(lcc) < 2:
        return out
    sub = h.induced_subgraph(lcc.tolist())
    if src is None:
        out["average_path_length"] = float(sub.average_path_length(directed=False))
    else:
        pos = {int(v): i for i, v in enumerate(lcc)}
        inside = [pos[s] for s in src if s in pos] or [0]
        close = np.asarray(sub.closeness(vertices=inside, normalized=True), dtype=float)
        out["average_path_length"] = float(np.mean(1 / close))
    return out


@simple_graph_only
def transitivity(G: nx.Graph) -> float:
    """Global clustering: ``3 × triangles / connected triples`` (nan if there is no triple).

    >>> transitivity(nx.complete_graph(4)), math.isnan(transitivity(nx.path_graph(2)))
    (1.0, True)
    """
    if edge_count(G) == 0:
        return NAN
    h, _ = to_igraph(G)
    t = h.transitivity_undirected()
    return NAN if t is None else float(t)


@simple_graph_only
def headline_metrics(
    G: nx.Graph,
    *,
    max_exact: int = MAX_EXACT,
    k: int = SAMPLE_K,
    seed: int = 0,
    modularity: bool = True,
) -> dict[str, float | int]:
    """The headline numbers of a linkage graph (see each measure's function for its formula).

    nodes, edges, density, components, largest_component_share (largest component size / n),
    isolates, fragmentation (:func:`borgatti_fragmentation`), average_path_length and
    global_efficiency (:func:`path_stats`), degree_centralization, betweenness_centralization,
    max_degree_coverage (the paper's core test), modularity (Louvain, seeded with ``seed``;
    :func:`rcx.graph.analysis.clusters.louvain`; nan without edges), clustering (transitivity).
    Undefined values are nan. Parameters are recorded as numbers: ``seed``, ``max_exact``,
    ``path_sources`` (BFS sources behind the path measures and betweenness; n when exact).

    >>> m = headline_metrics(nx.star_graph(4))
    >>> m["nodes"], m["components"], m["degree_centralization"], m["max_degree_coverage"]
    (5, 1, 1.0, 1.0)
    """
    n = G.number_of_nodes()
    sizes = component_sizes(G)
    opts = {"max_exact": max_exact, "k": k, "seed": seed}
    paths = path_stats(G, **opts)
    out: dict[str, float | int] = {
        "nodes": n,
        "edges": edge_count(G),
        "density": density(G),
        "components": len(sizes),
        "largest_component_share": sizes[0] / n if n else NAN,
        "isolates": sizes.count(1),
        "fragmentation": borgatti_fragmentation(G),
        "average_path_length": paths["average_path_length"],
        "global_efficiency": paths["global_efficiency"],
        "degree_centralization": degree_centralization(G),
        "betweenness_centralization": betweenness_centralization(G, **opts),
        "max_degree_coverage": max_degree_coverage(G),
    }
    if modularity:
        out["modularity"] = NAN
        if edge_count(G):
            from rcx.graph.analysis.clusters import louvain

            out["modularity"] = louvain(G, seed=seed).modularity
    out["clustering"] = transitivity(G)
    out.update(seed=seed, max_exact=max_exact, path_sources=paths["path_sources"] or n)
    return out


def is_nan(x: float) -> bool:
    """``math.isnan`` that tolerates ints."""
    return isinstance(x, float) and math.isnan(x)
