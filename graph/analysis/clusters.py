"""Communities of a linkage graph: Louvain and Leiden, stability, consensus, composition."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any

import networkx as nx
import numpy as np

from rcx.graph.analysis.guards import simple_graph_only
from rcx.graph.analysis.layers import import_igraph, to_igraph

IGRAPH_ABOVE = 0
"""backend="auto" uses igraph for Louvain / Leiden above this many edges (0: always). igraph's C
implementations are the same algorithms, 15-20x faster than networkx's Louvain and leidenalg
even on a few hundred edges (issue 12); the other backends stay available by name."""


@dataclass(frozen=True)
class Partition:
    """A partition of a graph's nodes into communities (largest first, then by first member)."""

    method: str
    communities: tuple[frozenset[Any], ...]
    modularity: float
    params: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def membership(self) -> dict[Any, int]:
        """Node -> community index (computed once)."""
        return {n: i for i, c in enumerate(self.communities) for n in c}

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["communities"] = [sorted(map(str, c)) for c in self.communities]
        return d


def canonical(communities: Any) -> tuple[frozenset[Any], ...]:
    """Communities as a tuple of frozensets, largest first, ties by smallest member (as str)."""
    comms = [frozenset(c) for c in communities if len(c)]
    return tuple(sorted(comms, key=lambda c: (-len(c), min(map(str, c)))))


def _weights(G: nx.Graph, weight: str | None) -> list[float] | None:
    if weight is None:
        return None
    return [float(d.get(weight, 1)) for _, _, d in G.edges(data=True)]


@simple_graph_only
def modularity(
    G: nx.Graph, communities: Any, *, weight: str | None = None, resolution: float = 1.0
) -> float:
    """Newman's modularity ``Q = Σ_c [L_c/m - γ (D_c/2m)^2]`` (igraph); nan without edges.

    >>> G = nx.union(nx.complete_graph(3), nx.complete_graph(3), rename="ab")
    >>> modularity(G, [{"a0", "a1", "a2"}, {"b0", "b1", "b2"}])
    0.5
    """
    if G.number_of_edges() == 0:
        return float("nan")
    h, nodes = to_igraph(G)
    memb = {n: i for i, c in enumerate(communities) for n in c}
    return float(
        h.modularity(
            [memb[n] for n in nodes],
            weights=_weights(G, weight),
            resolution=resolution,
            directed=False,
        )
    )


@simple_graph_only
def louvain(
    G: nx.Graph,
    *,
    seed: int = 0,
    resolution: float = 1.0,
    weight: str | None = None,
    backend: str = "auto",
) -> Partition:
    """Louvain communities (Blondel et al. 2008), seeded.

    ``backend``: ``"networkx"`` (``nx.community.louvain_communities``), ``"igraph"``
    (``community_multilevel`` on ``random.Random(seed)``) or ``"auto"`` (networkx up to
    ``IGRAPH_ABOVE`` edges, igraph above: same algorithm, C speed). ``weight=None`` = unweighted.

    >>> G = nx.union(nx.complete_graph(4), nx.complete_graph(4), rename="ab")
    >>> G.add_edge("a0", "b0")
    >>> p = louvain(G, seed=1)
    >>> len(p.communities), round(p.modularity, 3)
    (2, 0.423)
    """
    from rcx.graph.analysis.layers import igraph_seed

    if backend == "auto":
        backend = "igraph" if G.number_of_edges() > IGRAPH_ABOVE else "networkx"
    params = {"seed": seed, "resolution": resolution, "weight": weight, "backend": backend}
    if backend == "networkx":
        comms = nx.community.louvain_communities(G, weight=weight, resolution=resolution, seed=seed)
    elif backend == "igraph":
        h, nodes = to_igraph(G)
        with igraph_seed(seed):
            memb = h.community_multilevel(
                weights=_weights(G, weight), resolution=resolution
            ).membership
        comms = _groups(nodes, memb)
    else:
        raise ValueError(f"backend must be 'auto', 'networkx' or 'igraph', not {backend!r}")
    found = canonical(comms)
    return Partition(
        "louvain", found, modularity(G, found, weight=weight, resolution=resolution), params
    )


