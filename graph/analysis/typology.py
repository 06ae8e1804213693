"""Biermann et al. (2009) fragmentation typology, as an explicit, printable rule table.

Biermann, Pattberg, van Asselt & Zelli (2009), "The Fragmentation of Global Governance
Architectures", *Global Environmental Politics* 9(4):

* **synergistic** — one core institution integrates (nearly) all elements; norms compatible.
* **cooperative** — loosely integrated core; some norm conflicts, not dominant; elements linked.
* **conflictive** — largely unrelated institutions, little linkage; active norm conflicts.

Biermann et al. give no numbers. The thresholds below are this module's operationalisation;
each is a keyword option of :func:`classify`. Decision: the first class, in the order above,
whose rules *all* hold; if none, the class with the largest share of its rules held (ties go to
the later, more fragmented class) and ``decisive=False``. A nan measure fails its rule.

=========== ============================================ ============================ ========
class       rule                                         measure                      default
=========== ============================================ ============================ ========
synergistic a core element links to most others          max_degree_coverage >=       0.5
synergistic nearly all elements are connected            largest_component_share >=   0.9
synergistic no norm conflicts                            conflicting_of_linked <=     0.0
synergistic a clear core–periphery structure             core_periphery_fit >=        0.5
synergistic (almost) no pairs asserted parallel          share_parallel <=            0.01
cooperative most elements are connected                  largest_component_share >=   0.5
cooperative conflicts present at most as a minority      conflicting_of_linked <=     0.25
cooperative a loosely integrating core element           max_degree_coverage >=       0.1
conflictive little linkage: most elements apart          largest_component_share <    0.5
conflictive sparse: few pairs linked at all              density <=                   0.05
conflictive active norm conflicts among the links        conflicting_of_linked >      0.25
=========== ============================================ ============================ ========
"""

from __future__ import annotations

import math
import operator
from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx

from rcx.graph.analysis.layers import LayerSpec, linkage_graph

CLASSES = ("synergistic", "cooperative", "conflictive")
_OPS = {">=": operator.ge, "<=": operator.le, "<": operator.lt, ">": operator.gt}

# (class, threshold keyword, description, measure, operator)
RULES: tuple[tuple[str, str, str, str, str], ...] = (
    (
        "synergistic",
        "synergistic_coverage",
        "a core element links to most others",
        "max_degree_coverage",
        ">=",
    ),
    (
        "synergistic",
        "synergistic_connected",
        "nearly all elements are connected",
        "largest_component_share",
        ">=",
    ),
    ("synergistic", "synergistic_max_conflict", "no norm conflicts", "conflicting_of_linked", "<="),
    (
        "synergistic",
        "synergistic_cp_fit",
        "a clear core-periphery structure",
        "core_periphery_fit",
        ">=",
    ),
    (
        "synergistic",
        "synergistic_max_parallel",
        "(almost) no pairs asserted parallel",
        "share_parallel",
        "<=",
    ),
    (
        "cooperative",
        "cooperative_connected",
        "most elements are connected",
        "largest_component_share",
        ">=",
    ),
    (
        "cooperative",
        "cooperative_max_conflict",
        "conflicts present at most as a minority",
        "conflicting_of_linked",
        "<=",
    ),
    (
        "cooperative",
        "cooperative_coverage",
        "a loosely integrating core element",
        "max_degree_coverage",
        ">=",
    ),
    (
        "conflictive",
        "conflictive_max_connected",
        "little linkage: most elements apart",
        "largest_component_share",
        "<",
    ),
    ("conflictive", "conflictive_max_density", "sparse: few pairs linked at all", "density", "<="),
    (
        "conflictive",
        "conflictive_min_conflict",
        "active norm conflicts among the links",
        "conflicting_of_linked",
        ">",
    ),
)
DEFAULTS: dict[str, float] = {
    "synergistic_coverage": 0.5,
    "synergistic_connected": 0.9,
    "synergistic_max_conflict": 0.0,
    "synergistic_cp_fit": 0.5,
    "synergistic_max_parallel": 0.01,
    "cooperative_connected": 0.5,
    "cooperative_max_conflict": 0.25,
    "cooperative_coverage": 0.1,
    "conflictive_max_connected": 0.5,
    "conflictive_max_density": 0.05,
    "conflictive_min_conflict": 0.25,
}
MEASURES = sorted({r[3] for r in RULES})


@dataclass(frozen=True)
class Rule:
    """One row of the rule table, with the measured value and whether the rule held."""

    cls: str
    threshold_name: str
    description: str
    measure: str
    op: str
    threshold: float
    value: float
    held: bool

    def __str__(self) -> str:
        mark = "yes" if self.held else "no "
        return (
            f"[{mark}] {self.cls:<11} {self.description}: {self.measure} = "
            f"{self.value:.3g} {self.op} {self.threshold:g}"
        )


