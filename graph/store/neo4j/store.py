"""The Neo4j store: connect, load a typed graph all-or-nothing, read it back, run Cypher.

The driver is always passed in (or made from :class:`~rcx.graph.store.settings.Neo4jSettings`
by :func:`connect` and closed again); nothing here holds a global connection.  Passwords never
appear in a message: errors name the user and the URI only.

The functions live in :mod:`.connect`, :mod:`.load`, :mod:`.read`, :mod:`.run` and
:mod:`.bulk`; :class:`Neo4jStore` puts them behind :class:`~rcx.graph.store.GraphStore`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import networkx as nx
from neo4j import Driver

from rcx.graph.store import DEFAULT_TIMEOUT, LoadReport, QueryResult
from rcx.graph.store.neo4j.connect import (
    connect,
    driver_logging,
    ensure_constraints,
    server_major,
    store_error,
)
from rcx.graph.store.neo4j.load import Progress, encode_graph, load_graph
from rcx.graph.store.neo4j.read import read_graph
from rcx.graph.store.neo4j.run import run_query
from rcx.graph.store.settings import Neo4jSettings

__all__ = [
    "LoadReport",
    "Neo4jStore",
    "Progress",
    "connect",
    "driver_logging",
    "encode_graph",
    "ensure_constraints",
    "load_graph",
    "read_graph",
    "run_query",
    "server_major",
    "store_error",
]
_server_major = server_major  # the name the tests have long used


class Neo4jStore:
    """A Neo4j database as an rcx :class:`~rcx.graph.store.GraphStore`.

    ``Neo4jStore(settings)`` connects (and checks) a driver that :meth:`close` closes;
    ``Neo4jStore(settings, driver=d)`` uses *d* and leaves it open.
    """

    def __init__(self, settings: Neo4jSettings, *, driver: Driver | None = None) -> None:
        self.settings = settings
        self._owned = driver is None
        self.driver = driver if driver is not None else connect(settings)

    def load(
        self,
        g: nx.MultiDiGraph,
        *,
        replace: bool = False,
        batch_size: int = 1000,
        progress: Progress | None = None,
    ) -> LoadReport:
        """:func:`~.load.load_graph` into this database."""
        return load_graph(
            self.driver,
            g,
            database=self.settings.database,
            replace=replace,
            batch_size=batch_size,
            progress=progress,
        )

    def read(self) -> nx.MultiDiGraph:
        """:func:`~.read.read_graph` from this database."""
        return read_graph(self.driver, database=self.settings.database)

    def run(
        self,
        cypher: str,
        params: Mapping[str, Any] | None = None,
        *,
        read_only: bool = True,
        timeout: float | None = DEFAULT_TIMEOUT,
        max_rows: int | None = None,
    ) -> QueryResult:
        """:func:`~.run.run_query` on this database."""
        return run_query(
            self.driver,
            cypher,
            params,
            database=self.settings.database,
            read_only=read_only,
            timeout=timeout,
            max_rows=max_rows,
        )

    def close(self) -> None:
        """Close the driver if this store made it (idempotent)."""
        if self._owned:
            self.driver.close()

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
