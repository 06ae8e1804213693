"""Issue 9: classes of actors, claim identity, class-level statements and their expansion."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rcx.cli import app
from rcx.graph.analysis.layers import LayerSpec, linkage_graph, parallel_pairs
from rcx.graph.report.summary import summarize
from rcx.loaders import build_graph, load_dataset
from rcx.loaders.derive import class_members

DS = load_dataset()
G = build_graph(DS)
runner = CliRunner()
ASSERTED = [d for _, _, d in G.edges(data=True) if not d["derived"]]
EXPANDED = [d for _, _, d in G.edges(data=True) if d.get("expanded_from")]


def _claim_relations(claim: str) -> set[tuple[str, str, str]]:
    return {(r.source, r.type.value, r.target) for r in DS.relations if r.claim == claim}


def test_every_asserted_relation_names_a_known_claim_of_its_section() -> None:
    assert ASSERTED and all(d["claim"] in DS.claims for d in ASSERTED)
    for d in ASSERTED:
        assert DS.claims[d["claim"]].section == d["provenance"]["section"]


def test_derived_relations_never_carry_a_claim() -> None:
    derived = [d for _, _, d in G.edges(data=True) if d["derived"]]
    assert derived and all("claim" not in d and d["rule"] for d in derived)
    assert EXPANDED and all(d["rule"] == "expand-class-claims" for d in EXPANDED)


def test_each_part_iii_group_statement_is_one_claim_at_class_level() -> None:
    prosecution = _claim_relations("iii-a-2-prosecution")
    assert prosecution == {
        ("trafficking-protocol", "OVERLAPS_WITH", "saarc-convention"),
        ("trafficking-protocol", "OVERLAPS_WITH", "class-ngos"),
        ("saarc-convention", "OVERLAPS_WITH", "class-ngos"),
    }
    assert _claim_relations("iii-a-3-protocol-private-actors") == {
        ("trafficking-protocol", "PARALLEL_TO", "class-private-actors")
    }
    assert ("class-national-statutes", "NESTED_IN", "trafficking-protocol") in _claim_relations(
        "iii-a-1-national-statutes"
    )
    # no asserted member-level prevention pairs among private actors any more
    prevention = _claim_relations("iii-a-2-prevention")
    assert all(
        DS.elements[s].is_class
        or DS.elements[t].is_class
        or {s, t} == {"trafficking-protocol", "thailand-myanmar-mou-2009"}
        for s, _, t in prevention
    )


def test_prosecution_expansion_reaches_the_ngos_part_ii_calls_prosecution_ngos() -> None:
    members = {
        d["target"] if d["source"] == "trafficking-protocol" else d["source"]
        for d in EXPANDED
        if d["expanded_from"] == "iii-a-2-prosecution"
        and "trafficking-protocol" in (d["source"], d["target"])
    }
    assert members == {"freedom-firm", "nvader", "international-justice-mission"}


def test_instance_of_only_points_at_classes_and_appendix_two_rows_are_ngos() -> None:
    for r in DS.relations:
        if r.type.value == "INSTANCE_OF":
            assert DS.elements[r.target].is_class
    members = class_members(DS.elements, DS.relations)
    rows = [e for e in DS.elements.values() if DS.origins[e.id].startswith("elements/ngos.csv")]
    assert len(rows) == 177 and all(e.id in members["class-ngos"] for e in rows)
    # groupings of the human rights regime are not private actors
    assert "human-rights-caucus" not in members["class-private-actors"]
    assert "international-human-rights-network" not in members["class-private-actors"]


def test_no_pair_is_both_overlapping_and_parallel_without_a_contradiction_note() -> None:
    kinds: dict[frozenset[str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for u, v, d in G.edges(data=True):
        if d["type"] in ("OVERLAPS_WITH", "PARALLEL_TO"):
            kinds[frozenset((u, v))][d["type"]].add(d.get("claim") or d["expanded_from"])
    both = {pair: t for pair, t in kinds.items() if len(t) == 2}
    assert both  # the paper does contradict itself on the Protocol and SAARC / the MOU
    for t in both.values():
        for cid in t["OVERLAPS_WITH"] | t["PARALLEL_TO"]:
            assert any(n.kind == "contradiction" for n in DS.claims[cid].notes), cid


def test_regime_complex_is_an_element_and_the_protocol_no_longer_stands_in_for_it() -> None:
    rc = "regime-complex-human-trafficking"
    assert DS.elements[rc].kind == "regime"
    overlapping = {
        r.source for r in DS.relations if r.target == rc and r.type.value == "OVERLAPS_WITH"
    }
    assert {
        "regime-refugee",
        "regime-labour",
        "regime-gender-rights",
        "regime-child-rights",
    } <= overlapping
    assert ("trafficking-protocol", "PART_OF_REGIME", rc) in _claim_relations(
        "iii-a-1-creator-created"
    )
    assert not any(
        r.source.startswith("regime-")
        and r.target == "trafficking-protocol"
        and r.type.value == "OVERLAPS_WITH"
        for r in DS.relations
    )


def test_identifiers_are_correct_and_the_printed_values_kept() -> None:
    tp = DS.elements["trafficking-protocol"]
    assert tp.treaty_ref == "2237 UNTS 319"
    assert [(p.field, p.value) for p in tp.as_printed] == [("treaty_ref", "2337 UNTS 343")]
    saarc = DS.elements["saarc-convention"]
    assert saarc.year_adopted == 2002 and saarc.as_printed[0].value == "1997"
    assert {"nz-crimes-act-1961", "nz-crimes-amendment-act-2015"} <= DS.elements.keys()


def test_expansions_are_left_out_of_counts_and_analyses_unless_asked() -> None:
    s = summarize(G)
    assert s.expanded_relations == len(EXPANDED)
    assert s.relations == G.number_of_edges() - len(EXPANDED)
    assert summarize(G, include_expanded=True).relations == G.number_of_edges()
    spec = LayerSpec.linkages()
    assert not spec.include_expanded
    assert (
        linkage_graph(G, spec).number_of_edges()
        < linkage_graph(G, spec.with_expanded()).number_of_edges()
    )
    assert len(parallel_pairs(G)) < len(parallel_pairs(G, include_expanded=True))
    # the class-level parallel claim counts once, not once per NGO
    assert sum(1 for p in parallel_pairs(G) if "trafficking-protocol" in p) <= 6


def test_claims_query_lists_claims_with_their_relations() -> None:
    result = runner.invoke(app, ["query", "--name", "claims", "--format", "json"])
    if result.exit_code != 0 and "embedded engine" in result.output:
        pytest.skip("no embedded engine")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    claims = {r["claim"] for r in rows}
    assert {"iii-a-2-prosecution", "iii-a-3-protocol-private-actors"} <= claims
    assert len(rows) == len(ASSERTED)
    assert any(r["contradiction"] for r in rows if r["claim"] == "iii-a-2-prosecution")


def test_info_shows_claims_and_relations_apart() -> None:
    result = runner.invoke(app, ["info"])
    assert result.exit_code == 0, result.output
    assert f"{len(DS.claims)} claims" in result.stdout or " claims (" in result.stdout
    assert "expanded from class-level claims" in result.stdout


def test_mini_expansion_skips_members_already_linked(mini: Path) -> None:
    g = build_graph(load_dataset(mini))
    exp = [(u, v) for u, v, d in g.edges(data=True) if d.get("expanded_from")]
    assert exp == [("treaty", "shelter")]  # helpers conflicts with the treaty
