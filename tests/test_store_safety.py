"""The stores under pressure: runaway queries end at their timeout, tables stop at a row cap,
secrets never reach the output (option, environment or inside the URI), the driver's log stays
quiet unless asked, and two loads of one dataset at once leave exactly one copy."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rcx import loaders
from rcx.cli import app
from rcx.graph.store import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT
from rcx.graph.store.neo4j.store import connect, load_graph
from rcx.graph.store.query import run_cypher
from rcx.graph.store.settings import Neo4jSettings, redact
from rcx.schema.errors import StoreError

REPO = Path(__file__).resolve().parents[1]
CARTESIAN = "MATCH (a:Element), (b:Element), (c:Element) RETURN count(a.id + b.id + c.id) AS n"
SECRET = "Sup3r-Secret-pw"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(settings: Neo4jSettings) -> dict[str, str]:
    return {
        "NEO4J_URI": settings.uri,
        "NEO4J_USERNAME": settings.username,
        "NEO4J_PASSWORD": settings.password,
        "NEO4J_DATABASE": settings.database,
    }


def _rcx(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The real command in a subprocess (stderr as a user's terminal gets it)."""
    return subprocess.run(
        [sys.executable, "-m", "rcx", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "COLUMNS": "120", **(env or {})},
    )


# ----------------------------------------------------------------------------- timeouts and caps


def test_defaults_are_bounded() -> None:
    assert DEFAULT_TIMEOUT == 30.0 and DEFAULT_MAX_ROWS == 1000


def test_embedded_cartesian_product_stops_at_the_timeout() -> None:
    runner = CliRunner()
    done = runner.invoke(app, ["query", "--timeout", "0.5", CARTESIAN])
    assert done.exit_code == StoreError.exit_code, done.output
    assert "longer than 0.5 s" in done.output and "--timeout" in done.output
    with pytest.raises(StoreError, match=r"longer than 0\.5 s"):
        run_cypher(CARTESIAN, timeout=0.5)


def test_table_output_stops_at_the_row_cap() -> None:
    runner = CliRunner()
    many = "UNWIND range(1, 2500) AS i RETURN i"
    table = runner.invoke(app, ["query", many])
    assert table.exit_code == 0, table.output
    assert "│ 1000 │" in table.stdout and "│ 1001 │" not in table.stdout
    assert "stopped after 1000 rows" in table.stderr
    csv = runner.invoke(app, ["query", "-f", "csv", many])
    assert csv.stdout.count("\n") == 2501 and "stopped" not in csv.stderr  # csv: every row
    capped = runner.invoke(app, ["query", "-f", "csv", "--max-rows", "7", many])
    assert capped.stdout.splitlines()[1:] == [str(i) for i in range(1, 8)]
    assert "stopped after 7 rows" in capped.stderr
    assert run_cypher(many, max_rows=2500).truncated is False


@pytest.mark.neo4j
def test_neo4j_cartesian_product_stops_at_the_timeout(neo4j_settings: Neo4jSettings) -> None:
    with connect(neo4j_settings) as driver:
        load_graph(driver, loaders.load_graph(), database=neo4j_settings.database)
    with pytest.raises(StoreError, match=r"longer than 0\.5 s on Neo4j"):
        run_cypher(CARTESIAN, neo4j=neo4j_settings, timeout=0.5)
    capped = run_cypher("UNWIND range(1, 5000) AS i RETURN i", neo4j=neo4j_settings, max_rows=10)
    assert capped.rows == [[i] for i in range(1, 11)] and capped.truncated


# ----------------------------------------------------------------------------- secrets and logs


def test_credentials_in_the_uri_are_split_off_and_masked() -> None:
    s = Neo4jSettings(uri=f"bolt://neo4j:{SECRET}@db.example:7687")
    assert (s.uri, s.username, s.password) == ("bolt://db.example:7687", "neo4j", SECRET)
    assert SECRET not in str(s) and SECRET not in repr(s)
    assert Neo4jSettings(uri=f"bolt://bob:{SECRET}@h", password="given").password == "given"
    assert redact(f"at neo4j://u:{SECRET}@h:1 with {SECRET}", [SECRET]).count("***") == 2


