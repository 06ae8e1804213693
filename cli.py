"""rcx command line: a thin layer over the library, in the manner of sqlite-utils.

Each command parses its options, calls one public library function and formats the result.
Errors become exit codes only here (see docs/exit-codes.md): every error the library raises
on purpose is an :class:`~rcx.schema.errors.RcxError` carrying its ``exit_code``; usage errors
exit 2.  Anything taken from data is printed as inert text (:mod:`rcx.clitext`), never as
markup.  Heavy modules are imported inside the command that needs them, so ``rcx info`` and
``rcx validate`` never load the Neo4j driver, igraph or matplotlib.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer
from rich.console import Console
from rich.text import Text

from rcx.clitext import count_table, inert
from rcx.graph.store import DEFAULT_TIMEOUT
from rcx.graph.store.source import Neo4jSettings
from rcx.schema.errors import RcxError

app = typer.Typer(
    name="rcx",
    help="Map and analyse an international regime complex as a sourced knowledge graph.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
# markup=False: nothing printed is ever parsed as Rich markup (data may hold "[/bold]").
out = Console(highlight=False, soft_wrap=True, markup=False, emoji=False)
err = Console(stderr=True, highlight=False, soft_wrap=True, markup=False, emoji=False)

F = TypeVar("F", bound=Callable[..., Any])
_NEO4J = Neo4jSettings()  # the defaults of the four Neo4j options
SEED_MAX = 2**32 - 1  # numpy's seed range; Python's random takes any of these too


def _output_path(value: str) -> Path:
    """An output path from the command line; ``-`` is standard output, ``''`` is refused."""
    if not value.strip():
        raise typer.BadParameter("empty path: name a file (or - for standard output)")
    return Path(value)


def _output_folder(value: str) -> Path:
    if not value.strip():
        raise typer.BadParameter("empty path: name a folder")
    return Path(value)


# --- options shared by several commands, declared once ---

DataOpt = Annotated[
    Path | None,
    typer.Option(
        "--data",
        envvar="RCX_DATA",
        readable=False,  # rcx reports unreadable ones
        help="Dataset folder (default: the built-in one).",
    ),
]
Neo4jFlag = Annotated[
    bool, typer.Option("--neo4j", envvar="RCX_NEO4J", help="Use Neo4j, not the dataset files.")
]
UriOpt = Annotated[
    str, typer.Option("--uri", envvar="NEO4J_URI", help="Neo4j Bolt URI.", rich_help_panel="Neo4j")
]
UserOpt = Annotated[
    str, typer.Option("--username", envvar="NEO4J_USERNAME", rich_help_panel="Neo4j")
]
PasswordOpt = Annotated[
    str,
    typer.Option(
        "--password",
        envvar="NEO4J_PASSWORD",
        show_default=False,
        help="Neo4j password (prefer the NEO4J_PASSWORD variable).",
        rich_help_panel="Neo4j",
    ),
]
DatabaseOpt = Annotated[
    str, typer.Option("--database", envvar="NEO4J_DATABASE", rich_help_panel="Neo4j")
]
DerivedOpt = Annotated[
    bool, typer.Option("--derived/--no-derived", help="Include relations derived by rules.")
]
SeedOpt = Annotated[
    int,
    typer.Option("--seed", min=0, max=SEED_MAX, help=f"Seed of every random step (0..{SEED_MAX})."),
]
OutFileOpt = Annotated[
    Path,
    typer.Option(
        "--output", "-o", parser=_output_path, help="File to write; - writes to standard output."
    ),
]
VerboseOpt = Annotated[
    bool,
    typer.Option(
        "--verbose", "-v", help="Show the Neo4j driver's log on stderr (passwords masked)."
    ),
]
TimeoutOpt = Annotated[
    float,
    typer.Option(
        "--timeout",
        min=0,
        envvar="RCX_QUERY_TIMEOUT",
        help="Stop the query after this many seconds (0: no limit).",
    ),
]


def _driver_log(verbose: bool, password: str) -> None:
    from rcx.graph.store.neo4j.connect import driver_logging

    driver_logging(verbose=verbose, secrets=[password])


def _settings(uri: str, username: str, password: str, database: str) -> Neo4jSettings:
    return Neo4jSettings(uri=uri, username=username, password=password, database=database)


def _graph(
    data: Path | None,
    neo4j: bool,
    uri: str,
    username: str,
    password: str,
    database: str,
    derived: bool = True,
) -> Any:
    from rcx.graph.store.source import open_graph

    settings = _settings(uri, username, password, database) if neo4j else None
    return open_graph(data, neo4j=settings, derived=derived)


def _version(value: bool) -> None:
    if value:
        from rcx import __version__

        out.print(f"rcx {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print rcx's version and exit."
        ),
    ] = False,
) -> None:
    """Map and analyse an international regime complex as a sourced knowledge graph."""


def _fail(e: RcxError) -> NoReturn:
    err.print(Text.assemble(("error:", "bold red"), " ", inert(str(e))))
    raise typer.Exit(code=e.exit_code)


def _errors_to_exit_codes(command: F) -> F:
    """Run ``command``; an :class:`RcxError` becomes one line on stderr and its exit code."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except RcxError as e:
            _fail(e)

    return run  # type: ignore[return-value]


