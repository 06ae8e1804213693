"""Graph-type guards: measures of the linkage graph refuse any other kind of graph.

A measure written for the undirected simple linkage graph ``G`` gives a wrong number, not an
error, on the typed ``nx.MultiDiGraph`` ``g`` (parallel relations count twice, direction halves
the neighbours): e.g. the literal core test's coverage comes out above 1. :func:`simple_graph_only`
turns that into an error, in the manner of networkx's ``@not_implemented_for("directed",
"multigraph")``; the error is both an :class:`~rcx.schema.errors.RcxError` (so the CLI reports it)
and a ``networkx.NetworkXNotImplemented`` (so networkx-style callers catch it).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import networkx as nx

from rcx.schema.errors import RcxError

F = TypeVar("F", bound=Callable[..., Any])


class GraphTypeError(RcxError, nx.NetworkXNotImplemented):
    """A measure was given a directed graph or a multigraph; it needs the simple linkage graph."""


def check_simple_graph(G: Any, what: str) -> None:
    """Raise :class:`GraphTypeError` unless ``G`` is an undirected simple networkx graph.

    >>> check_simple_graph(nx.Graph(), "density")
    >>> check_simple_graph(nx.MultiDiGraph(), "density")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    rcx.graph.analysis.guards.GraphTypeError: density needs ... not a directed multigraph ...
    """
    kinds = [
        k for k, bad in (("directed", G.is_directed()), ("multigraph", G.is_multigraph())) if bad
    ]
    if kinds:
        raise GraphTypeError(
            f"{what} needs the undirected simple linkage graph, not a {' '.join(kinds)} "
            f"({type(G).__name__}); build it with "
            "rcx.graph.analysis.layers.linkage_graph(g, spec)"
        )


def simple_graph_only(func: F) -> F:
    """Decorator: the first argument must be an undirected simple graph (else GraphTypeError).

    >>> @simple_graph_only
    ... def order(G):
    ...     return len(G)
    >>> order(nx.path_graph(3))
    3
    >>> order(nx.DiGraph())  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    rcx.graph.analysis.guards.GraphTypeError: order needs the undirected simple linkage graph, ...
    """

    @functools.wraps(func)
    def wrapper(G: Any, *args: Any, **kwargs: Any) -> Any:
        check_simple_graph(G, func.__name__)
        return func(G, *args, **kwargs)

    return wrapper  # type: ignore[return-value]
