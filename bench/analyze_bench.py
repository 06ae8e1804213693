"""Time the real ``rcx analyze`` (defaults) against a plain igraph implementation, in one run.

Usage::

    .venv/bin/python bench/analyze_bench.py                    # 10^3, 10^4, 10^5 linkage edges
    .venv/bin/python bench/analyze_bench.py --sizes 1000,10000 --repeat 2

For each size a dataset folder is generated (:func:`write_dataset`: ``n = m / 1.6`` elements with
heavy-tailed Chung–Lu degrees in ``√n / 2`` groups, 70% of links inside a group; linkages
OVERLAPS_WITH 60% / NESTED_IN 30% / CONFLICTS_WITH 10%, plus structural relations where the
schema's patterns allow them and 5% PARALLEL_TO), then, interleaved, two subprocesses run under
``/usr/bin/time -v``:

* **rcx**: ``python -m rcx analyze --data FOLDER --json`` with every default (200 null samples,
  null samples over all cores, ...), output discarded;
* **igraph**: this script's ``--baseline FOLDER``: reads the same CSV files with the ``csv``
  module (no validation) and computes the same measures with the same sample counts and
  source-sampling rules straight on igraph, serially: headline metrics of the linkage layer;
  literal core test (1 and 2 steps, ``neighborhood_size``), k-cores, core–periphery fit (no
  igraph equivalent: both call :func:`rcx.graph.analysis.core.fit_core_periphery`), rich club
  against 50 rewirings; the null battery (200 rewirings: betweenness centralization from the
  same sources and the core–periphery fit; 200 G(n, m) graphs: degree centralization); Louvain
  and Leiden, 10 seeds each, NMI/ARI between runs, consensus, composition, attribute NMI;
  robustness (10 removals by degree and by betweenness); the headline of every layer choice
  (sensitivity), category layer (ablation) and year (timeline). Not in the baseline: the
  survey, gaps, hierarchy and rendering of the report (rcx does them; they are cheap).

Printed per size: CPU seconds (user + sys, children included) and wall seconds of each, their
ratios (CPU is the fair one: rcx spreads null samples over cores, the baseline is serial), peak
RSS of each (largest process), and the scaling exponent ``log(t2/t1) / log(m2/m1)`` between
consecutive sizes. The machine's load average is printed before and after.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import math
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

KINDS = {
    "ngo": 0.45,
    "national_law": 0.12,
    "igo": 0.06,
    "igo_organ": 0.06,
    "global_treaty": 0.04,
    "regional_treaty": 0.04,
    "global_soft_law": 0.05,
    "governmental_body": 0.05,
    "initiative": 0.05,
    "corporation": 0.04,
    "regime": 0.01,
    "term": 0.03,
}
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
        pairs = np.unique(
            np.concatenate([pairs, _draw(n, k, w, groups, order, cum, rng, starts, ends)]), axis=0
        )
    return pairs[rng.permutation(len(pairs))[:m]]


def _draw(
    n: int, k: int, w: Any, groups: Any, order: Any, cum: Any, rng: Any, starts: Any, ends: Any
) -> np.ndarray:
    u = order[np.searchsorted(cum, rng.random(k) * cum[-1])]
    v = order[np.searchsorted(cum, rng.random(k) * cum[-1])]
    inside = rng.random(k) < 0.7
    gu = groups[u[inside]]
    lo = np.where(starts[gu] > 0, cum[starts[gu] - 1], 0.0)
    hi = cum[ends[gu] - 1]
    v[inside] = order[np.minimum(np.searchsorted(cum, lo + rng.random(len(gu)) * (hi - lo)), n - 1)]
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
        "source: generated by bench/analyze_bench.py\n",
        encoding="utf-8",
    )
    approaches = ["criminal_justice", "human_rights", "labour", "migration"]
    years = rng.integers(1950, 2016, n)
    with (folder / "elements" / "elements.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "kind", "name", "approaches", "year_adopted", "section"])
        for i in range(n):
            w.writerow(
                [
                    f"e{i}",
                    names[kinds[i]],
                    f"Element {i}",
                    approaches[i % 4],
                    years[i] if names[kinds[i]] != "ngo" else "",
                    "II",
                ]
            )
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
            w.writerow([f"e{a}", f"e{b}", t, f"issue-{s}" if t != "NESTED_IN" else "", "", "III.A"])
        for (a, b), t in zip(extra[:cut], others, strict=True):
            if ok[t][kinds[a], kinds[b]]:
                w.writerow([f"e{a}", f"e{b}", t, "", "", "II"])
                counts["structural"] += 1
        for a, b in extra[cut:]:
            w.writerow([f"e{a}", f"e{b}", "PARALLEL_TO", "", "asserted unlinked", "III.A.3"])
    return counts


def _sources(n: int, max_exact: int, k: int) -> list[int] | None:
    from rcx.graph.analysis.metrics import sample_sources

    return sample_sources(n, max_exact=max_exact, k=k, seed=0)


def _betweenness(h: Any, src: list[int] | None) -> np.ndarray:
    n = h.vcount()
    raw = np.asarray(h.betweenness(directed=False, sources=src), dtype=float)
    return raw * (n / len(src) if src else 1.0) / ((n - 1) * (n - 2) / 2)


def headline(
    h: Any, *, max_exact: int = 2000, k: int = 1000, modularity: bool = True
) -> dict[str, float]:
    """The headline numbers of one graph, as rcx.graph.analysis.metrics computes them."""
    from rcx.graph.analysis.metrics import igraph_seed

    n, m = h.vcount(), h.ecount()
    out: dict[str, float] = {"nodes": n, "edges": m}
    if n < 3:
        return out
    memb = np.asarray(h.connected_components().membership)
    sizes = np.bincount(memb)
    out["fragmentation"] = 1 - float(np.sum(sizes * (sizes - 1))) / (n * (n - 1))
    src = _sources(n, max_exact, k)
    out["efficiency"] = float(np.mean(h.harmonic_centrality(vertices=src, normalized=True)))
    lcc = np.flatnonzero(memb == sizes.argmax())
    if len(lcc) > 1:
        sub = h.induced_subgraph(lcc.tolist())
        if src is None:
            out["apl"] = sub.average_path_length(directed=False)
        else:
            pos = {int(v): i for i, v in enumerate(lcc)}
            inside = [pos[s] for s in src if s in pos] or [0]
            out["apl"] = float(
                np.mean(1 / np.asarray(sub.closeness(vertices=inside, normalized=True)))
            )
    deg = np.asarray(h.degree())
    out["dc"] = float(np.sum(deg.max() - deg) / ((n - 1) * (n - 2)))
    b = _betweenness(h, src)
    out["bc"] = float(np.sum(b.max() - b) / (n - 1))
    if modularity and m:
        with igraph_seed(0):
            out["q"] = h.community_multilevel().modularity
    out["clustering"] = h.transitivity_undirected()
    return out


def read_folder(folder: Path) -> tuple[list[str], dict[str, dict[str, str]], list[list[str]]]:
    """Elements (id -> row) and relations (rows) of a generated dataset folder."""
    with (folder / "elements" / "elements.csv").open(newline="", encoding="utf-8") as f:
        elements = {r["id"]: r for r in csv.DictReader(f)}
    with (folder / "relations" / "relations.csv").open(newline="", encoding="utf-8") as f:
        rels = list(csv.reader(f))[1:]
    return sorted(elements), elements, rels


def layer_graph(
    ig: Any, names: list[str], index: dict[str, int], rels: list[list[str]], types: set[str]
) -> Any:
    pairs = {
        (min(index[a], index[b]), max(index[a], index[b])) for a, b, t, *_ in rels if t in types
    }
    return ig.Graph(n=len(names), edges=sorted(pairs), directed=False)


def baseline(folder: Path) -> None:
    """The same measures as ``rcx analyze`` (defaults), directly on igraph (module doc)."""
    from rcx.graph.analysis.layers import import_igraph

    ig = import_igraph()
    import leidenalg  # noqa: F401  (rcx imports it too)

    from rcx.graph.analysis.core import fit_core_periphery
    from rcx.graph.analysis.metrics import igraph_seed
    from rcx.graph.analysis.nullmodel import sample_seeds
    from rcx.schema.vocab import ElementKind

    names, el, rels = read_folder(folder)
    index = {x: i for i, x in enumerate(names)}
    kinds = np.asarray([el[x]["kind"] for x in names])
    cat = np.asarray([ElementKind(k).category.value for k in kinds])
    h = layer_graph(ig, names, index, rels, set(LINK_TYPES))
    n, m = h.vcount(), h.ecount()
    head = headline(h)
    deg = np.asarray(h.degree())
    cov2 = (np.asarray(h.neighborhood_size(order=2)) - 1).max() / (n - 1)
    h.coreness()
    fit_core_periphery(h, seed=0)
    kmax = int(deg.max())
    e0 = np.asarray(h.get_edgelist())

    def phi(edges: Any) -> np.ndarray:
        arr = np.asarray(edges)
        lo = np.minimum(deg[arr[:, 0]], deg[arr[:, 1]])
        return np.cumsum(np.bincount(lo, minlength=kmax + 2)[::-1])[::-1][1 : kmax + 2]

    def rewired(s: int) -> Any:
        r = h.copy()
        with igraph_seed(s):
            r.rewire(n=10 * m, allowed_edge_types="simple")
        return r

    null_phi = sum(phi(rewired(s).get_edgelist()) for s in sample_seeds(0, 50))
    src = _sources(n, 1000, 256)
    bc, cp = [], []
    for s in sample_seeds(0, 200):
        r = rewired(s)
        b = _betweenness(r, src)
        bc.append(float(np.sum(b.max() - b) / (n - 1)))
        cp.append(fit_core_periphery(r, restarts=0, seed=0)[1])
    dcs = []
    for s in sample_seeds(0, 200):
        with igraph_seed(s):
            d = np.asarray(ig.Graph.Erdos_Renyi(n=n, m=m).degree())
        dcs.append(float(np.sum(d.max() - d) / ((n - 1) * (n - 2))))
    alive = deg > 0
    first = None
    for method in ("louvain", "leiden"):
        runs = []
        for i in range(10):
            with igraph_seed(i):
                runs.append(
                    np.asarray(
                        h.community_multilevel().membership
                        if method == "louvain"
                        else h.community_leiden(
                            objective_function="modularity", n_iterations=-1
                        ).membership
                    )
                )
        first = runs[0] if first is None else first
        for i in range(10):
            for j in range(i + 1, 10):
                a, b = runs[i][alive].tolist(), runs[j][alive].tolist()
                ig.compare_communities(a, b, method="nmi")
                ig.compare_communities(a, b, method="ari")
        arr = np.asarray(runs)
        together = (arr[:, e0[:, 0]] == arr[:, e0[:, 1]]).mean(0) > 0.5
        ig.Graph(n=n, edges=e0[together].tolist()).connected_components()
    assert first is not None
    Counter(zip(first.tolist(), kinds.tolist(), strict=True))
    for labels in (kinds, cat):
        codes = np.unique(labels, return_inverse=True)[1]
        ig.compare_communities(first[alive].tolist(), codes[alive].tolist(), method="nmi")
    for by in ("degree", "betweenness"):
        cur, ids = h, np.arange(n)
        for _ in range(10):
            score = (
                np.asarray(cur.degree(), dtype=float)
                if by == "degree"
                else _betweenness(cur, _sources(cur.vcount(), 2000, 1000))
            )
            v = int(np.lexsort((ids, -score))[0])
            keep = np.delete(np.arange(len(ids)), v)
            cur, ids = cur.induced_subgraph(keep.tolist()), ids[keep]
            s_ = np.bincount(cur.connected_components().membership)
            1 - float(np.sum(s_ * (s_ - 1))) / (cur.vcount() * (cur.vcount() - 1))
    structural = set(LINK_TYPES) | set(OTHER_TYPES)
    for types in (set(LINK_TYPES), structural, structural):  # x2: with / without derived
        for _ in range(2):
            headline(layer_graph(ig, names, index, rels, types), modularity=False)
    from rcx.graph.analysis.ablation import LAYERS

    included: set[str] = set()
    for _, cats in LAYERS:
        included |= {c.value for c in cats}
        keep = np.flatnonzero(np.isin(cat, list(included)))
        if len(keep):
            headline(h.induced_subgraph(keep.tolist()), max_exact=1000, k=256)
    year = np.asarray([int(el[x]["year_adopted"] or 0) for x in names])
    for y in sorted(set(year[year > 0].tolist())):
        headline(
            h.induced_subgraph(np.flatnonzero((year > 0) & (year <= y)).tolist()),
            max_exact=1000,
            k=256,
            modularity=False,
        )
    headline(h, max_exact=1000, k=256, modularity=False)
    print(
        json.dumps(
            {
                "nodes": n,
                "edges": m,
                "bc": head["bc"],
                "coverage_2step": cov2,
                "rich_club_1": float(phi(e0)[1] / (null_phi[1] / 50)),
                "bc_null_mean": float(np.mean(bc)),
                "dc_null_mean": float(np.mean(dcs)),
            }
        )
    )


def timed(cmd: list[str]) -> dict[str, float]:
    """Run ``cmd`` under ``/usr/bin/time -v``: CPU (user+sys, children included), wall, RSS."""
    proc = subprocess.run(
        ["/usr/bin/time", "-v", *cmd], capture_output=True, text=True, cwd=ROOT, check=False
    )
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stderr[-3000:]}")
    info = dict(
        line.strip().rsplit(": ", 1)
        for line in proc.stderr.splitlines()
        if ": " in line and line.startswith("\t")
    )
    wall = info["Elapsed (wall clock) time (h:mm:ss or m:ss)"].split(":")
    return {
        "cpu": float(info["User time (seconds)"]) + float(info["System time (seconds)"]),
        "wall": sum(float(x) * 60**i for i, x in enumerate(reversed(wall))),
        "rss_mb": int(info["Maximum resident set size (kbytes)"]) / 1024,
    }


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--repeat", type=int, default=1, help="interleaved runs per size (min kept)")
    ap.add_argument("--keep", type=Path, help="keep the generated datasets in this folder")
    ap.add_argument("--baseline", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.baseline:
        return baseline(args.baseline)
    print(f"cores {os.cpu_count()}, load average before: {load()}")
    head = (
        f"{'edges':>7} {'nodes':>6} | {'rcx cpu':>8} {'ig cpu':>8} {'ratio':>5} | "
        f"{'rcx wall':>8} {'ig wall':>8} {'ratio':>5} | {'rcx MB':>6} {'ig MB':>6}"
    )
    print(head + "\n" + "-" * len(head), flush=True)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        base = args.keep or Path(tmp)
        for size in (int(float(x)) for x in args.sizes.split(",")):
            folder = base / f"synthetic-{size}"
            counts = write_dataset(folder, size)
            best: dict[str, dict[str, float]] = {}
            for _ in range(args.repeat):
                for impl, cmd in (
                    (
                        "rcx",
                        [sys.executable, "-m", "rcx", "analyze", "--data", str(folder), "--json"],
                    ),
                    ("igraph", [sys.executable, __file__, "--baseline", str(folder)]),
                ):
                    t = timed(cmd)
                    if impl not in best or t["cpu"] < best[impl]["cpu"]:
                        best[impl] = t
            r, i = best["rcx"], best["igraph"]
            rows.append((size, r, i))
            print(
                f"{size:>7} {counts['elements']:>6} | {r['cpu']:>8.1f} {i['cpu']:>8.1f} "
                f"{r['cpu'] / i['cpu']:>5.2f} | {r['wall']:>8.1f} {i['wall']:>8.1f} "
                f"{r['wall'] / i['wall']:>5.2f} | {r['rss_mb']:>6.0f} {i['rss_mb']:>6.0f}",
                flush=True,
            )
    print("\nscaling exponent log(t2/t1)/log(m2/m1), CPU time:")
    for (m1, r1, i1), (m2, r2, i2) in itertools.pairwise(rows):
        ex = {
            k: math.log(b["cpu"] / a["cpu"]) / math.log(m2 / m1)
            for k, a, b in (("rcx", r1, r2), ("igraph", i1, i2))
        }
        print(f"  {m1:>7} -> {m2:>7}: rcx {ex['rcx']:.2f}, igraph {ex['igraph']:.2f}")
    print(f"load average after: {load()}")
    return None


if __name__ == "__main__":
    main()
