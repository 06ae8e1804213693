"""The null-model battery of ``rcx analyze``: is the complex more centralized than chance?

:func:`centralization_null_tests` runs, on one linkage graph, the measures the report's
"no coordinating core" claim test reads against the models of :mod:`rcx.graph.analysis.nullmodel`:
betweenness centralization and core-periphery fit against degree-preserving rewirings, degree
centralization against G(n, m). It sits apart from the generic null-model machinery so that the
core measures (whose rich club uses that machinery) and the battery (which uses the core
measures) do not import each other.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import networkx as nx
import numpy as np

from rcx.graph.analysis.core import fit_core_periphery
from rcx.graph.analysis.guards import simple_graph_only
from rcx.graph.analysis.layers import to_igraph
from rcx.graph.analysis.metrics import (
    betweenness_centralization_ig,
    degree_centralization_ig,
    sample_sources,
)
from rcx.graph.analysis.nullmodel import (
    NullResult,
    Statistic,
    _rewirer,
    _tests,
    gnm_null_test,
    sample_seeds,
)

NULL_MAX_EXACT = 1_000
"""Null-model betweenness is exact up to this many nodes, else source-sampled."""
NULL_SAMPLE_K = 256
"""BFS sources per graph for sampled null-model betweenness: cost ∝ sources × edges."""
SE_BATCHES = 8


def _cp_fit(seed: int | None) -> Statistic:
    def core_periphery_fit(h: Any) -> float:
        return float(fit_core_periphery(h, restarts=0, seed=seed or 0)[1])

    return core_periphery_fit


def _sampled_se(h: Any, sources: list[int]) -> float:
    """Batch-means standard error of the source-sampled betweenness centralization of ``h``:
    the sources split into :data:`SE_BATCHES` groups, sd of the groups' estimates / √groups."""
    groups = [sources[i::SE_BATCHES] for i in range(SE_BATCHES)]
    est = [betweenness_centralization_ig(h, g) for g in groups if g]
    return float(np.std(est, ddof=1) / math.sqrt(len(est))) if len(est) > 1 else math.nan


@simple_graph_only
def centralization_null_tests(
    G: nx.Graph,
    *,
    n_samples: int = 200,
    seed: int = 0,
    alternative: str = "greater",
    swaps_per_edge: float = 10,
    max_exact: int = NULL_MAX_EXACT,
    k: int = NULL_SAMPLE_K,
    jobs: int | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> dict[str, NullResult]:
    """Is the complex more centralized than chance? The null-model battery of ``rcx analyze``.

    ``betweenness_centralization`` (Freeman) and ``core_periphery_fit`` (Borgatti–Everett, one
    local search from the degree order: ``restarts=0``, for observed and null alike) against
    degree-preserving rewirings; ``degree_centralization``, which rewiring cannot change,
    against G(n, m). One-sided (``"greater"``) by default. Betweenness is exact up to
    ``max_exact`` nodes; above, every graph (observed and null) uses the same ``k`` seeded BFS
    sources (Brandes–Pich estimator), so cost grows with ``k × edges`` and observed and null
    share one estimator; ``params`` then gives ``sources`` and ``observed_se`` (batch-means
    standard error of the observed estimate, :data:`SE_BATCHES` batches); the null sd already
    includes the sampling error. ``progress(task, done, total)``: task is
    ``"degree-preserving null"`` or ``"G(n,m) null"``.

    >>> r = centralization_null_tests(nx.star_graph(6), n_samples=9, jobs=1)
    >>> sorted(r), r["degree_centralization"].p_value, r["betweenness_centralization"].null_sd
    (['betweenness_centralization', 'core_periphery_fit', 'degree_centralization'], 0.1, 0.0)
    """
    if n_samples <= 0:
        return {}
    h, _ = to_igraph(G)
    n, m = h.vcount(), h.ecount()
    src = sample_sources(n, max_exact=max_exact, k=k, seed=seed)

    def betweenness_centralization(x: Any) -> float:
        return betweenness_centralization_ig(x, src)

    est = {
        "betweenness_sources": n if src is None else len(src),
        "sampled": src is not None,
        "observed_se": 0.0 if src is None else _sampled_se(h, src),
    }
    stats = {
        "betweenness_centralization": betweenness_centralization,
        "core_periphery_fit": _cp_fit(seed),
    }
    make = _rewirer(G, swaps_per_edge=swaps_per_edge, method="igraph", as_igraph=True)
    params = {
        "n_samples": n_samples,
        "swaps_per_edge": swaps_per_edge,
        "seed": seed,
        "alternative": alternative,
        "model": "degree-preserving (igraph rewire)",
    }
    cost = m * (swaps_per_edge + (n if src is None else len(src))) * n_samples
    out = _tests(
        h,
        stats,
        make,
        sample_seeds(seed, n_samples),
        params,
        work=cost,
        jobs=jobs,
        progress=(lambda d, t: progress("degree-preserving null", d, t)) if progress else None,
    )
    b = out["betweenness_centralization"]
    out["betweenness_centralization"] = NullResult(
        b.statistic,
        b.observed,
        b.null_mean,
        b.null_sd,
        b.z,
        b.p_value,
        b.alternative,
        b.n_samples,
        b.n_valid,
        b.null_values,
        {**b.params, **est},
    )
    out["core_periphery_fit"].params["restarts"] = 0
    out["degree_centralization"] = gnm_null_test(
        G,
        degree_centralization_ig,
        name="degree_centralization",
        n_samples=n_samples,
        seed=seed,
        alternative=alternative,
        jobs=jobs,
        progress=(lambda d, t: progress("G(n,m) null", d, t)) if progress else None,
    )
    return out
