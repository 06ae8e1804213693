"""The extensible vocabulary, its definitions, ``rcx vocab`` and docs/codebook.md."""

from __future__ import annotations

import doctest
import importlib
import pickle
from pathlib import Path

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from rcx.cli import app
from rcx.graph.store.cypher import merge_nodes, node_labels
from rcx.schema.codebook import codebook, to_markdown
from rcx.schema.definitions import DEFINITIONS
from rcx.schema.models import Element, Relation
from rcx.schema.patterns import describe_pattern, pattern_allows
from rcx.schema.vocab import (
    Activity,
    Approach,
    Category,
    ElementKind,
    FunctionStatus,
    NoteKind,
    RelationType,
    Scope,
)
from rcx.schema.vocabulary import (
    BUILTIN,
    ExtKind,
    VocabularyExtension,
    extension_problems,
    from_json,
)

REPO = Path(__file__).resolve().parents[1]
runner = CliRunner()
EXT = VocabularyExtension.model_validate(
    {
        "approaches": {"environment": "environmental protection"},
        "kinds": {"assessment_body": {"category": "Mechanism", "definition": "assesses science"}},
        "relation_types": {
            "FINANCES": {"definition": "pays for", "symmetric": False},
            "COOPERATES_WITH": {"definition": "works with", "symmetric": True},
        },
    }
)
VOCAB = BUILTIN.extended(
    EXT,
    (
        ("igo", "PARTY_TO", "global_treaty"),
        ("trust_fund", "FINANCES", "HardLaw"),
        ("Mechanism", "COOPERATES_WITH", "igo"),
    ),
)


def _element(kind: str, **extra: object) -> dict[str, object]:
    return {"id": "x", "name": "X", "kind": kind, "provenance": {"section": "1"}, **extra}


def test_builtin_values_stay_enum_members_and_extensions_need_the_context() -> None:
    el = Element.model_validate(_element("igo"), context=VOCAB.context())
    assert el.kind is ElementKind.IGO
    with pytest.raises(ValidationError, match="assessment_body"):
        Element.model_validate(_element("assessment_body"))  # no context: built-in only
    with pytest.raises(ValidationError, match=r"approaches\.0"):
        Element.model_validate(_element("igo", approaches=["environment"]))
    ext = Element.model_validate(
        _element("assessment_body", approaches=["environment"]), context=VOCAB.context()
    )
    assert isinstance(ext.kind, ExtKind) and ext.category is Category.MECHANISM
    assert ext.model_dump(mode="json")["kind"] == "assessment_body"
    assert pickle.loads(pickle.dumps(ext)) == ext and ext.model_copy(deep=True) == ext


def test_extended_values_are_still_strict() -> None:
    for bad in (1, None, ["igo"], "IGO", "assessment body"):
        with pytest.raises(ValidationError):
            Element.model_validate(_element(bad), context=VOCAB.context())  # type: ignore[arg-type]


def test_extended_relation_types_keep_direction_and_are_never_linkages() -> None:
    ctx = VOCAB.context()
    a = Relation.model_validate(
        {"source": "b", "target": "a", "type": "COOPERATES_WITH", "provenance": {"section": "1"}},
        context=ctx,
    )
    b = Relation.model_validate(
        {"source": "a", "target": "b", "type": "COOPERATES_WITH", "provenance": {"section": "1"}},
        context=ctx,
    )
    assert a.key == b.key and not a.type.is_linkage  # symmetric: order-free key
    c = Relation.model_validate(
        {"source": "b", "target": "a", "type": "FINANCES", "provenance": {"section": "1"}},
        context=ctx,
    )
    assert c.key == "b|FINANCES|a|"


def test_extra_patterns() -> None:
    igo, treaty, state = ElementKind.IGO, ElementKind.GLOBAL_TREATY, ElementKind.STATE
    assert not pattern_allows(igo, RelationType.PARTY_TO, treaty)
    assert pattern_allows(igo, RelationType.PARTY_TO, treaty, VOCAB)
    assert pattern_allows(state, RelationType.PARTY_TO, treaty, VOCAB)  # built-in still there
    fund, body = ElementKind.TRUST_FUND, VOCAB.kind("assessment_body")
    finances, coop = VOCAB.relation_type("FINANCES"), VOCAB.relation_type("COOPERATES_WITH")
    assert pattern_allows(fund, finances, ElementKind.REGIONAL_TREATY, VOCAB)  # a category
    assert not pattern_allows(ElementKind.REGIONAL_TREATY, finances, fund, VOCAB)  # directed
    assert pattern_allows(igo, coop, body, VOCAB)  # symmetric: either direction
    assert "none: no pattern names" in describe_pattern(finances, BUILTIN.extended(EXT))


