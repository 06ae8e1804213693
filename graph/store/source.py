"""Where a command's graph comes from: a dataset folder (the embedded default) or Neo4j."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from rcx.graph.store.settings import Neo4jSettings
from rcx.loaders import load_graph

__all__ = ["Neo4jSettings", "open_graph"]


def open_graph(
    data: str | Path | None = None,
    *,
    neo4j: Neo4jSettings | None = None,
    derived: bool = True,
) -> nx.MultiDiGraph:
    """The typed graph from a dataset folder (default: built-in) or, if given, from Neo4j.

    ``derived=False`` leaves out relations derived by rules.
    """
    if neo4j is None:
        return load_graph(data, derive=derived)
    # imported here, not at the top: only Neo4j users pay for the driver's import
    from rcx.graph.store.neo4j.read import read_graph

    g = read_graph(neo4j)
    if not derived:
        drop = [(u, v, k) for u, v, k, d in g.edges(keys=True, data=True) if d.get("derived")]
        g.remove_edges_from(drop)
    return g
