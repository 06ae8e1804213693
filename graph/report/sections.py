"""The report's sections on structure (core, typology, fragmentation, clusters, hierarchy,
ablation, timeline) as blocks, short and full.

Each ``*_blocks`` function reads the report's JSON (``AnalysisReport.as_dict()``): the short
form carries the headline numbers, the full form every number. Isolates are reported as
isolates, never as one-element communities.
"""

from __future__ import annotations

from typing import Any

from rcx.graph.report.blocks import Block, h, p, t
from rcx.graph.report.wording import count, fmt, pct


def core_blocks(s: dict[str, Any], full: bool) -> list[Block]:
    c = s["core"]
    lit, kc, cp = c["literal"], c["k_cores"], c["core_periphery"]
    rows = [
        ("literal test: max coverage", lit["coverage"]),
        ("most-linked", lit["holders"]),
        ("k-core: max k (main core size)", f"{kc['max_k']} ({len(kc['main_core'])})"),
        ("core-periphery fit (core size)", f"{fmt(cp['fit'])} ({cp['core_size']})"),
    ]
    if full:
        rows += [
            ("2-step coverage", lit["coverage_2step"]),
            ("2-step holders", lit["holders_2step"]),
            ("main core", kc["main_core"]),
            ("core-periphery core", cp["core"]),
            ("core by category", cp["core_by_category"]),
        ]
        if c.get("rich_club"):
            rows.append(("rich club (normalized, by k)", c["rich_club"]["normalized"]))
    if full:
        out = [h(2, "Coordinating core"), t("Core measures", ("measure", "value"), rows)]
    else:
        out = [h(2, "Coordinating core"), p("; ".join(f"{k} {fmt(v)}" for k, v in rows) + ".")]
    nulls = s.get("null_models") or {}
    if nulls:
        out.append(
            t(
                "Against the degree-preserving null (one-sided: above chance?)",
                ("statistic", "observed", "null mean", "z", "p", "samples"),
                (
                    (k, r["observed"], r["null_mean"], r["z"], r["p_value"], r["n_valid"])
                    for k, r in sorted(nulls.items())
                ),
            )
        )
    return out


def typology_blocks(s: dict[str, Any], d: dict[str, Any], full: bool) -> list[Block]:
    ty = s["typology"]
    if not full and any(v["test"] == "fragmentation-type" for v in d["verdicts"]):
        return []  # the verdict above says it
    out = [
        h(2, "Fragmentation typology (Biermann et al. 2009)"),
        p(f"{ty['verdict']}: {ty['summary']}"),
    ]
    if full:
        out.append(
            t(
                "Rule table",
                ("rule", "test", "value", "held"),
                ((r["rule"], r["test"], r["value"], r["held"]) for r in ty["rules"]),
            )
        )
    return out


def fragmentation_blocks(s: dict[str, Any], full: bool) -> list[Block]:
    f = s["fragmentation"]
    pr = f["pairs"]
    if not full:
        return [
            h(2, "Fragmentation"),
            p(
                f"Of {pr['pairs']} element pairs {pr['linked']} are linked ({pr['nested']} "
                f"nested, {pr['overlapping']} overlapping, {pr['conflicting']} conflicting: "
                f"{pct(pr['conflicting_of_linked'])} of the linked), {pr['parallel']} "
                "asserted parallel, the rest unknown."
            ),
        ]
    out = [
        h(2, "Fragmentation"),
        t(
            "Element pairs (claims as recorded in the layer)",
            (
                "pairs",
                "linked",
                "conflicting",
                "overlapping",
                "nested",
                "parallel",
                "conflicting of linked",
            ),
            [
                (
                    pr["pairs"],
                    pr["linked"],
                    pr["conflicting"],
                    pr["overlapping"],
                    pr["nested"],
                    pr["parallel"],
                    pr["conflicting_of_linked"],
                )
            ],
        ),
    ]
    if full:
        out.append(
            t(
                "Removing the most-linked elements (by degree, adaptive)",
                ("step", "removed", "fragmentation", "components", "largest share"),
                (
                    (
                        r["step"],
                        r["removed"],
                        r["fragmentation"],
                        r["components"],
                        r["largest_component_share"],
                    )
                    for r in f["robustness_degree"]
                ),
            )
        )
    return out


