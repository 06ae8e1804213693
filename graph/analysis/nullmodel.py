"""Degree-preserving null models: is a statistic of the observed graph unusual for its degrees?

Each null sample is an independent rewiring of the *observed* graph by double-edge swaps
(``u-v, x-y -> u-x, v-y``; Maslov & Sneppen 2002), which keeps every node's degree and never
creates self-loops or multi-edges. Sample ``i`` uses seed ``seeds[i]`` drawn from
``random.Random(seed)``, so a run is reproducible from ``seed`` alone.

Two rewiring engines, same model:

* ``method="igraph"`` (default): ``igraph.Graph.rewire(n=swaps_per_edge*m, "simple")`` on a copy
  of the graph converted once, with igraph's RNG set to ``random.Random(seeds[i])``; fast (C).
* ``method="networkx"``: ``nx.double_edge_swap`` on a copy, ``nswap=swaps_per_edge*m``.

``swaps_per_edge`` counts swap *attempts* per edge for igraph and successful swaps for networkx
(networkx stops early, keeping what it has, if it runs out of ``max_tries``, e.g. on a star,
which admits no swap at all).

Samples are independent, so tests spread them over ``jobs`` processes
(:func:`rcx.graph.analysis.parallel.map_seeded`; default: every core) with the same result for
any ``jobs``. :func:`gnm_null_test` is the G(n, m) null (for statistics of the degrees, which
rewiring cannot change); :func:`rcx.graph.analysis.nulltests.centralization_null_tests` is the
battery ``rcx analyze`` runs.
"""

from __future__ import annotations

import contextlib
import math
import random
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx
import numpy as np

from rcx.graph.analysis.guards import simple_graph_only
from rcx.graph.analysis.layers import igraph_seed, import_igraph, to_igraph
from rcx.graph.analysis.parallel import map_seeded

Progress = Callable[[int, int], None]
Statistic = Callable[[Any], float]


@dataclass(frozen=True)
class NullResult:
    """Observed value of a statistic against its degree-preserving null distribution.

    ``z = (observed - null_mean) / null_sd``; a constant null (``null_sd <= FLAT`` relative to
    the mean, e.g. a statistic of the degrees alone under rewiring) has ``null_sd = 0`` and no z
    (nan). ``p_value`` is empirical
    with the ``(count + 1) / (n + 1)`` correction (Davison & Hinkley 1997; North et al. 2002),
    ``count`` being the null samples at least as extreme as observed: two-sided = ``|x - mean| >=
    |observed - mean|``; greater = ``x >= observed``; less = ``x <= observed``. Null samples where
    the statistic is nan are dropped (``n_valid``).
    """

    statistic: str
    observed: float
    null_mean: float
    null_sd: float
    z: float
    p_value: float
    alternative: str
    n_samples: int
    n_valid: int
    null_values: tuple[float, ...]
    params: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def summary(self) -> dict[str, Any]:
        """The result without the null values: what a report prints (``params`` merged in)."""
        keep = (
            "observed",
            "null_mean",
            "null_sd",
            "z",
            "p_value",
            "n_samples",
            "n_valid",
            "alternative",
        )
        return {**{k: getattr(self, k) for k in keep}, **self.params}


FLAT = 1e-9
"""A null whose sd is at most ``FLAT × max(1, |mean|)`` is constant (up to rounding): no z."""


def sample_seeds(seed: int | None, n_samples: int) -> list[int]:
    """The per-sample seeds a run with ``seed`` uses."""
    rng = random.Random(seed)
    return [rng.getrandbits(63) for _ in range(n_samples)]


@simple_graph_only
def degree_preserving_samples(
    G: nx.Graph,
    *,
    n_samples: int = 100,
    swaps_per_edge: float = 10,
    seed: int | None = 0,
    method: str = "igraph",
    as_igraph: bool = False,
    progress: Progress | None = None,
) -> Iterator[Any]:
    """Yield ``n_samples`` independent degree-preserving rewirings of ``G`` (see module doc).

    Samples are ``nx.Graph`` with ``G``'s nodes and (shared, read-only) node attributes, or, with
    ``as_igraph=True``, igraph graphs whose vertex ``i`` is ``to_igraph(G)[1][i]``.

    >>> G = nx.barabasi_albert_graph(30, 2, seed=1)
    >>> H = next(degree_preserving_samples(G, n_samples=1, seed=3))
    >>> dict(H.degree()) == dict(G.degree()), set(H.edges()) != set(G.edges())
    (True, True)
    """
    make = _rewirer(G, swaps_per_edge=swaps_per_edge, method=method, as_igraph=as_igraph)
    for i, s in enumerate(sample_seeds(seed, n_samples)):
        out = make(s)
        if progress is not None:
            progress(i + 1, n_samples)
        yield out


