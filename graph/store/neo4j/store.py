"""The Neo4j store: connect, load a typed graph all-or-nothing, read it back.

The driver is always passed in (or made from :class:`~rcx.graph.store.source.Neo4jSettings` by
:func:`connect` and closed again); nothing here holds a global connection.  Passwords never
appear in a message: errors name the user and the URI only.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
from neo4j import READ_ACCESS, Driver, GraphDatabase, ManagedTransaction
from neo4j.exceptions import (
    AuthError,
    ConfigurationError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from rcx.graph.store import cypher
from rcx.graph.store.neo4j.codec import decode_edge, decode_node, encode_edge, encode_node
from rcx.graph.store.source import Neo4jSettings
from rcx.schema.errors import StoreError
from rcx.schema.vocabulary import Vocabulary, of_graph

MIN_MAJOR_VERSION = 5
START_HINT = "is it running? scripts/neo4j-server.sh start"
Progress = Callable[[int, int], None]
"""Called after each batch with ``(records written so far, records in total)``."""


@dataclass
class LoadReport:
    """What :func:`load_graph` did, in its one transaction."""

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


def _where(settings: Neo4jSettings) -> str:
    return f"{settings.username}@{settings.uri}"


def _server_major(agent: str | None) -> int | None:
    """``5`` from ``"Neo4j/5.26.31"``; ``None`` if the agent string is not understood."""
    try:
        return int(str(agent).split("/", 1)[1].split(".", 1)[0])
    except (IndexError, ValueError):
        return None


def connect(settings: Neo4jSettings, *, timeout: float = 10.0) -> Driver:
    """A driver for *settings*, checked: reachable, login accepted, Neo4j 5+, database exists.

    The caller closes it (``with connect(s) as driver: ...``).  Raises :class:`StoreError`
    with a message that says what to do, and never contains the password.
    """
    try:
        driver = GraphDatabase.driver(
            settings.uri,
            auth=(settings.username, settings.password),
            connection_timeout=timeout,
            connection_acquisition_timeout=timeout,
        )
    except (ConfigurationError, ValueError) as e:
        raise StoreError(f"invalid Neo4j URI {settings.uri!r}: {e}") from e
    try:
        _check_server(driver, settings)
    except BaseException:
        driver.close()
        raise
    return driver


def _check_server(driver: Driver, settings: Neo4jSettings) -> None:
    try:
        driver.verify_connectivity()
        info = driver.get_server_info()
        major = _server_major(info.agent)
        if major is None or major < MIN_MAJOR_VERSION:
            raise StoreError(
                f"{settings.uri} runs {info.agent}; rcx needs Neo4j {MIN_MAJOR_VERSION}.x or newer"
            )
        driver.execute_query("RETURN 1", database_=settings.database)
    except AuthError as e:
        raise StoreError(f"Neo4j refused the username/password for {_where(settings)}") from e
    except (ServiceUnavailable, SessionExpired, OSError) as e:
        raise StoreError(f"cannot reach Neo4j at {settings.uri}; {START_HINT}") from e
    except Neo4jError as e:
        if e.code == "Neo.ClientError.Database.DatabaseNotFound":
            raise StoreError(
                f"Neo4j at {settings.uri} has no database {settings.database!r} "
                "(set --database / NEO4J_DATABASE)"
            ) from e
        raise StoreError(f"Neo4j at {settings.uri} refused the connection: {e.message}") from e
    except DriverError as e:
        raise StoreError(f"cannot use Neo4j at {settings.uri}: {e}") from e


def _store_error(action: str, e: Exception) -> StoreError:
    if isinstance(e, ServiceUnavailable | SessionExpired):
        return StoreError(f"lost the connection to Neo4j while trying to {action}: {e}")
    if isinstance(e, Neo4jError) and e.code and "MemoryPoolOutOfMemoryError" in e.code:
        return StoreError(
            f"Neo4j ran out of transaction memory trying to {action}: the whole load is one "
            "transaction; raise the server's dbms.memory.transaction.total.max (and heap). "
            f"Server said: {e.message}"
        )
    if isinstance(e, Neo4jError):
        return StoreError(f"Neo4j refused to {action}: {e.code}: {e.message}")
    return StoreError(f"could not {action}: {e}")


def ensure_constraint(driver: Driver, *, database: str = "neo4j") -> None:
    """Create the unique ``Element.id`` constraint unless it exists (its own transaction)."""
    try:
        driver.execute_query(cypher.create_constraint(), database_=database)
    except (Neo4jError, DriverError) as e:
        raise _store_error("create the rcx_element_id constraint", e) from e


# ----------------------------------------------------------------------------- load


def _batches(rows: Sequence[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield list(rows[start : start + size])


def encode_graph(
    g: nx.MultiDiGraph,
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, list[dict[str, Any]]]]:
    """The rows the batch queries take: ``{id, props}`` by kind, ``{source, target, props}``
    by relation type (kinds and types checked against the graph's vocabulary)."""
    vocabulary = of_graph(g.graph)
    nodes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for node_id, attrs in g.nodes(data=True):
        _, props = encode_node(node_id, attrs, vocabulary)
        nodes[props["kind"]].append({"id": node_id, "props": props})
    rels: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for source, target, edge_key, attrs in g.edges(keys=True, data=True):
        rtype, _, props = encode_edge(attrs, edge_key, vocabulary)
        rels[rtype].append({"source": source, "target": target, "props": props})
    return nodes, rels


def _dataset_props(g: nx.MultiDiGraph) -> dict[str, Any] | None:
    if not g.graph.get("dataset"):
        return None
    props = {k: v for k, v in g.graph.items() if isinstance(v, str | int | float | bool)}
    props["id"] = str(props.pop("dataset"))
    return props


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


def _write(
    tx: Any,
    g: nx.MultiDiGraph,
    report: LoadReport,
    batch_size: int,
    progress: Progress | None,
    fail_after_batches: int | None,
) -> None:
    nodes, rels = encode_graph(g)
    vocabulary = of_graph(g.graph)
    total, done = g.number_of_nodes() + g.number_of_edges(), 0

    def step(n: int) -> None:
        nonlocal done
        report.batches += 1
        done += n
        if progress is not None:
            progress(done, total)
        if fail_after_batches is not None and report.batches >= fail_after_batches:
            raise StoreError(f"injected failure after {report.batches} batches (test seam)")

    for kind, rows in nodes.items():
        query = cypher.merge_nodes(kind, vocabulary)
        for batch in _batches(rows, batch_size):
            created = tx.run(query, rows=batch).consume().counters.nodes_created
            report.nodes_created += created
            report.nodes_updated += len(batch) - created
            step(len(batch))
    for rtype, rows in rels.items():
        query = cypher.merge_relationships(rtype, vocabulary)
        for batch in _batches(rows, batch_size):
            result = tx.run(query, rows=batch)
            matched = result.single(strict=True)["rows"]
            created = result.consume().counters.relationships_created
            if matched != len(batch):
                raise StoreError(f"{len(batch) - matched} :{rtype} relationships lost an end node")
            report.relationships_created += created
            report.relationships_updated += len(batch) - created
            step(len(batch))


def load_graph(
    driver: Driver,
    g: nx.MultiDiGraph,
    *,
    database: str = "neo4j",
    replace: bool = False,
    batch_size: int = 1000,
    progress: Progress | None = None,
    fail_after_batches: int | None = None,
) -> LoadReport:
    """Write *g* to Neo4j in ONE transaction: all of it, or (on any error) nothing.

    Idempotent: nodes are MERGEd on ``Element.id`` and relationships on their ``key``, and
    ``SET x = $props`` replaces properties, so loading the same graph twice changes nothing.
    Without *replace* (merge semantics) elements and relationships that are not in *g* are
    kept; with ``replace=True`` they are deleted, so *g* becomes the whole rcx graph.

    ``fail_after_batches`` is a test seam: raise after that many write batches (the
    transaction then rolls back, which tests check).
    """
    if batch_size < 1:
        raise StoreError("batch_size must be at least 1")
    ensure_constraint(driver, database=database)
    report, t0 = LoadReport(), time.perf_counter()
    try:
        with driver.session(database=database) as session:
            tx = session.begin_transaction()
            try:
                if replace:
                    _replace(tx, g, report)
                if (meta := _dataset_props(g)) is not None:
                    tx.run(cypher.merge_dataset(), props=meta).consume()
                _write(tx, g, report, batch_size, progress, fail_after_batches)
                tx.commit()
            finally:
                if not tx.closed():
                    tx.rollback()
    except (Neo4jError, DriverError) as e:
        raise _store_error("load the graph (nothing was written)", e) from e
    report.seconds = time.perf_counter() - t0
    return report


# ----------------------------------------------------------------------------- read


def _read(tx: ManagedTransaction) -> tuple[list[Any], list[Any], list[Any]]:
    nodes = list(tx.run(cypher.read_nodes()))
    rels = list(tx.run(cypher.read_relationships()))
    meta = list(tx.run(cypher.read_datasets()))
    return nodes, rels, meta


def _vocabulary(g: nx.MultiDiGraph) -> Vocabulary:
    try:
        return of_graph(g.graph)
    except ValueError as e:
        raise StoreError(f"the RcxDataset node's 'vocabulary' is not valid: {e}") from e


def _build(nodes: Iterable[Any], rels: Iterable[Any], meta: list[Any]) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    if meta:
        props = [dict(m["props"]) for m in meta]
        g.graph["dataset"] = "+".join(str(p.pop("id", "")) for p in props)
        if len(props) == 1:
            g.graph.update(props[0])
    vocabulary = _vocabulary(g)  # the dataset's own kinds and types, kept on its node
    for rec in nodes:
        attrs = decode_node(rec["props"], where=rec["eid"], vocabulary=vocabulary)
        g.add_node(attrs["id"], **attrs)
    edges = []
    for rec in rels:
        key, attrs = decode_edge(rec["source"], rec["target"], rec["type"], rec["props"],
                                 vocabulary)
        edges.append((rec["source"], rec["target"], key, attrs))
    for source, target, key, attrs in sorted(edges, key=lambda e: (e[0], e[1], e[2])):
        if g.has_edge(source, target, key):
            raise StoreError(f"Neo4j holds two relationships with the key {key!r}")
        g.add_edge(source, target, key=key)
        g.edges[source, target, key].update(attrs)
    return g


def read_graph(
    source: Neo4jSettings | Driver, *, database: str | None = None
) -> nx.MultiDiGraph:
    """Every ``Element`` and every relationship between elements, as the typed graph.

    *source* is either settings (a driver is made and closed here) or an open driver.
    Unknown extra properties are kept as attributes; a node or relationship whose fields do
    not fit the schema raises :class:`StoreError` naming it and the field.
    """
    if isinstance(source, Neo4jSettings):
        with connect(source) as driver:
            return read_graph(driver, database=database or source.database)
    try:
        with source.session(database=database or "neo4j", default_access_mode=READ_ACCESS) as s:
            nodes, rels, meta = s.execute_read(_read)
    except (Neo4jError, DriverError) as e:
        raise _store_error("read the graph", e) from e
    return _build(nodes, rels, meta)
