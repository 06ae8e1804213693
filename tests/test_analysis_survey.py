"""The NGO survey on a hand-built set of NGOs whose answers are computed by hand below."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from rcx.graph.report.survey import (
    StatedFigure,
    judge,
    place_region,
    provides,
    receives,
    survey,
    survey_ngos,
)
from rcx.loaders.build import element_attrs, place_relations, relation_attrs
from rcx.schema.models import Element, Provenance

VII = {"section": "VII"}
ROLE_SRC = {"section": "II.C.3(a)(i)", "footnotes": [115]}


def _graph() -> nx.MultiDiGraph:
    """Places, seven surveyed NGOs (a-g) and one body-only NGO (h).

    ====  ===========  ==============  ===========================
    NGO   HQ           works in        roles
    ====  ===========  ==============  ===========================
    a     US           US              prevention yes
    b     US           US, Thailand    protection yes
    c     Canada       Canada
    d     India        Global
    e     UK           Europe
    f     US           Global
    g     US, India    India           prosecution yes, prevention no
    h     US           US              (body only: not surveyed)
    ====  ===========  ==============  ===========================
    """
    els = [
        Element(id="united-states", name="United States", kind="state", iso3166="US",
                provenance=VII),
        Element(id="canada", name="Canada", kind="state", iso3166="CA", provenance=VII),
        Element(id="india", name="India", kind="state", iso3166="IN", provenance=VII),
        Element(id="thailand", name="Thailand", kind="state", iso3166="TH", provenance=VII),
        Element(id="united-kingdom", name="United Kingdom", kind="state", iso3166="GB",
                provenance=VII),
        Element(id="global", name="Global", kind="region", provenance=VII),
        Element(id="europe", name="Europe", kind="region", provenance=VII),
    ]
    ngo = [
        ("a", ["united-states"], ["united-states"], {"prevention": "yes"}),
        ("b", ["united-states"], ["united-states", "thailand"], {"protection": "yes"}),
        ("c", ["canada"], ["canada"], {}),
        ("d", ["india"], ["global"], {}),
        ("e", ["united-kingdom"], ["europe"], {}),
        ("f", ["united-states"], ["global"], {}),
        ("g", ["united-states", "india"], ["india"], {"prosecution": "yes", "prevention": "no"}),
    ]
    for nid, hq, works, roles in ngo:
        extra = {"roles_source": ROLE_SRC} if roles else {}
        els.append(Element(id=nid, name=f"NGO {nid}", kind="ngo", headquarters=hq,
                           works_in=works, provenance=VII, **roles, **extra))
    els.append(Element(id="h", name="NGO h", kind="ngo", headquarters=["united-states"],
                       works_in=["united-states"], provenance=Provenance(section="II.C.3(a)")))
    g = nx.MultiDiGraph(dataset="hand")
    for el in els:
        g.add_node(el.id, **element_attrs(el))
    for el in els:
        for rel in place_relations(el):
            g.add_edge(rel.source, rel.target, rel.key)
            g.edges[rel.source, rel.target, rel.key].update(relation_attrs(rel))
    return g


@pytest.fixture(scope="module")
def result():  # type: ignore[no-untyped-def]
    return survey(_graph())


def _rows(result, figure: str) -> list[StatedFigure]:  # type: ignore[no-untyped-def]
    return [s for s in result.stated if s.figure == figure]


def test_population_uses_appendix_rows_only(result) -> None:  # type: ignore[no-untyped-def]
    assert result.survey_rows == 7
    assert result.body_only_ngos == 1
    assert [n.id for n in survey_ngos(_graph())] == list("abcdefg")
    assert len(survey_ngos(_graph(), population="all")) == 8
    count = _rows(result, "count")[0]
    assert (count.paper_value, count.computed_value, count.status) == (178, 7, "not reproduced")


def test_support_counts_by_hand() -> None:
    ngos = survey_ngos(_graph())
    assert provides(ngos) == {"united-states": 4, "india": 2, "canada": 1, "united-kingdom": 1}
    assert receives(ngos) == {"united-states": 2, "thailand": 1, "canada": 1, "global": 2,
                              "europe": 1, "india": 1}
    assert provides(ngos, unit="reach instances")["united-states"] == 5  # a1 + b2 + f1 + g1
    frac = provides(ngos, unit="fractional")
    assert frac["united-states"] == pytest.approx(3.5) and frac["india"] == pytest.approx(1.5)
    assert receives(ngos, unit="fractional")["united-states"] == pytest.approx(1.5)
    assert receives(ngos, function="prevention") == {"united-states": 1}
    with pytest.raises(ValueError):
        provides(ngos, unit="nonsense")


def test_domestic_focus_definitions(result) -> None:  # type: ignore[no-untyped-def]
    rows = {(r["definition"], r["denominator"]): r for r in result.tables["domestic_focus"]}
    assert rows[("domestic (equal)", "survey rows")]["ngos"] == 2  # a, c
    assert rows[("domestic (subset)", "survey rows")]["ngos"] == 3  # a, c, g
    assert rows[("domestic (overlap)", "survey rows")]["ngos"] == 4  # a, b, c, g
    assert rows[("domestic (equal)", "survey rows")]["percent"] == pytest.approx(28.57)
    assert rows[("domestic (equal)", "the paper's 178")]["of"] == 178
    fig = _rows(result, "Fig 2.6")
    assert [s.computed_value for s in fig] == [28.57, 42.86, 57.14]
    assert [s.status for s in fig] == ["not reproduced", "not reproduced", "reproduced"]
    assert all("3 definitions tried" in s.why for s in fig)


def test_us_provides_more_than_it_receives(result) -> None:  # type: ignore[no-untyped-def]
    pct = [s for s in _rows(result, "Fig 2.7") if s.paper_value == 72.0]
    # place: 4/2 - 1; reach: 5/2 - 1; fractional: 3.5/1.5 - 1
    assert [s.computed_value for s in pct] == [100.0, 150.0, 133.33]
    assert all(s.status == "not reproduced" for s in pct)


def test_seven_countries_share(result) -> None:  # type: ignore[no-untyped-def]
    share = [s for s in _rows(result, "Fig 2.7") if s.paper_value == 45.2]
    # HQ instances outside the US: Canada 1, India 2 (d, g), UK 1 -> 2 of 4;
    # fractional: Canada 1, UK 1 of Canada 1 + India 1.5 + UK 1; NGOs without a US HQ: c, d, e
    assert [s.computed_value for s in share] == [50.0, 57.14, 66.67]


def test_claims_on_providers_and_cross_border(result) -> None:  # type: ignore[no-untyped-def]
    fig = _rows(result, "Fig 2.7")
    most = next(s for s in fig if "provides and receives" in str(s.paper_value))
    assert most.status == "reproduced"
    cross = next(s for s in fig if "across borders" in str(s.paper_value))
    assert cross.computed_value == 50.0  # b, d, e, f cross borders; b and f from the US
    assert cross.status == "not reproduced"
    western = _rows(result, "Fig 2.7-2.8")[0]
    assert western.computed_value == 75.0  # US 4 + Canada 1 + UK 1 of 8 HQ instances


def test_roles_cannot_reproduce_figure_2_2(result) -> None:  # type: ignore[no-untyped-def]
    assert {r["function"]: (r["yes"], r["no"], r["unknown"]) for r in result.tables["roles"]} == {
        "prevention": (1, 1, 5), "protection": (1, 0, 6), "prosecution": (1, 0, 6)}
    assert all(s.status == "not computable" for s in _rows(result, "Fig 2.2"))
    assert result.tables["receivers_prevention_known"][0]["place"] == "united-states"


def test_regions_and_europe_ratio(result) -> None:  # type: ignore[no-untyped-def]
    g = _graph()
    assert [place_region(g, p) for p in ("united-states", "thailand", "europe", "global")] == [
        "North America", "South East Asia", "Europe", "Global"]
    by = {r["region"]: r for r in result.tables["by_region"]}
    assert (by["North America"]["provides"], by["North America"]["receives"]) == (5, 3)
    assert by["Global"]["receives"] == 2
    europe = [s for s in _rows(result, "Fig 2.3-2.5") if str(s.paper_value).startswith("Europe")]
    assert europe[0].computed_value == "1 vs 2 (50.0% of the US)"


def test_judge_rules() -> None:
    assert judge(56.7, 57.6, kind="percent") == "reproduced"
    assert judge(56.7, 59.0, kind="percent") == "close"
    assert judge(178, 178, kind="count") == "reproduced"
    assert judge(178, 100, kind="count") == "not reproduced"
    assert judge(72, None, kind="percent") == "not computable"


def test_result_is_json(result) -> None:  # type: ignore[no-untyped-def]
    d = json.loads(json.dumps(result.as_dict(), allow_nan=False))
    assert d["survey_rows"] == 7 and d["stated"][0]["figure"] == "count"
    assert set(d["definitions"]) >= {"place instances", "reach instances", "fractional"}
