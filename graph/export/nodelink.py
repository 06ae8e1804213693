"""networkx node-link JSON: every node with id, name, aliases, kind; every relation under
``"edges"`` with its type and provenance.

``"edges"`` is the key networkx 3.6 reads by default, so ``nx.node_link_graph(data)`` loads
the file with no argument and no warning. Older networkx read ``"links"`` by default: call
``nx.node_link_graph(data, edges="edges")`` on 3.4 and 3.5, ``nx.node_link_graph(data,
link="edges")`` on 3.2 and 3.3. Non-finite numbers are written as ``null`` (JSON has none).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from rcx.graph.export.safe import dumps_json, finite

EDGES = "edges"


def to_node_link(g: nx.MultiDiGraph) -> dict[str, Any]:
    """The graph as a node-link mapping (``nodes``/``edges``, keys as in networkx >= 3.6)."""
    data = nx.node_link_data(g, edges=EDGES)
    for node in data["nodes"]:
        node.setdefault("aliases", [])
    return finite(data)


def from_node_link(data: dict[str, Any]) -> nx.MultiDiGraph:
    """Inverse of :func:`to_node_link`.

    A node's ``id`` is both networkx's node key and the element's own ``id`` attribute (always
    the same in rcx graphs); networkx's reader keeps only the key, so the attribute is restored.
    Likewise a relation's ``source``/``target``/``key`` attributes (its ends and edge key).
    """
    g: nx.MultiDiGraph[Any] = nx.MultiDiGraph(
        nx.node_link_graph(data, directed=True, multigraph=True, edges=EDGES)
    )
    for n, attrs in g.nodes(data=True):
        attrs["id"] = n
    for u, v, k, attrs in g.edges(keys=True, data=True):
        if "type" in attrs:
            attrs.update(source=u, target=v, key=k)
    return g


def dumps_node_link(g: nx.MultiDiGraph) -> str:
    return dumps_json(to_node_link(g), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def write_node_link(g: nx.MultiDiGraph, out: Path) -> list[Path]:
    from rcx.graph.io import write_text_atomic

    return [write_text_atomic(out, dumps_node_link(g))]
