"""GEXF 1.2 for Gephi: lists and maps flattened by :mod:`rcx.graph.export.flat`.

GEXF reserves some names, so on the way out: a node's ``label`` is its name (Gephi shows it),
an edge's ``label`` is its relation type and the relation type itself is kept as the attribute
``relation`` (GEXF's own edge ``type`` means directed/undirected); the relation key is the edge
id and networkx's ``networkx_key``. Graph attributes (dataset id, title) go into the GEXF
``<meta><description>`` as JSON. :func:`read_gexf` restores the typed graph exactly.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import networkx as nx

from rcx.graph.export.flat import decode_attrs, encode_attrs
from rcx.graph.io import write_bytes_atomic

_RESERVED_NODE = ("label", "pid", "start", "end", "viz", "parents", "spells", "slices")
_RESERVED_EDGE = ("label", "weight", "start", "end", "viz", "id", "spells", "slices", "relation")
_LASTMODIFIED = re.compile(rb' lastmodifieddate="[^"]*"')


def _node_attrs(n: str, d: dict[str, Any]) -> dict[str, Any]:
    clash = [k for k in _RESERVED_NODE if k in d]
    if clash:
        raise ValueError(f"node {n!r}: attributes {clash} are reserved in GEXF")
    attrs = encode_attrs(d)
    attrs["label"] = str(d.get("name", n))
    attrs.pop("id", None)  # GEXF's own node id is the element id
    return attrs


def _edge_attrs(k: str, d: dict[str, Any]) -> dict[str, Any]:
    clash = [x for x in _RESERVED_EDGE if x in d]
    if clash:
        raise ValueError(f"relation {k!r}: attributes {clash} are reserved in GEXF")
    attrs = encode_attrs(d)
    if "type" in attrs:
        attrs["relation"] = attrs.pop("type")
        attrs["label"] = attrs["relation"]
    attrs["id"] = str(k)
    return attrs


def dumps_gexf(g: nx.MultiDiGraph) -> bytes:
    h = nx.MultiDiGraph()
    h.add_nodes_from((n, _node_attrs(n, d)) for n, d in g.nodes(data=True))
    h.add_edges_from((u, v, k, _edge_attrs(k, d)) for u, v, k, d in g.edges(keys=True, data=True))
    writer = nx.readwrite.gexf.GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.add_graph(h)
    meta = writer.xml.find("meta")
    if meta is not None:
        desc = meta.find("description")
        if desc is None:
            from xml.etree.ElementTree import SubElement

            desc = SubElement(meta, "description")
        flags = {"node_id_attr": all(d.get("id") == n for n, d in g.nodes(data=True)),
                 "edge_key_attr": all(d.get("key") == k for *_, k, d in
                                      g.edges(keys=True, data=True))}
        desc.text = json.dumps({"graph": g.graph, "rcx": flags}, ensure_ascii=False,
                               sort_keys=True)
    buf = io.BytesIO()
    writer.write(buf)
    return _LASTMODIFIED.sub(b"", buf.getvalue())  # no date: same graph, same bytes


def write_gexf(g: nx.MultiDiGraph, out: Path) -> list[Path]:
    return [write_bytes_atomic(out, dumps_gexf(g))]


def read_gexf(path: str | Path) -> nx.MultiDiGraph:
    """Read a file written by :func:`write_gexf` back into the typed graph."""
    from xml.etree import ElementTree

    h = nx.read_gexf(path, node_type=str)
    tree = ElementTree.parse(path)
    ns = {"g": tree.getroot().tag.split("}")[0].strip("{")}
    desc = tree.getroot().find("g:meta/g:description", ns)
    meta = json.loads(desc.text) if desc is not None and desc.text else {}
    flags = meta.get("rcx", {})
    g = nx.MultiDiGraph(**meta.get("graph", {}))
    for n, d in h.nodes(data=True):
        attrs = decode_attrs({k: v for k, v in d.items() if k != "label"})
        g.add_node(n, **(({"id": n} | attrs) if flags.get("node_id_attr") else attrs))
    edges = h.edges(keys=True, data=True) if h.is_multigraph() else \
        ((u, v, None, d) for u, v, d in h.edges(data=True))
    for u, v, _, d in edges:
        key = d["id"]
        attrs = {k: val for k, val in d.items() if k not in ("label", "id")}
        if "relation" in attrs:
            attrs["type"] = attrs.pop("relation")
        attrs = decode_attrs(attrs)
        if flags.get("edge_key_attr"):
            attrs["key"] = key
        g.add_edges_from([(u, v, key, attrs)])
    return g
