"""Values in and out of FalkorDB: property and parameter checks, result decoding.

FalkorDB stores ``[]`` as an empty list and stores mixed-type or nested lists as they are;
Neo4j refuses mixed-type and nested lists, so :func:`clean_properties` rejects them to keep
both back ends loading the same data.  Lists containing ``null`` are rejected by FalkorDB.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from falkordb.edge import Edge
from falkordb.node import Node
from falkordb.path import Path as FalkorPath

from rcx.graph.store.embedded.errors import PropertyValueError

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1


def _check_key(key: object, where: str) -> str:
    """Validate a map key (backticked by the client, so most text is fine)."""
    if not isinstance(key, str) or not key or "`" in key or "\x00" in key:
        raise PropertyValueError(
            f"{where}: invalid key {key!r} "
            "(keys must be non-empty strings without backticks or NUL)"
        )
    return key


def _check_scalar(value: object, where: str) -> None:
    """Reject scalars that FalkorDB's parameter encoding would corrupt."""
    if isinstance(value, bool) or value is None:
        return
    if isinstance(value, int):
        if not INT64_MIN <= value <= INT64_MAX:
            raise PropertyValueError(f"{where}: integer {value} does not fit in 64 bits")
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise PropertyValueError(f"{where}: non-finite float {value!r} is not supported")
    elif isinstance(value, str):
        if "\x00" in value:
            raise PropertyValueError(f"{where}: strings may not contain NUL characters")
    else:
        raise PropertyValueError(f"{where}: unsupported value type {type(value).__name__}")


def _scalar_kind(value: object) -> str:
    """Storage type name used for the homogeneous-list rule."""
    return "bool" if isinstance(value, bool) else type(value).__name__


def _clean_value(value: object, where: str) -> object:
    """Validate one property value; return it (tuples become lists)."""
    if isinstance(value, Mapping):
        raise PropertyValueError(
            f"{where}: nested maps cannot be stored as property values; "
            "serialise them (e.g. to JSON) first"
        )
    if isinstance(value, list | tuple):
        kinds = set()
        for item in value:
            if item is None or isinstance(item, list | tuple | Mapping):
                raise PropertyValueError(
                    f"{where}: lists may only hold strings, numbers or booleans (found {item!r})"
                )
            _check_scalar(item, where)
            kinds.add(_scalar_kind(item))
        if len(kinds) > 1:
            raise PropertyValueError(
                f"{where}: mixed-type list ({', '.join(sorted(kinds))}); "
                "Neo4j cannot store it, convert the items first"
            )
        return list(value)
    _check_scalar(value, where)
    return value


def clean_properties(props: Mapping[str, object], where: str) -> dict[str, object]:
    """Validate a property map for storage; ``None`` values are dropped.

    Raises:
        PropertyValueError: for nested maps, lists of lists / with nulls /
            of mixed types, non-finite floats, integers beyond 64 bits, NUL
            characters or unsupported types.

    >>> clean_properties({"name": "UNODC", "note": None, "tags": ("a", "b")}, "node 'x'")
    {'name': 'UNODC', 'tags': ['a', 'b']}
    """
    if not isinstance(props, Mapping):
        raise PropertyValueError(
            f"{where}: properties must be a mapping, got {type(props).__name__}"
        )
    return {
        _check_key(key, where): _clean_value(value, f"{where}, property {key!r}")
        for key, value in props.items()
        if value is not None
    }


def _check_param(value: object, where: str) -> None:
    """Validate a query parameter value recursively (maps and nulls allowed)."""
    if isinstance(value, Mapping):
        for key, item in value.items():
            _check_param(item, f"{where}.{_check_key(key, where)}")
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            _check_param(item, f"{where}[{index}]")
    else:
        _check_scalar(value, where)


def check_params(params: Mapping[str, object] | None) -> dict[str, object] | None:
    """Validate query parameters; see :func:`_check_scalar` for what is refused."""
    if params is None:
        return None
    for key, value in params.items():
        _check_param(value, f"parameter ${_check_key(key, 'query parameters')}")
    return dict(params)


def to_python(value: Any) -> Any:
    """Convert a FalkorDB result value to plain Python.

    Nodes become ``{**properties, "_labels": [...]}``, relationships
    ``{**properties, "_type": "..."}``, paths a list alternating nodes and
    relationships, maps ``dict``; lists are converted item by item.  Numbers keep
    FalkorDB's types (``sum`` always gives a float there; see the package notes).
    """
    if isinstance(value, Node):
        node = {key: to_python(item) for key, item in value.properties.items()}
        node["_labels"] = list(value.labels or [])
        return node
    if isinstance(value, Edge):
        rel = {key: to_python(item) for key, item in value.properties.items()}
        rel["_type"] = value.relation
        return rel
    if isinstance(value, FalkorPath):
        items: list[Any] = []
        for index, node in enumerate(value.nodes()):
            if index:
                items.append(to_python(value.get_edge(index - 1)))
            items.append(to_python(node))
        return items
    if isinstance(value, Mapping):
        return {key: to_python(item) for key, item in value.items()}
    if isinstance(value, list):
        return [to_python(item) for item in value]
    return value
