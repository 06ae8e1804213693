"""GEXF 1.3 for Gephi: one edge ``kind`` per relation type, a ``label`` on every node and edge.

Gephi keeps one edge per (source, target, kind) and merges the rest, so every relation carries
``kind="<relation type>"``; where one ordered pair holds several relations of one type (the
Protocol OVERLAPS_WITH the SAARC Convention on two issues), each of them gets the kind
``"<type> (<issue>)"`` (or ``"<type> #<n>"`` without issues) and Gephi keeps them all. The plain
type is also the edge ``label`` and the attribute ``relation`` (GEXF's own edge ``type`` means
directed/undirected). A node's ``label`` is its name; its GEXF id is the element id.

Attributes are typed (``integer``, ``double``, ``boolean``, ``string``); lists and maps are
flattened by :mod:`rcx.graph.export.flat`. Graph attributes (dataset id, title) go into
``<meta><description>`` as JSON. :func:`read_gexf` restores the typed graph exactly. Values are
made XML-safe by :mod:`rcx.graph.export.safe`.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import networkx as nx

from rcx.graph.export.flat import decode_attrs, encode_attrs, scalar_text, scalar_type
from rcx.graph.export.safe import dumps_json, xml_text, xml_value
from rcx.graph.io import write_bytes_atomic

NS = "http://gexf.net/1.3"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_RESERVED_NODE = ("label",)
_RESERVED_EDGE = ("label", "kind", "relation", "weight")
_DROP_NODE = ("id",)  # the GEXF node id is the element id (flagged in the meta)
_DROP_EDGE = ("key",)  # the GEXF edge id is the relation key (flagged in the meta)


def _declare(parent: ET.Element, cls: str, rows: list[dict[str, Any]]) -> dict[str, str]:
    """``<attributes class=cls>`` for every key in ``rows``; returns key -> GEXF type."""
    values: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        for k, v in row.items():
            values[k].append(v)
    types = {k: scalar_type(vs) for k, vs in sorted(values.items())}
    block = ET.SubElement(parent, "attributes", {"class": cls, "mode": "static"})
    for k, t in types.items():
        ET.SubElement(block, "attribute", {"id": xml_text(k), "title": xml_text(k), "type": t})
    return types


def _attvalues(parent: ET.Element, row: Mapping[str, Any], types: Mapping[str, str]) -> None:
    if not row:
        return
    box = ET.SubElement(parent, "attvalues")
    for k in sorted(row):
        value = xml_text(scalar_text(row[k], types[k]))
        ET.SubElement(box, "attvalue", {"for": xml_text(k), "value": value})


def _flat(
    d: Mapping[str, Any], drop: tuple[str, ...], reserved: tuple[str, ...], what: str
) -> dict[str, Any]:
    clash = [k for k in reserved if k in d]
    if clash:
        raise ValueError(f"{what}: attributes {clash} are reserved in GEXF")
    flat = encode_attrs({k: v for k, v in d.items() if k not in drop})
    return {k: xml_value(v) for k, v in flat.items() if xml_value(v) is not None}


def edge_kinds(g: nx.MultiDiGraph) -> dict[Any, str]:
    """Gephi's edge kind of each relation key: its type, made unique per ordered pair."""
    groups: dict[tuple[Any, Any, str], list[tuple[Any, dict[str, Any]]]] = defaultdict(list)
    for u, v, k, d in g.edges(keys=True, data=True):
        groups[(u, v, str(d.get("type", "")))].append((k, d))
    kinds: dict[Any, str] = {}
    for (_, _, rtype), members in groups.items():
        if len(members) == 1:
            kinds[members[0][0]] = rtype
            continue
        issues = [str(d.get("issue") or "") for _, d in members]
        unique = all(issues) and len(set(issues)) == len(issues)
        for i, (k, _) in enumerate(members, start=1):
            kinds[k] = f"{rtype} ({issues[i - 1]})" if unique else f"{rtype} #{i}"
    return kinds


