"""Benchmark rcx's analysis pipeline against a plain igraph implementation of the same measures.

Usage::

    .venv/bin/python bench/analyze_bench.py                 # 10^3, 10^4, 10^5 linkage edges
    .venv/bin/python bench/analyze_bench.py --sizes 1000,1000000 --null-samples 10

Each (size, implementation) runs in its own subprocess, so peak memory (``ru_maxrss``) is its
own; ``input`` is the RSS after building the typed graph, ``peak`` the maximum RSS, ``Δ`` their
difference (the analysis' own footprint). Times exclude generating the typed graph.

The synthetic regime complex: ``n = m / 1.6`` elements with heavy-tailed (Pareto, α = 1.3)
expected degrees in ``√n / 2`` groups (70% of links within a group; Chung–Lu sampling), so a
few hub treaties, many isolated NGOs and real communities; its ``m`` linkage relations are
OVERLAPS_WITH 60% / NESTED_IN 30% / CONFLICTS_WITH 10%, plus 15% extra structural relations
(not in the linkage layer) and 5% PARALLEL_TO. Kinds follow the built-in dataset's mix.

Both implementations start from the same typed ``nx.MultiDiGraph`` and compute, on the linkage
layer: headline metrics (paths exact up to 10 000 nodes, else 1 000 seeded sources), the literal
core test (1 and 2 steps), k-cores, the Borgatti–Everett core–periphery fit (no igraph
equivalent: both call :func:`rcx.graph.analysis.core.fit_core_periphery`), the rich club against
``--null-samples`` rewirings, Louvain and Leiden with ``--runs`` seeds each (NMI/ARI between
runs, consensus, composition, attribute NMI), Borgatti fragmentation, pair shares, robustness
(10 removals by degree and by betweenness, recomputed) and a transitivity null model with
``--null-samples`` degree-preserving rewirings.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

KINDS = {"ngo": 0.45, "national_law": 0.12, "igo": 0.06, "igo_organ": 0.06, "global_treaty": 0.04,
         "regional_treaty": 0.04, "global_soft_law": 0.05, "governmental_body": 0.05,
         "initiative": 0.05, "corporation": 0.04, "regime": 0.01, "term": 0.03}
LINK_TYPES = ("OVERLAPS_WITH", "NESTED_IN", "CONFLICTS_WITH")
LINK_P = (0.6, 0.3, 0.1)
OTHER_TYPES = ("CREATED_BY", "MEMBER_OF", "REFERENCES", "PART_OF_REGIME")


def chung_lu(n: int, m: int, rng: np.random.Generator) -> np.ndarray:
    """About ``m`` distinct undirected edges, heavy-tailed degrees, ~70% inside groups."""
    w = rng.pareto(1.3, n) + 1.0
    w = np.minimum(w, np.sqrt(n) * 20)
    groups = rng.integers(0, max(1, int(np.sqrt(n) / 2)), n)
    order = np.lexsort((np.arange(n), groups))
    cum = np.cumsum(w[order])
    starts = np.searchsorted(groups[order], np.arange(groups.max() + 1), side="left")
    ends = np.searchsorted(groups[order], np.arange(groups.max() + 1), side="right")
    pairs = np.zeros((0, 2), dtype=np.int64)
    k = int(m * 1.3) + 10
    while len(pairs) < m:  # draw more until m distinct pairs (duplicates hit hubs)
        pairs = np.unique(np.concatenate([pairs, _draw(n, k, w, groups, order, cum, rng,
                                                       starts, ends)]), axis=0)
    return pairs[rng.permutation(len(pairs))[:m]]


def _draw(n: int, k: int, w: Any, groups: Any, order: Any, cum: Any, rng: Any, starts: Any,
          ends: Any) -> np.ndarray:
    u = order[np.searchsorted(cum, rng.random(k) * cum[-1])]
    v = order[np.searchsorted(cum, rng.random(k) * cum[-1])]
    inside = rng.random(k) < 0.7
    gu = groups[u[inside]]
    lo = np.where(starts[gu] > 0, cum[starts[gu] - 1], 0.0)
    hi = cum[ends[gu] - 1]
    v[inside] = order[np.minimum(np.searchsorted(cum, lo + rng.random(len(gu)) * (hi - lo)),
                                 n - 1)]
    a, b = np.minimum(u, v), np.maximum(u, v)
    keep = a != b
    return np.stack([a[keep], b[keep]], 1)


def write_dataset(folder: Path, m: int, seed: int = 0) -> dict[str, int]:
    """A dataset folder (``dataset.yaml``, ``elements/elements.csv``, ``relations/*.csv``) with
    ``m`` linkage relations between ``n = m / 1.6`` elements, valid under rcx's schema and its
    (kind, relation, kind) patterns: NESTED_IN where the pattern disallows it becomes
    OVERLAPS_WITH; structural extras only where allowed."""
    from rcx.schema.patterns import pattern_allows
    from rcx.schema.vocab import ElementKind, RelationType

    rng = np.random.default_rng(seed)
    n = max(10, int(m / 1.6))
    names = list(KINDS)
    kinds = rng.choice(len(names), n, p=np.asarray(list(KINDS.values())) / sum(KINDS.values()))
    kk = [ElementKind(k) for k in names]

    def allowed(t: str) -> np.ndarray:
        return np.asarray([[pattern_allows(a, RelationType(t), b) for b in kk] for a in kk])

    (folder / "elements").mkdir(parents=True, exist_ok=True)
    (folder / "relations").mkdir(exist_ok=True)
    (folder / "dataset.yaml").write_text(
        f"id: synthetic-{m}\ntitle: Synthetic regime complex ({m} linkages)\n"
        "source: generated by bench/analyze_bench.py\n", encoding="utf-8")
    approaches = ["criminal_justice", "human_rights", "labour", "migration"]
    years = rng.integers(1950, 2016, n)
    with (folder / "elements" / "elements.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "kind", "name", "approaches", "year_adopted", "section"])
        for i in range(n):
            w.writerow([f"e{i}", names[kinds[i]], f"Element {i}", approaches[i % 4],
                        years[i] if names[kinds[i]] != "ngo" else "", "II"])
    links = chung_lu(n, m, rng)
    types = np.asarray(LINK_TYPES)[rng.choice(3, len(links), p=LINK_P)]
    ka, kb = kinds[links[:, 0]], kinds[links[:, 1]]
    nest_ok = allowed("NESTED_IN")
    swap = (types == "NESTED_IN") & ~nest_ok[ka, kb] & nest_ok[kb, ka]
    links[swap] = links[swap][:, ::-1]
    ka, kb = kinds[links[:, 0]], kinds[links[:, 1]]
    types[(types == "NESTED_IN") & ~nest_ok[ka, kb]] = "OVERLAPS_WITH"
    issues = rng.integers(0, 12, len(links))
    extra = chung_lu(n, int(m * 0.2), rng)
    cut = int(len(extra) * 0.75)
    others = np.asarray(OTHER_TYPES)[rng.integers(0, len(OTHER_TYPES), cut)]
    ok = {t: allowed(t) for t in OTHER_TYPES}
    counts = {"elements": n, "linkages": len(links), "structural": 0, "parallel": len(extra) - cut}
    with (folder / "relations" / "relations.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["source", "target", "type", "issue", "evidence", "section"])
        for (a, b), t, s in zip(links, types, issues, strict=True):
            w.writerow([f"e{a}", f"e{b}", t, f"issue-{s}" if t != "NESTED_IN" else "", "",
                        "III.A"])
        for (a, b), t in zip(extra[:cut], others, strict=True):
            if ok[t][kinds[a], kinds[b]]:
                w.writerow([f"e{a}", f"e{b}", t, "", "", "II"])
                counts["structural"] += 1
        for a, b in extra[cut:]:
            w.writerow([f"e{a}", f"e{b}", "PARALLEL_TO", "", "asserted unlinked", "III.A.3"])
    return counts


def run_rcx(g: Any, args: argparse.Namespace) -> dict[str, Any]:
    """The rcx pipeline (rcx.graph.analysis), as the CLI would run it."""
    from rcx.graph.analysis import clusters, core, fragmentation, metrics, nullmodel
    from rcx.graph.analysis.layers import linkage_graph

    t: dict[str, float] = {}
    t0 = time.perf_counter()
    G = linkage_graph(g)
    t["build"] = time.perf_counter() - t0
    k = args.sample_k
    hm = metrics.headline_metrics(G, seed=0, k=k)
    t["headline"] = time.perf_counter() - t0 - sum(t.values())
    cr = core.core_report(G, rich_club_samples=args.null_samples, seed=0, k=k)
    t["core"] = time.perf_counter() - t0 - sum(t.values())
    cl = clusters.cluster_report(G, n_runs=args.runs, seed=0)
    t["clusters"] = time.perf_counter() - t0 - sum(t.values())
    fr = fragmentation.fragmentation_report(g, G=G, k=10, seed=0, sample_k=k)
    t["fragmentation"] = time.perf_counter() - t0 - sum(t.values())
    nt = nullmodel.null_model_tests(G, {"transitivity": lambda h: h.transitivity_undirected()},
                                    n_samples=args.null_samples, seed=0, as_igraph=True)
    t["null"] = time.perf_counter() - t0 - sum(t.values())
    return {"times": t, "check": {
        "nodes": hm["nodes"], "edges": hm["edges"], "components": hm["components"],
        "fragmentation": hm["fragmentation"], "apl": hm["average_path_length"],
        "efficiency": hm["global_efficiency"], "bc": hm["betweenness_centralization"],
        "dc": hm["degree_centralization"], "kmax": cr.k_cores.max_k,
        "rich_club_k1": round(cr.rich_club.normalized.get(1, float("nan")), 1)
        if cr.rich_club else None, "cp_fit": cr.core_periphery.fit,
        "coverage_2step": cr.literal.coverage_2step, "conflicting": fr.pairs.conflicting,
        "parallel": fr.pairs.parallel, "robust_last": fr.robustness_betweenness[-1].removed,
        "louvain_q": round(cl.louvain.modularity, 2), "null_z": round(nt["transitivity"].z, 1)}}


def run_igraph(g: Any, args: argparse.Namespace) -> dict[str, Any]:
    """The same measures written directly against igraph (no networkx linkage graph)."""
    import igraph as ig
    import leidenalg  # noqa: F401  (same import cost as rcx)

    from rcx.graph.analysis.core import fit_core_periphery
    from rcx.graph.analysis.metrics import igraph_seed, sample_sources
    from rcx.graph.analysis.nullmodel import sample_seeds

    t: dict[str, float] = {}
    t0 = time.perf_counter()
    names = list(g)
    index = {x: i for i, x in enumerate(names)}
    kinds = [g.nodes[x].get("kind") for x in names]
    pairs: dict[tuple[int, int], bool] = {}
    parallel, conflict = set(), set()
    for u, v, d in g.edges(data=True):
        typ = d["type"]
        a, b = index[u], index[v]
        key = (a, b) if a < b else (b, a)
        if typ in LINK_TYPES:
            pairs[key] = pairs.get(key, False) or typ == "CONFLICTS_WITH"
            if typ == "CONFLICTS_WITH":
                conflict.add(key)
        elif typ == "PARALLEL_TO":
            parallel.add(key)
    h = ig.Graph(n=len(names), edges=list(pairs), directed=False)
    n, m = h.vcount(), h.ecount()
    t["build"] = time.perf_counter() - t0

    deg = np.asarray(h.degree())
    sizes = np.bincount(h.connected_components().membership)
    frag = 1 - float(np.sum(sizes * (sizes - 1))) / (n * (n - 1))
    src = sample_sources(n, seed=0, k=args.sample_k)
    eff = float(np.mean(h.harmonic_centrality(vertices=src, normalized=True)))
    memb = np.asarray(h.connected_components().membership)
    lcc = np.flatnonzero(memb == np.bincount(memb).argmax())
    sub = h.induced_subgraph(lcc.tolist())
    if src is None:
        apl = sub.average_path_length(directed=False)
    else:
        pos = {int(v): i for i, v in enumerate(lcc)}
        inside = [pos[s] for s in src if s in pos]
        apl = float(np.mean(1 / np.asarray(sub.closeness(vertices=inside, normalized=True))))
    bt = np.asarray(h.betweenness(directed=False, sources=src)) * (n / (len(src) if src else n))
    bt /= (n - 1) * (n - 2) / 2
    bc = float(np.sum(bt.max() - bt) / (n - 1))
    dc = float(np.sum(deg.max() - deg) / ((n - 1) * (n - 2)))
    with igraph_seed(0):
        lv = h.community_multilevel()
    q = lv.modularity
    trans = h.transitivity_undirected()
    t["headline"] = time.perf_counter() - t0 - sum(t.values())

    cov2 = (np.asarray(h.neighborhood_size(order=2)) - 1).max() / (n - 1)
    core_k = np.asarray(h.coreness())
    _, cp_fit, _ = fit_core_periphery(h, seed=0)
    kmax = int(deg.max())

    def phi(edges: list[tuple[int, int]]) -> np.ndarray:
        arr = np.asarray(edges)
        lo = np.minimum(deg[arr[:, 0]], deg[arr[:, 1]])
        return np.cumsum(np.bincount(lo, minlength=kmax + 2)[::-1])[::-1][1:kmax + 2]

    obs, null = phi(h.get_edgelist()), np.zeros(kmax + 1)
    for s in sample_seeds(0, args.null_samples):
        r = h.copy()
        with igraph_seed(s):
            r.rewire(n=10 * m, allowed_edge_types="simple")
        null += phi(r.get_edgelist())
    with np.errstate(divide="ignore", invalid="ignore"):
        rich = obs / (null / args.null_samples)
    t["core"] = time.perf_counter() - t0 - sum(t.values())

    runs: dict[str, list[list[int]]] = {"louvain": [], "leiden": []}
    for i in range(args.runs):
        with igraph_seed(i):
            runs["louvain"].append(h.community_multilevel().membership)
            runs["leiden"].append(h.community_leiden(objective_function="modularity",
                                                     n_iterations=-1).membership)
    el = np.asarray(h.get_edgelist())
    alive = deg > 0
    for membs in runs.values():
        for i in range(len(membs)):
            for j in range(i + 1, len(membs)):
                a, b = np.asarray(membs[i])[alive], np.asarray(membs[j])[alive]
                ig.compare_communities(a.tolist(), b.tolist(), method="nmi")
                ig.compare_communities(a.tolist(), b.tolist(), method="ari")
        arr = np.asarray(membs)
        together = (arr[:, el[:, 0]] == arr[:, el[:, 1]]).mean(0) > 0.5
        ig.Graph(n=n, edges=el[together].tolist()).connected_components()
    best = runs["louvain"][0]
    comp = Counter(zip(best, kinds, strict=True))
    kind_codes = np.unique(np.asarray(kinds, dtype=str), return_inverse=True)[1]
    ig.compare_communities(np.asarray(best)[alive].tolist(), kind_codes[alive].tolist(), "nmi")
    t["clusters"] = time.perf_counter() - t0 - sum(t.values())

    def frag_of(x: Any) -> float:
        s = np.bincount(x.connected_components().membership)
        return 1 - float(np.sum(s * (s - 1))) / (x.vcount() * (x.vcount() - 1))

    removed: dict[str, list[int]] = {}
    for by in ("degree", "betweenness"):
        ids = np.arange(n)
        cur = h
        removed[by] = []
        for _ in range(10):
            if by == "degree":
                score = np.asarray(cur.degree(), dtype=float)
            else:
                s = sample_sources(cur.vcount(), seed=0, k=args.sample_k)
                score = np.asarray(cur.betweenness(directed=False, sources=s))
            v = int(np.lexsort((np.asarray(names, dtype=object)[ids].astype(str), -score))[0])
            removed[by].append(int(ids[v]))
            keep = np.delete(np.arange(len(ids)), v)
            cur, ids = cur.induced_subgraph(keep.tolist()), ids[keep]
            frag_of(cur)
    linked_conf = sum(1 for p in conflict if p in pairs)
    t["fragmentation"] = time.perf_counter() - t0 - sum(t.values())

    z_null = []
    for s in sample_seeds(0, args.null_samples):
        r = h.copy()
        with igraph_seed(s):
            r.rewire(n=10 * m, allowed_edge_types="simple")
        z_null.append(r.transitivity_undirected())
    z = (trans - np.mean(z_null)) / np.std(z_null, ddof=1)
    t["null"] = time.perf_counter() - t0 - sum(t.values())
    return {"times": t, "check": {
        "nodes": n, "edges": m, "components": len(sizes), "fragmentation": frag, "apl": apl,
        "efficiency": eff, "bc": bc, "dc": dc, "kmax": int(core_k.max()),
        "rich_club_k1": round(float(rich[1]), 1), "clusters": len(set(best)),
        "composition_cells": len(comp),
        "cp_fit": cp_fit, "coverage_2step": float(cov2), "conflicting": len(conflict),
        "parallel": len(parallel), "robust_last": names[removed["betweenness"][-1]],
        "louvain_q": round(q, 2), "null_z": round(float(z), 1), "linked_conf": linked_conf}}


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20


def worker(args: argparse.Namespace) -> None:
    import igraph  # noqa: F401  (import cost outside the timings)
    import networkx  # noqa: F401

    g = synthetic_complex(args.worker_size, seed=0)
    base = rss_mb()
    t0 = time.perf_counter()
    out = (run_rcx if args.worker == "rcx" else run_igraph)(g, args)
    out["total"] = time.perf_counter() - t0
    out["input_mb"] = base
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out, default=float))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--null-samples", type=int, default=10)
    ap.add_argument("--runs", type=int, default=5, help="seeds per community method")
    ap.add_argument("--sample-k", type=int, default=1000,
                    help="BFS sources for path measures and betweenness above 10 000 nodes")
    ap.add_argument("--worker", choices=("rcx", "igraph"), help=argparse.SUPPRESS)
    ap.add_argument("--worker-size", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        return worker(args)
    print(f"null samples {args.null_samples}, community runs {args.runs}, "
          f"sampled BFS sources {args.sample_k} (above 10 000 nodes)\n")
    stages: list[str] = []
    head = (f"{'edges':>8} {'nodes':>7} | {'rcx s':>7} {'igraph s':>8} {'ratio':>5} | "
            f"{'rcx peak/Δ MB':>14} {'igraph peak/Δ MB':>16} | slowest rcx stages (s)")
    print(head + "\n" + "-" * len(head))
    for size in (int(float(s)) for s in args.sizes.split(",")):
        res = {}
        for impl in ("rcx", "igraph"):
            cmd = [sys.executable, __file__, "--worker", impl, "--worker-size", str(size),
                   "--null-samples", str(args.null_samples), "--runs", str(args.runs),
                   "--sample-k", str(args.sample_k)]
            proc = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT)
            res[impl] = json.loads(proc.stdout.strip().splitlines()[-1])
        r, i = res["rcx"], res["igraph"]
        stages.append(f"{r['check']['edges']:>8} | " + "  ".join(
            f"{k} {v:.2f}/{i['times'][k]:.2f}" for k, v in r["times"].items()))
        slow = sorted(r["times"].items(), key=lambda kv: -kv[1])[:3]
        mem = {k: f"{v['peak_mb']:.0f}/{v['peak_mb'] - v['input_mb']:.0f}" for k, v in res.items()}
        print(f"{r['check']['edges']:>8} {r['check']['nodes']:>7} | {r['total']:>7.2f} "
              f"{i['total']:>8.2f} {r['total'] / i['total']:>5.2f} | {mem['rcx']:>14} "
              f"{mem['igraph']:>16} | " + ", ".join(f"{k} {v:.2f}" for k, v in slow))
        same = {k: (r["check"][k], i["check"][k]) for k in r["check"]
                if k in i["check"] and i["check"][k] is not None
                and not _close(r["check"][k], i["check"][k])}
        if same:
            print(f"{'':>8}   differences (rcx, igraph): {same}")
    print("\nper stage, seconds rcx/igraph:\n" + "\n".join(stages))
    return None


def _close(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= 1e-9 * max(1.0, abs(a)) or (a != a and b != b)
    return bool(a == b)


if __name__ == "__main__":
    main()
