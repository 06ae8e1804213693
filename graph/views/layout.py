"""Node positions computed in Python, so the page draws at once with physics off.

Deterministic: the same graph and seed give the same positions (rounded to 0.1 px), hence a
byte-identical page. Small graphs get a seeded Fruchterman–Reingold (spring) layout; large ones
are laid out as groups (one point per group, members on a sunflower spiral around it), which is
linear in the number of members.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from typing import Any

import networkx as nx
import numpy as np

from rcx.schema.vocab import RelationType

Pos = dict[str, tuple[float, float]]
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
PARALLEL = RelationType.PARALLEL_TO.value


def layout_graph(g: nx.MultiDiGraph) -> nx.Graph:
    """Undirected simple graph for layout: PARALLEL_TO (an asserted *non*-link) pulls nothing."""
    h: nx.Graph[Any] = nx.Graph()
    h.add_nodes_from(g)
    for u, v, d in g.edges(data=True):
        if d.get("type") != PARALLEL and u != v:
            h.add_edge(u, v)
    return h


def fruchterman_reingold(h: nx.Graph, seed: int) -> dict[str, tuple[float, float]]:
    """Seeded Fruchterman–Reingold by igraph (C; grid-accelerated above 1,000 nodes).

    networkx's own version runs a Python loop per node above 500 nodes (12 s at 1,000 here);
    igraph takes under a second there. Start positions come from ``numpy``'s seeded generator
    and igraph's generator (Python's ``random``) is seeded too, so the result is reproducible.
    """
    from rcx.graph.deps import igraph

    ig = igraph()

    nodes = list(h)
    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    ig_graph = ig.Graph(n=n, edges=[(index[u], index[v]) for u, v in h.edges()])
    start = (np.random.RandomState(seed).rand(n, 2) * math.sqrt(n)).tolist()
    state = random.getstate()
    try:
        random.seed(seed)
        coords = ig_graph.layout_fruchterman_reingold(seed=start, niter=250, grid=n > 1000).coords
    finally:
        random.setstate(state)
    return {v: (float(coords[i][0]), float(coords[i][1])) for v, i in index.items()}


def spring(h: nx.Graph, seed: int, spacing: float = 120.0) -> Pos:
    """Seeded spring layout scaled so that the mean spacing is about ``spacing`` pixels."""
    n = h.number_of_nodes()
    if n == 0:
        return {}
    if n == 1:
        return {str(next(iter(h))): (0.0, 0.0)}
    raw = fruchterman_reingold(h, seed)
    xy = np.array(list(raw.values()))
    center = xy.mean(axis=0)
    span = float(np.abs(xy - center).max()) or 1.0
    scale = spacing * math.sqrt(n) / 2 / span
    return {
        str(v): (
            round(float(p[0] - center[0]) * scale, 1),
            round(float(p[1] - center[1]) * scale, 1),
        )
        for v, p in raw.items()
    }


def sunflower(center: tuple[float, float], members: Sequence[str], spacing: float = 28.0) -> Pos:
    """Members on a Vogel spiral around ``center`` (even density, no overlaps, O(n))."""
    cx, cy = center
    out: Pos = {}
    for i, m in enumerate(members):
        r = spacing * math.sqrt(i + 0.5)
        a = i * GOLDEN_ANGLE
        out[m] = (round(cx + r * math.cos(a), 1), round(cy + r * math.sin(a), 1))
    return out


def group_radius(count: int, spacing: float = 28.0) -> float:
    return spacing * math.sqrt(count + 0.5)


def grouped(g: nx.MultiDiGraph, groups: Mapping[str, Sequence[str]], seed: int) -> tuple[Pos, Pos]:
    """Positions for a graph whose nodes are partly gathered into ``groups`` (id -> members).

    Returns ``(group positions, node positions)``. The quotient graph (groups plus ungrouped
    nodes) gets a spring layout, spaced so that the largest group's spiral fits between points.
    """
    rep: dict[str, str] = {}
    for gid, members in groups.items():
        for m in members:
            rep[m] = gid
    q: nx.Graph[Any] = nx.Graph()
    q.add_nodes_from(rep.get(n, n) for n in g)
    for u, v, d in g.edges(data=True):
        a, b = rep.get(u, u), rep.get(v, v)
        if d.get("type") != PARALLEL and a != b:
            q.add_edge(a, b)
    biggest = max((len(m) for m in groups.values()), default=1)
    spacing = max(90.0, 1.2 * group_radius(int(math.sqrt(biggest) * 6)))
    qpos = spring(q, seed, spacing=spacing)
    gpos = {gid: qpos[gid] for gid in groups}
    npos: Pos = {n: qpos[n] for n in g if n not in rep}
    for gid, members in groups.items():
        npos.update(sunflower(qpos[gid], members))
    return gpos, npos
