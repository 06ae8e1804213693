"""``rcx load --bulk`` end to end on a dedicated server: CSV, stop, neo4j-admin import, restart,
constraints; the database then reads back as the dataset, exactly as after ``rcx load``."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from rcx import loaders
from rcx.cli import app
from rcx.graph.store.neo4j.store import Neo4jStore
from rcx.graph.store.settings import Neo4jSettings
from rcx.schema.errors import StoreError

SERVER = Path(__file__).resolve().parents[1] / "scripts" / "neo4j-server.sh"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _server(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(SERVER), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def _same(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> None:
    assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
    edges = lambda g: sorted(g.edges(keys=True, data=True), key=lambda e: e[:3])  # noqa: E731
    assert edges(a) == edges(b)
    assert a.graph == b.graph


@pytest.mark.neo4j
@pytest.mark.slow
def test_bulk_load_into_an_empty_local_server(
    tmp_path: Path, mini: Path, neo4j_settings: Neo4jSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    password = "rcx-bulk-" + secrets.token_hex(4)
    port = str(_free_port())
    env = {
        "RCX_NEO4J_BOLT_PORT": port,
        "RCX_NEO4J_HTTP_PORT": "off",
        "RCX_NEO4J_INSTANCE_DIR": str(tmp_path / "instance"),
        "NEO4J_PASSWORD": password,
    }
    for name, value in env.items():  # bulk_load drives the same instance through the script
        monkeypatch.setenv(name, value)
    settings = Neo4jSettings(uri=f"bolt://127.0.0.1:{port}", password=password)
    started = _server({**os.environ, **env}, "start")
    assert started.returncode == 0, started.stderr[-3000:]
    try:
        cli_env = {"NEO4J_URI": settings.uri, "NEO4J_PASSWORD": password}
        done = CliRunner().invoke(app, ["load", "--bulk", "--data", str(mini)], env=cli_env)
        assert done.exit_code == 0, done.output
        assert "bulk-imported mini" in done.stdout and "server restarted" in done.stdout
        with Neo4jStore(settings) as store:
            _same(store.read(), loaders.load_graph(mini))
            names = store.run("SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name").rows
            assert names == [["rcx_dataset_id"], ["rcx_element_id"]]
            again = store.load(loaders.load_graph(mini))  # a transactional load merges in
            assert again.nodes_created == 0 and again.relationships_created == 0
        refused = CliRunner().invoke(app, ["load", "--bulk", "--data", str(mini)], env=cli_env)
        assert refused.exit_code == StoreError.exit_code and "empty database" in refused.output
    finally:
        _server({**os.environ, **env}, "stop")
