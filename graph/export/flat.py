"""Flat attribute values for formats whose attributes are scalars only (GraphML, GEXF).

networkx's GraphML and GEXF writers reject lists and dicts, so values are encoded, and decoded
exactly by :func:`decode_attrs`:

* a schema field that is a **list of strings** (``aliases``, ``approaches``, ``activities``,
  ``headquarters``, ``works_in``) keeps its key and becomes one string joined with ``;``
  (a ``;`` or ``\\`` inside an item is escaped with a backslash; ``""`` is the empty list) —
  readable in Gephi's data laboratory;
* a schema field that is a **map or a list of maps** (``provenance``, ``roles_source``,
  ``notes``, ``figures``) keeps its key and becomes JSON text (keys sorted);
* any other list or map (an attribute outside the schema) becomes JSON text under the key
  ``<key>.json``;
* strings, numbers and booleans stay as they are.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from rcx.graph.export.safe import dumps_json
from rcx.schema.models import Element, Relation

LIST_FIELDS = frozenset({"aliases", "approaches", "activities", "headquarters", "works_in"})
JSON_FIELDS = frozenset({"provenance", "roles_source", "notes", "figures", "as_printed"})
JSON_SUFFIX = ".json"
_SPLIT = re.compile(r"(?<!\\)((?:\\\\)*);")
assert set(Element.model_fields) | set(Relation.model_fields) >= LIST_FIELDS | JSON_FIELDS


def _json(value: Any) -> str:
    # NaN and infinities become null: JSON has no spelling for them (see export.safe)
    return dumps_json(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def join_list(items: list[str]) -> str:
    """``["a;b", "c"]`` -> ``"a\\;b;c"``."""
    return ";".join(s.replace("\\", "\\\\").replace(";", "\\;") for s in items)


def split_list(text: str) -> list[str]:
    """Inverse of :func:`join_list`."""
    if text == "":
        return []
    items, buf, i = [], [], 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            buf.append(text[i + 1])
            i += 2
            continue
        if c == ";":
            items.append("".join(buf))
            buf = []
        else:
            buf.append(c)
        i += 1
    items.append("".join(buf))
    return items


def encode_attrs(attrs: Mapping[str, Any]) -> dict[str, Any]:
    """Scalar-only attributes (see the module docstring)."""
    out: dict[str, Any] = {}
    for key, value in attrs.items():
        if (
            key in LIST_FIELDS
            and isinstance(value, list)
            and all(isinstance(v, str) for v in value)
        ):
            out[key] = join_list(value)
        elif key in JSON_FIELDS:
            out[key] = _json(value)
        elif isinstance(value, list | tuple | dict):
            out[key + JSON_SUFFIX] = _json(value)
        else:
            out[key] = value
    return out


def scalar_type(values: Iterable[Any]) -> str:
    """The one XML-schema type (``boolean``, ``long``, ``double``, ``string``) holding ``values``.

    GEXF 1.3 and GraphML share these names; values of mixed types fall back to ``string``.
    """
    kinds = {type(v) for v in values}
    if kinds == {bool}:
        return "boolean"
    if kinds == {int}:
        return "long"
    if kinds <= {int, float} and float in kinds:
        return "double"
    return "string"


def scalar_text(value: Any, xtype: str) -> str:
    """``value`` written as XML text of type ``xtype`` (see :func:`scalar_type`)."""
    if xtype == "boolean":
        return "true" if value else "false"
    if xtype == "double":
        return repr(float(value))
    return str(value)


def decode_attrs(attrs: Mapping[str, Any]) -> dict[str, Any]:
    """Inverse of :func:`encode_attrs`."""
    out: dict[str, Any] = {}
    for key, value in attrs.items():
        if key in LIST_FIELDS and isinstance(value, str):
            out[key] = split_list(value)
        elif key in JSON_FIELDS and isinstance(value, str):
            out[key] = json.loads(value)
        elif key.endswith(JSON_SUFFIX) and isinstance(value, str):
            out[key[: -len(JSON_SUFFIX)]] = json.loads(value)
        else:
            out[key] = value
    return out
