"""The report's sections as blocks (headings, paragraphs, tables), short and full.

Each ``*_blocks(d, full)`` function reads the report's JSON (``AnalysisReport.as_dict()``) and
returns its blocks: the short form carries the headline numbers, the full form every number.
Isolates are reported as isolates, never as one-element communities.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rcx.graph.report.rules import METHODS
from rcx.graph.report.wording import count, fmt


@dataclass(frozen=True)
class Block:
    """A heading (``h1``/``h2``/``h3``), a paragraph (``p``) or a ``table``."""

    kind: str
    text: str = ""
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()


def h(level: int, text: str) -> Block:
    return Block(f"h{level}", text)


def p(text: str) -> Block:
    return Block("p", text)


def t(title: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> Block:
    return Block("table", title, tuple(columns), tuple(tuple(fmt(c) for c in r) for r in rows))


def rule_link(rule: str) -> str:
    return f"{METHODS}#rule-{rule}" if rule else ""


def verdict_blocks(d: dict[str, Any], full: bool) -> list[Block]:
    out = [h(2, "Verdicts")]
    if not d["verdicts"]:
        out.append(p("This dataset declares no claims of its source (claims_tested in "
                     "dataset.yaml): the general report follows."))
    for v in d["verdicts"]:
        where = f" ({v['section']})" if v["section"] else ""
        out += [h(3, f"{v['claim']}: {v['verdict']}"), p(f"Claim{where}: {v['statement']}"),
                p(v["summary"])]
        rules = sorted({e["rule"] for e in v["evidence"] if e["rule"]})
        failed = sorted({e["rule"] for e in v["evidence"] if e["held"] is False})
        shown = rules if full else failed
        out.append(p(f"Grade {v['grade']}; test {v['test']}: {METHODS}#test-{v['test']}"
                     + (f"; {'rules' if full else 'failed'}: " if shown else "")
                     + ", ".join(f"#rule-{r}" for r in shown)))
        if full:
            out.append(t(f"Evidence for {v['claim']}",
                         ("measure", "value", "test", "held", "rule", "computed by"),
                         ((e["name"], e["value"], e["test"], "" if e["held"] is None else
                           e["held"], rule_link(e["rule"]), e["function"]) for e in v["evidence"])))
    return out


HEAD = ("nodes", "edges", "density", "components", "isolates", "largest_component_share",
        "fragmentation", "degree_centralization", "betweenness_centralization",
        "max_degree_coverage", "modularity")
MORE = ("average_path_length", "global_efficiency", "clustering")


def headline_blocks(d: dict[str, Any], full: bool) -> list[Block]:
    comp, head = d["composition"], d["headline"]
    keys = [k for k in (HEAD + MORE if full else HEAD) if k in head]
    pairs = [(k, head[k]) for k in keys]
    half = (len(pairs) + 1) // 2  # two metric columns: half the lines
    rows = [(*pairs[i], *(pairs[i + half] if i + half < len(pairs) else ("", "")))
            for i in range(half)]
    out = [h(2, "Headline numbers"),
           t(f"Linkage graph ({d['layer']['name']})", ("metric", "value", "metric", "value"),
             rows),
           p(f"{comp['elements']} elements in {len(comp['by_category'])} categories, "
             f"{len(comp['by_kind'])} kinds and {len(comp['by_approach'])} approaches.")]
    if full:
        out.append(t("Composition", ("by", "counts"),
                     (("category", comp["by_category"]), ("kind", comp["by_kind"]),
                      ("approach", comp["by_approach"]), ("scope", comp["by_scope"]))))
        cols = ("layer", "include_derived", "chosen", "nodes", "edges", "density",
                "components", "linked_share", "fragmentation", "max_degree_coverage",
                "literal_core")
        out.append(t("Layer sensitivity", cols,
                     ((r[c] for c in cols) for r in d["layer_sensitivity"])))
    return out


def core_blocks(s: dict[str, Any], full: bool) -> list[Block]:
    c = s["core"]
    lit, kc, cp = c["literal"], c["k_cores"], c["core_periphery"]
    rows = [("literal test: max coverage", lit["coverage"]), ("most-linked", lit["holders"]),
            ("k-core: max k (main core size)", f"{kc['max_k']} ({len(kc['main_core'])})"),
            ("core-periphery fit (core size)", f"{fmt(cp['fit'])} ({cp['core_size']})")]
    if full:
        rows += [("2-step coverage", lit["coverage_2step"]), ("2-step holders",
                                                              lit["holders_2step"]),
                 ("main core", kc["main_core"]), ("core-periphery core", cp["core"]),
                 ("core by category", cp["core_by_category"])]
        if c.get("rich_club"):
            rows.append(("rich club (normalized, by k)", c["rich_club"]["normalized"]))
    if full:
        out = [h(2, "Coordinating core"), t("Core measures", ("measure", "value"), rows)]
    else:
        out = [h(2, "Coordinating core"), p("; ".join(f"{k} {fmt(v)}" for k, v in rows) + ".")]
    nulls = s.get("null_models") or {}
    if nulls:
        out.append(t("Against the degree-preserving null (one-sided: above chance?)",
                     ("statistic", "observed", "null mean", "z", "p", "samples"),
                     ((k, r["observed"], r["null_mean"], r["z"], r["p_value"], r["n_valid"])
                      for k, r in sorted(nulls.items()))))
    return out


def typology_blocks(s: dict[str, Any], d: dict[str, Any], full: bool) -> list[Block]:
    ty = s["typology"]
    if not full and any(v["test"] == "fragmentation-type" for v in d["verdicts"]):
        return []  # the verdict above says it
    out = [h(2, "Fragmentation typology (Biermann et al. 2009)"),
           p(f"{ty['verdict']}: {ty['summary']}")]
    if full:
        out.append(t("Rule table", ("rule", "test", "value", "held"),
                     ((r["rule"], r["test"], r["value"], r["held"]) for r in ty["rules"])))
    return out


def fragmentation_blocks(s: dict[str, Any], full: bool) -> list[Block]:
    f = s["fragmentation"]
    pr = f["pairs"]
    if not full:
        return [h(2, "Fragmentation"),
                p(f"Of {pr['pairs']} element pairs {pr['linked']} are linked ({pr['nested']} "
                  f"nested, {pr['overlapping']} overlapping, {pr['conflicting']} conflicting: "
                  f"{fmt(pr['conflicting_of_linked'])} of the linked), {pr['parallel']} "
                  "asserted parallel, the rest unknown.")]
    out = [h(2, "Fragmentation"),
           t("Element pairs (claims as recorded in the layer)",
             ("pairs", "linked", "conflicting", "overlapping", "nested", "parallel",
              "conflicting of linked"),
             [(pr["pairs"], pr["linked"], pr["conflicting"], pr["overlapping"], pr["nested"],
               pr["parallel"], pr["conflicting_of_linked"])])]
    if full:
        out.append(t("Removing the most-linked elements (by degree, adaptive)",
                     ("step", "removed", "fragmentation", "components", "largest share"),
                     ((r["step"], r["removed"], r["fragmentation"], r["components"],
                       r["largest_component_share"]) for r in f["robustness_degree"])))
    return out


def cluster_blocks(s: dict[str, Any], full: bool) -> list[Block]:
    c = s["clusters"]
    rows = []
    for m in ("louvain", "leiden"):
        comms = c[m]["communities"]
        real = [x for x in comms if len(x) > 1]
        st = c[f"{m}_stability"]
        rows.append((m, len(real), len(comms) - len(real), c[m]["modularity"], st["mean_ari"]))
    out = [h(2, "Clusters"),
           t("Communities of two or more elements (isolates apart)",
             ("method", "communities", "isolates", "modularity", "stability ARI"), rows),
           p(f"The Louvain communities follow {c['best_aligned']} most closely (NMI "
             f"{fmt(c['alignment'].get(c['best_aligned']))}).")]
    if full:
        out.append(t("Largest Louvain communities", ("community", "size", "categories"),
                     ((r["community"], r["size"], r["by_category"])
                      for r in c["composition"][:10] if r["size"] > 1)))
        out.append(t("NMI with each attribute", ("attribute", "NMI"), c["alignment"].items()))
    return out


def hierarchy_blocks(s: dict[str, Any], full: bool) -> list[Block]:
    hi = s["hierarchy"]
    n, fo = hi["nesting"], hi["functional_overlap"]
    cycles = n.get("cycles") or []
    out = [h(2, "Hierarchy, overlap and duplication"),
           p(f"{count(n['nested_elements'], 'element')} nested, to depth {n['max_depth']}; "
             f"{'no nesting cycle' if not cycles else count(len(cycles), 'nesting cycle')}; "
             f"{count(fo['overlapping_pairs'], 'pair')} sharing most of their functions and "
             f"activities; {count(len(hi['duplication']), 'duplication group')} (same kind, "
             "function and place).")]
    if full:
        out.append(t("Most similar pairs", ("a", "b", "jaccard", "shared"),
                     (tuple(x) for x in fo.get("pairs", [])[:10])))
        out.append(t("Duplication groups", ("kind", "members", "shared", "places"),
                     ((x.get("value"), x.get("members"), x.get("shared"), x.get("places"))
                      for x in hi["duplication"][:15])))
    return out


def ablation_blocks(s: dict[str, Any], full: bool) -> list[Block]:
    if not full:
        return []
    cols = ("nodes", "edges", "density", "components", "largest_component_share",
            "max_degree_coverage")
    return [h(2, "Ablation: adding categories layer by layer"),
            t("Nested layers (induced subgraphs of the linkage graph)", ("layer", *cols),
              ((r["layer"], *(r["metrics"].get(c) for c in cols))
               for r in s["ablation"]["rows"]))]


def timeline_blocks(s: dict[str, Any], d: dict[str, Any], full: bool) -> list[Block]:
    tl = s["timeline"]
    gr = tl["growth"]
    label = ((d.get("declared") or {}).get("timeline") or {}).get("label")
    src = tl["params"].get("pivot_from") or d["params"].get("pivot_from")

    def w(x: dict[str, Any] | None) -> str:
        return "n/a" if not x else (f"{x['start']}-{x['end']}: {x['added']} added, "
                                    f"{fmt(x['mean_per_year'])}/year")

    out = [h(2, f"Timeline: {label}" if label else f"Timeline: before and after {gr['pivot']}"),
           p(f"{gr['dated']} of {gr['population']} elements are dated; pivot year "
             f"{gr['pivot']} (from {src}). Before {w(gr['before'])}; after {w(gr['after'])} "
             f"(ratio {fmt(gr['ratio'])}; over equal windows {fmt(gr['ratio_symmetric'])}).")]
    if full:
        cols = ("edges", "density", "components", "largest_component_share")
        out.append(t("Snapshots", ("year", "elements", "added", *cols),
                     ((sn["year"], sn["elements"], sn["added"],
                       *(sn["metrics"].get(k) for k in cols)) for sn in tl["snapshots"])))
    return out


def stated_blocks(s: dict[str, Any], full: bool) -> list[Block]:
    st = s.get("stated")
    if not st:
        return []
    out: list[Block] = [h(2, "What the source states, against the data")]
    for key, title in (("figures", "Stated figures and findings"),
                       ("weaknesses", "Weaknesses the source names")):
        rows = st[key]
        if not rows:
            continue
        out += [t(title, ("id", "stated", "computed", "status"),
                  ((r["id"], "finding" if r["stated"] is None else r["stated"],
                    r["best"]["computed"], r["status"].upper()) for r in rows))]
        if full:
            out.append(t("Every definition tried", ("id", "definition", "computed", "detail",
                                                    "status"),
                         ((r["id"], v["definition"], v["computed"], v["detail"], v["status"])
                          for r in rows for v in r["variants"])))
    return out


def survey_blocks(s: dict[str, Any], full: bool) -> list[Block]:
    sv = s.get("survey")
    if not sv:
        return []
    size = f" (the source says {sv['stated_size']})" if sv["stated_size"] else ""
    out = [h(2, f"The survey population: {sv['population']}"),
           p(f"{sv['members']} members in the data{size}; {sv['same_kind_elsewhere']} more of "
             "the same kind are named elsewhere and not surveyed.")]
    if full:
        out += [t("Roles (unknown is not no)", ("function", "yes", "no", "unknown"),
                  ((r["function"], r["yes"], r["no"], r["unknown"]) for r in sv["roles"])),
                t("Domestic work", ("definition", "members", "meaning"),
                  ((r["definition"], r["members"], r["meaning"]) for r in sv["domestic"])),
                t("Top providers (HQ place instances)", ("place", "region", "count"),
                  ((r["name"], r["region"], r["count"]) for r in sv["top_providers"])),
                t("Top receivers (working-place instances)", ("place", "region", "count"),
                  ((r["name"], r["region"], r["count"]) for r in sv["top_receivers"])),
                t("By region", ("region", "provides", "receives", "net"),
                  ((r["region"], r["provides"], r["receives"], r["net"])
                   for r in sv["by_region"]))]
    return out


def gaps_blocks(s: dict[str, Any], d: dict[str, Any], full: bool) -> list[Block]:
    gp = s["gaps"]
    declared = (d.get("declared") or {}).get("functions") or {}
    out = [h(2, "Gaps")]
    if declared:
        out.append(t("Declared functions (unknown is not no)", ("function", "yes", "no",
                                                              "unknown"),
                     ((r["function"], r["yes"], r["no"], r["unknown"])
                      for r in gp["tables"]["functions"] if r["function"] in declared)))
    out.append(p("Thinnest activities: " + fmt(gp["thinnest"]["activities"]) + "; approaches: "
                 + fmt(gp["thinnest"]["approaches"]) + "."))
    if full:
        out.append(t("Regions: elements working / headquartered there",
                     ("region", "working", "headquartered"),
                     ((r["region"], r["working_here"], r["headquartered_here"])
                      for r in gp["tables"]["regions"])))
    return out


def provenance_blocks(d: dict[str, Any]) -> list[Block]:
    return [h(2, "Provenance"),
            p(f"{len(d['provenance'])} entries: every evidence value and section, with the "
              "function, layer and parameters that produced it."),
            t("Provenance", ("metric", "function", "layer", "params"),
              ((e["metric"], e["function"], e["layer"], json.dumps(e["params"], sort_keys=True))
               for e in d["provenance"]))]