def _groups(nodes: list[Any], membership: list[int]) -> list[set[Any]]:
    groups: dict[int, set[Any]] = {}
    for n, c in zip(nodes, membership, strict=True):
        groups.setdefault(c, set()).add(n)
    return list(groups.values())


@simple_graph_only
def leiden(
    G: nx.Graph,
    *,
    seed: int = 0,
    resolution: float = 1.0,
    weight: str | None = None,
    n_iterations: int = -1,
    backend: str = "auto",
) -> Partition:
    """Leiden communities (Traag et al. 2019), seeded, optimising the configuration-model
    (modularity) quality with resolution γ (γ = 1: Newman's modularity); ``n_iterations=-1``
    iterates until no improvement.

    ``backend``: ``"leidenalg"`` (``leidenalg.find_partition`` with
    ``RBConfigurationVertexPartition`` and ``seed``), ``"igraph"`` (igraph's own C
    ``community_leiden(objective_function="modularity")`` on ``random.Random(seed)``; ~15x
    faster on large graphs) or ``"auto"`` (leidenalg up to ``IGRAPH_ABOVE`` edges, else igraph).

    >>> G = nx.union(nx.complete_graph(4), nx.complete_graph(4), rename="ab")
    >>> G.add_edge("a0", "b0")
    >>> p = leiden(G, seed=1)
    >>> sorted(map(sorted, p.communities))
    [['a0', 'a1', 'a2', 'a3'], ['b0', 'b1', 'b2', 'b3']]
    """
    from rcx.graph.analysis.layers import igraph_seed

    if backend == "auto":
        backend = "igraph" if G.number_of_edges() > IGRAPH_ABOVE else "leidenalg"
    if backend not in ("leidenalg", "igraph"):
        raise ValueError(f"backend must be 'auto', 'leidenalg' or 'igraph', not {backend!r}")
    h, nodes = to_igraph(G)
    params = {
        "seed": seed,
        "resolution": resolution,
        "weight": weight,
        "n_iterations": n_iterations,
        "backend": backend,
    }
    if not nodes:
        return Partition("leiden", (), float("nan"), params)
    if backend == "leidenalg":
        import_igraph()  # before leidenalg (which imports igraph): no matplotlib
        import leidenalg

        memb = leidenalg.find_partition(
            h,
            leidenalg.RBConfigurationVertexPartition,
            weights=_weights(G, weight),
            resolution_parameter=resolution,
            n_iterations=n_iterations,
            seed=seed,
        ).membership
    else:
        with igraph_seed(seed):
            memb = h.community_leiden(
                objective_function="modularity",
                weights=_weights(G, weight),
                resolution=resolution,
                n_iterations=n_iterations,
            ).membership
    comms = canonical(_groups(nodes, memb))
    return Partition(
        "leiden", comms, modularity(G, comms, weight=weight, resolution=resolution), params
    )


def _labels(*labelings: Any) -> list[np.ndarray]:
    """Integer codes for labelings given as sequences of hashables (same length)."""
    out = []
    for lab in labelings:
        arr = lab if isinstance(lab, np.ndarray) else None
        if arr is None or arr.dtype.kind not in "iub":
            codes: dict[Any, int] = {}
            arr = np.fromiter((codes.setdefault(x, len(codes)) for x in lab), dtype=np.int64)
        out.append(np.unique(arr, return_inverse=True)[1].reshape(-1))
    return out