def cluster_blocks(s: dict[str, Any], full: bool) -> list[Block]:
    c = s["clusters"]
    rows = []
    for m in ("louvain", "leiden"):
        comms = c[m]["communities"]
        real = [x for x in comms if len(x) > 1]
        st = c[f"{m}_stability"]
        rows.append((m, len(real), len(comms) - len(real), c[m]["modularity"], st["mean_ari"]))
    out = [
        h(2, "Clusters"),
        t(
            "Communities of two or more elements (isolates apart)",
            ("method", "communities", "isolates", "modularity", "stability ARI"),
            rows,
        ),
        p(
            f"The Louvain communities follow {c['best_aligned']} most closely (NMI "
            f"{fmt(c['alignment'].get(c['best_aligned']))})."
        ),
    ]
    if full:
        out.append(
            t(
                "Largest Louvain communities",
                ("community", "size", "categories"),
                (
                    (r["community"], r["size"], r["by_category"])
                    for r in c["composition"][:10]
                    if r["size"] > 1
                ),
            )
        )
        out.append(t("NMI with each attribute", ("attribute", "NMI"), c["alignment"].items()))
    return out


def hierarchy_blocks(s: dict[str, Any], full: bool) -> list[Block]:
    hi = s["hierarchy"]
    n, fo = hi["nesting"], hi["functional_overlap"]
    cycles = n.get("cycles") or []
    out = [
        h(2, "Hierarchy, overlap and duplication"),
        p(
            f"{count(n['nested_elements'], 'element')} nested, to depth {n['max_depth']}; "
            f"{'no nesting cycle' if not cycles else count(len(cycles), 'nesting cycle')}; "
            f"{count(fo['overlapping_pairs'], 'pair')} sharing most of their functions and "
            f"activities; {count(len(hi['duplication']), 'duplication group')} (same kind, "
            "function and place)."
        ),
    ]
    if full:
        out.append(
            t(
                "Most similar pairs",
                ("a", "b", "jaccard", "shared"),
                (tuple(x) for x in fo.get("pairs", [])[:10]),
            )
        )
        out.append(
            t(
                "Duplication groups",
                ("kind", "members", "shared", "places"),
                (
                    (x.get("value"), x.get("members"), x.get("shared"), x.get("places"))
                    for x in hi["duplication"][:15]
                ),
            )
        )
    return out


def ablation_blocks(s: dict[str, Any], full: bool) -> list[Block]:
    if not full:
        return []
    cols = (
        "nodes",
        "edges",
        "density",
        "components",
        "largest_component_share",
        "max_degree_coverage",
    )
    return [
        h(2, "Ablation: adding categories layer by layer"),
        t(
            "Nested layers (induced subgraphs of the linkage graph)",
            ("layer", *cols),
            ((r["layer"], *(r["metrics"].get(c) for c in cols)) for r in s["ablation"]["rows"]),
        ),
    ]


def timeline_blocks(s: dict[str, Any], d: dict[str, Any], full: bool) -> list[Block]:
    tl = s["timeline"]
    gr = tl["growth"]
    label = ((d.get("declared") or {}).get("timeline") or {}).get("label")
    src = tl["params"].get("pivot_from") or d["params"].get("pivot_from")

    def w(x: dict[str, Any] | None) -> str:
        return (
            "n/a"
            if not x
            else (f"{x['start']}-{x['end']}: {x['added']} added, {fmt(x['mean_per_year'])}/year")
        )

    out = [
        h(2, f"Timeline: {label}" if label else f"Timeline: before and after {gr['pivot']}"),
        p(
            f"{gr['dated']} of {gr['population']} elements are dated; pivot year "
            f"{gr['pivot']} (from {src}). Before {w(gr['before'])}; after {w(gr['after'])} "
            f"(ratio {fmt(gr['ratio'])}; over equal windows {fmt(gr['ratio_symmetric'])})."
        ),
    ]
    if full:
        cols = ("edges", "density", "components", "largest_component_share")
        out.append(
            t(
                "Snapshots",
                ("year", "elements", "added", *cols),
                (
                    (sn["year"], sn["elements"], sn["added"], *(sn["metrics"].get(k) for k in cols))
                    for sn in tl["snapshots"]
                ),
            )
        )
    return out
