"""One analysis report: a verdict on the paper's three claims, then everything behind it.

:func:`analyze` runs every analysis module on one typed graph and opens with a verdict on the
three claims the paper makes about the regime complex for human trafficking:

1. **A regime complex exists** (II.A, III): its elements differ in kind and approach, and they
   are held together by *loose* linkages -- some linkage, low density, and not one component
   held by a core. Rules (all must hold for *supported*): diversity = at least
   :data:`MIN_CATEGORIES` element categories and :data:`MIN_APPROACHES` approaches; some linkage
   = at least one edge (so not completely fragmented); loose = density below
   :data:`LOOSE_DENSITY`; held together = at least :data:`MIN_LINKED_SHARE` of the elements have
   a linkage; not core-held = not (a single component *and* an element linked to all others).
   *Not supported* if diversity or any linkage fails; otherwise *partly supported*. The linked
   share is also given without the Appendix Two rows (NGOs the paper lists but never links).
2. **No coordinating core** (III.A.3): the paper's literal test (no element linked to all
   others: ``max_degree_coverage < 1``), then softer readings against null models -- degree
   centralization against G(n, m) random graphs, betweenness centralization and the
   core-periphery fit against degree-preserving rewirings (one-sided, "greater"): a soft core
   signal is ``p <`` :data:`ALPHA` (for the core-periphery fit also ``fit >=``
   :data:`CP_FIT_STRONG`). *Supported*: the literal test finds no core and no soft signal;
   *partly supported*: no literal core but a soft signal; *not supported*: a literal core.
3. **Which kind of fragmentation** (Biermann et al. 2009): :func:`rcx.graph.analysis.typology.classify`
   with its rule table and measured values.

Every number is traceable: :attr:`AnalysisReport.provenance` lists ``{metric, function, params,
layer}`` for each evidence value and each section. The layer (which relations count as
linkage) is recorded with every number; ``layer_sensitivity`` repeats the headline metrics under
the other layer choices.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, is_dataclass
from enum import Enum
from pathlib import Path
from typing import Any

import networkx as nx

from rcx.graph.analysis.layers import LayerSpec, linkage_graph
from rcx.graph.analysis.metrics import headline_metrics

Progress = Callable[[str, int, int], None]
"""``progress(task, done, total)``: called as null-model samples complete."""

LAYERS = ("linkages", "structural", "everything")
MIN_CATEGORIES = 3
MIN_APPROACHES = 3
LOOSE_DENSITY = 0.10
MIN_LINKED_SHARE = 0.5
ALPHA = 0.05
CP_FIT_STRONG = 0.5
CENTRALIZATION_STRONG = 0.5
DEFAULT_NULL = 200
FLOAT_DIGITS = 12  # significant digits kept in JSON (as_dict)
CLAIMS = (
    "A regime complex exists: diverse elements held together by loose linkages (II.A, III).",
    "The regime complex has no coordinating core (III.A.3).",
    "Which kind of fragmentation the complex shows (Biermann et al. typology).",
)


@dataclass(frozen=True)
class Evidence:
    """A number behind a verdict, and where it came from."""

    name: str
    value: Any
    function: str
    params: dict[str, Any]
    layer: str
    rule: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "value": to_jsonable(self.value), "function": self.function,
                "params": to_jsonable(self.params), "layer": self.layer, "rule": self.rule}


@dataclass(frozen=True)
class Verdict:
    """The verdict on one of the paper's claims, with its evidence."""

    claim: int
    statement: str
    verdict: str
    summary: str
    evidence: tuple[Evidence, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"claim": self.claim, "statement": self.statement, "verdict": self.verdict,
                "summary": self.summary, "evidence": [e.as_dict() for e in self.evidence]}


