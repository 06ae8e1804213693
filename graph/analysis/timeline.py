"""Timeline: the regime complex year by year, and its growth before and after 2000.

**Dating.** An element's year is its ``year_adopted``, else its ``year_in_force``; elements with
neither are *undated*. The population is the node set of the linkage graph of the chosen spec
(so places are in it only when the spec includes them; places carry no date).

**Snapshots.** For every distinct year ``Y`` with a dated element, the snapshot is the subgraph of
the linkage graph induced by the dated elements with year <= ``Y``; its headline metrics are
:func:`rcx.graph.analysis.metrics.headline_metrics`. Undated elements cannot be placed in time:
with ``undated="end"`` (default) one last snapshot, labelled ``all``, is the whole graph (dated +
undated); with ``undated="exclude"`` they appear in no snapshot. Either way they are counted.

**Growth** (the paper's "rapid change", II.B: the Trafficking Protocol of 2000 as the turning
point). Elements added per calendar year and cumulative counts; the mean number of elements
added per year *before* (first dated year .. pivot-1) and *after* (pivot .. last dated year);
and, because the before-window is much longer, a *symmetric* comparison over equal windows
(the ``L = last - pivot + 1`` years before the pivot against the ``L`` years from it). The share
of the population that is dated is stated: growth is measured on dated elements only.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

import networkx as nx

from rcx.graph.analysis.ablation import induced
from rcx.graph.analysis.layers import LayerSpec, linkage_graph
from rcx.graph.analysis.metrics import SNAPSHOT_K, SNAPSHOT_MAX_EXACT, headline_metrics

PIVOT = 2000
Undated = Literal["end", "exclude"]


def element_year(d: dict[str, Any]) -> int | None:
    """``year_adopted``, else ``year_in_force``, else ``None``.

    >>> element_year({"year_adopted": 2000, "year_in_force": 2003}), element_year({})
    (2000, None)
    """
    y = d.get("year_adopted") or d.get("year_in_force")
    return int(y) if y else None


@dataclass(frozen=True)
class Snapshot:
    """The graph as of ``year`` (``"all"``: including undated elements)."""

    year: int | str
    elements: int
    added: int
    metrics: dict[str, Any]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Window:
    """Elements added in the calendar years ``start .. end`` (inclusive)."""

    start: int
    end: int
    added: int

    @property
    def years(self) -> int:
        return max(0, self.end - self.start + 1)

    @property
    def mean_per_year(self) -> float | None:
        return round(self.added / self.years, 4) if self.years else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "years": self.years,
            "added": self.added,
            "mean_per_year": self.mean_per_year,
        }


@dataclass(frozen=True)
class Growth:
    """Additions per year and before/after the pivot (see the module docstring)."""

    pivot: int
    population: int
    dated: int
    undated: int
    dated_share: float | None
    per_year: tuple[dict[str, int], ...]
    before: Window | None
    after: Window | None
    before_symmetric: Window | None
    after_symmetric: Window | None

    @property
    def ratio(self) -> float | None:
        """Mean annual additions after / before (full windows)."""
        return _ratio(self.after, self.before)

    @property
    def ratio_symmetric(self) -> float | None:
        return _ratio(self.after_symmetric, self.before_symmetric)

    def as_dict(self) -> dict[str, Any]:
        w = lambda x: None if x is None else x.as_dict()  # noqa: E731
        return {
            "pivot": self.pivot,
            "population": self.population,
            "dated": self.dated,
            "undated": self.undated,
            "dated_share": self.dated_share,
            "per_year": [dict(r) for r in self.per_year],
            "before": w(self.before),
            "after": w(self.after),
            "before_symmetric": w(self.before_symmetric),
            "after_symmetric": w(self.after_symmetric),
            "ratio": self.ratio,
            "ratio_symmetric": self.ratio_symmetric,
        }


def _ratio(a: Window | None, b: Window | None) -> float | None:
    if a is None or b is None or not a.mean_per_year or not b.mean_per_year:
        return None
    return round(a.mean_per_year / b.mean_per_year, 4)


@dataclass(frozen=True)
class Timeline:
    snapshots: tuple[Snapshot, ...]
    growth: Growth
    undated_ids: tuple[str, ...]
    params: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "snapshots": [s.as_dict() for s in self.snapshots],
            "growth": self.growth.as_dict(),
            "undated_count": len(self.undated_ids),
            "undated_ids": list(self.undated_ids),
            "params": dict(self.params),
        }


def growth(years: dict[str, int | None], *, pivot: int = PIVOT) -> Growth:
    """Growth statistics from element id -> year (``None`` = undated).

    >>> gr = growth({"a": 1990, "b": 2000, "c": 2001, "d": 2001, "e": None})
    >>> gr.before.as_dict()["mean_per_year"], gr.after.mean_per_year, gr.dated_share
    (0.1, 1.5, 0.8)
    >>> gr.before_symmetric.start, gr.before_symmetric.added, gr.ratio_symmetric
    (1998, 0, None)
    """
    dated = {k: y for k, y in years.items() if y is not None}
    counts = Counter(dated.values())
    n = len(years)
    if not dated:
        return Growth(pivot, n, 0, n, None if not n else 0.0, (), None, None, None, None)
    first, last = min(dated.values()), max(dated.values())
    per_year, cum = [], 0
    for y in range(first, last + 1):
        cum += counts[y]
        per_year.append({"year": y, "added": counts[y], "cumulative": cum})

    def window(a: int, b: int) -> Window | None:
        return Window(a, b, sum(c for y, c in counts.items() if a <= y <= b)) if b >= a else None

    span = last - pivot + 1
    return Growth(
        pivot=pivot,
        population=n,
        dated=len(dated),
        undated=n - len(dated),
        dated_share=round(len(dated) / n, 4),
        per_year=tuple(per_year),
        before=window(first, pivot - 1),
        after=window(pivot, last),
        before_symmetric=window(pivot - span, pivot - 1) if span > 0 else None,
        after_symmetric=window(pivot, last) if span > 0 else None,
    )


def timeline(
    g: nx.MultiDiGraph,
    spec: LayerSpec | None = None,
    *,
    undated: Undated = "end",
    pivot: int = PIVOT,
    seed: int = 0,
    modularity: bool = False,
    G: nx.Graph | None = None,
    max_exact: int = SNAPSHOT_MAX_EXACT,
    k: int = SNAPSHOT_K,
) -> Timeline:
    """Yearly snapshots with headline metrics, and growth before/after ``pivot``.

    ``G`` may be passed when the caller already built ``linkage_graph(g, spec)``. Snapshot
    metrics leave out modularity unless ``modularity=True`` (a Louvain run per year); their path
    measures are exact up to ``max_exact`` nodes, else from ``k`` seeded sources (one table row
    per year: the defaults keep the total cost linear in the edges).

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("t", category="HardLaw", year_adopted=2000)
    >>> g.add_node("s", category="HardLaw", year_adopted=2014)
    >>> g.add_node("x", category="SoftLaw")
    >>> _ = g.add_edge("s", "t", type="NESTED_IN", derived=False)
    >>> tl = timeline(g)
    >>> [(s.year, s.elements, s.metrics["edges"]) for s in tl.snapshots]
    [(2000, 1, 0), (2014, 2, 1), ('all', 3, 1)]
    """
    if undated not in ("end", "exclude"):
        raise ValueError("undated must be 'end' or 'exclude'")
    spec = spec or LayerSpec.linkages()
    G = linkage_graph(g, spec) if G is None else G
    years = {n: element_year(d) for n, d in G.nodes(data=True)}
    gr = growth(years, pivot=pivot)
    snaps: list[Snapshot] = []
    seen = 0
    for y in sorted({v for v in years.values() if v is not None}):
        nodes = [n for n, v in years.items() if v is not None and v <= y]
        metrics = headline_metrics(
            induced(G, nodes, data=False),
            seed=seed,
            modularity=modularity,
            max_exact=max_exact,
            k=k,
        )
        snaps.append(Snapshot(y, len(nodes), len(nodes) - seen, metrics))
        seen = len(nodes)
    undated_ids = tuple(sorted(n for n, v in years.items() if v is None))
    if undated == "end":
        snaps.append(
            Snapshot(
                "all",
                G.number_of_nodes(),
                len(undated_ids),
                headline_metrics(G, seed=seed, modularity=modularity, max_exact=max_exact, k=k),
            )
        )
    return Timeline(
        tuple(snaps),
        gr,
        undated_ids,
        {
            "function": "rcx.graph.analysis.timeline.timeline",
            "spec": spec.as_dict(),
            "undated": undated,
            "pivot": pivot,
            "seed": seed,
            "modularity": modularity,
            "max_exact": max_exact,
            "k": k,
            "dating": "year_adopted, else year_in_force",
        },
    )
