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

import math
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from rcx.graph.io import write_text_atomic
from rcx.graph.store.cypher import DATASET, ELEMENT, create_constraint, relation_type_of
from rcx.graph.store.neo4j.codec import node_rows, relationship_rows
from rcx.schema.vocabulary import of_graph

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_ESCAPES = {
    "\\": "\\\\",
    "'": "\\'",
    '"': '\\"',
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}
_SPECIAL = re.compile(r"[\\'\"\n\r\t\b\f\x0b\x1c-\x1e\u0085\u2028\u2029]")
HEADER = (
    "// rcx: Cypher script that recreates a regime complex in an EMPTY Neo4j 5 database.\n"
    "// One statement per line. Run: cypher-shell -f FILE (or line by line).\n"
)


def string(value: str) -> str:
    """A Cypher string literal."""
    return (
        "'"
        + _SPECIAL.sub(lambda m: _ESCAPES.get(m.group(0), f"\\u{ord(m.group(0)):04x}"), value)
        + "'"
    )


def literal(value: Any) -> str:
    """A Cypher literal for a property value (string, number, boolean or a list of those)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value!r} cannot be a Cypher literal")
        return repr(value)
    if isinstance(value, str):
        return string(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    raise ValueError(f"{type(value).__name__} cannot be a Neo4j property")


def key(name: str) -> str:
    """A property key: a plain identifier, else back-quoted (back-quotes doubled)."""
    return name if _IDENT.fullmatch(name) else "`" + name.replace("`", "``") + "`"


def props(values: Mapping[str, Any]) -> str:
    return "{" + ", ".join(f"{key(k)}: {literal(v)}" for k, v in sorted(values.items())) + "}"


def statements(g: nx.MultiDiGraph) -> Iterator[str]:
    """The script's statements, without the trailing ``;``."""
    yield create_constraint()
    if g.graph.get("dataset"):
        meta = {k: v for k, v in g.graph.items() if isinstance(v, str | int | float | bool)}
        meta["id"] = str(meta.pop("dataset"))
        yield f"CREATE (:{DATASET} {props(meta)})"
    for _, labels, p in node_rows(g):
        yield f"CREATE (:{':'.join(labels)} {props(p)})"
    for source, target, rtype, p in relationship_rows(g):
        rel = relation_type_of(rtype, of_graph(g.graph)).value
        yield (
            f"MATCH (a:{ELEMENT} {{id: {string(source)}}}), (b:{ELEMENT} {{id: "
            f"{string(target)}}}) CREATE (a)-[:{rel} {props(p)}]->(b)"
        )


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
