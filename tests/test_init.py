"""``rcx init DIR``: a small, valid, commented starter dataset."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rcx.cli import app
from rcx.loaders import load_graph
from rcx.loaders.starter import write_starter
from rcx.schema import RcxError
from rcx.schema.vocab import LINKAGE_TYPES

runner = CliRunner()


def test_init_writes_a_dataset_that_validates(tmp_path: Path) -> None:
    target = tmp_path / "mine"
    result = runner.invoke(app, ["init", str(target)])
    assert result.exit_code == 0, result.output
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()) == [
        "citations.csv",
        "claims.yaml",
        "dataset.yaml",
        "elements/elements.yaml",
        "relations/relations.yaml",
    ]
    result = runner.invoke(app, ["validate", "--data", str(target)])
    assert result.exit_code == 0, result.output
    assert (
        "ok: my-regime-complex: 9 elements, 9 claims, 11 asserted relations, 2 citations"
        in result.stdout
    )
    assert "approaches +water; activities +research" in result.stdout


def test_starter_shows_what_a_dataset_holds(tmp_path: Path) -> None:
    write_starter(tmp_path / "s")
    g = load_graph(tmp_path / "s")
    types = {d["type"] for *_, d in g.edges(data=True)}
    assert {t.value for t in LINKAGE_TYPES} <= types  # one relation of each linkage type
    assert len({d["kind"] for _, d in g.nodes(data=True)}) >= 4
    assert any(d["provenance"]["footnotes"] for _, d in g.nodes(data=True))  # a citation
    text = (tmp_path / "s" / "dataset.yaml").read_text(encoding="utf-8")
    assert text.count("\n#") >= 5 and "claim" in text  # commented, with a claim
    info = json.loads(runner.invoke(app, ["info", "--data", str(tmp_path / "s"), "--json"]).stdout)
    assert info["derived_relations"] == 0  # the rule's pair is already linked
    assert info["classes"] == 1 and info["expanded_relations"] == 1


def test_starter_shows_claims_and_a_class(tmp_path: Path) -> None:
    write_starter(tmp_path / "s")
    g = load_graph(tmp_path / "s")
    asserted = [d for *_, d in g.edges(data=True) if not d["derived"]]
    assert all(d["claim"] for d in asserted)  # every asserted relation names its claim
    hq = [d["claim"] for *_, d in g.edges(data=True) if d["type"] == "HEADQUARTERED_IN"]
    assert hq == ["locations-4"]
    assert [n for n, d in g.nodes(data=True) if d.get("is_class")] == ["basin-ngos"]
    members = [u for u, v, d in g.edges(data=True) if d["type"] == "INSTANCE_OF"]
    assert members == ["river-watch"]
    copies = [(u, v, d["expanded_from"]) for u, v, d in g.edges(data=True) if d["expanded"]]
    assert copies == [("river-watch", "basin-commission", "s4-basin-ngos")]
    text = (tmp_path / "s" / "claims.yaml").read_text(encoding="utf-8")
    assert text.startswith("# claims.yaml") and "contradicts" in text  # commented


def test_init_into_an_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    write_starter(tmp_path / "empty")
    assert (tmp_path / "empty" / "dataset.yaml").is_file()


def test_init_refuses_a_non_empty_folder(tmp_path: Path) -> None:
    target = tmp_path / "busy"
    target.mkdir()
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    result = runner.invoke(app, ["init", str(target)])
    assert result.exit_code == 1 and "not an empty folder" in result.stderr
    assert [p.name for p in target.iterdir()] == ["notes.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["busy"]  # no temporary left over
    with pytest.raises(RcxError):
        write_starter(target / "notes.txt")
