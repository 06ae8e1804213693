"""Communities: Louvain/Leiden recover planted cliques; NMI/ARI; stability; composition."""

from __future__ import annotations

import itertools
import math
import random
from pathlib import Path

import networkx as nx
import pytest

from rcx.graph.analysis import clusters
from rcx.graph.analysis.layers import linkage_graph

MINI = Path(__file__).parent / "fixtures" / "mini"


def ring_of_cliques(k: int = 4, size: int = 5) -> tuple[nx.Graph, list[int]]:
    """k cliques joined in a ring by single edges, with attributes that follow the cliques."""
    G = nx.ring_of_cliques(k, size)
    truth = [n // size for n in G]
    kinds = ["igo", "ngo", "global_treaty", "regime"]
    for n in G:
        c = n // size
        G.nodes[n].update(
            kind=kinds[c % 4],
            category="X",
            regimes=[f"r{c}"],
            approaches=["labour"],
            issues=[f"i{c}"],
        )
    return G, truth


def test_louvain_and_leiden_recover_the_cliques() -> None:
    G, truth = ring_of_cliques()
    for part in (
        clusters.louvain(G, seed=0),
        clusters.leiden(G, seed=0),
        clusters.louvain(G, seed=0, backend="networkx"),
        clusters.leiden(G, seed=0, backend="leidenalg"),
    ):
        memb = part.membership
        assert len(part.communities) == 4
        assert clusters.nmi([memb[n] for n in G], truth) == pytest.approx(1.0)
        assert clusters.ari([memb[n] for n in G], truth) == pytest.approx(1.0)
        assert part.modularity == pytest.approx(clusters.modularity(G, part.communities))
        assert part.modularity == pytest.approx(nx.community.modularity(G, part.communities))


def test_disjoint_cliques_partition_and_modularity() -> None:
    G = nx.disjoint_union_all([nx.complete_graph(4)] * 3)
    p = clusters.louvain(G, seed=3)
    assert sorted(len(c) for c in p.communities) == [4, 4, 4]
    truth = [n // 4 for n in G]
    assert clusters.nmi([p.membership[n] for n in G], truth) == 1.0
    assert clusters.nmi([clusters.leiden(G, seed=3).membership[n] for n in G], truth) == 1.0
    assert p.modularity == pytest.approx(2 / 3)
    assert p.params == {"seed": 3, "resolution": 1.0, "weight": None, "backend": "igraph"}  # auto


def _nmi_reference(a: list[int], b: list[int]) -> float:
    n = len(a)
    ca, cb = {x: a.count(x) / n for x in set(a)}, {y: b.count(y) / n for y in set(b)}
    joint: dict[tuple[int, int], float] = {}
    for x, y in zip(a, b, strict=True):
        joint[(x, y)] = joint.get((x, y), 0) + 1 / n
    mi = sum(p * math.log(p / (ca[x] * cb[y])) for (x, y), p in joint.items())
    h = [-sum(p * math.log(p) for p in c.values()) for c in (ca, cb)]
    return 2 * mi / (h[0] + h[1])


def _ari_reference(a: list[int], b: list[int]) -> float:
    pairs = list(itertools.combinations(range(len(a)), 2))
    same_a = [a[i] == a[j] for i, j in pairs]
    same_b = [b[i] == b[j] for i, j in pairs]
    n11 = sum(x and y for x, y in zip(same_a, same_b, strict=True))
    sa, sb, total = sum(same_a), sum(same_b), len(pairs)
    expected = sa * sb / total
    return (n11 - expected) / ((sa + sb) / 2 - expected)


def test_nmi_ari_against_direct_formulas() -> None:
    rng = random.Random(4)
    for _ in range(20):
        a = [rng.randrange(3) for _ in range(30)]
        b = [rng.randrange(4) for _ in range(30)]
        assert clusters.nmi(a, b) == pytest.approx(_nmi_reference(a, b))
        assert clusters.ari(a, b) == pytest.approx(_ari_reference(a, b))
    assert clusters.nmi([1, 1, 1], [2, 2, 2]) == 1.0
    assert clusters.nmi([1, 1, 1], [1, 2, 3]) == 0.0
    assert clusters.ari([0, 1, 2], [5, 6, 7]) == 1.0


def test_stability_and_consensus() -> None:
    G, truth = ring_of_cliques()
    for method in ("louvain", "leiden"):
        s = clusters.stability(G, method=method, n_runs=4, seed=10)
        assert s.mean_nmi == pytest.approx(1.0) and s.mean_ari == pytest.approx(1.0)
        assert s.n_communities == (4, 4, 4, 4)
        cm = s.consensus.membership
        assert clusters.nmi([cm[n] for n in G], truth) == pytest.approx(1.0)
        assert s.params["n_runs"] == 4 and s.consensus.params["seeds"] == [10, 11, 12, 13]
        assert clusters.stability(G, method=method, n_runs=4, seed=10) == s


def test_unstable_partition_has_nmi_below_one() -> None:
    G = nx.gnp_random_graph(60, 0.08, seed=1)
    s = clusters.stability(G, n_runs=5, seed=0)
    assert 0 < s.mean_nmi < 1 and s.mean_ari < 1


def test_composition_and_alignment() -> None:
    G, _ = ring_of_cliques()
    G.add_node("lonely", kind="ngo", category="PrivateActor")
    p = clusters.louvain(G, seed=0)
    comp = clusters.composition(G, p)
    assert [row["size"] for row in comp] == [5, 5, 5, 5, 1]
    assert all(len(row["by_regime"]) == 1 and row["by_approach"] for row in comp[:4])
    assert comp[-1]["by_regime"] == {"none": 1} and comp[-1]["by_issue"] == {"none": 1}
    al = clusters.attribute_alignment(G, p)
    assert al["regime"] == pytest.approx(1.0) and al["issue"] == pytest.approx(1.0)
    assert al["kind"] == pytest.approx(1.0)
    # a constant attribute says nothing about the clusters: NMI 0
    assert al["approach"] == 0.0 and al["category"] == 0.0
    assert set(al) == set(clusters.ATTRIBUTES)


def test_cluster_report_and_empty_graphs() -> None:
    G, _ = ring_of_cliques(3, 4)
    r = clusters.cluster_report(G, n_runs=3)
    assert len(r.louvain.communities) == 3 and len(r.leiden.communities) == 3
    assert r.best_aligned == "issue"  # kind, regime and issue all have NMI 1: alphabetical
    d = r.as_dict()
    assert d["params"]["seed"] == 0 and isinstance(d["louvain"]["communities"][0], list)
    for E in (nx.Graph(), nx.empty_graph(3)):
        p = clusters.louvain(E)
        assert math.isnan(p.modularity)
        clusters.leiden(E)
        clusters.cluster_report(E, n_runs=2)


def test_mini_fixture_clusters() -> None:
    from rcx.loaders import load_graph

    G = linkage_graph(load_graph(MINI))
    r = clusters.cluster_report(G, n_runs=3)
    assert sum(len(c) for c in r.louvain.communities) == G.number_of_nodes()
    assert {n for c in r.leiden.communities for n in c} == set(G)
    assert r.composition[0]["by_regime"].get("labour", 0) == 1
