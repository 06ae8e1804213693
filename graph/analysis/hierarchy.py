"""Nesting hierarchy, functional overlap and duplication.

Nesting (III.A.1) is the one directed linkage: ``child NESTED_IN parent``. Functional overlap and
duplication measure the paper's first weakness: several elements doing the same thing, in the
same place (e.g. NGOs all giving the same protection service).
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx
import numpy as np

from rcx.graph.analysis.layers import OVERLAP, is_place, nesting_digraph
from rcx.schema.vocab import FUNCTIONS, RelationType

WORKS_IN = RelationType.WORKS_IN.value
HEADQUARTERED_IN = RelationType.HEADQUARTERED_IN.value


@dataclass(frozen=True)
class Nesting:
    """Nesting depth per element, its maximum, cycles found, and the flow hierarchy."""

    depth: dict[str, int]
    max_depth: int
    deepest: list[str]
    nested_elements: int
    cycles: list[list[str]]
    flow_hierarchy: float
    params: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def nesting(g: nx.MultiDiGraph, *, include_derived: bool = True) -> Nesting:
    """Depth = the number of NESTED_IN edges on the longest chain going *up* from an element
    (0 = nested in nothing). Cycles are reported, not fatal: each strongly connected component of
    more than one element is a cycle, counted as a single level (depths are computed on the
    condensation). ``flow_hierarchy`` (Luo & Magee 2011; ``nx.flow_hierarchy``) = share of
    NESTED_IN edges not in a cycle (nan without edges).

    >>> g = nx.MultiDiGraph()
    >>> for child, parent in [("a", "b"), ("b", "c"), ("c", "d")]:
    ...     _ = g.add_edge(child, parent, type="NESTED_IN", derived=False)
    >>> r = nesting(g)
    >>> r.depth["a"], r.max_depth, r.deepest, r.cycles, r.flow_hierarchy
    (3, 3, ['a'], [], 1.0)
    """
    D = nesting_digraph(g, include_derived=include_derived)
    C = nx.condensation(D)
    members = C.graph["mapping"]  # node -> scc id
    cycles = sorted(
        sorted(map(str, C.nodes[c]["members"])) for c in C if len(C.nodes[c]["members"]) > 1
    )
    up: dict[int, int] = {}
    for c in reversed(list(nx.topological_sort(C))):  # parents first
        up[c] = max((up[p] + 1 for p in C.successors(c)), default=0)
    depth = {str(n): up[members[n]] for n in D}
    top = max(depth.values(), default=0)
    flow = nx.flow_hierarchy(D) if D.number_of_edges() else math.nan
    return Nesting(
        depth,
        top,
        sorted(n for n, d in depth.items() if d == top and top > 0),
        sum(1 for n in D if D.out_degree(n) > 0),
        cycles,
        float(flow),
        {"include_derived": include_derived},
    )


def features(g: nx.MultiDiGraph, *, include_derived: bool = True) -> dict[str, frozenset[str]]:
    """What each element does: ``function:<f>`` for each of the three Ps with status yes,
    ``activity:<a>`` for each activity, ``issue:<i>`` for the issue of each OVERLAPS_WITH edge.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", prevention="yes", protection="unknown", activities=["shelter"])
    >>> sorted(features(g)["a"])
    ['activity:shelter', 'function:prevention']
    """
    out: dict[str, set[str]] = {}
    for n, d in g.nodes(data=True):
        if is_place(d):
            continue
        f = {f"function:{p}" for p in FUNCTIONS if d.get(p) == "yes"}
        f |= {f"activity:{a}" for a in d.get("activities", [])}
        out[str(n)] = f
    for u, v, d in g.edges(data=True):
        keep = include_derived or not d.get("derived")
        if d.get("type") == OVERLAP and d.get("issue") and keep:
            for x in (str(u), str(v)):
                if x in out:
                    out[x].add(f"issue:{d['issue']}")
    return {k: frozenset(v) for k, v in out.items()}


@dataclass(frozen=True)
class FunctionalOverlap:
    """Pairs of elements ranked by the Jaccard overlap of what they do (:func:`features`)."""

    pairs: list[tuple[str, str, float, list[str]]]
    overlapping_pairs: int
    mean_jaccard: float
    elements_with_features: int
    params: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def functional_overlap(
    g: nx.MultiDiGraph,
    *,
    min_jaccard: float = 0.5,
    top: int | None = 50,
    include_derived: bool = True,
) -> FunctionalOverlap:
    """Jaccard ``|F_a ∩ F_b| / |F_a ∪ F_b|`` for every pair of elements with features.

    ``pairs``: (a, b, jaccard, shared features) with jaccard >= ``min_jaccard``, best first,
    ``top`` of them; ``overlapping_pairs`` counts all pairs with jaccard > 0; ``mean_jaccard`` is
    over all pairs of elements that have features (found via an inverted index, so only pairs
    sharing a feature are visited).

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", protection="yes", activities=["shelter"])
    >>> g.add_node("b", protection="yes", activities=["shelter", "hotline"])
    >>> functional_overlap(g).pairs
    [('a', 'b', 0.6666666666666666, ['activity:shelter', 'function:protection'])]
    """
    feats = {k: v for k, v in features(g, include_derived=include_derived).items() if v}
    params = {"min_jaccard": min_jaccard, "top": top, "include_derived": include_derived}
    k = len(feats)
    # Elements with the same feature set form one group: the pair counts and the Jaccard sum are
    # computed per pair of groups (numpy, in row blocks), not per pair of elements, which is
    # quadratic in the elements (issue 12). Only the ``top`` listed pairs are enumerated.
    groups: dict[frozenset[str], list[str]] = defaultdict(list)
    for n in sorted(feats):
        groups[feats[n]].append(n)
    sets = list(groups)
    names = sorted({f for fs in sets for f in fs})
    col = {f: i for i, f in enumerate(names)}
    B = np.zeros((len(sets), len(names)), dtype=np.int32)
    for i, fs in enumerate(sets):
        B[i, [col[f] for f in fs]] = 1
    size = B.sum(axis=1)
    c = np.asarray([len(groups[fs]) for fs in sets], dtype=np.float64)
    total = float(np.sum(c * (c - 1) / 2))  # pairs inside a group: jaccard 1
    overlapping = total
    levels: dict[float, list[tuple[int, int]]] = defaultdict(list)
    for lo in range(0, len(sets), 512):
        rows = np.arange(lo, min(lo + 512, len(sets)))
        inter = B[rows] @ B.T
        jac = inter / (size[rows, None] + size[None, :] - inter)
        upper = np.arange(len(sets))[None, :] > rows[:, None]
        w = c[rows, None] * c[None, :] * upper
        total += float(np.sum(w * jac))
        overlapping += float(np.sum(w * (inter > 0)))
        for r, t in zip(*np.nonzero(upper & (inter > 0) & (jac >= min_jaccard)), strict=True):
            levels[float(jac[r, t])].append((int(rows[r]), int(t)))
    for i in range(len(sets)):
        if c[i] > 1 and min_jaccard <= 1.0:
            levels[1.0].append((i, i))
    scored: list[tuple[str, str, float, list[str]]] = []
    for j in sorted(levels, reverse=True):
        need = math.inf if top is None else top - len(scored)
        if need <= 0:
            break
        found = [
            p
            for s_, t in levels[j]
            for p in _first_pairs(groups[sets[s_]], groups[sets[t]], s_ == t, need)
        ]
        found.sort()
        scored += [
            (a, b, j, sorted(feats[a] & feats[b])) for a, b in found[: int(min(need, len(found)))]
        ]
    return FunctionalOverlap(
        scored, int(overlapping), total / (k * (k - 1) / 2) if k > 1 else math.nan, k, params
    )


def _first_pairs(xs: list[str], ys: list[str], same: bool, need: float) -> list[tuple[str, str]]:
    """The ``need`` lexicographically smallest pairs ``(a, b)``, ``a < b``, with one end in each
    of the sorted lists ``xs`` and ``ys`` (both ends in ``xs`` if ``same``)."""
    out: list[tuple[str, str]] = []
    if same:
        for i, a in enumerate(xs):
            for b in xs[i + 1 :]:
                if len(out) >= need:
                    return out
                out.append((a, b))
        return out
    other = {**dict.fromkeys(xs, ys), **dict.fromkeys(ys, xs)}
    for a in sorted(xs + ys):
        partners = other[a]
        for b in partners[bisect_right(partners, a) :]:
            if len(out) >= need:
                return out
            out.append((a, b))
    return out


@dataclass(frozen=True)
class DuplicationGroup:
    """Elements of one kind doing the same thing(s) in the same place(s)."""

    group_by: str
    value: str
    members: list[str]
    shared: list[str]
    places: list[str]


def places_of(g: nx.MultiDiGraph, n: Any, *, headquarters: bool = False) -> set[str]:
    """Where an element works: its ``works_in`` field and WORKS_IN relations (plus
    ``headquarters`` / HEADQUARTERED_IN if ``headquarters``)."""
    d = g.nodes[n]
    out = set(d.get("works_in", [])) | (set(d.get("headquarters", [])) if headquarters else set())
    types = {WORKS_IN, HEADQUARTERED_IN} if headquarters else {WORKS_IN}
    out |= {str(v) for _, v, e in g.out_edges(n, data=True) if e.get("type") in types}
    return out


def duplication(
    g: nx.MultiDiGraph,
    *,
    group_by: str = "kind",
    min_size: int = 2,
    headquarters: bool = False,
    use_issues: bool = False,
) -> list[DuplicationGroup]:
    """Groups of >= ``min_size`` elements with the same ``group_by`` value (``kind`` or
    ``category``) that share a known function (status yes) or an activity (and, with
    ``use_issues``, an overlap issue) *and* a place (:func:`places_of`). Groups are formed per
    (value, feature, place) and merged when they have the same members; ``shared`` and
    ``places`` list everything the members have in common. Largest groups first.

    >>> g = nx.MultiDiGraph()
    >>> for n in "abc":
    ...     g.add_node(n, kind="ngo", protection="yes", works_in=["land"])
    >>> g.add_node("d", kind="ngo", protection="yes", works_in=["sea"])
    >>> [(x.members, x.shared, x.places) for x in duplication(g)]
    [(['a', 'b', 'c'], ['function:protection'], ['land'])]
    """
    if group_by not in ("kind", "category"):
        raise ValueError("group_by must be 'kind' or 'category'")
    feats = features(g)
    buckets: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for n, fs in feats.items():
        value = str(g.nodes[n].get(group_by, "?"))
        for f in fs:
            if use_issues or not f.startswith("issue:"):
                for p in places_of(g, n, headquarters=headquarters):
                    buckets[(value, f, p)].add(n)
    merged: dict[tuple[str, frozenset[str]], tuple[set[str], set[str]]] = {}
    for (value, f, p), members in buckets.items():
        if len(members) >= min_size:
            shared, places = merged.setdefault((value, frozenset(members)), (set(), set()))
            shared.add(f)
            places.add(p)
    groups = [
        DuplicationGroup(group_by, value, sorted(m), sorted(s), sorted(p))
        for (value, m), (s, p) in merged.items()
    ]
    return sorted(groups, key=lambda x: (-len(x.members), x.value, x.members))