@dataclass(frozen=True)
class Typology:
    """The class, every rule with its measured value, and the share of rules held per class."""

    label: str
    decisive: bool
    rules: tuple[Rule, ...]
    scores: dict[str, float]
    measures: dict[str, float]
    params: dict[str, Any] = field(default_factory=dict)

    def explain(self) -> list[str]:
        """Lines for a report: the verdict, then each rule and the value that decided it."""
        how = "all its rules hold" if self.decisive else "no class has all rules; most rules held"
        return [f"{self.label} ({how})", *map(str, self.rules)]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def classify_measures(measures: dict[str, float], **thresholds: float) -> Typology:
    """Apply the rule table (module doc) to already-computed measures.

    ``measures`` needs the keys in ``MEASURES``; ``thresholds`` override ``DEFAULTS`` by name.

    >>> star = {"max_degree_coverage": 1.0, "largest_component_share": 1.0, "density": 0.4,
    ...         "conflicting_of_linked": 0.0, "core_periphery_fit": 1.0, "share_parallel": 0.0}
    >>> classify_measures(star).label
    'synergistic'
    >>> apart = dict(star, max_degree_coverage=0.05, largest_component_share=0.2, density=0.01,
    ...              conflicting_of_linked=0.4, core_periphery_fit=0.2)
    >>> t = classify_measures(apart)
    >>> t.label, t.decisive, t.scores["conflictive"]
    ('conflictive', True, 1.0)
    """
    unknown = sorted(set(thresholds) - set(DEFAULTS))
    if unknown:
        raise TypeError(f"unknown threshold(s) {unknown}; valid: {sorted(DEFAULTS)}")
    th = {**DEFAULTS, **thresholds}
    rules = []
    for cls, name, desc, measure, op in RULES:
        value = float(measures[measure])
        held = not math.isnan(value) and _OPS[op](value, th[name])
        rules.append(Rule(cls, name, desc, measure, op, th[name], value, bool(held)))
    scores = {
        c: sum(r.held for r in rules if r.cls == c) / sum(r.cls == c for r in rules)
        for c in CLASSES
    }
    full = [c for c in CLASSES if scores[c] == 1.0]
    if full:
        label, decisive = full[0], True
    else:
        best = max(scores.values())
        label, decisive = [c for c in CLASSES if scores[c] == best][-1], False
    return Typology(
        label,
        decisive,
        tuple(rules),
        scores,
        {k: float(measures[k]) for k in MEASURES},
        {"thresholds": th},
    )


def typology_measures(
    g: nx.MultiDiGraph, spec: LayerSpec | None = None, *, seed: int = 0, G: nx.Graph | None = None
) -> dict[str, float]:
    """The measures the rule table reads, computed on the typed graph ``g`` under ``spec``."""
    from rcx.graph.analysis.core import core_periphery
    from rcx.graph.analysis.fragmentation import pair_shares
    from rcx.graph.analysis.metrics import component_sizes, density, max_degree_coverage

    spec = spec or LayerSpec.linkages()
    G = linkage_graph(g, spec) if G is None else G
    n = G.number_of_nodes()
    shares = pair_shares(g, spec, G=G)
    return {
        "max_degree_coverage": max_degree_coverage(G),
        "largest_component_share": component_sizes(G)[0] / n if n else math.nan,
        "density": density(G),
        "conflicting_of_linked": shares.conflicting_of_linked,
        "core_periphery_fit": core_periphery(G, seed=seed).fit,
        "share_parallel": shares.share_parallel,
    }


def classify(
    g: nx.MultiDiGraph,
    spec: LayerSpec | None = None,
    *,
    seed: int = 0,
    G: nx.Graph | None = None,
    **thresholds: float,
) -> Typology:
    """Classify the complex in ``g`` (layer ``spec``, default linkages) per Biermann et al.

    >>> g = nx.MultiDiGraph()
    >>> for leaf in "abcd":
    ...     _ = g.add_edge(leaf, "hub", type="NESTED_IN", derived=False)
    >>> t = classify(g)
    >>> t.label, t.params["spec"]["name"]
    ('synergistic', 'linkages')
    """
    spec = spec or LayerSpec.linkages()
    t = classify_measures(typology_measures(g, spec, seed=seed, G=G), **thresholds)
    params = {**t.params, "spec": spec.as_dict(), "seed": seed}
    return Typology(t.label, t.decisive, t.rules, t.scores, t.measures, params)