def _rewirer(
    G: nx.Graph, *, swaps_per_edge: float, method: str, as_igraph: bool
) -> Callable[[int], Any]:
    """``seed -> one degree-preserving rewiring of G`` (see :func:`degree_preserving_samples`)."""
    if method not in ("igraph", "networkx"):
        raise ValueError(f"method must be 'igraph' or 'networkx', not {method!r}")
    m = G.number_of_edges()
    nswap = round(swaps_per_edge * m)
    h, nodes = to_igraph(G)

    def igraph_sample(s: int) -> Any:
        r = h.copy()
        if m >= 2 and nswap:
            with igraph_seed(s):
                r.rewire(n=nswap, allowed_edge_types="simple")
        return r if as_igraph else _to_nx(G, nodes, r.get_edgelist())

    def networkx_sample(s: int) -> Any:
        H: nx.Graph[Any] = nx.Graph()
        H.add_nodes_from(nodes)
        H.add_edges_from((nodes[a], nodes[b]) for a, b in h.get_edgelist())
        if m >= 2 and G.number_of_nodes() >= 4 and nswap:
            # max_tries exhausted: keep the swaps made
            with contextlib.suppress(nx.NetworkXAlgorithmError):
                nx.double_edge_swap(H, nswap=nswap, max_tries=100 * nswap + 100, seed=s)
        index = {n: j for j, n in enumerate(nodes)}
        edges = [(index[u], index[v]) for u, v in H.edges()]
        return _ig(len(nodes), edges) if as_igraph else _to_nx(G, nodes, edges)

    return igraph_sample if method == "igraph" else networkx_sample


def _ig(n: int, edges: list[tuple[int, int]]) -> Any:
    ig = import_igraph()
    return ig.Graph(n=n, edges=edges, directed=False)


def _to_nx(G: nx.Graph, nodes: list[Any], edges: list[tuple[int, int]]) -> nx.Graph:
    H: nx.Graph[Any] = nx.Graph(**G.graph)
    H.add_nodes_from((n, G.nodes[n]) for n in nodes)
    H.add_edges_from((nodes[a], nodes[b]) for a, b in edges)
    return H


@simple_graph_only
def null_model_tests(
    G: nx.Graph,
    statistics: dict[str, Statistic],
    *,
    n_samples: int = 100,
    swaps_per_edge: float = 10,
    seed: int | None = 0,
    alternative: str = "two-sided",
    method: str = "igraph",
    as_igraph: bool = False,
    progress: Progress | None = None,
    jobs: int | None = None,
) -> dict[str, NullResult]:
    """Test several statistics against the same null samples (one rewiring per sample).

    Each statistic is called on ``G`` (or ``to_igraph(G)[0]`` with ``as_igraph=True``) and on
    every sample of :func:`degree_preserving_samples`; see :class:`NullResult` for z and p.
    Samples run in ``jobs`` processes (``None``: every core; same result for any ``jobs``).

    >>> G = nx.union(nx.complete_graph(5), nx.complete_graph(5), rename="ab")
    >>> G.add_edge("a0", "b0")
    >>> r = null_model_tests(G, {"transitivity": nx.transitivity}, n_samples=19, seed=1)
    >>> r["transitivity"].p_value, r["transitivity"].z > 2
    (0.05, True)
    """
    if alternative not in ("two-sided", "greater", "less"):
        raise ValueError("alternative must be 'two-sided', 'greater' or 'less'")
    base = to_igraph(G)[0] if as_igraph else G
    make = _rewirer(G, swaps_per_edge=swaps_per_edge, method=method, as_igraph=as_igraph)
    params = {
        "n_samples": n_samples,
        "swaps_per_edge": swaps_per_edge,
        "seed": seed,
        "method": method,
        "alternative": alternative,
    }
    return _tests(
        base,
        statistics,
        make,
        sample_seeds(seed, n_samples),
        params,
        work=(1 + swaps_per_edge) * G.number_of_edges() * n_samples,
        jobs=jobs,
        progress=progress,
    )


