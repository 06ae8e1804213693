"""Running one Cypher query on FalkorDB: errors translated, a timeout always set."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import redis
from falkordb.graph import Graph

from rcx.graph.store.embedded.errors import EmbeddedQueryError, EmbeddedTimeoutError
from rcx.graph.store.embedded.values import check_params, to_python

DEFAULT_TIMEOUT = 30.0
"""Seconds a query may run unless told otherwise (``None`` or ``0``: no limit)."""


def _query_error(exc: Exception, cypher: str, timeout: float | None) -> EmbeddedQueryError:
    """Wrap a client/server error in an :class:`EmbeddedQueryError`."""
    engine_message = str(exc).strip() or type(exc).__name__
    if "timed out" in engine_message.lower() and isinstance(exc, redis.ResponseError):
        limit = f"{timeout:g} s" if timeout else "its limit"
        return EmbeddedTimeoutError(
            f"the query ran longer than {limit} on the embedded engine and was stopped; "
            "narrow it (a LIMIT, fewer unconnected MATCH patterns) or raise --timeout",
            engine_message=engine_message,
            query=cypher,
        )
    if isinstance(exc, redis.ConnectionError | redis.TimeoutError):
        engine_message = (
            f"lost the connection to the engine ({engine_message}); it may have crashed"
        )
    message = (
        "The embedded Cypher engine (FalkorDB) could not run the query: "
        f"{engine_message}. FalkorDB supports most but not all of Neo4j's Cypher; "
        "try running the query on Neo4j with --neo4j."
    )
    return EmbeddedQueryError(message, engine_message=engine_message, query=cypher)


def _timeout_ms(timeout: float | None) -> int | None:
    if timeout is None or timeout <= 0:
        return None
    return max(1, round(timeout * 1000))


def execute(
    graph: Graph,
    cypher: str,
    params: Mapping[str, object] | None,
    *,
    read_only: bool,
    timeout: float | None = None,
) -> Any:
    """Run one query through the FalkorDB client, translating its errors."""
    checked = check_params(params)
    run = graph.ro_query if read_only else graph.query
    try:
        return run(cypher, checked, timeout=_timeout_ms(timeout))
    except redis.RedisError as exc:
        raise _query_error(exc, cypher, timeout) from exc


def _column_name(header_entry: Any) -> str:
    """Column name from a header entry (``[type, name]`` in compact mode)."""
    if isinstance(header_entry, list | tuple):
        return str(header_entry[-1])
    return str(header_entry)


def run_query(
    graph: Graph,
    cypher: str,
    params: Mapping[str, object] | None = None,
    *,
    read_only: bool = True,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> tuple[list[str], list[list[Any]]]:
    """Run *cypher* and return ``(column names, rows)`` of plain Python values.

    Args:
        graph: a FalkorDB graph, e.g. from :meth:`EmbeddedFalkor.graph`.
        cypher: the query text; values should be passed as *params*.
        params: query parameters (``$name`` in the query).
        read_only: use ``GRAPH.RO_QUERY``, which refuses any write.
        timeout: seconds before FalkorDB stops the query (``None``: no limit).

    Raises:
        EmbeddedTimeoutError: the query ran longer than *timeout*.
        EmbeddedQueryError: FalkorDB could not run the query.
        PropertyValueError: a parameter value cannot be sent faithfully.
    """
    result = execute(graph, cypher, params, read_only=read_only, timeout=timeout)
    columns = [_column_name(entry) for entry in result.header]
    rows = [[to_python(value) for value in row] for row in result.result_set]
    return columns, rows
