"""Scenario files: application (counts, derived flags, re-labels), comparison, file errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from rcx.graph.analysis.scenarios import (
    Scenario,
    apply_scenario,
    builtin_scenarios,
    compare,
    load_scenario,
)
from rcx.loaders import load_graph
from rcx.schema.errors import DataError

FIXTURES = Path(__file__).parent / "fixtures"

GOOD = """\
id: test-corporations
title: Three test corporations
basis: {section: IV.C, footnotes: [309]}
add_elements:
  - id: test-corp-{n}
    name: Test corporation {n}
    kind: corporation
    count: 3
    prevention: yes
    activities: [supply_chain]
    links:
      - {type: OVERLAPS_WITH, issue: prevention, to: {ids: [treaty]}}
  - id: test-policy-{each}
    name: Policy of {each_name}
    kind: corporate_policy
    for_each: {ids: [test-corp-*]}
    links:
      - {type: CREATED_BY, to: {ids: ["{each}"]}}
add_relations:
  - {type: OVERLAPS_WITH, issue: prevention, source: {ids: [shelter]}, target: {ids: [treaty]}}
relabel:
  - select: {kinds: [national_law]}
    prosecution: yes
    add_activities: [investigation]
"""


def _write(tmp_path: Path, text: str, name: str = "s.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


@pytest.fixture
def g():  # type: ignore[no-untyped-def]
    return load_graph(FIXTURES / "mini")


def test_apply_adds_derived_records_and_leaves_input_alone(g, tmp_path: Path) -> None:
    nodes, edges = g.number_of_nodes(), g.number_of_edges()
    h = apply_scenario(g, _write(tmp_path, GOOD))
    assert (g.number_of_nodes(), g.number_of_edges()) == (nodes, edges)
    assert "test-corp-1" not in g and g.nodes["statute"].get("prosecution") != "yes"
    new = [n for n in h if n not in g]
    assert sorted(new) == [
        "test-corp-1",
        "test-corp-2",
        "test-corp-3",
        "test-policy-test-corp-1",
        "test-policy-test-corp-2",
        "test-policy-test-corp-3",
    ]
    for n in new:
        prov = h.nodes[n]["provenance"]
        assert prov["derived"] is True and prov["rule"] == "scenario-test-corporations"
        assert h.nodes[n]["scenario"] == "test-corporations"
    assert h.nodes["test-corp-1"]["roles_source"]["rule"] == "scenario-test-corporations"
    assert h.nodes["test-policy-test-corp-2"]["name"] == "Policy of Test corporation 2"
    added = [(u, v, d) for u, v, k, d in h.edges(keys=True, data=True) if not g.has_edge(u, v, k)]
    # 3 overlaps with the treaty, 3 CREATED_BY, 1 shelter-treaty overlap
    assert len(added) == 7
    assert all(
        d["derived"] and d["provenance"]["rule"] == "scenario-test-corporations"
        for _, _, d in added
    )
    log = h.graph["scenarios"][-1]
    assert (log["added_elements"], log["added_relations"], log["relabelled_elements"]) == (6, 7, 1)
    # the derived PARALLEL_TO between the treaty and the NGO shelter gives way to the overlap
    assert log["dropped_derived_parallel"] == 1
    assert not any(
        d["type"] == "PARALLEL_TO"
        for d in h.get_edge_data("treaty", "shelter", default={}).values()
    )
    st = h.nodes["statute"]
    assert st["prosecution"] == "yes" and "investigation" in st["activities"]
    assert st["scenario_relabels"][0] == {
        "scenario": "test-corporations",
        "field": "prosecution",
        "old": "unknown",
        "new": "yes",
    }
    assert st["roles_source"]["derived"] is True


def test_compare_reports_before_after_and_deltas(g, tmp_path: Path) -> None:
    r = compare(g, _write(tmp_path, GOOD), seed=0)
    assert r.delta["nodes"] == 6
    assert r.after["edges"] == r.before["edges"] + 4  # linkages only: CREATED_BY is structural
    assert "seed" not in r.delta and r.params["spec"]["name"] == "linkages"
    assert r.as_dict()["changes"]["rule"] == "scenario-test-corporations"


def test_scenario_relations_count_without_derived(g, tmp_path: Path) -> None:
    from rcx.graph.analysis.layers import LayerSpec

    r = compare(g, _write(tmp_path, GOOD), spec=LayerSpec.linkages(include_derived=False))
    assert r.delta["nodes"] == 6 and r.delta["edges"] == 4
    # without derived relations the statute is no longer nested in the treaty
    assert r.before["edges"] == compare(g, _write(tmp_path, GOOD)).before["edges"] - 1


def test_scenario_objects_apply_in_memory(g) -> None:
    sc = Scenario.model_validate(
        {
            "id": "x",
            "title": "X",
            "basis": {"section": "IV.C"},
            "add_relations": [
                {
                    "type": "IMPLEMENTS",
                    "source": {"kinds": ["state"]},
                    "target": {"ids": ["regional"]},
                }
            ],
        }
    )
    h = apply_scenario(g, sc)
    assert h.has_edge("land", "regional")
    assert h.graph["scenarios"][0]["file"] == "scenario x"


@pytest.mark.parametrize(
    ("text", "record", "field"),
    [
        (GOOD + "colour: red\n", "top", "colour"),
        (GOOD.replace("kind: corporation", "kind: company"), "add_elements #1", "kind"),
        (GOOD.replace("count: 3", "count: 3\n    wings: 2"), "add_elements #1", "wings"),
        (GOOD.replace("id: test-corp-{n}", "id: test-corp"), "add_elements #1", None),
        (
            GOOD.replace("to: {ids: [treaty]}", "to: {ids: [nowhere]}"),
            "add_elements #1",
            "links.1.to",
        ),
        (
            GOOD.replace("{type: OVERLAPS_WITH, issue: prevention, to", "{type: OVERLAPS_WITH, to"),
            "add_elements #1",
            "links.1.type",
        ),
        (
            GOOD.replace("source: {ids: [shelter]}", "source: {ids: [land]}").replace(
                "type: OVERLAPS_WITH, issue: prevention, source", "type: NESTED_IN, source"
            ),
            "add_relations #1 (NESTED_IN)",
            "type",
        ),
        (
            GOOD.replace("select: {kinds: [national_law]}", "select: {limit: 2}"),
            "relabel #1",
            "select",
        ),
        (
            GOOD.replace("prosecution: yes\n    add", "prosecution: maybe\n    add"),
            "relabel #1",
            "prosecution",
        ),
    ],
)
def test_bad_files_name_file_record_and_field(
    g, tmp_path: Path, text: str, record: str, field: str | None
) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(DataError) as ei:
        apply_scenario(g, path)
    e = ei.value
    assert e.file == str(path)
    assert e.record is not None and e.record.startswith(record)
    if field is not None:
        assert e.field == field


def test_duplicate_ids_and_missing_files(g, tmp_path: Path) -> None:
    dup = GOOD.replace("id: test-corp-{n}", "id: treaty-{n}").replace("count: 3", "count: 1")
    dup = dup.replace("ids: [test-corp-*]", "ids: [treaty-*]")
    bad = _write(tmp_path, dup.replace("id: treaty-{n}", "id: treaty"))
    with pytest.raises(DataError, match="already exists"):
        apply_scenario(g, bad)
    with pytest.raises(DataError, match="no scenario file or built-in"):
        load_scenario("no-such-scenario")
    with pytest.raises(DataError, match="not valid YAML"):
        load_scenario(_write(tmp_path, "id: [unclosed\n", "broken.yaml"))
    with pytest.raises(DataError, match="expected a mapping"):
        load_scenario(_write(tmp_path, "- a\n- b\n", "list.yaml"))


def test_builtin_scenarios_fit_the_builtin_dataset() -> None:
    assert builtin_scenarios() == ["more-corporate-participation", "stronger-enforcement"]
    g = load_graph()
    for name in builtin_scenarios():
        sc, file = load_scenario(name)
        assert file.endswith(f"{name}.yaml")
        h = apply_scenario(g, sc)
        log = h.graph["scenarios"][-1]
        assert log["added_elements"] > 0 and log["added_relations"] > 0
        added = [d for u, v, k, d in h.edges(keys=True, data=True) if not g.has_edge(u, v, k)]
        assert all(d["provenance"]["rule"] == f"scenario-{name}" for d in added)
