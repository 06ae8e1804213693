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

from rcx.schema.errors import RcxError

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
    from rcx.graph.store.source import Neo4jSettings

    return Neo4jSettings(uri=uri, username=username, password=password, database=database)


def _graph(data: Path | None, neo4j: bool, uri: str, username: str, password: str,
           database: str, derived: bool = True) -> Any:
    from rcx.graph.store.source import open_graph

    settings = _settings(uri, username, password, database) if neo4j else None
    return open_graph(data, neo4j=settings, derived=derived)


def _fail(e: RcxError) -> None:
    err.print(f"[bold red]error:[/] {e}", markup=True, highlight=False)
    raise typer.Exit(code=e.exit_code)


@app.command()
def validate(data: DataOpt = None) -> None:
    """Check every data file: schema, ids, aliases, references, allowed patterns."""
    from rcx.loaders import load_dataset

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
    from rcx.graph.report.summary import summarize

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
    from rcx.graph.export import export_graph

    try:
        g = _graph(data, neo4j, uri, username, password, database, derived)
        paths = export_graph(g, fmt.value, output)
    except RcxError as e:
        _fail(e)
    out.print(f"wrote {', '.join(str(p) for p in paths)}: {g.number_of_nodes()} elements, "
              f"{g.number_of_edges()} relations")


# --- commands: load, query (Neo4j and embedded Cypher) ---


class QueryFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"


def _load_progress() -> Any:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=err, transient=True)


@app.command()
def load(
    data: DataOpt = None,
    replace: Annotated[bool, typer.Option(
        "--replace", help="Make the dataset the whole rcx graph: delete elements and "
        "relations that are not in it (default: merge, keep them).")] = False,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1,
                                            help="Records per UNWIND batch.")] = 1000,
    derived: DerivedOpt = True,
    uri: UriOpt = "bolt://127.0.0.1:7687",
    username: UserOpt = "neo4j",
    password: PasswordOpt = "",
    database: DatabaseOpt = "neo4j",
) -> None:
    """Load the dataset into Neo4j in one transaction (all or nothing); safe to repeat."""
    from rcx.graph.store.neo4j.store import connect, load_graph
    from rcx.loaders import load_graph as build_graph

    settings = _settings(uri, username, password, database)
    try:
        g = build_graph(data, derive=derived)
        with connect(settings) as driver, _load_progress() as bar:
            task = bar.add_task("loading", total=g.number_of_nodes() + g.number_of_edges())
            report = load_graph(
                driver, g, database=database, replace=replace, batch_size=batch_size,
                progress=lambda done, total: bar.update(task, completed=done, total=total),
            )
    except RcxError as e:
        _fail(e)
    out.print(
        f"loaded {g.graph.get('dataset', 'graph')} into {settings}: "
        f"{g.number_of_nodes()} elements ({report.nodes_created} new, {report.nodes_updated} "
        f"updated), {g.number_of_edges()} relations ({report.relationships_created} new, "
        f"{report.relationships_updated} updated), {report.nodes_deleted} elements and "
        f"{report.relationships_deleted} relations deleted; {report.batches} batches in one "
        f"transaction, {report.seconds:.1f} s", markup=False)


def _query_params(defaults: dict[str, Any], given: list[str] | None) -> dict[str, Any]:
    from rcx.graph.store.query import parse_param

    return defaults | dict(parse_param(p) for p in given or [])


def _print_result(result: Any, fmt: QueryFormat) -> None:
    from rcx.graph.store.query import format_csv, format_json, format_table

    if fmt is QueryFormat.JSON:
        typer.echo(format_json(result), nl=False)
    elif fmt is QueryFormat.CSV:
        typer.echo(format_csv(result), nl=False)
    else:
        out.print(format_table(result))
        err.print(f"{len(result.rows)} row{'s' if len(result.rows) != 1 else ''}")


