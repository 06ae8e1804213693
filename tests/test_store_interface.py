"""One store interface for both engines: load, read back, run Cypher; and every failure on
the way is a StoreError (exit code 3), never a bare ValueError."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from rcx import loaders
from rcx.graph.store import GraphStore, QueryResult
from rcx.graph.store.embedded.store import EmbeddedStore
from rcx.graph.store.neo4j.store import Neo4jStore
from rcx.graph.store.settings import Neo4jSettings
from rcx.schema.errors import RcxError, StoreError

COUNT = "MATCH (n:Element) RETURN count(n) AS n"


def _same(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> None:
    assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
    edges = lambda g: sorted(g.edges(keys=True, data=True), key=lambda e: e[:3])  # noqa: E731
    assert edges(a) == edges(b)
    assert a.graph == b.graph


def _exercise(store: GraphStore, g: nx.MultiDiGraph, replacement: nx.MultiDiGraph) -> None:
    """The same calls, the same answers, whatever the engine."""
    store.load(g, replace=True)
    _same(store.read(), g)
    assert store.run(COUNT) == QueryResult(["n"], [[g.number_of_nodes()]])
    capped = store.run("MATCH (n:Element) RETURN n.id AS id ORDER BY id", max_rows=2)
    assert capped.truncated and capped.rows == [[i] for i in sorted(g.nodes)[:2]]
    with pytest.raises(StoreError, match="--write"):
        store.run("CREATE (:Element {id: 'intruder'})")
    report = store.load(replacement, replace=True)
    assert report.relationships_created >= 0
    _same(store.read(), replacement)


def _smaller(mini: Path) -> nx.MultiDiGraph:
    g = loaders.load_graph(mini)
    g.remove_node(sorted(g.nodes)[0])
    return g


def test_embedded_store(mini: Path) -> None:
    with EmbeddedStore() as store:
        _exercise(store, loaders.load_graph(mini), _smaller(mini))
        with pytest.raises(StoreError, match="replace=True"):
            store.load(loaders.load_graph(mini))


@pytest.mark.neo4j
def test_neo4j_store(mini: Path, neo4j_settings: Neo4jSettings) -> None:
    with Neo4jStore(neo4j_settings) as store:
        store.run("MATCH (n) DETACH DELETE n", read_only=False)
        _exercise(store, loaders.load_graph(mini), _smaller(mini))


def test_bad_values_are_store_errors_not_value_errors(mini: Path) -> None:
    """A value FalkorDB would corrupt (NaN) ends in a StoreError the CLI turns into exit 3."""
    g = loaders.load_graph(mini)
    g.nodes[sorted(g.nodes)[0]]["weight"] = float("nan")
    with pytest.raises(StoreError, match="non-finite") as info:
        EmbeddedStore(g)
    assert isinstance(info.value, RcxError) and not isinstance(info.value, ValueError)