@pytest.mark.parametrize("where", ["uri", "option", "env"])
def test_server_down_one_clean_error_and_no_secret(where: str) -> None:
    uri = f"bolt://127.0.0.1:{_free_port()}"
    args, env = ["query", "--neo4j", "RETURN 1"], {"NEO4J_URI": uri}
    if where == "uri":
        env["NEO4J_URI"] = uri.replace("//", f"//neo4j:{SECRET}@")
    elif where == "option":
        args += ["--password", SECRET]
    else:
        env["NEO4J_PASSWORD"] = SECRET
    done = _rcx(*args, env=env)
    assert done.returncode == StoreError.exit_code
    assert SECRET not in done.stdout + done.stderr
    lines = done.stderr.strip().splitlines()
    assert lines[0].startswith("error: cannot reach Neo4j at bolt://127.0.0.1:"), done.stderr
    assert "neo4j driver" not in done.stderr and "defunct" not in done.stderr.lower()


@pytest.mark.parametrize(
    "uri", [f"bolt//neo4j:{SECRET}@127.0.0.1:1", f"http://neo4j:{SECRET}@127.0.0.1:1"]
)
def test_malformed_uri_with_a_secret_is_masked(uri: str) -> None:
    done = CliRunner().invoke(app, ["query", "--neo4j", "--uri", uri, "RETURN 1"])
    assert done.exit_code == StoreError.exit_code and "invalid Neo4j URI" in done.output
    assert SECRET not in done.output


@pytest.mark.neo4j
def test_wrong_password_in_uri_verbose_log_is_redacted(neo4j_settings: Neo4jSettings) -> None:
    port = neo4j_settings.uri.rsplit(":", 1)[1]
    env = {"NEO4J_URI": f"bolt://neo4j:{SECRET}@127.0.0.1:{port}", "NEO4J_PASSWORD": ""}
    quiet = _rcx("query", "--neo4j", "RETURN 1", env=env)
    assert quiet.returncode == StoreError.exit_code
    assert "refused the username/password" in quiet.stderr and SECRET not in quiet.stderr
    assert "neo4j driver:" not in quiet.stderr
    verbose = _rcx("query", "--neo4j", "-v", "RETURN 1", env=env)
    assert "neo4j driver:" in verbose.stderr  # the log is there when asked for ...
    assert SECRET not in verbose.stdout + verbose.stderr  # ... and masked


# ----------------------------------------------------------------------------- concurrent loads


def _count(settings: Neo4jSettings) -> tuple[int, int, int]:
    rows = run_cypher(
        "MATCH (n) WITH count(n) AS n, sum(CASE WHEN n:RcxDataset THEN 1 "
        "ELSE 0 END) AS d OPTIONAL MATCH ()-[r]->() RETURN n, d, count(r)",
        neo4j=settings,
    ).rows
    return tuple(rows[0])  # type: ignore[return-value]


@pytest.mark.neo4j
@pytest.mark.parametrize("replace", [False, True])
def test_two_loads_at_once_leave_one_copy(neo4j_settings: Neo4jSettings, replace: bool) -> None:
    run_cypher("MATCH (n) DETACH DELETE n", neo4j=neo4j_settings, read_only=False)
    g = loaders.load_graph()
    args = [sys.executable, "-m", "rcx", "load", *(["--replace"] if replace else [])]
    env = {**os.environ, **_env(neo4j_settings)}
    procs = [
        subprocess.Popen(
            args, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert _count(neo4j_settings) == (g.number_of_nodes() + 1, 1, g.number_of_edges())
    constraints = run_cypher(
        "SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name", neo4j=neo4j_settings
    ).rows
    assert ["rcx_dataset_id"] in constraints and ["rcx_element_id"] in constraints


@pytest.mark.neo4j
def test_bulk_refuses_a_database_with_data(neo4j_settings: Neo4jSettings, mini: Path) -> None:
    with connect(neo4j_settings) as driver:
        load_graph(driver, loaders.load_graph(mini), database=neo4j_settings.database)
    done = CliRunner().invoke(
        app, ["load", "--bulk", "--data", str(mini)], env=_env(neo4j_settings)
    )
    assert done.exit_code == StoreError.exit_code and "empty database" in done.output
    elsewhere = CliRunner().invoke(
        app,
        ["load", "--bulk", "--data", str(mini)],
        env=_env(neo4j_settings) | {"NEO4J_URI": "bolt://db.example:7687"},
    )
    assert elsewhere.exit_code == StoreError.exit_code and "not local" in elsewhere.output
