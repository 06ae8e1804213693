"""The shipped dataset: validates, is complete where countable, sourced, in its own words."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import PAPER
from rcx.cli import app
from rcx.loaders import build_graph, load_dataset
from rcx.schema import Category, FunctionStatus

runner = CliRunner()
DS = load_dataset()
G = build_graph(DS)


def test_counts_are_plausible() -> None:
    kinds = Counter(el.kind.value for el in DS.elements.values())
    assert kinds["ngo"] >= 177
    assert kinds["state"] >= 50
    assert {
        "global_treaty",
        "regional_treaty",
        "peremptory_norm",
        "national_law",
        "global_soft_law",
        "regional_soft_law",
        "bilateral_soft_law",
        "igo",
        "igo_organ",
        "rapporteur",
        "trust_fund",
        "database",
        "report_series",
        "corporation",
        "business_coalition",
        "regime",
        "term",
        "event",
        "region",
    } <= set(kinds)


def test_appendix_two_has_177_rows_with_section_vii() -> None:
    rows = [
        el
        for el in DS.elements.values()
        if el.kind.value == "ngo" and el.provenance.section == "VII"
    ]
    assert len(rows) == 177
    assert all(el.website for el in rows)
    assert all(el.headquarters and el.works_in for el in rows)


def test_roles_are_unknown_unless_the_body_states_them() -> None:
    for el in DS.elements.values():
        roles = (el.prevention, el.protection, el.prosecution)
        if any(r is not FunctionStatus.UNKNOWN for r in roles):
            assert el.roles_source is not None, el.id
            assert el.roles_source.section != "VII", el.id  # shading was lost: never from VII


def test_every_record_is_sourced() -> None:
    for el in DS.elements.values():
        assert el.provenance.section and not el.provenance.derived, el.id
    for rel in DS.relations:
        assert rel.provenance.section, rel.key
        assert not rel.provenance.derived, f"asserted file holds a derived relation {rel.key}"
    for _, _, d in G.edges(data=True):
        assert d["derived"] == bool(d["provenance"].get("rule")), d["key"]


def test_footnotes_are_the_papers() -> None:
    for el in DS.elements.values():
        assert all(1 <= n <= 329 for n in el.provenance.footnotes), el.id
    for rel in DS.relations:
        assert all(1 <= n <= 329 for n in rel.provenance.footnotes), rel.key
    assert len(DS.citations) == 140


def test_all_four_linkage_types_are_present() -> None:
    types = Counter(d["type"] for _, _, d in G.edges(data=True) if not d["derived"])
    for t in ("NESTED_IN", "OVERLAPS_WITH", "PARALLEL_TO", "CONFLICTS_WITH"):
        assert types[t] > 0, t


def test_places_are_only_linked_by_place_or_membership_relations() -> None:
    for u, v, d in G.edges(data=True):
        if G.nodes[u]["category"] == Category.PLACE.value:
            assert d["type"] in {
                "PARTY_TO",
                "MEMBER_OF",
                "IMPLEMENTS",
                "PROMOTES",
                "PARTICIPATES_IN",
                "CREATED_BY",
            }, (u, v, d["type"])


def test_node_link_export_holds_every_element_and_relation(tmp_path: Path) -> None:
    target = tmp_path / "g.json"
    result = runner.invoke(app, ["export", "-f", "node-link", "-o", str(target)])
    assert result.exit_code == 0, result.output
    data = json.loads(target.read_text(encoding="utf-8"))
    assert {n["id"] for n in data["nodes"]} == set(DS.elements)
    assert len(data["edges"]) == G.number_of_edges()
    asserted = {link["key"] for link in data["edges"] if not link["derived"]}
    assert {r.key for r in DS.relations} <= asserted
    assert all(n["provenance"]["section"] for n in data["nodes"])


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _mask(text: str, names: list[str]) -> str:
    padded = f" {text} "
    for name in names:
        padded = padded.replace(f" {name} ", " \u00a7 ")
    return padded.strip()


_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]")


@pytest.mark.skipif(not PAPER.exists(), reason="the paper's text is not beside the checkout")
def test_descriptions_are_in_our_own_words() -> None:
    """No description or evidence shares a run of 8 words with the paper."""
    paper = _words(PAPER.read_text(encoding="utf-8"))
    n = 8
    grams = {tuple(paper[i : i + n]) for i in range(len(paper) - n + 1)}
    texts = [(el.id, el.description or "") for el in DS.elements.values()]
    texts += [(r.key, (r.description or "") + " " + (r.evidence or "")) for r in DS.relations]
    texts += [(f"claim {c.id}", c.summary or "") for c in DS.claims.values()]
    # Names and titles carry over from the paper: a run inside an element's name is not copying.
    name_grams = {
        tuple(w[i : i + n])
        for el in DS.elements.values()
        for x in [el.name, *el.aliases]
        for w in [_words(x)]
        for i in range(len(w) - n + 1)
    }
    names = sorted(
        {
            " ".join(_words(x))
            for el in DS.elements.values()
            for x in [el.name, *el.aliases]
            if len(_words(x)) >= 3
        },
        key=len,
        reverse=True,
    )
    copied = []
    for rid, text in texts:
        # Quotations are attributed, not paraphrase; full names are masked.
        words = _mask(" ".join(_words(_QUOTED.sub(" ", text))), names).split()
        hits = [
            " ".join(words[i : i + n])
            for i in range(len(words) - n + 1)
            if tuple(words[i : i + n]) in grams - name_grams
        ]
        if hits:
            copied.append((rid, hits[0]))
    assert not copied, copied[:10]