@dataclass(frozen=True)
class AnalysisReport:
    """Everything :func:`analyze` found; :meth:`as_dict` is plain JSON (nan -> null)."""

    dataset: str
    title: str
    layer: dict[str, Any]
    seed: int
    n_null: int
    verdicts: tuple[Verdict, ...]
    headline: dict[str, Any]
    composition: dict[str, Any]
    layer_sensitivity: list[dict[str, Any]]
    sections: dict[str, Any]
    provenance: tuple[dict[str, Any], ...]
    notes: tuple[str, ...] = ()
    params: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return to_jsonable({
            "dataset": self.dataset, "title": self.title, "layer": self.layer,
            "seed": self.seed, "n_null": self.n_null,
            "verdicts": [v.as_dict() for v in self.verdicts],
            "headline": self.headline, "composition": self.composition,
            "layer_sensitivity": self.layer_sensitivity, "sections": self.sections,
            "provenance": list(self.provenance), "notes": list(self.notes),
            "params": self.params,
        })


def to_jsonable(x: Any) -> Any:
    """Plain JSON values: dataclasses via ``as_dict``, sets sorted, nan/inf as ``None``, floats
    to :data:`FLOAT_DIGITS` significant digits."""
    if isinstance(x, bool) or x is None or isinstance(x, str):
        return x
    if isinstance(x, Enum):
        return x.value
    if isinstance(x, int):
        return int(x)
    if isinstance(x, float):
        return None if math.isnan(x) or math.isinf(x) else _round(x)
    if hasattr(x, "item") and callable(x.item) and not hasattr(x, "__len__"):  # numpy scalar
        return to_jsonable(x.item())
    if is_dataclass(x) and not isinstance(x, type):
        d = x.as_dict() if hasattr(x, "as_dict") else {f.name: getattr(x, f.name)
                                                         for f in fields(x)}
        return to_jsonable(d)
    if isinstance(x, Mapping):
        return {str(k): to_jsonable(v) for k, v in x.items()}
    if isinstance(x, set | frozenset):
        return sorted((to_jsonable(v) for v in x), key=lambda v: (str(type(v)), str(v)))
    if isinstance(x, list | tuple):
        return [to_jsonable(v) for v in x]
    if isinstance(x, Path):
        return str(x)
    return str(x)


def _round(x: float, digits: int = FLOAT_DIGITS) -> float:
    """``x`` to ``digits`` significant digits: hides summation-order noise in the last bits.

    >>> _round(0.014999999999999998), _round(0.015)
    (0.015, 0.015)
    """
    return float(f"{x:.{digits}g}")


def layer_spec(layers: str | LayerSpec, include_derived: bool = True) -> LayerSpec:
    """A :class:`LayerSpec` from a preset name (``linkages``, ``structural``, ``everything``)."""
    if isinstance(layers, LayerSpec):
        return layers
    if layers not in LAYERS:
        raise ValueError(f"layers must be one of {', '.join(LAYERS)}, not {layers!r}")
    return getattr(LayerSpec, layers)(include_derived=include_derived)


class _Trace:
    """Collects provenance entries as numbers are produced."""

    def __init__(self, layer: str) -> None:
        self.layer = layer
        self.entries: list[dict[str, Any]] = []

    def ev(self, name: str, value: Any, function: str, params: Mapping[str, Any] | None = None,
           *, rule: str = "", layer: str | None = None) -> Evidence:
        e = Evidence(name, value, function, dict(params or {}), layer or self.layer, rule)
        self.entries.append({"metric": name, "function": function,
                             "params": to_jsonable(e.params), "layer": e.layer})
        return e

    def section(self, name: str, function: str, params: Mapping[str, Any] | None = None,
                *, layer: str | None = None) -> None:
        self.entries.append({"metric": f"{name}.*", "function": function,
                             "params": to_jsonable(dict(params or {})),
                             "layer": layer or self.layer})


# --------------------------------------------------------------------------------------------
# Null models
# --------------------------------------------------------------------------------------------


