"""docs/methods.md documents every rule, claim test and check a report can emit."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rcx.graph.report import rules, stated
from rcx.graph.report.assemble import AnalysisReport, analyze
from rcx.graph.report.render import blocks
from rcx.loaders import load_graph
from rcx.loaders.dataset import load_dataset
from rcx.schema.models import ClaimTest, StatedFigure

ROOT = Path(__file__).resolve().parents[1]
METHODS = ROOT / "docs" / "methods.md"
FIXTURES = Path(__file__).parent / "fixtures"


def _anchors() -> set[str]:
    return set(re.findall(r'<a id="([a-z0-9_\-]+)"></a>', METHODS.read_text(encoding="utf-8")))


def test_every_rule_test_and_check_has_a_paragraph() -> None:
    anchors = _anchors()
    missing = [f"rule-{r}" for r in rules.RULE_IDS if f"rule-{r}" not in anchors]
    missing += [f"test-{t}" for t in rules.CLAIM_TESTS if f"test-{t}" not in anchors]
    missing += [f"check-{c}" for c in stated.CHECKS if f"check-{c}" not in anchors]
    assert not missing, f"docs/methods.md lacks paragraphs for {missing}"


def test_the_schema_and_the_code_list_the_same_tests_and_checks() -> None:
    from typing import get_args

    assert set(get_args(ClaimTest.model_fields["test"].annotation)) == set(rules.CLAIM_TESTS)
    assert set(get_args(StatedFigure.model_fields["check"].annotation)) == set(stated.CHECKS)


@pytest.mark.parametrize("data", [None, FIXTURES / "mini", FIXTURES / "climate_small"])
def test_every_emitted_rule_is_a_known_id(data: Path | None) -> None:
    meta = load_dataset(data).meta
    if not meta.claims_tested:
        meta = meta.model_copy(
            update={
                "claims_tested": [ClaimTest(id=t, statement="s", test=t) for t in rules.CLAIM_TESTS]
            }
        )
    r: AnalysisReport = analyze(load_graph(data), meta=meta, n_null=5)
    emitted = {e.rule for v in r.verdicts for e in v.evidence if e.rule}
    emitted |= {e["rule"] for e in r.sections["typology"]["rules"]}
    assert emitted and emitted <= set(rules.RULE_IDS)
    text = "\n".join(
        [b.text for b in blocks(r)] + [c for b in blocks(r) for row in b.rows for c in row]
    )
    links = re.findall(r"#rule-([a-z0-9_\-]+)", text)
    assert links
    assert set(links) <= {a.removeprefix("rule-") for a in _anchors()}
