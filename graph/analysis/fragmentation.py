"""How fragmented is the complex? Components, reachability, conflicting and parallel pairs,
and robustness to the loss of its most central elements.

Parallel (III.A.3) is an asserted *absence* of linkage: a pair the source says is unlinked. It is
kept apart from pairs that are merely unlinked in the data (``unknown``): absence of evidence is
not evidence of absence.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx
import numpy as np

from rcx.graph.analysis.guards import simple_graph_only
from rcx.graph.analysis.layers import (
    CONFLICT,
    NESTED,
    OVERLAP,
    LayerSpec,
    conflict_pairs,
    linkage_graph,
    parallel_pairs,
    to_igraph,
)
from rcx.graph.analysis.metrics import (
    MAX_EXACT,
    NAN,
    SAMPLE_K,
    borgatti_fragmentation,
    component_sizes,
    density,
    path_stats,
    sample_sources,
)


@dataclass(frozen=True)
class PairShares:
    """Element pairs by what the data says about them (counts, and shares of all / linked pairs).

    ``pairs`` = n(n-1)/2 over the linkage graph's nodes. ``linked`` = pairs joined by an edge of
    the layer; ``overlapping``/``nested`` = linked pairs with at least one relation of that type;
    ``conflicting`` = pairs with a CONFLICTS_WITH relation (``conflicting_of_linked`` = those also
    linked, over ``linked``); ``parallel`` = pairs asserted PARALLEL_TO; ``parallel_and_linked``
    = asserted parallel *and* linked (worth a look; ``parallel_of_linked`` = their share of the
    linked pairs, ``parallel_of_unlinked`` = the share of unlinked pairs asserted parallel);
    ``unknown`` = neither linked nor asserted parallel.
    """

    pairs: int
    linked: int
    conflicting: int
    overlapping: int
    nested: int
    parallel: int
    parallel_and_linked: int
    unknown: int
    share_linked: float
    share_conflicting: float
    share_parallel: float
    share_unknown: float
    conflicting_of_linked: float
    parallel_of_linked: float
    parallel_of_unlinked: float
    params: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def pair_shares(
    g: nx.MultiDiGraph, spec: LayerSpec | None = None, *, G: nx.Graph | None = None
) -> PairShares:
    """Count element pairs as linked / conflicting / parallel / unknown (see :class:`PairShares`).

    ``G`` (the linkage graph of ``g`` under ``spec``) is built unless given.

    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from("abcd", category="HardLaw")
    >>> _ = g.add_edge("a", "b", type="CONFLICTS_WITH", issue="approach", derived=False)
    >>> _ = g.add_edge("c", "d", type="PARALLEL_TO", derived=False)
    >>> s = pair_shares(g)
    >>> s.pairs, s.linked, s.conflicting, s.parallel, s.unknown, s.conflicting_of_linked
    (6, 1, 1, 1, 4, 1.0)
    """
    spec = spec or LayerSpec.linkages()
    G = linkage_graph(g, spec) if G is None else G
    n = G.number_of_nodes()
    pairs = n * (n - 1) // 2
    linked = G.number_of_edges()
    by_type = {
        t: sum(1 for _, _, d in G.edges(data=True) if t in d.get("types", ()))
        for t in (OVERLAP, NESTED)
    }
    inside = [
        p for p in conflict_pairs(g, include_derived=spec.include_derived) if all(x in G for x in p)
    ]
    by_type[CONFLICT] = len(inside)
    conf_linked = sum(1 for p in inside if G.has_edge(*p))
    par = {
        p for p in parallel_pairs(g, include_derived=spec.include_derived) if all(x in G for x in p)
    }
    par_linked = sum(1 for p in par if G.has_edge(*p))
    unknown = pairs - linked - (len(par) - par_linked)

    def share(a: int, b: int) -> float:
        return a / b if b else NAN

    return PairShares(
        pairs,
        linked,
        by_type[CONFLICT],
        by_type[OVERLAP],
        by_type[NESTED],
        len(par),
        par_linked,
        unknown,
        share(linked, pairs),
        share(by_type[CONFLICT], pairs),
        share(len(par), pairs),
        share(unknown, pairs),
        share(conf_linked, linked),
        share(par_linked, linked),
        share(len(par) - par_linked, pairs - linked),
        {"spec": spec.as_dict()},
    )


@dataclass(frozen=True)
class RemovalStep:
    """The graph after removing ``step`` elements, ``removed`` being the last one removed."""

    step: int
    removed: str | None
    fragmentation: float
    components: int
    largest_component_share: float


@simple_graph_only
def robustness(
    G: nx.Graph,
    *,
    k: int = 10,
    by: str = "degree",
    recompute: bool = True,
    max_exact: int = MAX_EXACT,
    sample_k: int = SAMPLE_K,
    seed: int = 0,
) -> list[RemovalStep]:
    """Remove the most central element, k times, and measure what is left (a targeted attack).

    ``by``: ``"degree"`` or ``"betweenness"`` (igraph; exact up to ``max_exact`` nodes, else
    ``sample_k`` seeded sources). ``recompute=True`` re-ranks on the remaining graph after every
    removal (adaptive attack); ``False`` ranks once on the intact graph (static). Ties go to the
    smaller node id (as str). Step 0 is the intact graph; fragmentation (Borgatti's F), components
    and largest-component share are over the *remaining* nodes.

    >>> [(s.step, s.removed, s.fragmentation) for s in robustness(nx.star_graph(3), k=1)]
    [(0, None, 0.0), (1, '0', 1.0)]
    """
    if by not in ("degree", "betweenness"):
        raise ValueError("by must be 'degree' or 'betweenness'")
    h, nodes = to_igraph(G)
    alive = np.ones(len(nodes), dtype=bool)
    names = [str(x) for x in nodes]
    name_rank = np.empty(len(nodes), dtype=np.int64)
    name_rank[sorted(range(len(nodes)), key=names.__getitem__)] = np.arange(len(nodes))
    steps: list[RemovalStep] = []

    def ranked(sub: Any, idx: np.ndarray) -> np.ndarray:
        if by == "degree":
            score = np.asarray(sub.degree(), dtype=float)
        else:
            src = sample_sources(len(idx), max_exact=max_exact, k=sample_k, seed=seed)
            score = np.asarray(sub.betweenness(directed=False, sources=src), dtype=float)
        return idx[np.lexsort((name_rank[idx], -score))]  # by score, ties by name

    static = ranked(h, np.arange(len(nodes))) if not recompute else np.zeros(0, dtype=np.int64)
    removed: str | None = None
    for step in range(min(k, len(nodes)) + 1):
        idx = np.flatnonzero(alive)
        sub = h.induced_subgraph(idx.tolist())
        sizes = np.bincount(sub.connected_components().membership) if len(idx) else np.array([])
        n = len(idx)
        frag = 1 - float(np.sum(sizes * (sizes - 1))) / (n * (n - 1)) if n > 1 else NAN
        steps.append(
            RemovalStep(step, removed, frag, len(sizes), float(sizes.max()) / n if n else NAN)
        )
        if step == k or n == 0:
            break
        victim = int(ranked(sub, idx)[0] if recompute else static[step])
        alive[victim] = False
        removed = names[victim]
    return steps


@dataclass(frozen=True)
class FragmentationReport:
    """Everything this module says about fragmentation, with the parameters used."""

    nodes: int
    edges: int
    density: float
    components: int
    component_sizes: list[int]
    largest_component_share: float
    isolates: int
    fragmentation: float
    average_path_length: float
    global_efficiency: float
    pairs: PairShares
    robustness_degree: list[RemovalStep]
    robustness_betweenness: list[RemovalStep]
    params: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def fragmentation_report(
    g: nx.MultiDiGraph,
    spec: LayerSpec | None = None,
    *,
    k: int = 10,
    recompute: bool = True,
    max_exact: int = MAX_EXACT,
    sample_k: int = SAMPLE_K,
    seed: int = 0,
    top_components: int = 20,
    G: nx.Graph | None = None,
) -> FragmentationReport:
    """Fragmentation of the typed graph ``g`` under ``spec`` (default: linkages only).

    ``component_sizes`` lists the ``top_components`` largest; robustness removes ``k`` elements
    by degree and by betweenness (:func:`robustness`). ``G`` may be passed if already built.

    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from("abc", category="HardLaw")
    >>> _ = g.add_edge("a", "b", type="OVERLAPS_WITH", issue="x", derived=False)
    >>> r = fragmentation_report(g, k=1)
    >>> r.components, r.fragmentation, r.pairs.unknown
    (2, 0.6666666666666667, 2)
    """
    spec = spec or LayerSpec.linkages()
    G = linkage_graph(g, spec) if G is None else G
    sizes = component_sizes(G)
    n = G.number_of_nodes()
    opts = {"max_exact": max_exact, "seed": seed}
    paths = path_stats(G, k=sample_k, **opts)
    rob = {
        by: robustness(G, k=k, by=by, recompute=recompute, sample_k=sample_k, **opts)
        for by in ("degree", "betweenness")
    }
    params = {
        "spec": spec.as_dict(),
        "k": k,
        "recompute": recompute,
        "seed": seed,
        "max_exact": max_exact,
        "sample_k": sample_k,
        "path_sources": paths["path_sources"],
    }
    return FragmentationReport(
        n,
        G.number_of_edges(),
        density(G),
        len(sizes),
        sizes[:top_components],
        sizes[0] / n if n else NAN,
        nx.number_of_isolates(G),
        borgatti_fragmentation(G),
        float(paths["average_path_length"]),
        float(paths["global_efficiency"]),
        pair_shares(g, spec, G=G),
        rob["degree"],
        rob["betweenness"],
        params,
    )