def _summary(obs: float, vals: Sequence[float], *, model: str, n_samples: int, seed: int
             ) -> dict[str, Any]:
    """Null mean, sd, z and the one-sided ("greater") empirical p with the +1 correction."""
    ok = [v for v in vals if not math.isnan(v)]
    out: dict[str, Any] = {"observed": obs, "null_mean": math.nan, "null_sd": math.nan,
                           "z": math.nan, "p_value": math.nan, "n_samples": n_samples,
                           "n_valid": len(ok), "alternative": "greater", "model": model,
                           "seed": seed}
    if not ok or math.isnan(obs):
        return out
    mean = sum(ok) / len(ok)
    sd = (sum((v - mean) ** 2 for v in ok) / (len(ok) - 1)) ** 0.5 if len(ok) > 1 else 0.0
    count = sum(1 for v in ok if v >= obs - 1e-12 * max(1.0, abs(obs)))
    flat = sd <= 1e-9 * max(1.0, abs(mean))  # a constant null (up to rounding): no z
    out.update(null_mean=mean, null_sd=0.0 if flat else sd,
               z=math.nan if flat else (obs - mean) / sd, p_value=(count + 1) / (len(ok) + 1))
    return out


def _degree_centralization_ig(h: Any) -> float:
    n = h.vcount()
    if n < 3:
        return math.nan
    deg = h.degree()
    top = max(deg)
    return sum(top - d for d in deg) / ((n - 1) * (n - 2))


def _betweenness_centralization_ig(h: Any) -> float:
    """Freeman betweenness centralization, as :func:`metrics.betweenness_centralization`."""
    n = h.vcount()
    if n < 3:
        return math.nan
    scale = (n - 1) * (n - 2) / 2
    b = [x / scale for x in h.betweenness(directed=False)]
    top = max(b)
    return sum(top - x for x in b) / (n - 1)


def _cp_fit_ig(seed: int) -> Callable[[Any], float]:
    """Core-periphery fit (single local search, ``restarts=0``) of an igraph graph."""
    from rcx.graph.analysis.core import fit_core_periphery

    def cp_fit(h: Any) -> float:
        return float(fit_core_periphery(h, restarts=0, seed=seed)[1])

    return cp_fit


def _gnm_null(G: nx.Graph, *, n_samples: int, seed: int, progress: Progress | None
              ) -> dict[str, Any]:
    """Degree centralization of ``G`` against G(n, m) random graphs (igraph, seeded)."""
    from rcx.graph.deps import igraph
    ig = igraph()

    from rcx.graph.analysis.layers import to_igraph
    from rcx.graph.analysis.metrics import igraph_seed
    from rcx.graph.analysis.nullmodel import sample_seeds

    n, m = G.number_of_nodes(), G.number_of_edges()
    obs = _degree_centralization_ig(to_igraph(G)[0])
    vals = []
    for i, s in enumerate(sample_seeds(seed, n_samples)):
        with igraph_seed(s):
            vals.append(_degree_centralization_ig(ig.Graph.Erdos_Renyi(n=n, m=m)))
        if progress:
            progress("G(n,m) null", i + 1, n_samples)
    return _summary(obs, vals, model="G(n,m)", n_samples=n_samples, seed=seed)


def _null_tests(G: nx.Graph, *, n_null: int, seed: int, progress: Progress | None
                ) -> dict[str, Any]:
    """Centralization and core-periphery fit against null models (see the module docstring).

    Betweenness centralization and the core-periphery fit (one local search from the degree
    order, ``restarts=0``, for observed and null alike) against degree-preserving rewirings
    (:func:`rcx.graph.analysis.nullmodel.degree_preserving_samples`); degree centralization, which
    rewiring cannot change, against G(n, m). All one-sided ("greater").
    """
    from rcx.graph.analysis.layers import to_igraph
    from rcx.graph.analysis.nullmodel import degree_preserving_samples

    if n_null <= 0:
        return {}
    stats = {"betweenness_centralization": _betweenness_centralization_ig,
             "core_periphery_fit": _cp_fit_ig(seed)}
    h = to_igraph(G)[0]
    observed = {k: f(h) for k, f in stats.items()}
    values: dict[str, list[float]] = {k: [] for k in stats}
    cb = (lambda d, t: progress("degree-preserving null", d, t)) if progress else None
    for r in degree_preserving_samples(G, n_samples=n_null, seed=seed, as_igraph=True,
                                       progress=cb):
        for k, f in stats.items():
            values[k].append(f(r))
    out = {k: _summary(observed[k], values[k], model="degree-preserving (igraph rewire)",
                       n_samples=n_null, seed=seed) for k in stats}
    out["degree_centralization"] = _gnm_null(G, n_samples=n_null, seed=seed, progress=progress)
    return out


