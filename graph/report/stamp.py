"""The stamp on every report: what to cite so that someone else gets the same numbers.

A report is reproducible from (rcx version, dataset content, options, seed, library versions).
The dataset's content is identified by :func:`content_checksum`, a sha256 of the canonical JSON
of the typed graph's records: nodes sorted by id, edges sorted by (source, target, key), keys
sorted, empty values dropped. It does not change when the dataset's files are reordered or
reformatted, and it is the same for a graph read from files and one read back from a store
that keeps every record.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import networkx as nx

from rcx.graph.report.trace import to_jsonable

# Libraries whose versions can change a number: graph algorithms, RNG streams, numerics.
NUMERIC_LIBRARIES = ("networkx", "python-igraph", "leidenalg", "numpy", "scipy")


def _canonical(value: Any) -> Any:
    """Values as the same JSON whatever the store: tuples as lists, empties dropped."""
    if isinstance(value, dict):
        return {
            str(k): _canonical(v)
            for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))
            if v not in (None, "", [], {}, ())
        }
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    return to_jsonable(value)


def content_checksum(g: nx.MultiDiGraph) -> str:
    """``sha256:<hex>`` of the graph's records in canonical order (see the module docstring).

    >>> a = nx.MultiDiGraph(); a.add_node("x", kind="ngo"); a.add_node("y", notes=[])
    >>> b = nx.MultiDiGraph(); b.add_node("y"); b.add_node("x", kind="ngo")
    >>> content_checksum(a) == content_checksum(b)
    True
    """
    nodes = [
        [str(n), _canonical(dict(d))]
        for n, d in sorted(g.nodes(data=True), key=lambda nd: str(nd[0]))
    ]
    edges = sorted(
        [str(u), str(v), str(k), _canonical(dict(d))]
        for u, v, k, d in g.edges(keys=True, data=True)
    )
    text = json.dumps(
        {"nodes": nodes, "edges": edges},
        sort_keys=True,
        ensure_ascii=True,
        separators=(",", ":"),
        allow_nan=False,
    )
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def canonical_graph(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``g`` with nodes sorted by id and edges by (source, target, key).

    Every random step downstream (null models, Louvain, Leiden) then sees the same order
    whether ``g`` came from files, a shuffled copy of them or a store.

    >>> a = nx.MultiDiGraph(); _ = a.add_edge("b", "a", "k"); a.add_node("c")
    >>> list(canonical_graph(a))
    ['a', 'b', 'c']
    """
    out: nx.MultiDiGraph = nx.MultiDiGraph(**g.graph)
    out.add_nodes_from(sorted(g.nodes(data=True), key=lambda nd: str(nd[0])))
    for u, v, k, d in sorted(
        g.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2]))
    ):
        out.add_edge(u, v, k)
        out.edges[u, v, k].update(d)  # edge data holds a "key" field: no keyword arguments
    return out


def library_versions() -> dict[str, str]:
    """Installed versions of :data:`NUMERIC_LIBRARIES` (``"not installed"`` if absent)."""
    out = {}
    for name in NUMERIC_LIBRARIES:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "not installed"
    return out


def rcx_version() -> str:
    """``rcx.__version__``."""
    from rcx import __version__

    return __version__


def safe_source(text: str) -> str:
    """``text`` without any user or password a URI may carry.

    >>> safe_source("neo4j://user:secret@db.example:7687 database x")
    'neo4j://db.example:7687 database x'
    """
    return re.sub(r"(//)[^/@\s]*@", r"\1", text)


def make_stamp(
    g: nx.MultiDiGraph,
    *,
    options: dict[str, Any],
    seed: int,
    null_samples: dict[str, int],
    source: str = "",
    now: datetime | None = None,
) -> dict[str, Any]:
    """The stamp: version, dataset id and checksum, options, seed, null samples, libraries,
    time (UTC, ISO 8601) and ``source`` (a folder or a Neo4j URI without credentials)."""
    when = (now or datetime.now(UTC)).replace(microsecond=0)
    return {
        "rcx_version": rcx_version(),
        "dataset": str(g.graph.get("dataset", "")),
        "checksum": content_checksum(g),
        "elements": g.number_of_nodes(),
        "relations": g.number_of_edges(),
        "layer": options.get("layers"),
        "options": to_jsonable(options),
        "seed": seed,
        "null_samples": dict(null_samples),
        "libraries": library_versions(),
        "time": when.isoformat().replace("+00:00", "Z"),
        "source": safe_source(source),
    }


def stamp_line(stamp: dict[str, Any]) -> str:
    """The stamp as one sentence for a report's head and a figure's metadata."""
    libs = ", ".join(f"{k} {v}" for k, v in stamp["libraries"].items())
    nulls = ", ".join(f"{k} {v}" for k, v in stamp["null_samples"].items()) or "none"
    return (
        f"rcx {stamp['rcx_version']}; dataset {stamp['dataset']} ({stamp['checksum'][:19]}…"
        f", {stamp['elements']} elements, {stamp['relations']} relations); layer "
        f"{stamp['layer']}; seed {stamp['seed']}; null samples: {nulls}; {libs}; "
        f"{stamp['time']}" + (f"; source {stamp['source']}" if stamp["source"] else "")
    )
