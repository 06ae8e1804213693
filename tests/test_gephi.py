"""Gephi opens rcx's GEXF and GraphML as rcx wrote them: the real Gephi Toolkit, headless.

``scripts/gephi.sh run FILE`` imports a file with Gephi's own importer and default settings (as
Gephi desktop's "Open graph file" does) and prints what Gephi holds. Gephi merges relations of
the same kind between the same two elements, so the counts below only match because every edge
carries a kind. Skipped without the toolkit unless RCX_REQUIRE_GEPHI=1 (scripts/test.sh fetches
it and sets that).
"""

from __future__ import annotations

import json
import os
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from rcx.graph.export import export_graph
from rcx.graph.export.gexf import kind_counts
from rcx.loaders import load_graph

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "gephi.sh"
# Gephi keeps no graph-level attributes from GraphML and says so; nothing else may be reported.
ALLOWED = ("Graph attributes 'dataset' ignored", "Graph attributes 'title' ignored")


@pytest.fixture(scope="module")
def gephi() -> Any:
    home = Path(os.environ.get("RCX_GEPHI_HOME", REPO / ".gephi"))
    if not (home / "classes" / "GephiImport.class").exists():
        msg = "no Gephi Toolkit: run 'bash scripts/gephi.sh fetch' (scripts/test.sh does)"
        if os.environ.get("RCX_REQUIRE_GEPHI") == "1" or os.environ.get("CI") == "true":
            pytest.fail(msg)
        pytest.skip(msg)

    def run(path: Path, *ids: str) -> dict[str, Any]:
        done = subprocess.run(
            ["bash", str(SCRIPT), "run", str(path), *ids],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return json.loads(done.stdout.strip().splitlines()[-1])

    return run


def _check(g: nx.MultiDiGraph, seen: dict[str, Any], fmt: str) -> None:
    assert seen["nodes"] == g.number_of_nodes()
    assert seen["edges"] == g.number_of_edges()  # nothing merged
    assert seen["directed"] is True
    assert seen["unlabelled_edges"] == 0  # every edge labelled with its relation type
    assert seen["total_weight"] == g.number_of_edges()  # no weights summed by a merge
    assert seen["kinds"] == dict(kind_counts(g))
    by_type: Counter[str] = Counter()
    for kind, n in seen["kinds"].items():
        by_type[kind.split(" ")[0]] += n
    assert by_type == Counter(d["type"] for *_, d in g.edges(data=True))
    problems = [
        i for i in seen["issues"] if not i.startswith("INFO") and not any(a in i for a in ALLOWED)
    ]
    assert problems == [], f"Gephi reported on the {fmt}: {problems}"
    assert not [i for i in seen["issues"] if "deprecated" in i.lower()]


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_builtin_dataset_in_gephi(gephi: Any, tmp_path: Path, fmt: str) -> None:
    g = load_graph()
    (path,) = export_graph(g, fmt, tmp_path / f"rcx.{fmt}")
    seen = gephi(path, "trafficking-protocol", "saarc-convention")
    _check(g, seen, fmt)
    assert seen["unlabelled_nodes"] == 0  # names, not ids
    protocol = seen["sample"]["trafficking-protocol"]
    assert protocol["label"] == g.nodes["trafficking-protocol"]["name"]  # a name, not an id
    assert protocol["kind"] == "global_treaty"
    assert protocol["year_adopted"] == 2000  # typed: a number in Gephi, not text
    assert seen["node_columns"]["year_adopted"] == "Long"
    assert seen["edge_columns"]["derived"] == "Boolean"
    if fmt == "gexf":
        assert "INFO: GEXF version 1.3" in seen["issues"]
        assert seen["edge_columns"]["relation"] == "String"


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_hostile_names_in_gephi(gephi: Any, mini: Path, tmp_path: Path, fmt: str) -> None:
    with (mini / "elements" / "core.yaml").open("a", encoding="utf-8") as fh:
        fh.write(
            '- id: hostile\n  name: "<script>alert(1)</script> \\"q\\" \'s\' & é"\n'
            "  kind: ngo\n  provenance: {section: VII}\n"
        )
    g = load_graph(mini)
    (path,) = export_graph(g, fmt, tmp_path / f"mini.{fmt}")
    seen = gephi(path, "hostile")
    _check(g, seen, fmt)
    assert seen["sample"]["hostile"]["label"] == g.nodes["hostile"]["name"]
