"""rcx command line: a thin layer over the library. Errors become exit codes only here."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from schema.errors import RcxError

app = typer.Typer(
    name="rcx",
    help="Map and analyse an international regime complex as a sourced knowledge graph.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False)

DataOpt = Annotated[
    Path | None,
    typer.Option("--data", envvar="RCX_DATA", help="Dataset folder (default: the built-in one).",
                 file_okay=False),
]
Neo4jFlag = Annotated[
    bool, typer.Option("--neo4j", envvar="RCX_NEO4J", help="Read the graph from Neo4j.")
]
UriOpt = Annotated[str, typer.Option("--uri", envvar="NEO4J_URI", help="Neo4j Bolt URI.")]
UserOpt = Annotated[str, typer.Option("--username", envvar="NEO4J_USERNAME")]
PasswordOpt = Annotated[
    str, typer.Option("--password", envvar="NEO4J_PASSWORD", show_default=False,
                      help="Neo4j password (prefer the NEO4J_PASSWORD variable).")
]
DatabaseOpt = Annotated[str, typer.Option("--database", envvar="NEO4J_DATABASE")]
DerivedOpt = Annotated[
    bool, typer.Option("--derived/--no-derived", help="Include relations derived by rules.")
]


def _settings(uri: str, username: str, password: str, database: str) -> Any:
    from graph.source import Neo4jSettings

    return Neo4jSettings(uri=uri, username=username, password=password, database=database)


def _graph(data: Path | None, neo4j: bool, uri: str, username: str, password: str,
           database: str, derived: bool = True) -> Any:
    from graph.source import open_graph

    settings = _settings(uri, username, password, database) if neo4j else None
    return open_graph(data, neo4j=settings, derived=derived)


def _fail(e: RcxError) -> None:
    err.print(f"[bold red]error:[/] {e}", markup=True, highlight=False)
    raise typer.Exit(code=e.exit_code)


@app.command()
def validate(data: DataOpt = None) -> None:
    """Check every data file: schema, ids, aliases, references, allowed patterns."""
    from loaders import load_dataset

    try:
        ds = load_dataset(data)
    except RcxError as e:
        _fail(e)
    out.print(f"ok: {ds.meta.id}: {len(ds.elements)} elements, {len(ds.relations)} asserted "
              f"relations, {len(ds.citations)} citations")


@app.command()
def info(
    data: DataOpt = None,
    neo4j: Neo4jFlag = False,
    uri: UriOpt = "bolt://127.0.0.1:7687",
    username: UserOpt = "neo4j",
    password: PasswordOpt = "",
    database: DatabaseOpt = "neo4j",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Counts by kind and relation type, provenance coverage, derived vs asserted."""
    from graph.summary import summarize

    try:
        summary = summarize(_graph(data, neo4j, uri, username, password, database))
    except RcxError as e:
        _fail(e)
    if as_json:
        out.print_json(json.dumps(summary.as_dict()))
        return
    _print_summary(summary)


def _print_summary(s: Any) -> None:
    out.print(f"[bold]{s.dataset}[/]: {s.elements} elements, {s.relations} relations "
              f"({s.asserted_relations} asserted, {s.derived_relations} derived)")
    out.print(_count_table("Elements by kind", "kind", s.by_kind))
    out.print(_count_table("Relations by type", "type", s.by_relation_type))
    if s.derived_by_rule:
        out.print(_count_table("Derived relations by rule", "rule", s.derived_by_rule))
    out.print(f"provenance: {s.elements_with_provenance}/{s.elements} elements and "
              f"{s.relations_with_provenance}/{s.relations} relations name a section; "
              f"{s.elements_with_footnotes} elements and {s.relations_with_footnotes} relations "
              f"cite footnotes; {s.elements_with_notes} elements carry notes {s.notes_by_kind}")


def _count_table(title: str, what: str, counts: dict[str, int]) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column(what)
    table.add_column("count", justify="right")
    for key, n in counts.items():
        table.add_row(key, str(n))
    return table


class ExportFormat(StrEnum):
    NODE_LINK = "node-link"
    GRAPHML = "graphml"
    GEXF = "gexf"
    CYTOSCAPE = "cytoscape"
    CSV = "csv"
    CYPHER = "cypher"


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="Export format.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="File (folder for csv).")],
    data: DataOpt = None,
    neo4j: Neo4jFlag = False,
    uri: UriOpt = "bolt://127.0.0.1:7687",
    username: UserOpt = "neo4j",
    password: PasswordOpt = "",
    database: DatabaseOpt = "neo4j",
    derived: DerivedOpt = True,
) -> None:
    """Write the graph for Gephi, Cytoscape, Neo4j or your own scripts."""
    from graph.export import export_graph

    try:
        g = _graph(data, neo4j, uri, username, password, database, derived)
        paths = export_graph(g, fmt.value, output)
    except RcxError as e:
        _fail(e)
    out.print(f"wrote {', '.join(str(p) for p in paths)}: {g.number_of_nodes()} elements, "
              f"{g.number_of_edges()} relations")


# --- commands: load, query (Neo4j and embedded Cypher) ---


# --- commands: analyze ---


# --- commands: view, figures ---


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)


if __name__ == "__main__":
    main()
