"""The three claim tests (``is-regime-complex``, ``no-coordinating-core``,
``fragmentation-type``): each reads the :class:`~rcx.graph.report.facts.Facts`, applies its rules
(ids documented in docs/methods.md) and returns (verdict, grade, sentences, evidence).
"""

from __future__ import annotations

from rcx.graph.analysis import typology
from rcx.graph.analysis.core import core_periphery, k_cores, literal_core_test
from rcx.graph.analysis.metrics import degree_centralization, headline_metrics
from rcx.graph.analysis.nullmodel import null_model_tests
from rcx.graph.report.facts import Facts, composition, linked_share
from rcx.graph.report.trace import Evidence, is_nan
from rcx.graph.report.wording import fmt, joined, pct

SUPPORTED, MIXED, NOT_SUPPORTED = "SUPPORTED", "MIXED", "NOT SUPPORTED"
Outcome = tuple[str, str, str, list[Evidence]]


def _grade(failed: list[str], fatal: bool) -> tuple[str, str]:
    if fatal:
        return NOT_SUPPORTED, "firm"
    return (SUPPORTED, "firm") if not failed else (MIXED, "mixed")


def is_regime_complex(f: Facts, th: dict[str, float]) -> Outcome:
    """Claim test ``is-regime-complex`` (see the module docstring and docs/methods.md)."""
    comp, head, tr, hp = f.composition, f.head, f.tr, f.params
    n_cat, n_app = len(comp["by_category"]), len(comp["by_approach"])
    diverse = n_cat >= th["min_categories"] and n_app >= th["min_approaches"]
    dens, edges = head["density"], head["edges"]
    loose = not is_nan(dens) and dens < th["loose_density"]
    held = not is_nan(f.linked_share) and f.linked_share >= th["min_linked_share"]
    core_held = head["components"] == 1 and bool(f.core.literal.has_core)
    ev = [
        tr.ev(
            "categories",
            n_cat,
            composition,
            rule="diversity",
            held=diverse,
            test=f">= {th['min_categories']:g} categories and >= {th['min_approaches']:g} "
            "approaches",
        ),
        tr.ev("approaches", n_app, composition, rule="diversity", held=diverse),
        tr.ev("kinds", len(comp["by_kind"]), composition),
        tr.ev(
            "edges", edges, headline_metrics, hp, rule="some-linkage", test="> 0", held=edges > 0
        ),
        tr.ev(
            "density",
            dens,
            headline_metrics,
            hp,
            rule="loose-density",
            test=f"< {th['loose_density']:g}",
            held=loose,
        ),
        tr.ev(
            "linked_share",
            f.linked_share,
            linked_share,
            hp,
            rule="held-together",
            test=f">= {th['min_linked_share']:g}",
            held=held,
        ),
        tr.ev("components", head["components"], headline_metrics, hp),
        tr.ev("isolates", head.get("isolates"), headline_metrics, hp),
        tr.ev("largest_component_share", head["largest_component_share"], headline_metrics, hp),
        tr.ev(
            "single_component_with_core",
            core_held,
            literal_core_test,
            rule="not-core-held",
            test="must be false",
            held=not core_held,
        ),
    ]
    if f.linked_share_outside:
        label, share = f.linked_share_outside
        ev.append(tr.ev(f"linked_share_without_{_slug(label)}", share, linked_share, hp))
    failed = [e.rule for e in ev if e.held is False]
    verdict, grade = _grade(failed, not diverse or edges == 0)
    carried = [
        f"{n_cat} categories and {n_app} approaches ({'diverse' if diverse else 'not diverse'})",
        f"{edges} linkages at density {fmt(dens)} "
        f"({'loose' if loose else 'not loose'}, threshold {th['loose_density']:g})",
    ]
    linked = f"{pct(f.linked_share)} of the elements have a linkage"
    if f.linked_share_outside:
        linked += f" ({pct(f.linked_share_outside[1])} without the {f.linked_share_outside[0]})"
    if held:
        carried.append(linked)
    words = f"{verdict.lower().capitalize()}: {joined(carried)}."
    if not held:
        words += (
            f" But only {linked}, below the held-together threshold "
            f"({th['min_linked_share']:g}): most elements are isolates in this layer."
        )
    if core_held:
        words += " The complex is one component held by a core, not loosely coupled."
    return verdict, grade, words, ev


def _soft_core(f: Facts, th: dict[str, float]) -> tuple[list[str], list[str], list[Evidence]]:
    tr = f.tr
    ev: list[Evidence] = []
    signals: list[str] = []
    weak: list[str] = []
    for key, r in sorted(f.nulls.items()):
        p, obs = r.p_value, r.observed
        significant = not is_nan(p) and p < th["alpha"]
        strong = significant and not is_nan(obs) and obs >= th["strong"]
        (signals if strong else weak if significant else []).append(key)
        params = {**r.params, "alternative": r.alternative}
        test = f"not (p < {th['alpha']:g} and observed >= {th['strong']:g})"
        ev += [
            tr.ev(f"{key}_observed", obs, null_model_tests, params),
            tr.ev(f"{key}_null_mean", r.null_mean, null_model_tests, params),
            tr.ev(f"{key}_z", r.z, null_model_tests, params),
            tr.ev(
                f"{key}_p",
                p,
                null_model_tests,
                params,
                rule="soft-core",
                test=test,
                held=not strong,
            ),
        ]
    return signals, weak, ev


