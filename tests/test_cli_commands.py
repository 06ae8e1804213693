"""A CliRunner test for each command not covered elsewhere (view, figures, load's failure,
help), at the fixed width conftest sets; and the CLI's own contract: shared Neo4j options
with defaults from ``Neo4jSettings``, errors as exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rcx.cli import app
from rcx.graph.store.source import Neo4jSettings

runner = CliRunner()
COMMANDS = sorted(
    c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands
)


def test_the_commands() -> None:
    assert COMMANDS == [
        "analyze",
        "export",
        "figures",
        "info",
        "init",
        "load",
        "query",
        "validate",
        "view",
        "vocab",
    ]


@pytest.mark.parametrize("command", COMMANDS)
def test_help(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage: rcx " + command in result.stdout


def test_neo4j_options_default_to_the_settings() -> None:
    defaults = Neo4jSettings()
    for command in ("info", "load", "query", "analyze", "view", "figures", "export"):
        text = runner.invoke(app, [command, "--help"]).stdout
        assert defaults.uri in text and "NEO4J_URI" in text and "NEO4J_PASSWORD" in text


def test_view(mini: Path, tmp_path: Path) -> None:
    target = tmp_path / "v.html"
    result = runner.invoke(
        app,
        [
            "view",
            "-o",
            str(target),
            "--data",
            str(mini),
            "--ego",
            "treaty",
            "--depth",
            "1",
            "--title",
            "Mini <b>view</b>",
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"wrote {target} (") and "no network needed" in result.stdout
    page = target.read_text(encoding="utf-8")
    assert "Mini &lt;b&gt;view&lt;/b&gt;" in page and "<b>view</b>" not in page
    unknown = runner.invoke(
        app, ["view", "-o", str(tmp_path / "w.html"), "--data", str(mini), "--ego", "nowhere"]
    )
    assert unknown.exit_code == 1 and unknown.stderr.startswith("error: unknown")
    assert not (tmp_path / "w.html").exists()


def test_figures(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "fig"
    result = runner.invoke(
        app,
        [
            "figures",
            "-o",
            str(out),
            "--data",
            str(mini),
            "--only",
            "degree_distribution",
            "--only",
            "ngo_roles",
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote 4 files to {out}\n"
    assert sorted(p.name for p in out.iterdir()) == [
        "degree_distribution.png",
        "degree_distribution.svg",
        "ngo_roles.png",
        "ngo_roles.svg",
    ]
    bogus = runner.invoke(
        app, ["figures", "-o", str(tmp_path / "none"), "--only", "bogus", "--data", str(mini)]
    )
    assert bogus.exit_code == 1 and "unknown figure(s) ['bogus']" in bogus.stderr
    assert not (tmp_path / "none").exists()


def test_analyze_writes_both_reports(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "rep"
    result = runner.invoke(
        app, ["analyze", "--null-samples", "0", "--data", str(mini), "--out", str(out), "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads((out / "report.json").read_text()) == json.loads(result.stdout)
    assert (out / "report.md").read_text().startswith("#")
    assert f"wrote {out / 'report.md'} and {out / 'report.json'}" in result.stderr


def test_analyze_bad_scenario_fails_before_the_analysis(mini: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["analyze", "--data", str(mini), "--scenario", "no-such", "--out", str(tmp_path / "rep")],
    )
    assert result.exit_code != 0 and result.stderr.count("error:") == 1
    assert not (tmp_path / "rep").exists()


def test_load_with_the_server_down_is_one_store_error(mini: Path) -> None:
    result = runner.invoke(app, ["load", "--data", str(mini), "--uri", "bolt://127.0.0.1:9"])
    assert result.exit_code == 3, result.output
    assert result.stderr.count("error:") == 1 and "Traceback" not in result.output


def test_info_json_is_ascii(mini: Path) -> None:
    result = runner.invoke(app, ["info", "--json", "--data", str(mini)])
    assert result.exit_code == 0 and result.stdout.isascii()
    assert json.loads(result.stdout)["elements"] == 8  # seven and one class


def test_analyze_lists_the_builtin_scenarios() -> None:
    result = runner.invoke(app, ["analyze", "--list-scenarios"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for name in ("more-corporate-participation", "stronger-enforcement"):
        assert name in result.stdout
    assert "IV.C" in result.stdout  # each with the section it rests on
