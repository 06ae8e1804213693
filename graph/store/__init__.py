"""Graph stores: Neo4j and the embedded engine (FalkorDB) behind one small interface.

Both implement :class:`GraphStore` — load a typed graph, read it back, run Cypher:

* :class:`rcx.graph.store.neo4j.store.Neo4jStore` — a Neo4j 5 server (the driver passed in or
  made from :class:`~rcx.graph.store.settings.Neo4jSettings`);
* :class:`rcx.graph.store.embedded.store.EmbeddedStore` — a private FalkorDB process.

All Cypher for both lives in :mod:`rcx.graph.store.cypher`.  This module imports nothing
heavy: the driver and FalkorDB are imported by the submodules that need them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import networkx as nx

DEFAULT_TIMEOUT = 30.0
"""Seconds a query may run on either engine unless told otherwise (``None``: no limit)."""
DEFAULT_MAX_ROWS = 1000
"""Rows a table shows unless told otherwise (CSV and JSON output are not capped)."""


@dataclass(frozen=True)
class QueryResult:
    """Column names and rows of plain Python values (nodes/relationships become dicts).

    ``truncated`` is true when the query had more rows than the cap it ran with.
    """

    columns: list[str]
    rows: list[list[Any]]
    truncated: bool = False


@dataclass
class LoadReport:
    """What a store's ``load`` did, in its one transaction."""

    nodes_created: int = 0
    nodes_updated: int = 0
    relationships_created: int = 0
    relationships_updated: int = 0
    nodes_deleted: int = 0
    relationships_deleted: int = 0
    batches: int = 0
    seconds: float = 0.0

    @property
    def deleted(self) -> int:
        """Nodes plus relationships removed (``replace=True``, or detached with a node)."""
        return self.nodes_deleted + self.relationships_deleted


class GraphStore(Protocol):
    """What rcx asks of a graph store."""

    def load(self, g: nx.MultiDiGraph, *, replace: bool = False) -> LoadReport:
        """Write *g* all-or-nothing (``replace``: *g* becomes the whole rcx graph)."""
        ...

    def read(self) -> nx.MultiDiGraph:
        """The typed graph the store holds (elements and the relations between them)."""
        ...

    def run(
        self,
        cypher: str,
        params: Mapping[str, Any] | None = None,
        *,
        read_only: bool = True,
        timeout: float | None = DEFAULT_TIMEOUT,
        max_rows: int | None = None,
    ) -> QueryResult:
        """Run one query: at most *timeout* seconds, at most *max_rows* rows kept."""
        ...

    def close(self) -> None:
        """Release the connection or stop the engine (idempotent)."""
        ...


def cap_rows(rows: list[list[Any]], max_rows: int | None) -> tuple[list[list[Any]], bool]:
    """``(rows[:max_rows], whether any were cut)``.

    >>> cap_rows([[1], [2], [3]], 2)
    ([[1], [2]], True)
    """
    if max_rows is None or len(rows) <= max_rows:
        return rows, False
    return rows[:max_rows], True
