"""Running one Cypher query on Neo4j: a server-side timeout, a row cap, plain values."""

from __future__ import annotations

from collections.abc import Mapping
from itertools import islice
from typing import Any

from neo4j import READ_ACCESS, WRITE_ACCESS, Driver, Query
from neo4j.exceptions import DriverError, Neo4jError
from neo4j.graph import Node, Path, Relationship

from rcx.graph.store import DEFAULT_TIMEOUT, QueryResult
from rcx.schema.errors import StoreError

WRITE_HINT = "the query writes, and rcx query is read-only by default: pass --write to allow it"


def plain(value: Any) -> Any:
    """Neo4j result values as plain Python, shaped like the embedded engine's ``to_python``."""
    if isinstance(value, Node):
        return {**{k: plain(v) for k, v in value.items()}, "_labels": sorted(value.labels)}
    if isinstance(value, Relationship):
        return {**{k: plain(v) for k, v in value.items()}, "_type": value.type}
    if isinstance(value, Path):
        items: list[Any] = [plain(value.start_node)]
        for rel in value.relationships:
            items += [plain(rel), plain(rel.end_node)]
        return items
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if hasattr(value, "iso_format"):  # neo4j.time values
        return value.iso_format()
    return value


def _timeout_error(e: Neo4jError, timeout: float | None) -> StoreError | None:
    if not (e.code and "TransactionTimedOut" in e.code):
        return None
    limit = f"{timeout:g} s" if timeout else "the server's limit"
    return StoreError(
        f"the query ran longer than {limit} on Neo4j and was stopped; "
        "narrow it (a LIMIT, fewer unconnected MATCH patterns) or raise --timeout"
    )


def run_query(
    driver: Driver,
    cypher: str,
    params: Mapping[str, Any] | None = None,
    *,
    database: str = "neo4j",
    read_only: bool = True,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_rows: int | None = None,
) -> QueryResult:
    """Run *cypher* in a read (or, with ``read_only=False``, write) session.

    The server stops the query after *timeout* seconds (``None``: the server's own limit);
    at most *max_rows* rows are fetched, the rest discarded unread (``truncated`` says so).
    """
    mode = READ_ACCESS if read_only else WRITE_ACCESS
    query = Query(cypher, timeout=timeout if timeout and timeout > 0 else None)
    try:
        with driver.session(database=database, default_access_mode=mode) as s:
            result = s.run(query, dict(params or {}))
            columns = list(result.keys())
            limit = None if max_rows is None else max_rows + 1
            rows = [[plain(v) for v in rec.values()] for rec in islice(result, limit)]
    except Neo4jError as e:
        if e.code == "Neo.ClientError.Statement.AccessMode":
            raise StoreError(f"Neo4j refused: {WRITE_HINT}") from e
        if (timed_out := _timeout_error(e, timeout)) is not None:
            raise timed_out from e
        raise StoreError(f"Neo4j refused the query: {e.code}: {e.message}") from e
    except DriverError as e:
        raise StoreError(f"lost the connection to Neo4j while querying: {e}") from e
    truncated = max_rows is not None and len(rows) > max_rows
    return QueryResult(columns, rows[:max_rows] if truncated else rows, truncated)
