"""The page's data: one JSON document with nodes (facts, position, colour), edges, groups,
legend and filter options. Everything is plain JSON; the page escapes nothing itself because it
never parses data as HTML (it builds text nodes)."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Any

import networkx as nx

from rcx.graph.views.layout import grouped, layout_graph, spring
from rcx.graph.views.metrics import colouring
from rcx.graph.views.style import kind_colours, legend
from rcx.graph.views.subsets import PART_OF_REGIME, places_of
from rcx.schema.vocab import FUNCTIONS, Category, ElementKind
from rcx.schema.vocabulary import of_graph

AGGREGATE_AT = 2000
"""From this many nodes on, the view starts with groups collapsed (and physics stays off)."""
MAX_VISIBLE = 1500
_NOT_GROUPED = {Category.PLACE.value, Category.REGIME.value}
_SKIP_FACTS = {"id", "name", "kind", "category"}


@dataclass(frozen=True)
class ViewData:
    payload: dict[str, Any]
    groups: int
    aggregated: bool


def _groups(g: nx.MultiDiGraph, places: dict[str, list[str]], by: str) -> dict[str, list[str]]:
    """Collapsible groups of a large graph: elements of one kind (or category) and first place."""
    buckets: dict[tuple[str, str], list[str]] = {}
    for n, d in g.nodes(data=True):
        if d.get("category") in _NOT_GROUPED:
            continue
        where = next((p for p in places[n] if p != n), "") if by != "only" else ""
        what = d["category"] if by == "category" else d["kind"]
        buckets.setdefault((what, where), []).append(n)
    return {f"group:{what}:{where or '-'}": members
            for (what, where), members in sorted(buckets.items()) if len(members) >= 3}


def choose_groups(g: nx.MultiDiGraph, places: dict[str, list[str]]) -> dict[str, list[str]]:
    """The finest grouping that leaves at most ``MAX_VISIBLE`` points to draw at first."""
    groups: dict[str, list[str]] = {}
    for by in ("kind", "category", "only"):
        groups = _groups(g, places, by)
        shown = g.number_of_nodes() - sum(len(m) for m in groups.values()) + len(groups)
        if shown <= MAX_VISIBLE:
            break
    return groups


def _group_label(g: nx.MultiDiGraph, gid: str, members: list[str]) -> str:
    _, what, where = gid.split(":", 2)
    place = g.nodes[where]["name"] if where in g else ("no place" if where == "-" else where)
    return f"{what.replace('_', ' ')} · {place}" if where != "-" else f"{what.replace('_', ' ')}"


def _compact(value: Any) -> Any:
    """Drop empty lists/maps and false ``derived`` flags: the page treats missing as empty."""
    if isinstance(value, dict):
        out = {k: _compact(v) for k, v in value.items()
               if v not in ([], {}, None, "") and not (k == "derived" and v is False)}
        return out
    if isinstance(value, list):
        return [_compact(v) for v in value]
    return value


def _node(g: nx.MultiDiGraph, n: str, d: dict[str, Any], xy: tuple[float, float],
          colour: str, places: list[str], regimes: list[str]) -> dict[str, Any]:
    degree = g.degree(n)
    row: dict[str, Any] = {
        "id": n,
        "label": d["name"],
        "kind": d["kind"],
        "category": d["category"],
        "x": xy[0],
        "y": xy[1],
        "size": round(min(30.0, 9 + 2.5 * math.sqrt(degree)), 1),
        "color": colour,
        "places": places,
        "regimes": regimes,
        "fn": [f for f in FUNCTIONS if d.get(f) == "yes"],
        "facts": _compact({k: v for k, v in d.items() if k not in _SKIP_FACTS}),
        "degree": degree,
    }
    return row


_EDGE_SKIP = {"source", "target", "type", "key", "derived", "linkage"}


def _edge(i: int, u: str, v: str, d: dict[str, Any]) -> dict[str, Any]:
    prov = d.get("provenance") or {}
    row: dict[str, Any] = {"id": f"e{i}", "from": u, "to": v, "type": d["type"],
                           "facts": _compact({x: y for x, y in d.items() if x not in _EDGE_SKIP})}
    if d.get("derived"):
        row["derived"] = True
        row["rule"] = prov.get("rule")
    return row


def build_payload(g: nx.MultiDiGraph, *, title: str, seed: int = 1, color_by: str = "kind",
                  show_parallel: bool = False, subset: str = "",
                  aggregate: bool | None = None) -> ViewData:
    """Everything the page shows, computed here so that the page only draws and filters."""
    places = {n: places_of(g, n) for n in g}
    regimes = {n: [] for n in g}  # type: dict[str, list[str]]
    for u, v, d in g.edges(data=True):
        if d.get("type") == PART_OF_REGIME and v not in regimes[u]:
            regimes[u].append(v)
    big = g.number_of_nodes() >= AGGREGATE_AT if aggregate is None else aggregate
    groups = choose_groups(g, places) if big else {}
    if groups:
        gpos, pos = grouped(g, groups, seed)
    else:
        gpos, pos = {}, spring(layout_graph(g), seed)
    colours, colour_legend, colour_source = colouring(g, color_by, seed)
    nodes = [_node(g, n, d, pos[n], colours[n], places[n], regimes[n])
             for n, d in g.nodes(data=True)]
    edges = [_edge(i, u, v, d) for i, (u, v, d) in enumerate(g.edges(data=True))]
    kc = kind_colours(of_graph(g.graph))
    group_rows = [
        {"id": gid, "label": _group_label(g, gid, members), "members": members,
         "x": gpos[gid][0], "y": gpos[gid][1],
         "color": kc.get(gid.split(":")[1], "#9ca3af")}
        for gid, members in groups.items()
    ]
    place_ids = Counter(p for n in g for p in places[n] if p != n)
    payload = {
        "meta": {
            "title": title,
            "dataset": g.graph.get("dataset", ""),
            "seed": seed,
            "colorBy": color_by,
            "colorSource": colour_source,
            "colorLegend": colour_legend,
            "showParallel": show_parallel,
            "subset": subset,
            "aggregated": bool(groups),
            "aggregateAt": AGGREGATE_AT,
            "counts": {"nodes": g.number_of_nodes(), "edges": g.number_of_edges()},
        },
        "legend": legend(of_graph(g.graph)),
        "nodes": nodes,
        "edges": edges,
        "groups": group_rows,
        "options": {
            "regimes": [{"id": n, "name": d["name"]} for n, d in g.nodes(data=True)
                        if d.get("kind") == ElementKind.REGIME.value],
            "countries": sorted(
                ({"id": p, "name": g.nodes[p]["name"] if p in g else p, "count": c}
                 for p, c in place_ids.items()),
                key=lambda r: (str(r["name"]).casefold(), str(r["id"]))),
            "kinds": dict(sorted(Counter(d["kind"] for _, d in g.nodes(data=True)).items())),
            "categories": dict(sorted(Counter(d["category"]
                                              for _, d in g.nodes(data=True)).items())),
            "relations": dict(sorted(Counter(d["type"] for *_, d in g.edges(data=True)).items())),
        },
    }
    return ViewData(payload, len(groups), bool(groups))
