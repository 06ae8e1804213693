"""Values every export can hold: finite numbers for JSON, XML-1.0 characters for XML.

Validation refuses NaN, infinities and characters XML 1.0 forbids at input; an exporter must
still never write an invalid file when handed a graph built some other way, so:

* :func:`finite` replaces ``NaN`` and ``±Infinity`` (anywhere in nested lists and maps) with
  ``None``, which JSON writes as ``null`` — JSON has no spelling for them;
* :func:`xml_text` replaces each character XML 1.0 forbids (C0 controls other than tab, line
  feed and carriage return, lone surrogates, U+FFFE and U+FFFF) with U+FFFD, the replacement
  character: XML has no escape for them, not even ``&#xFFFF;``.

>>> finite({"v": [1.0, float("nan"), float("inf")]})
{'v': [1.0, None, None]}
>>> xml_text("a\\uffffb\\x00c")
'a\\ufffdb\\ufffdc'
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

import networkx as nx

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
REPLACEMENT = "\ufffd"


def finite(value: Any) -> Any:
    """``value`` with every non-finite float replaced by ``None`` (containers copied)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [finite(v) for v in value]
    return value


def xml_text(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot hold replaced by U+FFFD."""
    return _XML_FORBIDDEN.sub(REPLACEMENT, text)


def xml_value(value: Any) -> Any:
    """An attribute value ready for XML: strings cleaned, non-finite floats as ``None``."""
    if isinstance(value, str):
        return xml_text(value)
    return finite(value)


def _has_nonfinite(value: Any) -> bool:
    if isinstance(value, float):
        return not math.isfinite(value)
    if isinstance(value, dict):
        return any(_has_nonfinite(v) for v in value.values())
    if isinstance(value, list | tuple):
        return any(_has_nonfinite(v) for v in value)
    return False


def _finite_attrs(attrs: dict[str, Any]) -> dict[str, Any]:
    # a top-level NaN attribute is dropped (no format has a null property); nested ones -> null
    return {
        k: finite(v)
        for k, v in attrs.items()
        if not (isinstance(v, float) and not math.isfinite(v))
    }


def finite_graph(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """``g`` itself if every number in it is finite, else a copy without NaN or infinities."""
    items = [g.graph, *(d for _, d in g.nodes(data=True)), *(d for *_, d in g.edges(data=True))]
    if not any(_has_nonfinite(d) for d in items):
        return g
    h: nx.MultiDiGraph[Any] = nx.MultiDiGraph(**_finite_attrs(dict(g.graph)))
    h.add_nodes_from((n, _finite_attrs(d)) for n, d in g.nodes(data=True))
    for u, v, k, d in g.edges(keys=True, data=True):
        h.add_edge(u, v, key=k)
        h.edges[u, v, k].update(_finite_attrs(d))
    return h


def dumps_json(value: Any, **kwargs: Any) -> str:
    """``json.dumps`` that cannot write ``NaN`` or ``Infinity`` (they become ``null``)."""
    return json.dumps(finite(value), allow_nan=False, **kwargs)
