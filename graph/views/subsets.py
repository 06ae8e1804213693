"""Which part of the graph a view shows: an ego network, one regime, the NGO layer, Part III.

Subsets are built over links only: PARALLEL_TO asserts that two elements do *not* interact, so
it never brings an element in. Between elements that are in, PARALLEL_TO pairs are kept (the
page hides them until the reader ticks them). Every function returns a new
``nx.MultiDiGraph`` (a copy: the view may annotate it) and raises
:class:`~rcx.schema.errors.RcxError` for an unknown element, so the CLI reports it cleanly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from rcx.schema.errors import RcxError
from rcx.schema.vocab import LINKAGE_TYPES, PLACE_TYPES, Category, ElementKind, RelationType

_LINKAGES = frozenset(t.value for t in LINKAGE_TYPES)
_PLACES = frozenset(t.value for t in PLACE_TYPES)
PART_OF_REGIME = RelationType.PART_OF_REGIME.value
PARALLEL = RelationType.PARALLEL_TO.value


@dataclass(frozen=True)
class Subset:
    """A view's selection; all fields optional and combined in the order listed."""

    regime: str | None = None
    ngos: bool = False
    part_iii: bool = False
    ego: str | None = None
    depth: int = 1


def _need(g: nx.MultiDiGraph, node: str, what: str) -> None:
    if node not in g:
        raise RcxError(f"unknown {what} {node!r}: no element with that id")


def induced(g: nx.MultiDiGraph, nodes: Iterable[str]) -> nx.MultiDiGraph:
    """The subgraph on ``nodes`` (graph order kept, so the result is deterministic)."""
    keep = set(nodes)
    # built by hand: a subgraph view iterates its node *set*, whose order varies by run
    out: nx.MultiDiGraph[Any] = nx.MultiDiGraph(**g.graph)
    out.add_nodes_from((n, g.nodes[n]) for n in g if n in keep)
    for u, v, k, d in g.edges(keys=True, data=True):
        if u in keep and v in keep:
            out.add_edge(u, v, key=k)
            out.edges[u, v, k].update(d)
    return out


def links(g: nx.MultiDiGraph) -> nx.Graph:
    """Undirected view of ``g`` without PARALLEL_TO: who is linked to whom."""
    h: nx.Graph[Any] = nx.Graph()
    h.add_nodes_from(g)
    h.add_edges_from((u, v) for u, v, d in g.edges(data=True) if d.get("type") != PARALLEL)
    return h


def ego(g: nx.MultiDiGraph, center: str, depth: int = 1) -> nx.MultiDiGraph:
    """Elements within ``depth`` links of ``center``, either direction (PARALLEL_TO not a link)."""
    _need(g, center, "element")
    if depth < 0:
        raise RcxError("--depth must be 0 or more")
    lengths = nx.single_source_shortest_path_length(links(g), center, cutoff=depth)
    return induced(g, lengths)


def regime(g: nx.MultiDiGraph, regime_id: str) -> nx.MultiDiGraph:
    """A regime and the elements stated to be PART_OF_REGIME of it."""
    _need(g, regime_id, "regime")
    if g.nodes[regime_id].get("kind") != ElementKind.REGIME.value:
        raise RcxError(f"{regime_id!r} is not a regime (kind {g.nodes[regime_id].get('kind')})")
    members = {u for u, _, d in g.in_edges(regime_id, data=True) if d.get("type") == PART_OF_REGIME}
    return induced(g, members | {regime_id})


def ngos(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The NGO layer: NGOs, the places they are headquartered in or work in, and their links."""
    ngo_ids = {n for n, d in g.nodes(data=True) if d.get("kind") == ElementKind.NGO.value}
    places = {v for u, v, d in g.edges(data=True) if u in ngo_ids and d.get("type") in _PLACES}
    return induced(g, ngo_ids | places)


def part_iii(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Part III linkages among the elements joined by a nested, overlapping or conflicting one.

    PARALLEL_TO relations between those elements stay (a toggle in the page); an element with
    only PARALLEL_TO relations is left out, since it is linked to nothing.
    """
    keys = [(u, v, k) for u, v, k, d in g.edges(keys=True, data=True) if d.get("type") in _LINKAGES]
    linked = {n for u, v, k in keys if g.edges[u, v, k].get("type") != PARALLEL for n in (u, v)}
    out: nx.MultiDiGraph[Any] = nx.MultiDiGraph(**g.graph)
    out.add_nodes_from((n, g.nodes[n]) for n in g if n in linked)
    for u, v, k in keys:
        if u in linked and v in linked:
            out.add_edge(u, v, key=k)
            out.edges[u, v, k].update(g.edges[u, v, k])
    return out


def select(g: nx.MultiDiGraph, subset: Subset) -> nx.MultiDiGraph:
    """Apply every selection ``subset`` asks for."""
    h = g
    if subset.regime:
        h = regime(h, subset.regime)
    if subset.ngos:
        h = ngos(h)
    if subset.part_iii:
        h = part_iii(h)
    if subset.ego:
        h = ego(h, subset.ego, subset.depth)
    return h if h is not g else nx.MultiDiGraph(g)


def places_of(g: nx.MultiDiGraph, node: str) -> list[str]:
    """Countries/regions an element is headquartered in or works in (ids, first-seen order)."""
    attrs = g.nodes[node]
    seen: dict[str, None] = {}
    for p in [*attrs.get("headquarters", []), *attrs.get("works_in", [])]:
        seen.setdefault(p, None)
    for _, v, d in g.out_edges(node, data=True):
        if d.get("type") in _PLACES:
            seen.setdefault(v, None)
    if attrs.get("category") == Category.PLACE.value:
        seen.setdefault(node, None)
    return list(seen)
