"""A Cypher script that recreates the graph in an EMPTY Neo4j 5 database.

One statement per line, each ending in ``;`` (``cypher-shell -f graph.cypher`` runs it):
the uniqueness constraint on ``Element.id``, one ``CREATE`` per element and per relation, and
an ``RcxDataset`` node with the graph's own attributes — the same layout ``rcx load`` writes
(properties from :mod:`rcx.graph.store.neo4j.codec`), so
:func:`rcx.graph.store.neo4j.store.read_graph` reads it.

No parameters: every value is a literal. Strings are single-quoted with ``\\``, ``'``, ``"`` and
line breaks escaped; property keys are plain identifiers or back-quoted; labels and relationship
types come only from the schema's enums (through :mod:`rcx.graph.store.cypher`); no data ever goes
into a comment.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import networkx as nx

from rcx.graph.io import write_text_atomic
from rcx.graph.store.cypher import (
    create_constraint,
    literal,
    script_create_dataset,
    script_create_node,
    script_create_relationship,
    string,
)
from rcx.graph.store.neo4j.codec import node_rows, relationship_rows
from rcx.schema.vocabulary import of_graph

HEADER = (
    "// rcx: Cypher script that recreates a regime complex in an EMPTY Neo4j 5 database.\n"
    "// One statement per line. Run: cypher-shell -f FILE (or line by line).\n"
)
__all__ = ["dumps_cypher", "literal", "split_statements", "string", "write_cypher"]


def statements(g: nx.MultiDiGraph) -> Iterator[str]:
    """The script's statements, without the trailing ``;``."""
    yield create_constraint()
    if g.graph.get("dataset"):
        meta = {k: v for k, v in g.graph.items() if isinstance(v, str | int | float | bool)}
        meta["id"] = str(meta.pop("dataset"))
        yield script_create_dataset(meta)
    for _, labels, p in node_rows(g):
        yield script_create_node(labels, p)
    vocabulary = of_graph(g.graph)
    for source, target, rtype, p in relationship_rows(g):
        yield script_create_relationship(source, target, rtype, p, vocabulary)


def dumps_cypher(g: nx.MultiDiGraph) -> str:
    return HEADER + "".join(s + ";\n" for s in statements(g))


def split_statements(script: str) -> list[str]:
    """The statements of a script written by :func:`dumps_cypher` (comments dropped)."""
    return [
        line[:-1]
        for line in script.splitlines()
        if line and not line.startswith("//") and line.endswith(";")
    ]


def write_cypher(g: nx.MultiDiGraph, out: Path) -> list[Path]:
    return [write_text_atomic(out, dumps_cypher(g))]
