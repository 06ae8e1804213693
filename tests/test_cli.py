from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from rcx.cli import app

runner = CliRunner()


def test_validate_ok(mini: Path) -> None:
    result = runner.invoke(app, ["validate", "--data", str(mini)])
    assert result.exit_code == 0, result.output
    assert "ok: mini: 7 elements, 5 asserted relations" in result.stdout


def test_info_counts(mini: Path) -> None:
    result = runner.invoke(app, ["info", "--data", str(mini)])
    assert result.exit_code == 0, result.output
    assert "7 elements, 10 relations (8 asserted, 2 derived)" in result.stdout
    assert "nested-by-implementation" in result.stdout


def test_info_json(mini: Path) -> None:
    result = runner.invoke(app, ["info", "--data", str(mini), "--json"])
    data = json.loads(result.stdout)
    assert data["by_kind"]["ngo"] == 2
    assert data["by_relation_type"]["PARALLEL_TO"] == 1
    assert data["derived_by_rule"] == {"nested-by-implementation": 1, "parallel-to-kinds": 1}
    assert data["elements_with_provenance"] == 7


def test_export_node_link_holds_everything_with_provenance(mini: Path, tmp_path: Path) -> None:
    target = tmp_path / "g.json"
    result = runner.invoke(app, ["export", "-f", "node-link", "-o", str(target), "--data",
                                 str(mini)])
    assert result.exit_code == 0, result.output
    data = json.loads(target.read_text(encoding="utf-8"))
    assert len(data["nodes"]) == 7
    assert len(data["edges"]) == 10
    for node in data["nodes"]:
        assert {"id", "name", "aliases", "kind", "provenance"} <= node.keys()
    for link in data["edges"]:
        assert {"source", "target", "type", "provenance"} <= link.keys()
        assert link["provenance"]["section"]
        assert link["derived"] == link["provenance"]["derived"]


def test_export_without_derived(mini: Path, tmp_path: Path) -> None:
    target = tmp_path / "g.json"
    runner.invoke(app, ["export", "-f", "node-link", "-o", str(target), "--data", str(mini),
                        "--no-derived"])
    data = json.loads(target.read_text(encoding="utf-8"))
    assert not any(link["derived"] for link in data["edges"])