# --------------------------------------------------------------------------------------------
# Verdicts
# --------------------------------------------------------------------------------------------


def _composition(G: nx.Graph) -> dict[str, Any]:
    nodes = [d for _, d in G.nodes(data=True) if d.get("category") != "Place"]

    def count(attr: str, multi: bool = False) -> dict[str, int]:
        c: Counter[str] = Counter()
        for d in nodes:
            vals = d.get(attr, []) if multi else [d.get(attr)]
            c.update(str(v) for v in vals if v)
        return dict(sorted(c.items(), key=lambda kv: (-kv[1], kv[0])))

    return {"elements": len(nodes), "by_category": count("category"), "by_kind": count("kind"),
            "by_approach": count("approaches", multi=True), "by_scope": count("scope")}


def _linked_shares(G: nx.Graph) -> tuple[float, float]:
    """Share of (non-place) elements with a linkage: all, and without Appendix Two rows."""
    from rcx.graph.report.survey import is_survey_row

    nodes = [n for n, d in G.nodes(data=True) if d.get("category") != "Place"]
    body = [n for n in nodes if not is_survey_row(G.nodes[n])]

    def share(ns: list[Any]) -> float:
        return round(sum(1 for n in ns if G.degree(n) > 0) / len(ns), 4) if ns else math.nan

    return share(nodes), share(body)


def _claim1_verdict(diverse: bool, linked: bool, loose: bool, held: bool, core_held: bool
                    ) -> str:
    """The rule of claim 1 (module docstring)."""
    if not diverse or not linked:
        return "not supported"
    return "supported" if loose and held and not core_held else "partly supported"


def _claim1(tr: _Trace, comp: dict[str, Any], head: dict[str, Any], literal: Any,
            hm_params: dict[str, Any], shares: tuple[float, float]) -> Verdict:
    f_comp, f_head = "rcx.graph.report.assemble._composition", "rcx.graph.analysis.metrics.headline_metrics"
    n_cat, n_app = len(comp["by_category"]), len(comp["by_approach"])
    diverse = n_cat >= MIN_CATEGORIES and n_app >= MIN_APPROACHES
    linked = head["edges"] > 0
    dens = head["density"]
    loose = not _nan(dens) and dens < LOOSE_DENSITY
    core_held = head["components"] == 1 and bool(literal.has_core)
    linked_all, linked_body = shares
    held = not _nan(linked_all) and linked_all >= MIN_LINKED_SHARE
    f_sh = "rcx.graph.report.assemble._linked_shares"
    ev = (
        tr.ev("categories", n_cat, f_comp, rule=f">= {MIN_CATEGORIES} for diversity"),
        tr.ev("kinds", len(comp["by_kind"]), f_comp),
        tr.ev("approaches", n_app, f_comp, rule=f">= {MIN_APPROACHES} for diversity"),
        tr.ev("edges", head["edges"], f_head, hm_params, rule="> 0: some linkage"),
        tr.ev("linked_share", linked_all, f_sh, hm_params,
              rule=f">= {MIN_LINKED_SHARE}: held together"),
        tr.ev("linked_share_without_appendix_two_rows", linked_body, f_sh, hm_params),
        tr.ev("density", dens, f_head, hm_params, rule=f"< {LOOSE_DENSITY}: loose"),
        tr.ev("components", head["components"], f_head, hm_params),
        tr.ev("largest_component_share", head["largest_component_share"], f_head, hm_params),
        tr.ev("fragmentation", head["fragmentation"], f_head, hm_params,
              rule="< 1: not completely fragmented"),
        tr.ev("single_component_with_core", core_held,
              "rcx.graph.analysis.core.literal_core_test", rule="must be false"),
    )
    verdict = _claim1_verdict(diverse, linked, loose, held, core_held)
    summary = (f"{comp['elements']} elements in {n_cat} categories, {len(comp['by_kind'])} kinds"
               f", {n_app} approaches ({'diverse' if diverse else 'not diverse'}); "
               f"{head['edges']} linkages, density {_fmt(dens)} "
               f"({'loose' if loose else 'not loose'}), {head['components']} components; "
               f"{_fmt(linked_all)} of elements have a linkage ({_fmt(linked_body)} without the "
               "Appendix Two NGOs, which the paper lists but does not link)"
               + ("; one component held by a core" if core_held else ""))
    return Verdict(1, CLAIMS[0], verdict, summary, ev)


