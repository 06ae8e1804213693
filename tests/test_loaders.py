from __future__ import annotations

from pathlib import Path

from rcx.loaders import build_graph, load_dataset, load_graph


def test_mini_dataset_loads_with_counts(mini: Path) -> None:
    ds = load_dataset(mini)
    assert set(ds.elements) == {
        "treaty",
        "statute",
        "regional",
        "land",
        "labour",
        "helpers",
        "shelter",
        "ngos",
    }
    assert ds.elements["ngos"].is_class and not ds.elements["treaty"].is_class
    assert len(ds.relations) == 8
    assert set(ds.claims) >= {r.claim for r in ds.relations}
    assert ds.origins["helpers"] == "elements/ngos.csv line 2"
    assert ds.elements["helpers"].aliases == ["HLP"]
    assert ds.elements["helpers"].prevention == "yes"
    assert ds.elements["helpers"].roles_source is not None
    assert ds.elements["shelter"].notes[0].kind == "extraction"


def test_graph_has_place_and_derived_relations(mini: Path) -> None:
    g = build_graph(load_dataset(mini))
    types = sorted(d["type"] for _, _, d in g.edges(data=True))
    assert types.count("HEADQUARTERED_IN") == 2
    assert types.count("WORKS_IN") == 1
    derived = [(u, v, d) for u, v, d in g.edges(data=True) if d["derived"]]
    assert {(u, v, d["type"]) for u, v, d in derived} == {
        ("statute", "treaty", "NESTED_IN"),
        ("treaty", "shelter", "PARALLEL_TO"),  # helpers conflicts with the treaty: left alone
    }
    assert all(d["provenance"]["rule"] == d["rule"] for _, _, d in derived)
    assert all("claim" not in d for _, _, d in derived)
    expanded = {(u, v): d for u, v, d in derived if d.get("expanded_from")}
    assert list(expanded) == [("treaty", "shelter")]
    assert expanded["treaty", "shelter"]["expanded_from"] == "treaty-no-ngos"
    assert expanded["treaty", "shelter"]["rule"] == "expand-class-claims"
    assert all(d["claim"] for _, _, d in g.edges(data=True) if not d["derived"])
    assert g.number_of_edges() == 13


def test_derivation_can_be_switched_off(mini: Path) -> None:
    g = load_graph(mini, derive=False)
    assert not any(d["derived"] for _, _, d in g.edges(data=True))
    assert g.number_of_edges() == 11


def test_node_attributes_are_plain_and_typed(mini: Path) -> None:
    g = load_graph(mini)
    node = g.nodes["treaty"]
    assert node["kind"] == "global_treaty"
    assert node["category"] == "HardLaw"
    assert node["provenance"] == {
        "section": "II.C.1(a)(i)",
        "footnotes": [35, 36],
        "derived": False,
    }
    edge = next(iter(g.get_edge_data("statute", "treaty").values()))
    assert edge["linkage"] in (True, False)
