"""Figures: what the data allows of the paper's Figures 2.2–2.8, and figures of the analyses.

Every figure function takes the typed graph and returns a :class:`Figure` holding the
matplotlib figure AND the data it plotted (``data``) and the bar values actually drawn
(``bars``), so tests can check a figure against counts computed independently from the graph.
Output is deterministic: fixed style and fonts, no dates or software names in the metadata, a
fixed SVG hash salt — two runs write identical bytes. Analyses come from :mod:`rcx.graph.analysis`
(imported lazily). The figures of the graph's structure are drawn on a layer
(:class:`rcx.graph.analysis.layers.LayerSpec`), by default the report's, ``linkages``; every
title names what it counts (its layer, or the NGO survey). A figure with nothing to draw is
not drawn: it raises :class:`Skipped` with a one-line reason, which ``rcx figures`` prints.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import networkx as nx

from rcx.graph.analysis import ablation, clusters, core, layers, timeline
from rcx.graph.report import survey
from rcx.schema.errors import RcxError

FUNCTIONS = ("prevention", "protection", "prosecution")
STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "svg.hashsalt": "rcx",
    "svg.fonttype": "path",
    "figure.dpi": 100,
    "savefig.dpi": 120,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "path.simplify": False,
}
ROLE_NOTE = (
    "Most roles are unknown: the appendix table's shaded role cells were lost in the "
    "PDF-to-text extraction; only roles the paper's body states are known."
)


class Skipped(RcxError):
    """A figure cannot be drawn here: the dataset has no data for it."""


@dataclass
class Figure:
    name: str
    title: str
    fig: Any
    data: dict[Any, Any]
    bars: list[float] = field(default_factory=list)
    note: str = ""


@contextmanager
def _style() -> Iterator[None]:
    with matplotlib.rc_context(cast(Any, STYLE)):
        yield


def _bars(ax: Any, horizontal: bool = False) -> list[float]:
    return [round(float(p.get_width() if horizontal else p.get_height()), 9) for p in ax.patches]


def _note(fig: Any, text: str) -> None:
    fig.text(0.01, 0.01, text, fontsize=7, color="#7c2d12", ha="left", va="bottom", wrap=True)


# ------------------------------------------------------------------ the paper's figures 2.2–2.8


def survey_population(g: nx.MultiDiGraph) -> list[Any]:
    """The surveyed NGOs (Appendix Two rows) from :func:`rcx.graph.report.survey.survey_ngos`."""
    ngos = list(survey.survey_ngos(g))
    if not ngos:
        raise Skipped("no surveyed NGOs in this dataset: nothing to draw")
    return ngos


def ngo_roles(g: nx.MultiDiGraph) -> Figure:
    """Fig. 2.2: how many surveyed NGOs do prevention / protection / prosecution (yes/no/?)."""
    ngos = survey_population(g)
    data = {
        f: {s: sum(1 for n in ngos if n.roles[f] == s) for s in ("yes", "no", "unknown")}
        for f in FUNCTIONS
    }
    unknown_all = sum(1 for n in ngos if all(n.roles[f] == "unknown" for f in FUNCTIONS))
    fig, ax = plt.subplots(figsize=(7, 3.2))
    left = [0] * len(FUNCTIONS)
    for status, colour in (("yes", "#15803d"), ("no", "#b91c1c"), ("unknown", "#d1d5db")):
        vals = [data[f][status] for f in FUNCTIONS]
        ax.barh(FUNCTIONS, vals, left=left, color=colour, label=status)
        left = [a + b for a, b in zip(left, vals, strict=True)]
    ax.set_xlabel(f"NGOs (n = {len(ngos)})")
    ax.legend(loc="lower right", frameon=False)
    title = "NGO roles, NGO survey (cf. Fig. 2.2)"
    ax.set_title(title)
    note = f"{unknown_all} of {len(ngos)} NGOs: all three roles unknown. " + ROLE_NOTE
    _note(fig, note)
    fig.subplots_adjust(bottom=0.3)
    return Figure(
        "ngo_roles",
        title,
        fig,
        data | {"n": len(ngos), "all_unknown": unknown_all},
        _bars(ax, horizontal=True),
        note,
    )


def role_combination(roles: dict[str, str]) -> str:
    yes = [f for f in FUNCTIONS if roles[f] == "yes"]
    return " + ".join(yes) if yes else "no role known to be yes"


def ngo_role_combinations(g: nx.MultiDiGraph) -> Figure:
    """Figs. 2.3–2.5: combinations of roles (known 'yes' roles only)."""
    ngos = survey_population(g)
    counts = Counter(role_combination(n.roles) for n in ngos)
    order = [" + ".join(c) for r in (3, 2, 1) for c in itertools.combinations(FUNCTIONS, r)]
    order.append("no role known to be yes")
    data = {k: counts.get(k, 0) for k in order}
    fig, ax = plt.subplots(figsize=(7, 3.6))
    ax.barh(list(data)[::-1], list(data.values())[::-1], color="#0f766e")
    ax.set_xlabel(f"NGOs (n = {len(ngos)})")
    title = "Combinations of NGO roles, NGO survey (cf. Figs. 2.3–2.5)"
    ax.set_title(title)
    _note(fig, ROLE_NOTE)
    fig.subplots_adjust(left=0.38, bottom=0.22)
    return Figure("ngo_role_combinations", title, fig, data, _bars(ax, True), ROLE_NOTE)


def _place_name(g: nx.MultiDiGraph, p: str) -> str:
    return str(g.nodes[p].get("name", p)) if p in g else p


def _not_global(g: nx.MultiDiGraph, p: str) -> bool:
    return not survey.is_global(g, p)


def _ranked(g: nx.MultiDiGraph, counts: Counter[str], top: int) -> dict[str, int]:
    items = sorted(counts.items(), key=lambda kv: (-kv[1], _place_name(g, kv[0])))[:top]
    return {_place_name(g, p): n for p, n in items}


def support_by_function(g: nx.MultiDiGraph, top: int = 8) -> Figure:
    """Fig. 2.7: countries receiving prevention / protection / prosecution support (known yes)."""
    ngos = survey_population(g)
    data = {}
    for f in FUNCTIONS:
        c = Counter(p for n in ngos if n.roles[f] == "yes" for p in n.works_in if _not_global(g, p))
        data[f] = _ranked(g, c, top)
    fig, axes = plt.subplots(1, 3, figsize=(10, 3.6))
    bars: list[float] = []
    for ax, f in zip(axes, FUNCTIONS, strict=True):
        ax.barh(list(data[f])[::-1], list(data[f].values())[::-1], color="#1d4ed8")
        ax.set_title(f"{f} = yes", fontsize=9)
        bars += _bars(ax, True)
    title = "Where NGOs with a known role work, NGO survey (cf. Fig. 2.7)"
    fig.suptitle(title)
    _note(fig, ROLE_NOTE + " Counts: NGOs working in the place.")
    fig.subplots_adjust(wspace=0.9, left=0.12, bottom=0.2)
    return Figure("support_by_function", title, fig, data, bars, ROLE_NOTE)


def support_flows(g: nx.MultiDiGraph, top: int = 12) -> Figure:
    """Figs. 2.6–2.8: where NGO support comes from (HQ) and where it goes (works in)."""
    ngos = survey_population(g)
    provides = Counter(p for n in ngos for p in n.hq if _not_global(g, p))
    receives = Counter(p for n in ngos for p in n.works_in if _not_global(g, p))
    data = {
        "provides (headquarters)": _ranked(g, provides, top),
        "receives (works in)": _ranked(g, receives, top),
    }
    fig, axes = plt.subplots(1, 2, figsize=(9, 4))
    bars: list[float] = []
    for ax, (label, d) in zip(axes, data.items(), strict=True):
        ax.barh(list(d)[::-1], list(d.values())[::-1], color="#7c3aed")
        ax.set_title(label, fontsize=9)
        ax.set_xlabel("NGOs")
        bars += _bars(ax, True)
    title = "Where NGO support comes from and goes, NGO survey (cf. Figs. 2.6–2.8)"
    fig.suptitle(title)
    fig.subplots_adjust(wspace=0.7, left=0.17)
    return Figure("support_flows", title, fig, data, bars)


def support_by_region(g: nx.MultiDiGraph) -> Figure:
    """Fig. 2.8: provided and received support by region (one count per NGO and place)."""
    ngos = survey_population(g)

    def regions(places: str) -> Counter[str]:
        return Counter(survey.place_region(g, p) for n in ngos for p in getattr(n, places))

    prov, recv = regions("hq"), regions("works_in")
    names = sorted(set(prov) | set(recv))
    data = {
        "provides": {r: prov.get(r, 0) for r in names},
        "receives": {r: recv.get(r, 0) for r in names},
    }
    fig, ax = plt.subplots(figsize=(8, 3.6))
    xs = range(len(names))
    ax.bar(
        [x - 0.2 for x in xs],
        list(data["provides"].values()),
        width=0.4,
        label="provides",
        color="#ea580c",
    )
    ax.bar(
        [x + 0.2 for x in xs],
        list(data["receives"].values()),
        width=0.4,
        label="receives",
        color="#0891b2",
    )
    ax.set_xticks(list(xs), names, rotation=30, ha="right")
    ax.set_ylabel("NGO × place instances")
    ax.legend(frameon=False)
    title = "NGO support by region, NGO survey (cf. Fig. 2.8)"
    ax.set_title(title)
    fig.subplots_adjust(bottom=0.3)
    return Figure("support_by_region", title, fig, data, _bars(ax))


# ------------------------------------------------------------------ figures of the analyses


DEFAULT_LAYER = "linkages"
LAYER_NAMES = {
    "linkages": "linkage layer",
    "structural": "structural layer",
    "everything": "all relations",
}


def _linkage_graph(g: nx.MultiDiGraph, layer: str) -> nx.Graph:
    if layer not in LAYER_NAMES:
        raise ValueError(f"layer must be one of {', '.join(LAYER_NAMES)}, not {layer!r}")
    G = layers.linkage_graph(g, getattr(layers.LayerSpec, layer)())
    if G.number_of_edges() == 0:
        raise Skipped(f"no relations in the {LAYER_NAMES[layer]}: nothing to draw")
    return G


def degree_distribution(g: nx.MultiDiGraph, layer: str = DEFAULT_LAYER) -> Figure:
    """How many elements have each degree in the layer's linkage graph (places left out)."""
    G = _linkage_graph(g, layer)
    counts = Counter(d for _, d in G.degree())
    data = {int(k): counts[k] for k in sorted(counts)}
    fig, ax = plt.subplots(figsize=(6, 3.4))
    ax.bar([str(k) for k in data], list(data.values()), color="#475569")
    ax.set_xlabel(f"degree ({LAYER_NAMES[layer]}, places left out)")
    ax.set_ylabel("elements")
    ax.tick_params(axis="x", labelsize=6)
    title = f"Degree distribution, {LAYER_NAMES[layer]} ({G.number_of_nodes()} elements)"
    ax.set_title(title)
    return Figure("degree_distribution", title, fig, data, _bars(ax))