def _claim2(tr: _Trace, core: Any, nulls: dict[str, Any], n_null: int, seed: int) -> Verdict:
    lit = core.literal
    f_lit = "rcx.graph.analysis.core.literal_core_test"
    np_ = {"n_samples": n_null, "seed": seed, "alternative": "greater"}
    ev = [
        tr.ev("max_degree_coverage", lit.coverage, f_lit, rule="== 1: a literal core"),
        tr.ev("coverage_holders", lit.holders, f_lit),
        tr.ev("coverage_2step", lit.coverage_2step, f_lit),
        tr.ev("k_core_max_k", core.k_cores.max_k, "rcx.graph.analysis.core.k_cores"),
        tr.ev("main_core_size", len(core.k_cores.main_core), "rcx.graph.analysis.core.k_cores"),
        tr.ev("core_periphery_fit", core.core_periphery.fit,
              "rcx.graph.analysis.core.core_periphery", core.core_periphery.params),
        tr.ev("core_periphery_core_size", core.core_periphery.core_size,
              "rcx.graph.analysis.core.core_periphery", core.core_periphery.params),
    ]
    signals = []
    above_chance = []
    for key, fn, strong_at in (
        ("degree_centralization", "rcx.graph.report.assemble._gnm_null", CENTRALIZATION_STRONG),
        ("betweenness_centralization", "rcx.graph.report.assemble._null_tests",
         CENTRALIZATION_STRONG),
        ("core_periphery_fit", "rcx.graph.report.assemble._null_tests", CP_FIT_STRONG),
    ):
        r = nulls.get(key)
        if not r:
            continue
        p, obs = r.get("p_value"), r.get("observed")
        significant = not _nan(p) and p < ALPHA
        if significant:
            above_chance.append(key)
        if significant and not _nan(obs) and obs >= strong_at:
            signals.append(key)
        rule = f"p < {ALPHA} and observed >= {strong_at}: soft core"
        params = {**np_, "model": r.get("model", "degree-preserving"),
                  **({"restarts": 0} if key == "core_periphery_fit" else {})}
        ev.append(tr.ev(f"{key}_observed", obs, fn, params))
        ev.append(tr.ev(f"{key}_null_mean", r.get("null_mean"), fn, params))
        ev.append(tr.ev(f"{key}_z", r.get("z"), fn, params))
        ev.append(tr.ev(f"{key}_p", p, fn, params, rule=rule))
    if lit.has_core:
        verdict = "not supported"
    elif signals:
        verdict = "partly supported"
    else:
        verdict = "supported"
    weak = [k for k in above_chance if k not in signals]
    tail = (f"soft core signals: {', '.join(signals)}" if signals else
            "no soft core signal against the null models" if nulls else
            "null models not run (n_null = 0)")
    if weak:
        tail += (f"; above chance but weak (< {CENTRALIZATION_STRONG}): {', '.join(weak)} "
                 "-- uneven degrees, not a core")
    summary = (f"most-linked element(s) {', '.join(lit.holders[:3]) or '-'} reach "
               f"{_fmt(lit.coverage)} of the others (literal core: "
               f"{'yes' if lit.has_core else 'no'}); {tail}")
    return Verdict(2, CLAIMS[1], verdict, summary, tuple(ev))


