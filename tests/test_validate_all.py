"""``rcx validate`` reports every error of a dataset in one run, and checks what every other
command checks (rule names, vocabulary extensions, patterns); bad extensions fail cleanly."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from rcx.cli import app
from rcx.loaders import build_graph, load_dataset
from rcx.loaders.derive import RULES
from rcx.loaders.validate import validate_dataset
from rcx.schema import DataError

runner = CliRunner()

# Each case: what to add to the mini fixture's dataset.yaml, and the one error it must give.
EXTENSION_CASES = {
    "clashes-with-builtin": (
        'vocabulary:\n  approaches: {labour: "work and workers"}\n',
        [
            "dataset.yaml",
            "field 'vocabulary.approaches.labour'",
            "'labour' is already a built-in approach",
        ],
    ),
    "not-a-slug": (
        'vocabulary:\n  activities: {Deep-Research: "research"}\n',
        [
            "dataset.yaml",
            "field 'vocabulary.activities.Deep-Research.[key]'",
            "should match pattern",
        ],
    ),
    "kind-in-unknown-category": (
        'vocabulary:\n  kinds: {panel: {category: Science, definition: "a panel"}}\n',
        ["dataset.yaml", "field 'vocabulary.kinds.panel.category'", "'Science'"],
    ),
    "pattern-unknown-kind": (
        "patterns:\n  - [think_tank, PARTY_TO, global_treaty]\n",
        [
            "dataset.yaml",
            "field 'patterns.0'",
            "'think_tank' is not a known element kind or category",
        ],
    ),
    "pattern-unknown-relation": (
        "patterns:\n  - [igo, LIKES, global_treaty]\n",
        ["dataset.yaml", "field 'patterns.0'", "'LIKES' is not a known relation type"],
    ),
    "pattern-parallel": (
        "patterns:\n  - [igo, PARALLEL_TO, ngo]\n",
        ["dataset.yaml", "PARALLEL_TO is fixed"],
    ),
}
MISSPELLED_RULE = ("rule: nested-by-implementation", "rule: nested-by-implementaton")


def _add(root: Path, text: str) -> None:
    with (root / "dataset.yaml").open("a", encoding="utf-8") as fh:
        fh.write(text)


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("case", sorted(EXTENSION_CASES))
def test_bad_extension_gives_one_clear_error(mini: Path, case: str) -> None:
    text, fragments = EXTENSION_CASES[case]
    _add(mini, text)
    report = validate_dataset(mini)
    assert report.total == 1, [str(e) for e in report.errors]
    for fragment in fragments:
        assert fragment in str(report.errors[0])
    with pytest.raises(DataError) as exc:
        load_dataset(mini)
    assert fragments[-1] in str(exc.value)


@pytest.mark.parametrize("case", sorted(EXTENSION_CASES))
def test_bad_extension_exits_nonzero_and_writes_nothing(
    mini: Path, tmp_path: Path, case: str
) -> None:
    text, fragments = EXTENSION_CASES[case]
    _add(mini, text)
    result = runner.invoke(app, ["validate", "--data", str(mini)])
    assert result.exit_code == 2 and result.stderr.count("error:") == 1
    assert fragments[-1] in result.stderr and result.stdout == ""
    target = tmp_path / "out" / "g.json"
    result = runner.invoke(
        app, ["export", "-f", "node-link", "-o", str(target), "--data", str(mini)]
    )
    assert result.exit_code == 2 and fragments[-1] in " ".join(result.stderr.split())
    assert not target.exists() and not target.parent.exists()


def test_misspelled_rule_is_a_validation_error(mini: Path) -> None:
    """validate used to say ok for a rule name every other command then rejected."""
    _replace(mini / "dataset.yaml", *MISSPELLED_RULE)
    result = runner.invoke(app, ["validate", "--data", str(mini)])
    assert result.exit_code == 2, result.output
    assert "field 'rules.0.rule': unknown rule 'nested-by-implementaton'" in result.stderr
    known = "known: expand-class-claims, nested-by-creation, nested-by-implementation"
    assert known in result.stderr


def _failing_rule(spec, elements, relations, claims):  # type: ignore[no-untyped-def]
    raise DataError(
        "this rule cannot run on the mini dataset",
        file="dataset.yaml",
        record=f"rule {spec.rule}",
        field="rules.2.rule",
    )
    yield  # a generator, as every rule is


def test_rule_that_fails_when_it_runs_is_a_validation_error(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """validate builds the graph, so a rule's own failure is reported like any other error.

    No built-in rule takes options that can be wrong (the rules of issue 9 take only a basis),
    so a rule that always fails is registered for the test: the registry is the seam every
    command reads its rules from (meta checks the names, derive runs them).
    """
    monkeypatch.setitem(RULES, "always-fails", _failing_rule)
    _replace(
        mini / "dataset.yaml",
        "description: Member-level copies of class-level claims.\n",
        "description: Member-level copies of class-level claims.\n"
        "  - rule: always-fails\n    basis: {section: III.A}\n",
    )
    with pytest.raises(DataError, match="cannot run on the mini dataset"):
        build_graph(load_dataset(mini))
    report = validate_dataset(mini)
    assert report.total == 1, [str(e) for e in report.errors]
    assert "cannot run on the mini dataset" in str(report.errors[0])
    assert "field 'rules.2.rule'" in str(report.errors[0])
    result = runner.invoke(app, ["validate", "--data", str(mini)])
    assert result.exit_code == 2 and result.stderr.count("error:") == 1


def test_every_error_in_one_run(mini: Path) -> None:
    _replace(mini / "dataset.yaml", *MISSPELLED_RULE)
    _add(
        mini,
        'vocabulary:\n  approaches: {labour: "work", Bad-Name: "bad name", '
        'environment: "environmental protection"}\n'
        "patterns:\n  - [think_tank, PARTY_TO, global_treaty]\n"
        "  - [igo, LIKES, global_treaty]\n",
    )
    core = mini / "elements" / "core.yaml"
    _replace(core, "kind: regime", "kind: think_tank")
    _replace(core, "year_adopted: 2014", "year_adopted: soon")
    _replace(core, "  scope: national\n", "  scope: national\n  approaches: [environment]\n")
    _replace(mini / "relations" / "links.yaml", "type: PARTY_TO", "type: LIKES")
    _replace(mini / "relations" / "links.yaml", "target: labour", "target: nowhere")
    result = runner.invoke(app, ["validate", "--data", str(mini)])
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    expected = [
        "'labour' is already a built-in approach",
        "'think_tank' is not a known element kind or category",
        "'LIKES' is not a known relation type",
        "field 'vocabulary.approaches.Bad-Name.[key]'",
        "unknown rule 'nested-by-implementaton'",
        "#2 (statute), field 'year_adopted'",
        "#5 (labour), field 'kind'",
        "relations/links.yaml, record #4 (land-[LIKES]->treaty), field 'type'",
        "relations/links.yaml, record #5",
    ]
    assert len(errors) == len(expected), "\n".join(errors)
    for fragment, line in zip(expected, errors, strict=True):
        assert fragment in line
    assert "'nowhere'" in errors[-1]
    # 'environment' is a well-formed extension: the record using it is not reported, and a
    # relation to the invalid element 'labour' is not reported as dangling either.
    assert "environment" not in "\n".join(errors[5:])
    assert f"{len(expected)} errors; nothing was written" in result.stderr


def test_errors_are_capped(mini: Path) -> None:
    rows = "".join(f"bad{i},ngo,Bad {i},,,,,,,,,,,,,,,\n" for i in range(120))
    with (mini / "elements" / "ngos.csv").open("a", encoding="utf-8") as fh:
        fh.write(rows)  # no section: each row misses its provenance
    report = validate_dataset(mini, cap=100)
    assert report.total == 120 and len(report.errors) == 100 and report.more == 20
    result = runner.invoke(app, ["validate", "--data", str(mini), "--max-errors", "5"])
    assert result.exit_code == 2
    assert result.stderr.count("error:") == 5 and "... and 115 more" in result.stderr
    assert "120 errors; nothing was written" in result.stderr


def test_a_rule_applies_to_a_kind_the_dataset_adds(mini: Path) -> None:
    """The rules take no kinds (issue 9 removed parallel-to-kinds, the one that did); what a
    rule takes is the data, so a member of a kind the dataset adds is expanded like any other."""
    _add(
        mini,
        'vocabulary:\n  kinds: {think_tank: {category: PrivateActor, definition: "a '
        'policy research institute"}}\n',
    )
    with (mini / "elements" / "core.yaml").open("a", encoding="utf-8") as fh:
        fh.write(
            "- id: institute\n  name: Policy Institute\n  kind: think_tank\n"
            "  provenance: {section: VII}\n"
        )
    with (mini / "relations" / "links.yaml").open("a", encoding="utf-8") as fh:
        fh.write(
            "- {source: institute, target: ngos, type: INSTANCE_OF, claim: ngo-members, "
            "provenance: {section: VII}}\n"
        )
    report = validate_dataset(mini)
    assert report.ok, [str(e) for e in report.errors]
    assert report.dataset is not None
    assert str(report.dataset.elements["institute"].kind) == "think_tank"
    g = build_graph(report.dataset)
    copies = [d for u, v, d in g.edges(data=True) if {u, v} == {"treaty", "institute"}]
    assert [(d["type"], d["rule"], d["expanded_from"]) for d in copies] == [
        ("PARALLEL_TO", "expand-class-claims", "treaty-no-ngos")
    ]


def test_load_still_stops_at_the_first_error(mini: Path) -> None:
    _replace(mini / "elements" / "core.yaml", "year_adopted: 2014", "year_adopted: soon")
    _replace(mini / "relations" / "links.yaml", "type: PARTY_TO", "type: LIKES")
    with pytest.raises(DataError) as exc:
        load_dataset(mini)
    assert "year_adopted" in str(exc.value) and "LIKES" not in str(exc.value)


def test_valid_dataset_reports_nothing(mini: Path) -> None:
    report = validate_dataset(mini)
    assert report.ok and report.dataset is not None and report.errors == []
