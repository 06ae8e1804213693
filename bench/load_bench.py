"""Benchmark: rcx's transactional Neo4j load vs a naive MERGE loop vs the offline bulk importer.

    .venv/bin/python bench/load_bench.py [--sizes 10000,100000,1000000] [--runs 7]

For each size (number of relationships) a seeded synthetic regime complex is generated with a
realistic degree skew: a few hubs (treaties, IGOs, states) receive most relationships (Zipf-like
target choice) while many NGOs each send a handful.  Then, on a private Neo4j instance (its own
port and folder, started and stopped by this script through ``scripts/neo4j-server.sh``):

* ``load_graph``: rcx's loader (one transaction, ``UNWIND`` batches, ``MERGE`` on constraints);
* naive: one auto-committed ``MERGE`` per record, timed on the first ``--naive-sample``
  records and extrapolated (the output says so);
* bulk: ``neo4j-admin database import full`` of the same data written as CSV (server stopped;
  time includes the importer's JVM start, as a user would see it).

Finally the named queries are timed on the built-in dataset: embedded (FalkorDB) vs Neo4j,
median of ``--runs`` runs each, engines already loaded.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import networkx as nx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from rcx.graph.store import cypher  # noqa: E402
from rcx.graph.store.neo4j.codec import node_rows, relationship_rows  # noqa: E402
from rcx.graph.store.neo4j.store import connect, encode_graph, load_graph  # noqa: E402
from rcx.graph.store.source import Neo4jSettings  # noqa: E402
from rcx.loaders.build import element_attrs, relation_attrs  # noqa: E402
from rcx.schema.models import Element, Provenance, Relation  # noqa: E402
from rcx.schema.vocab import ElementKind, RelationType  # noqa: E402

K, R = ElementKind, RelationType
SERVER = REPO / "scripts" / "neo4j-server.sh"
PASSWORD = "rcx-bench-password"

# --------------------------------------------------------------------------- synthetic data

HUB_KINDS = [K.GLOBAL_TREATY, K.REGIONAL_TREATY, K.GLOBAL_SOFT_LAW, K.IGO, K.IGO_ORGAN]
# (source pool, relation, target pool, weight): what NGOs, states and hubs typically do.
MENU: list[tuple[str, RelationType, str, float]] = [
    ("ngo", R.WORKS_IN, "state", 0.34),
    ("ngo", R.HEADQUARTERED_IN, "state", 0.16),
    ("ngo", R.PARALLEL_TO, "hub", 0.12),
    ("ngo", R.IMPLEMENTS, "hub", 0.10),
    ("ngo", R.MEMBER_OF, "org", 0.08),
    ("ngo", R.OVERLAPS_WITH, "ngo", 0.06),
    ("state", R.PARTY_TO, "hub", 0.06),
    ("hub", R.NESTED_IN, "org", 0.04),
    ("ngo", R.CONFLICTS_WITH, "hub", 0.04),
]
ISSUES = ["prosecution", "victim protection", "prevention", "approach", "data", "funding"]


def _zipf_picker(rng: random.Random, n: int, s: float = 1.1) -> Callable[[], int]:
    """Index in ``range(n)`` drawn with probability ~ 1/(rank+1)^s."""
    weights = [1.0 / (i + 1) ** s for i in range(n)]
    cum, total = [], 0.0
    for w in weights:
        total += w
        cum.append(total)
    import bisect

    return lambda: min(bisect.bisect_left(cum, rng.random() * total), n - 1)


def _element(i: int, kind: ElementKind, rng: random.Random) -> Element:
    name = f"{kind.value.replace('_', ' ').title()} {i}"
    return Element(
        id=f"{kind.value.replace('_', '-')}-{i}",
        name=name,
        kind=kind,
        aliases=[f"{kind.value[:3].upper()}{i}"] if rng.random() < 0.3 else [],
        year_adopted=rng.randint(1950, 2015) if kind is not K.NGO else None,
        description=f"Synthetic {kind.value} number {i}." if rng.random() < 0.5 else None,
        provenance=Provenance(section="VII", footnotes=[rng.randint(1, 329)]),
    )


def synthetic_graph(n_rels: int, *, seed: int = 7) -> nx.MultiDiGraph:
    """A seeded regime complex with *n_rels* relationships and a skewed degree distribution."""
    rng = random.Random(seed)
    n_nodes = max(400, n_rels // 8)
    n_hubs, n_states = max(10, n_nodes // 500), min(200, max(20, n_nodes // 50))
    n_orgs = max(5, n_nodes // 1000)
    pools: dict[str, list[Element]] = {
        "hub": [_element(i, HUB_KINDS[i % len(HUB_KINDS)], rng) for i in range(n_hubs)],
        "state": [_element(i, K.STATE, rng) for i in range(n_states)],
        "org": [_element(i, K.IGO, rng) for i in range(n_hubs, n_hubs + n_orgs)],
    }
    pools["ngo"] = [_element(i, K.NGO, rng) for i in range(n_nodes - n_hubs - n_states - n_orgs)]
    g = nx.MultiDiGraph(dataset=f"synthetic-{n_rels}", title="Synthetic regime complex")
    for pool in pools.values():
        for el in pool:
            g.add_node(el.id, **element_attrs(el))
    pick = {name: _zipf_picker(rng, len(pool)) for name, pool in pools.items()}
    seen: set[str] = set()
    total_w = sum(m[3] for m in MENU)
    for src_pool, rtype, tgt_pool, weight in MENU:
        srcs, tgts = pools[src_pool], pools[tgt_pool]
        want = min(int(n_rels * weight / total_w), len(srcs) * len(tgts) // 2)
        _add_relations(g, rng, srcs, tgts, pick[tgt_pool], rtype, want, seen)
    # whatever the capped entries could not take goes to the biggest pool (NGOs work in states)
    _add_relations(g, rng, pools["ngo"], pools["state"], pick["state"], R.WORKS_IN,
                   n_rels - g.number_of_edges(), seen)
    return g


def _add_relations(
    g: nx.MultiDiGraph,
    rng: random.Random,
    srcs: list[Element],
    tgts: list[Element],
    pick: Callable[[], int],
    rtype: RelationType,
    count: int,
    seen: set[str],
) -> None:
    """Add *count* new relations: uniform sources, Zipf-like targets (uniform after misses).

    Attributes are written as ``relation_attrs(Relation(...))`` would make them (checked for
    the first relation of each call): the models are too slow for a million rows.
    """
    added = misses = 0
    while added < count:
        src = srcs[rng.randrange(len(srcs))].id
        tgt = tgts[pick() if misses < 20 else rng.randrange(len(tgts))].id
        issue = rng.choice(ISSUES) if rtype in (R.OVERLAPS_WITH, R.CONFLICTS_WITH) else None
        a, b = (tgt, src) if rtype.is_symmetric and tgt < src else (src, tgt)
        key = f"{a}|{rtype.value}|{b}|{issue or ''}"
        if src == tgt or key in seen:
            misses += 1
            continue
        seen.add(key)
        misses = 0
        attrs: dict[str, Any] = {"source": src, "target": tgt, "type": rtype.value}
        if issue:
            attrs["issue"] = issue
        if rtype is R.PARALLEL_TO:
            attrs["evidence"] = "No role foreseen."
        prov = {"section": "III.A.2", "footnotes": [rng.randint(1, 329)], "derived": False}
        attrs |= {"provenance": prov, "notes": [], "key": key, "derived": False,
                  "linkage": rtype.is_linkage}
        if added == 0:
            model = Relation.model_validate({k: attrs[k] for k in list(attrs)[:-3]})
            assert relation_attrs(model) == attrs, (relation_attrs(model), attrs)
        added += 1
        g.add_edge(src, tgt, key=key)
        g.edges[src, tgt, key].update(attrs)


# --------------------------------------------------------------------------- private server


class Server:
    """A private Neo4j instance run through ``scripts/neo4j-server.sh`` (own port and folder)."""

    def __init__(self, folder: Path, heap: str, tx_memory: str | None) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.env = {**os.environ, "RCX_NEO4J_BOLT_PORT": str(port), "RCX_NEO4J_HTTP_PORT": "off",
                    "RCX_NEO4J_INSTANCE_DIR": str(folder), "NEO4J_PASSWORD": PASSWORD,
                    "RCX_NEO4J_HEAP": heap, "RCX_NEO4J_HEAP_INITIAL": heap,
                    "RCX_NEO4J_PAGECACHE": "1g", "RCX_NEO4J_FULL_JIT": "1",
                    "RCX_NEO4J_START_TIMEOUT": "300", "HEAP_SIZE": "2g"}
        if tx_memory:
            self.env["RCX_NEO4J_TX_MEMORY"] = tx_memory
        self.settings = Neo4jSettings(uri=f"bolt://127.0.0.1:{port}", password=PASSWORD)

    def run(self, *args: str) -> float:
        """Run a ``neo4j-server.sh`` command; its wall time in seconds."""
        t0 = time.perf_counter()
        done = subprocess.run(["bash", str(SERVER), *args], env=self.env, capture_output=True,
                              text=True, check=False)
        if done.returncode:
            raise SystemExit(f"neo4j-server.sh {' '.join(args)} failed:\n{done.stderr[-4000:]}")
        return time.perf_counter() - t0

    def fresh(self) -> None:
        """Stop if running, then start on a new, empty store."""
        self.run("stop")
        self.run("start")

    def count(self) -> tuple[int, int]:
        with connect(self.settings) as d:
            rec = d.execute_query("MATCH (n:Element) WITH count(n) AS n "
                                  "MATCH ()-[r]->() RETURN n, count(r) AS r").records[0]
        return int(rec["n"]), int(rec["r"])


@contextmanager
def private_server(heap: str, tx_memory: str | None) -> Iterator[Server]:
    folder = Path(tempfile.mkdtemp(prefix="rcx-bench-neo4j-"))
    server = Server(folder, heap, tx_memory)
    try:
        yield server
    finally:
        server.run("stop")
        shutil.rmtree(folder, ignore_errors=True)


# --------------------------------------------------------------------------- the three loaders


def time_load_graph(server: Server, g: nx.MultiDiGraph, batch_size: int) -> float:
    """Seconds of one ``load_graph`` into an empty store, after warm-up loads (JIT, plans)."""
    server.fresh()
    warm_up = synthetic_graph(20_000, seed=3)
    with connect(server.settings) as d:
        for _ in range(2):
            load_graph(d, warm_up, batch_size=batch_size)
        d.execute_query("MATCH (n) DETACH DELETE n")
        report = load_graph(d, g, batch_size=batch_size)
    assert server.count() == (g.number_of_nodes(), g.number_of_edges()), "load incomplete"
    return report.seconds


def time_naive(server: Server, g: nx.MultiDiGraph, sample: int) -> tuple[float, str]:
    """Seconds for the whole graph, one auto-committed MERGE per record, from a sample."""
    nodes, rels = encode_graph(g)
    node_rows = [(k, r) for k, rows in nodes.items() for r in rows]
    rel_rows = [(t, r) for t, rows in rels.items() for r in rows]
    n_nodes, n_rels = min(sample, len(node_rows)), min(sample, len(rel_rows))
    server.fresh()
    with connect(server.settings) as d, d.session() as s:
        s.run(cypher.create_constraint()).consume()
        t0 = time.perf_counter()
        for kind, row in node_rows[:n_nodes]:
            s.run(cypher.merge_nodes(kind), rows=[row]).consume()
        node_s = (time.perf_counter() - t0) / n_nodes
        rest = g.subgraph([r["id"] for _, r in node_rows[n_nodes:]]).copy()
        rest.remove_edges_from(list(rest.edges(keys=True)))
        load_graph(d, rest, batch_size=5000)  # the other nodes, untimed
        t0 = time.perf_counter()
        for rtype, row in rel_rows[:n_rels]:
            s.run(cypher.merge_relationships(rtype), rows=[row]).consume()
        rel_s = (time.perf_counter() - t0) / n_rels
    total = node_s * len(node_rows) + rel_s * len(rel_rows)
    exact = n_nodes == len(node_rows) and n_rels == len(rel_rows)
    how = "measured" if exact else f"extrapolated from {n_nodes} nodes + {n_rels} rels"
    return total, how


def _csv_type(values: list[Any]) -> str:
    sample = next((v for v in values if v not in (None, [])), "")
    if isinstance(sample, list):
        return ":int[]" if sample and isinstance(sample[0], int) else ":string[]"
    return {bool: ":boolean", int: ":int", float: ":double"}.get(type(sample), "")


def _csv_value(value: Any) -> Any:
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return str(value).lower() if isinstance(value, bool) else value


def write_import_csv(g: nx.MultiDiGraph, folder: Path) -> tuple[Path, Path]:
    """The graph as neo4j-admin CSV (same labels and properties; empty lists are left out)."""
    nodes = list(node_rows(g))
    rels = list(relationship_rows(g))
    paths = folder / "nodes.csv", folder / "relationships.csv"
    keys = sorted({k for _, _, p in nodes for k in p} - {"id"})
    with paths[0].open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id:ID", ":LABEL", *(k + _csv_type([p.get(k) for _, _, p in nodes[:2000]])
                                         for k in keys)])
        w.writerows([i, ";".join(labels), *(_csv_value(p.get(k, "")) for k in keys)]
                    for i, labels, p in nodes)
    rkeys = sorted({k for *_, p in rels for k in p})
    with paths[1].open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow([":START_ID", ":END_ID", ":TYPE",
                    *(k + _csv_type([p.get(k) for *_, p in rels[:2000]]) for k in rkeys)])
        w.writerows([s, t, typ, *(_csv_value(p.get(k, "")) for k in rkeys)]
                    for s, t, typ, p in rels)
    return paths


def time_bulk_import(server: Server, g: nx.MultiDiGraph, folder: Path) -> tuple[float, float]:
    """Seconds of ``neo4j-admin database import full`` (server stopped) and of the constraint."""
    nodes_csv, rels_csv = write_import_csv(g, folder)
    server.run("stop")
    seconds = server.run("admin", "database", "import", "full", "neo4j",
                         "--overwrite-destination", f"--nodes={nodes_csv}",
                         f"--relationships={rels_csv}")
    server.run("start", "--keep-data")
    assert server.count() == (g.number_of_nodes(), g.number_of_edges()), "import incomplete"
    with connect(server.settings) as d:
        t0 = time.perf_counter()
        d.execute_query(cypher.create_constraint())
        constraint = time.perf_counter() - t0
    return seconds, constraint


# --------------------------------------------------------------------------- named queries


def time_named_queries(server: Server, runs: int) -> list[tuple[str, float, float, int]]:
    """``(name, embedded median ms, Neo4j median ms, rows)`` on the built-in dataset."""
    from rcx.graph.store.query import EmbeddedGraph, list_named_queries
    from rcx.loaders import load_graph as builtin

    g = builtin()
    server.fresh()
    out = []
    with connect(server.settings) as d, d.session() as s, EmbeddedGraph(g) as engine:
        load_graph(d, g)
        for q in list_named_queries():
            falkor, neo = [], []
            for i in range(runs + 1):  # the first run of each warms up and is not counted
                t0 = time.perf_counter()
                rows = engine.run(q.cypher, q.params).rows
                t1 = time.perf_counter()
                neo_rows = list(s.run(q.cypher, q.params))  # type: ignore[arg-type]
                t2 = time.perf_counter()
                if i:
                    falkor.append(t1 - t0)
                    neo.append(t2 - t1)
            assert len(rows) == len(neo_rows), q.name
            out.append((q.name, statistics.median(falkor) * 1e3, statistics.median(neo) * 1e3,
                        len(rows)))
    return out


def time_embedded_cold() -> float:
    """Seconds for what ``rcx query`` does without a server: start FalkorDB, load, one query."""
    from rcx.graph.store.query import run_cypher

    t0 = time.perf_counter()
    run_cypher("MATCH (n:Element) RETURN count(n)")
    return time.perf_counter() - t0


# --------------------------------------------------------------------------- main


def _packstream() -> str:
    try:
        from neo4j._codec.packstream import RUST_AVAILABLE
    except ImportError:
        return "unknown"
    return "Rust (neo4j-rust-ext)" if RUST_AVAILABLE else "pure Python"


def _table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    line = lambda cells: "  ".join(c.rjust(w) for c, w in zip(cells, widths, strict=True))  # noqa: E731
    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, rows)])


def bench_size(server: Server, n: int, args: argparse.Namespace, work: Path) -> list[str]:
    t0 = time.perf_counter()
    g = synthetic_graph(n)
    gen = time.perf_counter() - t0
    print(f"\n== {n} relationships, {g.number_of_nodes()} nodes (generated in {gen:.1f} s)",
          flush=True)
    load = time_load_graph(server, g, args.batch_size)
    print(f"load_graph: {load:.1f} s", flush=True)
    naive, how = time_naive(server, g, args.naive_sample)
    print(f"naive MERGE loop: {naive:.0f} s ({how})", flush=True)
    bulk, constraint = time_bulk_import(server, g, work)
    print(f"neo4j-admin import: {bulk:.1f} s (+ {constraint:.1f} s for the constraint)",
          flush=True)
    server.run("stop")
    rate = lambda s: f"{n / s:,.0f}"  # noqa: E731
    return [f"{n:,}", f"{g.number_of_nodes():,}", f"{load:.1f}", rate(load), rate(naive),
            rate(bulk), f"{naive / load:.0f}x", f"{bulk / load:.2f}x"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000",
                        help="relationship counts, comma-separated")
    parser.add_argument("--batch-size", type=int, default=5000)
    parser.add_argument("--naive-sample", type=int, default=2000,
                        help="records timed for the naive loop (per kind of record)")
    parser.add_argument("--runs", type=int, default=7, help="runs per named query (median)")
    parser.add_argument("--heap", default="8g", help="server heap (the load is ONE transaction)")
    parser.add_argument("--tx-memory", default=None,
                        help="dbms.memory.transaction.total.max (default: 70%% of the heap)")
    parser.add_argument("--skip-queries", action="store_true")
    args = parser.parse_args()
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s]
    print(f"driver packstream: {_packstream()}; batch size {args.batch_size}; heap {args.heap}; "
          f"load average {os.getloadavg()[0]:.1f} at start (2 cores)")
    started = time.perf_counter()
    rows = []
    with private_server(args.heap, args.tx_memory) as server, \
            tempfile.TemporaryDirectory(prefix="rcx-bench-csv-") as work:
        for n in sizes:
            rows.append(bench_size(server, n, args, Path(work)))
        queries = [] if args.skip_queries else time_named_queries(server, args.runs)
    print("\nLoad throughput (relationships per second; each method writes the same nodes too)")
    print(_table(["rels", "nodes", "load_graph s", "load_graph", "naive", "bulk import",
                  "vs naive", "vs bulk"], rows))
    print("naive: one auto-committed MERGE per record, timed on a sample and extrapolated; "
          "bulk: neo4j-admin database import full, wall time incl. its JVM start (server "
          "stopped; the constraint is built afterwards, not counted).")
    if queries:
        print(f"\nNamed queries on the built-in dataset, median of {args.runs} runs (ms)")
        print(_table(["query", "embedded", "neo4j", "rows"],
                     [[q, f"{a:.1f}", f"{b:.1f}", str(r)] for q, a, b, r in queries]))
        print(f"embedded cold start (FalkorDB start + load built-in + 1 query): "
              f"{time_embedded_cold():.2f} s")
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end; "
          f"total {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