def _claim3(tr: _Trace, typ: Any) -> Verdict:
    if typ is None:
        return Verdict(3, CLAIMS[2], "not computed", "typology module unavailable", ())
    f = "rcx.graph.analysis.typology.classify"
    ev = [tr.ev(f"measure.{k}", v, f, typ.params) for k, v in typ.measures.items()]
    ev += [tr.ev(f"score.{k}", v, f, typ.params, rule="share of the class's rules held")
           for k, v in typ.scores.items()]
    held = [r for r in typ.rules if r.cls == typ.label]
    ev += [tr.ev(f"rule.{r.threshold_name}", r.value, f, typ.params,
                 rule=f"{r.measure} {r.op} {r.threshold:g}: {'held' if r.held else 'failed'}")
           for r in held]
    how = "all its rules hold" if typ.decisive else "no class has all its rules; most rules held"
    summary = (f"{typ.label} ({how}); rules held per class: "
               + ", ".join(f"{k} {_fmt(v)}" for k, v in typ.scores.items()))
    return Verdict(3, CLAIMS[2], typ.label, summary, tuple(ev))


def _nan(x: Any) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def _fmt(x: Any) -> str:
    if _nan(x):
        return "n/a"
    return f"{x:.3g}" if isinstance(x, float) else str(x)


# --------------------------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------------------------


def _optional(module: str) -> Any:
    from importlib import import_module

    try:
        return import_module(module)
    except ImportError:
        return None


def _typology(g: nx.MultiDiGraph, spec: LayerSpec, G: nx.Graph, seed: int, core: Any,
              frag: Any) -> Any:
    """Biermann typology, reusing the core-periphery fit and pair shares already computed.

    The measures are those of :func:`rcx.graph.analysis.typology.typology_measures` (same functions,
    same seed); if the module asks for others, it computes them itself.
    """
    mod = _optional("rcx.graph.analysis.typology")
    if mod is None:
        return None
    n = G.number_of_nodes()
    have = {
        "max_degree_coverage": core.literal.coverage,
        "largest_component_share": frag.largest_component_share if n else math.nan,
        "density": frag.density,
        "conflicting_of_linked": frag.pairs.conflicting_of_linked,
        "core_periphery_fit": core.core_periphery.fit,
        "share_parallel": frag.pairs.share_parallel,
    }
    if set(getattr(mod, "MEASURES", ())) - set(have) or not hasattr(mod, "classify_measures"):
        return mod.classify(g, spec, seed=seed, G=G)
    t = mod.classify_measures({k: have[k] for k in mod.MEASURES})
    params = {**t.params, "spec": spec.as_dict(), "seed": seed,
              "measures_from": "core_report + fragmentation_report (same seed)"}
    return type(t)(t.label, t.decisive, t.rules, t.scores, t.measures, params)


def _call(fn: Callable[..., Any], *args: Any, **kw: Any) -> Any:
    """Call ``fn`` with the keyword arguments it accepts."""
    import inspect

    params = inspect.signature(fn).parameters
    if not any(p.kind is p.VAR_KEYWORD for p in params.values()):
        kw = {k: v for k, v in kw.items() if k in params}
    return fn(*args, **kw)


def _hierarchy(g: nx.MultiDiGraph, spec: LayerSpec, G: nx.Graph, seed: int) -> Any:
    """Nesting, functional overlap and duplication (:mod:`rcx.graph.analysis.hierarchy`).

    Uses the module's ``hierarchy_report`` if it has one, else its three functions.
    """
    mod = _optional("rcx.graph.analysis.hierarchy")
    if mod is None:
        return None
    fn = getattr(mod, "hierarchy_report", None)
    if callable(fn):
        return _call(fn, g, spec=spec, G=G, seed=seed, include_derived=spec.include_derived)
    out: dict[str, Any] = {}
    if hasattr(mod, "nesting"):
        out["nesting"] = _call(mod.nesting, g, include_derived=spec.include_derived)
    if hasattr(mod, "functional_overlap"):
        out["functional_overlap"] = _call(mod.functional_overlap, g, top=20,
                                          include_derived=spec.include_derived)
    if hasattr(mod, "duplication"):
        out["duplication"] = _call(mod.duplication, g)
    return out or None


