"""The analysis report: verdict structure, JSON, determinism, rendering, and ``rcx analyze``."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from rcx.cli import app
from rcx.graph.analysis.ablation import ablation
from rcx.graph.analysis.gaps import gaps
from rcx.graph.analysis.timeline import growth, timeline
from rcx.graph.report.assemble import AnalysisReport, analyze, layer_spec
from rcx.graph.report.render import blocks, md_escape, print_report, to_json, to_markdown
from rcx.graph.report.trace import to_jsonable
from rcx.loaders import load_graph
from rcx.loaders.dataset import load_dataset
from rcx.schema.models import ClaimTest, DatasetMeta

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini"


@pytest.fixture(scope="module")
def g() -> nx.MultiDiGraph:
    return load_graph(MINI)


CLAIMS = [
    ClaimTest(
        id="rc", statement="A regime complex exists.", section="II.A", test="is-regime-complex"
    ),
    ClaimTest(id="no-core", statement="No coordinating core.", test="no-coordinating-core"),
    ClaimTest(id="kind", statement="Which fragmentation.", test="fragmentation-type"),
]


@pytest.fixture(scope="module")
def meta() -> DatasetMeta:
    return load_dataset(MINI).meta.model_copy(update={"claims_tested": CLAIMS})


@pytest.fixture(scope="module")
def report(g: nx.MultiDiGraph, meta: DatasetMeta) -> AnalysisReport:
    return analyze(g, meta=meta, n_null=20, seed=0)


def test_verdicts_on_the_declared_claims(report: AnalysisReport) -> None:
    assert [v.claim for v in report.verdicts] == ["rc", "no-core", "kind"]
    for v in report.verdicts:
        assert v.statement and v.verdict and v.summary and v.grade in {"firm", "mixed", "weak"}
        assert v.evidence, f"claim {v.claim} has no evidence"
        for e in v.evidence:
            assert e.function.startswith(("rcx.graph.analysis.", "rcx.graph.report."))
            assert e.layer.startswith("linkages")
    assert report.verdicts[0].verdict in {"SUPPORTED", "MIXED", "NOT SUPPORTED"}
    assert report.verdicts[1].verdict in {"SUPPORTED", "MIXED", "NOT SUPPORTED"}
    assert report.verdicts[2].verdict.removeprefix("MIXED (").rstrip(")").lower() in {
        "synergistic",
        "cooperative",
        "conflictive",
    }
    names = {e.name for e in report.verdicts[1].evidence}
    assert {"max_degree_coverage", "betweenness_centralization_p", "core_periphery_fit_p"} <= names


def test_no_claims_declared_gives_the_general_report(g: nx.MultiDiGraph) -> None:
    r = analyze(g, n_null=0)
    assert r.verdicts == () and "survey" not in r.sections and "stated" not in r.sections
    assert "declares no claims" in to_markdown(r)


def test_provenance_names_come_from_the_functions(report: AnalysisReport) -> None:
    """Every function named in the report resolves to that object (nothing typed by hand)."""
    import importlib

    for name in {p["function"] for p in report.provenance}:
        module, _, qual = name.rpartition(".")
        while module not in __import__("sys").modules:
            module, _, head = module.rpartition(".")
            qual = f"{head}.{qual}"
        obj = importlib.import_module(module)
        for part in qual.split("."):
            obj = getattr(obj, part)
        assert f"{obj.__module__}.{obj.__qualname__}" == name


def test_every_number_is_traceable(report: AnalysisReport) -> None:
    prov = report.provenance
    assert all(set(p) == {"metric", "function", "params", "layer"} for p in prov)
    metrics = {p["metric"] for p in prov}
    for v in report.verdicts:
        assert {e.name for e in v.evidence} <= metrics
    for section in (
        "headline.*",
        "core.*",
        "null_models.*",
        "gaps.*",
        "typology.*",
        "timeline.*",
        "ablation.*",
        "fragmentation.*",
        "clusters.*",
    ):
        assert section in metrics


def _unstamped(r: AnalysisReport) -> str:
    d = r.as_dict()
    d["stamp"] = {k: v for k, v in d["stamp"].items() if k not in ("time", "source")}
    return json.dumps(d, allow_nan=False)


def test_json_round_trip_and_determinism(
    g: nx.MultiDiGraph, meta: DatasetMeta, report: AnalysisReport
) -> None:
    text = json.dumps(report.as_dict(), allow_nan=False)
    assert json.loads(text) == report.as_dict()
    again = analyze(g, meta=meta, n_null=20, seed=0, source="elsewhere")
    assert _unstamped(again) == _unstamped(report)
    other = analyze(g, meta=meta, n_null=20, seed=1)
    assert other.as_dict()["seed"] == 1 and other.stamp["seed"] == 1


def test_options_are_recorded(g: nx.MultiDiGraph) -> None:
    r = analyze(g, layers="structural", include_derived=False, n_null=0, seed=3)
    assert r.layer["name"] == "structural" and r.layer["include_derived"] is False
    assert r.sections["null_models"] == {}
    assert sum(row["chosen"] for row in r.layer_sensitivity) == 1
    with pytest.raises(ValueError, match="layers must be one of"):
        layer_spec("nonsense")


def test_scenarios_in_the_report(g: nx.MultiDiGraph, tmp_path: Path) -> None:
    sc = tmp_path / "s.yaml"
    sc.write_text(
        "id: one-more\ntitle: One more\nbasis: {section: IV.C}\nadd_elements:\n"
        "  - {id: extra-law, name: Extra law, kind: national_law, links: "
        "[{type: NESTED_IN, to: {ids: [treaty]}}]}\n",
        encoding="utf-8",
    )
    r = analyze(g, n_null=0, scenarios=[str(sc)])
    (res,) = r.sections["scenarios"]
    assert res.delta["nodes"] == 1 and res.delta["edges"] == 1
    assert "Scenario one-more" in to_markdown(r)


def test_markdown_and_terminal_have_the_same_content(report: AnalysisReport) -> None:
    from rich.console import Console

    md = to_markdown(report)
    assert md.index("## Verdicts") < md.index("## How to read this") < md.index("## Headline")
    for v in report.verdicts:
        assert md_escape(v.verdict) in md
    con = Console(width=200, record=True, highlight=False)
    print_report(report, con, full=True)
    text = con.export_text()
    for b in blocks(report):
        if b.kind in ("h1", "h2"):
            assert b.text in text and md_escape(b.text) in md
    assert json.loads(to_json(report))["verdicts"][0]["claim"] == "rc"


def test_hostile_names_are_escaped(tmp_path: Path) -> None:
    from rich.console import Console

    g = nx.MultiDiGraph(dataset="x", title="<script>alert(1)</script> [bold]x[/bold] | *")
    g.add_node("a", kind="ngo", category="PrivateActor", provenance={"section": "VII"})
    r = analyze(g, n_null=0)
    md = to_markdown(r)
    assert "<script>" not in md and "&lt;script&gt;" in md
    con = Console(width=200, record=True, highlight=False)
    print_report(r, con)
    assert "[bold]x[/bold]" in con.export_text()


def test_to_jsonable_handles_sets_nan_and_numpy() -> None:
    import numpy as np

    assert to_jsonable(
        {1: {frozenset({"b", "a"})}, "x": float("nan"), "y": np.float64(2.5), "z": (np.int64(3),)}
    ) == {"1": [["a", "b"]], "x": None, "y": 2.5, "z": [3]}


def test_timeline_ablation_and_gaps_on_the_fixture(g: nx.MultiDiGraph) -> None:
    tl = timeline(g)
    assert [s.year for s in tl.snapshots] == [2000, 2014, "all"]
    assert tl.growth.dated == 2 and tl.growth.undated == 5
    assert tl.growth.dated_share == pytest.approx(2 / 7, abs=1e-4)
    assert timeline(g, undated="exclude").snapshots[-1].year == 2014
    gr = growth({"a": 1990, "b": 2000, "c": 2001})
    assert (gr.before.added, gr.after.added, gr.after.years) == (1, 2, 2)
    ab = ablation(g)
    # the fixture has no soft law, organisations, language or events: those layers are skipped
    assert [r.layer for r in ab.rows] == [
        "hard law",
        "+ private actors & initiatives",
        "+ other regimes",
    ]
    assert "+ soft law" in ab.params["skipped"]
    assert ab.rows[0].metrics["nodes"] == 3  # treaty, statute, regional
    assert ab.rows[-1].metrics["nodes"] == 7
    gp = gaps(g)
    flags = {f.weakness: f for f in gp.flags}
    private = flags["little private-sector (commercial) participation"]
    assert private.measured["commercial_elements"] == 0 and private.verdict == "supported"
    # gaps counts the class node "NGOs" (kind ngo, is_class) as one more NGO
    assert {r["sector"]: r["elements"] for r in gp.tables["private_sector"]}[
        "not-for-profit (NGOs)"
    ] == 3


# --------------------------------------------------------------------------------------------
# The command line
# --------------------------------------------------------------------------------------------

runner = CliRunner()


def test_cli_analyze_json() -> None:
    res = runner.invoke(app, ["analyze", "--data", str(MINI), "--json", "--null-samples", "10"])
    assert res.exit_code == 0, res.output
    d = json.loads(res.stdout)
    assert d["verdicts"] == []  # the mini dataset declares no claims
    assert d["n_null"] == 10 and d["layer"]["name"] == "linkages"
    assert d["stamp"]["null_samples"]["degree-preserving"] == 10
    assert d["stamp"]["source"] == str(MINI) and d["stamp"]["dataset"] == "mini"


def test_cli_analyze_out_writes_both_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    res = runner.invoke(
        app,
        [
            "analyze",
            "--data",
            str(MINI),
            "--null-samples",
            "5",
            "--layers",
            "everything",
            "--no-derived",
            "--seed",
            "2",
            "--out",
            str(out),
        ],
    )
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in out.iterdir()) == ["report.json", "report.md"]
    d = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert d["seed"] == 2 and d["layer"]["include_places"] is True
    assert d["layer"]["include_derived"] is False
    assert (out / "report.md").read_text(encoding="utf-8").startswith("# rcx analysis")
    assert "Verdicts" in res.stdout


def test_cli_analyze_bad_scenario_fails_cleanly(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\ntitle: X\nbasis: {section: IV.C}\nsurprise: 1\n", encoding="utf-8")
    res = runner.invoke(
        app, ["analyze", "--data", str(MINI), "--null-samples", "0", "--scenario", str(bad)]
    )
    assert res.exit_code == 2
    assert "surprise" in res.output
    res = runner.invoke(app, ["analyze", "--data", str(MINI), "--scenario", "no-such"])
    assert res.exit_code == 2
