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

import networkx as nx

from rcx.graph.store.source import Neo4jSettings
from rcx.schema.errors import RcxError, StoreError

WRITE_HINT = "the query writes, and rcx query is read-only by default: pass --write to allow it"
NEO4J_HINT = "the embedded engine (FalkorDB) could not run it; run it on Neo4j with --neo4j"


@dataclass(frozen=True)
class QueryResult:
    """Column names and rows of plain Python values (nodes/relationships become dicts)."""

    columns: list[str]
    rows: list[list[Any]]


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


# ----------------------------------------------------------------------------- values


def _plain_neo4j(value: Any) -> Any:
    """Neo4j result values as plain Python, shaped like ``rcx.graph.store.embedded.to_python``'s."""
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        return {**{k: _plain_neo4j(v) for k, v in value.items()}, "_labels": sorted(value.labels)}
    if isinstance(value, Relationship):
        return {**{k: _plain_neo4j(v) for k, v in value.items()}, "_type": value.type}
    if isinstance(value, Path):
        items: list[Any] = [_plain_neo4j(value.start_node)]
        for rel in value.relationships:
            items += [_plain_neo4j(rel), _plain_neo4j(rel.end_node)]
        return items
    if isinstance(value, dict):
        return {k: _plain_neo4j(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain_neo4j(v) for v in value]
    if hasattr(value, "iso_format"):  # neo4j.time values
        return value.iso_format()
    return value


def _sorted_labels(value: Any) -> Any:
    if isinstance(value, dict):
        out = {k: _sorted_labels(v) for k, v in value.items()}
        if isinstance(out.get("_labels"), list):
            out["_labels"] = sorted(out["_labels"])
        return out
    if isinstance(value, list):
        return [_sorted_labels(v) for v in value]
    return value


# ----------------------------------------------------------------------------- engines


def _run_neo4j(
    settings: Neo4jSettings, cypher: str, params: dict[str, Any], read_only: bool
) -> QueryResult:
    from neo4j import READ_ACCESS, WRITE_ACCESS
    from neo4j.exceptions import DriverError, Neo4jError

    from rcx.graph.store.neo4j.store import connect

    mode = READ_ACCESS if read_only else WRITE_ACCESS
    with connect(settings) as driver:
        try:
            with driver.session(database=settings.database, default_access_mode=mode) as s:
                result = s.run(cypher, params)
                columns = list(result.keys())
                rows = [[_plain_neo4j(v) for v in rec.values()] for rec in result]
        except Neo4jError as e:
            if e.code == "Neo.ClientError.Statement.AccessMode":
                raise StoreError(f"Neo4j refused: {WRITE_HINT}") from e
            raise StoreError(f"Neo4j refused the query: {e.code}: {e.message}") from e
        except DriverError as e:
            raise StoreError(f"lost the connection to Neo4j while querying: {e}") from e
    return QueryResult(columns, rows)


class EmbeddedGraph:
    """A typed graph loaded into a private FalkorDB engine; close it (or use ``with``)."""

    def __init__(self, g: nx.MultiDiGraph, *, graph_name: str = "rcx") -> None:
        from rcx.graph.store.embedded import EmbeddedFalkor, EmbeddedFalkorError, load_property_graph
        from rcx.graph.store.neo4j.codec import node_rows, relationship_rows

        try:
            self._engine = EmbeddedFalkor()
        except EmbeddedFalkorError as e:
            raise StoreError(f"cannot start the embedded engine: {e}; or use --neo4j") from e
        try:
            self._graph = self._engine.graph(graph_name)
            load_property_graph(self._graph, node_rows(g), relationship_rows(g))
        except BaseException:
            self._engine.close()
            raise

    def run(self, cypher: str, params: dict[str, Any], *, read_only: bool = True) -> QueryResult:
        """Run one query; FalkorDB's refusals become :class:`StoreError`."""
        from rcx.graph.store.embedded import EmbeddedFalkorError, PropertyValueError, run_query

        try:
            columns, rows = run_query(self._graph, cypher, params, read_only=read_only)
        except EmbeddedFalkorError as e:
            engine_message = getattr(e, "engine_message", "") or str(e)
            if read_only and "read-only" in engine_message.lower():
                raise StoreError(f"the embedded engine refused: {WRITE_HINT}") from e
            raise StoreError(f"{engine_message}: {NEO4J_HINT}") from e
        except PropertyValueError as e:
            raise StoreError(f"bad query parameter: {e}") from e
        return QueryResult(columns, _sorted_labels(rows))

    def close(self) -> None:
        """Stop the engine (idempotent)."""
        self._engine.close()

    def __enter__(self) -> EmbeddedGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def run_cypher(
    cypher: str,
    params: dict[str, Any] | None = None,
    *,
    neo4j: Neo4jSettings | None = None,
    data: str | Path | None = None,
    read_only: bool = True,
) -> QueryResult:
    """Run *cypher* on Neo4j (if *neo4j* is given) or on the embedded engine.

    The embedded engine is loaded with the typed graph of *data* (default: the built-in
    dataset).  Read-only by default: a write raises :class:`StoreError` suggesting ``--write``.
    """
    params = dict(params or {})
    if neo4j is not None:
        return _run_neo4j(neo4j, cypher, params, read_only)
    from rcx.loaders import load_graph

    with EmbeddedGraph(load_graph(data)) as engine:
        return engine.run(cypher, params, read_only=read_only)


def query_graph(
    cypher: str | None = None,
    *,
    name: str | None = None,
    params: Iterable[str] = (),
    neo4j: Neo4jSettings | None = None,
    data: str | Path | None = None,
    read_only: bool = True,
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
    return run_cypher(str(cypher), defaults | given, neo4j=neo4j, data=data, read_only=read_only)
