"""Benchmark the HTML view at 10^3, 10^4 and 10^5 elements in headless Chromium.

Usage::

    .venv/bin/python bench/view_bench.py                    # 10^3, 10^4, 10^5 elements
    .venv/bin/python bench/view_bench.py --sizes 1000,10000 --repeat 5

For each size it writes the page ``rcx view`` writes for a synthetic regime complex
(``tests/support/synthetic.py``: NGO-heavy, every relation type; grouped from 2,000 elements
on), and measures, in one headless Chromium, the median over ``--repeat`` fresh tabs of:

* ``file``: the page's size (the targets: 10^5 elements <= 25 MB);
* ``first draw``: from navigation start to the end of the first drawing (``rcx.firstDrawMs``:
  reading the file, parsing and decoding the data, the model, the labels, vis-network's draw;
  targets: <= 2 s at 10^4, <= 3 s at 10^5);
* ``filter``: a click that hides every NGO until the next drawing, and the click showing them
  again (``rcx.timeClick``);
* ``expand``: expanding the largest collapsed group until the next drawing.

The baseline, measured in the same run and the same browser: vis-network alone (the same
inlined build, no rcx code, no data beyond the items) drawing exactly the nodes and edges the
rcx page drew at first. ``ratio`` is the rcx page's first draw over the baseline's: what rcx's
data and code add to drawing the same picture. Python's time to build the page is printed too.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

TARGETS = {"size_mb": {100_000: 25.0}, "first_draw_ms": {10_000: 2000.0, 100_000: 3000.0}}
BASELINE_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><style>{css}
html,body,#g{{margin:0;width:100%;height:100%}}</style></head><body><div id="g"></div>
<script>{js}</script><script>
"use strict";
window.rcx = {{ready: false, firstDrawMs: null}};
const items = JSON.parse({items});
const net = new vis.Network(document.getElementById("g"),
  {{nodes: new vis.DataSet(items.nodes), edges: new vis.DataSet(items.edges)}},
  {{physics: {{enabled: false}}, layout: {{improvedLayout: false}}, edges: {{smooth: false}}}});
net.once("afterDrawing", () => {{ rcx.firstDrawMs = performance.now(); rcx.ready = true; }});
net.fit({{animation: false}});
</script></body></html>"""


def build(n: int, out: Path) -> tuple[Path, float, int, int]:
    from rcx.graph.views import ViewOptions, write_view
    from support.synthetic import synthetic_graph

    g = synthetic_graph(n)
    t = time.perf_counter()
    path = write_view(g, out / f"view-{n}.html", ViewOptions(title=f"{n} elements"))
    return path, time.perf_counter() - t, g.number_of_nodes(), g.number_of_edges()


def baseline_page(page: Any, out: Path, n: int) -> Path:
    """vis-network alone with the items the rcx page drew at first."""
    from rcx.graph.views.html import vis_assets

    items = page.evaluate(
        "({nodes: rcx.network.body.data.nodes.get(), edges: rcx.network.body.data.edges.get()})"
    )
    js, css = vis_assets()
    text = json.dumps(json.dumps(items)).replace("</", "<\\/")
    path = out / f"baseline-{n}.html"
    path.write_text(BASELINE_PAGE.format(css=css, js=js, items=text), encoding="utf-8")
    return path


def measure(browser: Any, path: Path, repeat: int, full: bool) -> dict[str, float]:
    runs: dict[str, list[float]] = {}
    for _ in range(repeat):
        page = browser.open(path, timeout=300)
        rows = {"first_draw_ms": float(page.evaluate("rcx.firstDrawMs"))}
        if full:
            hide = page.evaluate("rcx.timeClick('input[data-filter=kind][data-value=ngo]')")
            show = page.evaluate("rcx.timeClick('input[data-filter=kind][data-value=ngo]')")
            rows["hide_ngos_ms"], rows["show_ngos_ms"] = hide["totalMs"], show["totalMs"]
            group = page.evaluate(
                "(() => { const g = [...rcx.network.body.data.nodes.getIds()]"
                ".filter(id => id.startsWith('group:')); return g.length ?"
                " g[0] : null; })()"
            )
            if group:
                t = page.evaluate(
                    f"(async () => {{ const t = performance.now();"
                    f" rcx.select({json.dumps(group)}); await rcx.nextDraw();"
                    f" return performance.now() - t; }})()"
                )
                rows["expand_ms"] = float(t)
            rows["drawn_nodes"] = float(page.evaluate("rcx.counts().drawnNodes"))
            errors = page.errors + page.evaluate("rcx.errors")
            if errors:
                raise SystemExit(f"{path.name}: errors in the page: {errors[:3]}")
        for k, v in rows.items():
            runs.setdefault(k, []).append(v)
    return {k: statistics.median(v) for k, v in runs.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = ap.parse_args(argv)
    from support.cdp import Chromium

    sizes = [int(s) for s in args.sizes.split(",")]
    out = Path(tempfile.mkdtemp(prefix="rcx-view-bench-"))
    rows = []
    try:
        for n in sizes:
            path, build_s, nodes, edges = build(n, out)
            with Chromium(args.chromium) as browser:
                first = browser.open(path, timeout=300)
                base = baseline_page(first, out, n)
                rcx = measure(browser, path, args.repeat, full=True)
                ref = measure(browser, base, args.repeat, full=False)
            rows.append(
                {
                    "n": nodes,
                    "edges": edges,
                    "build_s": build_s,
                    "size_mb": path.stat().st_size / 1e6,
                    **rcx,
                    "baseline_ms": ref["first_draw_ms"],
                    "ratio": rcx["first_draw_ms"] / ref["first_draw_ms"],
                }
            )
            print(json.dumps(rows[-1]), flush=True)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    print()
    print(
        f"{'elements':>9} {'relations':>9} {'file MB':>8} {'build s':>8} {'drawn':>6} "
        f"{'1st draw':>9} {'vis alone':>9} {'ratio':>6} {'hide':>7} {'show':>7} {'expand':>7}"
    )
    for r in rows:
        print(
            f"{r['n']:>9,} {r['edges']:>9,} {r['size_mb']:>8.1f} {r['build_s']:>8.1f} "
            f"{r['drawn_nodes']:>6.0f} {r['first_draw_ms']:>7.0f}ms {r['baseline_ms']:>7.0f}ms "
            f"{r['ratio']:>5.2f}x {r['hide_ngos_ms']:>5.0f}ms {r['show_ngos_ms']:>5.0f}ms "
            f"{r.get('expand_ms', float('nan')):>5.0f}ms"
        )
    misses = 0
    for metric, targets in TARGETS.items():
        for r in rows:
            limit = targets.get(r["n"])
            if limit is not None:
                ok = r[metric] <= limit
                misses += not ok
                print(
                    f"target {metric} at {r['n']:,}: {r[metric]:.1f} <= {limit:g}: "
                    f"{'met' if ok else 'MISSED'}"
                )
    return 1 if misses else 0


if __name__ == "__main__":
    raise SystemExit(main())
