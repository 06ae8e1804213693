"""Typed-graph attributes <-> Neo4j (and FalkorDB) properties, exactly reversible.

Property values cannot be maps or lists of maps, so:

* ``provenance`` is flattened into ``section``, ``footnotes`` (int list), ``derived`` (bool)
  and ``rule`` (only when derived);
* ``notes``, ``figures`` and ``roles_source`` are JSON text (keys sorted);
* lists of strings stay lists; ``kind`` and ``category`` are plain properties;
* a relationship keeps its ``key``, ``linkage`` and payload; its type and ends are the
  relationship's own type and end nodes.

Decoding validates the known fields with the schema's models (so what a user changed with
Cypher is checked) and keeps unknown extra properties as attributes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import networkx as nx
from pydantic import ValidationError

from rcx.graph.store.cypher import kind_of, node_labels, relation_type_of
from rcx.loaders.build import element_attrs, relation_attrs
from rcx.schema.errors import StoreError
from rcx.schema.models import Element, Relation
from rcx.schema.vocabulary import BUILTIN, Vocabulary, of_graph

PROVENANCE_PROPS = ("section", "footnotes", "derived", "rule")
NODE_JSON = ("notes", "figures", "roles_source", "as_printed")
EDGE_JSON = ("notes",)
_NODE_FIELDS = frozenset(Element.model_fields) | {"category"}
_NODE_KNOWN = (_NODE_FIELDS - {"provenance"}) | set(PROVENANCE_PROPS)
_EDGE_PAYLOAD = ("issue", "evidence", "description", "claim", "expanded_from")
_EDGE_KNOWN = frozenset({"key", "linkage", *_EDGE_PAYLOAD, *EDGE_JSON, *PROVENANCE_PROPS})
_EDGE_STRUCTURE = frozenset({"source", "target", "type"})
# not copied as they are: structure, provenance (flattened) and its flat copy, JSON fields
_EDGE_SKIP = _EDGE_STRUCTURE | {"provenance", "derived", "notes"}

NodeRow = tuple[str, tuple[str, ...], dict[str, Any]]
RelRow = tuple[str, str, str, dict[str, Any]]


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _flatten_provenance(prov: Mapping[str, Any], props: dict[str, Any]) -> None:
    props["section"] = prov["section"]
    props["footnotes"] = list(prov.get("footnotes", []))
    props["derived"] = bool(prov.get("derived", False))
    if prov.get("rule") is not None:
        props["rule"] = prov["rule"]


def _provenance(props: Mapping[str, Any]) -> dict[str, Any] | None:
    if "section" not in props:
        return None
    prov = {k: props[k] for k in PROVENANCE_PROPS if props.get(k) is not None}
    prov.setdefault("footnotes", [])
    return prov


def _plain(value: Any, where: str) -> Any:
    """An extra attribute stored as it is; maps and lists of maps cannot be properties."""
    items = value if isinstance(value, list | tuple) else [value]
    if isinstance(value, Mapping) or any(isinstance(v, Mapping | list | tuple) for v in items):
        raise StoreError(f"{where}: a map or nested list cannot be a Neo4j property")
    return list(value) if isinstance(value, tuple) else value


def encode_node(
    node_id: str, attrs: Mapping[str, Any], vocabulary: Vocabulary = BUILTIN
) -> tuple[tuple[str, ...], dict[str, Any]]:
    """``(labels, properties)`` of one element; the labels come from the kind vocabulary."""
    where = f"element {node_id!r}"
    try:
        labels = node_labels(attrs["kind"], vocabulary)
    except (KeyError, ValueError) as e:
        raise StoreError(f"{where}: missing or unknown kind {attrs.get('kind')!r}") from e
    if "provenance" not in attrs:
        raise StoreError(f"{where}: no provenance")
    props: dict[str, Any] = {}
    for name, value in attrs.items():
        if name == "provenance":
            _flatten_provenance(value, props)
        elif name in NODE_JSON:
            props[name] = _json(value)
        elif name in PROVENANCE_PROPS:
            raise StoreError(f"{where}: attribute {name!r} clashes with flattened provenance")
        else:
            props[name] = _plain(value, f"{where}, attribute {name!r}")
    props["id"] = node_id
    return labels, props


def encode_edge(
    attrs: Mapping[str, Any], key: str | None = None, vocabulary: Vocabulary = BUILTIN
) -> tuple[str, str, dict[str, Any]]:
    """``(relationship type, key, properties)`` of one relation (``key`` defaults to the attr).

    Written for speed (a million relations per load): known attributes are copied as they
    are, only unknown extra ones are checked.
    """
    key = str(key if key is not None else attrs["key"])
    try:
        rtype = relation_type_of(attrs["type"], vocabulary).value
    except (KeyError, ValueError) as e:
        raise StoreError(f"relation {key!r}: unknown type {attrs.get('type')!r}") from e
    props = {k: v for k, v in attrs.items() if k not in _EDGE_SKIP}
    for name in props.keys() - _EDGE_KNOWN:
        props[name] = _plain(props[name], f"relation {key!r}, attribute {name!r}")
    if "provenance" not in attrs:
        raise StoreError(f"relation {key!r}: no provenance")
    _flatten_provenance(attrs["provenance"], props)
    notes = attrs.get("notes") or []
    props["notes"] = _json(notes) if notes else "[]"
    props["key"] = key
    return rtype, key, props


def _field_error(what: str, e: ValidationError) -> StoreError:
    first = e.errors()[0]
    field = ".".join(str(p) for p in first["loc"]) or "?"
    return StoreError(f"{what}: field '{field}': {first['msg']}")


def _loads(raw: Any, what: str, name: str) -> Any:
    if not isinstance(raw, str):
        return raw
    try:
        return json.loads(raw)
    except json.JSONDecodeError as e:
        raise StoreError(f"{what}: field '{name}' is not valid JSON ({e.msg})") from e


def decode_node(
    props: Mapping[str, Any], *, where: str = "", vocabulary: Vocabulary = BUILTIN
) -> dict[str, Any]:
    """The graph attributes of a node read from Neo4j; raises ``StoreError`` on bad fields."""
    node_id = props.get("id")
    what = f"Neo4j node {node_id!r}" if node_id is not None else f"Neo4j node {where}"
    for required in ("id", "name", "kind", "section"):
        if props.get(required) is None:
            raise StoreError(f"{what}: required field '{required}' is missing")
    try:
        kind_of(props["kind"], vocabulary)
    except ValueError as e:
        raise StoreError(f"{what}: field 'kind': {props['kind']!r} is not in the vocabulary") from e
    record = {k: v for k, v in props.items() if k in _NODE_FIELDS and k != "category"}
    for name in NODE_JSON:
        if name in record:
            record[name] = _loads(record[name], what, name)
    record["provenance"] = _provenance(props)
    try:
        el = Element.model_validate(record, context=vocabulary.context())
    except ValidationError as e:
        raise _field_error(what, e) from e
    extras = {k: v for k, v in props.items() if k not in _NODE_KNOWN}
    return element_attrs(el) | extras


def decode_edge(
    source: str,
    target: str,
    rtype: str,
    props: Mapping[str, Any],
    vocabulary: Vocabulary = BUILTIN,
) -> tuple[str, dict[str, Any]]:
    """``(key, attributes)`` of a relationship read from Neo4j; ``StoreError`` on bad fields."""
    what = f"Neo4j relationship ({source})-[:{rtype}]->({target}) key {props.get('key')!r}"
    try:
        relation_type_of(rtype, vocabulary)
    except ValueError as e:
        raise StoreError(f"{what}: type {rtype!r} is not in the vocabulary") from e
    if props.get("section") is None:
        raise StoreError(f"{what}: required field 'section' is missing")
    record: dict[str, Any] = {"source": source, "target": target, "type": rtype}
    record |= {k: props[k] for k in _EDGE_PAYLOAD if props.get(k) is not None}
    if "notes" in props:
        record["notes"] = _loads(props["notes"], what, "notes")
    record["provenance"] = _provenance(props)
    try:
        rel = Relation.model_validate(record, context=vocabulary.context())
    except ValidationError as e:
        raise _field_error(what, e) from e
    attrs = relation_attrs(rel)
    if isinstance(props.get("linkage"), bool):
        attrs["linkage"] = props["linkage"]
    extras = {k: v for k, v in props.items() if k not in _EDGE_KNOWN}
    return rel.key, attrs | extras


def node_rows(g: nx.MultiDiGraph) -> Iterator[NodeRow]:
    """``(id, labels, properties)`` for every node (FalkorDB's ``load_property_graph`` rows)."""
    vocabulary = of_graph(g.graph)
    for node_id, attrs in g.nodes(data=True):
        labels, props = encode_node(node_id, attrs, vocabulary)
        yield node_id, labels, props


def relationship_rows(g: nx.MultiDiGraph) -> Iterator[RelRow]:
    """``(source, target, type, properties)`` for every edge, ``key`` among the properties."""
    vocabulary = of_graph(g.graph)
    for source, target, edge_key, attrs in g.edges(keys=True, data=True):
        rtype, key, props = encode_edge(attrs, edge_key, vocabulary)
        props["key"] = key
        yield source, target, rtype, props


def dataset_props(g: nx.MultiDiGraph) -> dict[str, Any] | None:
    """The ``RcxDataset`` node's properties, or ``None`` if *g* names no dataset."""
    if not g.graph.get("dataset"):
        return None
    props = {k: v for k, v in g.graph.items() if isinstance(v, str | int | float | bool)}
    props["id"] = str(props.pop("dataset"))
    return props


def _vocabulary(g: nx.MultiDiGraph) -> Vocabulary:
    try:
        return of_graph(g.graph)
    except ValueError as e:
        raise StoreError(f"the RcxDataset node's 'vocabulary' is not valid: {e}") from e


def build_graph(
    nodes: Iterable[Mapping[str, Any]],
    rels: Iterable[Mapping[str, Any]],
    meta: Iterable[Mapping[str, Any]],
) -> nx.MultiDiGraph:
    """The typed graph from read-back records (either engine): ``{id, eid, props}`` nodes,
    ``{source, target, type, props}`` relationships, ``{props}`` dataset nodes."""
    g: nx.MultiDiGraph[Any] = nx.MultiDiGraph()
    props_list = [dict(m["props"]) for m in meta]
    if props_list:
        g.graph["dataset"] = "+".join(str(p.pop("id", "")) for p in props_list)
        if len(props_list) == 1:
            g.graph.update(props_list[0])
    vocabulary = _vocabulary(g)  # the dataset's own kinds and types, kept on its node
    for rec in nodes:
        attrs = decode_node(rec["props"], where=rec["eid"], vocabulary=vocabulary)
        g.add_node(attrs["id"], **attrs)
    edges = []
    for rec in rels:
        key, attrs = decode_edge(
            rec["source"], rec["target"], rec["type"], rec["props"], vocabulary
        )
        edges.append((rec["source"], rec["target"], key, attrs))
    for source, target, key, attrs in sorted(edges, key=lambda e: (e[0], e[1], e[2])):
        if g.has_edge(source, target, key):
            raise StoreError(f"the store holds two relationships with the key {key!r}")
        g.add_edge(source, target, key=key)
        g.edges[source, target, key].update(attrs)
    return g