def core_periphery(g: nx.MultiDiGraph, layer: str = DEFAULT_LAYER) -> Figure:
    """k-core shells of the layer's linkage graph (:func:`rcx.graph.analysis.core.k_cores`)."""
    kc = core.k_cores(_linkage_graph(g, layer))
    data = {int(k): int(n) for k, n in sorted(kc.shell_sizes.items())}
    fig, ax = plt.subplots(figsize=(6, 3.4))
    ax.bar(
        [str(k) for k in data],
        list(data.values()),
        color=["#b91c1c" if k == kc.max_k else "#94a3b8" for k in data],
    )
    ax.set_xlabel("k-shell (red: the main core)")
    ax.set_ylabel("elements")
    title = (
        f"Core–periphery, {LAYER_NAMES[layer]}: k-core shells (main core k = {kc.max_k}, "
        f"{len(kc.main_core)} elements)"
    )
    ax.set_title(title, fontsize=9)
    return Figure("core_periphery", title, fig, data, _bars(ax))


def cluster_composition(
    g: nx.MultiDiGraph, layer: str = DEFAULT_LAYER, seed: int = 0, top: int = 8
) -> Figure:
    """Categories in the largest Louvain clusters (:func:`rcx.graph.analysis.clusters.louvain`)."""
    G = _linkage_graph(g, layer)
    part = clusters.louvain(G, seed=seed)
    comms = [c for c in part.communities if len(c) > 1][:top]
    cats = sorted({G.nodes[n]["category"] for c in comms for n in c})
    data = {
        f"cluster {i + 1}": {
            cat: sum(1 for n in c if G.nodes[n]["category"] == cat) for cat in cats
        }
        for i, c in enumerate(comms)
    }
    if not data:
        raise Skipped("no cluster with more than one element")
    from rcx.graph.views.style import CATEGORY_STYLE

    fig, ax = plt.subplots(figsize=(7, 3.8))
    bottom = [0] * len(data)
    for cat in cats:
        vals = [data[k][cat] for k in data]
        ax.bar(list(data), vals, bottom=bottom, label=cat, color=CATEGORY_STYLE[cat][0])
        bottom = [a + b for a, b in zip(bottom, vals, strict=True)]
    ax.legend(fontsize=7, frameon=False, bbox_to_anchor=(1, 1), loc="upper left")
    ax.set_ylabel("elements")
    ax.tick_params(axis="x", labelrotation=30)
    title = (
        f"Cluster composition, {LAYER_NAMES[layer]} (Louvain, seed {seed}, "
        f"modularity {part.modularity:.2f})"
    )
    ax.set_title(title, fontsize=9)
    fig.subplots_adjust(right=0.75, bottom=0.2)
    return Figure("cluster_composition", title, fig, data, _bars(ax))