def dumps_gexf(g: nx.MultiDiGraph) -> bytes:
    root = ET.Element(
        "gexf",
        {
            "xmlns": NS,
            "xmlns:xsi": _XSI,
            "version": "1.3",
            "xsi:schemaLocation": f"{NS} {NS}/gexf.xsd",
        },
    )
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = "rcx"
    flags = {
        "node_id_attr": all(d.get("id") == n for n, d in g.nodes(data=True)),
        "edge_key_attr": all(d.get("key") == k for *_, k, d in g.edges(keys=True, data=True)),
    }
    ET.SubElement(meta, "description").text = xml_text(
        dumps_json({"graph": g.graph, "rcx": flags}, ensure_ascii=False, sort_keys=True)
    )
    graph = ET.SubElement(root, "graph", {"defaultedgetype": "directed", "mode": "static"})
    nodes = [
        (n, _flat(d, _DROP_NODE, _RESERVED_NODE, f"node {n!r}")) for n, d in g.nodes(data=True)
    ]
    kinds = edge_kinds(g)
    edges = []
    for u, v, k, d in g.edges(keys=True, data=True):
        row = _flat(d, _DROP_EDGE, _RESERVED_EDGE, f"relation {k!r}")
        if "type" in row:
            row["relation"] = row.pop("type")
        edges.append((u, v, k, row))
    ntypes = _declare(graph, "node", [r for _, r in nodes])
    etypes = _declare(graph, "edge", [r for *_, r in edges])
    box = ET.SubElement(graph, "nodes", {"count": str(len(nodes))})
    for n, row in nodes:
        label = xml_text(str(g.nodes[n].get("name", n)))
        _attvalues(
            ET.SubElement(box, "node", {"id": xml_text(str(n)), "label": label}), row, ntypes
        )
    box = ET.SubElement(graph, "edges", {"count": str(len(edges))})
    for u, v, k, row in edges:
        attrs = {
            "id": xml_text(str(k)),
            "source": xml_text(str(u)),
            "target": xml_text(str(v)),
            "kind": xml_text(kinds[k]),
            "label": str(row.get("relation", "")),
        }
        _attvalues(ET.SubElement(box, "edge", attrs), row, etypes)
    ET.indent(root, space="  ")
    # text first, then bytes: encoding while serialising costs a codec call per piece
    head = "<?xml version='1.0' encoding='utf-8'?>\n"
    return (head + ET.tostring(root, encoding="unicode") + "\n").encode("utf-8")


def write_gexf(g: nx.MultiDiGraph, out: Path) -> list[Path]:
    return [write_bytes_atomic(out, dumps_gexf(g))]


def _value(text: str, gtype: str) -> Any:
    if gtype == "boolean":
        return text == "true"
    if gtype in ("integer", "long"):
        return int(text)
    if gtype in ("double", "float"):
        return float(text)
    return text


def _read_attvalues(el: ET.Element, types: Mapping[str, str]) -> dict[str, Any]:
    return {
        a.get("for", ""): _value(a.get("value", ""), types.get(a.get("for", ""), "string"))
        for a in el.findall(f"{{{NS}}}attvalues/{{{NS}}}attvalue")
    }


def read_gexf(path: str | Path) -> nx.MultiDiGraph:
    """Read a file written by :func:`write_gexf` back into the typed graph."""
    root = ET.parse(path).getroot()
    q = f"{{{NS}}}"
    desc = root.find(f"{q}meta/{q}description")
    meta = json.loads(desc.text) if desc is not None and desc.text else {}
    flags = meta.get("rcx", {})
    graph = root.find(f"{q}graph")
    if graph is None:
        raise ValueError(f"{path}: no <graph> in the GEXF {NS} namespace")
    types: dict[str, dict[str, str]] = {"node": {}, "edge": {}}
    for block in graph.findall(f"{q}attributes"):
        for a in block.findall(f"{q}attribute"):
            types[block.get("class", "node")][a.get("id", "")] = a.get("type", "string")
    g: nx.MultiDiGraph[Any] = nx.MultiDiGraph(**meta.get("graph", {}))
    for el in graph.iter(f"{q}node"):
        n = el.get("id", "")
        attrs = decode_attrs(_read_attvalues(el, types["node"]))
        g.add_node(n, **(({"id": n} | attrs) if flags.get("node_id_attr") else attrs))
    for el in graph.iter(f"{q}edge"):
        key = el.get("id", "")
        attrs = _read_attvalues(el, types["edge"])
        if "relation" in attrs:
            attrs["type"] = attrs.pop("relation")
        attrs = decode_attrs(attrs)
        if flags.get("edge_key_attr"):
            attrs["key"] = key
        u, v = el.get("source"), el.get("target")
        g.add_edge(u, v, key=key)
        g.edges[u, v, key].update(attrs)
    return g


def kind_counts(g: nx.MultiDiGraph) -> Counter[str]:
    """How many edges of each kind Gephi should show for ``g`` (for tests and the README)."""
    return Counter(edge_kinds(g).values())