@app.command()
def query(
    cypher: Annotated[str | None, typer.Argument(
        metavar="[CYPHER]", help="Cypher to run; pass values as $parameters.")] = None,
    name: Annotated[str | None, typer.Option(
        "--name", "-n", help="Run a named query instead (see --list).")] = None,
    list_queries: Annotated[bool, typer.Option("--list", help="List the named queries.")] = False,
    param: Annotated[list[str] | None, typer.Option(
        "--param", "-p", help="Parameter k=v (repeatable): ints, floats, true/false, null and "
        "JSON lists are parsed, anything else is text.")] = None,
    fmt: Annotated[QueryFormat, typer.Option("--format", "-f", help="Output format.")] = (
        QueryFormat.TABLE),
    write: Annotated[bool, typer.Option("--write", help="Allow the query to write.")] = False,
    data: DataOpt = None,
    neo4j: Annotated[bool, typer.Option(
        "--neo4j", envvar="RCX_NEO4J", help="Run on Neo4j, not the embedded engine.")] = False,
    uri: UriOpt = "bolt://127.0.0.1:7687",
    username: UserOpt = "neo4j",
    password: PasswordOpt = "",
    database: DatabaseOpt = "neo4j",
) -> None:
    """Run Cypher or a named query: embedded (FalkorDB, no server) or on Neo4j (--neo4j)."""
    from rcx.graph.store.query import QueryResult, list_named_queries, named_query, run_cypher

    try:
        if list_queries:
            rows = [[q.name, " ".join(f"{k}={v}" for k, v in q.params.items()), q.description]
                    for q in list_named_queries()]
            _print_result(QueryResult(["name", "params", "description"], rows), fmt)
            return
        if (cypher is None) == (name is None):
            raise RcxError("give either a Cypher query or --name NAME (see rcx query --list)")
        defaults: dict[str, Any] = {}
        if name is not None:
            named = named_query(name)
            cypher, defaults = named.cypher, named.params
        settings = _settings(uri, username, password, database) if neo4j else None
        if write and settings is None:
            err.print("note: the embedded engine is built afresh for each command; "
                      "writes are not kept (use --neo4j)")
        result = run_cypher(str(cypher), _query_params(defaults, param), neo4j=settings,
                            data=data, read_only=not write)
    except RcxError as e:
        _fail(e)
    _print_result(result, fmt)


# --- commands: analyze ---


class LayerChoice(StrEnum):
    LINKAGES = "linkages"
    STRUCTURAL = "structural"
    EVERYTHING = "everything"


