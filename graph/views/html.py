"""Write the view: ONE self-contained HTML file, every asset inlined, no request leaves it.

The page is generated from our own template (``assets/page.html``), not pyvis's: pyvis 0.3.2
loads vis-network from a CDN (blank offline), requests bootstrap even with ``in_line``, inserts
the heading and tooltips as raw HTML, and its ``add_node``/``add_edge`` are quadratic. From pyvis
we take the vis-network build it ships (``pyvis/lib/vis-9.1.2``), inlined at build time.

Safety: the data travels in a ``<script type="application/json">`` block with ``<``, ``>``, ``&``,
U+2028 and U+2029 escaped as ``\\u003c`` etc., so no data can close the block; the title is
HTML-escaped; the page builds every text with DOM text nodes; a Content-Security-Policy meta
forbids any fetch (``default-src 'none'``), images other than ``data:``, and forms.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from rcx.graph.export.safe import dumps_json
from rcx.graph.io import write_text_atomic
from rcx.graph.views.data import ViewData, build_payload
from rcx.graph.views.subsets import Subset, select
from rcx.schema.errors import RcxError

VIS_VERSION = "9.1.2"
_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_CLOSING = re.compile(r"</(script|style)|<!--", re.IGNORECASE)


@dataclass(frozen=True)
class ViewOptions:
    """What ``rcx view`` was asked for."""

    title: str = "Regime complex"
    seed: int = 1
    color_by: str = "kind"
    show_parallel: bool = False
    subset: Subset = field(default_factory=Subset)
    aggregate: bool | None = None  # None: automatic, from AGGREGATE_AT nodes on


def _asset(name: str) -> str:
    return (resources.files("rcx.graph.views") / "assets" / name).read_text(encoding="utf-8")


@cache
def vis_assets() -> tuple[str, str]:
    """vis-network's standalone JS and CSS from the installed pyvis package.

    Found with ``find_spec``, which locates pyvis without running it: importing pyvis would
    import jinja2 and its network module (about 0.3 s) for two static files.
    """
    from importlib.util import find_spec

    spec = find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise RcxError("pyvis is not installed: pip install pyvis==0.3.2")
    base = Path(next(iter(spec.submodule_search_locations))) / "lib" / f"vis-{VIS_VERSION}"
    try:
        js = (base / "vis-network.min.js").read_text(encoding="utf-8")
        css = (base / "vis-network.css").read_text(encoding="utf-8")
    except FileNotFoundError as e:  # pragma: no cover - depends on the pyvis wheel
        raise RcxError(f"pyvis lacks vis-network {VIS_VERSION}: reinstall pyvis==0.3.2") from e
    return js, css


def _inline(code: str, what: str) -> str:
    """Code safe to put between <script> or <style> tags (refuses a closing tag inside)."""
    if _CLOSING.search(code):
        raise RcxError(f"{what} contains </script>, </style> or <!-- and cannot be inlined")
    return code


def json_for_html(value: Any) -> str:
    """JSON that can sit inside ``<script type="application/json">`` whatever strings it holds."""
    # allow_nan=False (NaN/Infinity become null): JSON.parse in the page would refuse them
    text = dumps_json(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group(0)], text)


def subset_label(s: Subset) -> str:
    parts = []
    if s.regime:
        parts.append(f"regime {s.regime}")
    if s.ngos:
        parts.append("NGO layer")
    if s.part_iii:
        parts.append("linkages only")
    if s.ego:
        parts.append(f"ego {s.ego}, depth {s.depth}")
    return "; ".join(parts)


def render_page(data: ViewData, title: str) -> str:
    """The page's text for computed data."""
    vis_js, vis_css = vis_assets()
    page = _asset("page.html")
    pieces = {
        "@TITLE@": html.escape(title, quote=True),
        "@VIS_VERSION@": VIS_VERSION,
        "@VIS_CSS@": _inline(vis_css, "vis-network.css"),
        "@PAGE_CSS@": _inline(_asset("page.css"), "page.css"),
        "@VIS_JS@": _inline(vis_js, "vis-network.min.js"),
        "@PAGE_JS@": _inline(_asset("page.js"), "page.js"),
        "@DATA@": json_for_html(data.payload),
    }
    # one pass, so that nothing inserted is ever scanned for a placeholder again
    return re.sub("|".join(map(re.escape, pieces)), lambda m: pieces[m.group(0)], page)


def build_view(g: nx.MultiDiGraph, options: ViewOptions | None = None) -> tuple[str, ViewData]:
    """Select, lay out and render: ``(page text, the data it shows)``."""
    opts = options or ViewOptions()
    h = select(g, opts.subset)
    data = build_payload(
        h,
        title=opts.title,
        seed=opts.seed,
        color_by=opts.color_by,
        show_parallel=opts.show_parallel,
        subset=subset_label(opts.subset),
        aggregate=opts.aggregate,
    )
    return render_page(data, opts.title), data


def write_view(g: nx.MultiDiGraph, out: str | Path, options: ViewOptions | None = None) -> Path:
    """Write the self-contained page to ``out`` atomically; returns its path."""
    text, _ = build_view(g, options)
    return write_text_atomic(out, text)
