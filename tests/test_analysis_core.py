"""Coordinating core, centralization, null models, typology: graphs with known answers."""

from __future__ import annotations

import math
from pathlib import Path

import networkx as nx
import pytest

from rcx.graph.analysis import core, metrics, nullmodel, typology
from rcx.graph.analysis.layers import LayerSpec, linkage_graph

MINI = Path(__file__).parent / "fixtures" / "mini"


def typed_star(leaves: int = 6, rtype: str = "NESTED_IN") -> nx.MultiDiGraph:
    g = nx.MultiDiGraph(dataset="star")
    g.add_node("hub", kind="global_treaty", category="HardLaw")
    for i in range(leaves):
        g.add_node(f"l{i}", kind="ngo", category="PrivateActor")
        g.add_edge(f"l{i}", "hub", type=rtype, derived=False, issue="x")
    return g


def test_star_has_a_core() -> None:
    G = linkage_graph(typed_star())
    m = metrics.headline_metrics(G)
    assert m["max_degree_coverage"] == 1.0
    assert m["degree_centralization"] == 1.0
    assert m["betweenness_centralization"] == pytest.approx(1.0)
    assert m["components"] == 1 and m["fragmentation"] == 0.0
    lit = core.literal_core_test(G)
    assert lit.has_core and lit.holders == ["hub"] and lit.coverage_2step == 1.0
    cp = core.core_periphery(G)
    assert cp.core == ["hub"] and cp.fit == 1.0 and cp.core_by_kind == {"global_treaty": 1}
    t = typology.classify(typed_star())
    assert t.label == "synergistic" and t.label != "conflictive" and t.decisive


def test_path_has_no_literal_core_but_two_step_reach() -> None:
    lit = core.literal_core_test(nx.path_graph(5))
    assert not lit.has_core
    assert lit.coverage == 0.5 and lit.holders == ["1", "2", "3"]
    assert lit.coverage_2step == 1.0 and lit.holders_2step == ["2"]


def test_degenerate_graphs_do_not_crash() -> None:
    for G in (nx.Graph(), nx.empty_graph(1), nx.empty_graph(2)):
        m = metrics.headline_metrics(G)
        assert m["nodes"] == G.number_of_nodes()
        assert math.isnan(m["degree_centralization"])
        assert math.isnan(m["average_path_length"])
        core.core_report(G, rich_club_samples=2)
        nullmodel.null_model_test(G, nx.density, n_samples=2)


def test_centralization_hand_values() -> None:
    # path of 4: degrees 1,2,2,1 -> Σ(2 - d) = 2, over (n-1)(n-2) = 6
    assert metrics.degree_centralization(nx.path_graph(4)) == pytest.approx(1 / 3)
    # path of 3 is a star
    assert metrics.betweenness_centralization(nx.path_graph(3)) == pytest.approx(1.0)
    assert metrics.betweenness_centralization(nx.complete_graph(5)) == pytest.approx(0.0)


def test_sampled_betweenness_is_seeded_and_close() -> None:
    G = nx.barabasi_albert_graph(400, 3, seed=2)
    exact = metrics.betweenness_centralization(G)
    a = metrics.betweenness_centralization(G, max_exact=10, k=200, seed=1)
    b = metrics.betweenness_centralization(G, max_exact=10, k=200, seed=1)
    assert a == b and a == pytest.approx(exact, rel=0.25)
    ours, ref = metrics.betweenness(G), nx.betweenness_centrality(G)
    assert all(ours[v] == pytest.approx(ref[v], abs=1e-12) for v in G)


def test_path_stats_match_networkx() -> None:
    G = nx.union(nx.barabasi_albert_graph(60, 2, seed=1), nx.path_graph(5), rename="ab")
    s = metrics.path_stats(G)
    lcc = G.subgraph(max(nx.connected_components(G), key=len))
    assert s["average_path_length"] == pytest.approx(nx.average_shortest_path_length(lcc))
    assert s["global_efficiency"] == pytest.approx(nx.global_efficiency(G))
    assert metrics.transitivity(G) == pytest.approx(nx.transitivity(G))


def test_k_cores() -> None:
    G = nx.union(nx.complete_graph(5), nx.star_graph(3), rename="ab")
    kc = core.k_cores(G)
    assert kc.max_k == 4 and kc.main_core == [f"a{i}" for i in range(5)]
    assert kc.core_number == {str(k): v for k, v in nx.core_number(G).items()}


def test_core_periphery_finds_planted_core() -> None:
    G = nx.complete_graph(4)
    for i in range(4, 20):
        G.add_edge(i, i % 4)
        G.add_edge(i, (i + 1) % 4)
    cp = core.core_periphery(G, seed=3)
    # n=20, m=38, N=190 pairs, ideal ones d=190-C(16,2)=70, all 38 edges touch the core:
    # r = (190·38 - 38·70) / sqrt(38·152·70·120)
    assert cp.core == ["0", "1", "2", "3"]
    assert cp.fit == pytest.approx((190 * 38 - 38 * 70) / math.sqrt(38 * 152 * 70 * 120))
    assert core.core_periphery(G, seed=3) == cp


def test_rich_club_star_is_neutral() -> None:
    rc = core.rich_club(nx.star_graph(5), n_samples=3)
    assert rc.phi == {0: pytest.approx(1 / 3)}
    assert rc.normalized[0] == pytest.approx(1.0)


