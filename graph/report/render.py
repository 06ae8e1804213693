"""Render an :class:`~rcx.graph.report.assemble.AnalysisReport`: terminal (rich), Markdown, JSON.

Both text renderings come from one list of blocks (:func:`blocks`, built from
:mod:`rcx.graph.report.sections`): the stamp, the verdicts with their sentences, then the
headline numbers per section. ``full=False`` (the terminal default) keeps one short page per
section; ``full=True`` (``--full``, and always the Markdown) adds every number and its
provenance. Data text is escaped for each target (rich markup is never interpreted;
Markdown/HTML metacharacters are escaped), so element names cannot inject formatting.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from rcx.graph.report import blocks as bl
from rcx.graph.report import sections as sec
from rcx.graph.report import source_sections as src
from rcx.graph.report.assemble import AnalysisReport
from rcx.graph.report.blocks import Block
from rcx.graph.report.parts import LAYER_METRICS
from rcx.graph.report.stamp import stamp_line
from rcx.graph.report.trace import to_jsonable

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#~])")

HOW_TO_READ = (
    "Grades: firm (the evidence agrees), mixed (split), weak (partial); each rule is a paragraph "
    "of docs/methods.md. Linkages = nested, overlapping and conflicting links (PARALLEL_TO is an "
    "asserted absence); p < 0.05 = unusual against degree-preserving random graphs; n/a = "
    "undefined here; unknown is not no."
)


def blocks(report: AnalysisReport, *, full: bool = True) -> list[Block]:
    """The report as an ordered list of blocks (the stamp and the verdicts first)."""
    d = report.as_dict()
    s = d["sections"]
    layer = d["layer"]
    out = [
        bl.h(1, f"rcx analysis: {d['title'] or d['dataset']}"),
        bl.p("Stamp: " + stamp_line(d["stamp"])),
        bl.p(
            f"Layer {layer['name']}: {', '.join(layer['relation_types'])}; derived "
            f"relations {'included' if layer['include_derived'] else 'excluded'}. "
            + _counting(d["composition"].get("claims"))
        ),
        *bl.verdict_blocks(d, full),
        bl.h(2, "How to read this"),
        bl.p(HOW_TO_READ),
        *bl.headline_blocks(d, full),
        *sec.core_blocks(s, full),
        *sec.typology_blocks(s, d, full),
        *sec.fragmentation_blocks(s, full),
        *sec.cluster_blocks(s, full),
        *sec.hierarchy_blocks(s, full),
        *sec.ablation_blocks(s, full),
        *sec.timeline_blocks(s, d, full),
        *src.stated_blocks(s, full),
        *src.survey_blocks(s, full),
        *src.gaps_blocks(s, d, full),
    ]
    if full:
        out += _scenarios(s) + bl.provenance_blocks(d)
    else:
        out.append(
            bl.p(
                "rcx analyze --full (or --json, --out) gives every number, every "
                "definition tried and its provenance."
            )
        )
    if d["notes"]:
        out += [bl.h(2, "Notes"), *(bl.p(n) for n in d["notes"])]
    return out


_SCEN = (*LAYER_METRICS, "modularity")


def _scenarios(s: dict[str, Any]) -> list[Block]:
    out: list[Block] = []
    for sc in s.get("scenarios", []):
        ch = sc["changes"]
        out += [
            bl.h(3, f"Scenario {sc['scenario']}: {sc['title']}"),
            bl.p(
                f"Hypothetical (rule {ch['rule']}, from {sc['source']}): "
                f"{ch['added_elements']} elements and {ch['added_relations']} relations "
                f"added, {ch['relabelled_elements']} elements re-labelled, "
                f"{ch['dropped_derived_parallel']} derived PARALLEL_TO dropped, "
                f"{ch['contradicted_asserted_parallel']} asserted PARALLEL_TO contradicted."
            ),
            bl.t(
                "Before / after",
                ("metric", "before", "after", "delta"),
                (
                    (k, sc["before"].get(k), sc["after"].get(k), sc["delta"].get(k))
                    for k in _SCEN
                    if k in sc["before"]
                ),
            ),
        ]
    return [bl.h(2, "Scenarios"), *out] if out else []


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
    """The report as Markdown (GitHub tables), in full."""
    lines: list[str] = []
    for b in blocks(report, full=True):
        if b.kind.startswith("h"):
            lines += ["#" * int(b.kind[1]) + " " + md_escape(b.text), ""]
        elif b.kind == "p":
            lines += [md_escape(b.text), ""]
        else:
            lines += [
                f"**{md_escape(b.text)}**",
                "",
                "| " + " | ".join(md_escape(c) for c in b.columns) + " |",
                "|" + "|".join("---" for _ in b.columns) + "|",
            ]
            lines += ["| " + " | ".join(md_escape(c) for c in r) + " |" for r in b.rows]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def to_json(report: AnalysisReport, *, indent: int | None = 2) -> str:
    """The report as strict JSON (no NaN)."""
    return json.dumps(to_jsonable(report.as_dict()), indent=indent, allow_nan=False)


def print_report(report: AnalysisReport, console: Any = None, *, full: bool = False) -> None:
    """Print the report to a rich console (default: a new stdout console); ``full`` adds
    every number and its provenance."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    con = console or Console(highlight=False, soft_wrap=True)
    for b in blocks(report, full=full):
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


def _counting(c: dict[str, Any] | None) -> str:
    """What the report's counts count: relations at class level, and the claims behind them."""
    if not c:
        return ""
    how = "with" if c["include_expanded"] else "without"
    return (
        f"Counts are of relations, {how} member-level expansions of class-level claims: "
        f"{c['relations']} relations in this layer, made by {c['claims']} claims of the source"
        + (f" (and {c['derived']} derived by rules)" if c["derived"] else "")
        + "."
    )


def _style(cell: str) -> str:
    return {
        "SUPPORTED": "bold green",
        "REPRODUCED": "green",
        "NOT SUPPORTED": "bold red",
        "NOT REPRODUCED": "red",
        "MIXED": "yellow",
        "CLOSE": "yellow",
    }.get(cell, "")


def write_report(report: AnalysisReport, out_dir: str | Path) -> list[Path]:
    """Write ``report.md`` and ``report.json`` into ``out_dir`` together (all or nothing)."""
    from rcx.graph.io import atomic_dir

    names = {"report.md": to_markdown(report), "report.json": to_json(report) + "\n"}
    with atomic_dir(out_dir) as tmp:
        for name, text in names.items():
            (tmp / name).write_text(text, encoding="utf-8")
    return [Path(out_dir) / name for name in names]
