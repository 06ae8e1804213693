"""Same content, options and seed: the same report from files and from the real Neo4j."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rcx import loaders
from rcx.graph.report.assemble import analyze, dataset_meta
from rcx.graph.report.stamp import content_checksum
from rcx.graph.store.neo4j.store import connect, load_graph, read_graph
from rcx.graph.store.source import Neo4jSettings

pytestmark = pytest.mark.neo4j
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def driver(neo4j_settings: Neo4jSettings) -> Iterator[Any]:
    with connect(neo4j_settings) as d:
        yield d


@pytest.mark.parametrize("name", ["mini", "climate_small", None])
def test_checksum_and_report_are_the_same_from_neo4j(
    driver: Any, neo4j_settings: Neo4jSettings, name: str
) -> None:
    db = neo4j_settings.database
    driver.execute_query("MATCH (n) DETACH DELETE n", database_=db)
    data = FIXTURES / name if name else None
    files = loaders.load_graph(data)
    load_graph(driver, files, database=db)
    back = read_graph(driver, database=db)
    assert content_checksum(back) == content_checksum(files)
    meta = dataset_meta(data, back)
    assert meta is not None  # the graph read back names its dataset: its claims are tested
    a = analyze(files, meta=meta, n_null=30, seed=0, source="files").as_dict()
    b = analyze(back, meta=meta, n_null=30, seed=0, source="neo4j").as_dict()
    assert a["stamp"]["checksum"] == b["stamp"]["checksum"]
    assert [v["verdict"] for v in a["verdicts"]] == [v["verdict"] for v in b["verdicts"]]
    for d in (a, b):
        d["stamp"] = {k: v for k, v in d["stamp"].items() if k not in ("time", "source")}
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def test_cli_analyze_json_is_the_same_from_files_and_neo4j(
    driver: Any, neo4j_settings: Neo4jSettings
) -> None:
    from typer.testing import CliRunner

    from rcx.cli import app

    s = neo4j_settings
    driver.execute_query("MATCH (n) DETACH DELETE n", database_=s.database)
    load_graph(driver, loaders.load_graph(FIXTURES / "climate_small"), database=s.database)
    common = [
        "analyze",
        "--data",
        str(FIXTURES / "climate_small"),
        "--json",
        "--null-samples",
        "20",
    ]
    neo = ["--neo4j", "--uri", s.uri, "--username", s.username, "--database", s.database]
    runner = CliRunner(env={"NEO4J_PASSWORD": s.password})
    out = [runner.invoke(app, common), runner.invoke(app, common + neo)]
    assert all(r.exit_code == 0 for r in out), [r.output for r in out]
    a, b = (json.loads(r.stdout) for r in out)
    assert b["stamp"]["source"].startswith("neo4j ")
    assert not s.password or s.password not in b["stamp"]["source"]
    for d in (a, b):
        del d["stamp"]["time"], d["stamp"]["source"]
    assert a == b and a["verdicts"][0]["claim"] == "no-core"
