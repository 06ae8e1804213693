"""One analysis report: verdicts on the claims the dataset declares, then everything behind it.

:func:`analyze` runs every analysis module on one typed graph. A dataset's ``dataset.yaml`` may
declare what its source claims (``claims_tested:``, each naming a test of
:data:`rcx.graph.report.rules.CLAIM_TESTS`), the figures and weaknesses the source states
(``stated_figures:``, ``stated_weaknesses:``, checked by :mod:`rcx.graph.report.stated`), the
population it surveys (``survey:``), its functions and its timeline's pivot year. A dataset
that declares none of them gets the general report only: composition, core, null models,
typology, fragmentation, clusters, hierarchy, ablation, timeline and gaps.

Every number is traceable (:class:`rcx.graph.report.trace.Trace`), and every report carries a
stamp (:mod:`rcx.graph.report.stamp`) naming what to cite to get the same numbers back.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import networkx as nx

from rcx.graph.analysis.ablation import ablation
from rcx.graph.analysis.clusters import cluster_report
from rcx.graph.analysis.core import core_report
from rcx.graph.analysis.fragmentation import fragmentation_report
from rcx.graph.analysis.gaps import gaps
from rcx.graph.analysis.hierarchy import nesting
from rcx.graph.analysis.layers import LayerSpec, linkage_graph
from rcx.graph.analysis.metrics import headline_metrics
from rcx.graph.analysis.scenarios import Scenario, compare, load_scenario
from rcx.graph.analysis.timeline import element_year, timeline
from rcx.graph.report import claim_tests, parts, rules, stated, survey
from rcx.graph.report.facts import (
    Facts,
    Progress,
    claims_behind,
    composition,
    core_null_tests,
    linked_share,
)
from rcx.graph.report.parts import layer_spec
from rcx.graph.report.stamp import canonical_graph, make_stamp
from rcx.graph.report.trace import Trace, to_jsonable
from rcx.schema.models import DatasetMeta

DEFAULT_NULL = 200
RICH_CLUB_MAX = 50  # rich-club null samples: min(n_null, this)


@dataclass(frozen=True)
class AnalysisReport:
    """Everything :func:`analyze` found; :meth:`as_dict` is plain JSON (nan -> null)."""

    dataset: str
    title: str
    layer: dict[str, Any]
    seed: int
    n_null: int
    stamp: dict[str, Any]
    verdicts: tuple[rules.Verdict, ...]
    headline: dict[str, Any]
    composition: dict[str, Any]
    layer_sensitivity: list[dict[str, Any]]
    sections: dict[str, Any]
    provenance: tuple[dict[str, Any], ...]
    declared: dict[str, Any] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    params: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = to_jsonable(
            {
                "stamp": self.stamp,
                "dataset": self.dataset,
                "title": self.title,
                "layer": self.layer,
                "seed": self.seed,
                "n_null": self.n_null,
                "verdicts": [v.as_dict() for v in self.verdicts],
                "headline": self.headline,
                "composition": self.composition,
                "layer_sensitivity": self.layer_sensitivity,
                "sections": self.sections,
                "provenance": list(self.provenance),
                "declared": self.declared,
                "notes": list(self.notes),
                "params": self.params,
            }
        )
        return out


def _pivot(g: nx.MultiDiGraph, meta: DatasetMeta | None, pivot: int | None) -> tuple[int, str]:
    """The timeline's pivot year: the option, else the dataset's, else the median dated year."""
    if pivot is not None:
        return pivot, "option"
    if meta is not None and meta.timeline is not None:
        return meta.timeline.pivot, "dataset.yaml"
    years = sorted(y for _, d in g.nodes(data=True) if (y := element_year(d)) is not None)
    return (int(statistics.median_low(years)), "median dated year") if years else (2000, "none")


def analyze(
    g: nx.MultiDiGraph,
    *,
    meta: DatasetMeta | None = None,
    layers: str | LayerSpec = "linkages",
    include_derived: bool = True,
    n_null: int = DEFAULT_NULL,
    seed: int = 0,
    pivot: int | None = None,
    scenarios: Sequence[Any] = (),
    source: str = "",
    progress: Progress | None = None,
    jobs: int | None = None,
) -> AnalysisReport:
    """Run every analysis on ``g`` and return the report (see the module docstring).

    ``meta``: the dataset's ``dataset.yaml`` (its declared claims, figures, survey, functions,
    pivot year); ``layers``: which relations are linkages; ``include_derived``: whether
    relations derived by rules count; ``n_null``: null-model samples (0 skips them);
    ``pivot``: the timeline's pivot year (default: the dataset's, else the median dated year);
    ``scenarios``: scenario names, files or objects to compare; ``source``: where ``g`` came
    from, for the stamp (a folder, or a Neo4j URI without credentials). Deterministic for a
    given ``seed``.
    """
    for s in scenarios:  # a bad scenario fails now, not after the long part
        if not isinstance(s, Scenario):
            load_scenario(s)
    g = canonical_graph(g)  # one order whatever the store: random steps see the same graph
    spec = layer_spec(layers, include_derived)
    if not include_derived and spec.include_derived:
        spec = LayerSpec(spec.name, spec.relation_types, False, spec.include_places)
    tr = Trace(f"{spec.name} ({'with' if spec.include_derived else 'without'} derived)")
    G = linkage_graph(g, spec)
    sp = {"seed": seed, "spec": spec.as_dict()}
    head = headline_metrics(G, seed=seed)
    tr.section("headline", headline_metrics, sp)
    comp = composition(G) | {
        "claims": claims_behind(g, spec.relation_types, include_expanded=spec.include_expanded)
    }
    tr.section("composition", composition, {"spec": spec.as_dict()})
    rc = min(n_null, RICH_CLUB_MAX)
    core = core_report(
        G,
        seed=seed,
        rich_club_samples=rc,
        progress=((lambda d, t: progress("rich-club null", d, t)) if progress and rc else None),
        jobs=jobs,
    )
    tr.section("core", core_report, {"seed": seed, "rich_club_samples": rc})
    nulls = core_null_tests(G, n_null=n_null, seed=seed, progress=progress, jobs=jobs)
    tr.section("null_models", core_null_tests, {"n_null": n_null, "seed": seed})
    frag = fragmentation_report(g, spec, seed=seed, G=G)
    tr.section("fragmentation", fragmentation_report, sp)
    pop = meta.survey if meta is not None else None
    outside = None
    if pop is not None and pop.unlinked:
        outside = (pop.label, linked_share(G, lambda d: survey.in_population(d, pop)))
    facts = Facts(tr, comp, head, core, nulls, frag, linked_share(G), outside, sp)
    verdicts = tuple(rules.run_claim(facts, c) for c in (meta.claims_tested if meta else ()))
    year, year_from = _pivot(g, meta, pivot)
    sections: dict[str, Any] = {
        "core": core,
        "null_models": nulls,
        "fragmentation": frag,
        "typology": claim_tests.fragmentation_type(
            replace(facts, tr=Trace(tr.layer)), rules.thresholds("fragmentation-type", {})
        ),
        "clusters": cluster_report(G, seed=seed),
        "hierarchy": parts.hierarchy(g, spec),
        "ablation": ablation(g, spec, seed=seed, G=G),
        "timeline": timeline(g, spec, seed=seed, G=G, pivot=year),
        "gaps": parts.gap_tables(g, list(meta.functions) if meta else []),
    }
    sections["typology"] = parts.typology_section(sections["typology"])
    tr.section("typology", claim_tests.fragmentation_type, {})
    tr.section("clusters", cluster_report, {"seed": seed})
    tr.section("hierarchy", nesting, {"include_derived": spec.include_derived})
    tr.section("ablation", ablation, sp)
    tr.section("timeline", timeline, {**sp, "pivot": year, "pivot_from": year_from})
    tr.section("gaps", gaps, {}, layer="typed graph (all elements)")
    if meta is not None and (pop is not None or meta.stated_figures or meta.stated_weaknesses):
        sections["stated"] = stated.check_all(g, meta)
        tr.section("stated", stated.check_all, {}, layer="typed graph")
    if pop is not None:
        sections["survey"] = survey.survey_tables(g, pop, list(meta.functions) if meta else [])
        tr.section(
            "survey",
            survey.survey_tables,
            {"population": pop.label},
            layer="typed graph (survey population)",
        )
    sections["scenarios"] = [compare(g, s, spec=spec, seed=seed, before=head) for s in scenarios]
    if scenarios:
        tr.section("scenarios", compare, {"seed": seed})
    sens = parts.sensitivity(g, spec, seed)
    tr.section("layer_sensitivity", headline_metrics, {"seed": seed}, layer="each row's own")
    options = {
        "layers": spec.name,
        "include_derived": spec.include_derived,
        "n_null": n_null,
        "pivot": year,
        "pivot_from": year_from,
        "scenarios": [
            s if isinstance(s, str) else s.id if isinstance(s, Scenario) else str(s)
            for s in scenarios
        ],
    }
    stamp = make_stamp(
        g,
        options=options,
        seed=seed,
        source=source,
        null_samples={"degree-preserving": n_null if nulls else 0, "rich-club": rc},
    )
    return AnalysisReport(
        dataset=str(g.graph.get("dataset", "")),
        title=str(g.graph.get("title", "")),
        layer=spec.as_dict(),
        seed=seed,
        n_null=n_null,
        stamp=stamp,
        verdicts=verdicts,
        headline=dict(head),
        composition=comp,
        layer_sensitivity=sens,
        sections=sections,
        provenance=tuple(tr.entries),
        declared=parts.declared(meta),
        params={
            "function": f"{analyze.__module__}.{analyze.__qualname__}",
            **options,
            "seed": seed,
            "thresholds": rules.DEFAULTS,
        },
    )


def dataset_meta(data: Any, g: nx.MultiDiGraph) -> DatasetMeta | None:
    """The ``dataset.yaml`` of folder ``data`` (default: built-in) if it describes ``g``.

    ``None`` when the folder's dataset id is not the graph's (e.g. a graph read from a store
    that holds another dataset): that graph then gets the general report only.
    """
    from rcx.loaders.dataset import load_dataset

    meta = load_dataset(data).meta
    return meta if meta.id == g.graph.get("dataset") else None


def claims_table(report: AnalysisReport) -> list[tuple[str, str, str, str]]:
    """(claim id, statement, verdict, sentences) per declared claim: what a notebook prints."""
    return [(v.claim, v.statement, v.verdict, v.summary) for v in report.verdicts]