def _tests(
    base: Any,
    statistics: dict[str, Statistic],
    make: Callable[[int], Any],
    seeds: list[int],
    params: dict[str, Any],
    *,
    work: float,
    jobs: int | None,
    progress: Progress | None,
) -> dict[str, NullResult]:
    """Observed statistics on ``base``, null values on ``make(seed)`` for every seed."""
    observed = {k: float(f(base)) for k, f in statistics.items()}
    funcs = list(statistics.values())
    rows = map_seeded(
        make, lambda H: [float(f(H)) for f in funcs], seeds, jobs=jobs, work=work, progress=progress
    )
    alternative = params["alternative"]
    return {
        k: _result(k, observed[k], [r[j] for r in rows], alternative, params)
        for j, k in enumerate(statistics)
    }


@simple_graph_only
def gnm_null_test(
    G: nx.Graph,
    statistic: Statistic,
    *,
    name: str | None = None,
    n_samples: int = 100,
    seed: int | None = 0,
    alternative: str = "two-sided",
    as_igraph: bool = True,
    progress: Progress | None = None,
    jobs: int | None = None,
) -> NullResult:
    """One statistic against G(n, m) random graphs (igraph ``Erdos_Renyi(n, m)``, sample ``i``
    on ``random.Random(sample_seeds(seed, n)[i])``): the null for statistics of the degree
    sequence itself, which degree-preserving rewiring cannot change. ``as_igraph=False`` passes
    the samples to ``statistic`` as ``nx.Graph`` (over ``G``'s nodes, canonical order).

    >>> from rcx.graph.analysis.metrics import degree_centralization_ig
    >>> r = gnm_null_test(nx.star_graph(9), degree_centralization_ig, n_samples=19,
    ...                   alternative="greater")
    >>> r.p_value, r.params["model"]
    (0.05, 'G(n,m)')
    """
    if alternative not in ("two-sided", "greater", "less"):
        raise ValueError("alternative must be 'two-sided', 'greater' or 'less'")
    name = str(name or getattr(statistic, "__name__", "statistic"))
    h, nodes = to_igraph(G)
    n, m = h.vcount(), h.ecount()

    def make(s: int) -> Any:
        ig = import_igraph()
        with igraph_seed(s):
            r = ig.Graph.Erdos_Renyi(n=n, m=m)
        return r if as_igraph else _to_nx(G, nodes, r.get_edgelist())

    params = {"n_samples": n_samples, "seed": seed, "alternative": alternative, "model": "G(n,m)"}
    return _tests(
        h if as_igraph else G,
        {name: statistic},
        make,
        sample_seeds(seed, n_samples),
        params,
        work=m * n_samples,
        jobs=jobs,
        progress=progress,
    )[name]


def null_model_test(
    G: nx.Graph, statistic: Statistic, *, name: str | None = None, **options: Any
) -> NullResult:
    """One statistic against the degree-preserving null; options as :func:`null_model_tests`.

    >>> r = null_model_test(nx.karate_club_graph(), nx.transitivity, n_samples=9, seed=0)
    >>> r.statistic, r.n_samples, r.params["seed"]
    ('transitivity', 9, 0)
    """
    name = str(name or getattr(statistic, "__name__", "statistic"))
    return null_model_tests(G, {name: statistic}, **options)[name]


def _result(
    name: str, obs: float, vals: list[float], alternative: str, params: dict[str, Any]
) -> NullResult:
    x = np.asarray([v for v in vals if not math.isnan(v)], dtype=float)
    nan = float("nan")
    if len(x) == 0 or math.isnan(obs):
        return NullResult(
            name, obs, nan, nan, nan, nan, alternative, len(vals), len(x), tuple(vals), dict(params)
        )
    mean, sd = float(x.mean()), float(x.std(ddof=1)) if len(x) > 1 else 0.0
    flat = sd <= FLAT * max(1.0, abs(mean))  # a constant null (up to rounding): no z
    sd = 0.0 if flat else sd
    eps = 1e-12 * max(1.0, abs(obs))
    if alternative == "greater":
        count = int(np.sum(x >= obs - eps))
    elif alternative == "less":
        count = int(np.sum(x <= obs + eps))
    else:
        count = int(np.sum(np.abs(x - mean) >= abs(obs - mean) - eps))
    z = nan if flat else (obs - mean) / sd
    return NullResult(
        name,
        obs,
        mean,
        sd,
        z,
        (count + 1) / (len(x) + 1),
        alternative,
        len(vals),
        len(x),
        tuple(vals),
        dict(params),
    )