def _command(func: F) -> F:
    return app.command()(_errors_to_exit_codes(func))


def _say(message: str, *, to_stderr: bool = False) -> None:
    (err if to_stderr else out).print(inert(message))


# --- validate, info, export ---


@_command
def validate(
    data: DataOpt = None,
    cap: Annotated[int, typer.Option("--max-errors", min=1, help="Errors to list.")] = 100,
) -> None:
    """Check everything the other commands check, and report every error in one run."""
    from rcx.loaders.validate import validate_dataset

    report = validate_dataset(data, cap=cap)
    if not report.ok:
        for e in report.errors:
            err.print(Text.assemble(("error:", "bold red"), " ", inert(str(e))))
        if report.more:
            _say(f"... and {report.more} more", to_stderr=True)
        _say(
            f"{report.total} error{'s' if report.total != 1 else ''}; nothing was written",
            to_stderr=True,
        )
        raise typer.Exit(code=max(e.exit_code for e in report.errors))
    ds = report.dataset
    assert ds is not None
    _say(
        f"ok: {ds.meta.id}: {len(ds.elements)} elements, {len(ds.claims)} claims, "
        f"{len(ds.relations)} asserted relations, {len(ds.citations)} citations"
    )
    if ds.vocabulary.is_extended:
        _say(f"vocabulary extended: {_extension_line(ds.vocabulary)}")


def _extension_line(vocabulary: Any) -> str:
    ext = vocabulary.extension
    parts = [
        f"{name.replace('_', ' ')} +{', +'.join(getattr(ext, name))}"
        for name in ("approaches", "activities", "kinds", "relation_types")
        if getattr(ext, name)
    ]
    parts += [f"pattern ({s})-[{r}]->({t})" for s, r, t in vocabulary.patterns]
    return "; ".join(parts)


@_command
def info(
    data: DataOpt = None,
    neo4j: Neo4jFlag = False,
    uri: UriOpt = _NEO4J.uri,
    username: UserOpt = _NEO4J.username,
    password: PasswordOpt = _NEO4J.password,
    database: DatabaseOpt = _NEO4J.database,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    expanded: Annotated[
        bool,
        typer.Option("--expanded", help="Count member-level expansions of class-level claims too."),
    ] = False,
) -> None:
    """Counts by kind and relation type, claims, provenance coverage, derived vs asserted."""
    from rcx.graph.report.summary import summarize

    summary = summarize(
        _graph(data, neo4j, uri, username, password, database), include_expanded=expanded
    )
    if as_json:
        typer.echo(json.dumps(summary.as_dict(), indent=2))  # ASCII: inert on any terminal
        return
    _print_summary(summary)


def _print_summary(s: Any) -> None:
    out.print(
        Text.assemble(
            (inert(str(s.dataset)), "bold"),
            inert(
                f": {s.elements} elements ({s.classes} classes), {s.claims} claims "
                f"({s.contradicted_claims} in a contradiction), {s.relations} relations "
                f"({s.asserted_relations} asserted, {s.derived_relations} derived)"
            ),
        )
    )
    how = "included above" if s.include_expanded else "not counted above; --expanded counts them"
    _say(f"expanded from class-level claims: {s.expanded_relations} relations ({how})")
    out.print(count_table("Elements by kind", "kind", s.by_kind))
    out.print(count_table("Relations by type", "type", s.by_relation_type))
    if s.derived_by_rule:
        out.print(count_table("Derived relations by rule", "rule", s.derived_by_rule))
    _say(
        f"provenance: {s.elements_with_provenance}/{s.elements} elements and "
        f"{s.relations_with_provenance}/{s.relations} relations name a section; "
        f"{s.elements_with_footnotes} elements and {s.relations_with_footnotes} relations "
        f"cite footnotes; {s.elements_with_notes} elements carry notes {s.notes_by_kind}"
    )
    _print_extensions(s.extensions)


