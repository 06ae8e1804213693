"""Loading a typed graph into Neo4j: one transaction, all or nothing, pipelined batches.

Rows are encoded a batch at a time (client memory stays at a few batches, not the whole
graph's rows), and the next batch is encoded while the server runs the current one: the
driver's ``tx.run`` returns once the server has accepted a query, so encoding batch *i+1*
overlaps with the server executing batch *i*.  With the optional ``neo4j-rust-ext``
(``pip install 'rcx[rust]'``) the driver's own packing is done in Rust.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from itertools import chain
from typing import Any

import networkx as nx
from neo4j import Driver
from neo4j.exceptions import DriverError, Neo4jError

from rcx.graph.store import LoadReport, cypher
from rcx.graph.store.neo4j.codec import dataset_props, encode_edge, encode_node
from rcx.graph.store.neo4j.connect import ensure_constraints, store_error
from rcx.schema.errors import StoreError
from rcx.schema.vocabulary import of_graph

Progress = Callable[[int, int], None]
"""Called after each batch with ``(records written so far, records in total)``."""
Batch = tuple[str, list[dict[str, Any]], bool]
"""``(query, rows, whether they are relationships)``."""


def node_batches(g: nx.MultiDiGraph, size: int) -> Iterator[Batch]:
    """``merge_nodes`` batches of ``{id, props}`` rows, encoded as they are needed."""
    vocabulary = of_graph(g.graph)  # the dataset's own kinds too
    pending: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for node_id, attrs in g.nodes(data=True):
        _, props = encode_node(node_id, attrs, vocabulary)
        kind = str(props["kind"])
        rows = pending[kind]
        rows.append({"id": node_id, "props": props})
        if len(rows) >= size:
            yield cypher.merge_nodes(kind, vocabulary), pending.pop(kind), False
    for kind, rows in pending.items():
        yield cypher.merge_nodes(kind, vocabulary), rows, False


def relationship_batches(g: nx.MultiDiGraph, size: int) -> Iterator[Batch]:
    """``merge_relationships`` batches of ``{source, target, props}`` rows, encoded lazily."""
    vocabulary = of_graph(g.graph)  # the dataset's own relation types too
    pending: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for source, target, edge_key, attrs in g.edges(keys=True, data=True):
        rtype, _, props = encode_edge(attrs, edge_key, vocabulary)
        kind = str(rtype)
        rows = pending[kind]
        rows.append({"source": source, "target": target, "props": props})
        if len(rows) >= size:
            yield cypher.merge_relationships(kind, vocabulary), pending.pop(kind), True
    for kind, rows in pending.items():
        yield cypher.merge_relationships(kind, vocabulary), rows, True


def encode_graph(
    g: nx.MultiDiGraph,
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, list[dict[str, Any]]]]:
    """All rows at once, by kind and by relation type (the benchmark's naive loop uses it)."""
    vocabulary = of_graph(g.graph)
    nodes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for node_id, attrs in g.nodes(data=True):
        _, props = encode_node(node_id, attrs, vocabulary)
        nodes[str(props["kind"])].append({"id": node_id, "props": props})
    rels: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for source, target, key, attrs in g.edges(keys=True, data=True):
        rtype, _, props = encode_edge(attrs, key, vocabulary)
        rels[str(rtype)].append({"source": source, "target": target, "props": props})
    return nodes, rels


def _replace(tx: Any, g: nx.MultiDiGraph, report: LoadReport) -> None:
    """Delete elements and element relationships that are not in *g* (same transaction)."""
    counters = tx.run(cypher.delete_stale_nodes(), ids=list(g.nodes)).consume().counters
    report.nodes_deleted += counters.nodes_deleted
    report.relationships_deleted += counters.relationships_deleted
    keep = [
        cypher.relationship_identity(u, str(d["type"]), v, str(k))
        for u, v, k, d in g.edges(keys=True, data=True)
    ]
    counters = tx.run(cypher.delete_stale_relationships(), keep=keep).consume().counters
    report.relationships_deleted += counters.relationships_deleted
    tx.run(cypher.delete_other_datasets(), id=str(g.graph.get("dataset", ""))).consume()


def _finish(result: Any, rows: int, is_rel: bool, report: LoadReport) -> None:
    """Wait for one batch's result and count it."""
    if is_rel:
        matched = result.single(strict=True)["rows"]
        created = result.consume().counters.relationships_created
        if matched != rows:
            raise StoreError(f"{rows - matched} relationships lost an end node")
        report.relationships_created += created
        report.relationships_updated += rows - created
    else:
        created = result.consume().counters.nodes_created
        report.nodes_created += created
        report.nodes_updated += rows - created
    report.batches += 1


def _write(
    tx: Any, g: nx.MultiDiGraph, report: LoadReport, batch_size: int, progress: Progress | None
) -> None:
    """Send every batch, encoding the next while the server runs the current one.

    The server runs a transaction's queries in order, so every node batch is written before
    the first relationship batch looks for its end nodes.
    """
    total, done = g.number_of_nodes() + g.number_of_edges(), 0
    pending: tuple[Any, int, bool] | None = None
    batches = chain(node_batches(g, batch_size), relationship_batches(g, batch_size))
    for query, rows, is_rel in chain(batches, [("", [], False)]):  # a sentinel drains the last
        result = tx.run(query, rows=rows) if query else None  # returns when the server has it
        if pending is not None:
            _finish(*pending, report)
            done += pending[1]
            if progress is not None:
                progress(done, total)
        pending = (result, len(rows), is_rel)


def load_graph(
    driver: Driver,
    g: nx.MultiDiGraph,
    *,
    database: str = "neo4j",
    replace: bool = False,
    batch_size: int = 1000,
    progress: Progress | None = None,
) -> LoadReport:
    """Write *g* to Neo4j in ONE transaction: all of it, or (on any error) nothing.

    Idempotent: nodes are MERGEd on ``Element.id`` and relationships on their ``key``, and
    ``SET x = $props`` replaces properties, so loading the same graph twice changes nothing.
    Without *replace* (merge semantics) elements and relationships that are not in *g* are
    kept; with ``replace=True`` they are deleted, so *g* becomes the whole rcx graph.

    Concurrent loads of one dataset are serialised: the first statement MERGEs the
    uniquely constrained ``RcxDataset`` node, whose lock the transaction then holds.  An
    exception from *progress* aborts the load (the transaction rolls back).
    """
    if batch_size < 1:
        raise StoreError("batch_size must be at least 1")
    ensure_constraints(driver, database=database)
    report, t0 = LoadReport(), time.perf_counter()
    try:
        with driver.session(database=database) as session:
            tx = session.begin_transaction()
            try:
                if (meta := dataset_props(g)) is not None:  # first: the lock (see above)
                    tx.run(cypher.merge_dataset(), props=meta).consume()
                if replace:
                    _replace(tx, g, report)
                _write(tx, g, report, batch_size, progress)
                tx.commit()
            finally:
                if not tx.closed():
                    tx.rollback()
    except (Neo4jError, DriverError) as e:
        raise store_error("load the graph (nothing was written)", e) from e
    report.seconds = time.perf_counter() - t0
    return report
