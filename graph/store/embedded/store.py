"""The embedded engine as an rcx :class:`~rcx.graph.store.GraphStore`: a typed graph loaded
into a private FalkorDB process through the same codec Neo4j's store uses."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

import networkx as nx

from rcx.graph.store import DEFAULT_TIMEOUT, LoadReport, QueryResult, cap_rows, cypher
from rcx.graph.store.embedded.engine import EmbeddedFalkor
from rcx.graph.store.embedded.errors import (
    EmbeddedFalkorError,
    EmbeddedQueryError,
    EmbeddedTimeoutError,
    PropertyValueError,
)
from rcx.graph.store.embedded.load import load_property_graph
from rcx.graph.store.embedded.run import run_query
from rcx.graph.store.neo4j.codec import build_graph, dataset_props, node_rows, relationship_rows
from rcx.schema.errors import StoreError
from rcx.schema.vocabulary import of_graph

WRITE_HINT = "the query writes, and rcx query is read-only by default: pass --write to allow it"
NEO4J_HINT = "the embedded engine (FalkorDB) could not run it; run it on Neo4j with --neo4j"


def _sorted_labels(value: Any) -> Any:
    """Node labels in sorted order, as the Neo4j side gives them."""
    if isinstance(value, dict):
        out = {k: _sorted_labels(v) for k, v in value.items()}
        if isinstance(out.get("_labels"), list):
            out["_labels"] = sorted(out["_labels"])
        return out
    if isinstance(value, list):
        return [_sorted_labels(v) for v in value]
    return value


class EmbeddedStore:
    """A private FalkorDB engine holding one rcx graph; close it (or use ``with``).

    ``EmbeddedStore(g)`` starts the engine and loads *g*.  The graph is private to this
    object and lives only as long as it does.
    """

    def __init__(self, g: nx.MultiDiGraph | None = None, *, graph_name: str = "rcx") -> None:
        try:
            self._engine = EmbeddedFalkor()
        except EmbeddedFalkorError as e:
            raise StoreError(f"cannot start the embedded engine: {e}; or use --neo4j") from e
        try:
            self._graph = self._engine.graph(graph_name)
            self._held: tuple[int, int] | None = None  # (nodes, relationships) loaded
            if g is not None:
                self.load(g)
        except BaseException:
            self._engine.close()
            raise

    def load(self, g: nx.MultiDiGraph, *, replace: bool = False) -> LoadReport:
        """Write *g* into the (empty) engine; ``replace=True`` first empties it."""
        t0 = time.perf_counter()
        report = LoadReport()
        if self._held is not None:
            if not replace:
                raise StoreError("the embedded engine holds one graph: load with replace=True")
            self._graph.delete()
            self._graph = self._engine.graph(self._graph.name)
            report.nodes_deleted, report.relationships_deleted = self._held
        stats = load_property_graph(
            self._graph, node_rows(g), relationship_rows(g), vocabulary=of_graph(g.graph)
        )
        self._held = (stats.nodes, stats.relationships)
        if (meta := dataset_props(g)) is not None:
            run_query(self._graph, cypher.merge_dataset(), {"props": meta}, read_only=False)
        report.nodes_created, report.relationships_created = stats.nodes, stats.relationships
        report.seconds = time.perf_counter() - t0
        return report

    def read(self) -> nx.MultiDiGraph:
        """The typed graph back from the engine, decoded as Neo4j's store decodes it."""
        nodes = self._records(cypher.falkor_read_nodes())
        rels = self._records(cypher.read_relationships())
        meta = self._records(cypher.read_datasets())
        return build_graph(nodes, rels, meta)

    def _records(self, query: str) -> list[dict[str, Any]]:
        columns, rows = run_query(self._graph, query, timeout=None)
        return [dict(zip(columns, row, strict=True)) for row in rows]

    def run(
        self,
        cypher: str,
        params: Mapping[str, Any] | None = None,
        *,
        read_only: bool = True,
        timeout: float | None = DEFAULT_TIMEOUT,
        max_rows: int | None = None,
    ) -> QueryResult:
        """Run one query; FalkorDB's refusals become :class:`StoreError`."""
        try:
            columns, rows = run_query(
                self._graph, cypher, params, read_only=read_only, timeout=timeout
            )
        except EmbeddedTimeoutError:
            raise
        except EmbeddedQueryError as e:
            engine_message = e.engine_message or str(e)
            if read_only and "read-only" in engine_message.lower():
                raise StoreError(f"the embedded engine refused: {WRITE_HINT}") from e
            raise StoreError(f"{engine_message}: {NEO4J_HINT}") from e
        except PropertyValueError as e:
            raise StoreError(f"bad query parameter: {e}") from e
        kept, truncated = cap_rows(rows, max_rows)
        return QueryResult(columns, _sorted_labels(kept), truncated)

    def close(self) -> None:
        """Stop the engine (idempotent)."""
        self._engine.close()

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
