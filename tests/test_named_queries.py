"""Named queries give the same rows on the embedded engine (FalkorDB) and on Neo4j; the
``rcx query`` command on both; read-only refusals; parameters and output formats."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from rcx import loaders
from rcx.cli import app
from rcx.clitext import format_csv, format_json, render_value
from rcx.graph.store.embedded.store import EmbeddedStore
from rcx.graph.store.neo4j.store import connect, load_graph
from rcx.graph.store.query import (
    QueryResult,
    list_named_queries,
    named_query,
    parse_param,
    run_cypher,
)
from rcx.graph.store.source import Neo4jSettings
from rcx.schema.errors import RcxError, StoreError

NAMES = [q.name for q in list_named_queries()]
# defaults name built-in elements; these name the mini fixture's
MINI_PARAMS: dict[str, dict[str, Any]] = {
    "nested-in": {"id": "treaty"},
    "ngos-in-country": {"place": "land"},
    "paths-between": {"source": "statute", "target": "labour", "max_hops": 4},
    "provenance-of": {"id": "treaty"},
    "multi-bound-states": {"min_instruments": 1},
    "overlaps-on": {"issue": "PROSECUTION"},
}


def _load(settings: Neo4jSettings, data: Path | None) -> None:
    with connect(settings) as driver:
        load_graph(driver, loaders.load_graph(data), database=settings.database, replace=True)


def _env(settings: Neo4jSettings) -> dict[str, str]:
    return {
        "NEO4J_URI": settings.uri,
        "NEO4J_USERNAME": settings.username,
        "NEO4J_PASSWORD": settings.password,
        "NEO4J_DATABASE": settings.database,
    }


def typed(value: Any) -> Any:
    """*value* with every scalar paired with its type name: ``3 == 3.0`` but not here."""
    if isinstance(value, QueryResult):
        return (value.columns, typed(value.rows), value.truncated)
    if isinstance(value, dict):
        return {k: typed(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [typed(v) for v in value]
    return (type(value).__name__, value)


def test_typed_tells_int_from_float() -> None:
    assert QueryResult(["n"], [[3]]) == QueryResult(["n"], [[3.0]])  # why typed() exists
    assert typed(QueryResult(["n"], [[3]])) != typed(QueryResult(["n"], [[3.0]]))
    assert typed([{"a": [True]}]) != typed([{"a": [1]}])


@pytest.fixture(scope="module")
def embedded() -> Iterator[EmbeddedStore]:
    with EmbeddedStore(loaders.load_graph()) as engine:
        yield engine


@pytest.fixture
def builtin_in_neo4j(neo4j_settings: Neo4jSettings) -> Neo4jSettings:
    _load(neo4j_settings, None)
    return neo4j_settings


# ----------------------------------------------------------------------------- no server needed


def test_every_named_query_has_a_header() -> None:
    assert {
        "nested-in",
        "conflicts",
        "overlaps-on",
        "unlinked",
        "parallel-pairs",
        "ngos-in-country",
        "paths-between",
        "multi-bound-states",
    } <= set(NAMES)
    for q in list_named_queries():
        assert q.description, q.name
        assert "ORDER BY" in q.cypher, f"{q.name}: rows must come in a deterministic order"
        assert "COUNT {" not in q.cypher and "shortestPath" not in q.cypher
    with pytest.raises(RcxError, match="no named query 'nope'"):
        named_query("nope")


def test_named_queries_run_embedded_with_rows(embedded: EmbeddedStore) -> None:
    for q in list_named_queries():
        result = embedded.run(q.cypher, q.params)
        assert result.rows, f"{q.name} with its defaults finds nothing in the built-in dataset"


def test_embedded_refuses_writes_and_points_to_neo4j(embedded: EmbeddedStore) -> None:
    with pytest.raises(StoreError, match="--write"):
        embedded.run("CREATE (n:Element {id: 'x'}) RETURN n", {})
    with pytest.raises(StoreError, match="--neo4j"):
        embedded.run("MATCH (n) WHERE EXISTS { (n)-->() } RETURN count(n)", {})


def test_parse_param() -> None:
    assert parse_param("n=3") == ("n", 3)
    assert parse_param("x=2.5") == ("x", 2.5)
    assert parse_param("b=true") == ("b", True)
    assert parse_param("z=null") == ("z", None)
    assert parse_param('ids=["a", 2]') == ("ids", ["a", 2])
    assert parse_param("id=un-women") == ("id", "un-women")
    assert parse_param("q=a=b") == ("q", "a=b")
    for bad in ("novalue", "=3", "l=[1,"):
        with pytest.raises(RcxError):
            parse_param(bad)


def test_formats_are_deterministic_and_escape() -> None:
    result = QueryResult(
        ["name", "data"], [["<b>'x'</b>,\"y\"\x1b[2J", {"z": 1, "a": [True]}], [None, 2.5]]
    )
    assert render_value({"z": 1, "a": [True]}) == '{"a": [true], "z": 1}'
    assert render_value(None) == "" and render_value(False) == "false"
    parsed = json.loads(format_json(result))
    assert parsed[0]["name"] == "<b>'x'</b>,\"y\"\x1b[2J" and parsed[1]["name"] is None
    assert "\x1b" not in format_json(result)
    rows = list(csv.reader(io.StringIO(format_csv(result))))  # ESC shown, not sent
    assert rows == [
        ["name", "data"],
        ["<b>'x'</b>,\"y\"\\u001b[2J", '{"a": [true], "z": 1}'],
        ["", "2.5"],
    ]


def test_cli_list_and_embedded_query() -> None:
    runner = CliRunner()
    listed = runner.invoke(app, ["query", "--list", "--format", "json"])
    assert listed.exit_code == 0, listed.output
    assert [q["name"] for q in json.loads(listed.stdout)] == NAMES
    conflicts = runner.invoke(app, ["query", "--name", "conflicts", "-f", "csv"])
    assert conflicts.exit_code == 0, conflicts.output
    assert conflicts.stdout.startswith("issue,source,source_name,target")
    refused = runner.invoke(app, ["query", "CREATE (n:Scratch) RETURN n"])
    assert refused.exit_code == StoreError.exit_code and "--write" in refused.output
    neither = runner.invoke(app, ["query"])
    assert neither.exit_code == RcxError.exit_code and "--list" in neither.output


# ----------------------------------------------------------------------------- both engines


@pytest.mark.neo4j
@pytest.mark.parametrize("name", NAMES)
def test_same_rows_on_both_engines(
    name: str, embedded: EmbeddedStore, builtin_in_neo4j: Neo4jSettings
) -> None:
    q = named_query(name)
    on_neo4j = run_cypher(q.cypher, q.params, neo4j=builtin_in_neo4j)
    assert typed(embedded.run(q.cypher, q.params)) == typed(on_neo4j)
    assert on_neo4j.rows


@pytest.mark.neo4j
def test_same_rows_on_both_engines_for_mini(mini: Path, neo4j_settings: Neo4jSettings) -> None:
    _load(neo4j_settings, mini)
    with EmbeddedStore(loaders.load_graph(mini)) as engine:
        for q in list_named_queries():
            for params in (q.params, q.params | MINI_PARAMS.get(q.name, {})):
                on_neo4j = run_cypher(q.cypher, params, neo4j=neo4j_settings)
                assert typed(engine.run(q.cypher, params)) == typed(on_neo4j), (q.name, params)
    found = run_cypher(
        named_query("paths-between").cypher, MINI_PARAMS["paths-between"], neo4j=neo4j_settings
    )
    assert ["statute -[IMPLEMENTS]-> treaty -[PART_OF_REGIME]-> labour"] in [
        r[1:] for r in found.rows
    ]


@pytest.mark.neo4j
def test_cli_query_on_both_engines(builtin_in_neo4j: Neo4jSettings) -> None:
    runner, env = CliRunner(), _env(builtin_in_neo4j)
    embedded = runner.invoke(app, ["query", "--name", "conflicts", "-f", "json"], env=env)
    on_neo4j = runner.invoke(
        app, ["query", "--neo4j", "--name", "conflicts", "-f", "json"], env=env
    )
    assert embedded.exit_code == 0 and on_neo4j.exit_code == 0, on_neo4j.output
    assert json.loads(embedded.stdout) == json.loads(on_neo4j.stdout) != []
    param = runner.invoke(
        app,
        ["query", "--neo4j", "--name", "nested-in", "-p", "id=trafficking-protocol", "-f", "csv"],
        env=env,
    )
    assert param.exit_code == 0 and "class-national-statutes" in param.stdout


@pytest.mark.neo4j
def test_cli_neo4j_is_read_only_unless_write(builtin_in_neo4j: Neo4jSettings) -> None:
    runner, env = CliRunner(), _env(builtin_in_neo4j)
    create = "CREATE (n:Scratch {id: 'w'}) RETURN n.id AS id"
    refused = runner.invoke(app, ["query", "--neo4j", create], env=env)
    assert refused.exit_code == StoreError.exit_code and "--write" in refused.output
    count = "MATCH (n:Scratch) RETURN count(n) AS n"
    assert run_cypher(count, neo4j=builtin_in_neo4j).rows == [[0]]
    written = runner.invoke(app, ["query", "--neo4j", "--write", create, "-f", "csv"], env=env)
    assert written.exit_code == 0 and written.stdout == "id\nw\n"
    assert run_cypher(count, neo4j=builtin_in_neo4j).rows == [[1]]
    run_cypher("MATCH (n:Scratch) DELETE n", neo4j=builtin_in_neo4j, read_only=False)


@pytest.mark.neo4j
def test_cli_load(mini: Path, neo4j_settings: Neo4jSettings) -> None:
    runner, env = CliRunner(), _env(neo4j_settings)
    first = runner.invoke(
        app, ["load", "--data", str(mini), "--replace", "--batch-size", "3"], env=env
    )
    assert first.exit_code == 0, first.output
    assert "into neo4j@" in first.stdout and "8 elements (" in first.stdout
    again = runner.invoke(app, ["load", "--data", str(mini), "--no-derived"], env=env)
    assert again.exit_code == 0 and "0 new" in again.stdout
    wrong = "wrong-" + "p" * 10
    refused = runner.invoke(app, ["load", "--data", str(mini)], env=env | {"NEO4J_PASSWORD": wrong})
    assert refused.exit_code == StoreError.exit_code
    assert "refused the username/password" in refused.output and wrong not in refused.output
