"""networkx node-link JSON: every node with id, name, aliases, kind; every link with its type
and provenance."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx


def to_node_link(g: nx.MultiDiGraph) -> dict[str, Any]:
    """The graph as a node-link mapping (``nodes``/``links``, keys as in networkx >= 3.4)."""
    data = nx.node_link_data(g, edges="links")
    for node in data["nodes"]:
        node.setdefault("aliases", [])
    return data


def from_node_link(data: dict[str, Any]) -> nx.MultiDiGraph:
    """Inverse of :func:`to_node_link`.

    A node's ``id`` is both networkx's node key and the element's own ``id`` attribute (always
    the same in rcx graphs); networkx's reader keeps only the key, so the attribute is restored.
    Likewise a relation's ``source``/``target``/``key`` attributes (its ends and edge key).
    """
    g = nx.MultiDiGraph(nx.node_link_graph(data, directed=True, multigraph=True, edges="links"))
    for n, attrs in g.nodes(data=True):
        attrs["id"] = n
    for u, v, k, attrs in g.edges(keys=True, data=True):
        if "type" in attrs:
            attrs.update(source=u, target=v, key=k)
    return g


def dumps_node_link(g: nx.MultiDiGraph) -> str:
    return json.dumps(to_node_link(g), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def write_node_link(g: nx.MultiDiGraph, out: Path) -> list[Path]:
    from rcx.graph.io import write_text_atomic

    return [write_text_atomic(out, dumps_node_link(g))]
