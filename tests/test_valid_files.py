"""Every export of a hostile graph is a valid file: strict JSON, well-formed XML, a page that
loads in Chromium.

Validation refuses NaN, infinities and XML-forbidden characters at input; the graph here is
built around it (attributes set after loading), because an exporter must be safe on its own.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import networkx as nx
import pytest

from rcx.graph.export import FORMATS, export_graph
from rcx.graph.views import ViewOptions, write_view
from rcx.loaders import load_graph

NAME = "bad\uffff\ufffe name\x01\x1b[31m <script>alert(1)</script> \"q\" 's' & ]]> \U0001f600"
XML_FORBIDDEN = "\uffff\ufffe\x01\x1b"


@pytest.fixture
def hostile(mini: Path) -> nx.MultiDiGraph:
    g = load_graph(mini)
    n = "helpers"
    g.nodes[n]["name"] = NAME
    g.nodes[n]["aliases"] = [NAME, "</script><!--"]
    g.nodes[n]["figures"] = [
        {"label": "not a number", "value": float("nan")},
        {"label": "too big", "value": float("inf"), "unit": "x"},
        {"label": "too small", "value": float("-inf")},
    ]
    g.nodes[n]["score"] = float("nan")  # an attribute outside the schema
    u, v, k = next(iter(g.edges(keys=True)))
    g.edges[u, v, k]["description"] = NAME
    g.graph["title"] = NAME
    return g


def _strict_json(text: str) -> Any:
    def refuse(token: str) -> None:
        raise ValueError(f"{token} is not JSON")

    return json.loads(text, parse_constant=refuse)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_export_is_a_valid_file(hostile: nx.MultiDiGraph, tmp_path: Path, fmt: str) -> None:
    paths = export_graph(hostile, fmt, tmp_path / f"out.{fmt}")
    assert paths
    for path in paths:
        raw = path.read_bytes()
        text = raw.decode("utf-8")  # every file is UTF-8
        assert "NaN" not in text and "Infinity" not in text
        if fmt in ("node-link", "cytoscape"):
            doc = _strict_json(text)
            nodes = (
                doc["nodes"]
                if fmt == "node-link"
                else [n["data"] for n in doc["elements"]["nodes"]]
            )
            helpers = next(n for n in nodes if n["id"] == "helpers")
            assert helpers["name"] == NAME  # JSON can hold the text itself
            assert [f["value"] for f in helpers["figures"]] == [None, None, None]
        elif fmt in ("graphml", "gexf"):
            ElementTree.fromstring(raw)  # well-formed XML 1.0
            assert not set(XML_FORBIDDEN) & set(text)
            assert "<script>" not in text  # escaped as &lt;script&gt;
        elif path.suffix == ".csv":
            with path.open(encoding="utf-8", newline="") as fh:
                rows = list(csv.reader(fh))
            assert len({len(r) for r in rows}) == 1  # one shape: quoting held
        elif fmt == "cypher":
            assert "alert(1)" in text  # as a string literal, quoted


def test_xml_exports_read_back(hostile: nx.MultiDiGraph, tmp_path: Path) -> None:
    from rcx.graph.export.gexf import read_gexf
    from rcx.graph.export.graphml import read_graphml

    for fmt, read in (("graphml", read_graphml), ("gexf", read_gexf)):
        (path,) = export_graph(hostile, fmt, tmp_path / f"g.{fmt}")
        back = read(path)
        name = back.nodes["helpers"]["name"]
        assert name == NAME.translate({ord(c): "\ufffd" for c in XML_FORBIDDEN})
        figures = back.nodes["helpers"]["figures"]
        assert [f["value"] for f in figures] == [None, None, None]
        assert "score" not in back.nodes["helpers"]


@pytest.mark.browser
def test_view_of_hostile_graph_loads_in_chromium(
    hostile: nx.MultiDiGraph, chromium_path: str, tmp_path: Path
) -> None:
    from support.cdp import Chromium

    path = write_view(hostile, tmp_path / "view.html", ViewOptions(title=NAME))
    text = path.read_text(encoding="utf-8")
    block = text.split('id="rcx-data">', 1)[1].split("</script>", 1)[0]
    _strict_json(block)
    with Chromium(chromium_path) as browser:
        page = browser.open(path)
        assert page.errors == [] and page.evaluate("rcx.errors") == []
        assert page.evaluate("rcx.counts().drawnNodes") == hostile.number_of_nodes()
        page.evaluate("rcx.select('helpers')")
        panel = page.evaluate("document.getElementById('rcx-details').textContent")
        assert "<script>alert(1)</script>" in panel  # shown as text
        assert page.evaluate("document.querySelectorAll('script').length") == 3
        assert page.dialogs == []
