"""The facts the verdict rules read, computed once per report from the public analyses.

The null models are those of :mod:`rcx.graph.analysis.nullmodel` (the public, tested ones):
betweenness centralization and the core-periphery fit against degree-preserving rewirings,
one-sided ("greater": is the observed value unusually *high* for the degrees?). Degree
centralization is not tested: a degree-preserving rewiring keeps every degree, so its null
distribution is a single value (see docs/methods.md, rule ``degree-centralization-untested``).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from rcx.graph.analysis.nullmodel import NullResult
from rcx.graph.analysis.nulltests import centralization_null_tests
from rcx.graph.report.trace import Trace

Progress = Callable[[str, int, int], None]
"""``progress(task, done, total)``: called as null-model samples complete."""


@dataclass(frozen=True)
class Facts:
    """What the claim tests read (see :mod:`rcx.graph.report.rules`)."""

    tr: Trace
    composition: dict[str, Any]
    head: dict[str, Any]
    core: Any
    nulls: dict[str, NullResult]
    frag: Any
    linked_share: float
    linked_share_outside: tuple[str, float] | None  # (population label, share without it)
    params: dict[str, Any]  # layer spec and seed


def composition(G: nx.Graph) -> dict[str, Any]:
    """Elements (places left out) by category, kind, approach and scope, largest first.

    >>> G = nx.Graph(); G.add_node("a", category="HardLaw", approaches=["x", "y"])
    >>> composition(G)["by_approach"]
    {'x': 1, 'y': 1}
    """
    nodes = [d for _, d in G.nodes(data=True) if d.get("category") != "Place"]

    def count(attr: str, multi: bool = False) -> dict[str, int]:
        c: Counter[str] = Counter()
        for d in nodes:
            vals = d.get(attr, []) if multi else [d.get(attr)]
            c.update(str(v) for v in vals if v)
        return dict(sorted(c.items(), key=lambda kv: (-kv[1], kv[0])))

    return {
        "elements": len(nodes),
        "by_category": count("category"),
        "by_kind": count("kind"),
        "by_approach": count("approaches", multi=True),
        "by_scope": count("scope"),
    }


def claims_behind(
    g: nx.MultiDiGraph, relation_types: frozenset[str] | set[str], *, include_expanded: bool = False
) -> dict[str, Any]:
    """How many relations of the layer there are, and how many claims of the source make them.

    A class-level claim counts once, however many members it names; its member-level
    expansions (``expanded_from``) are left out unless ``include_expanded``. Derived relations
    carry no claim and count under ``derived``.

    >>> g = nx.MultiDiGraph()
    >>> g.add_edge("a", "b", type="OVERLAPS_WITH", claim="c1")
    0
    >>> g.add_edge("a", "c", type="OVERLAPS_WITH", claim="c1")
    0
    >>> g.add_edge("m", "b", type="OVERLAPS_WITH", derived=True, expanded_from="c1")
    0
    >>> c = claims_behind(g, {"OVERLAPS_WITH"})
    >>> c["relations"], c["claims"], c["claims_by_type"]
    (2, 1, {'OVERLAPS_WITH': 1})
    >>> claims_behind(g, {"OVERLAPS_WITH"}, include_expanded=True)["relations"]
    3
    """
    rels = [
        d
        for _, _, d in g.edges(data=True)
        if str(d.get("type")) in relation_types and (include_expanded or not d.get("expanded_from"))
    ]
    by_type: dict[str, set[str]] = {}
    for d in rels:
        if d.get("claim"):
            by_type.setdefault(str(d["type"]), set()).add(str(d["claim"]))
    return {
        "relations": len(rels),
        "claims": len({d["claim"] for d in rels if d.get("claim")}),
        "derived": sum(1 for d in rels if d.get("derived")),
        "claims_by_type": {t: len(c) for t, c in sorted(by_type.items())},
        "include_expanded": include_expanded,
    }


def linked_share(G: nx.Graph, leave_out: Callable[[dict[str, Any]], bool] | None = None) -> float:
    """Share of the (non-place) elements with at least one linkage; ``leave_out(data)`` drops
    elements from the population first. nan for an empty population.

    >>> G = nx.Graph([("a", "b")]); G.add_node("c")
    >>> linked_share(G), linked_share(G, lambda d: True)
    (0.6667, nan)
    """
    nodes = [
        n
        for n, d in G.nodes(data=True)
        if d.get("category") != "Place" and not (leave_out and leave_out(d))
    ]
    if not nodes:
        return math.nan
    return round(sum(1 for n in nodes if G.degree(n) > 0) / len(nodes), 4)


def core_null_tests(
    G: nx.Graph,
    *,
    n_null: int,
    seed: int,
    progress: Progress | None = None,
    jobs: int | None = None,
) -> dict[str, NullResult]:
    """Betweenness centralization and core-periphery fit against the degree-preserving null
    (:func:`rcx.graph.analysis.nulltests.centralization_null_tests`, whose samples run in
    ``jobs`` processes with the same result for any ``jobs``).

    The degree centralization against G(n, m) that the battery also returns is left out: the
    methods page explains why it does not test the claim. ``{}`` if ``n_null <= 0``.
    """
    res = centralization_null_tests(G, n_samples=n_null, seed=seed, progress=progress, jobs=jobs)
    return {k: r for k, r in res.items() if k != "degree_centralization"}
