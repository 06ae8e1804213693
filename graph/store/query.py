"""Run Cypher on Neo4j or, with no server, on the embedded engine (FalkorDB); named queries.

Both back ends see the same graph: the embedded engine is loaded from the typed graph through
the same codec (labels ``Element``/category/kind, flattened properties) that
:func:`rcx.graph.store.neo4j.store.load_graph` writes to Neo4j.  Queries are read-only unless
``read_only=False`` (the CLI's ``--write``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from rcx.graph.store import DEFAULT_TIMEOUT, GraphStore, QueryResult
from rcx.graph.store.settings import Neo4jSettings
from rcx.schema.errors import RcxError

__all__ = [
    "NamedQuery",
    "QueryResult",
    "list_named_queries",
    "named_query",
    "open_store",
    "parse_param",
    "query_graph",
    "run_cypher",
]


@dataclass(frozen=True)
class NamedQuery:
    """A query shipped in ``graph/queries/NAME.cypher`` with its header comments."""

    name: str
    description: str
    cypher: str
    params: dict[str, Any] = field(default_factory=dict)


# ----------------------------------------------------------------------------- named queries

_HEADER = re.compile(r"^//\s*(name|description|params):\s*(.*)$")


def parse_param(text: str) -> tuple[str, Any]:
    """``k=v`` -> ``(k, value)``: ints, floats, booleans, null and JSON lists, else text.

    >>> parse_param("hops=3"), parse_param("id=untoc"), parse_param("ids=[\\"a\\", \\"b\\"]")
    (('hops', 3), ('id', 'untoc'), ('ids', ['a', 'b']))
    """
    import json

    name, sep, raw = text.partition("=")
    if not sep or not name.strip():
        raise RcxError(f"bad parameter {text!r}: write it as name=value")
    raw = raw.strip()
    value: Any = raw
    if raw in ("true", "false", "null") or re.fullmatch(r"-?\d+(\.\d+)?([eE][-+]?\d+)?", raw):
        value = json.loads(raw)
    elif raw.startswith("["):
        try:
            value = json.loads(raw)
        except json.JSONDecodeError as e:
            raise RcxError(f"parameter {name}: {raw!r} is not a JSON list ({e.msg})") from e
    return name.strip(), value


def _parse_named(name: str, text: str) -> NamedQuery:
    meta: dict[str, str] = {}
    for line in text.splitlines():
        m = _HEADER.match(line.strip())
        if m:
            meta[m.group(1)] = m.group(2).strip()
    params = dict(parse_param(p) for p in meta.get("params", "").split())
    return NamedQuery(meta.get("name", name), meta.get("description", ""), text, params)


def _query_files() -> dict[str, Any]:
    folder = resources.files("rcx.graph.store") / "queries"
    return {Path(f.name).stem: f for f in folder.iterdir() if f.name.endswith(".cypher")}


def list_named_queries() -> list[NamedQuery]:
    """Every named query, sorted by name."""
    files = _query_files()
    return [_parse_named(n, files[n].read_text(encoding="utf-8")) for n in sorted(files)]


def named_queries_table() -> QueryResult:
    """The named queries as rows of ``name, params, description`` (for ``rcx query --list``)."""
    rows: list[list[Any]] = [
        [q.name, " ".join(f"{k}={v}" for k, v in q.params.items()), q.description]
        for q in list_named_queries()
    ]
    return QueryResult(["name", "params", "description"], rows)


def named_query(name: str) -> NamedQuery:
    """One named query; an unknown name raises :class:`RcxError` listing the known ones."""
    files = _query_files()
    if name not in files:
        raise RcxError(f"no named query {name!r}; known: {', '.join(sorted(files))}")
    return _parse_named(name, files[name].read_text(encoding="utf-8"))


# ----------------------------------------------------------------------------- engines


def open_store(*, neo4j: Neo4jSettings | None = None, data: str | Path | None = None) -> GraphStore:
    """Neo4j (if *neo4j* is given) or the embedded engine loaded with *data*'s graph."""
    if neo4j is not None:
        from rcx.graph.store.neo4j.store import Neo4jStore

        return Neo4jStore(neo4j)
    from rcx.graph.store.embedded.store import EmbeddedStore
    from rcx.loaders import load_graph

    return EmbeddedStore(load_graph(data))


def run_cypher(
    cypher: str,
    params: dict[str, Any] | None = None,
    *,
    neo4j: Neo4jSettings | None = None,
    data: str | Path | None = None,
    read_only: bool = True,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_rows: int | None = None,
) -> QueryResult:
    """Run *cypher* on Neo4j (if *neo4j* is given) or on the embedded engine.

    The embedded engine is loaded with the typed graph of *data* (default: the built-in
    dataset).  Read-only by default: a write raises a ``StoreError`` suggesting ``--write``.
    Either engine stops the query after *timeout* seconds with a ``StoreError``; at most
    *max_rows* rows are kept (``QueryResult.truncated`` says whether more came).
    """
    store = open_store(neo4j=neo4j, data=data)
    try:
        return store.run(
            cypher, params or {}, read_only=read_only, timeout=timeout, max_rows=max_rows
        )
    finally:
        store.close()


def query_graph(
    cypher: str | None = None,
    *,
    name: str | None = None,
    params: Iterable[str] = (),
    neo4j: Neo4jSettings | None = None,
    data: str | Path | None = None,
    read_only: bool = True,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_rows: int | None = None,
) -> QueryResult:
    """Run *cypher*, or the named query *name*, with ``k=v`` *params* over its defaults.

    Exactly one of *cypher* and *name* must be given; see :func:`run_cypher` for the rest.
    """
    if (cypher is None) == (name is None):
        raise RcxError("give either a Cypher query or --name NAME (see rcx query --list)")
    defaults: dict[str, Any] = {}
    if name is not None:
        named = named_query(name)
        cypher, defaults = named.cypher, named.params
    given = dict(parse_param(p) for p in params)
    return run_cypher(
        str(cypher),
        defaults | given,
        neo4j=neo4j,
        data=data,
        read_only=read_only,
        timeout=timeout,
        max_rows=max_rows,
    )
