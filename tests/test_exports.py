"""Exports: each format read back gives the same graph; hostile text survives every format.

GraphML is checked structurally (unique key ids, every data element points at a key, the
GraphML namespace) and loaded back with networkx without loss. Neither format is validated
against its published XSD: no package on the registries this project uses ships gexf.xsd or
graphml-structure.xsd (gremlin-test ships graphml-1.1.xsd, which only redefines the online
structure schema), so the schema checks here are structural; tests/test_gephi.py opens both
files in the real Gephi.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import socket
import subprocess
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import networkx as nx
import pytest

from rcx.graph.export import FORMATS, export_graph
from rcx.graph.export.cypher import dumps_cypher, literal, split_statements, string
from rcx.graph.export.flat import join_list, split_list
from rcx.loaders import load_graph

REPO = Path(__file__).resolve().parents[1]
HOSTILE = "<img src=x onerror=alert(1)>"
NASTY = "Robert'); DROP DATABASE neo4j; // \\' \" ` ${x} ;|\u2028end"
EXTRA_YAML = """
- id: hostile
  name: "<img src=x onerror=alert(1)>"
  aliases:
    - "a;b"
    - "back\\\\slash"
    - "Robert'); DROP DATABASE neo4j; // \\\\' \\" ` ${x} ;|\\u2028end"
  kind: ngo
  description: "line one\\nline two, \\"quoted\\", 'single', <b>&amp;</b>"
  website: "https://example.org/?a=1&b=<2>"
  provenance: {section: VII, footnotes: [9, 10]}
"""


@pytest.fixture
def graph(mini: Path) -> nx.MultiDiGraph:
    with (mini / "elements" / "core.yaml").open("a", encoding="utf-8") as fh:
        fh.write(EXTRA_YAML)
    g = load_graph(mini)
    assert g.nodes["hostile"]["aliases"][2] == NASTY
    return g


def assert_same(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> None:
    assert a.graph == b.graph
    assert set(a.nodes) == set(b.nodes)
    for n in a:
        assert a.nodes[n] == b.nodes[n], n
    ea = {(u, v, k): d for u, v, k, d in a.edges(keys=True, data=True)}
    eb = {(u, v, k): d for u, v, k, d in b.edges(keys=True, data=True)}
    assert ea.keys() == eb.keys()
    for k, d in ea.items():
        assert d == eb[k], k


def test_every_cli_format_is_registered() -> None:
    assert set(FORMATS) == {"node-link", "graphml", "gexf", "cytoscape", "csv", "cypher"}


def test_list_joining_round_trips() -> None:
    for items in ([], ["a"], ["a;b", "c"], ["x\\", ";", "\\;", "end\\"], [NASTY, HOSTILE]):
        assert split_list(join_list(items)) == items


def _read_back(fmt: str, path: Path) -> nx.MultiDiGraph:
    if fmt == "graphml":
        from rcx.graph.export.graphml import read_graphml

        return read_graphml(path)
    if fmt == "gexf":
        from rcx.graph.export.gexf import read_gexf

        return read_gexf(path)
    if fmt == "cytoscape":
        from rcx.graph.export.cytoscape import read_cytoscape

        return read_cytoscape(path)
    from rcx.graph.export.nodelink import from_node_link

    return from_node_link(json.loads(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "node-link", "cytoscape"])
def test_round_trip(graph: nx.MultiDiGraph, tmp_path: Path, fmt: str) -> None:
    (path,) = export_graph(graph, fmt, tmp_path / f"g.{fmt}")
    assert_same(graph, _read_back(fmt, path))
    (again,) = export_graph(graph, fmt, tmp_path / f"again.{fmt}")
    assert path.read_bytes() == again.read_bytes()  # deterministic
    assert HOSTILE not in path.read_text(encoding="utf-8") or fmt in ("node-link", "cytoscape")


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "cytoscape"])
def test_round_trip_builtin(tmp_path: Path, fmt: str) -> None:
    g = load_graph()
    (path,) = export_graph(g, fmt, tmp_path / f"g.{fmt}")
    assert_same(g, _read_back(fmt, path))


def test_graphml_structure(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    (path,) = export_graph(graph, "graphml", tmp_path / "g.graphml")
    root = ElementTree.parse(path).getroot()
    ns = "{http://graphml.graphdrawing.org/xmlns}"
    assert root.tag == f"{ns}graphml"
    key_ids = [k.get("id") for k in root.findall(f"{ns}key")]
    assert key_ids and len(key_ids) == len(set(key_ids))  # unique: a validating reader needs it
    keys = {(k.get("for"), k.get("attr.name")): k for k in root.findall(f"{ns}key")}
    assert all(k.get("id") == f"{dom}.{name}" for (dom, name), k in keys.items())  # stable ids
    assert ("node", "description") in keys and ("edge", "description") in keys
    assert keys[("node", "aliases")].get("attr.type") == "string"
    assert keys[("edge", "derived")].get("attr.type") == "boolean"
    assert keys[("node", "label")].get("attr.type") == "string"
    for data in root.iter(f"{ns}data"):
        assert data.get("key") in key_ids
    edges = list(root.iter(f"{ns}edge"))
    assert sorted(e.get("id") for e in edges) == sorted(k for *_, k in graph.edges(keys=True))
    assert {e.get("label") for e in edges} == {d["type"] for *_, d in graph.edges(data=True)}
    node = next(n for n in root.iter(f"{ns}node") if n.get("id") == "hostile")
    values = {d.get("key"): d.text for d in node.findall(f"{ns}data")}
    assert values["node.name"] == HOSTILE and values["node.label"] == HOSTILE
    assert "node.id" not in values  # the node id itself
    assert values["node.aliases"] == "a\\;b;back\\\\slash;" + NASTY.replace("\\", "\\\\").replace(
        ";", "\\;"
    )
    assert json.loads(values["node.provenance"]) == {
        "derived": False,
        "footnotes": [9, 10],
        "section": "VII",
    }


def test_gexf_is_gephi_friendly(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    (path,) = export_graph(graph, "gexf", tmp_path / "g.gexf")
    root = ElementTree.parse(path).getroot()
    ns = {"g": "http://gexf.net/1.3"}
    assert root.get("version") == "1.3"
    labels = {n.get("id"): n.get("label") for n in root.findall(".//g:node", ns)}
    assert labels["hostile"] == HOSTILE
    edges = root.findall(".//g:edge", ns)
    assert {e.get("type") for e in edges} == {None}  # GEXF's edge type is direction: default
    assert {e.get("label") for e in edges} == {d["type"] for *_, d in graph.edges(data=True)}
    assert all(e.get("kind") for e in edges)
    # one kind per (source, target, kind): Gephi would merge a repeated one
    assert len({(e.get("source"), e.get("target"), e.get("kind")) for e in edges}) == len(edges)
    types = {a.get("title"): a.get("type") for a in root.findall(".//g:attribute", ns)}
    assert types["derived"] == "boolean" and types["name"] == "string"


def test_repeated_relations_get_distinct_kinds() -> None:
    from rcx.graph.export.gexf import edge_kinds

    g = nx.MultiDiGraph()
    g.add_edge("a", "b", "k1", type="OVERLAPS_WITH", issue="prosecution")
    g.add_edge("a", "b", "k2", type="OVERLAPS_WITH", issue="criminalisation")
    g.add_edge("a", "b", "k3", type="NESTED_IN")
    g.add_edge("b", "a", "k4", type="NESTED_IN")
    g.add_edge("a", "c", "k5", type="PARALLEL_TO")
    g.add_edge("a", "c", "k6", type="PARALLEL_TO")
    assert edge_kinds(g) == {
        "k1": "OVERLAPS_WITH (prosecution)",
        "k2": "OVERLAPS_WITH (criminalisation)",
        "k3": "NESTED_IN",
        "k4": "NESTED_IN",
        "k5": "PARALLEL_TO #1",
        "k6": "PARALLEL_TO #2",
    }


def test_cytoscape_shape(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    (path,) = export_graph(graph, "cytoscape", tmp_path / "g.json")
    doc = json.loads(path.read_text(encoding="utf-8"))
    nodes, edges = doc["elements"]["nodes"], doc["elements"]["edges"]
    assert len(nodes) == graph.number_of_nodes() and len(edges) == graph.number_of_edges()
    assert all({"id"} <= set(n["data"]) for n in nodes)
    assert all({"id", "source", "target", "type"} <= set(e["data"]) for e in edges)


# ---------------------------------------------------------------- Cypher and neo4j-admin CSV


def test_cypher_literals() -> None:
    assert string("it's") == "'it\\'s'"
    assert string("a\\b") == "'a\\\\b'"
    assert string('say "hi"\n') == "'say \\\"hi\\\"\\n'"
    assert string("x\u2028y") == "'x\\u2028y'"
    assert literal([1, 2]) == "[1, 2]" and literal(True) == "true" and literal([]) == "[]"
    with pytest.raises(ValueError):
        literal({"a": 1})


def test_cypher_script_shape(graph: nx.MultiDiGraph) -> None:
    script = dumps_cypher(graph)
    stmts = split_statements(script)
    assert len(stmts) == 2 + graph.number_of_nodes() + graph.number_of_edges()
    assert stmts[0].startswith("CREATE CONSTRAINT") and "$" not in "".join(
        s for s in stmts if "{x}" not in s
    )
    assert all(line.endswith(";") or line.startswith("//") for line in script.splitlines())
    assert "\n//" not in script.split("\n", 2)[2]  # no comment after the header
    labels = set(re.findall(r"CREATE \(:([A-Za-z:]+) ", script))
    assert "Element:PrivateActor:Ngo" in labels
    hostile = next(s for s in stmts if "'hostile'" in s and s.startswith("CREATE (:"))
    assert string(NASTY) in hostile and string(HOSTILE) in hostile


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_neo4j_csv_layout(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    paths = export_graph(graph, "csv", tmp_path / "csv")
    assert {p.name for p in paths} == {
        "nodes.csv",
        "relationships.csv",
        "datasets.csv",
        "import.txt",
    }
    header = (tmp_path / "csv" / "nodes.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("id:ID(Element),:LABEL,")
    cols = header.split(",")
    assert "footnotes:int[]" in cols and "aliases:string[]" in cols
    assert "year_adopted:int" in cols and "derived:boolean" in cols and "name" in cols
    rheader = (tmp_path / "csv" / "relationships.csv").read_text(encoding="utf-8").split("\n")[0]
    assert rheader.startswith(":START_ID(Element),:END_ID(Element),:TYPE,")
    rows = {r["id:ID(Element)"]: r for r in _csv_rows(tmp_path / "csv" / "nodes.csv")}
    assert len(rows) == graph.number_of_nodes()
    h = rows["hostile"]
    # "a;b" is an alias, so the export chose another array delimiter and says so
    command = (tmp_path / "csv" / "import.txt").read_text(encoding="utf-8")
    delim = "|" if "--array-delimiter='|'" in command else "\x1f"
    assert "--array-delimiter=';'" not in command
    assert (
        h["name"] == HOSTILE
        and h["aliases:string[]"].split(delim) == graph.nodes["hostile"]["aliases"]
    )
    assert h[":LABEL"].split(delim) == ["Element", "PrivateActor", "Ngo"]
    assert h["footnotes:int[]"].split(delim) == ["9", "10"]
    assert h["description"] == graph.nodes["hostile"]["description"]
    rels = _csv_rows(tmp_path / "csv" / "relationships.csv")
    assert len(rels) == graph.number_of_edges()
    assert {r[":TYPE"] for r in rels} == {d["type"] for *_, d in graph.edges(data=True)}


def _clear(driver: Any, database: str) -> None:
    with driver.session(database=database) as s:
        s.run("MATCH (n) DETACH DELETE n").consume()


@pytest.mark.neo4j
def test_cypher_script_recreates_the_graph_in_neo4j(
    graph: nx.MultiDiGraph, neo4j_settings: Any
) -> None:
    from neo4j import GraphDatabase

    s = neo4j_settings
    with GraphDatabase.driver(s.uri, auth=(s.username, s.password)) as driver:
        _clear(driver, s.database)
        with driver.session(database=s.database) as session:
            for stmt in split_statements(dumps_cypher(graph)):
                session.run(stmt).consume()
            count = session.run("MATCH (n:Element) RETURN count(n) AS n").single()["n"]
            name = session.run(
                "MATCH (n:Element {id: 'hostile'}) RETURN n.name AS name, n.aliases AS aliases"
            ).single()
        assert count == graph.number_of_nodes()
        assert name["name"] == HOSTILE and name["aliases"] == graph.nodes["hostile"]["aliases"]
        try:
            from rcx.graph.store.neo4j.store import read_graph
        except ImportError:  # pragma: no cover - the store module is written by another team
            return
        back = read_graph(driver, database=s.database)
        _clear(driver, s.database)
    assert_same(graph, back)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.neo4j
@pytest.mark.slow
def test_csv_folder_imports_with_neo4j_admin(
    graph: nx.MultiDiGraph, tmp_path: Path, neo4j_settings: Any
) -> None:
    """neo4j-admin imports the folder into a separate throw-away instance, then we read it."""
    export_graph(graph, "csv", tmp_path / "csv")
    command = (tmp_path / "csv" / "import.txt").read_text(encoding="utf-8").splitlines()[1]
    args = command.split()[1:]  # drop "neo4j-admin"
    args = [a.replace("'", "") for a in args]
    args = [
        f"--{a[2:].split('=')[0]}={(tmp_path / 'csv' / a.split('=')[1])}"
        if a.startswith(("--nodes=", "--relationships="))
        else a
        for a in args
    ]
    port = _free_port()
    env = {
        **os.environ,
        "RCX_NEO4J_INSTANCE_DIR": str(tmp_path / "instance"),
        "RCX_NEO4J_BOLT_PORT": str(port),
        "RCX_NEO4J_HTTP_PORT": "off",
        "NEO4J_PASSWORD": "rcx-import-test",
    }
    server = REPO / "scripts" / "neo4j-server.sh"
    if not server.exists() or not shutil.which("bash"):
        pytest.skip("scripts/neo4j-server.sh is missing")
    args.insert(-2, f"--report-file={tmp_path / 'import.report'}")  # not into the cwd
    done = subprocess.run(
        ["bash", str(server), "admin", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    started = subprocess.run(
        ["bash", str(server), "start", "--keep-data"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    try:
        assert started.returncode == 0, started.stderr[-3000:]
        from rcx.graph.store.neo4j.store import read_graph
        from rcx.graph.store.source import Neo4jSettings

        back = read_graph(
            Neo4jSettings(
                uri=f"bolt://127.0.0.1:{port}",
                username="neo4j",
                password="rcx-import-test",
                database="neo4j",
            )
        )
    finally:
        subprocess.run(
            ["bash", str(server), "stop"], env=env, capture_output=True, timeout=300, check=False
        )
    assert_same(graph, back)