def _print_extensions(rows: list[dict[str, str]]) -> None:
    """The dataset's own vocabulary values and patterns, each with its definition."""
    if rows:
        out.print(
            _rows_table(
                "Vocabulary the dataset adds",
                ("vocabulary", "value", "definition"),
                [(r["vocabulary"], r["value"], r["definition"]) for r in rows],
            )
        )


def _rows_table(title: str, columns: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> Any:
    from rich.table import Table

    table = Table(title=inert(title), title_justify="left")
    for i, col in enumerate(columns):
        # the first column holds names and ids: kept whole on one line; the others fold
        table.add_column(inert(col), no_wrap=i == 0, overflow="fold")
    for row in rows:
        table.add_row(*(inert(cell) for cell in row))
    return table


class ExportFormat(StrEnum):
    NODE_LINK = "node-link"
    GRAPHML = "graphml"
    GEXF = "gexf"
    CYTOSCAPE = "cytoscape"
    CSV = "csv"
    CYPHER = "cypher"


@_command
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="Export format.")],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            parser=_output_path,
            help="File (folder for csv); - writes a one-file format to standard output.",
        ),
    ],
    data: DataOpt = None,
    neo4j: Neo4jFlag = False,
    uri: UriOpt = _NEO4J.uri,
    username: UserOpt = _NEO4J.username,
    password: PasswordOpt = _NEO4J.password,
    database: DatabaseOpt = _NEO4J.database,
    derived: DerivedOpt = True,
) -> None:
    """Write the graph for Gephi, Cytoscape, Neo4j or your own scripts."""
    from rcx.graph.export import export_graph
    from rcx.graph.io import is_stdout

    g = _graph(data, neo4j, uri, username, password, database, derived)
    paths = export_graph(g, fmt.value, output)
    _say(
        f"wrote {', '.join(str(p) for p in paths)}: {g.number_of_nodes()} elements, "
        f"{g.number_of_edges()} relations",
        to_stderr=is_stdout(output),
    )


# --- load, query (Neo4j and embedded Cypher) ---


def _load_progress() -> Any:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )


