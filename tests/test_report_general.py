"""The report is general: a dataset of another field gets no trace of the built-in paper; the
default report is short; every report is stamped; the stamp identifies content, not files."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
import yaml
from rich.console import Console
from typer.testing import CliRunner

from rcx import __version__
from rcx.cli import app
from rcx.graph.report.assemble import AnalysisReport, analyze
from rcx.graph.report.render import print_report, to_json, to_markdown
from rcx.graph.report.stamp import content_checksum
from rcx.graph.report.wording import fmt
from rcx.loaders import load_graph
from rcx.loaders.dataset import load_dataset
from rcx.schema.errors import DataError

FIXTURES = Path(__file__).parent / "fixtures"
CLIMATE = FIXTURES / "climate_small"
MINI = FIXTURES / "mini"
PAPER_WORDS = (
    "trafficking",
    "Appendix Two",
    "Palermo",
    "III.A",
    "NGO survey",
    "Part III",
    '"prevention"',
    "prevention_yes",
    "protection",
)
runner = CliRunner()


def _terminal(report: AnalysisReport, *, full: bool = False, width: int = 80) -> str:
    con = Console(width=width, record=True, highlight=False)
    print_report(report, con, full=full)
    return con.export_text()


@pytest.fixture(scope="module")
def climate() -> AnalysisReport:
    return analyze(load_graph(CLIMATE), meta=load_dataset(CLIMATE).meta, n_null=20, seed=0)


def test_another_field_has_no_trace_of_the_paper(climate: AnalysisReport) -> None:
    outputs = {
        "terminal": _terminal(climate),
        "full": _terminal(climate, full=True),
        "markdown": to_markdown(climate),
        "json": to_json(climate),
    }
    for name, text in outputs.items():
        for word in PAPER_WORDS:
            assert word.casefold() not in text.casefold(), f"{word!r} in the {name} report"


def test_another_field_tests_its_own_claims(climate: AnalysisReport) -> None:
    assert [v.claim for v in climate.verdicts] == ["no-core", "loose-coupling"]
    rc = climate.verdicts[1]
    assert rc.verdict == "SUPPORTED" and "2 approaches (diverse)" in rc.summary  # params: 2
    assert "survey" not in climate.sections and "stated" not in climate.sections
    assert climate.declared["functions"] == {}
    assert climate.sections["timeline"].params["pivot"] == 1992  # median (low) dated year


def test_cli_runs_the_other_field_end_to_end(tmp_path: Path) -> None:
    res = runner.invoke(
        app,
        [
            "analyze",
            "--data",
            str(CLIMATE),
            "--null-samples",
            "5",
            "--pivot",
            "2000",
            "--out",
            str(tmp_path / "r"),
        ],
    )
    assert res.exit_code == 0, res.output
    d = json.loads((tmp_path / "r" / "report.json").read_text(encoding="utf-8"))
    assert d["stamp"]["options"]["pivot"] == 2000
    assert d["stamp"]["options"]["pivot_from"] == "option"
    assert not any(w.casefold() in res.stdout.casefold() for w in PAPER_WORDS)


@pytest.fixture(scope="module")
def builtin() -> AnalysisReport:
    return analyze(load_graph(), meta=load_dataset().meta, n_null=50, seed=0)


def test_default_report_fits_about_150_lines_at_80_columns(builtin: AnalysisReport) -> None:
    text = _terminal(builtin)
    assert len(text.splitlines()) <= 150
    assert "None" not in text and "computed by" not in text
    full = _terminal(builtin, full=True, width=200)
    assert "Provenance" in full and "computed by" in full
    assert len(full.splitlines()) > 3 * len(text.splitlines())


def test_builtin_verdicts_are_explained(builtin: AnalysisReport) -> None:
    v = {x.claim: x for x in builtin.verdicts}
    assert list(v) == ["regime-complex", "no-core", "fragmentation"]
    assert v["fragmentation"].verdict == "MIXED (conflictive)"
    words = v["fragmentation"].summary
    conflict = builtin.sections["fragmentation"].pairs.conflicting_of_linked
    assert conflict <= 0.25
    assert (
        "Against: active norm conflicts among the links fails (conflicting_of_linked "
        f"{fmt(conflict)}, needs > 0.25)" in words
    )
    assert "the integration evidence points to conflictive, the norm conflict evidence" in words
    assert v["regime-complex"].verdict == "MIXED" and "held-together" in v["regime-complex"].summary
    assert "without the Appendix Two NGOs" in v["regime-complex"].summary
    clusters = _terminal(builtin)
    assert "isolates" in clusters


def test_stamp_in_every_output(builtin: AnalysisReport) -> None:
    st = builtin.stamp
    assert st["rcx_version"] == __version__ and st["dataset"] == "human-trafficking"
    assert st["checksum"].startswith("sha256:") and len(st["checksum"]) == 71
    assert st["seed"] == 0 and st["null_samples"] == {"degree-preserving": 50, "rich-club": 50}
    assert set(st["libraries"]) == {"networkx", "python-igraph", "leidenalg", "numpy", "scipy"}
    assert st["time"].endswith("Z")
    assert json.loads(to_json(builtin))["stamp"]["checksum"] == st["checksum"]
    for text in (to_markdown(builtin), _terminal(builtin)):
        assert st["checksum"][:19] in text and f"rcx {__version__}" in text


def _shuffled_copy(src: Path, dst: Path) -> None:
    """The same records in other files' order, other record order and other formatting."""
    shutil.copytree(src, dst)
    rng = random.Random(7)
    for f in sorted(dst.rglob("*.yaml")):
        doc = yaml.safe_load(f.read_text(encoding="utf-8"))
        if isinstance(doc, list):
            rng.shuffle(doc)
            f.write_text(
                yaml.safe_dump(doc, sort_keys=True, default_flow_style=False, indent=4),
                encoding="utf-8",
            )
    for f in sorted(dst.rglob("*.csv")):
        head, *rows = f.read_text(encoding="utf-8").splitlines(keepends=True)
        rng.shuffle(rows)
        f.write_text(head + "".join(rows), encoding="utf-8")


