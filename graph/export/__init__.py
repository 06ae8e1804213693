"""Graph exports: node-link JSON, GraphML, GEXF, Cytoscape.js, neo4j-admin CSV, Cypher.

Each format is a function ``(graph, out_path) -> list[Path]`` registered in ``FORMATS``; every
one writes atomically (a failed export leaves nothing behind). Whatever the graph holds, no
export writes NaN or an infinity (:func:`rcx.graph.export.safe.finite_graph`), and the XML
formats write no character XML 1.0 forbids.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path

import networkx as nx

from rcx.graph.export.safe import finite_graph
from rcx.schema.errors import RcxError

Exporter = Callable[[nx.MultiDiGraph, Path], list[Path]]

# format name -> "module:function"; modules load only when their format is used.
FORMATS: dict[str, str] = {
    "node-link": "rcx.graph.export.nodelink:write_node_link",
    "graphml": "rcx.graph.export.graphml:write_graphml",
    "gexf": "rcx.graph.export.gexf:write_gexf",
    "cytoscape": "rcx.graph.export.cytoscape:write_cytoscape",
    "csv": "rcx.graph.export.neo4j_csv:write_neo4j_csv",
    "cypher": "rcx.graph.export.cypher:write_cypher",
}


def export_graph(g: nx.MultiDiGraph, fmt: str, out: str | Path) -> list[Path]:
    """Write ``g`` in format ``fmt`` to ``out`` (a file, or a folder for multi-file formats)."""
    if fmt not in FORMATS:
        raise RcxError(f"unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    module, func = FORMATS[fmt].split(":")
    exporter: Exporter = getattr(import_module(module), func)
    return exporter(finite_graph(g), Path(out))
