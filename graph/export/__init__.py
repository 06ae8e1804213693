"""Graph exports: node-link JSON, GraphML, GEXF, Cytoscape.js, neo4j-admin CSV, Cypher.

Each format is a function ``(graph, out_path) -> list[Path]`` in ``FORMATS``; every
one writes atomically (a failed export leaves nothing behind). Whatever the graph holds, no
export writes NaN or an infinity (:func:`rcx.graph.export.safe.finite_graph`), and the XML
formats write no character XML 1.0 forbids.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import networkx as nx

from rcx.graph.export.safe import finite_graph
from rcx.schema.errors import RcxError

Exporter = Callable[[nx.MultiDiGraph, Path], list[Path]]

# Each writer is imported when its format is used (start-up of the other commands stays
# light); the imports are plain ones, so a missing writer fails the tests, not a user.


def _node_link(g: nx.MultiDiGraph, out: Path) -> list[Path]:
    from rcx.graph.export.nodelink import write_node_link

    return write_node_link(g, out)


def _graphml(g: nx.MultiDiGraph, out: Path) -> list[Path]:
    from rcx.graph.export.graphml import write_graphml

    return write_graphml(g, out)


def _gexf(g: nx.MultiDiGraph, out: Path) -> list[Path]:
    from rcx.graph.export.gexf import write_gexf

    return write_gexf(g, out)


def _cytoscape(g: nx.MultiDiGraph, out: Path) -> list[Path]:
    from rcx.graph.export.cytoscape import write_cytoscape

    return write_cytoscape(g, out)


def _neo4j_csv(g: nx.MultiDiGraph, out: Path) -> list[Path]:
    from rcx.graph.export.neo4j_csv import write_neo4j_csv

    return write_neo4j_csv(g, out)


def _cypher(g: nx.MultiDiGraph, out: Path) -> list[Path]:
    from rcx.graph.export.cypher import write_cypher

    return write_cypher(g, out)


FORMATS: dict[str, Exporter] = {
    "node-link": _node_link,
    "graphml": _graphml,
    "gexf": _gexf,
    "cytoscape": _cytoscape,
    "csv": _neo4j_csv,
    "cypher": _cypher,
}


def export_graph(g: nx.MultiDiGraph, fmt: str, out: str | Path) -> list[Path]:
    """Write ``g`` in format ``fmt`` to ``out`` (a file, or a folder for multi-file formats)."""
    if fmt not in FORMATS:
        raise RcxError(f"unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    return FORMATS[fmt](finite_graph(g), Path(out))
