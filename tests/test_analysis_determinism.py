"""Same content + options + seed => the same `rcx analyze --json`, whatever the store's order.

From the files, from a copy whose files and records are reordered, from Neo4j (real server,
marker ``neo4j``), and whatever ``jobs`` the null samples run in. JSONs are compared whole,
after dropping a top-level ``stamp`` (provenance stamp: its source and time may differ).
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
import yaml

from rcx.graph.analysis import core, nulltests, parallel
from rcx.graph.analysis.layers import linkage_graph, to_igraph
from rcx.loaders import load_graph
from rcx.loaders.dataset import builtin_data_dir

NULL = "12"  # null samples: enough to exercise every random step, fast


def analyze_json(*args: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, "-m", "rcx", "analyze", "--json", "--null-samples", NULL, *args],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, **(env or {})},
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    out.pop("stamp", None)
    return out


def shuffled_copy(src: Path, dst: Path, seed: int = 1) -> Path:
    """``src`` with every file's records in a shuffled order and the files renamed so that they
    are read in a different order (same content, other formatting)."""
    rng = random.Random(seed)
    shutil.copytree(src, dst)
    for folder in (dst / "elements", dst / "relations"):
        files = sorted(folder.iterdir())
        prefixes = [f"{i:02d}-" for i in range(len(files))]
        rng.shuffle(prefixes)
        for path, prefix in zip(files, prefixes, strict=True):
            if path.suffix == ".yaml":
                records = yaml.safe_load(path.read_text(encoding="utf-8"))
                rng.shuffle(records)
                text = yaml.safe_dump(records, sort_keys=False, allow_unicode=True, width=200)
            else:
                with path.open(newline="", encoding="utf-8") as f:
                    rows = list(csv.reader(f))
                body = rows[1:]
                rng.shuffle(body)
                buf = io.StringIO()
                csv.writer(buf, lineterminator="\n").writerows([rows[0], *body])
                text = buf.getvalue()
            path.unlink()
            (folder / f"{prefix}{path.name}").write_text(text, encoding="utf-8")
    return dst


def test_shuffled_dataset_gives_identical_json(tmp_path: Path) -> None:
    copy = shuffled_copy(builtin_data_dir(), tmp_path / "shuffled")
    g1, g2 = load_graph(), load_graph(copy)
    assert list(g1) != list(g2)  # the reordering reaches the typed graph
    assert analyze_json() == analyze_json("--data", str(copy), env={"PYTHONHASHSEED": "7"})


def test_linkage_graph_is_canonical_whatever_the_input_order() -> None:
    g = load_graph()
    rev = nx.MultiDiGraph()
    rev.graph.update(g.graph)
    rev.add_nodes_from(reversed(list(g.nodes(data=True))))
    rev.add_edges_from(reversed(list(g.edges(keys=True, data=True))))
    a, b = linkage_graph(g), linkage_graph(rev)
    assert list(a) == list(b) == sorted(a)
    assert list(a.edges(data=True)) == list(b.edges(data=True))
    assert to_igraph(a)[0].get_edgelist() == to_igraph(b)[0].get_edgelist()


def test_null_results_identical_whatever_jobs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_PARALLEL_WORK", 0)  # fork even for this small graph
    seen: list[int] = []
    real_pool = parallel.mp.context.ForkContext.Pool

    def pool(self: Any, processes: int, *a: Any, **kw: Any) -> Any:
        seen.append(processes)
        return real_pool(self, processes, *a, **kw)

    monkeypatch.setattr(parallel.mp.context.ForkContext, "Pool", pool)
    G = nx.relabel_nodes(nx.powerlaw_cluster_graph(400, 3, 0.2, seed=2), str)
    runs = [
        nulltests.centralization_null_tests(G, n_samples=16, seed=5, jobs=j, k=64, max_exact=100)
        for j in (1, 2, 3)
    ]
    assert runs[0] == runs[1] == runs[2]
    assert runs[0]["betweenness_centralization"].params["betweenness_sources"] == 64
    rc = [core.rich_club(G, n_samples=8, seed=3, jobs=j) for j in (1, 2)]
    assert rc[0] == rc[1]
    assert 2 in seen and 3 in seen  # the parallel path really ran


@pytest.mark.neo4j
def test_neo4j_gives_the_same_json_as_the_files(neo4j_settings: Any) -> None:
    from rcx.graph.store.neo4j.store import connect

    with connect(neo4j_settings) as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n", database_=neo4j_settings.database)
    env = {
        "NEO4J_URI": neo4j_settings.uri,
        "NEO4J_USERNAME": neo4j_settings.username,
        "NEO4J_PASSWORD": neo4j_settings.password,
        "NEO4J_DATABASE": neo4j_settings.database,
    }
    proc = subprocess.run(
        [sys.executable, "-m", "rcx", "load"],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, **env},
    )
    assert proc.returncode == 0, proc.stderr
    from_files = analyze_json()
    from_neo4j = analyze_json("--neo4j", env=env)
    assert from_neo4j == from_files
