"""Cytoscape.js JSON: ``{"elements": {"nodes": [{"data": ...}], "edges": [{"data": ...}]}}``.

A node's ``data`` is its attributes with ``id`` the element id; an edge's ``data`` is its
attributes with ``id`` the relation key and ``source``/``target`` its ends (the loaders' graph
already carries the same ``source``/``target``/``key`` attributes). Values stay JSON (lists,
maps), which Cytoscape.js and Cytoscape desktop accept. The graph's own attributes are ``data``.
Non-finite numbers are written as ``null`` (JSON has none).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

from rcx.graph.export.safe import dumps_json
from rcx.graph.io import write_text_atomic

_EDGE_ID = "id"


def to_cytoscape(g: nx.MultiDiGraph) -> dict[str, Any]:
    nodes = [{"data": {**d, "id": str(n)}} for n, d in g.nodes(data=True)]
    edges = []
    for u, v, k, d in g.edges(keys=True, data=True):
        if _EDGE_ID in d:
            raise ValueError(f"relation {k!r} has an attribute named 'id', reserved here")
        edges.append({"data": {**d, "id": str(k), "source": str(u), "target": str(v)}})
    return {
        "format_version": "1.0",
        "generated_by": "rcx",
        "target_cytoscapejs_version": "~3",
        "data": dict(g.graph),
        "elements": {"nodes": nodes, "edges": edges},
    }


def from_cytoscape(doc: dict[str, Any], *, keep_ends: bool = True) -> nx.MultiDiGraph:
    """Inverse of :func:`to_cytoscape`. ``keep_ends``: keep ``source``/``target`` attributes."""
    g: nx.MultiDiGraph[Any] = nx.MultiDiGraph(**doc.get("data", {}))
    for node in doc["elements"]["nodes"]:
        g.add_node(node["data"]["id"], **node["data"])
    for edge in doc["elements"]["edges"]:
        d = dict(edge["data"])
        key = d.pop(_EDGE_ID)
        u, v = d["source"], d["target"]
        if not keep_ends:
            d.pop("source")
            d.pop("target")
        g.add_edge(u, v, key=key)
        g.edges[u, v, key].update(d)
    return g


def dumps_cytoscape(g: nx.MultiDiGraph) -> str:
    return dumps_json(to_cytoscape(g), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def write_cytoscape(g: nx.MultiDiGraph, out: Path) -> list[Path]:
    return [write_text_atomic(out, dumps_cytoscape(g))]


def read_cytoscape(path: str | Path) -> nx.MultiDiGraph:
    from rcx.loaders.files import read_text

    return from_cytoscape(json.loads(read_text(path)))
