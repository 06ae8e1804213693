"""GraphML for Gephi, yEd, igraph, Cytoscape and R: typed keys with unique ids, a node label.

Each key's id is its domain and name (``node.name``, ``edge.type``, ``graph.dataset``), so ids
are unique in the file and stable across exports, and ``attr.name`` is the plain name. Nodes
also get the key ``label`` (the element's name) and edges the key ``label`` (the relation
type), which Gephi, yEd and Cytoscape show; an
element's ``id`` is its node id (not repeated as data, so igraph sees one ``id``). Edge ids
are the relation keys. Lists and maps are flattened by :mod:`rcx.graph.export.flat`; values are
made XML-safe by :mod:`rcx.graph.export.safe`.

Gephi reads an edge's kind from a ``label`` attribute of ``<edge>`` and merges relations of the
same kind between the same two elements, so each edge carries ``label="<relation type>"``,
made unique per ordered pair as in GEXF (:func:`rcx.graph.export.gexf.edge_kinds`). The GraphML
schema declares no such attribute: it is Gephi's extension, ignored by networkx, igraph and
yEd. :func:`read_graphml` restores the typed graph exactly.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import Any, cast
from xml.etree import ElementTree as ET

import networkx as nx

from rcx.graph.export.flat import decode_attrs, encode_attrs, scalar_text, scalar_type
from rcx.graph.export.gexf import edge_kinds
from rcx.graph.export.safe import xml_text, xml_value
from rcx.graph.io import write_bytes_atomic

NS = "http://graphml.graphdrawing.org/xmlns"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
NODE_LABEL = "label"
EDGE_LABEL = "label"


def _flat(d: Mapping[str, Any]) -> dict[str, Any]:
    return {k: xml_value(v) for k, v in encode_attrs(d).items() if xml_value(v) is not None}


def _keys(root: ET.Element, domain: str, rows: list[dict[str, Any]]) -> dict[str, str]:
    """Declare a ``<key>`` per attribute of ``rows``; returns name -> key id (types in keys)."""
    values: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        for k, v in row.items():
            values[k].append(v)
    ids: dict[str, str] = {}
    for name, vs in sorted(values.items()):
        ids[name] = f"{domain}.{name}"
        ET.SubElement(
            root,
            "key",
            {
                "id": xml_text(ids[name]),
                "for": domain,
                "attr.name": xml_text(name),
                "attr.type": scalar_type(vs),
            },
        )
    return ids


def _data(
    parent: ET.Element, row: Mapping[str, Any], ids: Mapping[str, str], types: Mapping[str, str]
) -> None:
    for k in sorted(row):
        ET.SubElement(parent, "data", {"key": xml_text(ids[k])}).text = xml_text(
            scalar_text(row[k], types[ids[k]])
        )


def dumps_graphml(g: nx.MultiDiGraph) -> bytes:
    if any(NODE_LABEL in d for _, d in g.nodes(data=True)):
        raise ValueError(f"node attribute {NODE_LABEL!r} is reserved in GraphML (the name)")
    if any(EDGE_LABEL in d for *_, d in g.edges(data=True)):
        raise ValueError(f"relation attribute {EDGE_LABEL!r} is reserved in GraphML (the type)")
    root = ET.Element(
        "graphml",
        {"xmlns": NS, "xmlns:xsi": _XSI, "xsi:schemaLocation": f"{NS} {NS}/1.0/graphml.xsd"},
    )
    graph_row = _flat(g.graph)
    # An element's ``id`` attribute is its GraphML node id (igraph would warn of two ids).
    node_rows = [
        (
            n,
            _flat({k: v for k, v in d.items() if not (k == "id" and v == n)})
            | {NODE_LABEL: xml_text(str(d.get("name", n)))},
        )
        for n, d in g.nodes(data=True)
    ]
    edge_rows = [
        (u, v, k, _flat(d) | {EDGE_LABEL: xml_text(str(d.get("type", "")))})
        for u, v, k, d in g.edges(keys=True, data=True)
    ]
    ids = {
        "graph": _keys(root, "graph", [graph_row]),
        "node": _keys(root, "node", [r for _, r in node_rows]),
        "edge": _keys(root, "edge", [r for *_, r in edge_rows]),
    }
    types = {key.get("id", ""): key.get("attr.type", "string") for key in root}
    graph = ET.SubElement(root, "graph", {"id": "G", "edgedefault": "directed"})
    _data(graph, graph_row, ids["graph"], types)
    for n, row in node_rows:
        _data(ET.SubElement(graph, "node", {"id": xml_text(str(n))}), row, ids["node"], types)
    kinds = edge_kinds(g)
    for u, v, k, row in edge_rows:
        edge = ET.SubElement(
            graph,
            "edge",
            {
                "id": xml_text(str(k)),
                "source": xml_text(str(u)),
                "target": xml_text(str(v)),
                "label": xml_text(kinds[k]),
            },
        )
        _data(edge, row, ids["edge"], types)
    ET.indent(root, space="  ")
    # text first, then bytes: encoding while serialising costs a codec call per piece
    head = "<?xml version='1.0' encoding='utf-8'?>\n"
    return (head + ET.tostring(root, encoding="unicode") + "\n").encode("utf-8")


def write_graphml(g: nx.MultiDiGraph, out: Path) -> list[Path]:
    return [write_bytes_atomic(out, dumps_graphml(g))]


def read_graphml(path: str | Path) -> nx.MultiDiGraph:
    """Read a file written by :func:`write_graphml` back into the typed graph."""
    h = cast("nx.MultiDiGraph[Any]", nx.read_graphml(path, force_multigraph=True))
    graph = {k: v for k, v in h.graph.items() if k not in ("node_default", "edge_default")}
    g: nx.MultiDiGraph[Any] = nx.MultiDiGraph(**decode_attrs(graph))
    g.add_nodes_from(
        (n, {"id": n} | decode_attrs({k: v for k, v in d.items() if k != NODE_LABEL}))
        for n, d in h.nodes(data=True)
    )
    for u, v, k, d in h.edges(keys=True, data=True):
        g.add_edge(u, v, key=k)
        g.edges[u, v, k].update(decode_attrs({x: y for x, y in d.items() if x != EDGE_LABEL}))
    return g
