"""Test-only helpers for the stores: whole-database snapshots and an injected load failure.

The snapshot Cypher is here, not in ``rcx.graph.store.cypher``: it reads every node of any
label, which rcx itself never does.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from rcx.schema.errors import StoreError

SNAPSHOT_NODES = "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props"
SNAPSHOT_RELATIONSHIPS = (
    "MATCH (a)-[r]->(b) "
    "RETURN a.id AS source, type(r) AS type, b.id AS target, properties(r) AS props"
)


def snapshot(driver: Any, database: str) -> tuple[list[str], list[str]]:
    """Every node (labels, properties) and relationship, as sorted canonical JSON."""
    nodes = driver.execute_query(SNAPSHOT_NODES, database_=database).records
    rels = driver.execute_query(SNAPSHOT_RELATIONSHIPS, database_=database).records

    def canon(rows: Iterator[dict[str, Any]]) -> list[str]:
        return sorted(json.dumps(r, sort_keys=True, default=str) for r in rows)

    return (
        canon({"labels": sorted(r["labels"]), "props": r["props"]} for r in nodes),
        canon(r.data() for r in rels),
    )


def fail_after(batches: int) -> Callable[[int, int], None]:
    """A ``progress`` callback for ``load_graph`` that raises after *batches* batches.

    The load's transaction must then roll back: the seam the all-or-nothing tests inject.
    """
    seen = 0

    def progress(done: int, total: int) -> None:
        nonlocal seen
        seen += 1
        if seen >= batches:
            raise StoreError(f"injected failure after {seen} batches (test seam)")

    return progress
