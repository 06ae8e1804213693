"""Benchmark: rcx's transactional Neo4j load vs a naive MERGE loop vs ``rcx load --bulk``.

    .venv/bin/python bench/load_bench.py [--sizes 10000,100000,1000000] [--port 7695]

For each size (number of relationships) a seeded synthetic regime complex is generated with a
realistic degree skew: a few hubs (treaties, IGOs, states) receive most relationships (Zipf-like
target choice) while many NGOs each send a handful.  Then, on a private Neo4j instance (its own
port and folder, started and stopped through ``scripts/neo4j-server.sh``), each method runs in
a child process of its own (so its peak RSS is its own), on a freshly started, empty server:

* transactional: ``load_graph`` (``rcx load``): one transaction, pipelined ``UNWIND`` batches,
  ``MERGE`` on the constraints, the constraints created first;
* bulk: ``bulk_load`` (``rcx load --bulk``) with everything it needs: writing the CSV folder,
  stopping the server, ``neo4j-admin database import full``, starting it again, creating the
  constraints and checking the counts;
* the server is warmed up before the transactional and the naive load as a long-running
  server would be (a 20,000-relationship load, then deleted): on a cold JVM the first load
  of 10^4 relationships took 21 s instead of 3-4 s;
* naive: one auto-committed ``MERGE`` per record (constraint first), measured in full, only at
  the sizes up to ``--naive-max`` (where it finishes in minutes); larger sizes are compared
  with the naive rate measured at the largest such size, and the output says so.

Times are wall-clock seconds of the load itself (the child builds its graph first, untimed);
peak RSS is the child's ``ru_maxrss`` (graph included) and, in brackets, the growth during the
load.  Finally the named queries are timed on the built-in dataset: embedded vs Neo4j.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
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
from rcx.graph.store.neo4j.bulk import bulk_load  # noqa: E402
from rcx.graph.store.neo4j.store import connect, encode_graph, load_graph  # noqa: E402
from rcx.graph.store.settings import Neo4jSettings  # noqa: E402
from rcx.loaders.build import element_attrs, relation_attrs  # noqa: E402
from rcx.schema.models import Element, Provenance, Relation  # noqa: E402
from rcx.schema.vocab import ElementKind, RelationType  # noqa: E402

K, R = ElementKind, RelationType
SERVER = REPO / "scripts" / "neo4j-server.sh"
PASSWORD = "rcx-bench-password"
WARM_UP = 20_000
"""Relationships loaded (and deleted) before the transactional and naive loads are timed."""

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
    _add_relations(
        g,
        rng,
        pools["ngo"],
        pools["state"],
        pick["state"],
        R.WORKS_IN,
        n_rels - g.number_of_edges(),
        seen,
    )
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
        attrs |= {
            "provenance": prov,
            "notes": [],
            "key": key,
            "derived": False,
            "linkage": rtype.is_linkage,
        }
        if added == 0:
            model = Relation.model_validate({k: attrs[k] for k in list(attrs)[:-3]})
            assert relation_attrs(model) == attrs, (relation_attrs(model), attrs)
        added += 1
        g.add_edge(src, tgt, key=key)
        g.edges[src, tgt, key].update(attrs)


# --------------------------------------------------------------------------- private server


class Server:
    """A private Neo4j instance run through ``scripts/neo4j-server.sh`` (own port and folder)."""

    def __init__(self, folder: Path, port: int, heap: str, tx_memory: str | None) -> None:
        self.env = {
            "RCX_NEO4J_BOLT_PORT": str(port),
            "RCX_NEO4J_HTTP_PORT": "off",
            "RCX_NEO4J_INSTANCE_DIR": str(folder),
            "NEO4J_PASSWORD": PASSWORD,
            "RCX_NEO4J_HEAP": heap,
            "RCX_NEO4J_HEAP_INITIAL": heap,
            "RCX_NEO4J_PAGECACHE": "1g",
            "RCX_NEO4J_FULL_JIT": "1",
            "RCX_NEO4J_START_TIMEOUT": "300",
            "HEAP_SIZE": "2g",
        }
        if tx_memory:
            self.env["RCX_NEO4J_TX_MEMORY"] = tx_memory
        self.settings = Neo4jSettings(uri=f"bolt://127.0.0.1:{port}", password=PASSWORD)

    def run(self, *args: str) -> float:
        """Run a ``neo4j-server.sh`` command; its wall time in seconds."""
        t0 = time.perf_counter()
        done = subprocess.run(
            ["bash", str(SERVER), *args],
            env={**os.environ, **self.env},
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode:
            raise SystemExit(f"neo4j-server.sh {' '.join(args)} failed:\n{done.stderr[-4000:]}")
        return time.perf_counter() - t0

    def fresh(self) -> None:
        """Stop if running, then start on a new, empty store."""
        self.run("stop")
        self.run("start")

    def child(self, method: str, n: int, batch_size: int) -> dict[str, Any]:
        """Run one load method in a child process; its JSON report."""
        self.fresh()
        done = subprocess.run(
            [
                sys.executable,
                __file__,
                "--child",
                method,
                "--sizes",
                str(n),
                "--batch-size",
                str(batch_size),
                "--uri",
                self.settings.uri,
            ],
            env={**os.environ, **self.env},
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode:
            raise SystemExit(f"{method} at {n} failed:\n{done.stderr[-4000:]}")
        return dict(json.loads(done.stdout.strip().splitlines()[-1]))


@contextmanager
def private_server(port: int, heap: str, tx_memory: str | None) -> Iterator[Server]:
    folder = Path(tempfile.mkdtemp(prefix="rcx-bench-neo4j-"))
    server = Server(folder, port, heap, tx_memory)
    try:
        yield server
    finally:
        server.run("stop")
        shutil.rmtree(folder, ignore_errors=True)


# --------------------------------------------------------------------------- the three loaders


def _naive(settings: Neo4jSettings, g: nx.MultiDiGraph) -> None:
    """One auto-committed MERGE per record, nodes first (what a first attempt looks like)."""
    nodes, rels = encode_graph(g)
    with connect(settings) as d, d.session() as s:
        s.run(cypher.create_constraint()).consume()
        for kind, rows in nodes.items():
            query = cypher.merge_nodes(kind)
            for row in rows:
                s.run(query, rows=[row]).consume()
        for rtype, rows in rels.items():
            query = cypher.merge_relationships(rtype)
            for row in rows:
                s.run(query, rows=[row]).consume()


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(method: str, n: int, batch_size: int, uri: str) -> None:
    """Build the graph, run one method, print ``{seconds, rss_mb, rss_before_mb, counts}``."""
    settings = Neo4jSettings(uri=uri, password=PASSWORD)
    if method != "bulk":  # a long-running server's JVM is warm: JIT and query plans
        with connect(settings) as d:
            load_graph(d, synthetic_graph(WARM_UP, seed=3), batch_size=batch_size)
            d.execute_query("MATCH (n) DETACH DELETE n")
    g = synthetic_graph(n)
    before = _rss_mb()
    t0 = time.perf_counter()
    if method == "transactional":
        with connect(settings) as d:
            load_graph(d, g, batch_size=batch_size)
    elif method == "bulk":
        bulk_load(g, settings)
    else:
        _naive(settings, g)
    seconds = time.perf_counter() - t0
    with connect(settings) as d:
        rec = d.execute_query(cypher.count_graph()).records[0]
    expected = (g.number_of_nodes() + (1 if method != "naive" else 0), g.number_of_edges())
    if (rec["nodes"], rec["relationships"]) != expected:
        raise SystemExit(
            f"{method}: wrote {rec['nodes']}, {rec['relationships']}; expected {expected}"
        )
    print(
        json.dumps(
            {
                "seconds": seconds,
                "rss_mb": _rss_mb(),
                "rss_before_mb": before,
                "nodes": g.number_of_nodes(),
            }
        )
    )


# --------------------------------------------------------------------------- named queries


def time_named_queries(server: Server, runs: int) -> list[tuple[str, float, float, int]]:
    """``(name, embedded median ms, Neo4j median ms, rows)`` on the built-in dataset."""
    from rcx.graph.store.embedded.store import EmbeddedStore
    from rcx.graph.store.query import list_named_queries
    from rcx.loaders import load_graph as builtin

    g = builtin()
    server.fresh()
    out = []
    with connect(server.settings) as d, d.session() as s, EmbeddedStore(g) as engine:
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
            out.append(
                (q.name, statistics.median(falkor) * 1e3, statistics.median(neo) * 1e3, len(rows))
            )
    return out


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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def bench_size(
    server: Server, n: int, args: argparse.Namespace, naive_rate: dict[str, float]
) -> list[str]:
    tx = server.child("transactional", n, args.batch_size)
    print(f"  transactional: {tx}", flush=True)
    bulk = server.child("bulk", n, args.batch_size)
    print(f"  bulk:          {bulk}", flush=True)
    if n <= args.naive_max:
        naive = server.child("naive", n, args.batch_size)
        print(f"  naive:         {naive}", flush=True)
        naive_rate.update(rate=n / naive["seconds"], at=n, seconds=naive["seconds"])
    server.run("stop")
    tx_rate = n / tx["seconds"]
    vs_naive = f"{tx_rate / naive_rate['rate']:.0f}x" if naive_rate else "-"
    if naive_rate and naive_rate["at"] != n:
        vs_naive += f" (naive rate @{int(naive_rate['at']):,})"
    mem = lambda r: f"{r['rss_mb']:.0f} (+{r['rss_mb'] - r['rss_before_mb']:.0f})"  # noqa: E731
    naive_s = f"{naive_rate['seconds']:.0f}" if naive_rate.get("at") == n else "-"
    return [
        f"{n:,}",
        f"{tx['nodes']:,}",
        f"{tx['seconds']:.1f}",
        f"{tx_rate:,.0f}",
        mem(tx),
        f"{bulk['seconds']:.1f}",
        mem(bulk),
        naive_s,
        f"{bulk['seconds'] / tx['seconds']:.2f}x",
        vs_naive,
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sizes", default="10000,100000,1000000", help="relationship counts, comma-separated"
    )
    parser.add_argument("--batch-size", type=int, default=5000)
    parser.add_argument(
        "--naive-max",
        type=int,
        default=10_000,
        help="largest size at which the naive loop is run (in full)",
    )
    parser.add_argument("--runs", type=int, default=7, help="runs per named query (median)")
    parser.add_argument("--port", type=int, default=0, help="Bolt port (default: a free one)")
    parser.add_argument("--heap", default="8g", help="server heap (the load is ONE transaction)")
    parser.add_argument(
        "--tx-memory",
        default=None,
        help="dbms.memory.transaction.total.max (default: 70%% of the heap)",
    )
    parser.add_argument("--skip-queries", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--uri", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s]
    if args.child:
        child(args.child, sizes[0], args.batch_size, args.uri)
        return
    print(
        f"driver packstream: {_packstream()}; batch size {args.batch_size}; heap {args.heap}; "
        f"load average {os.getloadavg()[0]:.1f} at start ({os.cpu_count()} cores)",
        flush=True,
    )
    started = time.perf_counter()
    rows: list[list[str]] = []
    naive_rate: dict[str, float] = {}
    with private_server(args.port or _free_port(), args.heap, args.tx_memory) as server:
        for n in sizes:
            print(f"\n== {n:,} relationships", flush=True)
            rows.append(bench_size(server, n, args, naive_rate))
            print(_table(HEADER, rows), flush=True)
        queries = [] if args.skip_queries else time_named_queries(server, args.runs)
    print(
        "\nLoad (seconds of wall time; rate in relationships per second; each method also "
        "writes the nodes; RSS in MB, peak of the child and growth during the load)"
    )
    print(_table(HEADER, rows))
    print(
        "vs bulk: bulk seconds / transactional seconds (>1: the transactional load is "
        "faster); vs naive: transactional rate / naive rate, the naive loop measured in full"
    )
    if queries:
        print(f"\nNamed queries on the built-in dataset, median of {args.runs} runs (ms)")
        print(
            _table(
                ["query", "embedded", "neo4j", "rows"],
                [[q, f"{f:.1f}", f"{n:.1f}", str(r)] for q, f, n, r in queries],
            )
        )
    print(
        f"\ntotal {time.perf_counter() - started:.0f} s; load average "
        f"{os.getloadavg()[0]:.1f} at the end"
    )


HEADER = [
    "rels",
    "nodes",
    "tx s",
    "tx rel/s",
    "tx RSS",
    "bulk s",
    "bulk RSS",
    "naive s",
    "vs bulk",
    "vs naive",
]

if __name__ == "__main__":
    main()
