"""Shared fixtures. The fixed terminal width keeps CLI output stable in CliRunner tests."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ["COLUMNS"] = "120"
os.environ.pop("RCX_NEO4J", None)
os.environ.pop("RCX_DATA", None)

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parents[1]
PAPER = REPO.parent / "shared" / "source" / "regime-complex-paper.txt"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of the tiny fixture dataset."""
    dst = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", dst)
    return dst


def _required(var: str) -> bool:
    return os.environ.get(var) == "1" or os.environ.get("CI", "").lower() == "true"


@pytest.fixture(scope="session")
def neo4j_settings():  # type: ignore[no-untyped-def]
    """Settings of the real Neo4j test server; skip locally without one, fail in CI."""
    from rcx.graph.store.source import Neo4jSettings

    uri = os.environ.get("NEO4J_URI")
    if not uri:
        msg = "no Neo4j: run the suite through scripts/test.sh (or set NEO4J_URI)"
        if _required("RCX_REQUIRE_NEO4J"):
            pytest.fail(msg)
        pytest.skip(msg)
    return Neo4jSettings(
        uri=uri,
        username=os.environ.get("NEO4J_USERNAME", "neo4j"),
        password=os.environ.get("NEO4J_PASSWORD", ""),
        database=os.environ.get("NEO4J_DATABASE", "neo4j"),
    )


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Path of headless Chromium; skip locally without one, fail in CI."""
    found = os.environ.get("RCX_CHROMIUM") or shutil.which("chromium")
    if not found:
        msg = "no chromium: run scripts/ensure-browser.sh"
        if _required("RCX_REQUIRE_BROWSER"):
            pytest.fail(msg)
        pytest.skip(msg)
    return found
