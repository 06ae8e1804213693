"""Loading a property graph into FalkorDB with parameterised ``UNWIND $rows`` batches.

The Cypher comes from :mod:`rcx.graph.store.cypher` (labels and relationship types from the
schema's vocabularies); values always travel as parameters.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import redis
from falkordb.graph import Graph

from rcx.graph.store import cypher
from rcx.graph.store.embedded.errors import EmbeddedFalkorError
from rcx.graph.store.embedded.run import _query_error, execute
from rcx.graph.store.embedded.values import clean_properties
from rcx.schema.vocabulary import BUILTIN, Vocabulary

NodeRow = tuple[str, Sequence[str], Mapping[str, object]]
RelRow = tuple[str, str, str, Mapping[str, object]]


@dataclass(frozen=True)
class LoadStats:
    """What :func:`load_property_graph` wrote."""

    nodes: int
    relationships: int
    id_label: str | None


def _checked(build: Any, *args: Any, where: str) -> str:
    """A builder's Cypher, its ``ValueError`` (a name outside the vocabulary) a StoreError."""
    try:
        return str(build(*args))
    except ValueError as e:
        raise EmbeddedFalkorError(f"{where}: {e}") from e


def _prepare_nodes(
    nodes: Iterable[NodeRow], vocabulary: Vocabulary
) -> tuple[dict[tuple[str, ...], list[dict[str, object]]], list[str], set[str]]:
    """Validate nodes; group their property maps by label tuple.

    Returns the groups, the labels every node carries (in first-seen order)
    and the set of node ids.
    """
    groups: dict[tuple[str, ...], list[dict[str, object]]] = {}
    common: list[str] | None = None
    ids: set[str] = set()
    for node_id, labels, props in nodes:
        where = f"node {node_id!r}"
        if not isinstance(node_id, str) or not node_id:
            raise EmbeddedFalkorError(f"{where}: node ids must be non-empty strings")
        if node_id in ids:
            raise EmbeddedFalkorError(f"{where}: duplicate node id")
        ids.add(node_id)
        if isinstance(labels, str):
            raise EmbeddedFalkorError(f"{where}: labels must be a list of strings, not a string")
        label_tuple = tuple(dict.fromkeys(labels))
        _checked(cypher.falkor_create_nodes, label_tuple, vocabulary, where=where)
        clean = clean_properties(props, where)
        if clean.get("id", node_id) != node_id:
            raise EmbeddedFalkorError(
                f"{where}: property 'id'={clean['id']!r} differs from the node id"
            )
        clean["id"] = node_id
        groups.setdefault(label_tuple, []).append(clean)
        common = (
            list(label_tuple) if common is None else [lab for lab in common if lab in label_tuple]
        )
    return groups, common or [], ids


def _prepare_relationships(
    relationships: Iterable[RelRow], node_ids: set[str], vocabulary: Vocabulary
) -> dict[str, list[dict[str, object]]]:
    """Validate relationships; group ``{s, t, p}`` rows by relationship type."""
    groups: dict[str, list[dict[str, object]]] = {}
    for source, target, rel_type, props in relationships:
        where = f"relationship {source!r}-[:{rel_type}]->{target!r}"
        _checked(cypher.falkor_create_relationships, rel_type, None, vocabulary, where=where)
        missing = [end for end in (source, target) if end not in node_ids]
        if missing:
            raise EmbeddedFalkorError(
                f"{where}: unknown node id(s) {', '.join(map(repr, missing))}"
            )
        groups.setdefault(rel_type, []).append(
            {"s": source, "t": target, "p": clean_properties(props, where)}
        )
    return groups


def _batches(rows: Sequence[Any], size: int) -> Iterable[list[Any]]:
    """Consecutive slices of at most *size* rows."""
    for start in range(0, len(rows), size):
        yield list(rows[start : start + size])


def _create_id_index(graph: Graph, label: str, vocabulary: Vocabulary) -> None:
    """Create a range index on ``label.id`` unless it exists."""
    query = cypher.falkor_id_index(label, vocabulary)
    try:
        graph.query(query)
    except redis.ResponseError as exc:
        if "already indexed" not in str(exc):
            raise _query_error(exc, query, None) from exc


def _write(
    graph: Graph, query: str, rows: list[dict[str, object]], batch_size: int
) -> Iterator[tuple[int, Any]]:
    """Run *query* on consecutive batches; yield each batch's size and result."""
    for batch in _batches(rows, batch_size):
        yield len(batch), execute(graph, query, {"rows": batch}, read_only=False, timeout=None)


def load_property_graph(
    graph: Graph,
    nodes: Iterable[NodeRow],
    relationships: Iterable[RelRow],
    *,
    batch_size: int = 1000,
    vocabulary: Vocabulary = BUILTIN,
) -> LoadStats:
    """Write a property graph with parameterised ``UNWIND`` batches.

    Args:
        graph: target FalkorDB graph (normally empty).
        nodes: ``(node_id, labels, properties)``; the id is stored as the ``id`` property.
        relationships: ``(source_id, target_id, type, properties)``; both ends
            must be among *nodes*.
        batch_size: rows per query.
        vocabulary: the dataset's vocabulary (its own kinds and relation types are allowed).

    Labels must be rcx's (``Element``, the categories and kinds), relationship types
    :class:`~rcx.schema.vocab.RelationType` values.  ``None`` property values are dropped;
    see :func:`~.values.clean_properties` for the values that are refused.  A range index
    on ``id`` is created for the first label shared by all nodes (the "common label",
    ``Element``), which relationship loading then uses to find end points; without a
    common label they are matched unlabelled.

    Raises:
        EmbeddedFalkorError: bad names, duplicate or unknown ids.
        PropertyValueError: refused values.
        EmbeddedQueryError: FalkorDB rejected a write.
    """
    if batch_size < 1:
        raise EmbeddedFalkorError("batch_size must be at least 1")
    node_groups, common, node_ids = _prepare_nodes(nodes, vocabulary)
    rel_groups = _prepare_relationships(relationships, node_ids, vocabulary)
    id_label = common[0] if common else None
    if id_label:
        _create_id_index(graph, id_label, vocabulary)
    node_count = 0
    for labels, rows in node_groups.items():
        query = cypher.falkor_create_nodes(labels, vocabulary)
        for _, result in _write(graph, query, rows, batch_size):
            node_count += int(result.nodes_created)
    rel_count = 0
    for rel_type, rows in rel_groups.items():
        query = cypher.falkor_create_relationships(rel_type, id_label, vocabulary)
        for size, result in _write(graph, query, rows, batch_size):
            done = int(result.relationships_created)
            if done != size:
                raise EmbeddedFalkorError(f"created {done} of {size} :{rel_type} relationships")
            rel_count += done
    return LoadStats(nodes=node_count, relationships=rel_count, id_label=id_label)
