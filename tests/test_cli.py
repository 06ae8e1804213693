from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from rcx.cli import app

runner = CliRunner()


def test_validate_ok(mini: Path) -> None:
    result = runner.invoke(app, ["validate", "--data", str(mini)])
    assert result.exit_code == 0, result.output
    assert "ok: mini: 8 elements, 8 claims, 8 asserted relations" in result.stdout


def test_info_counts(mini: Path) -> None:
    result = runner.invoke(app, ["info", "--data", str(mini)])
    assert result.exit_code == 0, result.output
    assert (
        "8 elements (1 classes), 8 claims (0 in a contradiction), 12 relations "
        "(11 asserted, 1 derived)"
    ) in result.stdout
    assert "expanded from class-level claims: 1 relations (not counted above" in result.stdout
    assert "nested-by-implementation" in result.stdout
    expanded = runner.invoke(app, ["info", "--data", str(mini), "--expanded"])
    assert "13 relations (11 asserted, 2 derived)" in expanded.stdout


def test_info_json(mini: Path) -> None:
    result = runner.invoke(app, ["info", "--data", str(mini), "--json"])
    data = json.loads(result.stdout)
    assert data["by_kind"]["ngo"] == 3  # two NGOs and the class of NGOs
    assert data["by_relation_type"]["PARALLEL_TO"] == 1
    assert data["derived_by_rule"] == {"nested-by-implementation": 1}
    assert data["elements_with_provenance"] == 8
    assert (data["claims"], data["classes"], data["expanded_relations"]) == (8, 1, 1)


def test_export_node_link_holds_everything_with_provenance(mini: Path, tmp_path: Path) -> None:
    target = tmp_path / "g.json"
    result = runner.invoke(
        app, ["export", "-f", "node-link", "-o", str(target), "--data", str(mini)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(target.read_text(encoding="utf-8"))
    assert len(data["nodes"]) == 8
    assert len(data["edges"]) == 13
    for node in data["nodes"]:
        assert {"id", "name", "aliases", "kind", "provenance", "is_class"} <= node.keys()
    assert [n["id"] for n in data["nodes"] if n["is_class"]] == ["ngos"]
    for link in data["edges"]:
        assert {"source", "target", "type", "provenance"} <= link.keys()
        assert link["provenance"]["section"]
        assert link["derived"] == link["provenance"]["derived"]
        if link["derived"]:
            assert link["rule"] and "claim" not in link
        else:
            assert link["claim"] and "expanded_from" not in link
    (exp,) = [link for link in data["edges"] if link.get("expanded_from")]
    assert (exp["source"], exp["target"], exp["rule"]) == (
        "treaty",
        "shelter",
        "expand-class-claims",
    )


def test_export_without_derived(mini: Path, tmp_path: Path) -> None:
    target = tmp_path / "g.json"
    runner.invoke(
        app, ["export", "-f", "node-link", "-o", str(target), "--data", str(mini), "--no-derived"]
    )
    data = json.loads(target.read_text(encoding="utf-8"))
    assert not any(link["derived"] for link in data["edges"])
