"""The report's building blocks (headings, paragraphs, tables) and its head and tail:
the verdicts, the headline numbers, the provenance. Sections follow in
:mod:`rcx.graph.report.sections` and :mod:`rcx.graph.report.source_sections`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rcx.graph.report.rules import METHODS
from rcx.graph.report.wording import fmt


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


def _about(rule: str, verdict: str) -> bool:
    """A typology rule concerns the verdict only if it is a rule of the class chosen."""
    if not rule.startswith("typology-"):
        return True
    label = verdict.lower().removeprefix("mixed (").rstrip(")")
    return rule.startswith(f"typology-{label}_")


def verdict_blocks(d: dict[str, Any], full: bool) -> list[Block]:
    out = [h(2, "Verdicts")]
    if not d["verdicts"]:
        out.append(
            p(
                "This dataset declares no claims of its source (claims_tested in "
                "dataset.yaml): the general report follows."
            )
        )
    for v in d["verdicts"]:
        where = f" ({v['section']})" if v["section"] else ""
        out += [
            h(3, f"{v['claim']}: {v['verdict']}"),
            p(f"Claim{where}: {v['statement']}"),
            p(v["summary"]),
        ]
        rules = sorted({e["rule"] for e in v["evidence"] if e["rule"]})
        failed = sorted(
            {
                e["rule"]
                for e in v["evidence"]
                if e["held"] is False and _about(e["rule"], v["verdict"])
            }
        )
        shown = rules if full else failed
        out.append(
            p(
                f"Grade {v['grade']}; test {v['test']}: {METHODS}#test-{v['test']}"
                + (f"; {'rules' if full else 'failed'}: " if shown else "")
                + ", ".join(f"#rule-{r}" for r in shown)
            )
        )
        if full:
            out.append(
                t(
                    f"Evidence for {v['claim']}",
                    ("measure", "value", "test", "held", "rule", "computed by"),
                    (
                        (
                            e["name"],
                            e["value"],
                            e["test"],
                            "" if e["held"] is None else e["held"],
                            e["rule"],
                            e["function"],
                        )
                        for e in v["evidence"]
                    ),
                )
            )
    return out


HEAD = (
    "nodes",
    "edges",
    "density",
    "components",
    "isolates",
    "largest_component_share",
    "fragmentation",
    "degree_centralization",
    "betweenness_centralization",
    "max_degree_coverage",
    "modularity",
)
MORE = ("average_path_length", "global_efficiency", "clustering")


def headline_blocks(d: dict[str, Any], full: bool) -> list[Block]:
    comp, head = d["composition"], d["headline"]
    keys = [k for k in (HEAD + MORE if full else HEAD) if k in head]
    pairs = [(k, head[k]) for k in keys]
    half = (len(pairs) + 1) // 2  # two metric columns: half the lines
    rows = [
        (*pairs[i], *(pairs[i + half] if i + half < len(pairs) else ("", ""))) for i in range(half)
    ]
    out = [
        h(2, "Headline numbers"),
        t(f"Linkage graph ({d['layer']['name']})", ("metric", "value", "metric", "value"), rows),
        p(
            f"{comp['elements']} elements in {len(comp['by_category'])} categories, "
            f"{len(comp['by_kind'])} kinds and {len(comp['by_approach'])} approaches."
        ),
    ]
    if full:
        out.append(
            t(
                "Composition",
                ("by", "counts"),
                (
                    ("category", comp["by_category"]),
                    ("kind", comp["by_kind"]),
                    ("approach", comp["by_approach"]),
                    ("scope", comp["by_scope"]),
                ),
            )
        )
        cols = (
            "layer",
            "include_derived",
            "chosen",
            "nodes",
            "edges",
            "density",
            "components",
            "linked_share",
            "fragmentation",
            "max_degree_coverage",
            "literal_core",
        )
        out.append(
            t("Layer sensitivity", cols, ([r[c] for c in cols] for r in d["layer_sensitivity"]))
        )
    return out


def provenance_blocks(d: dict[str, Any]) -> list[Block]:
    return [
        h(2, "Provenance"),
        p(
            f"{len(d['provenance'])} entries: every evidence value and section, with the "
            "function, layer and parameters that produced it."
        ),
        t(
            "Provenance",
            ("metric", "function", "layer", "params"),
            (
                (e["metric"], e["function"], e["layer"], json.dumps(e["params"], sort_keys=True))
                for e in d["provenance"]
            ),
        ),
    ]
