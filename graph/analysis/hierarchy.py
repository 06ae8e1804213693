"""Nesting hierarchy, functional overlap and duplication.

Nesting (III.A.1) is the one directed linkage: ``child NESTED_IN parent``. Functional overlap and
duplication measure the paper's first weakness: several elements doing the same thing, in the
same place (e.g. NGOs all giving the same protection service).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from itertools import combinations
from typing import Any

import networkx as nx

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
    cycles = sorted(sorted(map(str, C.nodes[c]["members"])) for c in C
                    if len(C.nodes[c]["members"]) > 1)
    up: dict[int, int] = {}
    for c in reversed(list(nx.topological_sort(C))):  # parents first
        up[c] = max((up[p] + 1 for p in C.successors(c)), default=0)
    depth = {str(n): up[members[n]] for n in D}
    top = max(depth.values(), default=0)
    flow = nx.flow_hierarchy(D) if D.number_of_edges() else math.nan
    return Nesting(depth, top, sorted(n for n, d in depth.items() if d == top and top > 0),
                   sum(1 for n in D if D.out_degree(n) > 0), cycles, float(flow),
                   {"include_derived": include_derived})


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


def functional_overlap(g: nx.MultiDiGraph, *, min_jaccard: float = 0.5, top: int | None = 50,
                       include_derived: bool = True) -> FunctionalOverlap:
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
    index: dict[str, list[str]] = defaultdict(list)
    for n in sorted(feats):
        for f in feats[n]:
            index[f].append(n)
    seen: set[tuple[str, str]] = set()
    scored: list[tuple[str, str, float, list[str]]] = []
    total = 0.0
    for nodes in index.values():
        for a, b in combinations(nodes, 2):
            if (a, b) in seen:
                continue
            seen.add((a, b))
            shared = feats[a] & feats[b]
            j = len(shared) / len(feats[a] | feats[b])
            total += j
            if j >= min_jaccard:
                scored.append((a, b, j, sorted(shared)))
    scored.sort(key=lambda t: (-t[2], t[0], t[1]))
    k = len(feats)
    return FunctionalOverlap(scored[:top], len(seen), total / (k * (k - 1) / 2) if k > 1 else
                             math.nan, k, {"min_jaccard": min_jaccard, "top": top,
                                           "include_derived": include_derived})


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


def duplication(g: nx.MultiDiGraph, *, group_by: str = "kind", min_size: int = 2,
                headquarters: bool = False, use_issues: bool = False) -> list[DuplicationGroup]:
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
    groups = [DuplicationGroup(group_by, value, sorted(m), sorted(s), sorted(p))
              for (value, m), (s, p) in merged.items()]
    return sorted(groups, key=lambda x: (-len(x.members), x.value, x.members))
