"""Figures are drawn FROM the data they claim: each figure's values are compared with counts
computed here independently from the graph, and with the bars actually drawn; output is
byte-identical across runs."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import networkx as nx
import pytest

from rcx.graph.figures import FIGURES, Figure, Skipped, draw, write_figures
from rcx.loaders import load_graph

FUNCTIONS = ("prevention", "protection", "prosecution")
PLACE_TYPES = {"WORKS_IN", "HEADQUARTERED_IN"}


@pytest.fixture(scope="module")
def g() -> nx.MultiDiGraph:
    return load_graph()


@pytest.fixture(scope="module")
def figures(g: nx.MultiDiGraph) -> Iterator[dict[str, Figure]]:
    out = {}
    for name in FIGURES:
        try:
            out[name] = draw(g, name)
        except Skipped as e:  # pragma: no cover - an analysis module missing
            pytest.fail(f"figure {name} skipped: {e}")
    yield out
    for f in out.values():
        plt.close(f.fig)


def leaves(d: Any) -> list[float]:
    if isinstance(d, dict):
        return [x for v in d.values() for x in leaves(v)]
    return [float(d)]


def surveyed(g: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    return {
        n: d
        for n, d in g.nodes(data=True)
        if d["kind"] == "ngo" and d["provenance"]["section"] == "VII"
    }


def is_global(g: nx.MultiDiGraph, p: str) -> bool:
    return p == "global" or g.nodes[p].get("name", "").casefold() == "global"


def test_bars_drawn_are_the_data(figures: dict[str, Figure]) -> None:
    skip = {"ngo_roles": ("n", "all_unknown"), "growth_over_time": ("cumulative", "undated")}
    for name, f in figures.items():
        data = {k: v for k, v in f.data.items() if k not in skip.get(name, ())}
        if name == "growth_over_time":
            data = data["per_year"]
        assert sorted(f.bars) == sorted(leaves(data)), name


def test_ngo_roles(g: nx.MultiDiGraph, figures: dict[str, Figure]) -> None:
    ngos = surveyed(g)
    data = figures["ngo_roles"].data
    assert data["n"] == len(ngos)
    for f in FUNCTIONS:
        want = Counter(d.get(f, "unknown") for d in ngos.values())
        assert data[f] == {s: want.get(s, 0) for s in ("yes", "no", "unknown")}
    assert data["all_unknown"] == sum(
        1 for d in ngos.values() if all(d.get(f, "unknown") == "unknown" for f in FUNCTIONS)
    )
    assert "unknown" in figures["ngo_roles"].note


def test_role_combinations(g: nx.MultiDiGraph, figures: dict[str, Figure]) -> None:
    want = Counter(
        " + ".join(f for f in FUNCTIONS if d.get(f) == "yes") or "no role known to be yes"
        for d in surveyed(g).values()
    )
    got = {k: v for k, v in figures["ngo_role_combinations"].data.items() if v}
    assert got == dict(want)


def _place_counts(g: nx.MultiDiGraph, field: str, role: str | None = None) -> Counter[str]:
    c: Counter[str] = Counter()
    for d in surveyed(g).values():
        if role and d.get(role) != "yes":
            continue
        for p in set(d.get(field, [])):
            if not is_global(g, p):
                c[g.nodes[p]["name"]] += 1
    return c


def _check_top(got: dict[str, int], want: Counter[str]) -> None:
    for name, n in got.items():
        assert want[name] == n, name
    if got:
        floor = min(got.values())
        assert all(n <= floor for name, n in want.items() if name not in got)


def test_support_flows(g: nx.MultiDiGraph, figures: dict[str, Figure]) -> None:
    data = figures["support_flows"].data
    _check_top(data["provides (headquarters)"], _place_counts(g, "headquarters"))
    _check_top(data["receives (works in)"], _place_counts(g, "works_in"))


def test_support_by_function(g: nx.MultiDiGraph, figures: dict[str, Figure]) -> None:
    for f in FUNCTIONS:
        _check_top(figures["support_by_function"].data[f], _place_counts(g, "works_in", f))


def test_support_by_region_totals(g: nx.MultiDiGraph, figures: dict[str, Figure]) -> None:
    data = figures["support_by_region"].data
    ngos = surveyed(g).values()
    assert sum(data["provides"].values()) == sum(len(set(d.get("headquarters", []))) for d in ngos)
    assert sum(data["receives"].values()) == sum(len(set(d.get("works_in", []))) for d in ngos)


LINKS = {"NESTED_IN", "OVERLAPS_WITH", "CONFLICTS_WITH"}


def _structural(g: nx.MultiDiGraph) -> nx.Graph:
    """Independent structural graph: no places, no PARALLEL_TO, no place relations, no class
    membership, no member-level expansions (left out of analyses by default)."""
    G = nx.Graph()
    G.add_nodes_from(n for n, d in g.nodes(data=True) if d["category"] != "Place")
    for u, v, d in g.edges(data=True):
        if (
            d["type"] not in PLACE_TYPES | {"PARALLEL_TO", "INSTANCE_OF"}
            and not d.get("expanded_from")
            and u in G
            and v in G
            and u != v
        ):
            G.add_edge(u, v)
    return G


def _links(g: nx.MultiDiGraph) -> nx.Graph:
    """Independent linkage graph (the report's default layer): links only, no places, no
    member-level expansions."""
    G = nx.Graph()
    G.add_nodes_from(n for n, d in g.nodes(data=True) if d["category"] != "Place")
    for u, v, d in g.edges(data=True):
        if d["type"] in LINKS and not d.get("expanded_from") and u in G and v in G and u != v:
            G.add_edge(u, v)
    return G


def test_figures_default_to_the_reports_layer(
    g: nx.MultiDiGraph, figures: dict[str, Figure]
) -> None:
    for name in ("degree_distribution", "core_periphery", "cluster_composition"):
        assert "linkage layer" in figures[name].title, name
    structural = draw(g, "core_periphery", layer="structural")
    try:
        assert "structural layer" in structural.title
        assert structural.data == dict(
            sorted(Counter(nx.core_number(_structural(g)).values()).items())
        )
    finally:
        plt.close(structural.fig)
    assert all(
        (
            "layer" in f.title
            or "NGO survey" in f.title
            or "all elements" in f.title
            or "Layer ablation" in f.title
        )
        for f in figures.values()
    )


def test_figure_without_data_is_skipped_with_one_line(mini: Path, tmp_path: Path) -> None:
    g = load_graph(mini)
    g.remove_edges_from(
        [(u, v, k) for u, v, k, d in g.edges(keys=True, data=True) if d["type"] in LINKS]
    )
    paths, skipped = write_figures(g, tmp_path / "out", ["degree_distribution", "core_periphery"])
    assert paths == [] and set(skipped) == {"degree_distribution", "core_periphery"}
    assert all("\n" not in why and "nothing to draw" in why for why in skipped.values())
    assert not (tmp_path / "out").exists()


def test_degree_distribution(g: nx.MultiDiGraph, figures: dict[str, Figure]) -> None:
    G = _links(g)
    assert figures["degree_distribution"].data == dict(
        sorted(Counter(d for _, d in G.degree()).items())
    )


def test_core_periphery(g: nx.MultiDiGraph, figures: dict[str, Figure]) -> None:
    G = _links(g)
    assert figures["core_periphery"].data == dict(
        sorted(Counter(nx.core_number(G).values()).items())
    )


def test_cluster_composition(g: nx.MultiDiGraph, figures: dict[str, Figure]) -> None:
    data = figures["cluster_composition"].data
    sizes = [sum(c.values()) for c in data.values()]
    assert sizes == sorted(sizes, reverse=True) and sum(sizes) <= g.number_of_nodes()
    cats = Counter(d["category"] for _, d in g.nodes(data=True))
    for cat in {c for row in data.values() for c in row}:
        assert sum(row.get(cat, 0) for row in data.values()) <= cats[cat]


def test_growth(g: nx.MultiDiGraph, figures: dict[str, Figure]) -> None:
    years = [d.get("year_adopted") or d.get("year_in_force") for _, d in g.nodes(data=True)]
    data = figures["growth_over_time"].data
    assert data["per_year"] == dict(sorted(Counter(y for y in years if y).items()))
    assert list(data["cumulative"].values())[-1] == sum(1 for y in years if y)
    assert data["undated"] == sum(1 for y in years if not y)


def test_layer_ablation(g: nx.MultiDiGraph, figures: dict[str, Figure]) -> None:
    rows = list(figures["layer_ablation"].data.values())
    assert [r["nodes"] for r in rows] == sorted(r["nodes"] for r in rows)


@pytest.mark.slow
def test_two_runs_write_identical_bytes(g: nx.MultiDiGraph, tmp_path: Path) -> None:
    names = [
        "ngo_roles",
        "support_flows",
        "support_by_region",
        "degree_distribution",
        "growth_over_time",
        "cluster_composition",
    ]
    a, skipped = write_figures(g, tmp_path / "a", names)
    b, _ = write_figures(g, tmp_path / "b", names)
    assert not skipped and len(a) == 2 * len(names)
    for x, y in zip(a, b, strict=True):
        assert x.read_bytes() == y.read_bytes(), x.name
    svg = (tmp_path / "a" / "ngo_roles.svg").read_text(encoding="utf-8")
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg
    assert b"Software" not in (tmp_path / "a" / "ngo_roles.png").read_bytes()


def test_figure_files_carry_the_stamp(mini: Path, tmp_path: Path) -> None:
    from PIL import Image

    from rcx.graph.report.stamp import content_checksum

    g = load_graph(mini)
    paths, _ = write_figures(g, tmp_path / "out", ["degree_distribution"])
    png = next(p for p in paths if p.suffix == ".png")
    svg = next(p for p in paths if p.suffix == ".svg")
    stamp = Image.open(png).info["Description"]
    assert stamp.startswith("rcx ") and content_checksum(g) in stamp and "layer linkages" in stamp
    assert content_checksum(g) in svg.read_text(encoding="utf-8")
