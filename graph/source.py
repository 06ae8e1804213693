"""Where a command's graph comes from: a dataset folder (the embedded default) or Neo4j."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from rcx.loaders import load_graph


@dataclass(frozen=True)
class Neo4jSettings:
    """Connection settings (the Neo4j convention: NEO4J_URI, NEO4J_USERNAME, ...)."""

    uri: str = "bolt://127.0.0.1:7687"
    username: str = "neo4j"
    password: str = field(default="", repr=False)
    database: str = "neo4j"

    def __str__(self) -> str:  # never shows the password
        return f"{self.username}@{self.uri}/{self.database}"


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
    from rcx.graph.store.neo4j.store import read_graph  # imported lazily: only Neo4j users pay for it

    g = read_graph(neo4j)
    if not derived:
        drop = [(u, v, k) for u, v, k, d in g.edges(keys=True, data=True) if d.get("derived")]
        g.remove_edges_from(drop)
    return g
