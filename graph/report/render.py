"""Render an :class:`~rcx.graph.report.assemble.AnalysisReport`: terminal (rich), Markdown, JSON.

Both text renderings come from one list of blocks (:func:`blocks`: headings, paragraphs,
tables), so they carry the same content in the same order: the verdict first, then a short
"how to read this", then the evidence and every section. Data text is escaped for each target
(rich markup is never interpreted; Markdown/HTML metacharacters are escaped), so element names
cannot inject formatting. Output depends only on the report, hence only on the seed.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rcx.graph.report.assemble import AnalysisReport, to_jsonable

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#~])")
MAX_LIST = 8

HOW_TO_READ = (
    "Verdicts test the paper's three claims with explicit rules; each row of evidence names the "
    "number, the rule it feeds and the function that computed it (the JSON adds every "
    "parameter). 'Layer' says which relations count as linkage: 'linkages' = the paper's nested, "
    "overlapping and conflicting links (PARALLEL_TO is an asserted absence, never a link); "
    "'structural' adds every other relation between elements; 'everything' adds places. "
    "Density, fragmentation and centralization run from 0 to 1; z and p compare a value with "
    "random graphs (p < 0.05: unusual for chance). 'n/a' = undefined for this graph. Roles "
    "(prevention / protection / prosecution) are unknown unless the paper states them: unknown "
    "is not no."
)


@dataclass(frozen=True)
class Block:
    """A heading (``h1``/``h2``/``h3``), a paragraph (``p``) or a ``table``."""

    kind: str
    text: str = ""
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()


def fmt(x: Any) -> str:
    """A value as short text: floats to 4 significant digits, None/nan as n/a, lists joined."""
    if x is None or (isinstance(x, float) and (math.isnan(x) or math.isinf(x))):
        return "n/a"
    if isinstance(x, bool):
        return "yes" if x else "no"
    if isinstance(x, float):
        return f"{x:.4g}"
    if isinstance(x, dict):
        return ", ".join(f"{k}: {fmt(v)}" for k, v in list(x.items())[:MAX_LIST]) + (
            f" (+{len(x) - MAX_LIST} more)" if len(x) > MAX_LIST else "")
    if isinstance(x, list | tuple | set | frozenset):
        items = sorted(x, key=str) if isinstance(x, set | frozenset) else list(x)
        more = f" (+{len(items) - MAX_LIST} more)" if len(items) > MAX_LIST else ""
        return ", ".join(fmt(v) for v in items[:MAX_LIST]) + more
    return str(x)


def _h(level: int, text: str) -> Block:
    return Block(f"h{level}", text)


def _p(text: str) -> Block:
    return Block("p", text)


def _t(title: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> Block:
    return Block("table", title, tuple(columns), tuple(tuple(fmt(c) for c in r) for r in rows))


# --------------------------------------------------------------------------------------------
# Blocks
# --------------------------------------------------------------------------------------------


def blocks(report: AnalysisReport) -> list[Block]:
    """The report as an ordered list of blocks (the verdict first)."""
    d = report.as_dict()
    layer = d["layer"]
    out = [
        _h(1, f"rcx analysis: {d['title'] or d['dataset']}"),
        _p(f"Dataset {d['dataset']}; layer {layer['name']} (relation types: "
           f"{', '.join(layer['relation_types'])}; derived relations "
           f"{'included' if layer['include_derived'] else 'excluded'}; places "
           f"{'included' if layer['include_places'] else 'excluded'}); seed {d['seed']}; "
           f"null-model samples {d['n_null']}."),
        _h(2, "Verdict"),
        _t("The paper's three claims", ("#", "claim", "verdict", "evidence in brief"),
           ((v["claim"], v["statement"], v["verdict"].upper(), v["summary"])
            for v in d["verdicts"])),
        _h(2, "How to read this"),
        _p(HOW_TO_READ),
    ]
    for v in d["verdicts"]:
        out.append(_t(f"Claim {v['claim']} evidence ({v['verdict']})",
                      ("measure", "value", "rule", "layer", "computed by"),
                      ((e["name"], e["value"], e["rule"], e["layer"], e["function"])
                       for e in v["evidence"])))
    out += _headline(d)
    s = d["sections"]
    out += _core(s)
    out += _typology(s)
    out += _fragmentation(s)
    out += _clusters(s)
    out += _hierarchy(s)
    out += _ablation(s)
    out += _timeline(s)
    out += _survey(s)
    out += _gaps(s)
    out += _scenarios(s)
    out += [_h(2, "Provenance"),
            _p(f"{len(d['provenance'])} entries: every evidence value and every section, with "
               "the function, parameters and layer that produced it."),
            _t("Provenance", ("metric", "function", "layer", "params"),
               ((p["metric"], p["function"], p["layer"], json.dumps(p["params"],
                                                                     sort_keys=True)[:160])
                for p in d["provenance"]))]
    if d["notes"]:
        out += [_h(2, "Notes"), *(_p(n) for n in d["notes"])]
    return out


_HEAD = ("nodes", "edges", "density", "components", "largest_component_share", "isolates",
         "fragmentation", "average_path_length", "global_efficiency", "degree_centralization",
         "betweenness_centralization", "max_degree_coverage", "modularity", "clustering")


def _headline(d: dict[str, Any]) -> list[Block]:
    comp = d["composition"]
    sens_cols = ("layer", "derived", "chosen", "claim_1", "literal_core", "nodes", "edges",
                 "density", "components", "largest_component_share", "linked_share",
                 "fragmentation", "degree_centralization", "betweenness_centralization",
                 "max_degree_coverage")
    return [
        _h(2, "Headline metrics"),
        _t(f"Linkage graph ({d['layer']['name']})", ("metric", "value"),
           ((k, d["headline"].get(k)) for k in _HEAD if k in d["headline"])),
        _t("Composition", ("by", "counts"),
           (("elements", comp["elements"]), ("category", comp["by_category"]),
            ("kind", comp["by_kind"]), ("approach", comp["by_approach"]),
            ("scope", comp["by_scope"]))),
        _t("Layer sensitivity: the same metrics under each layer choice", sens_cols,
           ((r["layer"], r["include_derived"], r["chosen"], *(r[c] for c in sens_cols[3:]))
            for r in d["layer_sensitivity"])),
    ]


def _core(s: dict[str, Any]) -> list[Block]:
    c = s["core"]
    lit, kc, cp = c["literal"], c["k_cores"], c["core_periphery"]
    rows = [("literal test: max coverage", lit["coverage"]), ("holders", lit["holders"]),
            ("2-step coverage", lit["coverage_2step"]), ("2-step holders", lit["holders_2step"]),
            ("degree centralization", c["degree_centralization"]),
            ("betweenness centralization", c["betweenness_centralization"]),
            ("k-core: max k", kc["max_k"]), ("main core", kc["main_core"]),
            ("core-periphery fit", cp["fit"]), ("core-periphery core", cp["core"]),
            ("core by category", cp["core_by_category"])]
    rc = c.get("rich_club")
    if rc:
        rows.append(("rich club (normalized, by k)", rc["normalized"]))
    out = [_h(2, "Coordinating core"), _t("Core measures", ("measure", "value"), rows)]
    nulls = s.get("null_models") or {}
    if nulls:
        out.append(_t("Against null models (one-sided: greater than chance?)",
                      ("statistic", "model", "samples", "observed", "null mean", "null sd", "z",
                       "p"),
                      ((k, r["model"], r["n_samples"], r["observed"], r["null_mean"],
                        r["null_sd"], r["z"], r["p_value"]) for k, r in nulls.items())))
    return out


def _typology(s: dict[str, Any]) -> list[Block]:
    t = s.get("typology")
    if not t:
        return []
    return [_h(2, "Fragmentation typology (Biermann et al. 2009)"),
            _p(t["explain"][0]),
            _t("Rule table", ("class", "rule", "measure", "value", "test", "held"),
               ((r["cls"], r["description"], r["measure"], r["value"],
                 f"{r['op']} {fmt(r['threshold'])}", r["held"]) for r in t["rules"]))]


def _fragmentation(s: dict[str, Any]) -> list[Block]:
    f = s["fragmentation"]
    p = f["pairs"]
    rob = f["robustness_degree"]
    return [
        _h(2, "Fragmentation"),
        _t("Element pairs", ("pairs", "linked", "conflicting", "overlapping", "nested",
                             "parallel (asserted)", "unknown", "conflicting of linked"),
           [(p["pairs"], p["linked"], p["conflicting"], p["overlapping"], p["nested"],
             p["parallel"], p["unknown"], p["conflicting_of_linked"])]),
        _t("Removing the most-linked elements (by degree, adaptive)",
           ("step", "removed", "fragmentation", "components", "largest component share"),
           ((r["step"], r["removed"], r["fragmentation"], r["components"],
             r["largest_component_share"]) for r in rob)),
    ]


def _clusters(s: dict[str, Any]) -> list[Block]:
    c = s["clusters"]
    rows = []
    for m in ("louvain", "leiden"):
        st = c[f"{m}_stability"]
        rows.append((m, len(c[m]["communities"]), c[m]["modularity"], st["mean_nmi"],
                     st["mean_ari"], len(st["consensus"]["communities"])))
    comp = [(r["community"], r["size"], r["by_category"], r["by_issue"])
            for r in c["composition"][:10]]
    return [_h(2, "Clusters"),
            _t("Communities", ("method", "communities", "modularity", "stability NMI",
                               "stability ARI", "consensus communities"), rows),
            _t("Largest Louvain communities", ("community", "size", "categories", "issues"),
               comp),
            _t("What the clusters follow (NMI with each attribute)", ("attribute", "NMI"),
               c["alignment"].items())]


def _hierarchy(s: dict[str, Any]) -> list[Block]:
    h = s.get("hierarchy")
    if not h:
        return []
    out = [_h(2, "Hierarchy, overlap and duplication")]
    nest = h.get("nesting")
    if isinstance(nest, dict):
        out.append(_t("Nesting (NESTED_IN)", ("measure", "value"),
                      ((k, v) for k, v in nest.items() if k not in ("depth", "params"))))
    fo = h.get("functional_overlap")
    if isinstance(fo, dict):
        out.append(_t("Functional overlap (Jaccard of functions and activities)",
                      ("measure", "value"),
                      ((k, v) for k, v in fo.items() if k not in ("pairs", "params"))))
        out.append(_t("Most similar pairs", ("a", "b", "jaccard", "shared"),
                      (tuple(p) for p in fo.get("pairs", [])[:10])))
    dup = h.get("duplication")
    if isinstance(dup, list):
        out.append(_t("Duplication groups (same kind, same function, same place)",
                      ("kind", "members", "shared", "places"),
                      ((x.get("value"), x.get("members"), x.get("shared"), x.get("places"))
                       for x in dup[:15] if isinstance(x, dict))))
    rest = [(k, v) for k, v in h.items()
            if k not in ("nesting", "functional_overlap", "duplication", "params")]
    if rest:
        out.append(_t("Other hierarchy measures", ("measure", "value"), rest))
    return out


def _ablation(s: dict[str, Any]) -> list[Block]:
    cols = ("nodes", "edges", "density", "components", "largest_component_share",
            "fragmentation", "degree_centralization", "betweenness_centralization",
            "max_degree_coverage", "modularity")
    return [_h(2, "Ablation: adding the paper's categories layer by layer"),
            _t("Nested layers (induced subgraphs of the linkage graph)", ("layer", *cols),
               ((r["layer"], *(r["metrics"].get(c) for c in cols))
                for r in s["ablation"]["rows"]))]


def _timeline(s: dict[str, Any]) -> list[Block]:
    tl = s["timeline"]
    gr = tl["growth"]

    def w(x: dict[str, Any] | None) -> str:
        return "n/a" if not x else (f"{x['start']}-{x['end']}: {x['added']} added, "
                                    f"{fmt(x['mean_per_year'])}/year")

    cols = ("elements", "added", "edges", "density", "components", "largest_component_share",
            "degree_centralization")
    where = ("included in the last snapshot (all)" if tl["params"]["undated"] == "end"
             else "excluded from every snapshot")
    return [
        _h(2, "Timeline and the 'rapid change' after 2000"),
        _p(f"Dated elements: {gr['dated']} of {gr['population']} ({fmt(gr['dated_share'])}); "
           f"{tl['undated_count']} undated elements are {where}. Year = year adopted, else "
           "year in force."),
        _t(f"Additions before and after {gr['pivot']}", ("window", "additions"),
           (("before", w(gr["before"])), ("after", w(gr["after"])),
            ("ratio after/before", gr["ratio"]),
            ("before (equal window)", w(gr["before_symmetric"])),
            ("after (equal window)", w(gr["after_symmetric"])),
            ("ratio (equal windows)", gr["ratio_symmetric"]))),
        _t("Snapshots", ("year", *cols),
           ((sn["year"], sn["elements"], sn["added"], *(sn["metrics"].get(c) for c in cols[2:]))
            for sn in tl["snapshots"])),
    ]


def _survey(s: dict[str, Any]) -> list[Block]:
    sv = s["survey"]
    t = sv["tables"]
    place_cols = ("place", "region", "count")
    return [
        _h(2, "The NGO survey (Appendix Two, Figures 2.2-2.8)"),
        _p(f"Population: {sv['population']}. Support instances: "
           f"{sv['definitions']['place instances']}."),
        _t("The paper's stated figures against the data",
           ("figure", "paper", "computed", "status", "definition", "why"),
           ((r["figure"], r["paper_value"], r["computed_value"], r["status"].upper(),
             r["definition"], r["why"]) for r in sv["stated"])),
        _t("Roles known (the table's shading was lost)", ("function", "yes", "no", "unknown"),
           ((r["function"], r["yes"], r["no"], r["unknown"]) for r in t["roles"])),
        _t("Domestic focus (Fig 2.6)", ("definition", "denominator", "NGOs", "of", "percent"),
           ((r["definition"], r["denominator"], r["ngos"], r["of"], r["percent"])
            for r in t["domestic_focus"])),
        _t("Top providers (HQ place instances)", place_cols,
           ((r["name"], r["region"], r["count"]) for r in t["top_providers"])),
        _t("Top receivers (working-place instances)", place_cols,
           ((r["name"], r["region"], r["count"]) for r in t["top_receivers"])),
        _t("By region (Fig 2.8)", ("region", "provides", "receives", "net"),
           ((r["region"], r["provides"], r["receives"], r["net"]) for r in t["by_region"])),
    ]


def _gaps(s: dict[str, Any]) -> list[Block]:
    gp = s["gaps"]
    t = gp["tables"]
    return [
        _h(2, "Gaps and the paper's named weaknesses"),
        *(_p(c) for c in gp.get("caveats", [])),
        _t("Weaknesses (IV.A) against the data", ("weakness", "section", "verdict", "measured",
                                                 "rule"),
           ((f["weakness"], f["section"], f["verdict"].upper(), f["measured"], f["rule"])
            for f in gp["flags"])),
        _t("Functions (unknown is not no)", ("function", "yes", "no", "unknown"),
           ((r["function"], r["yes"], r["no"], r["unknown"]) for r in t["functions"])),
        _t("Private sector", ("sector", "elements"),
           ((r["sector"], r["elements"]) for r in t["private_sector"])),
        _t("Thinnest (fewest elements)", ("of", "values"), gp["thinnest"].items()),
        _t("Regions: elements working / headquartered there",
           ("region", "working", "headquartered"),
           ((r["region"], r["working_here"], r["headquartered_here"]) for r in t["regions"])),
    ]


_SCEN = ("nodes", "edges", "density", "components", "largest_component_share", "fragmentation",
         "degree_centralization", "betweenness_centralization", "max_degree_coverage",
         "modularity")


def _scenarios(s: dict[str, Any]) -> list[Block]:
    out: list[Block] = []
    for sc in s.get("scenarios", []):
        ch = sc["changes"]
        out += [
            _h(3, f"Scenario {sc['scenario']}: {sc['title']}"),
            _p(f"Hypothetical (rule {ch['rule']}, from {sc['source']}): "
               f"{ch['added_elements']} elements and {ch['added_relations']} relations added, "
               f"{ch['relabelled_elements']} elements re-labelled, "
               f"{ch['dropped_derived_parallel']} derived PARALLEL_TO dropped, "
               f"{ch['contradicted_asserted_parallel']} asserted PARALLEL_TO contradicted."),
            _t("Before / after", ("metric", "before", "after", "delta"),
               ((k, sc["before"].get(k), sc["after"].get(k), sc["delta"].get(k))
                for k in _SCEN if k in sc["before"])),
        ]
    return [_h(2, "Scenarios (the paper's recommended improvements, IV.C)"), *out] if out else []


# --------------------------------------------------------------------------------------------
# Targets
# --------------------------------------------------------------------------------------------


def _clean(text: str) -> str:
    return _CONTROL.sub("?", text)


def md_escape(text: str) -> str:
    """Escape Markdown and HTML metacharacters; fold newlines (table-safe).

    >>> md_escape("<b>*x*</b> | y")
    '&lt;b&gt;\\\\*x\\\\*&lt;/b&gt; \\\\| y'
    """
    text = _clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def to_markdown(report: AnalysisReport) -> str:
    """The report as Markdown (GitHub tables)."""
    lines: list[str] = []
    for b in blocks(report):
        if b.kind.startswith("h"):
            lines += ["#" * int(b.kind[1]) + " " + md_escape(b.text), ""]
        elif b.kind == "p":
            lines += [md_escape(b.text), ""]
        else:
            lines += [f"**{md_escape(b.text)}**", "",
                      "| " + " | ".join(md_escape(c) for c in b.columns) + " |",
                      "|" + "|".join("---" for _ in b.columns) + "|"]
            lines += ["| " + " | ".join(md_escape(c) for c in r) + " |" for r in b.rows]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def to_json(report: AnalysisReport, *, indent: int | None = 2) -> str:
    """The report as strict JSON (no NaN)."""
    return json.dumps(to_jsonable(report.as_dict()), indent=indent, allow_nan=False)


def print_report(report: AnalysisReport, console: Any = None) -> None:
    """Print the report to a rich console (default: a new stdout console)."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    con = console or Console(highlight=False, soft_wrap=True)
    for b in blocks(report):
        if b.kind == "h1":
            con.print(Text(_clean(b.text), style="bold underline"))
        elif b.kind in ("h2", "h3"):
            con.print()
            con.print(Text(_clean(b.text), style="bold" if b.kind == "h2" else "bold italic"))
        elif b.kind == "p":
            con.print(Text(_clean(b.text)))
        else:
            table = Table(title=Text(_clean(b.text)), title_justify="left", show_lines=False)
            for c in b.columns:
                table.add_column(Text(_clean(c)), overflow="fold")
            for r in b.rows:
                table.add_row(*(Text(_clean(c), style=_style(c)) for c in r))
            con.print(table)


def _style(cell: str) -> str:
    return {"SUPPORTED": "bold green", "REPRODUCED": "green", "NOT SUPPORTED": "bold red",
            "NOT REPRODUCED": "red", "PARTLY SUPPORTED": "yellow", "CLOSE": "yellow"}.get(cell,
                                                                                         "")


def write_report(report: AnalysisReport, out_dir: str | Path) -> list[Path]:
    """Write ``report.md`` and ``report.json`` into ``out_dir`` together (all or nothing)."""
    from rcx.graph.io import atomic_dir

    names = {"report.md": to_markdown(report), "report.json": to_json(report) + "\n"}
    with atomic_dir(out_dir) as tmp:
        for name, text in names.items():
            (tmp / name).write_text(text, encoding="utf-8")
    return [Path(out_dir) / name for name in names]