def test_checksum_is_of_content_not_files(tmp_path: Path) -> None:
    _shuffled_copy(MINI, tmp_path / "mini")
    a, b = load_graph(MINI), load_graph(tmp_path / "mini")
    assert list(a.nodes) != list(b.nodes) or list(a.edges) != list(b.edges)
    assert content_checksum(a) == content_checksum(b)
    c = a.copy()
    c.nodes["treaty"]["name"] = "Another name"
    assert content_checksum(c) != content_checksum(a)


def test_a_shuffled_copy_gives_the_same_report(tmp_path: Path) -> None:
    _shuffled_copy(MINI, tmp_path / "mini")
    meta = load_dataset(MINI).meta
    runs = [
        analyze(load_graph(d), meta=meta, n_null=20, seed=3, source=str(d)).as_dict()
        for d in (MINI, tmp_path / "mini")
    ]
    for r in runs:
        del r["stamp"]["time"], r["stamp"]["source"]
    assert json.dumps(runs[0]) == json.dumps(runs[1])


def test_version_option() -> None:
    res = runner.invoke(app, ["--version"])
    assert res.exit_code == 0 and res.stdout.strip() == f"rcx {__version__}"


def test_a_claim_with_an_unknown_test_fails_validation(tmp_path: Path) -> None:
    shutil.copytree(CLIMATE, tmp_path / "c")
    meta = tmp_path / "c" / "dataset.yaml"
    meta.write_text(
        meta.read_text(encoding="utf-8").replace(
            "test: no-coordinating-core", "test: no-such-test"
        ),
        encoding="utf-8",
    )
    res = runner.invoke(app, ["validate", "--data", str(tmp_path / "c")])
    assert res.exit_code == 2 and "no-such-test" not in res.stdout
    assert "claims_tested" in res.output


def test_a_claim_with_an_unknown_parameter_is_one_clear_error(tmp_path: Path) -> None:
    shutil.copytree(CLIMATE, tmp_path / "c")
    meta = tmp_path / "c" / "dataset.yaml"
    meta.write_text(
        meta.read_text(encoding="utf-8").replace("min_approaches: 2", "min_aproaches: 2"),
        encoding="utf-8",
    )
    with pytest.raises(DataError, match=r"loose-coupling.*min_aproaches"):
        analyze(load_graph(tmp_path / "c"), meta=load_dataset(tmp_path / "c").meta, n_null=0)
    res = runner.invoke(
        app,
        [
            "analyze",
            "--data",
            str(tmp_path / "c"),
            "--null-samples",
            "0",
            "--out",
            str(tmp_path / "out"),
        ],
    )
    assert res.exit_code == 2 and "min_aproaches" in res.output
    assert not (tmp_path / "out").exists()


def test_a_graph_of_another_dataset_gets_the_general_report() -> None:
    from rcx.graph.report.assemble import dataset_meta

    g = nx.MultiDiGraph(dataset="something-else")
    assert dataset_meta(None, g) is None
    assert dataset_meta(None, load_graph()) is not None


def _meta_with_all_tests() -> Any:
    from rcx.graph.report.rules import CLAIM_TESTS
    from rcx.schema.models import ClaimTest, DatasetMeta

    claims = [ClaimTest(id=t, statement="s", test=t) for t in CLAIM_TESTS]
    return DatasetMeta(id="hand", title="Hand", source="tests", claims_tested=claims)


def _star(leaves: int) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph(dataset="hand")
    cats = ("HardLaw", "SoftLaw", "Organisation")
    g.add_node("hub", category="HardLaw", kind="global_treaty", approaches=["a", "b", "c"])
    for i in range(leaves):
        g.add_node(f"l{i}", category=cats[i % 3], kind="national_law", approaches=["a"])
        g.add_edge(f"l{i}", "hub", type="NESTED_IN", derived=False)
    return g


def test_a_star_has_a_literal_core_and_is_synergistic() -> None:
    r = analyze(_star(6), meta=_meta_with_all_tests(), n_null=10)
    v = {x.claim: x for x in r.verdicts}
    assert v["no-coordinating-core"].verdict == "NOT SUPPORTED"
    assert "a literal core" in v["no-coordinating-core"].summary
    assert v["is-regime-complex"].verdict == "MIXED"  # dense and held by a core: not loose
    assert "held by a core" in v["is-regime-complex"].summary
    assert (v["fragmentation-type"].verdict, v["fragmentation-type"].grade) == (
        "SYNERGISTIC",
        "firm",
    )


def test_without_null_samples_the_core_verdict_is_weak() -> None:
    g = _star(6)
    g.remove_edge("l0", "hub")  # no element linked to all others any more
    r = analyze(g, meta=_meta_with_all_tests(), n_null=0)
    v = {x.claim: x for x in r.verdicts}["no-coordinating-core"]
    assert (v.verdict, v.grade) == ("SUPPORTED", "weak")
    assert "null models were not run" in v.summary
