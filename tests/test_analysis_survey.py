"""A surveyed population and its stated figures on a hand-built graph, answers by hand."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from rcx.graph.report.stated import Checked, check_all, judge
from rcx.graph.report.survey import (
    domestic_counts,
    place_region,
    provides,
    receives,
    survey_ngos,
    survey_tables,
)
from rcx.loaders.build import element_attrs, place_relations, relation_attrs
from rcx.schema.errors import DataError
from rcx.schema.models import DatasetMeta, Element, Provenance, SurveySpec

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
        Element(
            id="united-states", name="United States", kind="state", iso3166="US", provenance=VII
        ),
        Element(id="canada", name="Canada", kind="state", iso3166="CA", provenance=VII),
        Element(id="india", name="India", kind="state", iso3166="IN", provenance=VII),
        Element(id="thailand", name="Thailand", kind="state", iso3166="TH", provenance=VII),
        Element(
            id="united-kingdom", name="United Kingdom", kind="state", iso3166="GB", provenance=VII
        ),
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
        els.append(
            Element(
                id=nid,
                name=f"NGO {nid}",
                kind="ngo",
                headquarters=hq,
                works_in=works,
                provenance=VII,
                **roles,
                **extra,
            )
        )
    els.append(
        Element(
            id="h",
            name="NGO h",
            kind="ngo",
            headquarters=["united-states"],
            works_in=["united-states"],
            provenance=Provenance(section="II.C.3(a)"),
        )
    )
    g = nx.MultiDiGraph(dataset="hand")
    for el in els:
        g.add_node(el.id, **element_attrs(el))
    for el in els:
        for rel in place_relations(el):
            g.add_edge(rel.source, rel.target, rel.key)
            g.edges[rel.source, rel.target, rel.key].update(relation_attrs(rel))
    return g


SPEC = SurveySpec(label="the table", kind="ngo", section="VII", stated_size=178)


def _meta(*figures: dict[str, object]) -> DatasetMeta:
    return DatasetMeta.model_validate(
        {
            "id": "hand",
            "title": "Hand",
            "source": "tests",
            "survey": SPEC.model_dump(),
            "stated_figures": figures,
        }
    )


def _checked(**fig: object) -> Checked:
    fig = {"id": "x", "statement": "s", **fig}
    return check_all(_graph(), _meta(fig))["figures"][0]


def _computed(c: Checked) -> list[object]:
    return [v.computed for v in c.variants]


def test_population_is_the_declared_one() -> None:
    g = _graph()
    assert [n.id for n in survey_ngos(g, SPEC)] == list("abcdefg")
    assert [n.id for n in survey_ngos(g)] == list("abcdefg")  # the stopgap for figures
    t = survey_tables(g, SPEC, ["prevention"])
    assert (t["members"], t["same_kind_elsewhere"], t["stated_size"]) == (7, 1, 178)
    assert t["roles"] == [{"function": "prevention", "yes": 1, "no": 1, "unknown": 5}]
    c = _checked(value=178, unit="count", check="population-count")
    assert (c.best.computed, c.status) == (7, "not reproduced")


def test_support_counts_by_hand() -> None:
    ngos = survey_ngos(_graph(), SPEC)
    assert provides(ngos) == {"united-states": 4, "india": 2, "canada": 1, "united-kingdom": 1}
    assert receives(ngos) == {
        "united-states": 2,
        "thailand": 1,
        "canada": 1,
        "global": 2,
        "europe": 1,
        "india": 1,
    }
    assert provides(ngos, unit="reach instances")["united-states"] == 5  # a1 + b2 + f1 + g1
    frac = provides(ngos, unit="fractional")
    assert frac["united-states"] == pytest.approx(3.5) and frac["india"] == pytest.approx(1.5)
    assert receives(ngos, unit="fractional")["united-states"] == pytest.approx(1.5)
    assert receives(ngos, function="prevention") == {"united-states": 1}
    with pytest.raises(ValueError):
        provides(ngos, unit="nonsense")


def test_domestic_definitions() -> None:
    g = _graph()
    # real states only: a, c (e works in the region cell Europe; g's India is one of two HQs)
    assert domestic_counts(g, survey_ngos(g, SPEC)) == {
        "real states only": 2,
        "equal": 2,
        "subset": 3,
        "overlap": 4,
    }
    c = _checked(value=28.6, unit="percent", check="domestic-share")
    # each definition of the stated 178 and of the 7 members
    assert _computed(c) == [1.12, 28.57, 1.12, 28.57, 1.69, 42.86, 2.25, 57.14]
    assert c.status == "reproduced"
    assert c.best.definition.startswith("domestic (real states only)")  # first of the ties
    assert c.best.detail == "2 of 7"


def test_us_provides_more_than_it_receives() -> None:
    c = _checked(value=100, unit="percent", check="provides-over-receives", params={"iso": ["US"]})
    # place: 4/2 - 1; reach: 5/2 - 1; fractional: 3.5/1.5 - 1
    assert _computed(c) == [100.0, 150.0, 133.33]
    assert c.status == "reproduced" and c.best.definition.startswith("provides (place")


def test_provider_share_variants() -> None:
    c = _checked(
        value=50,
        unit="percent",
        check="provider-share",
        params={"iso": ["CA", "GB"], "excluding_iso": ["US"]},
    )
    # HQ cells outside the US: Canada, India (d, g), UK -> 2 of 4; no region HQ cells here;
    # first-listed HQs outside the US: c, d, e -> 2 of 3; NGOs without a US HQ: c, d, e
    assert _computed(c) == [50.0, 50.0, 66.67, 66.67, 66.67]
    assert c.status == "reproduced"


def test_findings_on_providers_and_cross_border() -> None:
    most = _checked(check="top-place", params={"iso": ["US"], "side": "both"})
    assert most.status == "reproduced"
    cross = _checked(check="cross-border-origin", params={"iso": ["US"], "at_least": 66.7})
    assert cross.status == "not reproduced" and cross.best.detail == "2 of 4 (50 %)"
    west = _checked(
        check="region-provider-share",
        params={"regions": ["North America", "Europe"], "more_than": 50},
    )
    assert west.status == "reproduced" and west.best.detail == "6 of 8"  # US 4, CA 1, UK 1


def test_roles_too_unknown_are_not_computable() -> None:
    c = _checked(check="role-ranking", params={"first": "prevention", "last": "prosecution"})
    assert c.status == "not computable" and "3 of 7" in c.best.detail


def test_regions_as_member_counts_and_place_mentions() -> None:
    g = _graph()
    assert [place_region(g, p) for p in ("united-states", "thailand", "europe", "global")] == [
        "North America",
        "South East Asia",
        "Europe",
        "Global",
    ]
    c = _checked(
        value=10,
        unit="count",
        check="receives-relative",
        params={"region": "Europe", "relative_to_iso": ["US"], "relative_value": 20},
    )
    # Europe: e works in the region cell (1 mention, 1 member); the US: a, b (2 and 2)
    assert [v.detail for v in c.variants] == ["1 against 2 for the reference"] * 4
    assert _computed(c) == [10.0] * 4 and c.status == "reproduced"
    assert {v.definition.split(",")[0] for v in c.variants} == {"place mentions", "member counts"}


def test_judge_rules() -> None:
    assert judge(56.7, 56.74, "percent") == "reproduced"
    assert judge(56.7, 57.6, "percent") == "close"
    assert judge(56.7, 59.0, "percent") == "not reproduced"
    assert judge(72, 72.4, "percent") == "reproduced"  # the source rounds to whole percent
    assert judge(178, 178, "count") == "reproduced"
    assert judge(178, 177, "count") == "close"
    assert judge(178, 100, "count") == "not reproduced"
    assert judge(72, None, "percent") == "not computable"


def test_missing_parameter_names_the_record() -> None:
    with pytest.raises(DataError, match=r"stated_figures x.*needs parameter 'iso'"):
        _checked(check="top-place")


def test_result_is_json() -> None:
    d = json.loads(json.dumps(_checked(check="top-place", params={"iso": ["US"]}).as_dict()))
    assert d["status"] == "reproduced" and d["variants"][0]["computed"] is True


# --- the built-in dataset: the paper's figures (II.C.3(a)(iv)-(v)) under their definitions ---


@pytest.fixture(scope="module")
def builtin() -> dict[str, Checked]:
    from rcx.loaders import load_graph
    from rcx.loaders.dataset import load_dataset

    meta = load_dataset().meta
    return {c.id: c for c in check_all(load_graph(), meta)["figures"]}


def test_domestic_56_7_reproduces_exactly(builtin: dict[str, Checked]) -> None:
    c = builtin["domestic-focus"]
    assert c.stated == 56.7 and c.status == "reproduced"
    assert c.best.computed == 56.74 and c.best.detail == "101 of 178"
    assert c.best.definition.startswith("domestic (real states only)")
    assert c.best.definition.endswith("of the stated size")
    of_rows = [v for v in c.variants if v.definition.endswith("of the members in the data")]
    assert of_rows[0].computed == 57.06 and of_rows[0].status == "close"  # 101 of 177


def test_seven_states_45_2_variants(builtin: dict[str, Checked]) -> None:
    c = builtin["seven-states-share"]
    by = {v.definition: (v.detail, v.computed) for v in c.variants}
    assert by["HQ instances (every HQ cell)"] == ("23 of 55", 41.82)
    assert by["HQ instances, region HQ cells dropped from the denominator"] == ("23 of 52", 44.23)
    assert by["first-listed HQ of each member"] == ("22 of 51", 43.14)
    assert c.status == "close" and c.best.computed == 44.9  # first-listed, states only: 22/49


def test_europe_and_south_east_asia_both_ways(builtin: dict[str, Checked]) -> None:
    for fid in ("europe-support", "south-east-asia-support"):
        units = {v.definition.split(",")[0] for v in builtin[fid].variants}
        assert units == {"place mentions", "member counts"}
    assert builtin["survey-size"].status == "close"  # 177 rows against the paper's 178