def test_null_model_seeded_reproducible_and_degree_preserving() -> None:
    G = nx.barabasi_albert_graph(80, 3, seed=5)
    degrees = dict(G.degree())
    for method in ("igraph", "networkx"):
        samples = list(
            nullmodel.degree_preserving_samples(
                G, n_samples=3, seed=7, method=method, swaps_per_edge=3
            )
        )
        assert all(dict(H.degree()) == degrees for H in samples)
        assert all(nx.number_of_selfloops(H) == 0 for H in samples)
        assert any(
            set(map(frozenset, H.edges())) != set(map(frozenset, G.edges())) for H in samples
        )
        opts = {"n_samples": 8, "swaps_per_edge": 3, "method": method}
        a = nullmodel.null_model_test(G, nx.transitivity, seed=11, **opts)
        b = nullmodel.null_model_test(G, nx.transitivity, seed=11, **opts)
        c = nullmodel.null_model_test(G, nx.transitivity, seed=12, **opts)
        assert (a.z, a.p_value, a.null_values) == (b.z, b.p_value, b.null_values)
        assert a.null_values != c.null_values  # a different seed may (here does) differ
        assert a.params == {**opts, "seed": 11, "alternative": "two-sided"}


def test_null_model_p_value_and_progress() -> None:
    G = nx.union(nx.complete_graph(6), nx.complete_graph(6), rename="ab")
    G.add_edge("a0", "b0")
    seen: list[tuple[int, int]] = []
    r = nullmodel.null_model_test(
        G, nx.transitivity, n_samples=9, seed=0, progress=lambda i, n: seen.append((i, n))
    )
    assert seen == [(i, 9) for i in range(1, 10)]
    assert r.p_value == pytest.approx(1 / 10) and r.z > 3
    assert r.as_dict()["n_valid"] == 9
    greater = nullmodel.null_model_test(G, nx.transitivity, n_samples=9, alternative="greater")
    less = nullmodel.null_model_test(G, nx.transitivity, n_samples=9, alternative="less")
    assert greater.p_value == pytest.approx(0.1) and less.p_value == pytest.approx(1.0)
    with pytest.raises(ValueError):
        nullmodel.null_model_test(G, nx.transitivity, alternative="both")


def test_null_model_on_igraph_statistic() -> None:
    G = nx.barabasi_albert_graph(50, 2, seed=1)
    r = nullmodel.null_model_test(
        G, lambda h: h.transitivity_undirected(), name="t", as_igraph=True, n_samples=5, seed=1
    )
    assert r.observed == pytest.approx(nx.transitivity(G)) and r.n_valid == 5


def test_typology_rules_are_explained_and_thresholds_override() -> None:
    g = typed_star()
    t = typology.classify(g)
    assert len(t.rules) == len(typology.RULES) and t.explain()[0].startswith("synergistic")
    # demanding a core-periphery fit above 1 breaks synergy; the star is still cooperative
    t2 = typology.classify(g, synergistic_cp_fit=1.01)
    assert t2.label == "cooperative" and t2.params["thresholds"]["synergistic_cp_fit"] == 1.01
    with pytest.raises(TypeError):
        typology.classify(g, no_such_threshold=1)


def test_typology_conflictive_when_apart_and_conflicting() -> None:
    g = nx.MultiDiGraph()
    for i in range(10):
        g.add_node(f"e{i}", kind="ngo", category="PrivateActor")
    g.add_edge("e0", "e1", type="CONFLICTS_WITH", issue="approach", derived=False)
    t = typology.classify(g)
    assert t.label == "conflictive" and t.measures["conflicting_of_linked"] == 1.0


def test_mini_fixture_core_and_typology() -> None:
    from rcx.loaders import load_graph

    g = load_graph(MINI)
    G = linkage_graph(g, LayerSpec.linkages())
    r = core.core_report(G, rich_club_samples=3)
    assert r.literal.holders == ["treaty"] and not r.literal.has_core
    assert r.literal.coverage == pytest.approx(3 / 6)  # six others, the class "ngos" among them
    t = typology.classify(g)
    assert t.label in typology.CLASSES
    assert r.as_dict()["params"]["seed"] == 0


def test_null_of_a_degree_statistic_is_constant() -> None:
    G = nx.barabasi_albert_graph(40, 2, seed=3)
    r = nullmodel.null_model_test(G, metrics.degree_centralization, n_samples=5, seed=0)
    assert r.null_sd == pytest.approx(0.0, abs=1e-12) and math.isnan(r.z)
    assert r.p_value == 1.0  # every null sample is as extreme as the observed value


def test_sampled_path_stats_are_seeded() -> None:
    G = nx.barabasi_albert_graph(300, 2, seed=1)
    exact = metrics.path_stats(G)
    a = metrics.path_stats(G, max_exact=50, k=100, seed=4)
    b = metrics.path_stats(G, max_exact=50, k=100, seed=4)
    assert a == b and a["path_sources"] == 100 and exact["path_sources"] == 300
    assert a["average_path_length"] == pytest.approx(exact["average_path_length"], rel=0.05)
    assert a["global_efficiency"] == pytest.approx(exact["global_efficiency"], rel=0.05)