def growth_over_time(g: nx.MultiDiGraph) -> Figure:
    """Elements by year (adopted, else in force), cumulative
    (:mod:`rcx.graph.analysis.timeline`)."""
    years = [timeline.element_year(d) for _, d in g.nodes(data=True)]
    per_year = Counter(y for y in years if y is not None)
    total, data = 0, {}
    for y in sorted(per_year):
        total += per_year[y]
        data[int(y)] = total
    undated = sum(1 for y in years if y is None)
    if not data:
        raise Skipped("no element has a year: nothing to draw")
    fig, ax = plt.subplots(figsize=(7, 3.4))
    ax.step(list(data), list(data.values()), where="post", color="#1d4ed8")
    ax.bar(list(per_year), [per_year[y] for y in per_year], color="#93c5fd", width=0.8)
    ax.axvline(2000, color="#b91c1c", lw=0.8, ls="--")
    ax.set_ylabel("elements (cumulative line; bars: added that year)")
    title = (
        f"Growth of the regime complex, all elements ({len(years) - undated} dated, "
        f"{undated} undated)"
    )
    ax.set_title(title, fontsize=9)
    return Figure(
        "growth_over_time",
        title,
        fig,
        {"cumulative": data, "per_year": dict(sorted(per_year.items())), "undated": undated},
        _bars(ax),
    )