def analyze(
    g: nx.MultiDiGraph,
    *,
    layers: str | LayerSpec = "linkages",
    include_derived: bool = True,
    n_null: int = DEFAULT_NULL,
    seed: int = 0,
    scenarios: Sequence[Any] = (),
    progress: Progress | None = None,
) -> AnalysisReport:
    """Run every analysis on ``g`` and return the report (see the module docstring).

    ``layers``: which relations are linkages (a preset name or a :class:`LayerSpec`);
    ``include_derived``: whether relations derived by rules count; ``n_null``: null-model
    samples (0 skips them); ``scenarios``: scenario names, files or
    :class:`rcx.graph.analysis.scenarios.Scenario` objects to compare; ``progress(task, done,
    total)`` is called as null samples complete. Deterministic for a given ``seed``.
    """
    from rcx.graph.analysis.ablation import ablation
    from rcx.graph.analysis.clusters import cluster_report
    from rcx.graph.analysis.core import core_report
    from rcx.graph.analysis.fragmentation import fragmentation_report
    from rcx.graph.analysis.gaps import gaps
    from rcx.graph.analysis.scenarios import Scenario, compare, load_scenario
    from rcx.graph.report.survey import survey
    from rcx.graph.analysis.timeline import timeline

    for s in scenarios:  # a bad scenario fails now, not after the long part
        if not isinstance(s, Scenario):
            load_scenario(s)
    spec = layer_spec(layers, include_derived)
    if not include_derived and spec.include_derived:
        spec = LayerSpec(spec.name, spec.relation_types, False, spec.include_places)
    lname = f"{spec.name} ({'with' if spec.include_derived else 'without'} derived)"
    tr = _Trace(lname)
    G = linkage_graph(g, spec)
    hm_params = {"seed": seed, "spec": spec.as_dict()}
    head = headline_metrics(G, seed=seed)
    tr.section("headline", "rcx.graph.analysis.metrics.headline_metrics", hm_params)
    comp = _composition(G)
    tr.section("composition", "rcx.graph.report.assemble._composition", {"spec": spec.as_dict()})
    rc_samples = min(n_null, 50)
    core = core_report(G, seed=seed, rich_club_samples=rc_samples,
                       progress=(lambda d, t: progress("rich-club null", d, t)) if progress
                       and rc_samples else None)
    tr.section("core", "rcx.graph.analysis.core.core_report",
               {"seed": seed, "rich_club_samples": rc_samples})
    nulls = _null_tests(G, n_null=n_null, seed=seed, progress=progress)
    tr.section("null_models", "rcx.graph.report.assemble._null_tests",
               {"n_null": n_null, "seed": seed, "alternative": "greater"})
    frag = fragmentation_report(g, spec, seed=seed, G=G)
    typ = _typology(g, spec, G, seed, core, frag)
    verdicts = (_claim1(tr, comp, head, core.literal, hm_params, _linked_shares(G)),
                _claim2(tr, core, nulls, n_null, seed), _claim3(tr, typ))
    notes: list[str] = []
    sections: dict[str, Any] = {"core": core, "null_models": nulls}
    if typ is not None:
        sections["typology"] = {**typ.as_dict(), "explain": typ.explain()}
    else:
        notes.append("typology: rcx.graph.analysis.typology is not available")
    sections["fragmentation"] = frag
    tr.section("fragmentation", "rcx.graph.analysis.fragmentation.fragmentation_report",
               {"seed": seed, "spec": spec.as_dict()})
    sections["clusters"] = cluster_report(G, seed=seed)
    tr.section("clusters", "rcx.graph.analysis.clusters.cluster_report", {"seed": seed})
    hier = _hierarchy(g, spec, G, seed)
    if hier is not None:
        sections["hierarchy"] = hier
        tr.section("hierarchy", "rcx.graph.analysis.hierarchy", {"seed": seed})
    else:
        notes.append("hierarchy: rcx.graph.analysis.hierarchy is not available")
    sections["ablation"] = ablation(g, spec, seed=seed, G=G)
    tr.section("ablation", "rcx.graph.analysis.ablation.ablation", {"seed": seed})
    sections["timeline"] = timeline(g, spec, seed=seed, G=G)
    tr.section("timeline", "rcx.graph.analysis.timeline.timeline", {"seed": seed, "undated": "end"})
    sections["survey"] = survey(g)
    tr.section("survey", "rcx.graph.report.survey.survey", {}, layer="typed graph (NGO rows)")
    sections["gaps"] = gaps(g)
    tr.section("gaps", "rcx.graph.analysis.gaps.gaps", {}, layer="typed graph (all elements)")
    sections["scenarios"] = [compare(g, s, spec=spec, seed=seed, before=head)
                             for s in scenarios]
    if scenarios:
        tr.section("scenarios", "rcx.graph.analysis.scenarios.compare", {"seed": seed})
    sens = _sensitivity(g, spec, seed, diverse=len(comp["by_category"]) >= MIN_CATEGORIES
                        and len(comp["by_approach"]) >= MIN_APPROACHES)
    tr.section("layer_sensitivity", "rcx.graph.analysis.metrics.headline_metrics", {"seed": seed},
               layer="each row's own")
    return AnalysisReport(
        dataset=str(g.graph.get("dataset", "")), title=str(g.graph.get("title", "")),
        layer=spec.as_dict(), seed=seed, n_null=n_null, verdicts=verdicts,
        headline=dict(head), composition=comp, layer_sensitivity=sens, sections=sections,
        provenance=tuple(tr.entries), notes=tuple(notes),
        params={"function": "rcx.graph.report.assemble.analyze", "layers": spec.name,
                "include_derived": spec.include_derived, "n_null": n_null, "seed": seed,
                "scenarios": [getattr(s, "id", str(s)) for s in scenarios],
                "thresholds": {"min_categories": MIN_CATEGORIES,
                               "min_linked_share": MIN_LINKED_SHARE,
                               "min_approaches": MIN_APPROACHES,
                               "loose_density": LOOSE_DENSITY, "alpha": ALPHA,
                               "cp_fit_strong": CP_FIT_STRONG,
                               "centralization_strong": CENTRALIZATION_STRONG}},
    )


