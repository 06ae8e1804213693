"""Every Cypher text rcx sends to Neo4j or to the embedded engine (FalkorDB), built from the
schema's closed vocabularies.

Rules kept by every builder here:

* labels come only from :class:`~rcx.schema.vocab.Category` and
  :class:`~rcx.schema.vocab.ElementKind` (plus the fixed ``Element`` and ``RcxDataset``),
  relationship types only from
  :class:`~rcx.schema.vocab.RelationType`; anything formatted into query text is first checked
  against the enums *and* against a plain-identifier pattern;
* values are never formatted into query text: they travel as parameters (``$rows`` ...);
* writes are batched: ``UNWIND $rows AS row`` then ``MERGE`` on the uniquely constrained
  ``Element.id`` (nodes) or on the relation ``key`` property (relationships) for Neo4j, and
  ``CREATE`` into the embedded engine's fresh, private graph.

The embedded engine speaks FalkorDB's dialect (no ``elementId``, ``SHOW CONSTRAINTS``, ...):
its builders are the ``falkor_*`` functions below.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

from rcx.schema.extvalues import ExtKind, ExtRelationType
from rcx.schema.vocab import Category, ElementKind, RelationType
from rcx.schema.vocabulary import BUILTIN, Vocabulary

ELEMENT = "Element"
"""The label every rcx element carries (uniquely constrained on ``id``)."""
DATASET = "RcxDataset"
"""The label of the one node that keeps the graph's own attributes (dataset id, title)."""
CONSTRAINT_NAME = "rcx_element_id"
DATASET_CONSTRAINT_NAME = "rcx_dataset_id"
"""Makes concurrent loads of one dataset leave one ``RcxDataset`` node (and serialises them)."""

_IDENT = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_OUR_LABELS: frozenset[str] = frozenset(
    {c.value for c in Category} | {k.label for k in ElementKind}
)
_ALL_LABELS = _OUR_LABELS | {ELEMENT, DATASET}


def _ident(name: str) -> str:
    """Refuse anything that is not a plain identifier before it reaches query text."""
    if not _IDENT.fullmatch(name):
        raise ValueError(f"refusing to put {name!r} into Cypher text")
    return name


def kind_of(kind: str, vocabulary: Vocabulary = BUILTIN) -> ElementKind | ExtKind:
    """The kind in the (dataset's) vocabulary; a value outside it raises ``ValueError``."""
    return vocabulary.kind(str(kind))


def relation_type_of(
    rtype: str, vocabulary: Vocabulary = BUILTIN
) -> RelationType | ExtRelationType:
    """The relation type in the vocabulary; a value outside it raises ``ValueError``."""
    return vocabulary.relation_type(str(rtype))


def node_labels(kind: str, vocabulary: Vocabulary = BUILTIN) -> tuple[str, str, str]:
    """``("Element", category label, kind label)``, e.g. ``("Element", "HardLaw", "GlobalTreaty")``.

    A kind a dataset adds gets its category's label and its own PascalCase label.

    >>> node_labels("igo_organ")
    ('Element', 'Organisation', 'IGOOrgan')
    """
    k = kind_of(kind, vocabulary)
    return ELEMENT, _ident(k.category.value), _ident(k.label)


def label_of(name: str, vocabulary: Vocabulary = BUILTIN) -> str:
    """A label of the vocabulary (``Element``, ``RcxDataset``, a category or a kind label,
    the dataset's own kinds included).

    >>> label_of("HardLaw")
    'HardLaw'
    """
    if name not in _ALL_LABELS and name not in {k.label for k in vocabulary.kinds.values()}:
        raise ValueError(f"invalid label {name!r}: not in rcx's vocabulary")
    return _ident(name)


def create_constraint() -> str:
    """The uniqueness constraint every write relies on (idempotent)."""
    return (
        f"CREATE CONSTRAINT {CONSTRAINT_NAME} IF NOT EXISTS "
        f"FOR (e:{ELEMENT}) REQUIRE e.id IS UNIQUE"
    )


def create_dataset_constraint() -> str:
    """One ``RcxDataset`` node per dataset id, whatever runs at the same time (idempotent)."""
    return (
        f"CREATE CONSTRAINT {DATASET_CONSTRAINT_NAME} IF NOT EXISTS "
        f"FOR (d:{DATASET}) REQUIRE d.id IS UNIQUE"
    )