def _progress_bar() -> tuple[Any, Any]:
    """A rich progress bar on stderr and the ``progress(task, done, total)`` callback it backs."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   console=err, transient=True)
    tasks: dict[str, Any] = {}

    def update(task: str, done: int, total: int) -> None:
        if task not in tasks:
            tasks[task] = bar.add_task(task, total=total)
        bar.update(tasks[task], completed=done)

    return bar, update


@app.command()
def analyze(
    data: DataOpt = None,
    neo4j: Neo4jFlag = False,
    uri: UriOpt = "bolt://127.0.0.1:7687",
    username: UserOpt = "neo4j",
    password: PasswordOpt = "",
    database: DatabaseOpt = "neo4j",
    layers: Annotated[
        LayerChoice, typer.Option("--layers", help="Which relations count as linkage.")
    ] = LayerChoice.LINKAGES,
    derived: DerivedOpt = True,
    null_samples: Annotated[
        int, typer.Option("--null-samples", min=0, help="Null-model samples (0 skips them).")
    ] = 200,
    seed: Annotated[int, typer.Option("--seed", help="Seed of every random step.")] = 0,
    scenario: Annotated[
        list[str] | None,
        typer.Option("--scenario", metavar="<name|file>",
                     help="Built-in scenario name or scenario YAML file (repeatable)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the full report as JSON.")] = False,
    out_dir: Annotated[
        Path | None,
        typer.Option("--out", file_okay=False, help="Also write report.md and report.json here."),
    ] = None,
) -> None:
    """Verdict on the paper's three claims (regime complex, no core, kind of fragmentation),
    then every analysis behind it. Deterministic for a given --seed."""
    from rcx.graph.report.render import print_report, to_json, to_markdown
    from rcx.graph.report.assemble import analyze as run_analysis
    from rcx.graph.analysis.scenarios import load_scenario
    from rcx.graph.io import atomic_dir

    try:
        g = _graph(data, neo4j, uri, username, password, database, derived)
        names = list(scenario or [])
        for name in names:  # fail fast, before the long part
            load_scenario(name)
        bar, progress = _progress_bar()
        with bar:
            report = run_analysis(g, layers=layers.value, include_derived=derived,
                                  n_null=null_samples, seed=seed, scenarios=names,
                                  progress=progress)
        if out_dir is not None:
            with atomic_dir(out_dir) as tmp:
                (tmp / "report.md").write_text(to_markdown(report), encoding="utf-8")
                (tmp / "report.json").write_text(to_json(report) + "\n", encoding="utf-8")
    except RcxError as e:
        _fail(e)
    if as_json:
        sys.stdout.write(to_json(report) + "\n")
    else:
        print_report(report, out)
    if out_dir is not None:
        err.print(f"wrote {out_dir / 'report.md'} and {out_dir / 'report.json'}")


# --- commands: view, figures ---


class ColorBy(StrEnum):
    KIND = "kind"
    CATEGORY = "category"
    CLUSTER = "cluster"
    CORE = "core"
    CENTRALITY = "centrality"


@app.command()
def view(
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")],
    data: DataOpt = None,
    neo4j: Neo4jFlag = False,
    uri: UriOpt = "bolt://127.0.0.1:7687",
    username: UserOpt = "neo4j",
    password: PasswordOpt = "",
    database: DatabaseOpt = "neo4j",
    derived: DerivedOpt = True,
    title: Annotated[str, typer.Option("--title", help="Page heading.")] = "",
    color_by: Annotated[ColorBy, typer.Option("--color-by", help="Node colours.")] = ColorBy.KIND,
    ego: Annotated[str | None, typer.Option("--ego", help="Only elements near this id.")] = None,
    depth: Annotated[int, typer.Option("--depth", help="Steps from --ego.", min=0)] = 1,
    regime: Annotated[str | None, typer.Option("--regime", help="Only this regime.")] = None,
    ngos: Annotated[bool, typer.Option("--ngos", help="Only the NGO layer.")] = False,
    part_iii: Annotated[bool, typer.Option("--part-iii", help="Only Part III linkages.")] = False,
    show_parallel: Annotated[bool, typer.Option(
        "--show-parallel", help="Show PARALLEL_TO (asserted absence of a link) at first.")] = False,
    seed: Annotated[int, typer.Option("--seed", help="Layout seed.")] = 1,
) -> None:
    """Write ONE self-contained, offline HTML page to explore the graph (vis-network)."""
    from rcx.graph.views import Subset, ViewOptions, write_view

    try:
        g = _graph(data, neo4j, uri, username, password, database, derived)
        opts = ViewOptions(
            title=title or str(g.graph.get("title") or "Regime complex"), seed=seed,
            color_by=color_by.value, show_parallel=show_parallel,
            subset=Subset(regime=regime, ngos=ngos, part_iii=part_iii, ego=ego, depth=depth))
        path = write_view(g, output, opts)
    except RcxError as e:
        _fail(e)
    out.print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB); open it in a browser, "
              "no network needed")


@app.command()
def figures(
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder for PNG and SVG files.",
                                          file_okay=False)],
    data: DataOpt = None,
    neo4j: Neo4jFlag = False,
    uri: UriOpt = "bolt://127.0.0.1:7687",
    username: UserOpt = "neo4j",
    password: PasswordOpt = "",
    database: DatabaseOpt = "neo4j",
    only: Annotated[list[str] | None, typer.Option("--only", help="Figure name (repeatable).")
                    ] = None,
    layer: Annotated[str, typer.Option(
        "--layer", help="Layer of the structure figures: linkages (the report's), structural, "
        "everything.")] = "linkages",
) -> None:
    """Draw the paper's Figures 2.2-2.8 (what the data allows) and figures of the analyses."""
    from rcx.graph.figures import FIGURES, write_figures

    unknown = sorted(set(only or []) - set(FIGURES))
    if unknown:
        _fail(RcxError(f"unknown figure(s) {unknown}; choose from: {', '.join(FIGURES)}"))
    try:
        g = _graph(data, neo4j, uri, username, password, database)
        if layer not in ("linkages", "structural", "everything"):
            raise RcxError(f"--layer must be linkages, structural or everything, not {layer!r}")
        paths, skipped = write_figures(g, out_dir, only or None, layer=layer)
    except RcxError as e:
        _fail(e)
    out.print(f"wrote {len(paths)} files to {out_dir}")
    for name, why in skipped.items():
        err.print(f"skipped {name}: {why}")



def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)


if __name__ == "__main__":
    main()
