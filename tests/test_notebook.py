"""The tour notebook runs headless from top to bottom, and never touches a user's own data.

The kernel is ``python3`` as ipykernel provides it natively: the interpreter running pytest
(the project's .venv), so the notebook sees the same installed rcx. The kernel inherits this
process's environment, so ``NEO4J_URI`` and the opt-in ``RCX_TOUR_WRITE_NEO4J`` reach it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "tour.ipynb"


def _run(tmp_path: Path, tags: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Execute the notebook (only the cells tagged with one of ``tags``, if given)."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec("python3")
    assert Path(spec.argv[0]).resolve() == Path(sys.executable).resolve() or spec.argv[0] in (
        "python",
        "python3",
    ), f"python3 kernel is {spec.argv[0]}"
    nb = nbformat.read(NOTEBOOK, as_version=4)
    if tags:
        nb.cells = [c for c in nb.cells if set(c.metadata.get("tags", [])) & set(tags)]
    client = nbclient.NotebookClient(
        nb,
        kernel_name="python3",
        timeout=900,
        resources={"metadata": {"path": str(tmp_path)}},
        allow_errors=False,
    )
    client.execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    return outputs


def _text(outputs: list[dict[str, Any]]) -> str:
    return "".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream")


@pytest.mark.slow
def test_tour_notebook_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RCX_TOUR_WRITE_NEO4J", raising=False)
    outputs = _run(tmp_path)
    assert "climate: 6 elements" in _text(outputs)
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert any("srcdoc=" in h for h in html)  # the view, inline
    assert any("<caption" in h and "Verdict" in h for h in html)  # the verdict as a table
    assert any("<table>" in h and "Headline numbers" in h for h in html)
    assert sum("image/png" in o.get("data", {}) for o in outputs) >= 3  # figures inline
    assert "first cell" not in _text(outputs)


def test_notebook_says_how_to_open_it() -> None:
    text = NOTEBOOK.read_text(encoding="utf-8")
    assert "bash scripts/notebook.sh" in text and "replace=True" not in text
    script = NOTEBOOK.parents[1] / "scripts" / "notebook.sh"
    assert script.exists() and "[notebook]" in script.read_text(encoding="utf-8")


def _users_data(settings: Any) -> tuple[int, dict[str, Any] | None]:
    from neo4j import GraphDatabase

    with (
        GraphDatabase.driver(settings.uri, auth=(settings.username, settings.password)) as d,
        d.session(database=settings.database) as s,
    ):
        count = s.run("MATCH (n) RETURN count(n) AS n").single()["n"]
        mine = s.run("MATCH (n:Element {id: 'my-own-element'}) RETURN n {.*} AS n").single()
    return count, (dict(mine["n"]) if mine else None)


def _cypher(settings: Any, query: str) -> None:
    from neo4j import GraphDatabase

    with (
        GraphDatabase.driver(settings.uri, auth=(settings.username, settings.password)) as d,
        d.session(database=settings.database) as s,
    ):
        s.run(query).consume()


@pytest.mark.neo4j
@pytest.mark.slow
def test_notebook_cannot_delete_users_data(
    neo4j_settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A user's own element and note survive the notebook, with and without the opt-in."""
    s = neo4j_settings
    monkeypatch.setenv("NEO4J_URI", s.uri)
    monkeypatch.setenv("NEO4J_USERNAME", s.username)
    monkeypatch.setenv("NEO4J_PASSWORD", s.password)
    monkeypatch.setenv("NEO4J_DATABASE", s.database)
    _cypher(s, "MATCH (n) DETACH DELETE n")
    _cypher(
        s,
        "CREATE (:Element:HardLaw:GlobalTreaty {id: 'my-own-element', name: 'Mine',"
        " note: 'added by hand'})-[:NOTED_IN]->(:MyNotes {text: 'keep me'})",
    )
    before = _users_data(s)
    assert before[0] == 2 and before[1] is not None
    try:
        monkeypatch.delenv("RCX_TOUR_WRITE_NEO4J", raising=False)
        text = _text(_run(tmp_path, ("setup", "neo4j")))
        assert "holds 2 nodes; this notebook only reads it" in text
        assert _users_data(s) == before

        monkeypatch.setenv("RCX_TOUR_WRITE_NEO4J", "1")  # opted in: still refuses
        text = _text(_run(tmp_path, ("setup", "neo4j")))
        assert "not writing" in text and "already holds 2 nodes" in text
        assert _users_data(s) == before

        _cypher(s, "MATCH (n) DETACH DELETE n")  # an empty database: now it writes, and says so
        text = _text(_run(tmp_path, ("setup", "neo4j")))
        from rcx.loaders import load_graph

        n = load_graph().number_of_nodes()
        assert f"writing {n} elements" in text and f"it now holds {n} elements" in text
        assert text.index("writing") < text.index("wrote them")
    finally:
        _cypher(s, "MATCH (n) DETACH DELETE n")