def count_graph() -> str:
    """Nodes and relationships in the whole database (``--bulk`` refuses a non-empty one)."""
    return (
        "MATCH (n) WITH count(n) AS nodes "
        "OPTIONAL MATCH ()-[r]->() RETURN nodes, count(r) AS relationships"
    )


def show_constraint() -> str:
    """Find the rcx constraint (``$name``) among the database's constraints."""
    return (
        "SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties "
        "WHERE name = $name RETURN name, type, labelsOrTypes, properties"
    )


def merge_nodes(kind: str, vocabulary: Vocabulary = BUILTIN) -> str:
    """Upsert ``$rows`` (``{id, props}``) of one kind: properties replaced, labels reset.

    ``SET n = row.props`` drops properties that are no longer in the data; the category and
    kind labels of a previous load are removed before the current ones are set, so an element
    whose kind changed does not keep stale labels.
    """
    labels = node_labels(kind, vocabulary)
    ours = _OUR_LABELS | {k.label for k in vocabulary.kinds.values()}
    stale = sorted(ours - set(labels))
    return (
        "UNWIND $rows AS row "
        f"MERGE (n:{ELEMENT} {{id: row.id}}) "
        "SET n = row.props "
        f"REMOVE n:{':'.join(stale)} "
        f"SET n:{labels[1]}:{labels[2]}"
    )


def merge_relationships(rtype: str, vocabulary: Vocabulary = BUILTIN) -> str:
    """Upsert ``$rows`` (``{source, target, props}``) of one relation type.

    The relationship is found by its ``key`` property (``props.key``, the ``Relation.key``)
    between the two
    elements; ``SET r = row.props`` replaces its properties.  Returns one ``rows`` count so a
    caller can check that both ends were found for every row.
    """
    rel = _ident(relation_type_of(rtype, vocabulary).value)
    return (
        "UNWIND $rows AS row "
        f"MATCH (a:{ELEMENT} {{id: row.source}}) "
        f"MATCH (b:{ELEMENT} {{id: row.target}}) "
        f"MERGE (a)-[r:{rel} {{key: row.props.key}}]->(b) "
        "SET r = row.props "
        "RETURN count(r) AS rows"
    )


def delete_stale_nodes() -> str:
    """Detach-delete every element whose id is not in ``$ids`` (``--replace``)."""
    return f"MATCH (n:{ELEMENT}) WHERE NOT n.id IN $ids DETACH DELETE n"


def delete_stale_relationships() -> str:
    """Delete relationships between elements whose identity is not in ``$keep`` (``--replace``).

    The identity is ``source id|TYPE|target id|key``, as made by :func:`relationship_identity`.
    """
    return (
        f"MATCH (a:{ELEMENT})-[r]->(b:{ELEMENT}) "
        "WHERE NOT (a.id + '|' + type(r) + '|' + b.id + '|' + coalesce(r.key, '')) IN $keep "
        "DELETE r"
    )


def relationship_identity(source: str, rtype: str, target: str, key: str) -> str:
    """The identity string :func:`delete_stale_relationships` compares against."""
    return f"{source}|{rtype}|{target}|{key}"


def merge_dataset() -> str:
    """Keep the graph's own attributes (``$props`` with an ``id``) on one ``RcxDataset`` node."""
    return f"MERGE (d:{DATASET} {{id: $props.id}}) SET d = $props"


def delete_other_datasets() -> str:
    """Remove ``RcxDataset`` nodes other than ``$id`` (``--replace``)."""
    return f"MATCH (d:{DATASET}) WHERE d.id <> $id DETACH DELETE d"


def read_nodes() -> str:
    """Every element with its properties (and its element id, for error messages)."""
    return (
        f"MATCH (n:{ELEMENT}) "
        "RETURN n.id AS id, elementId(n) AS eid, properties(n) AS props ORDER BY id"
    )


def read_relationships() -> str:
    """Every relationship between two elements."""
    return (
        f"MATCH (a:{ELEMENT})-[r]->(b:{ELEMENT}) "
        "RETURN a.id AS source, b.id AS target, type(r) AS type, properties(r) AS props"
    )


def read_datasets() -> str:
    """The graph attributes kept by :func:`merge_dataset`."""
    return f"MATCH (d:{DATASET}) RETURN properties(d) AS props ORDER BY d.id"


def server_components() -> str:
    """Name, versions and edition of the server (``dbms.components``)."""
    return "CALL dbms.components() YIELD name, versions, edition RETURN name, versions, edition"


# ----------------------------------------------------------------------------- embedded engine


