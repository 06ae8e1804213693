"""The Neo4j store against a real server: constraint, labels, idempotence, merge vs replace,
all-or-nothing loads (injected failure and a SIGKILLed server), round trips, hostile text,
and the connection errors a user meets."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
import yaml

from rcx import loaders
from rcx.graph.store import cypher
from rcx.graph.store.neo4j.store import LoadReport, _server_major, connect, load_graph, read_graph
from rcx.graph.store.source import Neo4jSettings
from rcx.schema.errors import StoreError
from rcx.schema.vocab import ElementKind
from support.store import fail_after, snapshot

REPO = Path(__file__).resolve().parents[1]
SERVER = REPO / "scripts" / "neo4j-server.sh"


# ----------------------------------------------------------------------------- helpers


@pytest.fixture(scope="module")
def driver(neo4j_settings: Neo4jSettings) -> Iterator[Any]:
    with connect(neo4j_settings) as d:
        yield d


@pytest.fixture
def db(driver: Any, neo4j_settings: Neo4jSettings) -> str:
    """An empty database (every test starts from nothing)."""
    driver.execute_query("MATCH (n) DETACH DELETE n", database_=neo4j_settings.database)
    return neo4j_settings.database


def assert_same_graph(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> None:
    assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
    edges = lambda g: sorted(g.edges(keys=True, data=True), key=lambda e: e[:3])  # noqa: E731
    assert edges(a) == edges(b)
    assert a.graph == b.graph


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# ----------------------------------------------------------------------------- schema and labels


@pytest.mark.neo4j
def test_constraint_exists(driver: Any, db: str, mini: Path) -> None:
    load_graph(driver, loaders.load_graph(mini), database=db)
    rows = driver.execute_query(
        cypher.show_constraint(), name=cypher.CONSTRAINT_NAME, database_=db
    ).records
    assert len(rows) == 1
    assert rows[0]["type"] == "UNIQUENESS"
    assert (rows[0]["labelsOrTypes"], rows[0]["properties"]) == (["Element"], ["id"])


@pytest.mark.neo4j
def test_labels_are_element_category_kind(driver: Any, db: str, mini: Path) -> None:
    g = loaders.load_graph(mini)
    load_graph(driver, g, database=db)
    recs = driver.execute_query(
        "MATCH (n:Element) RETURN n.id AS id, labels(n) AS labels", database_=db
    ).records
    assert {r["id"] for r in recs} == set(g.nodes)
    for r in recs:
        kind = ElementKind(g.nodes[r["id"]]["kind"])
        assert set(r["labels"]) == {"Element", kind.category.value, kind.label}
    # a kind changed in the data: the old category and kind labels go
    g.nodes["statute"].update(kind="national_policy", category="SoftLaw")
    load_graph(driver, g, database=db)
    labels = driver.execute_query(
        "MATCH (n {id: 'statute'}) RETURN labels(n) AS l", database_=db
    ).records[0]["l"]
    assert set(labels) == {"Element", "SoftLaw", "NationalPolicy"}


# ----------------------------------------------------------------------------- idempotence


@pytest.mark.neo4j
def test_load_twice_gives_the_same_graph(driver: Any, db: str, mini: Path) -> None:
    g = loaders.load_graph(mini)
    seen: list[tuple[int, int]] = []
    first = load_graph(
        driver,
        g,
        database=db,
        batch_size=2,
        progress=lambda done, total: seen.append((done, total)),
    )
    before = snapshot(driver, db)
    second = load_graph(driver, g, database=db, batch_size=2)
    assert snapshot(driver, db) == before
    n, m = g.number_of_nodes(), g.number_of_edges()
    assert (first.nodes_created, first.relationships_created) == (n, m)
    assert (second.nodes_created, second.nodes_updated) == (0, n)
    assert (second.relationships_created, second.relationships_updated) == (0, m)
    assert seen[-1] == (n + m, n + m) and seen == sorted(seen)
    assert first.batches == len(seen)


@pytest.mark.neo4j
def test_stale_properties_vanish_and_extra_ones_are_read(driver: Any, db: str, mini: Path) -> None:
    g = loaders.load_graph(mini)
    load_graph(driver, g, database=db)
    driver.execute_query("MATCH (n:Element {id: 'treaty'}) SET n.my_tag = 'kept'", database_=db)
    assert read_graph(driver, database=db).nodes["treaty"]["my_tag"] == "kept"
    load_graph(driver, g, database=db)
    assert "my_tag" not in read_graph(driver, database=db).nodes["treaty"]


@pytest.mark.neo4j
def test_merge_keeps_and_replace_removes(driver: Any, db: str, mini: Path) -> None:
    g = loaders.load_graph(mini)
    load_graph(driver, g, database=db)
    driver.execute_query(
        "MATCH (t:Element {id: 'treaty'}), (r:Element {id: 'regional'}) "
        "CREATE (:Element:HardLaw:GlobalTreaty {id: 'extra', name: 'Extra', kind: "
        "'global_treaty', category: 'HardLaw', section: 'I', footnotes: [], derived: false}) "
        "CREATE (t)-[:REFERENCES {key: 'user-made', section: 'I', footnotes: [], "
        "derived: false}]->(r)",
        database_=db,
    )
    g2 = g.copy()
    g2.remove_node("shelter")
    implements = [
        (u, v, k) for u, v, k, d in g2.edges(keys=True, data=True) if d["type"] == "IMPLEMENTS"
    ]
    g2.remove_edges_from(implements)

    load_graph(driver, g2, database=db)  # merge: nothing is removed
    kept = read_graph(driver, database=db)
    assert {"shelter", "extra"} <= set(kept.nodes)
    assert any(d["type"] == "IMPLEMENTS" for *_, d in kept.edges(data=True))
    assert any(d["type"] == "REFERENCES" for *_, d in kept.edges(data=True))

    report = load_graph(driver, g2, database=db, replace=True)
    assert_same_graph(read_graph(driver, database=db), g2)
    assert report.nodes_deleted == 2
    # the user-made REFERENCES, the IMPLEMENTS left out and the relations of "shelter"
    assert report.relationships_deleted == 1 + len(implements) + g.degree("shelter")
    assert report.deleted == report.nodes_deleted + report.relationships_deleted


# ----------------------------------------------------------------------------- all or nothing


@pytest.mark.neo4j
def test_injected_failure_leaves_the_database_as_it_was(driver: Any, db: str, mini: Path) -> None:
    load_graph(driver, loaders.load_graph(mini), database=db)
    before = snapshot(driver, db)
    with pytest.raises(StoreError, match="injected failure"):
        load_graph(
            driver,
            loaders.load_graph(),
            database=db,
            replace=True,
            batch_size=10,
            progress=fail_after(5),
        )
    assert snapshot(driver, db) == before


def _synthetic(n_rels: int) -> nx.MultiDiGraph:
    """NGOs working in states: enough relationships for a load that takes a while."""
    from rcx.loaders.build import element_attrs, relation_attrs
    from rcx.schema.models import Element, Provenance, Relation

    prov = Provenance(section="VII", footnotes=[1])
    n_states = 50
    g = nx.MultiDiGraph(dataset="synthetic", title="Synthetic")
    for i in range(n_states):
        g.add_node(
            f"s-{i}",
            **element_attrs(Element(id=f"s-{i}", name=f"S{i}", kind="state", provenance=prov)),
        )
    for i in range(n_rels // n_states):
        ngo = Element(id=f"n-{i}", name=f"NGO {i}", kind="ngo", provenance=prov)
        g.add_node(ngo.id, **element_attrs(ngo))
        for j in range(n_states):
            rel = Relation(source=ngo.id, target=f"s-{j}", type="WORKS_IN", provenance=prov)
            g.add_edge(rel.source, rel.target, key=rel.key)
            g.edges[rel.source, rel.target, rel.key].update(relation_attrs(rel))
    return g


def _server(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(SERVER), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.neo4j
@pytest.mark.slow
def test_server_killed_mid_load_keeps_the_baseline(
    tmp_path: Path, mini: Path, neo4j_settings: Neo4jSettings
) -> None:
    """SIGKILL a dedicated server while a big load's transaction is open, restart it on the
    same store: it holds exactly the baseline."""
    password = "rcx-kill-" + secrets.token_hex(4)
    env = {
        **os.environ,
        "RCX_NEO4J_BOLT_PORT": str(_free_port()),
        "RCX_NEO4J_HTTP_PORT": "off",
        "RCX_NEO4J_INSTANCE_DIR": str(tmp_path / "instance"),
        "NEO4J_PASSWORD": password,
    }
    settings = Neo4jSettings(
        uri=f"bolt://127.0.0.1:{env['RCX_NEO4J_BOLT_PORT']}", password=password
    )
    started = _server(env, "start")
    assert started.returncode == 0, started.stderr[-3000:]
    try:
        with connect(settings) as d:
            load_graph(d, loaders.load_graph(mini))
            baseline = snapshot(d, "neo4j")
            big = _synthetic(20_000)
            in_flight, killed = threading.Event(), threading.Event()
            outcome: dict[str, Any] = {}

            def progress(done: int, total: int) -> None:
                if done >= 2_000 and not in_flight.is_set():  # a few batches are written
                    in_flight.set()
                    killed.wait(120)

            def run() -> None:
                try:
                    outcome["report"] = load_graph(d, big, batch_size=500, progress=progress)
                except Exception as e:  # the test inspects it
                    outcome["error"] = e

            loader = threading.Thread(target=run)
            loader.start()
            assert in_flight.wait(300), "the big load never got going"
            pid = int((tmp_path / "instance" / "neo4j.pid").read_text())
            os.kill(pid, signal.SIGKILL)
            killed.set()
            loader.join(300)
            assert not loader.is_alive()
            assert isinstance(outcome.get("error"), StoreError), outcome
        restarted = _server(env, "start", "--keep-data")
        assert restarted.returncode == 0, restarted.stderr[-3000:]
        with connect(settings) as d:
            assert snapshot(d, "neo4j") == baseline
            assert_same_graph(read_graph(d), loaders.load_graph(mini))
    finally:
        _server(env, "stop")


# ----------------------------------------------------------------------------- round trips


@pytest.mark.neo4j
@pytest.mark.parametrize("which", ["builtin", "mini"])
def test_round_trip(
    driver: Any, db: str, mini: Path, which: str, neo4j_settings: Neo4jSettings
) -> None:
    g = loaders.load_graph(None if which == "builtin" else mini)
    report = load_graph(driver, g, database=db, replace=True, batch_size=100)
    assert isinstance(report, LoadReport) and report.relationships_created == g.number_of_edges()
    assert_same_graph(read_graph(driver, database=db), g)
    assert_same_graph(read_graph(neo4j_settings), g)  # settings, as rcx.graph.store.source uses it


HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "'}) DETACH DELETE n //",
    '"}) MATCH (m) DETACH DELETE m RETURN 1 //',
    'O\'Brien "quoted" \\ back`tick` $param {map}',
    "Ωμέγα — 漢字 — עברית — 🚀",
]


@pytest.mark.neo4j
def test_hostile_text_round_trips_and_executes_nothing(driver: Any, db: str, mini: Path) -> None:
    core = mini / "elements" / "core.yaml"
    elements = yaml.safe_load(core.read_text())
    for el, name in zip(elements, HOSTILE, strict=False):
        el["name"] = name
        el["description"] = " | ".join(HOSTILE)
    elements[0]["aliases"] = [f"{h} (alias)" for h in HOSTILE[1:]]
    core.write_text(yaml.safe_dump(elements, allow_unicode=True))
    links = mini / "relations" / "links.yaml"
    rels = yaml.safe_load(links.read_text())
    for rel in rels:
        if rel["type"] == "OVERLAPS_WITH":
            rel["issue"] = HOSTILE[1]
            rel["description"] = HOSTILE[0]
    links.write_text(yaml.safe_dump(rels, allow_unicode=True))
    g = loaders.load_graph(mini)
    load_graph(driver, g, database=db)
    load_graph(driver, g, database=db, replace=True)
    assert_same_graph(read_graph(driver, database=db), g)
    count = driver.execute_query("MATCH (n) RETURN count(n) AS c", database_=db).records[0]["c"]
    assert count == g.number_of_nodes() + 1  # the elements and the RcxDataset node
    found = driver.execute_query(
        "MATCH (n:Element {name: $name}) RETURN n.id AS id", name=HOSTILE[1], database_=db
    ).records
    assert [r["id"] for r in found] == ["statute"]


# ----------------------------------------------------------------------------- reading


@pytest.mark.neo4j
def test_read_rejects_nodes_that_do_not_fit(driver: Any, db: str) -> None:
    driver.execute_query(
        "CREATE (:Element {id: 'odd-one', name: 'Odd', kind: 'spaceship', section: 'I'})",
        database_=db,
    )
    with pytest.raises(StoreError, match=r"odd-one.*'kind'"):
        read_graph(driver, database=db)
    driver.execute_query(
        "MATCH (n) DETACH DELETE n CREATE (:Element {id: 'nameless', kind: 'ngo', section: 'I'})",
        database_=db,
    )
    with pytest.raises(StoreError, match=r"nameless.*'name'"):
        read_graph(driver, database=db)
    driver.execute_query(
        "MATCH (n) DETACH DELETE n CREATE (:Element {id: 'late', name: 'L', "
        "kind: 'ngo', section: 'I', year_adopted: 3000})",
        database_=db,
    )
    with pytest.raises(StoreError, match=r"late.*'year_adopted'"):
        read_graph(driver, database=db)


# ----------------------------------------------------------------------------- connecting


@pytest.mark.neo4j
def test_wrong_password_is_refused_without_showing_it(neo4j_settings: Neo4jSettings) -> None:
    wrong = "not-the-password-" + secrets.token_hex(8)
    bad = Neo4jSettings(
        uri=neo4j_settings.uri,
        username=neo4j_settings.username,
        password=wrong,
        database=neo4j_settings.database,
    )
    with pytest.raises(StoreError, match="refused the username/password") as info:
        connect(bad)
    for text in (str(info.value), repr(info.value), str(info.value.__cause__), str(bad), repr(bad)):
        assert wrong not in text


def test_server_down_is_a_clear_error() -> None:
    settings = Neo4jSettings(uri=f"bolt://127.0.0.1:{_free_port()}", password="x" * 12)
    with pytest.raises(
        StoreError,
        match=r"cannot reach Neo4j at bolt://127\.0\.0\.1:\d+; "
        r"is it running\? scripts/neo4j-server.sh start",
    ):
        connect(settings, timeout=3)


@pytest.mark.neo4j
def test_missing_database_is_a_clear_error(neo4j_settings: Neo4jSettings) -> None:
    settings = Neo4jSettings(
        uri=neo4j_settings.uri,
        username=neo4j_settings.username,
        password=neo4j_settings.password,
        database="rcx-no-such-db",
    )
    with pytest.raises(StoreError, match="no database 'rcx-no-such-db'"):
        connect(settings)


def test_server_version_parsing() -> None:
    assert _server_major("Neo4j/5.26.31") == 5
    assert _server_major("Neo4j/2025.01.0") == 2025
    assert _server_major("Neo4j/4.4.12") == 4
    assert _server_major("garbage") is None


# ----------------------------------------------------------------------------- codec, no server


def test_codec_round_trip_without_a_server(mini: Path) -> None:
    from rcx.graph.store.neo4j.codec import decode_edge, decode_node, node_rows, relationship_rows

    for g in (loaders.load_graph(), loaders.load_graph(mini)):
        for node_id, labels, props in node_rows(g):
            assert labels == cypher.node_labels(g.nodes[node_id]["kind"])
            for value in props.values():  # what Neo4j can hold: no maps, no lists of maps
                assert not isinstance(value, dict)
                assert not (
                    isinstance(value, list) and any(isinstance(v, dict | list) for v in value)
                )
            assert decode_node(props) == g.nodes[node_id]
        for source, target, rtype, props in relationship_rows(g):
            key, attrs = decode_edge(source, target, rtype, props)
            assert attrs == g.edges[source, target, key] and props["key"] == key


def test_codec_refuses_what_neo4j_cannot_hold() -> None:
    from rcx.graph.store.neo4j.codec import decode_node, encode_node

    good = {"id": "x", "name": "X", "kind": "ngo", "provenance": {"section": "I"}}
    with pytest.raises(StoreError, match="kind"):
        encode_node("x", good | {"kind": "spaceship"})
    with pytest.raises(StoreError, match="cannot be a Neo4j property"):
        encode_node("x", good | {"extra": {"nested": "map"}})
    _, props = encode_node("x", good | {"extra": ["a", "b"]})
    assert decode_node(props)["extra"] == ["a", "b"]
    with pytest.raises(StoreError, match=r"'x'.*'notes'"):
        decode_node(props | {"notes": "{not json"})


def test_cypher_text_comes_from_the_vocabulary_only() -> None:
    for kind in ElementKind:
        text = cypher.merge_nodes(kind)
        assert f"SET n:{kind.category.value}:{kind.label}" in text and "$rows" in text
    with pytest.raises(ValueError):
        cypher.merge_nodes("ngo) DETACH DELETE (n")
    with pytest.raises(ValueError):
        cypher.merge_relationships("FOO]->() DETACH DELETE a //")
    assert "{key: row.props.key}" in cypher.merge_relationships("PARTY_TO")
