from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from rcx.schema import (
    Element,
    ElementKind,
    Provenance,
    Relation,
    RelationType,
    pattern_allows,
)

PROV = {"section": "III.A.2", "footnotes": [219]}


def element(**over: Any) -> Element:
    base: dict[str, Any] = {"id": "a-b", "name": "A", "kind": "ngo", "provenance": PROV}
    return Element.model_validate(base | over)


def test_valid_element_defaults_roles_to_unknown() -> None:
    el = element()
    assert (el.prevention, el.protection, el.prosecution) == ("unknown",) * 3
    assert el.category.value == "PrivateActor"


@pytest.mark.parametrize(
    ("over", "fragment"),
    [
        ({"colour": "red"}, "Extra inputs are not permitted"),
        ({"kind": "think_tank"}, "Input should be"),
        ({"id": "Not A Slug"}, "String should match pattern"),
        ({"name": "   "}, "blank"),
        ({"name": "evil\x1b[31m"}, "control character"),
        ({"name": "rtl\u202eoverride"}, "control character"),
        ({"year_adopted": "two thousand"}, "valid integer"),
        ({"prevention": "yes"}, "roles_source"),
        ({"prevention": "maybe"}, "Input should be"),
        ({"aliases": ["x", "x"]}, "aliases repeat"),
        ({"year_adopted": 2008, "year_in_force": 2005}, "earlier"),
        ({"iso3166": "usa"}, "pattern"),
        ({"wikidata": "Q0"}, "pattern"),
        ({"provenance": {"section": "III", "derived": True}}, "rule"),
    ],
)
def test_invalid_elements_are_rejected(over: dict[str, Any], fragment: str) -> None:
    with pytest.raises(ValidationError) as exc:
        element(**over)
    assert fragment in str(exc.value)


def test_hostile_html_in_a_name_is_data_not_an_error() -> None:
    assert element(name="<img src=x onerror=alert(1)>").name.startswith("<img")


def test_roles_with_source_are_accepted() -> None:
    el = element(protection="yes", roles_source={"section": "IV.A", "footnotes": [261]})
    assert el.protection == "yes"


def relation(**over: Any) -> Relation:
    base: dict[str, Any] = {"source": "a", "target": "b", "type": "NESTED_IN", "provenance": PROV}
    return Relation.model_validate(base | over)


def test_linkage_payloads_are_required() -> None:
    with pytest.raises(ValidationError, match="needs an 'issue'"):
        relation(type="OVERLAPS_WITH")
    with pytest.raises(ValidationError, match="needs an 'issue'"):
        relation(type="CONFLICTS_WITH")
    with pytest.raises(ValidationError, match="evidence"):
        relation(type="PARALLEL_TO")
    with pytest.raises(ValidationError, match="same element"):
        relation(target="a")
    with pytest.raises(ValidationError, match="Input should be"):
        relation(type="LIKES")


def test_symmetric_relations_have_order_free_keys() -> None:
    ab = relation(type="OVERLAPS_WITH", issue="prosecution")
    ba = relation(source="b", target="a", type="OVERLAPS_WITH", issue="prosecution")
    assert ab.key == ba.key
    assert relation().key != relation(source="b", target="a").key


def test_derived_provenance_needs_its_rule() -> None:
    assert Provenance(section="III.A.1", derived=True, rule="nested-by-creation").derived
    with pytest.raises(ValidationError):
        Provenance(section="III.A.1", rule="nested-by-creation")


@pytest.mark.parametrize(
    ("src", "rel", "dst", "ok"),
    [
        ("state", "PARTY_TO", "global_treaty", True),
        ("ngo", "PARTY_TO", "global_treaty", False),
        ("national_law", "NESTED_IN", "global_treaty", True),
        ("state", "NESTED_IN", "global_treaty", False),
        ("ngo", "WORKS_IN", "region", True),
        ("ngo", "WORKS_IN", "ngo", False),
        ("global_treaty", "OVERLAPS_WITH", "ngo", True),
        ("state", "OVERLAPS_WITH", "ngo", False),
        ("regime", "PARALLEL_TO", "regime", True),
        ("rapporteur", "CREATED_BY", "igo_organ", True),
        ("global_treaty", "PART_OF_REGIME", "regime", True),
        ("regime", "PART_OF_REGIME", "regime", False),
    ],
)
def test_patterns(src: str, rel: str, dst: str, ok: bool) -> None:
    assert pattern_allows(ElementKind(src), RelationType(rel), ElementKind(dst)) is ok


def test_every_kind_has_a_category_and_label() -> None:
    for kind in ElementKind:
        assert kind.category
        assert kind.label.isidentifier()