@pytest.mark.parametrize(
    ("ext", "patterns", "fragment"),
    [
        ({"approaches": {"labour": "work"}}, (), "'labour' is already a built-in approach"),
        (
            {"kinds": {"ngo": {"category": "PrivateActor", "definition": "again"}}},
            (),
            "already a built-in element kind",
        ),
        (
            {"relation_types": {"NESTED_IN": {"definition": "again"}}},
            (),
            "'NESTED_IN' is already a built-in relation type",
        ),
        (
            {"kinds": {"organisation": {"category": "Organisation", "definition": "label clash"}}},
            (),
            "Neo4j label 'Organisation'",
        ),
        (
            {"kinds": {"element": {"category": "Event", "definition": "label clash"}}},
            (),
            "Neo4j label 'Element'",
        ),
        ({}, (("think_tank", "PARTY_TO", "global_treaty"),), "'think_tank' is not a known element"),
        ({}, (("igo", "LIKES", "global_treaty"),), "'LIKES' is not a known relation type"),
        ({}, (("igo", "PARALLEL_TO", "ngo"),), "PARALLEL_TO is fixed"),
    ],
)
def test_extension_problems(ext: dict, patterns: tuple, fragment: str) -> None:
    problems = extension_problems(VocabularyExtension.model_validate(ext), patterns)
    assert len(problems) == 1 and fragment in problems[0][1]
    with pytest.raises(ValueError, match=r"already|not a known|fixed|label"):
        BUILTIN.extended(VocabularyExtension.model_validate(ext), patterns)


@pytest.mark.parametrize(
    "key", ["Environment", "env-ironment", "env ironment", "x`y", "_x", "a__b", "é"]
)
def test_extension_keys_are_slugs(key: str) -> None:
    with pytest.raises(ValidationError):
        VocabularyExtension.model_validate({"approaches": {key: "a definition"}})


@pytest.mark.parametrize(
    "key",
    [
        "finances",
        "Finances",
        "FIN-ANCES",
        "FIN ANCES",
        "_X",
        "A__B",
        "X`Y",
        "X}) DETACH DELETE n //",
    ],
)
def test_relation_type_keys_are_upper_slugs(key: str) -> None:
    with pytest.raises(ValidationError):
        VocabularyExtension.model_validate({"relation_types": {key: {"definition": "pays"}}})


def test_definitions_are_one_line_and_required() -> None:
    with pytest.raises(ValidationError):
        VocabularyExtension.model_validate({"approaches": {"water": "two\nlines"}})
    with pytest.raises(ValidationError):
        VocabularyExtension.model_validate({"kinds": {"panel": {"category": "Mechanism"}}})


def test_neo4j_labels_of_extended_kinds_are_checked_identifiers() -> None:
    assert node_labels("assessment_body", VOCAB) == ("Element", "Mechanism", "AssessmentBody")
    with pytest.raises(ValueError):
        node_labels("assessment_body")  # not in the built-in vocabulary
    query = merge_nodes("assessment_body", VOCAB)
    assert (
        "SET n:Mechanism:AssessmentBody" in query
        and "AssessmentBody" not in query.split("REMOVE")[1].split("SET")[0]
    )


def test_vocabulary_travels_as_json() -> None:
    assert from_json(VOCAB.to_json()) == VOCAB and from_json("") is BUILTIN
    assert BUILTIN.to_json() == ""


def test_every_builtin_value_has_a_definition() -> None:
    enums = (
        Category,
        ElementKind,
        RelationType,
        Scope,
        Approach,
        FunctionStatus,
        Activity,
        NoteKind,
    )
    missing = [f"{e.__name__}.{m.name}" for e in enums for m in e if m not in DEFINITIONS]
    assert not missing
    assert all("\n" not in d and 3 <= len(d) <= 120 for d in DEFINITIONS.values())


def test_codebook_lists_every_value_and_pattern() -> None:
    sections = {s.title: s for s in codebook(VOCAB)}
    kinds = {row[0] for row in sections["Element kinds"].rows}
    assert kinds == {k.value for k in ElementKind} | {"assessment_body"}
    assert len(sections["Allowed patterns"].rows) == len(RelationType) - 0 + 3
    assert ("igo", "PARTY_TO", "global_treaty", "dataset") in sections["Allowed patterns"].rows


@pytest.mark.parametrize(
    "module",
    [
        "rcx.schema.vocabulary",
        "rcx.schema.codebook",
        "rcx.schema.definitions",
        "rcx.schema.vocab",
        "rcx.schema.patterns",
        "rcx.graph.store.cypher",
        "rcx.graph.report.summary",
    ],
)
def test_doctests(module: str) -> None:
    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted and not result.failed


def test_docs_codebook_is_current() -> None:
    """docs/codebook.md is generated: regenerate with `rcx vocab --markdown > docs/codebook.md`."""
    assert (REPO / "docs" / "codebook.md").read_text(encoding="utf-8") == to_markdown()


def test_rcx_vocab_prints_every_value() -> None:
    result = runner.invoke(app, ["vocab"])
    assert result.exit_code == 0, result.output
    for value in [*ElementKind, *RelationType, *Approach, *Activity, *Category]:
        assert value.value in result.stdout, value
    md = runner.invoke(app, ["vocab", "--markdown"])
    assert md.exit_code == 0 and md.stdout == to_markdown()


def test_rcx_vocab_of_a_broken_dataset_fails_cleanly(tmp_path: Path) -> None:
    (tmp_path / "dataset.yaml").write_text(
        "id: x\ntitle: X\nsource: S\nvocabulary: {approaches: {labour: work}}\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["vocab", "--data", str(tmp_path)])
    assert result.exit_code == 2 and "already a built-in approach" in result.stderr
