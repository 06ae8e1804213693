"""The rooms of docs/architecture.md hold: who may import whom, and no import circles."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import networkx as nx

REPO = Path(__file__).resolve().parents[1]
FOLDERS = {"graph": "rcx.graph", "schema": "rcx.schema", "loaders": "rcx.loaders"}

# Shared helpers any room may import: the one file writer and the lazy igraph import.
SHARED = {"rcx.graph.io", "rcx.graph.deps"}
# room -> rooms it may import (docs/architecture.md, "Who may import whom")
ALLOWED = {
    "rcx.schema": set(),
    "rcx.loaders": {"rcx.schema"},
    "rcx.graph.io": {"rcx.schema"},
    "rcx.graph.deps": set(),
    "rcx.graph.store": {"rcx.schema", "rcx.loaders", "rcx.graph.io"},
    "rcx.graph.analysis": {"rcx.schema", "rcx.loaders"},
    "rcx.graph.report": {
        "rcx.graph.analysis",
        "rcx.graph.store",
        "rcx.schema",
        "rcx.loaders",
        "rcx.graph.io",
    },
    "rcx.graph.export": {"rcx.graph.store", "rcx.schema", "rcx.loaders", "rcx.graph.io"},
    "rcx.graph.views": {"rcx.graph.analysis", "rcx.graph.export", "rcx.schema", "rcx.graph.io"},
    "rcx.graph.figures": {
        "rcx.graph.analysis",
        "rcx.graph.report",
        "rcx.graph.views",
        "rcx.schema",
        "rcx.graph.io",
    },
}


def _module_of(path: Path) -> str:
    rel = path.relative_to(REPO)
    if rel.parts == ("cli.py",):
        return "rcx.cli"
    parts = [FOLDERS[rel.parts[0]], *rel.with_suffix("").parts[1:]]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    files = [REPO / "cli.py", *(f for d in FOLDERS for f in (REPO / d).rglob("*.py"))]
    for f in files:
        me = _module_of(f)
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("rcx."):
                found[me].add(node.module)
                found[me].update(f"{node.module}.{a.name}" for a in node.names)
            elif isinstance(node, ast.Import):
                found[me].update(a.name for a in node.names if a.name.startswith("rcx."))
    modules = set(found) | {_module_of(f) for f in files}
    return {m: {t for t in targets if t in modules and t != m} for m, targets in found.items()}


def _room(module: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:3]) if parts[1] == "graph" and len(parts) > 2 else ".".join(parts[:2])


def test_rooms_import_only_what_the_table_allows() -> None:
    bad = sorted(
        f"{m} imports {t}"
        for m, targets in _imports().items()
        for t in targets
        if _room(m) in ALLOWED
        and _room(t) != _room(m)
        and _room(t) not in ALLOWED[_room(m)] | SHARED
    )
    assert not bad, "\n".join(bad)


def test_no_import_circles() -> None:
    g = nx.DiGraph(
        [(m, t) for m, targets in _imports().items() for t in targets if not m.startswith(t + ".")]
    )  # a package importing its own child is fine
    circles = [sorted(c) for c in nx.strongly_connected_components(g) if len(c) > 1]
    assert not circles, circles
