"""CSV row -> model dict conversion (docs/dataset-format.md, "Element (CSV)"/"Relation (CSV)")."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from rcx.loaders.csvrows import (
    element_row_to_dict,
    parse_footnotes,
    relation_row_to_dict,
    split_list,
)
from rcx.schema.models import Element, Relation

NGO_ROW = {
    "id": "helpers",
    "kind": "ngo",
    "name": "Helpers",
    "aliases": "HLP; Help",
    "hq_as_written": "US",
    "works_in_as_written": "US, Cambodia",
    "headquarters": "united-states",
    "works_in": "united-states;cambodia",
    "website": "http://helpers.example/",
    "prevention": "yes",
    "protection": "unknown",
    "prosecution": "unknown",
    "roles_section": "II.C.3(a)(i)",
    "roles_footnotes": "115",
    "section": "VII",
    "footnotes": "",
    "note_kind": "extraction",
    "note": "URL was split across lines.",
}


def test_element_row_full() -> None:
    assert element_row_to_dict(NGO_ROW) == {
        "id": "helpers",
        "kind": "ngo",
        "name": "Helpers",
        "aliases": ["HLP", "Help"],
        "hq_as_written": "US",
        "works_in_as_written": "US, Cambodia",
        "headquarters": ["united-states"],
        "works_in": ["united-states", "cambodia"],
        "website": "http://helpers.example/",
        "prevention": "yes",
        "protection": "unknown",
        "prosecution": "unknown",
        "provenance": {"section": "VII"},
        "roles_source": {"section": "II.C.3(a)(i)", "footnotes": [115]},
        "notes": [{"kind": "extraction", "text": "URL was split across lines."}],
    }
    Element.model_validate(element_row_to_dict(NGO_ROW))


def test_empty_cells_are_absent() -> None:
    row = {k: "" for k in NGO_ROW} | {"id": "x", "kind": "ngo", "name": "X", "section": "VII"}
    row["aliases"] = "  "
    assert element_row_to_dict(row) == {
        "id": "x",
        "kind": "ngo",
        "name": "X",
        "provenance": {"section": "VII"},
    }


def test_footnotes_and_lists() -> None:
    row = {
        "id": "t",
        "kind": "global_treaty",
        "name": "T",
        "section": "II.C.1(a)(i)",
        "footnotes": "35; 36",
        "approaches": "criminal_justice;;migration",
        "year_adopted": "2000",
        "year_in_force": "2003",
    }
    d = element_row_to_dict(row)
    assert d["provenance"] == {"section": "II.C.1(a)(i)", "footnotes": [35, 36]}
    assert d["approaches"] == ["criminal_justice", "migration"]
    assert d["year_adopted"] == 2000 and d["year_in_force"] == 2003
    el = Element.model_validate(d)
    assert el.provenance.footnotes == [35, 36]


def test_multiple_role_footnotes() -> None:
    d = element_row_to_dict(
        {
            "id": "s",
            "kind": "ngo",
            "name": "S",
            "section": "VII",
            "protection": "yes",
            "roles_section": "IV.A",
            "roles_footnotes": "261;262;263",
        }
    )
    assert d["roles_source"] == {"section": "IV.A", "footnotes": [261, 262, 263]}


def test_bad_footnote_names_the_column() -> None:
    with pytest.raises(ValueError, match="'roles_footnotes': footnote 'fn115'"):
        element_row_to_dict(
            {"id": "a", "section": "VII", "roles_section": "II", "roles_footnotes": "fn115"}
        )


def test_footnotes_without_section() -> None:
    with pytest.raises(ValueError, match="'footnotes' is set but 'section' is empty"):
        element_row_to_dict({"id": "a", "footnotes": "3"})
    with pytest.raises(ValueError, match="'roles_footnotes' is set but 'roles_section'"):
        element_row_to_dict({"id": "a", "section": "VII", "roles_footnotes": "3"})


def test_half_a_note_is_an_error() -> None:
    with pytest.raises(ValueError, match="'note' is empty"):
        element_row_to_dict({"id": "a", "section": "VII", "note_kind": "doubtful"})
    with pytest.raises(ValueError, match="'note_kind' is empty"):
        relation_row_to_dict({"source": "a", "section": "VII", "note": "why"})


def test_missing_section_leaves_provenance_for_the_model_to_reject() -> None:
    d = element_row_to_dict({"id": "a", "kind": "ngo", "name": "A"})
    assert "provenance" not in d
    with pytest.raises(ValidationError, match="provenance"):
        Element.model_validate(d)


def test_unknown_columns_pass_through_for_the_model_to_reject() -> None:
    d = element_row_to_dict(
        {"id": "a", "kind": "ngo", "name": "A", "section": "VII", "colour": "red"}
    )
    assert d["colour"] == "red"
    with pytest.raises(ValidationError, match="colour"):
        Element.model_validate(d)


def test_bad_year_is_left_for_the_model() -> None:
    d = element_row_to_dict(
        {"id": "a", "kind": "national_law", "name": "A", "section": "VII", "year_adopted": "soon"}
    )
    with pytest.raises(ValidationError, match="year_adopted"):
        Element.model_validate(d)


def test_bom_and_none_cells() -> None:
    d = element_row_to_dict(
        {"\ufeffid": "a", "kind": "ngo", "name": "A", "section": "VII", "website": None}
    )
    assert d == {"id": "a", "kind": "ngo", "name": "A", "provenance": {"section": "VII"}}


def test_relation_row() -> None:
    row = {
        "source": "a",
        "target": "b",
        "type": "OVERLAPS_WITH",
        "issue": "prosecution",
        "evidence": "",
        "description": "Both prosecute.",
        "section": "III.A.2",
        "footnotes": "221",
        "note_kind": "",
        "note": "",
    }
    d = relation_row_to_dict(row)
    assert d == {
        "source": "a",
        "target": "b",
        "type": "OVERLAPS_WITH",
        "issue": "prosecution",
        "description": "Both prosecute.",
        "provenance": {"section": "III.A.2", "footnotes": [221]},
    }
    assert Relation.model_validate(d).key == "a|OVERLAPS_WITH|b|prosecution"


def test_relation_row_with_note() -> None:
    d = relation_row_to_dict(
        {
            "source": "a",
            "target": "b",
            "type": "PARALLEL_TO",
            "evidence": "No link.",
            "section": "III.A.3",
            "footnotes": "",
            "note_kind": "editorial",
            "note": "Paraphrased.",
        }
    )
    assert d["notes"] == [{"kind": "editorial", "text": "Paraphrased."}]
    assert d["provenance"] == {"section": "III.A.3"}
    Relation.model_validate(d)


def test_helpers() -> None:
    assert split_list(" a ;b;; ") == ["a", "b"]
    assert split_list("") == []
    assert parse_footnotes("1; 2") == [1, 2]
