"""Import budget: the commands people run most load only what they need (issue 12).

This guards *which* modules get imported (``sys.modules`` after the real command ran), not
how long it takes; ``bench/startup_bench.py`` measures the time.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = {
    "igraph",
    "leidenalg",
    "scipy",
    "numpy",
    "matplotlib",
    "neo4j",
    "falkordb",
    "redis",
    "pyvis",
    "jinja2",
    "pandas",
}


def imported(*args: str) -> set[str]:
    """Top-level names of the modules loaded (``sys.modules``) after ``rcx ARGS`` ran for real."""
    code = (
        "import json, runpy, sys\n"
        f"sys.argv = ['rcx', *{list(args)!r}]\n"
        "try:\n    runpy.run_module('rcx.cli', run_name='__main__')\n"
        "except SystemExit as e:\n    assert not e.code, e.code\n"
        "sys.stderr.write('MODULES ' + json.dumps(sorted(sys.modules)))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    modules = json.loads(proc.stderr.rpartition("MODULES ")[2])
    names = {m.split(".")[0] for m in modules}
    assert "rcx" in names
    return names


@pytest.mark.parametrize("command", [["info"], ["info", "--json"], ["validate"]])
def test_info_and_validate_import_no_heavy_library(command: list[str]) -> None:
    assert imported(*command) & HEAVY == set()


def test_view_imports_igraph_without_matplotlib_or_pyvis(tmp_path: Path) -> None:
    names = imported("view", "-o", str(tmp_path / "v.html"))
    assert "igraph" in names
    assert names & {"matplotlib", "pyvis", "jinja2", "neo4j", "falkordb"} == set()


def test_igraph_helper_leaves_matplotlib_usable() -> None:
    code = (
        "import sys; from rcx.graph.deps import igraph; ig = igraph();"
        "assert 'matplotlib' not in sys.modules; ig.Graph.Ring(4).pagerank();"
        "import matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot;"
        "assert igraph() is ig"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
