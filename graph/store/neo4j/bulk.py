"""A first load into an empty local Neo4j through ``neo4j-admin database import full``.

When to use it: a big graph (about 10^6 relationships and more) going into a database that is
empty and on this machine, whose server this process may stop and restart.  The importer
writes the store files directly, so it skips transactions, but it needs the server stopped
and pays for that, a JVM start and the restart; for anything else (a server elsewhere, data
already in the database, merging, ``--replace``) use the transactional :func:`~.load.load_graph`.

Steps, each with its cost in the benchmark (``bench/load_bench.py``): refuse a non-empty
database; write the CSV folder (:mod:`rcx.graph.export.neo4j_csv`: same labels and properties
as the transactional load); stop the server; import; start it on the imported store; create
the uniqueness constraints; check the counts.  The server is driven by the project's own
``scripts/neo4j-server.sh`` (or ``RCX_NEO4J_SERVER_SCRIPT``) with the port taken from the URI.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import networkx as nx

from rcx.graph.store import LoadReport, cypher
from rcx.graph.store.neo4j.admin_csv import write_neo4j_csv
from rcx.graph.store.neo4j.connect import connect, ensure_constraints
from rcx.graph.store.settings import Neo4jSettings
from rcx.schema.errors import StoreError

_LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
SCRIPT_ENV = "RCX_NEO4J_SERVER_SCRIPT"


def server_script() -> Path:
    """The script that stops, imports into and starts the local server."""
    given = os.environ.get(SCRIPT_ENV)
    path = Path(given) if given else Path(__file__).resolve().parents[3] / "scripts/neo4j-server.sh"
    if not path.is_file():
        raise StoreError(
            f"--bulk drives a local Neo4j through scripts/neo4j-server.sh, not found at {path}; "
            f"set {SCRIPT_ENV}, or load without --bulk"
        )
    return path


def _local_port(settings: Neo4jSettings) -> int:
    parts = urlsplit(settings.uri)
    if parts.hostname not in _LOCAL_HOSTS:
        raise StoreError(
            f"--bulk imports into a database on this machine; {settings.uri} is not local "
            "(load without --bulk)"
        )
    return parts.port or 7687


def _run(script: Path, env: dict[str, str], *args: str) -> None:
    done = subprocess.run(
        ["bash", str(script), *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=1800,
    )
    if done.returncode:
        tail = "\n".join(done.stderr.strip().splitlines()[-15:])
        raise StoreError(f"neo4j-server.sh {args[0]} failed (exit {done.returncode}):\n{tail}")


def _counts(settings: Neo4jSettings) -> tuple[int, int]:
    with connect(settings) as driver:
        rec = driver.execute_query(cypher.count_graph(), database_=settings.database).records[0]
    return int(rec["nodes"]), int(rec["relationships"])


def import_args(folder: Path, database: str) -> list[str]:
    """``neo4j-admin`` arguments for the folder :func:`write_neo4j_csv` wrote."""
    text = (folder / "import.txt").read_text(encoding="utf-8")
    delim = text.split("--array-delimiter='", 1)[1].split("'", 1)[0]
    return [
        "database", "import", "full", database, "--overwrite-destination",
        f"--nodes={folder / 'nodes.csv'}", f"--nodes={folder / 'datasets.csv'}",
        f"--relationships={folder / 'relationships.csv'}", f"--array-delimiter={delim}",
        "--multiline-fields=true", "--ignore-empty-strings=true",
    ]  # fmt: skip


def bulk_load(g: nx.MultiDiGraph, settings: Neo4jSettings) -> LoadReport:
    """Import *g* into the empty local database of *settings*; the server is restarted.

    Raises :class:`StoreError` if the database is not empty or not local, or a step fails
    (the message says which; a failed import leaves the database empty).
    """
    script = server_script()
    port = _local_port(settings)
    t0 = time.perf_counter()
    if _counts(settings) != (0, 0):
        raise StoreError(
            f"--bulk is for a first load into an empty database, and {settings} holds data; "
            "load without --bulk (it merges), or empty it first"
        )
    env = {**os.environ, "RCX_NEO4J_BOLT_PORT": str(port), "NEO4J_PASSWORD": settings.password}
    with tempfile.TemporaryDirectory(prefix="rcx-bulk-") as tmp:
        folder = Path(tmp) / "import"
        write_neo4j_csv(g, folder)
        _run(script, env, "stop")
        try:
            _run(script, env, "admin", *import_args(folder, settings.database))
        finally:  # the server comes back whatever happened to the import
            _run(script, env, "start", "--keep-data")
    with connect(settings) as driver:
        ensure_constraints(driver, database=settings.database)
    nodes, rels = _counts(settings)
    expected = g.number_of_nodes() + (1 if g.graph.get("dataset") else 0)
    if (nodes, rels) != (expected, g.number_of_edges()):
        raise StoreError(
            f"the import wrote {nodes} nodes and {rels} relationships, expected {expected} "
            f"and {g.number_of_edges()}"
        )
    return LoadReport(
        nodes_created=nodes, relationships_created=rels, batches=1, seconds=time.perf_counter() - t0
    )