@_command
def load(
    data: DataOpt = None,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace",
            help="Make the dataset the whole rcx graph: delete elements and "
            "relations that are not in it (default: merge, keep them).",
        ),
    ] = False,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Records per UNWIND batch.")
    ] = 1000,
    bulk: Annotated[
        bool,
        typer.Option(
            "--bulk",
            help="First load into an EMPTY local database through neo4j-admin database "
            "import (stops and restarts the server; see docs/neo4j.md).",
        ),
    ] = False,
    derived: DerivedOpt = True,
    uri: UriOpt = _NEO4J.uri,
    username: UserOpt = _NEO4J.username,
    password: PasswordOpt = _NEO4J.password,
    database: DatabaseOpt = _NEO4J.database,
    verbose: VerboseOpt = False,
) -> None:
    """Load the dataset into Neo4j in one transaction (all or nothing); safe to repeat."""
    from rcx.graph.store.neo4j.store import connect, load_graph
    from rcx.loaders import load_graph as build_graph

    settings = _settings(uri, username, password, database)
    _driver_log(verbose, settings.password)
    g = build_graph(data, derive=derived)
    if bulk:
        from rcx.graph.store.neo4j.bulk import bulk_load

        done = bulk_load(g, settings)
        _say(
            f"bulk-imported {g.graph.get('dataset', 'graph')} into {settings}: "
            f"{done.nodes_created} nodes, {done.relationships_created} relations "
            f"in {done.seconds:.1f} s (server restarted)"
        )
        return
    with connect(settings) as driver, _load_progress() as bar:
        task = bar.add_task("loading", total=g.number_of_nodes() + g.number_of_edges())
        report = load_graph(
            driver,
            g,
            database=database,
            replace=replace,
            batch_size=batch_size,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    _say(
        f"loaded {g.graph.get('dataset', 'graph')} into {settings}: "
        f"{g.number_of_nodes()} elements ({report.nodes_created} new, {report.nodes_updated} "
        f"updated), {g.number_of_edges()} relations ({report.relationships_created} new, "
        f"{report.relationships_updated} updated), {report.nodes_deleted} elements and "
        f"{report.relationships_deleted} relations deleted; {report.batches} batches in one "
        f"transaction, {report.seconds:.1f} s"
    )


class QueryFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"


def _print_result(result: Any, fmt: QueryFormat, *, formulas: bool = False) -> None:
    from rcx.clitext import format_csv, format_json, format_table

    if fmt is QueryFormat.JSON:
        typer.echo(format_json(result), nl=False)
    elif fmt is QueryFormat.CSV:
        typer.echo(format_csv(result, formulas=formulas), nl=False)
    else:
        out.print(format_table(result))
        err.print(f"{len(result.rows)} row{'s' if len(result.rows) != 1 else ''}")
    if result.truncated:
        err.print(
            f"stopped after {len(result.rows)} rows (--max-rows); more were not read", markup=False
        )


@_command
def query(
    cypher: Annotated[
        str | None,
        typer.Argument(metavar="[CYPHER]", help="Cypher to run; pass values as $parameters."),
    ] = None,
    name: Annotated[
        str | None, typer.Option("--name", "-n", help="Run a named query instead (see --list).")
    ] = None,
    list_queries: Annotated[bool, typer.Option("--list", help="List the named queries.")] = False,
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param",
            "-p",
            help="Parameter k=v (repeatable): ints, floats, true/false, null and "
            "JSON lists are parsed, anything else is text.",
        ),
    ] = None,
    fmt: Annotated[QueryFormat, typer.Option("--format", "-f", help="Output format.")] = (
        QueryFormat.TABLE
    ),
    formulas: Annotated[
        bool,
        typer.Option(
            "--csv-formulas",
            help="In CSV output, keep cells starting with = + - @ verbatim "
            "(default: prefix ' so spreadsheets show them as text).",
        ),
    ] = False,
    write: Annotated[bool, typer.Option("--write", help="Allow the query to write.")] = False,
    timeout: TimeoutOpt = DEFAULT_TIMEOUT,
    max_rows: Annotated[
        int | None,
        typer.Option(
            "--max-rows",
            min=0,
            help="Rows kept at most (default: 1000 for a table, all for csv/json).",
        ),
    ] = None,
    data: DataOpt = None,
    neo4j: Annotated[
        bool,
        typer.Option("--neo4j", envvar="RCX_NEO4J", help="Run on Neo4j, not the embedded engine."),
    ] = False,
    uri: UriOpt = _NEO4J.uri,
    username: UserOpt = _NEO4J.username,
    password: PasswordOpt = _NEO4J.password,
    database: DatabaseOpt = _NEO4J.database,
    verbose: VerboseOpt = False,
) -> None:
    """Run Cypher or a named query: embedded (FalkorDB, no server) or on Neo4j (--neo4j)."""
    from rcx.graph.store import DEFAULT_MAX_ROWS
    from rcx.graph.store.query import named_queries_table, query_graph

    if list_queries:
        _print_result(named_queries_table(), fmt, formulas=formulas)
        return
    if max_rows is None and fmt is QueryFormat.TABLE:
        max_rows = DEFAULT_MAX_ROWS
    settings = _settings(uri, username, password, database) if neo4j else None
    if settings is not None:
        _driver_log(verbose, settings.password)
    if write and settings is None:
        err.print(
            "note: the embedded engine is built afresh for each command; "
            "writes are not kept (use --neo4j)"
        )
    result = query_graph(
        cypher,
        name=name,
        params=param or [],
        neo4j=settings,
        data=data,
        read_only=not write,
        timeout=timeout or None,
        max_rows=max_rows,
    )
    _print_result(result, fmt, formulas=formulas)


# --- analyze ---


class LayerChoice(StrEnum):
    LINKAGES = "linkages"
    STRUCTURAL = "structural"
    EVERYTHING = "everything"


