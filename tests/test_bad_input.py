"""Every kind of bad input gives one clear error naming file/record/field, a non-zero exit,
and writes nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rcx.cli import app
from rcx.loaders import load_dataset
from rcx.schema import DataError

runner = CliRunner()


def _append(path: str, text: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        with (root / path).open("a", encoding="utf-8") as fh:
            fh.write(text)

    return edit


def _replace(path: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        p = root / path
        text = p.read_text(encoding="utf-8")
        assert old in text, old
        p.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


CASES = {
    "malformed-yaml": (
        _append("elements/core.yaml", "- id: [unclosed\n"),
        ["elements/core.yaml", "not valid YAML"],
    ),
    "yaml-not-a-list": (
        lambda root: (root / "elements/extra.yaml").write_text("id: x\n"),
        ["elements/extra.yaml", "expected a list of records"],
    ),
    "duplicate-yaml-key": (
        _replace("elements/core.yaml", "  kind: state\n", "  kind: state\n  kind: region\n"),
        ["elements/core.yaml", "duplicate key 'kind'"],
    ),
    "ragged-csv": (
        _append("elements/ngos.csv", "x,ngo,Too Short\n"),
        ["elements/ngos.csv", "line 4", "number of cells"],
    ),
    "unknown-csv-column": (
        _replace("elements/ngos.csv", "id,kind,name", "id,kind,nom"),
        ["elements/ngos.csv", "unknown column", "'nom'"],
    ),
    "unknown-kind": (
        _replace("elements/core.yaml", "kind: regime", "kind: think_tank"),
        ["elements/core.yaml", "#5 (labour)", "field 'kind'"],
    ),
    "unknown-relation": (
        _replace("relations/links.yaml", "type: PARTY_TO", "type: LIKES"),
        ["relations/links.yaml", "#4", "field 'type'"],
    ),
    "dangling-endpoint": (
        _replace("relations/links.yaml", "target: labour", "target: nowhere"),
        ["relations/links.yaml", "#5", "field 'target'", "'nowhere'"],
    ),
    "dangling-place": (
        _replace("elements/ngos.csv", ",land,land,http://helpers", ",land,atlantis,http://helpers"),
        ["elements/ngos.csv", "line 2", "field 'works_in'", "'atlantis'"],
    ),
    "duplicate-id": (
        _replace("elements/core.yaml", "id: regional", "id: statute"),
        ["elements/core.yaml", "#3", "duplicate id 'statute'", "first defined"],
    ),
    "duplicate-alias": (
        _replace("elements/ngos.csv", "HLP", "The Treaty"),
        ["elements/ngos.csv", "alias 'The Treaty'", "'treaty'"],
    ),
    "wrong-type": (
        _replace("elements/core.yaml", "year_adopted: 2014", "year_adopted: soon"),
        ["elements/core.yaml", "#2 (statute)", "field 'year_adopted'"],
    ),
    "pattern-not-allowed": (
        _replace(
            "relations/links.yaml",
            "source: land\n  target: treaty",
            "source: helpers\n  target: treaty",
        ),
        ["relations/links.yaml", "#4", "(ngo)-[PARTY_TO]->(global_treaty)", "not allowed"],
    ),
    "hostile-control-chars": (
        _replace("elements/core.yaml", "name: Land", 'name: "Land\\e[2J\\e[31mPWNED"'),
        ["elements/core.yaml", "#4 (land)", "field 'name'", "control character"],
    ),
    "unknown-field": (
        _replace("elements/core.yaml", "  scope: national\n", "  scope: national\n  colour: red\n"),
        ["elements/core.yaml", "field 'colour'", "Extra inputs"],
    ),
    "missing-provenance": (
        _replace("elements/core.yaml", "  provenance: {section: II.C.4(b)}\n", ""),
        ["elements/core.yaml", "#5 (labour)", "field 'provenance'"],
    ),
    "unknown-rule": (
        _replace("dataset.yaml", "rule: nested-by-implementation", "rule: magic"),
        ["dataset.yaml", "unknown rule 'magic'"],
    ),
    # issue 9: claims, classes, expansions
    "unknown-claim": (
        _replace("relations/links.yaml", "claim: land-party", "claim: no-such"),
        ["relations/links.yaml", "#4", "field 'claim'", "unknown claim 'no-such'"],
    ),
    "missing-claim": (
        _replace("relations/links.yaml", "  claim: land-party\n", ""),
        ["relations/links.yaml", "#4", "field 'claim'", "needs 'claim'"],
    ),
    "claim-section-differs": (
        _replace(
            "claims.yaml",
            "{id: land-party, section: III.A.3}",
            "{id: land-party, section: III.A.2}",
        ),
        ["relations/links.yaml", "#4", "field 'provenance.section'", "land-party"],
    ),
    "instance-of-non-class": (
        _replace(
            "relations/links.yaml",
            "{source: shelter, target: ngos,",
            "{source: shelter, target: helpers,",
        ),
        ["relations/links.yaml", "#8", "field 'target'", "'helpers' is not a class"],
    ),
    "class-endpoint-not-allowed": (
        _append(
            "relations/links.yaml",
            "- {source: ngos, target: land, type: WORKS_IN, "
            "claim: ngo-members, provenance: {section: VII}}\n",
        ),
        ["relations/links.yaml", "#9", "field 'source'", "'ngos' is a class", "WORKS_IN"],
    ),
    "expanded-from-no-class-claim": (
        _append(
            "relations/links.yaml",
            "- {source: treaty, target: helpers, type: PARALLEL_TO, evidence: x,\n"
            "   expanded_from: land-party,\n"
            "   provenance: {section: III.A.3, derived: true, rule: expand-class-claims}}\n",
        ),
        ["relations/links.yaml", "#9", "field 'expanded_from'", "not a class-level claim"],
    ),
    "expanded-from-on-asserted": (
        _replace(
            "relations/links.yaml",
            "  claim: land-party\n",
            "  claim: land-party\n  expanded_from: treaty-no-ngos\n",
        ),
        ["relations/links.yaml", "#4", "only for derived relations"],
    ),
    "contradiction-without-note": (
        _replace(
            "claims.yaml",
            "{id: land-party, section: III.A.3}",
            "{id: land-party, section: III.A.3, contradicts: [treaty-no-ngos]}",
        ),
        ["claims.yaml", "land-party", "contradiction note"],
    ),
    "class-with-location": (
        _replace(
            "elements/classes.yaml",
            "  is_class: true\n",
            "  is_class: true\n  headquarters: [land]\n",
        ),
        ["elements/classes.yaml", "#1 (ngos)", "cannot have headquarters"],
    ),
    "printed-without-doubtful-note": (
        _replace(
            "elements/core.yaml",
            "  year_in_force: 2003\n",
            "  year_in_force: 2003\n  as_printed: [{field: year_in_force, value: '2004'}]\n",
        ),
        ["elements/core.yaml", "#1 (treaty)", "doubtful note"],
    ),
    "not-utf8": (
        lambda root: (root / "elements/extra.yaml").write_bytes(b"- id: \xff\xfe\n"),
        ["elements/extra.yaml", "UTF-8"],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_gives_one_clear_error(mini: Path, case: str) -> None:
    edit, fragments = CASES[case]
    edit(mini)
    if case == "unknown-rule":  # rules run when the graph is built
        from rcx.loaders import build_graph

        with pytest.raises(DataError) as exc:
            build_graph(load_dataset(mini))
    else:
        with pytest.raises(DataError) as exc:
            load_dataset(mini)
    for fragment in fragments:
        assert fragment in str(exc.value)


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_exits_nonzero_and_writes_nothing(mini: Path, tmp_path: Path, case: str) -> None:
    edit, fragments = CASES[case]
    edit(mini)
    target = tmp_path / "out" / "graph.json"
    result = runner.invoke(
        app, ["export", "--format", "node-link", "-o", str(target), "--data", str(mini)]
    )
    assert result.exit_code == 2, result.output
    assert fragments[0] in result.stderr
    assert result.stderr.count("error:") == 1
    assert not target.exists()
    assert not target.parent.exists() or not any(target.parent.iterdir())


def test_missing_dataset_folder(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", "--data", str(tmp_path / "nope")])
    assert result.exit_code != 0
