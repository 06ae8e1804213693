"""Graph-type guards, the one public null model, lazy heavy imports, and the doctests."""

from __future__ import annotations

import doctest
import importlib
import math
import random
import subprocess
import sys
from itertools import combinations

import networkx as nx
import pytest

from rcx.graph.analysis import clusters, core, hierarchy, metrics, nullmodel, nulltests, parallel
from rcx.graph.analysis.guards import GraphTypeError
from rcx.graph.analysis.layers import linkage_graph, to_igraph
from rcx.loaders import load_graph
from rcx.schema.errors import RcxError

MODULES = (
    "ablation",
    "clusters",
    "core",
    "fragmentation",
    "gaps",
    "guards",
    "hierarchy",
    "layers",
    "metrics",
    "nullmodel",
    "parallel",
    "scenarios",
    "timeline",
    "typology",
)


def test_typed_multidigraph_is_refused_not_measured() -> None:
    g = load_graph()
    with pytest.raises(GraphTypeError, match="literal_core_test needs the undirected simple"):
        core.literal_core_test(g)  # gave coverage 1.1667 before
    for fn in (
        metrics.headline_metrics,
        metrics.degree_centralization,
        core.core_periphery,
        core.k_cores,
        clusters.louvain,
        to_igraph,
    ):
        with pytest.raises(GraphTypeError):
            fn(g)
    with pytest.raises(GraphTypeError):
        nullmodel.null_model_test(nx.DiGraph([(1, 2)]), nx.density)
    err = GraphTypeError("x")
    assert isinstance(err, RcxError) and isinstance(err, nx.NetworkXNotImplemented)
    lit = core.literal_core_test(linkage_graph(g))
    assert 0 < lit.coverage <= 1


def test_centralization_null_tests_match_the_measures(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_PARALLEL_WORK", 0)  # jobs=2 really forks
    G = linkage_graph(load_graph())
    r = nulltests.centralization_null_tests(G, n_samples=20, seed=3, jobs=1)
    b, d, cp = (
        r[k] for k in ("betweenness_centralization", "degree_centralization", "core_periphery_fit")
    )
    assert b.observed == pytest.approx(metrics.betweenness_centralization(G), rel=1e-12)
    assert d.observed == pytest.approx(metrics.degree_centralization(G), rel=1e-12)
    assert b.params["sampled"] is False and b.params["observed_se"] == 0.0
    assert d.params["model"] == "G(n,m)" and cp.params["restarts"] == 0
    assert b.n_samples == b.n_valid == 20 and b.alternative == "greater"
    s = b.summary()
    assert {
        "observed",
        "null_mean",
        "null_sd",
        "z",
        "p_value",
        "n_samples",
        "n_valid",
        "alternative",
        "model",
        "seed",
    } <= set(s)
    assert r == nulltests.centralization_null_tests(G, n_samples=20, seed=3, jobs=2)
    assert nulltests.centralization_null_tests(G, n_samples=0) == {}


def test_sampled_null_betweenness_states_its_sources_and_error() -> None:
    G = nx.relabel_nodes(nx.barabasi_albert_graph(300, 2, seed=1), str)
    r = nulltests.centralization_null_tests(G, n_samples=10, max_exact=100, k=40, jobs=1)
    p = r["betweenness_centralization"].params
    assert p["sampled"] is True and p["betweenness_sources"] == 40
    assert 0 < p["observed_se"] < r["betweenness_centralization"].observed
    exact = metrics.betweenness_centralization(G)
    assert abs(r["betweenness_centralization"].observed - exact) < 5 * p["observed_se"] + 0.05


def test_gnm_null_is_seeded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_PARALLEL_WORK", 0)
    G = nx.star_graph(12)
    a = nullmodel.gnm_null_test(
        G, metrics.degree_centralization, as_igraph=False, n_samples=9, seed=4, jobs=1
    )
    b = nullmodel.gnm_null_test(
        G, metrics.degree_centralization, as_igraph=False, n_samples=9, seed=4, jobs=2
    )
    assert a == b and a.observed == 1.0 and a.null_mean < 1.0


def reference_overlap(feats: dict[str, frozenset[str]]) -> tuple[list, int, float]:
    pairs, count, total = [], 0, 0.0
    for a, b in combinations(sorted(f for f in feats if feats[f]), 2):
        shared = feats[a] & feats[b]
        if shared:
            count += 1
            j = len(shared) / len(feats[a] | feats[b])
            total += j
            if j >= 0.5:
                pairs.append((a, b, j, sorted(shared)))
    return sorted(pairs, key=lambda t: (-t[2], t[0], t[1])), count, total


def test_functional_overlap_matches_the_pairwise_definition() -> None:
    rng = random.Random(5)
    for _ in range(20):
        g = nx.MultiDiGraph()
        for _ in range(rng.randint(2, 50)):
            g.add_node(
                f"n{rng.randint(0, 99):02d}",
                prevention=rng.choice(["yes", "no"]),
                activities=rng.sample(["a", "b", "c", "d"], rng.randint(0, 3)),
            )
        feats = hierarchy.features(g)
        pairs, count, total = reference_overlap(feats)
        got = hierarchy.functional_overlap(g, top=None)
        k = sum(1 for v in feats.values() if v)
        assert got.pairs == pairs and got.overlapping_pairs == count
        assert (
            math.isnan(got.mean_jaccard)
            if k < 2
            else (got.mean_jaccard == pytest.approx(total / (k * (k - 1) / 2), rel=1e-12))
        )
        assert hierarchy.functional_overlap(g, top=3).pairs == pairs[:3]


def test_heavy_libraries_load_lazily_and_igraph_without_matplotlib() -> None:
    code = (
        "import sys\n"
        "import rcx.graph.analysis.layers, rcx.graph.analysis.metrics, rcx.graph.analysis.core\n"
        "import rcx.graph.analysis.nullmodel, rcx.graph.analysis.clusters\n"
        "heavy = ('igraph', 'leidenalg', 'scipy', 'matplotlib')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
        "from rcx.graph.analysis.layers import import_igraph\n"
        "import_igraph()\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
        "import matplotlib\n"
        "print(matplotlib.__name__)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    ).stdout.split("\n")
    assert out[:3] == ["[]", "['igraph']", "matplotlib"]


@pytest.mark.parametrize("name", MODULES)
def test_doctests_run(name: str) -> None:
    mod = importlib.import_module(f"rcx.graph.analysis.{name}")
    result = doctest.testmod(mod, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
