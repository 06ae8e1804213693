"""Which relations count as edges: layer specs, the element (linkage) graph, parallel pairs.

The typed graph ``g`` has one edge per relation. Analyses run on a *linkage graph*: an undirected
simple graph over the elements whose edges are the relations of a chosen layer. ``PARALLEL_TO``
is the paper's asserted *absence* of linkage (III.A.3) and never becomes an edge; it is read with
:func:`parallel_pairs` instead.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from typing import Any

import networkx as nx
import numpy as np

from rcx.graph.analysis.guards import simple_graph_only
from rcx.graph.deps import igraph
from rcx.schema.vocab import LINKAGE_TYPES, PLACE_TYPES, Category, RelationType
from rcx.schema.vocabulary import of_graph

PLACE = Category.PLACE.value
PARALLEL = RelationType.PARALLEL_TO.value
CONFLICT = RelationType.CONFLICTS_WITH.value
OVERLAP = RelationType.OVERLAPS_WITH.value
NESTED = RelationType.NESTED_IN.value
PART_OF_REGIME = RelationType.PART_OF_REGIME.value

_LINKS = frozenset(t.value for t in LINKAGE_TYPES) - {PARALLEL}
_PLACES = frozenset(t.value for t in PLACE_TYPES)
_ALL = frozenset(t.value for t in RelationType) - {PARALLEL}
_STRUCTURAL = _ALL - _PLACES - {RelationType.INSTANCE_OF.value}  # membership is not a link


@dataclass(frozen=True)
class LayerSpec:
    """Which relation types become edges, and whether derived relations and places count.

    Member-level expansions of class-level claims (edges with ``expanded_from``) are left out
    unless ``include_expanded`` (and ``include_derived``): the class-level claim counts once.

    ``PARALLEL_TO`` is rejected: it asserts that two elements are *not* linked.

    >>> LayerSpec.linkages().relation_types == {"NESTED_IN", "OVERLAPS_WITH", "CONFLICTS_WITH"}
    True
    >>> LayerSpec.from_names(["PARALLEL_TO"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: PARALLEL_TO is an asserted absence of linkage and never an edge; use ...
    """

    name: str
    relation_types: frozenset[str]
    include_derived: bool = True
    include_places: bool = False
    include_expanded: bool = False

    def __post_init__(self) -> None:
        names = frozenset(str(getattr(t, "value", t)) for t in self.relation_types)
        _validate(names)
        object.__setattr__(self, "relation_types", names)

    @classmethod
    def linkages(cls, *, include_derived: bool = True) -> LayerSpec:
        """Part III's linkages that *are* links: NESTED_IN, OVERLAPS_WITH, CONFLICTS_WITH."""
        return cls("linkages", _LINKS, include_derived=include_derived)

    @classmethod
    def structural(cls, *, include_derived: bool = True) -> LayerSpec:
        """Linkages plus every structural relation except WORKS_IN / HEADQUARTERED_IN."""
        return cls("structural", _STRUCTURAL, include_derived=include_derived)

    @classmethod
    def everything(cls, *, include_derived: bool = True) -> LayerSpec:
        """Every relation type (but PARALLEL_TO), with places as nodes."""
        return cls("everything", _ALL, include_derived=include_derived, include_places=True)

    @classmethod
    def from_names(
        cls,
        types: Iterable[str | RelationType],
        *,
        include_derived: bool = True,
        include_places: bool = False,
        name: str | None = None,
    ) -> LayerSpec:
        """A custom layer from relation type names (validated against ``RelationType``)."""
        names = frozenset(str(getattr(t, "value", t)).strip().upper() for t in types)
        _validate(names)
        return cls(name or "+".join(sorted(names)), names, include_derived, include_places)

    def with_expanded(self, include: bool = True) -> LayerSpec:
        """The same layer, with member-level expansions of class-level claims brought in."""
        return LayerSpec(
            self.name, self.relation_types, self.include_derived, self.include_places, include
        )

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["relation_types"] = sorted(self.relation_types)
        return d


def _validate(names: frozenset[str]) -> None:
    if PARALLEL in names:
        raise ValueError(
            "PARALLEL_TO is an asserted absence of linkage and never an edge; use parallel_pairs()"
        )
    unknown = sorted(names - {t.value for t in RelationType})
    if unknown:
        valid = ", ".join(sorted(_ALL))
        raise ValueError(f"unknown relation type(s) {unknown}; valid: {valid}")


def is_place(data: dict[str, Any]) -> bool:
    """Whether node attributes describe a place (a state or region)."""
    return data.get("category") == PLACE


def is_expanded(data: dict[str, Any]) -> bool:
    """Whether edge attributes describe a member-level expansion of a class-level claim."""
    return bool(data.get("expanded_from"))


def _edges(
    g: nx.MultiDiGraph,
    types: frozenset[str] | set[str],
    include_derived: bool,
    include_expanded: bool = False,
):
    for u, v, d in g.edges(data=True):
        if (
            d.get("type") in types
            and (include_derived or not d.get("derived"))
            and (include_expanded or not d.get("expanded_from"))
        ):
            yield u, v, d


def added_types(g: nx.MultiDiGraph, spec: LayerSpec) -> frozenset[str]:
    """The relation types the dataset adds, when ``spec`` takes every built-in structural type.

    A layer of all structural relations ('structural', 'everything') then takes the dataset's
    own ones too; they are never linkages, so the 'linkages' layer never does.
    """
    if not spec.relation_types >= _STRUCTURAL:
        return frozenset()
    return frozenset(of_graph(g.graph).extension.relation_types)


def linkage_graph(g: nx.MultiDiGraph, spec: LayerSpec | None = None) -> nx.Graph:
    """The undirected simple graph over elements whose edges are the relations of ``spec``.

    Nodes: every non-place node of ``g`` (isolated ones included: isolation is data), plus places
    when ``spec.include_places``. Node attributes are copied, and two are added: ``regimes`` (the
    sorted targets of the element's PART_OF_REGIME relations) and ``issues`` (the issue labels of
    its OVERLAPS_WITH / CONFLICTS_WITH relations, one entry per relation, sorted). Parallel
    relations of ``g`` collapse into one edge with ``types`` (frozenset of relation types),
    ``issues`` (frozenset; equal sets are one shared object), ``weight`` (number of relations),
    ``signed`` (-1 if any is CONFLICTS_WITH, else +1) and ``derived`` (True only if every
    relation behind it is derived). ``G.graph["spec"]`` records
    the spec as a dict. Default spec: :meth:`LayerSpec.linkages`.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", category="HardLaw"); g.add_node("b", category="HardLaw")
    >>> g.add_node("c", category="PrivateActor"); g.add_node("x", category="Place")
    >>> _ = g.add_edge("a", "b", type="CONFLICTS_WITH", issue="approach", derived=False)
    >>> _ = g.add_edge("b", "a", type="OVERLAPS_WITH", issue="prosecution", derived=False)
    >>> _ = g.add_edge("c", "a", type="PARALLEL_TO", derived=False)
    >>> G = linkage_graph(g)
    >>> sorted(G), G.number_of_edges(), G["a"]["b"]["weight"], G["a"]["b"]["signed"]
    (['a', 'b', 'c'], 1, 2, -1)
    """
    spec = spec or LayerSpec.linkages()
    # Canonical order (issue 10): nodes sorted by id, attributes by name, so the graph, its
    # adjacency and everything seeded downstream are the same whatever order the store (files,
    # Neo4j, an export read back) handed the records over in.
    nodes = {
        n: {**{k: d[k] for k in sorted(d)}, "regimes": [], "issues": []}
        for n, d in sorted(g.nodes(data=True), key=_item_key)
        if spec.include_places or not is_place(d)
    }
    order = list(nodes)
    rank = {n: i for i, n in enumerate(order)}
    N = len(order) + 1
    edges: dict[int, dict[str, Any]] = {}  # key: rank(u) * N + rank(v), rank(u) < rank(v)
    types, derived_ok = spec.relation_types | added_types(g, spec), spec.include_derived
    expanded_ok = spec.include_expanded
    for u, v, d in g.edges(data=True):  # one pass: node annotations and layer edges
        t = d.get("type")
        if (not derived_ok and d.get("derived")) or (not expanded_ok and d.get("expanded_from")):
            continue
        issue = d.get("issue")
        if t == PART_OF_REGIME and u in nodes:
            nodes[u]["regimes"].append(v)
        elif issue and t in (OVERLAP, CONFLICT):
            for x in (u, v):
                if x in nodes:
                    nodes[x]["issues"].append(issue)
        if t not in types or u == v or u not in nodes or v not in nodes:
            continue
        a, b = rank[u], rank[v]
        key = a * N + b if a < b else b * N + a
        e = edges.get(key)
        if e is None:
            e = edges[key] = {
                "types": set(),
                "issues": set(),
                "weight": 0,
                "derived": True,
                "signed": 1,
            }
        e["types"].add(t)
        e["weight"] += 1
        e["derived"] = e["derived"] and bool(d.get("derived"))
        if issue:
            e["issues"].add(issue)
        if t == CONFLICT:
            e["signed"] = -1
    for d in nodes.values():
        d["regimes"] = sorted(set(d["regimes"]))
        d["issues"] = sorted(d["issues"])
    shared: dict[frozenset[str], frozenset[str]] = {}  # one object per distinct set: less memory
    for e in edges.values():
        e["types"] = shared.setdefault(frozenset(e["types"]), frozenset(e["types"]))
        e["issues"] = shared.setdefault(frozenset(e["issues"]), frozenset(e["issues"]))
    G: nx.Graph[Any] = nx.Graph(
        spec=spec.as_dict() | {"relation_types": sorted(types)}, dataset=g.graph.get("dataset", "")
    )
    G.add_nodes_from(nodes.items())
    # edges by (rank u, rank v), u before v: each node's adjacency is then in node order too
    G.add_edges_from((order[k // N], order[k % N], edges[k]) for k in sorted(edges))
    return G


def edge_count(G: nx.Graph) -> int:
    """``G.number_of_edges()`` (O(n) in networkx), remembered in ``G.__networkx_cache__``,
    which networkx clears when edges or nodes are added or removed.

    >>> edge_count(nx.path_graph(4))
    3
    """
    cache = graph_cache(G)
    if cache is None:
        return G.number_of_edges()
    m = cache.get("rcx-edges")
    if m is None:
        m = cache["rcx-edges"] = G.number_of_edges()
    return int(m)


def node_key(n: Any) -> str:
    """The sort key of the canonical node order: the id as a string.

    >>> sorted(["b", "a10", "a2"], key=node_key)
    ['a10', 'a2', 'b']
    """
    return str(n)


def _item_key(item: tuple[Any, Any]) -> str:
    return str(item[0])


def canonical_nodes(G: nx.Graph) -> list[Any]:
    """``G``'s nodes in canonical order (sorted by :func:`node_key`; the sort is stable).

    >>> canonical_nodes(nx.Graph([("b", "a"), ("c", "b")]))
    ['a', 'b', 'c']
    """
    return sorted(G, key=node_key)


def _pairs(
    g: nx.MultiDiGraph, rtype: str, include_derived: bool, include_expanded: bool = False
) -> set[frozenset[str]]:
    return {
        frozenset((u, v))
        for u, v, _ in _edges(g, {rtype}, include_derived, include_expanded)
        if u != v
    }


def parallel_pairs(
    g: nx.MultiDiGraph, *, include_derived: bool = True, include_expanded: bool = False
) -> set[frozenset[str]]:
    """Unordered pairs the source asserts are *parallel* (PARALLEL_TO: no linkage between them).

    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("ngo", "treaty", type="PARALLEL_TO", derived=True)
    >>> parallel_pairs(g) == {frozenset({"ngo", "treaty"})}
    True
    >>> parallel_pairs(g, include_derived=False)
    set()
    >>> _ = g.add_edge("ngo2", "treaty", type="PARALLEL_TO", derived=True, expanded_from="c1")
    >>> len(parallel_pairs(g)), len(parallel_pairs(g, include_expanded=True))
    (1, 2)
    """
    return _pairs(g, PARALLEL, include_derived, include_expanded)


def conflict_pairs(
    g: nx.MultiDiGraph, *, include_derived: bool = True, include_expanded: bool = False
) -> set[frozenset[str]]:
    """Unordered pairs joined by at least one CONFLICTS_WITH relation.

    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("a", "b", type="CONFLICTS_WITH", issue="approach", derived=False)
    >>> conflict_pairs(g) == {frozenset({"a", "b"})}
    True
    """
    return _pairs(g, CONFLICT, include_derived, include_expanded)


def nesting_digraph(
    g: nx.MultiDiGraph, *, include_derived: bool = True, include_expanded: bool = False
) -> nx.DiGraph:
    """NESTED_IN as a simple directed graph: an edge ``child -> parent`` per nested pair.

    Nodes are every non-place node of ``g`` (so un-nested elements are present, with no edges);
    node attributes are copied.

    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("protocol", "convention", type="NESTED_IN", derived=False)
    >>> list(nesting_digraph(g).edges())
    [('protocol', 'convention')]
    """
    D: nx.DiGraph[Any] = nx.DiGraph(
        dataset=g.graph.get("dataset", ""), include_derived=include_derived
    )
    D.add_nodes_from((n, dict(d)) for n, d in g.nodes(data=True) if not is_place(d))
    D.add_edges_from(
        (u, v)
        for u, v, _ in _edges(g, {NESTED}, include_derived, include_expanded)
        if u != v and u in D and v in D
    )
    return D


def graph_cache(G: nx.Graph) -> dict[Any, Any] | None:
    """``G.__networkx_cache__`` (cleared by networkx whenever ``G`` is mutated), or ``None`` for
    graph views: a view follows its parent's mutations, which do not clear the view's cache."""
    return None if hasattr(G, "_graph") else getattr(G, "__networkx_cache__", None)


@contextmanager
def igraph_seed(seed: int | None) -> Iterator[None]:
    """Run igraph's randomised routines on ``random.Random(seed)``, then restore its RNG."""
    ig = import_igraph()
    ig.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        ig.set_random_number_generator(random)


def import_igraph() -> Any:
    """``import igraph`` without igraph importing matplotlib (:func:`rcx.graph.deps.igraph`).

    Import igraph (and leidenalg, which imports igraph) through this function.
    """
    return igraph()


@simple_graph_only
def to_igraph(G: nx.Graph) -> tuple[Any, list[Any]]:
    """``G`` as an undirected igraph ``Graph`` and the node list (vertex ``i`` is ``nodes[i]``).

    Canonical whatever ``G``'s insertion order: vertices in :func:`canonical_nodes` order, edges
    sorted by (smaller, larger) vertex index, so seeded igraph routines (rewiring, Louvain,
    Leiden) give the same result for the same graph content. Cached in
    ``G.__networkx_cache__`` (networkx clears that cache when the graph is mutated; graph views
    are not cached), so several measures on one graph convert it once. Edge multiplicity and
    attributes are dropped: measures that use igraph are unweighted. Do not mutate the returned
    graph (copy it). A directed graph or multigraph is refused
    (:class:`rcx.graph.analysis.guards.GraphTypeError`).

    >>> ig_g, nodes = to_igraph(nx.Graph([(2, 1), (1, 0)]))
    >>> ig_g.vcount(), ig_g.get_edgelist(), nodes
    (3, [(0, 1), (1, 2)], [0, 1, 2])
    """
    ig = import_igraph()
    cache = graph_cache(G)
    key = ("rcx-igraph", G.number_of_nodes(), edge_count(G))
    if cache is not None and key in cache:
        return cache[key]
    nodes = canonical_nodes(G)
    index = {n: i for i, n in enumerate(nodes)}
    m = edge_count(G)
    uv = np.fromiter((index[x] for e in G.edges() for x in e), dtype=np.int64, count=2 * m)
    uv = uv.reshape(-1, 2)
    a, b = uv.min(axis=1), uv.max(axis=1)
    keep = a != b
    a, b = a[keep], b[keep]
    order = np.lexsort((b, a))
    edges = np.stack([a[order], b[order]], axis=1)
    out = (ig.Graph(n=len(nodes), edges=edges.tolist(), directed=False), nodes)
    if cache is not None:
        for old in [k for k in cache if isinstance(k, tuple) and k[:1] == ("rcx-igraph",)]:
            del cache[old]
        cache[key] = out
    return out
