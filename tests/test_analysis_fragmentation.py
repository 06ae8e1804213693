"""Layers, fragmentation, robustness, nesting and duplication: graphs with known answers."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import networkx as nx
import pytest

from rcx.graph.analysis import fragmentation, hierarchy, metrics
from rcx.graph.analysis.layers import (
    LayerSpec,
    conflict_pairs,
    linkage_graph,
    nesting_digraph,
    parallel_pairs,
)

MINI = Path(__file__).parent / "fixtures" / "mini"


def cliques(k: int, size: int) -> nx.MultiDiGraph:
    """k disjoint cliques of OVERLAPS_WITH relations, as a typed graph."""
    g = nx.MultiDiGraph(dataset="cliques")
    for c in range(k):
        members = [f"c{c}m{i}" for i in range(size)]
        g.add_nodes_from(members, kind="igo", category="Organisation")
        for i, u in enumerate(members):
            for v in members[i + 1 :]:
                g.add_edge(u, v, type="OVERLAPS_WITH", issue=f"issue{c}", derived=False)
    return g


def test_disjoint_cliques_are_fragmented() -> None:
    G = linkage_graph(cliques(3, 4))
    m = metrics.headline_metrics(G)
    # F = 1 - Σ s(s-1) / (n(n-1)) = 1 - 3·4·3 / (12·11) = 1 - 36/132
    assert m["components"] == 3
    assert m["fragmentation"] == pytest.approx(1 - 36 / 132)
    assert m["largest_component_share"] == pytest.approx(1 / 3)
    assert m["average_path_length"] == 1.0
    assert m["global_efficiency"] == pytest.approx(36 / 132)
    assert m["max_degree_coverage"] == pytest.approx(3 / 11)
    assert m["clustering"] == 1.0 and m["isolates"] == 0
    assert m["modularity"] == pytest.approx(2 / 3)


def test_parallel_never_joins_components() -> None:
    g = cliques(2, 3)
    g.add_edge("c0m0", "c1m0", type="PARALLEL_TO", evidence="none", derived=False)
    for spec in (LayerSpec.linkages(), LayerSpec.structural(), LayerSpec.everything()):
        G = linkage_graph(g, spec)
        assert nx.number_connected_components(G) == 2
        assert not G.has_edge("c0m0", "c1m0")
    assert parallel_pairs(g) == {frozenset({"c0m0", "c1m0"})}
    shares = fragmentation.pair_shares(g)
    # 6 elements, 15 pairs: 6 linked, 1 asserted parallel, 8 unknown
    assert (shares.pairs, shares.linked, shares.parallel, shares.unknown) == (15, 6, 1, 8)
    assert shares.parallel_of_unlinked == pytest.approx(1 / 9)
    assert shares.parallel_of_linked == 0.0 and shares.parallel_and_linked == 0


def test_layer_spec_validation() -> None:
    with pytest.raises(ValueError, match="PARALLEL_TO"):
        LayerSpec.from_names(["NESTED_IN", "PARALLEL_TO"])
    with pytest.raises(ValueError, match="PARALLEL_TO"):
        LayerSpec("x", frozenset({"PARALLEL_TO"}))
    with pytest.raises(ValueError, match="unknown"):
        LayerSpec.from_names(["LIKES"])
    spec = LayerSpec.from_names(["nested_in"], include_derived=False)
    assert spec.relation_types == {"NESTED_IN"} and not spec.include_derived
    assert "WORKS_IN" not in LayerSpec.structural().relation_types
    assert "HEADQUARTERED_IN" not in LayerSpec.structural().relation_types
    assert "WORKS_IN" in LayerSpec.everything().relation_types
    assert "PARALLEL_TO" not in LayerSpec.everything().relation_types


def test_conflicts_are_signed_and_derived_filtered() -> None:
    g = nx.MultiDiGraph()
    g.add_nodes_from("abc", category="HardLaw")
    g.add_node("x", category="Place", kind="state")
    g.add_edge("a", "b", type="OVERLAPS_WITH", issue="p", derived=False)
    g.add_edge("b", "a", type="CONFLICTS_WITH", issue="approach", derived=False)
    g.add_edge("b", "c", type="OVERLAPS_WITH", issue="p", derived=True)
    g.add_edge("c", "x", type="WORKS_IN", derived=False)
    G = linkage_graph(g)
    assert G["a"]["b"]["signed"] == -1 and G["b"]["c"]["signed"] == 1
    assert G["a"]["b"]["types"] == {"OVERLAPS_WITH", "CONFLICTS_WITH"}
    assert G["a"]["b"]["weight"] == 2
    assert "x" not in G and G.nodes["b"]["issues"] == ["approach", "p", "p"]
    assert conflict_pairs(g) == {frozenset("ab")}
    asserted = linkage_graph(g, LayerSpec.linkages(include_derived=False))
    assert not asserted.has_edge("b", "c") and asserted.has_node("c")  # isolation is data
    assert "x" in linkage_graph(g, LayerSpec.everything())
    s = fragmentation.pair_shares(g)
    assert s.conflicting == 1 and s.conflicting_of_linked == pytest.approx(1 / 2)


def test_robustness_of_a_star() -> None:
    G = nx.star_graph(5)
    for by in ("degree", "betweenness"):
        for recompute in (True, False):
            steps = fragmentation.robustness(G, k=3, by=by, recompute=recompute)
            assert [s.step for s in steps] == [0, 1, 2, 3]
            assert steps[0].fragmentation == 0.0 and steps[0].removed is None
            assert steps[1].removed == "0" and steps[1].fragmentation == 1.0
            assert steps[1].components == 5


def test_robustness_recomputed_on_two_hubs() -> None:
    G = nx.barbell_graph(4, 1)  # two K4 joined through node 4: the bridge goes first
    steps = fragmentation.robustness(G, k=1, by="betweenness")
    assert steps[1].removed == "4" and steps[1].components == 2
    assert steps[1].fragmentation == pytest.approx(1 - 2 * 4 * 3 / (8 * 7))


def test_fragmentation_report() -> None:
    r = fragmentation.fragmentation_report(cliques(3, 4), k=2)
    assert r.components == 3 and r.component_sizes == [4, 4, 4]
    assert len(r.robustness_degree) == 3 and r.params["k"] == 2
    assert r.as_dict()["pairs"]["linked"] == 18


def test_nesting_depth_on_a_chain_and_a_cycle() -> None:
    g = nx.MultiDiGraph()
    chain = ["protocol", "convention", "charter", "un"]
    for child, parent in itertools.pairwise(chain):
        g.add_edge(child, parent, type="NESTED_IN", derived=False)
    g.add_node("alone", category="PrivateActor")
    r = hierarchy.nesting(g)
    assert r.depth == {"protocol": 3, "convention": 2, "charter": 1, "un": 0, "alone": 0}
    assert r.max_depth == 3 and r.deepest == ["protocol"] and r.nested_elements == 3
    assert r.flow_hierarchy == 1.0 and r.cycles == []
    g.add_edge("un", "charter", type="NESTED_IN", derived=False)  # a cycle: reported, no crash
    r = hierarchy.nesting(g)
    assert r.cycles == [["charter", "un"]] and r.max_depth == 2
    assert r.flow_hierarchy == pytest.approx(2 / 4)
    assert nesting_digraph(g).number_of_edges() == 4
    assert math.isnan(hierarchy.nesting(nx.MultiDiGraph()).flow_hierarchy)


def test_functional_overlap_and_duplication_find_the_planted_group() -> None:
    g = nx.MultiDiGraph()
    g.add_node("land", kind="state", category="Place")
    for n in ("ngo-a", "ngo-b", "ngo-c"):
        g.add_node(n, kind="ngo", category="PrivateActor", protection="yes", activities=["shelter"])
        g.add_edge(n, "land", type="WORKS_IN", derived=False)
    g.add_node(
        "ngo-far",
        kind="ngo",
        category="PrivateActor",
        protection="yes",
        activities=["shelter"],
        works_in=["sea"],
    )
    g.add_node("igo", kind="igo", category="Organisation", protection="yes", works_in=["land"])
    groups = hierarchy.duplication(g)
    assert len(groups) == 1
    assert groups[0].members == ["ngo-a", "ngo-b", "ngo-c"]
    assert groups[0].shared == ["activity:shelter", "function:protection"]
    assert groups[0].places == ["land"] and groups[0].value == "ngo"
    by_cat = hierarchy.duplication(g, group_by="category")
    assert by_cat[0].members == ["ngo-a", "ngo-b", "ngo-c"]
    ov = hierarchy.functional_overlap(g, min_jaccard=1.0, top=None)
    assert len(ov.pairs) == 6  # the four NGOs are identical
    assert ov.elements_with_features == 5 and ov.overlapping_pairs == 10


def test_mini_fixture() -> None:
    from rcx.loaders import load_graph

    g = load_graph(MINI)
    G = linkage_graph(g)
    assert "land" not in G and G.number_of_nodes() == 7  # with the class "ngos"
    # the class-level claim; its member-level expansion is left out by default
    assert parallel_pairs(g) == {frozenset({"ngos", "treaty"})}
    assert not G.has_edge("shelter", "treaty")
    assert G["helpers"]["treaty"]["signed"] == -1
    r = fragmentation.fragmentation_report(g, k=2)
    assert r.isolates == 3 and r.pairs.parallel == 1 and r.pairs.conflicting == 1
    assert hierarchy.nesting(g).depth["statute"] == 1
    assert G.nodes["treaty"]["regimes"] == ["labour"]
    no_derived = linkage_graph(g, LayerSpec.linkages(include_derived=False))
    assert not no_derived.has_edge("statute", "treaty")
