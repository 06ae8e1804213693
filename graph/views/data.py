"""The page's data: one JSON document with nodes (facts, position, colour), edges, groups,
legend and filter options. Everything is plain JSON; the page escapes nothing itself because it
never parses data as HTML (it builds text nodes).

Compact, so that 10^5 elements stay a file a browser opens quickly: nodes and edges are
columns, not objects; every repeated string (kinds, colours, relation types, places, each
distinct fact value as JSON text) is stored once in ``strings`` and referred to by index; edges
refer to nodes by position; columns that most rows lack are sparse maps; positions are whole
pixels. A node's facts are decoded only when the reader opens it. :func:`decode_nodes` and
:func:`decode_edges` read the format back (the page does the same in JavaScript).
Non-finite numbers in facts become ``null``."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

import networkx as nx

from rcx.graph.export.safe import dumps_json
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
    return {
        f"group:{what}:{where or '-'}": members
        for (what, where), members in sorted(buckets.items())
        if len(members) >= 3
    }


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
        out = {
            k: _compact(v)
            for k, v in value.items()
            if v not in ([], {}, None, "") and not (k == "derived" and v is False)
        }
        return out
    if isinstance(value, list):
        return [_compact(v) for v in value]
    return value


SHORT_LABEL = 26
"""Longest label drawn on the canvas; a longer name shows its shortest alias that fits, or is
cut with an ellipsis (the details panel always has the full name)."""


def short_label(name: str, aliases: list[str]) -> str:
    """The text drawn beside a node.

    >>> short_label("United Nations Framework Convention on Climate Change",
    ...             ["UNFCCC", "Climate Convention", "Framework Convention"])
    'UNFCCC'
    >>> short_label("A name far too long for a label on the canvas", [])
    'A name far too long for a…'
    """
    if len(name) <= SHORT_LABEL:
        return name
    fits = sorted((a for a in aliases if 3 < len(a) <= SHORT_LABEL), key=lambda a: (len(a), a))
    return fits[0] if fits else name[: SHORT_LABEL - 1].rstrip() + "…"


class Strings:
    """A table of distinct strings; the page refers to each by its index (no repeated text).

    Indices are assigned by :meth:`freeze` in order of frequency, so common strings (kinds,
    relation types, shared provenance) get short numbers.
    """

    def __init__(self) -> None:
        self.count: Counter[str] = Counter()

    def add(self, text: str) -> str:
        self.count[text] += 1
        return text

    def freeze(self) -> tuple[list[str], dict[str, int]]:
        table = sorted(self.count, key=lambda t: (-self.count[t], t))
        return table, {t: i for i, t in enumerate(table)}


_FACT_DEFAULTS = {f: "unknown" for f in FUNCTIONS}  # the page shows a missing role as unknown


def _fact_pairs(facts: dict[str, Any], strings: Strings) -> list[str]:
    """``[key, JSON value, key, JSON value, ...]`` of the compacted facts (strings to intern)."""
    out: list[str] = []
    for k, v in sorted(_compact(facts).items()):
        if _FACT_DEFAULTS.get(k) == v:
            continue
        out += [
            strings.add(k),
            strings.add(dumps_json(v, ensure_ascii=False, sort_keys=True, separators=(",", ":"))),
        ]
    return out


def _encode(
    nodes: list[dict[str, Any]],
    edges: list[dict[str, Any]],
    index: dict[str, int],
    strings: Strings,
) -> tuple[dict[str, Any], dict[str, Any], list[str]]:
    """Columns of nodes and edges with every repeated string an index into one table."""
    table, at = strings.freeze()
    col = lambda rows, k: [r[k] for r in rows]  # noqa: E731
    ref = lambda rows, k: [at[r[k]] for r in rows]  # noqa: E731
    ncols: dict[str, Any] = {
        "id": col(nodes, "id"),
        "label": col(nodes, "label"),
        "kind": ref(nodes, "kind"),
        "category": ref(nodes, "category"),
        "color": ref(nodes, "color"),
        "x": col(nodes, "x"),
        "y": col(nodes, "y"),
        "places": [[at[p] for p in r["places"]] for r in nodes],
        "fn": [sum(1 << i for i, f in enumerate(FUNCTIONS) if f in r["fn"]) for r in nodes],
        "facts": [[at[t] for t in r["facts"]] for r in nodes],
        # sparse columns: only the nodes that have one
        "short": {str(i): r["short"] for i, r in enumerate(nodes) if r["short"] != r["label"]},
        "aliases": {str(i): r["aliases"] for i, r in enumerate(nodes) if r["aliases"]},
        "regimes": {
            str(i): [at[x] for x in r["regimes"]] for i, r in enumerate(nodes) if r["regimes"]
        },
    }
    ecols: dict[str, Any] = {
        "from": [index[e["from"]] for e in edges],
        "to": [index[e["to"]] for e in edges],
        "type": ref(edges, "type"),
        "facts": [[at[t] for t in e["facts"]] for e in edges],
        "derived": {str(i): at[e["rule"]] for i, e in enumerate(edges) if e["derived"]},
    }
    return ncols, ecols, table


def _node(
    g: nx.MultiDiGraph,
    n: str,
    d: dict[str, Any],
    xy: tuple[float, float],
    colour: str,
    places: list[str],
    regimes: list[str],
    strings: Strings,
) -> dict[str, Any]:
    aliases = list(d.get("aliases") or [])
    return {
        "id": n,
        "label": d["name"],
        "short": short_label(str(d["name"]), aliases),
        "aliases": aliases,
        "kind": strings.add(d["kind"]),
        "category": strings.add(d["category"]),
        "x": round(xy[0]),
        "y": round(xy[1]),
        "color": strings.add(colour),
        "places": [strings.add(p) for p in places],
        "regimes": [strings.add(r) for r in regimes],
        "fn": [f for f in FUNCTIONS if d.get(f) == "yes"],
        "facts": _fact_pairs({k: v for k, v in d.items() if k not in _SKIP_FACTS}, strings),
    }


_EDGE_SKIP = {"source", "target", "type", "key", "derived", "linkage"}


def _edge(u: str, v: str, d: dict[str, Any], strings: Strings) -> dict[str, Any]:
    prov = d.get("provenance") or {}
    derived = bool(d.get("derived"))
    return {
        "from": u,
        "to": v,
        "type": strings.add(d["type"]),
        "derived": derived,
        "rule": strings.add(str(prov.get("rule") or "")) if derived else "",
        "facts": _fact_pairs({x: y for x, y in d.items() if x not in _EDGE_SKIP}, strings),
    }


def decode_nodes(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """The page's nodes as plain rows (for tests and tools; the page decodes the same way)."""
    s, c = payload["strings"], payload["nodes"]
    return [
        {
            "id": c["id"][i],
            "label": c["label"][i],
            "short": c["short"].get(str(i), c["label"][i]),
            "kind": s[c["kind"][i]],
            "category": s[c["category"][i]],
            "color": s[c["color"][i]],
            "x": c["x"][i],
            "y": c["y"][i],
            "places": [s[p] for p in c["places"][i]],
            "facts": {
                s[k]: json.loads(s[v])
                for k, v in zip(c["facts"][i][::2], c["facts"][i][1::2], strict=True)
            },
        }
        for i in range(len(c["id"]))
    ]


