"""Reading the typed graph back from Neo4j."""

from __future__ import annotations

from typing import Any

import networkx as nx
from neo4j import READ_ACCESS, Driver, ManagedTransaction
from neo4j.exceptions import DriverError, Neo4jError

from rcx.graph.store import cypher
from rcx.graph.store.neo4j.codec import build_graph
from rcx.graph.store.neo4j.connect import connect, store_error
from rcx.graph.store.settings import Neo4jSettings


def _read(tx: ManagedTransaction) -> tuple[list[Any], list[Any], list[Any]]:
    nodes = list(tx.run(cypher.read_nodes()))
    rels = list(tx.run(cypher.read_relationships()))
    meta = list(tx.run(cypher.read_datasets()))
    return nodes, rels, meta


def read_graph(source: Neo4jSettings | Driver, *, database: str | None = None) -> nx.MultiDiGraph:
    """Every ``Element`` and every relationship between elements, as the typed graph.

    *source* is either settings (a driver is made and closed here) or an open driver.
    Unknown extra properties are kept as attributes; a node or relationship whose fields do
    not fit the schema raises :class:`~rcx.schema.errors.StoreError` naming it and the field.
    """
    if isinstance(source, Neo4jSettings):
        with connect(source) as driver:
            return read_graph(driver, database=database or source.database)
    try:
        with source.session(database=database or "neo4j", default_access_mode=READ_ACCESS) as s:
            nodes, rels, meta = s.execute_read(_read)
    except (Neo4jError, DriverError) as e:
        raise store_error("read the graph", e) from e
    return build_graph(nodes, rels, meta)