def _progress_bar() -> tuple[Any, Any]:
    """A rich progress bar on stderr and the ``progress(task, done, total)`` callback it backs."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=err,
        transient=True,
    )
    tasks: dict[str, Any] = {}

    def update(task: str, done: int, total: int) -> None:
        if task not in tasks:
            tasks[task] = bar.add_task(task, total=total)
        bar.update(tasks[task], completed=done)

    return bar, update


@_command
def analyze(
    data: DataOpt = None,
    neo4j: Neo4jFlag = False,
    uri: UriOpt = _NEO4J.uri,
    username: UserOpt = _NEO4J.username,
    password: PasswordOpt = _NEO4J.password,
    database: DatabaseOpt = _NEO4J.database,
    layers: Annotated[
        LayerChoice, typer.Option("--layers", help="Which relations count as linkage.")
    ] = LayerChoice.LINKAGES,
    derived: DerivedOpt = True,
    null_samples: Annotated[
        int, typer.Option("--null-samples", min=0, help="Null-model samples (0 skips them).")
    ] = 200,
    seed: SeedOpt = 0,
    scenario: Annotated[
        list[str] | None,
        typer.Option(
            "--scenario",
            metavar="<name|file>",
            help="Built-in scenario name or scenario YAML file (repeatable).",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the full report as JSON.")] = False,
    list_scenarios: Annotated[
        bool, typer.Option("--list-scenarios", help="List the built-in scenarios and exit.")
    ] = False,
    full: Annotated[
        bool, typer.Option("--full", help="Print every number and its provenance.")
    ] = False,
    pivot: Annotated[
        int | None,
        typer.Option(
            "--pivot",
            help="Timeline pivot year (default: the dataset's, else the median dated year).",
        ),
    ] = None,
    out_dir: Annotated[
        Path | None,
        typer.Option(
            "--out",
            parser=_output_folder,
            help="Also write report.md and report.json to this folder.",
        ),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=0,
            envvar="RCX_JOBS",
            help="Processes for null-model samples (0: all cores); the results do not depend "
            "on it.",
        ),
    ] = 0,
) -> None:
    """Verdicts on the claims the dataset declares, then the headline numbers of every
    analysis (--full: every number). Deterministic for a given --seed."""
    from rcx.graph.io import check_output_folder
    from rcx.graph.report.assemble import analyze as run_analysis
    from rcx.graph.report.assemble import dataset_meta
    from rcx.graph.report.render import print_report, to_json, write_report

    if list_scenarios:
        from rcx.graph.analysis.scenarios import scenario_rows

        columns = ("scenario", "title", "basis", "adds")
        out.print(_rows_table("Built-in scenarios (--scenario NAME)", columns, scenario_rows()))
        return
    if out_dir is not None:
        check_output_folder(out_dir)  # fail now, not after the long part
    g = _graph(data, neo4j, uri, username, password, database, derived)
    source = f"neo4j {uri} database {database}" if neo4j else str(data or "built-in")
    bar, progress = _progress_bar()
    with bar:
        report = run_analysis(
            g,
            meta=dataset_meta(data, g),
            layers=layers.value,
            include_derived=derived,
            n_null=null_samples,
            seed=seed,
            pivot=pivot,
            scenarios=list(scenario or []),
            source=source,
            progress=progress,
            jobs=jobs or None,
        )
    if out_dir is not None:
        paths = write_report(report, out_dir)
    if as_json:
        sys.stdout.write(to_json(report) + "\n")
    else:
        print_report(report, out, full=full)
    if out_dir is not None:
        _say(f"wrote {' and '.join(map(str, paths))}", to_stderr=True)


# --- view, figures ---


class ColorBy(StrEnum):
    KIND = "kind"
    CATEGORY = "category"
    CLUSTER = "cluster"
    CORE = "core"
    CENTRALITY = "centrality"


@_command
def view(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            parser=_output_path,
            help="The HTML file to write; - writes it to standard output.",
        ),
    ],
    data: DataOpt = None,
    neo4j: Neo4jFlag = False,
    uri: UriOpt = _NEO4J.uri,
    username: UserOpt = _NEO4J.username,
    password: PasswordOpt = _NEO4J.password,
    database: DatabaseOpt = _NEO4J.database,
    derived: DerivedOpt = True,
    title: Annotated[str, typer.Option("--title", help="Page heading.")] = "",
    color_by: Annotated[ColorBy, typer.Option("--color-by", help="Node colours.")] = ColorBy.KIND,
    ego: Annotated[str | None, typer.Option("--ego", help="Only elements near this id.")] = None,
    depth: Annotated[int, typer.Option("--depth", help="Steps from --ego.", min=0)] = 1,
    regime: Annotated[str | None, typer.Option("--regime", help="Only this regime.")] = None,
    ngos: Annotated[bool, typer.Option("--ngos", help="Only the NGO layer.")] = False,
    part_iii: Annotated[bool, typer.Option("--part-iii", help="Only Part III linkages.")] = False,
    show_parallel: Annotated[
        bool,
        typer.Option(
            "--show-parallel", help="Show PARALLEL_TO (asserted absence of a link) at first."
        ),
    ] = False,
    seed: Annotated[int, typer.Option("--seed", min=0, max=SEED_MAX, help="Layout seed.")] = 1,
) -> None:
    """Write ONE self-contained, offline HTML page to explore the graph (vis-network)."""
    from rcx.graph.io import is_stdout
    from rcx.graph.views import Subset, ViewOptions, write_view

    g = _graph(data, neo4j, uri, username, password, database, derived)
    opts = ViewOptions(
        title=title or str(g.graph.get("title") or "Regime complex"),
        seed=seed,
        color_by=color_by.value,
        show_parallel=show_parallel,
        subset=Subset(regime=regime, ngos=ngos, part_iii=part_iii, ego=ego, depth=depth),
    )
    path = write_view(g, output, opts)
    if is_stdout(output):
        _say("wrote the page to standard output", to_stderr=True)
    else:
        _say(
            f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB); open it in a browser, "
            "no network needed"
        )


@_command
def figures(
    out_dir: Annotated[
        Path,
        typer.Option("--out", "-o", parser=_output_folder, help="Folder for PNG and SVG files."),
    ],
    data: DataOpt = None,
    neo4j: Neo4jFlag = False,
    uri: UriOpt = _NEO4J.uri,
    username: UserOpt = _NEO4J.username,
    password: PasswordOpt = _NEO4J.password,
    database: DatabaseOpt = _NEO4J.database,
    only: Annotated[
        list[str] | None, typer.Option("--only", help="Figure name (repeatable).")
    ] = None,
    layer: Annotated[
        LayerChoice,
        typer.Option("--layer", help="Layer of the structure figures (default: the report's)."),
    ] = LayerChoice.LINKAGES,
) -> None:
    """Draw the paper's Figures 2.2-2.8 (what the data allows) and figures of the analyses."""
    from rcx.graph.figures import write_figures
    from rcx.graph.io import check_output_folder

    check_output_folder(out_dir)  # fail now, not after reading the graph
    g = _graph(data, neo4j, uri, username, password, database)
    paths, skipped = write_figures(g, out_dir, only or None, layer=layer.value)
    _say(f"wrote {len(paths)} files to {out_dir}")
    for name, why in skipped.items():
        _say(f"skipped {name}: {why}", to_stderr=True)