def _contingency(a: Any, b: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sparse contingency table: the non-zero cell counts n_ij and the margins a_i, b_j."""
    x, y = _labels(a, b)
    if len(x) == 0:
        return np.zeros(0), np.zeros(0), np.zeros(0)
    cells = np.unique(x * (int(y.max()) + 1) + y, return_counts=True)[1]
    return cells.astype(float), np.bincount(x).astype(float), np.bincount(y).astype(float)


def _entropy(counts: np.ndarray, n: float) -> float:
    p = counts[counts > 0] / n
    return float(-np.sum(p * np.log(p)))


def nmi(a: Any, b: Any) -> float:
    """Normalised mutual information ``I(A;B) / ((H(A) + H(B)) / 2)`` (arithmetic normalisation,
    Danon et al. 2005) between two labelings of the same items; 1.0 if both are constant.
    Computed from the sparse contingency table, so thousands of clusters are cheap.

    >>> nmi([0, 0, 1, 1], ["x", "x", "y", "y"]), nmi([0, 0, 1, 1], [0, 1, 0, 1])
    (1.0, 0.0)
    """
    cells, ma, mb = _contingency(a, b)
    n = float(ma.sum())
    if n == 0:
        return float("nan")
    ha, hb = _entropy(ma, n), _entropy(mb, n)
    if ha == 0 and hb == 0:
        return 1.0
    # I = H(A) + H(B) - H(A,B)
    mi = ha + hb - _entropy(cells, n)
    return float(max(0.0, min(1.0, 2 * mi / (ha + hb))))


def ari(a: Any, b: Any) -> float:
    """Adjusted Rand index (Hubert & Arabie 1985): ``(Σ_ij C(n_ij,2) - E) / (½(Σ_i C(a_i,2) +
    Σ_j C(b_j,2)) - E)``, ``E = Σ_i C(a_i,2) Σ_j C(b_j,2) / C(n,2)``; 1.0 if the denominator is 0.

    >>> ari([0, 0, 1, 1], [1, 1, 0, 0]), round(ari([0, 0, 1, 1], [0, 1, 0, 1]), 3)
    (1.0, -0.5)
    """
    cells, ma, mb = _contingency(a, b)
    n = float(ma.sum())

    def c2(x: Any) -> Any:
        return x * (x - 1) / 2

    sij, sa, sb = c2(cells).sum(), c2(ma).sum(), c2(mb).sum()
    expected = sa * sb / c2(n) if n > 1 else 0.0
    denom = (sa + sb) / 2 - expected
    return 1.0 if denom == 0 else float((sij - expected) / denom)


def _kept(G: nx.Graph, exclude_isolates: bool) -> list[Any]:
    """The nodes of ``G``, without isolates if asked."""
    return [x for x, d in G.degree() if d > 0] if exclude_isolates else list(G)


def _run(G: nx.Graph, method: str, seed: int, **kw: Any) -> Partition:
    if method == "louvain":
        return louvain(G, seed=seed, **kw)
    if method == "leiden":
        return leiden(G, seed=seed, **kw)
    raise ValueError(f"method must be 'louvain' or 'leiden', not {method!r}")


@dataclass(frozen=True)
class Stability:
    """How much a method's partition depends on its seed, and the consensus of its runs."""

    method: str
    n_runs: int
    mean_nmi: float
    mean_ari: float
    modularity_mean: float
    modularity_sd: float
    n_communities: tuple[int, ...]
    consensus: Partition
    params: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["consensus"] = self.consensus.as_dict()
        return d


@simple_graph_only
def consensus(G: nx.Graph, partitions: list[Partition], *, threshold: float = 0.5) -> Partition:
    """Consensus of several partitions (after Lancichinetti & Fortunato 2012, kept sparse).

    The co-assignment ``C_ij`` (share of partitions putting i and j together) is computed for
    *linked* pairs only (the edges of ``G``); edges with ``C_ij > threshold`` are kept and the
    consensus communities are the connected components of what remains (isolates: singletons).

    >>> G = nx.union(nx.complete_graph(3), nx.complete_graph(3), rename="ab")
    >>> G.add_edge("a0", "b0")
    >>> p = consensus(G, [louvain(G, seed=s) for s in range(3)])
    >>> sorted(map(sorted, p.communities))
    [['a0', 'a1', 'a2'], ['b0', 'b1', 'b2']]
    """
    h, nodes = to_igraph(G)
    edges = np.asarray(h.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    together = np.zeros(len(edges))
    for p in partitions:
        m = p.membership
        lab = np.asarray([m[x] for x in nodes], dtype=np.int64)
        together += lab[edges[:, 0]] == lab[edges[:, 1]]
    kept = edges[together / max(len(partitions), 1) > threshold]
    sub = type(h)(n=len(nodes), edges=kept.tolist(), directed=False)
    comms = canonical(_groups(nodes, sub.connected_components().membership))
    params = {
        "threshold": threshold,
        "n_partitions": len(partitions),
        "methods": sorted({p.method for p in partitions}),
        "seeds": [p.params.get("seed") for p in partitions],
    }
    return Partition("consensus", comms, modularity(G, comms), params)


@simple_graph_only
def stability(
    G: nx.Graph,
    *,
    method: str = "louvain",
    n_runs: int = 10,
    seed: int = 0,
    threshold: float = 0.5,
    exclude_isolates: bool = True,
    **options: Any,
) -> Stability:
    """Run ``method`` with seeds ``seed, seed+1, …, seed+n_runs-1``; mean pairwise :func:`nmi`
    and :func:`ari` over the ``n_runs(n_runs-1)/2`` pairs of runs (1.0 = seed-independent),
    modularity mean/sd, and the :func:`consensus` of the runs. NMI/ARI leave isolates out by
    default (they are singletons in every run and would inflate agreement).

    >>> G = nx.union(nx.complete_graph(4), nx.complete_graph(4), rename="ab")
    >>> s = stability(G, n_runs=3)
    >>> s.mean_nmi, s.mean_ari, len(s.consensus.communities)
    (1.0, 1.0, 2)
    """
    runs = [_run(G, method, seed + i, **options) for i in range(n_runs)]
    return _stability(
        G,
        runs,
        method=method,
        seed=seed,
        threshold=threshold,
        exclude_isolates=exclude_isolates,
        **options,
    )


def _stability(
    G: nx.Graph,
    runs: list[Partition],
    *,
    method: str,
    seed: int,
    threshold: float,
    exclude_isolates: bool,
    **options: Any,
) -> Stability:
    n_runs = len(runs)
    nodes = _kept(G, exclude_isolates)
    labs = [
        np.fromiter(map(r.membership.__getitem__, nodes), dtype=np.int64, count=len(nodes))
        for r in runs
    ]
    pairs = [(i, j) for i in range(n_runs) for j in range(i + 1, n_runs)]
    nan = float("nan")
    mods = np.asarray([r.modularity for r in runs], dtype=float)
    return Stability(
        method,
        n_runs,
        float(np.mean([nmi(labs[i], labs[j]) for i, j in pairs])) if pairs else nan,
        float(np.mean([ari(labs[i], labs[j]) for i, j in pairs])) if pairs else nan,
        float(mods.mean()) if n_runs else nan,
        float(mods.std(ddof=1)) if n_runs > 1 else nan,
        tuple(len(r.communities) for r in runs),
        consensus(G, runs, threshold=threshold),
        {
            "method": method,
            "n_runs": n_runs,
            "seed": seed,
            "threshold": threshold,
            "exclude_isolates": exclude_isolates,
            **options,
        },
    )


ATTRIBUTES = ("kind", "category", "regime", "approach", "issue")


def node_label(data: dict[str, Any], attr: str) -> str:
    """One label per element for ``attr``: ``kind``/``category`` as stored; ``regime`` = its
    PART_OF_REGIME targets joined by ``+`` (``regimes`` attr of the linkage graph), else "none";
    ``approach`` = its approaches joined by ``+``, else "none"; ``issue`` = the most common issue
    of its OVERLAPS_WITH / CONFLICTS_WITH relations (ties: alphabetical), else "none".

    >>> node_label({"issues": ["b", "a", "b"], "approaches": []}, "issue")
    'b'
    """
    if attr in ("kind", "category"):
        return str(data.get(attr, "none"))
    if attr == "regime":
        return "+".join(sorted(data.get("regimes", []))) or "none"
    if attr == "approach":
        return "+".join(sorted(data.get("approaches", []))) or "none"
    if attr == "issue":
        counts = Counter(data.get("issues", []))
        return min(counts, key=lambda k: (-counts[k], k)) if counts else "none"
    raise ValueError(f"attribute must be one of {ATTRIBUTES}")


def _multi(data: dict[str, Any], attr: str) -> list[str]:
    if attr == "regime":
        return list(data.get("regimes", [])) or ["none"]
    if attr == "approach":
        return list(data.get("approaches", [])) or ["none"]
    return [node_label(data, attr)]


@simple_graph_only
def composition(
    G: nx.Graph, partition: Partition, *, top: int | None = None
) -> list[dict[str, Any]]:
    """Each community's size and counts by kind, category, regime, approach and issue.

    An element in several regimes, or with several approaches, counts once in each; "none" =
    no value. ``top`` keeps only the largest communities.

    >>> G = nx.Graph(); G.add_node("a", kind="ngo", category="PrivateActor", approaches=["labour"])
    >>> composition(G, Partition("x", (frozenset("a"),), 0.0))[0]["by_approach"]
    {'labour': 1}
    """
    out = []
    for i, comm in enumerate(partition.communities[:top]):
        row: dict[str, Any] = {"community": i, "size": len(comm)}
        for attr in ATTRIBUTES:
            c = Counter(x for n in comm for x in _multi(G.nodes[n], attr))
            row[f"by_{attr}"] = dict(sorted(c.items(), key=lambda kv: (-kv[1], kv[0])))
        out.append(row)
    return out


@simple_graph_only
def attribute_alignment(
    G: nx.Graph, partition: Partition, *, exclude_isolates: bool = True
) -> dict[str, float]:
    """NMI between the partition and each attribute labeling (:func:`node_label`): which
    attribute the clusters follow best. Isolates (singleton communities by construction) are left
    out by default, since they would reward any fine labeling.

    >>> G = nx.Graph([("a", "b"), ("c", "d")])
    >>> nx.set_node_attributes(G, {"a": "ngo", "b": "ngo", "c": "igo", "d": "igo"}, "kind")
    >>> attribute_alignment(G, Partition("x", (frozenset("ab"), frozenset("cd")), 0.5))["kind"]
    1.0
    """
    nodes = _kept(G, exclude_isolates)
    part = np.fromiter(
        map(partition.membership.__getitem__, nodes), dtype=np.int64, count=len(nodes)
    )
    return {
        a: nmi(part, [node_label(G.nodes[n], a) for n in nodes]) if nodes else float("nan")
        for a in ATTRIBUTES
    }


@dataclass(frozen=True)
class ClusterReport:
    """Louvain and Leiden partitions, their stability and consensus, composition, alignment."""

    louvain: Partition
    leiden: Partition
    louvain_stability: Stability
    leiden_stability: Stability
    composition: list[dict[str, Any]]
    alignment: dict[str, float]
    best_aligned: str
    params: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        d = {k: v for k, v in self.__dict__.items()}
        for k in ("louvain", "leiden", "louvain_stability", "leiden_stability"):
            d[k] = d[k].as_dict()
        return d


@simple_graph_only
def cluster_report(
    G: nx.Graph, *, seed: int = 0, n_runs: int = 10, threshold: float = 0.5, top: int | None = 20
) -> ClusterReport:
    """Louvain and Leiden (seed ``seed``), their stability over ``n_runs`` seeds, and the
    composition and attribute alignment of the Louvain partition (``top`` largest communities);
    ``best_aligned`` = the attribute with the highest NMI (ties: alphabetical).

    >>> r = cluster_report(nx.union(nx.complete_graph(3), nx.complete_graph(3), rename="ab"),
    ...                    n_runs=2)
    >>> len(r.louvain.communities), r.louvain_stability.mean_nmi
    (2, 1.0)
    """
    first, stab = {}, {}
    for m in ("louvain", "leiden"):  # one method at a time: fewer partitions held in memory
        runs = [_run(G, m, seed + i) for i in range(max(n_runs, 1))]
        first[m] = runs[0]  # run 0 (seed ``seed``) is also the reported partition
        stab[m] = _stability(
            G, runs[:n_runs], method=m, seed=seed, threshold=threshold, exclude_isolates=True
        )
        del runs
    lv, ld = first["louvain"], first["leiden"]
    align = attribute_alignment(G, lv)
    return ClusterReport(
        lv,
        ld,
        stab["louvain"],
        stab["leiden"],
        composition(G, lv, top=top),
        align,
        max(sorted(align), key=lambda a: -1.0 if math.isnan(align[a]) else align[a]),
        {
            "seed": seed,
            "n_runs": n_runs,
            "threshold": threshold,
            "top": top,
            "composition_of": "louvain",
        },
    )
