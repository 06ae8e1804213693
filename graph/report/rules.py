"""Verdict rules: the documented claim tests a dataset can ask for, and their grades.

A dataset declares what its source claims in ``dataset.yaml`` (``claims_tested:``); each claim
names one test of :data:`CLAIM_TESTS`:

* ``is-regime-complex``: the elements differ in kind and approach and are held together by
  loose linkages (some linkage, low density, most elements linked, no single core).
* ``no-coordinating-core``: the source's literal test (no element linked to all others), then
  softer readings against the degree-preserving null model.
* ``fragmentation-type``: the Biermann et al. (2009) typology
  (:func:`rcx.graph.analysis.typology.classify_measures`).

Every rule has an id (``Evidence.rule``) with a paragraph in ``docs/methods.md`` under the
anchor ``rule-<id>``; :data:`RULE_IDS` lists them all. Verdicts are graded: *firm* when the
evidence agrees, *mixed* when it is split (the verdict names what held and what failed), *weak*
when it rests on part of the evidence only (e.g. no null samples).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from rcx.graph.analysis import typology
from rcx.graph.report import claim_tests
from rcx.graph.report.claim_tests import Outcome
from rcx.graph.report.facts import Facts
from rcx.graph.report.trace import Evidence
from rcx.schema.errors import DataError

METHODS = "docs/methods.md"
DEFAULTS: dict[str, dict[str, float]] = {
    "is-regime-complex": {
        "min_categories": 3,
        "min_approaches": 3,
        "loose_density": 0.10,
        "min_linked_share": 0.5,
    },
    "no-coordinating-core": {"alpha": 0.05, "strong": 0.5},
    "fragmentation-type": dict(typology.DEFAULTS),
}
RULE_IDS = (
    "diversity",
    "some-linkage",
    "loose-density",
    "held-together",
    "not-core-held",
    "literal-core",
    "soft-core",
    "degree-centralization-untested",
    *(f"typology-{name}" for _, name, *_ in typology.RULES),
    "typology-decision",
    "grade-firm",
    "grade-mixed",
    "grade-weak",
)


@dataclass(frozen=True)
class Verdict:
    """The verdict on one claim: a label, a grade, one or two sentences, and the evidence."""

    claim: str
    statement: str
    section: str
    test: str
    verdict: str
    grade: str
    summary: str
    evidence: tuple[Evidence, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "claim": self.claim,
            "statement": self.statement,
            "section": self.section,
            "test": self.test,
            "verdict": self.verdict,
            "grade": self.grade,
            "summary": self.summary,
            "evidence": [e.as_dict() for e in self.evidence],
        }


def thresholds(test: str, given: Mapping[str, Any], *, claim: str = "") -> dict[str, float]:
    """The test's thresholds: :data:`DEFAULTS` overridden by the dataset's ``params``.

    >>> thresholds("no-coordinating-core", {"alpha": 0.01})
    {'alpha': 0.01, 'strong': 0.5}
    """
    unknown = sorted(set(given) - set(DEFAULTS[test]))
    if unknown:
        raise DataError(
            f"unknown parameter(s) {', '.join(unknown)} for test {test!r}; valid: "
            f"{', '.join(sorted(DEFAULTS[test]))}",
            file="dataset.yaml",
            record=f"claims_tested {claim}",
            field="params",
        )
    return {**DEFAULTS[test], **{k: float(v) for k, v in given.items()}}


ClaimTest = Callable[[Facts, dict[str, float]], Outcome]
CLAIM_TESTS: dict[str, ClaimTest] = {
    "is-regime-complex": claim_tests.is_regime_complex,
    "no-coordinating-core": claim_tests.no_coordinating_core,
    "fragmentation-type": claim_tests.fragmentation_type,
}


def run_claim(f: Facts, claim: Any) -> Verdict:
    """Run one declared claim (a :class:`rcx.schema.models.ClaimTest`) on the facts."""
    th = thresholds(claim.test, claim.params, claim=claim.id)
    verdict, grade, words, ev = CLAIM_TESTS[claim.test](f, th)
    return Verdict(
        claim.id, claim.statement, claim.section or "", claim.test, verdict, grade, words, tuple(ev)
    )
