"""The report's sections on what the dataset declares about its source: the stated figures
and weaknesses, the surveyed population, the declared functions (and the general gap tables).
"""

from __future__ import annotations

from typing import Any

from rcx.graph.report.blocks import Block, h, p, t
from rcx.graph.report.wording import fmt


def stated_blocks(s: dict[str, Any], full: bool) -> list[Block]:
    st = s.get("stated")
    if not st:
        return []
    out: list[Block] = [h(2, "What the source states, against the data")]
    for key, title in (
        ("figures", "Stated figures and findings"),
        ("weaknesses", "Weaknesses the source names"),
    ):
        rows = st[key]
        if not rows:
            continue
        out += [
            t(
                title,
                ("id", "stated", "computed", "status"),
                (
                    (
                        r["id"],
                        "finding" if r["stated"] is None else r["stated"],
                        r["best"]["computed"],
                        r["status"].upper(),
                    )
                    for r in rows
                ),
            )
        ]
        if full:
            out.append(
                t(
                    "Every definition tried",
                    ("id", "definition", "computed", "detail", "status"),
                    (
                        (r["id"], v["definition"], v["computed"], v["detail"], v["status"])
                        for r in rows
                        for v in r["variants"]
                    ),
                )
            )
    return out


def survey_blocks(s: dict[str, Any], full: bool) -> list[Block]:
    sv = s.get("survey")
    if not sv:
        return []
    size = f" (the source says {sv['stated_size']})" if sv["stated_size"] else ""
    out = [
        h(2, f"The survey population: {sv['population']}"),
        p(
            f"{sv['members']} members in the data{size}; {sv['same_kind_elsewhere']} more of "
            "the same kind are named elsewhere and not surveyed."
        ),
    ]
    if full:
        out += [
            t(
                "Roles (unknown is not no)",
                ("function", "yes", "no", "unknown"),
                ((r["function"], r["yes"], r["no"], r["unknown"]) for r in sv["roles"]),
            ),
            t(
                "Domestic work",
                ("definition", "members", "meaning"),
                ((r["definition"], r["members"], r["meaning"]) for r in sv["domestic"]),
            ),
            t(
                "Top providers (HQ place instances)",
                ("place", "region", "count"),
                ((r["name"], r["region"], r["count"]) for r in sv["top_providers"]),
            ),
            t(
                "Top receivers (working-place instances)",
                ("place", "region", "count"),
                ((r["name"], r["region"], r["count"]) for r in sv["top_receivers"]),
            ),
            t(
                "By region",
                ("region", "provides", "receives", "net"),
                ((r["region"], r["provides"], r["receives"], r["net"]) for r in sv["by_region"]),
            ),
        ]
    return out


def gaps_blocks(s: dict[str, Any], d: dict[str, Any], full: bool) -> list[Block]:
    gp = s["gaps"]
    declared = (d.get("declared") or {}).get("functions") or {}
    out = [h(2, "Gaps")]
    if declared:
        out.append(
            t(
                "Declared functions (unknown is not no)",
                ("function", "yes", "no", "unknown"),
                (
                    (r["function"], r["yes"], r["no"], r["unknown"])
                    for r in gp["tables"]["functions"]
                    if r["function"] in declared
                ),
            )
        )
    out.append(
        p(
            "Thinnest activities: "
            + fmt(gp["thinnest"]["activities"])
            + "; approaches: "
            + fmt(gp["thinnest"]["approaches"])
            + "."
        )
    )
    if full:
        out.append(
            t(
                "Regions: elements working / headquartered there",
                ("region", "working", "headquartered"),
                (
                    (r["region"], r["working_here"], r["headquartered_here"])
                    for r in gp["tables"]["regions"]
                ),
            )
        )
    return out
