"""The wheel installs one package, ``rcx``, with its subpackages and data, and no test code."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
ROOTS = {
    "graph": "rcx.graph",
    "schema": "rcx.schema",
    "loaders": "rcx.loaders",
    "rcx_data": "rcx.data",
}


def _declared_packages() -> set[str]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    return set(config["tool"]["setuptools"]["packages"])


def _package_dirs() -> set[str]:
    found = {"rcx"}
    for folder, dotted in ROOTS.items():
        for init in (REPO / folder).rglob("__init__.py"):
            rel = init.parent.relative_to(REPO / folder).parts
            found.add(".".join((dotted, *rel)))
    return found


def test_every_package_directory_is_declared() -> None:
    assert _package_dirs() == _declared_packages()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(out),
            str(REPO),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (path,) = out.glob("rcx-*.whl")
    return zipfile.ZipFile(path)


def test_wheel_has_one_top_level_package(wheel: zipfile.ZipFile) -> None:
    tops = {name.split("/", 1)[0] for name in wheel.namelist()}
    assert {t for t in tops if not t.endswith(".dist-info")} == {"rcx"}
    top_level = next(n for n in wheel.namelist() if n.endswith("top_level.txt"))
    assert wheel.read(top_level).decode().split() == ["rcx"]


def test_wheel_holds_code_and_data_but_no_tests(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    for expected in (
        "rcx/__init__.py",
        "rcx/cli.py",
        "rcx/graph/store/embedded/__init__.py",
        "rcx/data/human_trafficking/dataset.yaml",
        "rcx/graph/views/assets/page.js",
    ):
        assert expected in names
    assert any(n.startswith("rcx/graph/store/queries/") and n.endswith(".cypher") for n in names)
    assert not [n for n in names if "/tests/" in n or "conftest" in n or "/support/" in n]
    assert not [n for n in names if n.endswith(("cdp.py", "synthetic.py"))]


def test_installed_wheel_imports_outside_the_checkout(
    wheel: zipfile.ZipFile, tmp_path: Path
) -> None:
    """Unpacked alone (no checkout on the path), the wheel's rcx finds its data and queries."""
    wheel.extractall(tmp_path / "site")
    code = (
        "import rcx.cli, rcx.graph.store.query as q, rcx.loaders as l;"
        "g = l.load_graph(); print(g.number_of_nodes(), len(q.list_named_queries()))"
    )
    run = subprocess.run(
        [
            sys.executable,
            "-S",
            "-c",
            f"import sys; sys.path[:0] = [{str(tmp_path / 'site')!r}] + "
            f"[p for p in {sys.path!r} if 'site-packages' in p]; {code}",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    nodes, queries = map(int, run.stdout.split())
    assert nodes > 100 and queries >= 14