def falkor_touch() -> str:
    """A write-mode no-op: FalkorDB refuses reads on a graph key that was never written."""
    return "RETURN 0"


def falkor_id_index(label: str, vocabulary: Vocabulary = BUILTIN) -> str:
    """The range index on ``label.id`` that relationship loading uses to find end points."""
    return f"CREATE INDEX FOR (n:{label_of(label, vocabulary)}) ON (n.id)"


def falkor_create_nodes(
    labels: tuple[str, ...] | list[str], vocabulary: Vocabulary = BUILTIN
) -> str:
    """Create ``$rows`` (property maps with ``id``) as nodes carrying *labels*.

    >>> falkor_create_nodes(("Element", "HardLaw", "GlobalTreaty"))
    'UNWIND $rows AS row CREATE (n:Element:HardLaw:GlobalTreaty) SET n = row'
    """
    label_text = "".join(f":{label_of(label, vocabulary)}" for label in labels)
    return f"UNWIND $rows AS row CREATE (n{label_text}) SET n = row"


def falkor_create_relationships(
    rtype: RelationType | str, id_label: str | None, vocabulary: Vocabulary = BUILTIN
) -> str:
    """Create ``$rows`` (``{s, t, p}``) as relationships between nodes found by ``id``.

    *id_label* is the label every node carries (its ``id`` is indexed); ``None`` matches
    unlabelled.
    """
    rel = _ident(relation_type_of(rtype, vocabulary).value)
    on = f":{label_of(id_label, vocabulary)}" if id_label else ""
    return (
        "UNWIND $rows AS row "
        f"MATCH (a{on} {{id: row.s}}) MATCH (b{on} {{id: row.t}}) "
        f"CREATE (a)-[r:{rel}]->(b) SET r = row.p"
    )


def falkor_read_nodes() -> str:
    """:func:`read_nodes` in FalkorDB's dialect (``id()`` for the internal id)."""
    return (
        f"MATCH (n:{ELEMENT}) "
        "RETURN n.id AS id, toString(id(n)) AS eid, properties(n) AS props ORDER BY id"
    )


# --------------------------------------------------------- literal Cypher (the script export)
# No parameters here: every value becomes a literal, so strings are escaped and keys quoted.

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_ESCAPES = {
    "\\": "\\\\",
    "'": "\\'",
    '"': '\\"',
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}
_SPECIAL = re.compile(r"[\\'\"\n\r\t\b\f\x0b\x1c-\x1e\u0085\u2028\u2029]")


def string(value: str) -> str:
    """A Cypher string literal."""
    return (
        "'"
        + _SPECIAL.sub(lambda m: _ESCAPES.get(m.group(0), f"\\u{ord(m.group(0)):04x}"), value)
        + "'"
    )


def literal(value: Any) -> str:
    """A Cypher literal for a property value (string, number, boolean or a list of those)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value!r} cannot be a Cypher literal")
        return repr(value)
    if isinstance(value, str):
        return string(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    raise ValueError(f"{type(value).__name__} cannot be a Neo4j property")


def key(name: str) -> str:
    """A property key: a plain identifier, else back-quoted (back-quotes doubled)."""
    return name if _IDENT.fullmatch(name) else "`" + name.replace("`", "``") + "`"


def props(values: Mapping[str, Any]) -> str:
    return "{" + ", ".join(f"{key(k)}: {literal(v)}" for k, v in sorted(values.items())) + "}"


def script_create_dataset(meta: Mapping[str, Any]) -> str:
    """A literal ``CREATE`` of the dataset node (for the Cypher-script export)."""
    return f"CREATE (:{DATASET} {props(meta)})"


def script_create_node(labels: Sequence[str], values: Mapping[str, Any]) -> str:
    """A literal ``CREATE`` of one element node; the labels must be rcx's."""
    return f"CREATE (:{':'.join(_ident(label) for label in labels)} {props(values)})"


def script_create_relationship(
    source: str,
    target: str,
    rtype: str,
    values: Mapping[str, Any],
    vocabulary: Vocabulary = BUILTIN,
) -> str:
    """A literal ``MATCH ... CREATE`` of one relationship between two elements."""
    rel = _ident(relation_type_of(rtype, vocabulary).value)
    return (
        f"MATCH (a:{ELEMENT} {{id: {string(source)}}}), (b:{ELEMENT} {{id: "
        f"{string(target)}}}) CREATE (a)-[:{rel} {props(values)}]->(b)"
    )