def layer_ablation(g: nx.MultiDiGraph, seed: int = 0) -> Figure:
    """Nodes, edges and components as category layers are added.

    From :mod:`rcx.graph.analysis.ablation`.
    """
    rows = ablation.ablation(g, seed=seed).rows
    metrics = ("nodes", "edges", "components")
    data = {r.layer: {m: r.metrics[m] for m in metrics} for r in rows}
    fig, ax = plt.subplots(figsize=(8, 3.6))
    xs = range(len(data))
    for i, m in enumerate(metrics):
        ax.bar([x + (i - 1) * 0.27 for x in xs], [data[k][m] for k in data], width=0.27, label=m)
    ax.set_xticks(list(xs), list(data), rotation=20, ha="right", fontsize=7)
    ax.legend(frameon=False)
    title = "Layer ablation: the linkage graph as categories are added"
    ax.set_title(title, fontsize=9)
    fig.subplots_adjust(bottom=0.3)
    return Figure("layer_ablation", title, fig, data, _bars(ax))


LAYERED = frozenset({"degree_distribution", "core_periphery", "cluster_composition"})
"""Figures drawn on a layer (the others count the NGO survey or every element)."""

FIGURES: dict[str, Callable[..., Figure]] = {
    "ngo_roles": ngo_roles,
    "ngo_role_combinations": ngo_role_combinations,
    "support_by_function": support_by_function,
    "support_flows": support_flows,
    "support_by_region": support_by_region,
    "degree_distribution": degree_distribution,
    "core_periphery": core_periphery,
    "cluster_composition": cluster_composition,
    "growth_over_time": growth_over_time,
    "layer_ablation": layer_ablation,
}


