"""GraphML for Gephi, yEd and igraph: lists and maps flattened by :mod:`rcx.graph.export.flat`.

Key ids are the attribute names (``named_key_ids``), so they are stable across exports; edge ids
are the relation keys. :func:`read_graphml` restores the typed graph exactly.
"""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx

from rcx.graph.export.flat import decode_attrs, encode_attrs
from rcx.graph.io import write_bytes_atomic


def to_flat(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``g`` with every attribute value a scalar."""
    h = nx.MultiDiGraph(**encode_attrs(g.graph))
    h.add_nodes_from((n, encode_attrs(d)) for n, d in g.nodes(data=True))
    h.add_edges_from((u, v, k, encode_attrs(d)) for u, v, k, d in g.edges(keys=True, data=True))
    return h


def from_flat(h: nx.Graph) -> nx.MultiDiGraph:
    graph = {k: v for k, v in h.graph.items() if k not in ("node_default", "edge_default")}
    g = nx.MultiDiGraph(**decode_attrs(graph))
    g.add_nodes_from((n, decode_attrs(d)) for n, d in h.nodes(data=True))
    g.add_edges_from((u, v, k, decode_attrs(d)) for u, v, k, d in h.edges(keys=True, data=True))
    return g


def dumps_graphml(g: nx.MultiDiGraph) -> bytes:
    buf = io.BytesIO()
    nx.write_graphml(to_flat(g), buf, encoding="utf-8", prettyprint=True, named_key_ids=True)
    return buf.getvalue()


def write_graphml(g: nx.MultiDiGraph, out: Path) -> list[Path]:
    return [write_bytes_atomic(out, dumps_graphml(g))]


def read_graphml(path: str | Path) -> nx.MultiDiGraph:
    """Read a file written by :func:`write_graphml` back into the typed graph."""
    h = nx.read_graphml(path, force_multigraph=True)
    return from_flat(h)