@_command
def init(
    directory: Annotated[
        Path,
        typer.Argument(
            help="New (or empty) folder for the dataset.", file_okay=False, parser=_output_folder
        ),
    ],
) -> None:
    """Write a small, valid, commented starter dataset to edit into your own."""
    from rcx.loaders.starter import write_starter

    paths = write_starter(directory)
    _say(
        f"wrote {len(paths)} files to {directory}; edit them, then run: "
        f"rcx validate --data {directory}"
    )


@_command
def vocab(
    data: DataOpt = None,
    markdown: Annotated[
        bool, typer.Option("--markdown", help="Print Markdown (what docs/codebook.md holds).")
    ] = False,
) -> None:
    """Every allowed value, kind, relation type and pattern, with its definition."""
    from rcx.loaders.meta import dataset_vocabulary
    from rcx.schema.codebook import codebook, to_markdown
    from rcx.schema.vocabulary import BUILTIN

    vocabulary = dataset_vocabulary(data) if data is not None else BUILTIN
    if markdown:
        typer.echo(to_markdown(vocabulary), nl=False)
        return
    for section in codebook(vocabulary):
        out.print(
            _rows_table(
                f"{section.title} ({section.used_in})",
                tuple(section.columns),
                [tuple(row) for row in section.rows],
            )
        )


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
    except BrokenPipeError:  # e.g. rcx query ... | head: the reader left, nothing to report
        sys.stderr.close()
        sys.exit(1)


if __name__ == "__main__":
    main()