def decode_edges(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """The page's edges as plain rows ``{id, from, to, type, derived}``."""
    s, c, ids = payload["strings"], payload["edges"], payload["nodes"]["id"]
    return [
        {
            "id": f"e{i}",
            "from": ids[c["from"][i]],
            "to": ids[c["to"][i]],
            "type": s[c["type"][i]],
            "derived": str(i) in c["derived"],
        }
        for i in range(len(c["from"]))
    ]


def build_payload(
    g: nx.MultiDiGraph,
    *,
    title: str,
    seed: int = 1,
    color_by: str = "kind",
    show_parallel: bool = False,
    subset: str = "",
    aggregate: bool | None = None,
) -> ViewData:
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
    strings = Strings()
    nodes = [
        _node(g, n, d, pos[n], colours[n], places[n], regimes[n], strings)
        for n, d in g.nodes(data=True)
    ]
    edges = [_edge(u, v, d, strings) for u, v, d in g.edges(data=True)]
    index = {n: i for i, n in enumerate(g)}
    ncols, ecols, table = _encode(nodes, edges, index, strings)
    kc = kind_colours(of_graph(g.graph))
    group_rows = [
        {
            "id": gid,
            "label": _group_label(g, gid, members),
            "members": [index[m] for m in members],
            "x": gpos[gid][0],
            "y": gpos[gid][1],
            "color": kc.get(gid.split(":")[1], "#9ca3af"),
        }
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
            "searchExample": str(g.graph.get("search_example") or ""),
            "format": 2,
        },
        "legend": legend(of_graph(g.graph)),
        "strings": table,
        "nodes": ncols,
        "edges": ecols,
        "groups": group_rows,
        "options": {
            "regimes": [
                {"id": n, "name": d["name"]}
                for n, d in g.nodes(data=True)
                if d.get("kind") == ElementKind.REGIME.value
            ],
            "countries": sorted(
                (
                    {"id": p, "name": g.nodes[p]["name"] if p in g else p, "count": c}
                    for p, c in place_ids.items()
                ),
                key=lambda r: (str(r["name"]).casefold(), str(r["id"])),
            ),
            "kinds": dict(sorted(Counter(d["kind"] for _, d in g.nodes(data=True)).items())),
            "categories": dict(
                sorted(Counter(d["category"] for _, d in g.nodes(data=True)).items())
            ),
            "relations": dict(sorted(Counter(d["type"] for *_, d in g.edges(data=True)).items())),
        },
    }
    return ViewData(payload, len(groups), bool(groups))