def draw(g: nx.MultiDiGraph, name: str, *, layer: str = DEFAULT_LAYER) -> Figure:
    """One figure by name (matplotlib figure left open: close it, or use :func:`write_figures`).

    Raises :class:`Skipped` when the dataset has nothing for it to draw.
    """
    with _style():
        return FIGURES[name](g, layer=layer) if name in LAYERED else FIGURES[name](g)


def figure_stamp(g: nx.MultiDiGraph, layer: str = DEFAULT_LAYER) -> str:
    """What a figure's files say made them: rcx version, dataset and checksum, layer (no time,
    so that the same data draws the same bytes)."""
    from rcx.graph.report.stamp import content_checksum, rcx_version

    dataset = g.graph.get("dataset", "")
    return f"rcx {rcx_version()}; dataset {dataset} {content_checksum(g)}; layer {layer}"


def save(figure: Figure, out_dir: Path, stamp: str = "") -> list[Path]:
    """PNG and SVG of a figure, deterministic, each written atomically; ``stamp`` goes into
    their metadata (PNG ``Description``, SVG ``dc:description``)."""
    from io import BytesIO

    from rcx.graph.io import write_bytes_atomic

    paths = []
    with _style():
        png_meta: dict[str, Any] = {"Software": None, "Description": stamp or None}
        svg_meta: dict[str, Any] = {"Date": None, "Creator": None, "Description": stamp or None}
        for ext, meta in (("png", png_meta), ("svg", svg_meta)):
            buf = BytesIO()
            figure.fig.savefig(buf, format=ext, metadata=meta)
            paths.append(write_bytes_atomic(out_dir / f"{figure.name}.{ext}", buf.getvalue()))
    return paths


def write_figures(
    g: nx.MultiDiGraph,
    out_dir: str | Path,
    names: list[str] | None = None,
    *,
    layer: str = DEFAULT_LAYER,
) -> tuple[list[Path], dict[str, str]]:
    """Draw and save figures; returns ``(paths, {skipped name: why})``.

    An unknown name raises :class:`RcxError` listing the known ones, before anything is drawn.
    """
    from rcx.graph.io import atomic_dir, check_output_folder

    unknown = sorted(set(names or []) - set(FIGURES))
    if unknown:
        raise RcxError(f"unknown figure(s) {unknown}; choose from: {', '.join(FIGURES)}")
    out, skipped, drawn = check_output_folder(out_dir), {}, []
    try:
        for name in names or list(FIGURES):
            try:
                drawn.append(draw(g, name, layer=layer))
            except Skipped as e:
                skipped[name] = str(e)
        written: list[Path] = []
        if drawn:  # nothing to draw: nothing written, not even the folder
            stamp = figure_stamp(g, layer)
            with atomic_dir(out) as tmp:  # all figures appear together, or none
                for figure in drawn:
                    written += save(figure, tmp, stamp)
    finally:
        for figure in drawn:
            plt.close(figure.fig)
    return [out / p.name for p in written], skipped
