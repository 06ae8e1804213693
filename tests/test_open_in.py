"""The exports open in the tools the README names, with the counts rcx has.

networkx loads the node-link file with ``nx.node_link_graph(data)`` and no argument, warnings
turned into errors; igraph's own GraphML reader loads the GraphML; the real Cytoscape.js from
npm (tests/js, installed by ``npm ci`` in scripts/test.sh) loads the Cytoscape.js JSON in node.
Gephi has its own test (tests/test_gephi.py).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import warnings
from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from rcx.graph.export import export_graph
from rcx.loaders import load_graph

JS = Path(__file__).resolve().parent / "js"
HOSTILE = "<script>alert(1)</script> \"q\" 's' & é"


@pytest.fixture(scope="module")
def builtin() -> nx.MultiDiGraph:
    return load_graph()


def _types(g: nx.MultiDiGraph) -> Counter[str]:
    return Counter(d["type"] for *_, d in g.edges(data=True))


def test_networkx_loads_node_link_without_arguments(
    builtin: nx.MultiDiGraph, tmp_path: Path
) -> None:
    (path,) = export_graph(builtin, "node-link", tmp_path / "g.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a FutureWarning about "links" would fail here
        h = nx.node_link_graph(data)
    assert isinstance(h, nx.MultiDiGraph)
    assert h.number_of_nodes() == builtin.number_of_nodes()
    assert h.number_of_edges() == builtin.number_of_edges()
    assert Counter(d["type"] for *_, d in h.edges(data=True)) == _types(builtin)
    assert h.nodes["trafficking-protocol"]["year_adopted"] == 2000
    assert set(h.edges(keys=True)) == set(builtin.edges(keys=True))


def test_igraph_reads_the_graphml(builtin: nx.MultiDiGraph, tmp_path: Path) -> None:
    ig = pytest.importorskip("igraph")
    (path,) = export_graph(builtin, "graphml", tmp_path / "g.graphml")
    h = ig.Graph.Read_GraphML(str(path))
    assert h.is_directed()
    assert h.vcount() == builtin.number_of_nodes()
    assert h.ecount() == builtin.number_of_edges()
    assert Counter(h.es["type"]) == _types(builtin)
    v = h.vs.find(id="trafficking-protocol")
    assert v["label"] == v["name"] == builtin.nodes["trafficking-protocol"]["name"]
    assert v["year_adopted"] == 2000.0  # igraph keeps numbers as floats
    assert set(h.es["derived"]) == {True, False}


def _node() -> str:
    found = shutil.which("node")
    if not found or not (JS / "node_modules" / "cytoscape").is_dir():
        msg = "no node or Cytoscape.js: run 'npm ci' in tests/js (scripts/test.sh does)"
        if os.environ.get("RCX_REQUIRE_JS") == "1" or os.environ.get("CI") == "true":
            pytest.fail(msg)
        pytest.skip(msg)
    return found


def _cytoscape(path: Path, *ids: str) -> dict[str, Any]:
    done = subprocess.run(
        [_node(), str(JS / "cytoscape-load.mjs"), str(path), *ids],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def test_cytoscape_js_loads_the_export(builtin: nx.MultiDiGraph, tmp_path: Path) -> None:
    (path,) = export_graph(builtin, "cytoscape", tmp_path / "g.cyjs")
    seen = _cytoscape(path, "trafficking-protocol")
    assert seen["version"].startswith("3.")
    assert seen["nodes"] == builtin.number_of_nodes()
    assert seen["edges"] == builtin.number_of_edges()
    assert Counter(seen["types"]) == _types(builtin)
    protocol = seen["sample"]["trafficking-protocol"]
    assert protocol["name"] == builtin.nodes["trafficking-protocol"]["name"]
    assert protocol["year_adopted"] == 2000
    assert seen["degree"] == builtin.degree("trafficking-protocol")


def test_cytoscape_js_keeps_hostile_text(mini: Path, tmp_path: Path) -> None:
    with (mini / "elements" / "core.yaml").open("a", encoding="utf-8") as fh:
        fh.write(
            f"- id: hostile\n  name: {json.dumps(HOSTILE)}\n  kind: ngo\n"
            "  provenance: {section: VII}\n"
        )
    g = load_graph(mini)
    (path,) = export_graph(g, "cytoscape", tmp_path / "g.cyjs")
    seen = _cytoscape(path, "hostile")
    assert (seen["nodes"], seen["edges"]) == (g.number_of_nodes(), g.number_of_edges())
    assert seen["sample"]["hostile"]["name"] == HOSTILE