def _sensitivity(g: nx.MultiDiGraph, spec: LayerSpec, seed: int, diverse: bool
                 ) -> list[dict[str, Any]]:
    """Headline metrics under every preset layer, with and without derived relations, and the
    claim-1 verdict and literal core test each layer gives (claims 2 and 3 need null models
    and the typology: run ``analyze`` with that layer for them).

    Modularity is left out here (it needs a Louvain run per row).
    """
    rows = []
    keep = ("nodes", "edges", "density", "components", "largest_component_share",
            "fragmentation", "degree_centralization", "betweenness_centralization",
            "max_degree_coverage")
    for name in LAYERS:
        for derived in (True, False):
            s = layer_spec(name, derived)
            G = linkage_graph(g, s)
            m = headline_metrics(G, seed=seed, modularity=False)
            linked_all = _linked_shares(G)[0]
            dens, cov = m["density"], m["max_degree_coverage"]
            literal = not _nan(cov) and cov >= 1
            claim1 = _claim1_verdict(
                diverse, m["edges"] > 0, not _nan(dens) and dens < LOOSE_DENSITY,
                not _nan(linked_all) and linked_all >= MIN_LINKED_SHARE,
                m["components"] == 1 and literal)
            rows.append({"layer": name, "include_derived": derived,
                         "chosen": name == spec.name and derived == spec.include_derived,
                         **{k: m[k] for k in keep}, "linked_share": linked_all,
                         "claim_1": claim1, "literal_core": literal})
    return rows


def claims_table(report: AnalysisReport) -> list[tuple[int, str, str, str]]:
    """(claim, statement, verdict, summary) rows: what renderers print first."""
    return [(v.claim, v.statement, v.verdict, v.summary) for v in report.verdicts]


def evidence_rows(verdict: Verdict) -> Iterable[tuple[str, Any, str, str]]:
    """(name, value, rule, function) for a verdict's evidence."""
    for e in verdict.evidence:
        yield e.name, e.value, e.rule, e.function