def no_coordinating_core(f: Facts, th: dict[str, float]) -> Outcome:
    """Claim test ``no-coordinating-core`` (see the module docstring and docs/methods.md)."""
    lit, core, tr = f.core.literal, f.core, f.tr
    ev = [
        tr.ev(
            "max_degree_coverage",
            lit.coverage,
            literal_core_test,
            rule="literal-core",
            test="< 1 (no element linked to all others)",
            held=not lit.has_core,
        ),
        tr.ev("coverage_holders", lit.holders, literal_core_test),
        tr.ev("coverage_2step", lit.coverage_2step, literal_core_test),
        tr.ev(
            "degree_centralization",
            core.degree_centralization,
            degree_centralization,
            rule="degree-centralization-untested",
        ),
        tr.ev("k_core_max_k", core.k_cores.max_k, k_cores),
        tr.ev(
            "core_periphery_core_size",
            core.core_periphery.core_size,
            core_periphery,
            core.core_periphery.params,
        ),
    ]
    signals, weak, soft = _soft_core(f, th)
    ev += soft
    many = len(lit.holders) > 1
    reach = (
        f"the most-linked element{'s' if many else ''} ({joined(lit.holders[:3]) or '-'}"
        f"{' ...' if len(lit.holders) > 3 else ''}) reach{'' if many else 'es'} "
        f"{pct(lit.coverage)} of the others"
    )
    if lit.has_core:
        return NOT_SUPPORTED, "firm", f"Not supported: {reach}, a literal core.", ev
    if not f.nulls:
        return (
            SUPPORTED,
            "weak",
            f"Supported on the literal test only: {reach}; the null "
            "models were not run (null samples 0).",
            ev,
        )
    words = f"{reach}, so there is no literal core"
    if signals:
        return (
            MIXED,
            "mixed",
            f"Mixed: {words}, but {joined(signals)} "
            f"{'is' if len(signals) == 1 else 'are'} strong and above chance "
            f"(p < {th['alpha']:g}): a soft core.",
            ev,
        )
    tail = (
        f"; {joined(weak)} above chance but weak (< {th['strong']:g}): uneven linkage, not a core"
        if weak
        else "; nothing is above chance against the degree-preserving null model"
    )
    return SUPPORTED, "firm", f"Supported: {words}{tail}.", ev


# Which part of Biermann et al.'s typology each measure speaks to.
DIMENSION = {
    "max_degree_coverage": "integration",
    "largest_component_share": "integration",
    "density": "integration",
    "core_periphery_fit": "integration",
    "conflicting_of_linked": "norm conflict",
    "share_parallel": "integration",
}


def fragmentation_type(f: Facts, th: dict[str, float]) -> Outcome:
    """Claim test ``fragmentation-type``: the typology, graded by its dimensions.

    The class is :func:`rcx.graph.analysis.typology.classify_measures`'s. The grade is *firm*
    when all the class's rules hold; otherwise *mixed*, and the sentence says which dimension
    (integration, norm conflict) carried the class and which rule failed.
    """
    measures = {
        "max_degree_coverage": f.core.literal.coverage,
        "largest_component_share": f.frag.largest_component_share,
        "density": f.frag.density,
        "conflicting_of_linked": f.frag.pairs.conflicting_of_linked,
        "core_periphery_fit": f.core.core_periphery.fit,
        "share_parallel": f.frag.pairs.share_parallel,
    }
    t = typology.classify_measures({k: measures[k] for k in typology.MEASURES}, **th)
    tr = f.tr
    ev = [
        tr.ev(
            f"rule.{r.threshold_name}",
            r.value,
            typology.classify_measures,
            {"class": r.cls},
            rule=f"typology-{r.threshold_name}",
            test=f"{r.measure} {r.op} {r.threshold:g}",
            held=r.held,
        )
        for r in t.rules
    ]
    ev += [
        tr.ev(f"score.{k}", v, typology.classify_measures, rule="typology-decision")
        for k, v in t.scores.items()
    ]
    mine = [r for r in t.rules if r.cls == t.label]
    held = [r for r in mine if r.held]
    failed = [r for r in mine if not r.held]
    label = t.label.upper()
    why = joined(
        f"{r.description} ({r.measure} {fmt(r.value)} {r.op} {r.threshold:g})" for r in held
    )
    if t.decisive:
        return label, "firm", f"{t.label.capitalize()}: all its rules hold: {why}.", ev
    dims_held = {DIMENSION[r.measure] for r in held}
    dims_failed = {DIMENSION[r.measure] for r in failed}
    against = joined(
        f"{r.description} fails ({r.measure} {fmt(r.value)}, needs {r.op} {r.threshold:g})"
        for r in failed
    )
    split = (
        f"the {joined(sorted(dims_held))} evidence points to {t.label}, the "
        f"{joined(sorted(dims_failed))} evidence does not"
        if not dims_held & dims_failed
        else f"the {joined(sorted(dims_held | dims_failed))} evidence is split"
    )
    scores = ", ".join(f"{k} {fmt(v)}" for k, v in t.scores.items())
    words = (
        f"Mixed, closest to {t.label}. For: {why}. Against: {against}. So {split}; no class "
        f"has all its rules (share held: {scores})."
    )
    return f"{MIXED} ({t.label})", "mixed", words, ev


def _slug(text: str) -> str:
    return "_".join("".join(c if c.isalnum() else " " for c in text.lower()).split())
