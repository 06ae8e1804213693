"""Tests for the embedded FalkorDB engine (rcx.graph.store.embedded)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rcx.graph.store.embedded import (
    EmbeddedFalkor,
    EmbeddedFalkorError,
    EmbeddedQueryError,
    EmbeddedTimeoutError,
    FalkorBinaries,
    NodeRow,
    PropertyValueError,
    RelRow,
    find_binaries,
    load_property_graph,
    run_query,
)
from rcx.schema.errors import StoreError

REPO_ROOT = Path(__file__).resolve().parents[1]

NODES: list[NodeRow] = [
    (
        "palermo",
        ["Element", "HardLaw", "GlobalTreaty"],
        {"name": "Palermo Protocol", "year": 2000, "tags": ["un", "crime"]},
    ),
    (
        "coe",
        ["Element", "HardLaw", "RegionalTreaty"],
        {"name": "CoE Convention", "year": 2005, "note": None},
    ),
    (
        "guidelines",
        ["Element", "SoftLaw"],
        {"name": "Recommended Principles", "year": 2002, "empty": []},
    ),
    ("unodc", ["Element", "Organisation"], {"name": "UNODC", "budget": 1.5}),
    ("lonely", ["Element"], {"name": "Isolated", "active": False}),
]
RELS: list[RelRow] = [
    ("coe", "palermo", "REFERENCES", {"weight": 2, "article": "Art. 39"}),
    ("guidelines", "palermo", "REFERENCES", {"weight": 1}),
    ("palermo", "unodc", "ADMINISTERED_BY", {"since": 2003}),
    ("coe", "guidelines", "IMPLEMENTS", {}),
]


def _process_gone(pid: int) -> bool:
    """True if *pid* no longer names a live redis-server (zombies count as gone)."""
    proc = Path(f"/proc/{pid}")
    try:
        state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
        cmdline = (proc / "cmdline").read_bytes()
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return True
    return state in ("Z", "X") or b"redis-server" not in cmdline


def _wait_gone(pid: int, seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if _process_gone(pid):
            return True
        time.sleep(0.05)
    return _process_gone(pid)


@pytest.fixture(scope="module")
def engine() -> Iterator[EmbeddedFalkor]:
    with EmbeddedFalkor() as fk:
        yield fk


@pytest.fixture(scope="module")
def loaded(engine: EmbeddedFalkor) -> Any:
    graph = engine.graph("rcx_test")
    stats = load_property_graph(graph, NODES, RELS, batch_size=2)
    assert (stats.nodes, stats.relationships, stats.id_label) == (5, 4, "Element")
    return graph


def test_find_binaries() -> None:
    bins = find_binaries()
    assert bins.redis_server.name == "redis-server"
    assert bins.module.is_file()


def test_engine_is_private_and_answers(engine: EmbeddedFalkor) -> None:
    assert engine.socket_path.is_socket()
    assert oct(engine.socket_path.stat().st_mode & 0o777) == oct(0o700)
    assert engine.db.connection.ping()
    assert engine.db.connection.config_get("port")["port"] == "0"
    rss = engine.memory_rss_bytes()
    assert rss is None or rss > 0


def test_multi_label_nodes(loaded: Any) -> None:
    cols, rows = run_query(
        loaded, "MATCH (n:HardLaw) RETURN n.id AS id, labels(n) AS labels ORDER BY id"
    )
    assert cols == ["id", "labels"]
    assert rows == [
        ["coe", ["Element", "HardLaw", "RegionalTreaty"]],
        ["palermo", ["Element", "HardLaw", "GlobalTreaty"]],
    ]
    _, rows = run_query(
        loaded, "MATCH (n:Element) WHERE n:GlobalTreaty OR n:SoftLaw RETURN n.id ORDER BY n.id"
    )
    assert rows == [["guidelines"], ["palermo"]]


def test_property_values_round_trip(loaded: Any) -> None:
    _, rows = run_query(loaded, "MATCH (n:Element {id: 'palermo'}) RETURN n")
    assert rows == [[{
        "id": "palermo", "name": "Palermo Protocol", "year": 2000, "tags": ["un", "crime"],
        "_labels": ["Element", "HardLaw", "GlobalTreaty"],
    }]]  # fmt: skip
    _, rows = run_query(loaded, "MATCH (n {id: 'coe'}) RETURN keys(n), n.note")
    assert rows == [[["name", "year", "id"], None]]  # None values are dropped
    _, rows = run_query(loaded, "MATCH (n {id: 'guidelines'}) RETURN n.empty, size(n.empty)")
    assert rows == [[[], 0]]
    _, rows = run_query(loaded, "MATCH (n {id: 'unodc'}) RETURN n.budget")
    assert rows == [[1.5]]
    _, rows = run_query(loaded, "MATCH (n {id: 'lonely'}) RETURN n.active")
    assert rows == [[False]]


def test_relationships_and_paths(loaded: Any) -> None:
    _, rows = run_query(
        loaded,
        "MATCH (a)-[r:REFERENCES|IMPLEMENTS]->(b) RETURN a.id, r, b.id ORDER BY a.id, b.id",
    )
    assert rows == [
        ["coe", {"_type": "IMPLEMENTS"}, "guidelines"],
        ["coe", {"weight": 2, "article": "Art. 39", "_type": "REFERENCES"}, "palermo"],
        ["guidelines", {"weight": 1, "_type": "REFERENCES"}, "palermo"],
    ]
    query = "MATCH p = (:HardLaw)-[:ADMINISTERED_BY]->(:Organisation) RETURN p"
    _, rows = run_query(loaded, query)
    path = rows[0][0]
    assert [item.get("id", item.get("_type")) for item in path] == [
        "palermo",
        "ADMINISTERED_BY",
        "unodc",
    ]
    _, rows = run_query(
        loaded, "MATCH (n:Element {id: 'palermo'}) RETURN n {.id, indeg: size([(n)<--() | 1])}"
    )
    assert rows == [[{"id": "palermo", "indeg": 2}]]


def test_parameters(loaded: Any) -> None:
    tricky = "quote \" back\\slash \n newline 'single' `tick` ü 𝄞"
    cols, rows = run_query(loaded, "RETURN $s AS s, $n AS n, $l AS l, $m.k AS k", {
        "s": tricky, "n": -(2**63), "l": [1, 2], "m": {"k": None},
    })  # fmt: skip
    assert cols == ["s", "n", "l", "k"]
    assert rows == [[tricky, -(2**63), [1, 2], None]]
    _, rows = run_query(
        loaded,
        "UNWIND $ids AS id MATCH (n:Element {id: id}) RETURN n.name ORDER BY n.name LIMIT $k",
        {"ids": ["palermo", "unodc", "nope"], "k": 5},
    )
    assert rows == [["Palermo Protocol"], ["UNODC"]]


def test_parameters_that_would_be_corrupted_are_refused(loaded: Any) -> None:
    for bad in (2**64, float("nan"), float("inf"), "nul\x00char", object()):
        with pytest.raises(PropertyValueError):
            run_query(loaded, "RETURN $x", {"x": bad})


def test_read_only_rejects_writes(loaded: Any) -> None:
    with pytest.raises(EmbeddedQueryError) as info:
        run_query(loaded, "CREATE (:Element {id: 'intruder'})")
    message = str(info.value)
    assert "embedded" in message and "could not run the query" in message
    assert "--neo4j" in message and "read-only" in message
    assert info.value.engine_message and info.value.query.startswith("CREATE")
    _, rows = run_query(loaded, "MATCH (n {id: 'intruder'}) RETURN count(n)")
    assert rows == [[0]]


def test_a_runaway_query_ends_with_a_clear_timeout(engine: EmbeddedFalkor) -> None:
    """A three-way cartesian product (27e9 rows here) is stopped at the timeout."""
    graph = engine.graph("cartesian")
    run_query(
        graph, "UNWIND range(1, 3000) AS i CREATE (:Element {id: toString(i)})", read_only=False
    )
    started = time.monotonic()
    with pytest.raises(EmbeddedTimeoutError, match=r"longer than 0\.5 s.*--timeout"):
        run_query(graph, "MATCH (a), (b), (c) RETURN count(*)", timeout=0.5)
    assert time.monotonic() - started < 10
    assert issubclass(EmbeddedTimeoutError, StoreError)  # so the CLI exits with its code


def test_write_mode_and_empty_results(engine: EmbeddedFalkor) -> None:
    graph = engine.graph("scratch")
    cols, rows = run_query(graph, "CREATE (:T {x: 1})", read_only=False)
    assert (cols, rows) == ([], [])
    assert run_query(graph, "MATCH (n:T) RETURN n.x") == (["n.x"], [[1]])
    assert run_query(graph, "MATCH (n:Nope) RETURN n") == (["n"], [])


def test_unsupported_cypher_is_translated(loaded: Any) -> None:
    with pytest.raises(EmbeddedQueryError, match="Neo4j with --neo4j"):
        run_query(loaded, "MATCH (n) WHERE EXISTS { (n)-->() } RETURN n")
    with pytest.raises(EmbeddedQueryError, match="Unknown function"):
        run_query(loaded, "RETURN noSuchFunction(1)")


@pytest.mark.parametrize(
    "bad", ["Bad-Label", "1abc", "", "x y", "A`) DETACH DELETE (n", "_x", "Ünï", "NotRcx"]
)
def test_invalid_label_names_rejected(engine: EmbeddedFalkor, bad: str) -> None:
    graph = engine.graph("bad_labels")
    with pytest.raises(EmbeddedFalkorError, match="invalid label"):
        load_property_graph(graph, [("a", ["Element", bad], {})], [])
    with pytest.raises(EmbeddedFalkorError, match="not a known relation type"):
        load_property_graph(
            graph, [("a", ["Element"], {}), ("b", ["Element"], {})], [("a", "b", bad, {})]
        )
    assert run_query(graph, "MATCH (n) RETURN count(n)") == (["count(n)"], [[0]])


@pytest.mark.parametrize(
    "props, message",
    [
        ({"meta": {"nested": 1}}, "nested maps"),
        ({"xs": [1, "a"]}, "mixed-type list"),
        ({"xs": [[1], [2]]}, "lists may only hold"),
        ({"xs": [1, None]}, "lists may only hold"),
        ({"big": 2**63}, "64 bits"),
        ({"f": float("nan")}, "non-finite"),
        ({"b": b"bytes"}, "unsupported value type"),
    ],
)
def test_refused_property_values(
    engine: EmbeddedFalkor, props: dict[str, object], message: str
) -> None:
    with pytest.raises(PropertyValueError, match=message):
        load_property_graph(engine.graph("bad_values"), [("a", ["Element"], props)], [])


def test_load_validation(engine: EmbeddedFalkor) -> None:
    graph = engine.graph("validation")
    with pytest.raises(EmbeddedFalkorError, match="duplicate node id"):
        load_property_graph(graph, [("a", ["Element"], {}), ("a", ["Element"], {})], [])
    with pytest.raises(EmbeddedFalkorError, match="unknown node id"):
        load_property_graph(graph, [("a", ["Element"], {})], [("a", "zz", "REFERENCES", {})])
    with pytest.raises(EmbeddedFalkorError, match="differs from the node id"):
        load_property_graph(graph, [("a", ["Element"], {"id": "b"})], [])


def test_load_without_common_label_and_index(engine: EmbeddedFalkor) -> None:
    graph = engine.graph("nocommon")
    stats = load_property_graph(
        graph,
        [("a", ["HardLaw"], {}), ("b", ["SoftLaw"], {}), ("c", [], {})],
        [("a", "b", "REFERENCES", {}), ("b", "c", "REFERENCES", {})],
    )
    assert (stats.nodes, stats.relationships, stats.id_label) == (3, 2, None)
    query = "MATCH (:HardLaw)-[:REFERENCES]->(:SoftLaw)-[:REFERENCES]->(c) RETURN c.id"
    assert run_query(graph, query)[1] == [["c"]]


def test_id_index_created(loaded: Any) -> None:
    _, rows = run_query(
        loaded, "CALL db.indexes() YIELD label, properties RETURN label, properties"
    )
    assert ["Element", ["id"]] in rows


def test_close_stops_process_and_is_idempotent() -> None:
    fk = EmbeddedFalkor()
    pid, tmpdir = fk.pid, fk.tmpdir
    assert not _process_gone(pid)
    fk.close()
    assert fk.closed and _process_gone(pid) and not tmpdir.exists()
    fk.close()  # second close is a no-op
    with pytest.raises(EmbeddedFalkorError, match="closed"):
        fk.graph("g")


def test_context_manager_cleans_up_on_error() -> None:
    with pytest.raises(RuntimeError, match="boom"), EmbeddedFalkor() as fk:
        pid = fk.pid
        raise RuntimeError("boom")
    assert _wait_gone(pid)


def test_startup_failure_reports_server_log(tmp_path: Path) -> None:
    bogus = tmp_path / "not_a_module.so"
    bogus.write_text("not an ELF file")
    bins = FalkorBinaries(redis_server=find_binaries().redis_server, module=bogus)
    with pytest.raises(EmbeddedFalkorError, match="exited with code") as info:
        EmbeddedFalkor(binaries=bins, startup_timeout=10)
    assert "not_a_module.so" in str(info.value)  # the log tail names the module


def _spawn_owner(body: str) -> tuple[subprocess.Popen[str], int]:
    """Start a Python process that starts an engine and prints its pid."""
    code = textwrap.dedent(
        """
        import sys, time
        from rcx.graph.store.embedded import EmbeddedFalkor
        fk = EmbeddedFalkor()
        print(fk.pid, flush=True)
        """
    ) + textwrap.dedent(body)
    owner = subprocess.Popen(
        [sys.executable, "-c", code], cwd=REPO_ROOT, stdout=subprocess.PIPE, text=True
    )
    assert owner.stdout is not None
    line = owner.stdout.readline()
    assert line.strip().isdigit(), f"owner did not report a pid: {line!r}"
    return owner, int(line)


def test_sigkill_of_parent_kills_server() -> None:
    owner, pid = _spawn_owner("time.sleep(120)\n")
    try:
        assert not _process_gone(pid)
        os.kill(owner.pid, signal.SIGKILL)
        owner.wait(10)
        assert _wait_gone(pid), f"redis-server {pid} survived SIGKILL of its parent"
    finally:
        if owner.poll() is None:
            owner.kill()
        if not _process_gone(pid):
            os.kill(pid, signal.SIGKILL)


def test_normal_exit_without_close_kills_server() -> None:
    owner, pid = _spawn_owner("sys.exit(0)\n")  # never calls close(): atexit must
    assert owner.wait(10) == 0
    assert _wait_gone(pid)
