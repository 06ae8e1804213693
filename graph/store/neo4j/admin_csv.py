"""A folder for ``neo4j-admin database import full`` (Neo4j 5): header rows with types.

Files (each with its header in the first row):

* ``nodes.csv`` — ``id:ID(Element),:LABEL,name,...`` with typed columns (``footnotes:int[]``,
  ``aliases:string[]``, ``year_adopted:int``, ``derived:boolean`` ...); labels ``Element``, the
  category and the kind, from the schema's enums;
* ``relationships.csv`` — ``:START_ID(Element),:END_ID(Element),:TYPE,key,...``;
* ``datasets.csv`` — the graph's own attributes on one ``RcxDataset`` node;
* ``import.txt`` — the exact command, with the array delimiter this export chose.

Properties are those ``rcx load`` writes (:mod:`rcx.graph.store.neo4j.codec`), so
:func:`rcx.graph.store.neo4j.store.read_graph` reads an imported database. The array
delimiter is ``;`` unless some list item contains one; then ``|``, else U+001F (never in rcx
data). Empty lists are empty cells (no property; the reader restores them as empty), and so are
missing values
(``--ignore-empty-strings=true``: rcx never stores an empty string). Text may span lines, hence
``--multiline-fields=true``.

Values are written verbatim, formula triggers (``= + - @`` at the start of a cell) included:
these files are for the importer, which must receive the data unchanged, not for a
spreadsheet.  (``rcx query -f csv``, which people open in spreadsheets, neutralises them.)
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from rcx.graph.io import atomic_dir
from rcx.graph.store.cypher import DATASET
from rcx.graph.store.neo4j.codec import node_rows, relationship_rows

ID_SPACE = "Element"
FIXED_TYPES = {"footnotes": "int[]", "derived": "boolean", "linkage": "boolean"}


def _type(values: Iterable[Any]) -> str:
    """The neo4j-admin column type of a property, from the values it takes."""
    kinds: set[str] = set()
    for v in values:
        if isinstance(v, bool):
            kinds.add("boolean")
        elif isinstance(v, int):
            kinds.add("int")
        elif isinstance(v, float):
            kinds.add("double")
        elif isinstance(v, list):
            kinds |= {_type(v) + "[]"} if v else set()
        else:
            kinds.add("string")
    if kinds <= {"int", "double"} and kinds:
        return "double" if "double" in kinds else "int"
    if kinds <= {"int[]", "double[]"} and kinds:
        return "double[]" if "double[]" in kinds else "int[]"
    if len(kinds) == 1:
        return kinds.pop()
    if not kinds:
        return "string[]"
    raise ValueError(f"a property mixes types {sorted(kinds)}")


def _columns(rows: list[dict[str, Any]], skip: set[str]) -> list[tuple[str, str]]:
    names: dict[str, None] = {}
    for r in rows:
        for k in r:
            if k not in skip:
                names.setdefault(k, None)
    cols = []
    for name in sorted(names):
        t = FIXED_TYPES.get(name) or _type(r[name] for r in rows if name in r)
        cols.append((name, t))
    return cols


def _header(name: str, t: str) -> str:
    return name if t == "string" else f"{name}:{t}"


def choose_delimiter(lists: Iterable[list[Any]]) -> str:
    items = [str(x) for values in lists for x in values]
    for d in (";", "|", "\x1f"):
        if not any(d in s for s in items):
            return d
    raise ValueError("every candidate array delimiter occurs in the data")


def _cell(value: Any, delim: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return delim.join(_cell(v, delim) for v in value)
    return str(value)


def _csv(header: list[str], rows: Iterable[list[str]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def import_command(delim: str, *, database: str = "neo4j") -> str:
    d = {";": ";", "|": "|", "\x1f": "U+001F"}[delim]
    return (
        f"neo4j-admin database import full --nodes=nodes.csv --nodes=datasets.csv "
        f"--relationships=relationships.csv --array-delimiter='{d}' "
        f"--multiline-fields=true --ignore-empty-strings=true {database} "
        "--overwrite-destination"
    )


def render(g: nx.MultiDiGraph) -> dict[str, str]:
    """File name -> text."""
    nodes = list(node_rows(g))
    rels = list(relationship_rows(g))
    delim = choose_delimiter(
        [v for *_, p in nodes for v in p.values() if isinstance(v, list)]
        + [list(labels) for _, labels, _ in nodes]
        + [v for *_, p in rels for v in p.values() if isinstance(v, list)]
    )
    ncols = _columns([p for *_, p in nodes], {"id"})
    files = {
        "nodes.csv": _csv(
            [f"id:ID({ID_SPACE})", ":LABEL", *(_header(n, t) for n, t in ncols)],
            (
                [nid, delim.join(labels), *(_cell(p.get(n), delim) for n, _ in ncols)]
                for nid, labels, p in nodes
            ),
        )
    }
    rcols = _columns([p for *_, p in rels], set())
    files["relationships.csv"] = _csv(
        [
            f":START_ID({ID_SPACE})",
            f":END_ID({ID_SPACE})",
            ":TYPE",
            *(_header(n, t) for n, t in rcols),
        ],
        ([s, t, rt, *(_cell(p.get(n), delim) for n, _ in rcols)] for s, t, rt, p in rels),
    )
    meta = {k: v for k, v in g.graph.items() if isinstance(v, str | int | float | bool)}
    dataset_rows = []
    if "dataset" in meta:
        meta["id"] = str(meta.pop("dataset"))
        dataset_rows = [meta]
    dcols = _columns(dataset_rows, {"id"})
    files["datasets.csv"] = _csv(
        ["id:ID(RcxDataset)", ":LABEL", *(_header(n, t) for n, t in dcols)],
        (
            [str(r["id"]), DATASET, *(_cell(r.get(n), delim) for n, _ in dcols)]
            for r in dataset_rows
        ),
    )
    files["import.txt"] = (
        "# run in this folder with the server stopped (Neo4j 5):\n" + import_command(delim) + "\n"
    )
    return files


def write_neo4j_csv(g: nx.MultiDiGraph, out: Path) -> list[Path]:
    """Write the folder ``out`` (created; existing files of the same names replaced)."""
    files = render(g)
    with atomic_dir(out) as tmp:
        for name, text in files.items():
            (tmp / name).write_text(text, encoding="utf-8", newline="")
    return [out / name for name in files]
