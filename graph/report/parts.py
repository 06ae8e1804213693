"""The report's general parts, each from the public analyses: the layer presets, hierarchy,
the typology section, the gap tables, what the dataset declares, the layer sensitivity.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import networkx as nx

from rcx.graph.analysis.gaps import gaps
from rcx.graph.analysis.hierarchy import duplication, functional_overlap, nesting
from rcx.graph.analysis.layers import LayerSpec, linkage_graph
from rcx.graph.analysis.metrics import headline_metrics
from rcx.graph.report.facts import linked_share
from rcx.schema.models import DatasetMeta

LAYERS = ("linkages", "structural", "everything")


def layer_spec(layers: str | LayerSpec, include_derived: bool = True) -> LayerSpec:
    """A :class:`LayerSpec` from a preset name (``linkages``, ``structural``, ``everything``)."""
    if isinstance(layers, LayerSpec):
        return layers
    if layers not in LAYERS:
        raise ValueError(f"layers must be one of {', '.join(LAYERS)}, not {layers!r}")
    preset = {
        "linkages": LayerSpec.linkages,
        "structural": LayerSpec.structural,
        "everything": LayerSpec.everything,
    }[layers]
    return preset(include_derived=include_derived)


def hierarchy(g: nx.MultiDiGraph, spec: LayerSpec) -> dict[str, Any]:
    d = spec.include_derived
    return {
        "nesting": nesting(g, include_derived=d),
        "functional_overlap": functional_overlap(g, top=20, include_derived=d),
        "duplication": duplication(g),
    }


def typology_section(v: tuple[str, str, str, list[Any]]) -> dict[str, Any]:
    verdict, grade, words, ev = v
    return {
        "verdict": verdict,
        "grade": grade,
        "summary": words,
        "rules": [
            e.as_dict()
            for e in ev
            if e.rule.startswith("typology-") and e.rule != "typology-decision"
        ],
        "scores": {
            e.name.removeprefix("score."): e.value for e in ev if e.rule == "typology-decision"
        },
    }


def gap_tables(g: nx.MultiDiGraph, functions: Sequence[str]) -> dict[str, Any]:
    """The general gap tables, functions only as the dataset declares them. The source's own
    weaknesses are the dataset's ``stated_weaknesses`` (``sections["stated"]``), not
    :func:`gaps`' flags."""
    gp = gaps(g)
    tables = dict(gp.tables)
    tables["functions"] = [r for r in tables["functions"] if r["function"] in functions]
    tables["functions_by_category"] = [
        {k: v for k, v in r.items() if not k.endswith("_yes") or k[:-4] in functions}
        for r in tables["functions_by_category"]
    ]
    thinnest = {k: v for k, v in gp.thinnest.items() if k != "functions" or functions}
    return {"tables": tables, "thinnest": thinnest, "params": gp.params}


def declared(meta: DatasetMeta | None) -> dict[str, Any]:
    """What the dataset declares about its source (empty for a general report)."""
    if meta is None:
        return {}
    return {
        "functions": dict(meta.functions),
        "survey": meta.survey.model_dump(mode="json") if meta.survey else None,
        "timeline": meta.timeline.model_dump(mode="json") if meta.timeline else None,
        "claims": len(meta.claims_tested),
        "stated_figures": len(meta.stated_figures),
        "stated_weaknesses": len(meta.stated_weaknesses),
    }


LAYER_METRICS = (
    "nodes",
    "edges",
    "density",
    "components",
    "largest_component_share",
    "fragmentation",
    "degree_centralization",
    "betweenness_centralization",
    "max_degree_coverage",
)
"""The headline numbers compared across layers (and, with modularity, across scenarios)."""


def sensitivity(g: nx.MultiDiGraph, spec: LayerSpec, seed: int) -> list[dict[str, Any]]:
    """Headline metrics under every preset layer, with and without derived relations.

    Modularity is left out here (it needs a Louvain run per row).
    """
    rows = []
    keep = LAYER_METRICS
    for name in LAYERS:
        for derived in (True, False):
            G = linkage_graph(g, layer_spec(name, derived))
            m = headline_metrics(G, seed=seed, modularity=False)
            cov = m["max_degree_coverage"]
            rows.append(
                {
                    "layer": name,
                    "include_derived": derived,
                    "chosen": name == spec.name and derived == spec.include_derived,
                    **{k: m[k] for k in keep},
                    "linked_share": linked_share(G),
                    "literal_core": bool(cov == cov and cov >= 1),
                }
            )
    return rows
