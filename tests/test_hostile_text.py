"""Text is never markup: hostile names, paths and values go through every command that prints.

Rich markup in data (``[/bold]`` used to crash rcx, ``[link=...]`` became a real OSC 8
hyperlink) must print literally; control characters, escape sequences and bidi overrides
from data, paths or parameters must reach the terminal escaped (``\\u001b``), never raw.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rcx.cli import app

runner = CliRunner()
CLOSE = "[/bold]"
LINK = "[link=https://evil.example/]click me[/link]"
RAW = ("\x1b", "\u202e", "\x1b]8;", "\x07")
# a folder name holding markup, an escape sequence and a right-to-left override
HOSTILE_DIR = "out[/red]\x1b[31m\u202egnp."


@pytest.fixture
def hostile(mini: Path) -> Path:
    core = mini / "elements" / "core.yaml"
    text = core.read_text(encoding="utf-8")
    text = text.replace("name: Land\n", f"name: '{CLOSE} Land'\n")
    text = text.replace("name: Labour regime\n", f"name: '{LINK}'\n")
    core.write_text(text, encoding="utf-8")
    return mini


def assert_inert(output: str) -> None:
    for raw in RAW:
        assert raw not in output, f"raw {raw!r} reached the terminal"


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    both = result.stdout + result.stderr
    assert_inert(both)
    return both


NAMES = "MATCH (n:Element) WHERE n.name CONTAINS '[' RETURN n.name AS name ORDER BY name"


def test_every_command_prints_hostile_data_as_plain_text(hostile: Path, tmp_path: Path) -> None:
    data = ["--data", str(hostile)]
    out = tmp_path / HOSTILE_DIR
    run("validate", *data)
    run("info", *data)
    run("info", "--json", *data)
    assert "\\u001b" in run("export", "-f", "gexf", "-o", str(out / "g.gexf"), *data)
    table = run("query", NAMES, *data)
    assert CLOSE in table and LINK in table
    csv_out = run("query", NAMES, "-f", "csv", *data)
    assert LINK in csv_out
    assert LINK in run("query", NAMES, "-f", "json", *data)
    run("query", "--list")
    report = run("analyze", "--null-samples", "0", *data)
    assert "verdict" in report.lower()
    assert "\\u202e" in run("view", "-o", str(out / "v.html"), *data)
    run("figures", "-o", str(out / "fig"), "--only", "degree_distribution", *data)


def test_escape_sequences_in_query_values_are_shown_escaped(mini: Path) -> None:
    hostile = "\x1b[2J\x1b]8;;https://evil.example/\x07x\x1b]8;;\x07\u202eevil\x9b"
    for fmt in ("table", "csv", "json"):
        result = runner.invoke(
            app, ["query", "RETURN $v AS v", "-p", f"v={hostile}", "-f", fmt, "--data", str(mini)]
        )
        assert result.exit_code == 0, result.output
        assert_inert(result.stdout + result.stderr)
        assert "\\u202e" in result.stdout


def test_errors_print_hostile_paths_and_values_as_plain_text(hostile: Path, tmp_path: Path) -> None:
    missing = tmp_path / HOSTILE_DIR
    result = runner.invoke(app, ["validate", "--data", str(missing)])
    assert result.exit_code == 4
    assert_inert(result.stderr)
    assert "[/red]" in result.stderr and "\\u001b[31m" in result.stderr
    bad = runner.invoke(app, ["query", "--name", f"no-such{CLOSE}{LINK}"])
    assert bad.exit_code == 1 and CLOSE in bad.stderr and LINK in bad.stderr
    view = runner.invoke(
        app, ["view", "-o", str(tmp_path / "v.html"), "--ego", f"x{CLOSE}", "--data", str(hostile)]
    )
    assert view.exit_code == 1 and f"x{CLOSE}" in view.stderr
    assert_inert(bad.stderr + view.stderr)


def test_no_hyperlink_or_escape_from_data_on_a_real_terminal(hostile: Path) -> None:
    # FORCE_COLOR makes rich write styles as to a terminal: data still must not add any
    env = {**os.environ, "FORCE_COLOR": "1", "COLUMNS": "200"}
    proc = subprocess.run(
        [sys.executable, "-m", "rcx.cli", "query", NAMES, "--data", str(hostile)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    assert "\x1b]8;" not in proc.stdout
    assert LINK in proc.stdout and CLOSE in proc.stdout
    err = subprocess.run(
        [sys.executable, "-m", "rcx.cli", "validate", "--data", str(hostile / HOSTILE_DIR)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert err.returncode == 4 and "[/red]" in err.stderr
    assert "\u202e" not in err.stderr and "\x1b[31m" not in err.stderr.replace("\x1b[1;31m", "")


def test_query_csv_neutralises_formulas_unless_asked(mini: Path) -> None:
    args = [
        "query",
        "RETURN $f AS f, $n AS n, $at AS at",
        "-p",
        'f==HYPERLINK("x")',
        "-p",
        "n=-1",
        "-p",
        "at=@SUM(A1)",
        "-f",
        "csv",
        "--data",
        str(mini),
    ]
    safe = runner.invoke(app, args)
    assert safe.exit_code == 0, safe.output
    assert safe.stdout.splitlines()[1] == '"\'=HYPERLINK(""x"")",-1,\'@SUM(A1)'
    verbatim = runner.invoke(app, [*args, "--csv-formulas"])
    assert verbatim.stdout.splitlines()[1] == '"=HYPERLINK(""x"")",-1,@SUM(A1)'


def test_neo4j_admin_csv_keeps_values_verbatim(hostile: Path, tmp_path: Path) -> None:
    core = hostile / "elements" / "core.yaml"
    core.write_text(
        core.read_text(encoding="utf-8").replace("name: National Statute", "name: '=1+2'"),
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["export", "-f", "csv", "-o", str(tmp_path / "csv"), "--data", str(hostile)]
    )
    assert result.exit_code == 0, result.output
    nodes = (tmp_path / "csv" / "nodes.csv").read_text(encoding="utf-8")
    assert ",=1+2," in nodes and "'=1+2" not in nodes
