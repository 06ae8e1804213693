"""The general checks a stated figure or weakness can name (``check:`` in ``dataset.yaml``).

Each check computes every plausible definition of its figure (a :class:`Variant` each); see
:mod:`rcx.graph.report.stated` for how they are judged, and docs/methods.md (``check-<name>``)
for each check and its parameters.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from typing import Any

import networkx as nx

from rcx.graph.report import survey as sv
from rcx.graph.report.judging import Ctx, Variant, pct_of
from rcx.graph.report.wording import fmt
from rcx.schema.vocab import Activity, Approach


def population_count(c: Ctx) -> list[Variant]:
    return [
        c.v(
            f"members of the survey population ({c.survey.label if c.survey else '-'})",
            len(c.members),
        )
    ]


def domestic_share(c: Ctx) -> list[Variant]:
    counts = sv.domestic_counts(c.g, c.members)
    dens = [("the stated size", c.survey.stated_size)] if c.survey and c.survey.stated_size else []
    dens.append(("the members in the data", len(c.members)))
    return [
        c.v(f"domestic ({k}): {sv.DOMESTIC[k][0]}; of {lbl}", pct_of(n, d), f"{n} of {d}")
        for k, n in counts.items()
        for lbl, d in dens
    ]


def provides_over_receives(c: Ctx) -> list[Variant]:
    ps = c.places("iso")
    out = []
    for pu, ru in (
        ("place instances", "place instances"),
        ("reach instances", "place instances"),
        ("fractional", "fractional"),
    ):
        p = sum(sv.provides(c.members, unit=pu).get(x, 0) for x in ps)
        r = sum(sv.receives(c.members, unit=ru).get(x, 0) for x in ps)
        pct = round(100 * (p / r - 1), 2) if r else None
        out.append(c.v(f"provides ({pu}) / receives ({ru}) - 1", pct, f"{fmt(p)} / {fmt(r)}"))
    return out


def provider_share(c: Ctx) -> list[Variant]:
    """Share of the providers outside ``excluding_iso`` that are in ``iso``."""
    inside, out_ = c.places("iso"), c.places("excluding_iso")
    g, ms = c.g, c.members
    hq_all = [p for n in ms for p in n.hq if p not in out_]
    hq_states = [p for p in hq_all if not sv.is_region_cell(g, p)]
    first = [n.hq[0] for n in ms if n.hq and n.hq[0] not in out_]
    first_states = [p for p in first if not sv.is_region_cell(g, p)]
    pool = [n for n in ms if not set(n.hq) & out_]
    rows = [
        ("HQ instances (every HQ cell)", hq_all),
        ("HQ instances, region HQ cells dropped from the denominator", hq_states),
        ("first-listed HQ of each member", first),
        ("first-listed HQ, region cells dropped", first_states),
    ]
    vs = [
        c.v(
            lbl,
            pct_of(sum(p in inside for p in xs), len(xs)),
            f"{sum(p in inside for p in xs)} of {len(xs)}",
        )
        for lbl, xs in rows
    ]
    k = sum(1 for n in pool if set(n.hq) & inside)
    vs.append(
        c.v(
            "members with an HQ there, of members with no excluded HQ",
            pct_of(k, len(pool)),
            f"{k} of {len(pool)}",
        )
    )
    return vs


def receives_relative(c: Ctx) -> list[Variant]:
    """Support received by a region, scaled to the source's count for a reference place."""
    region, ref, ref_value = c.need("region"), c.places("relative_to_iso"), c.need("relative_value")
    g, ms, out = c.g, c.members, []
    cells = {p for p in g if sv.is_region_cell(g, p) and sv.place_region(g, p) == region}
    for scope, inside in (
        ("the region and its states", lambda p: sv.place_region(g, p) == region),
        ("the region cell only", lambda p: p in cells),
    ):
        mentions = sum(1 for n in ms for p in n.works_in if inside(p))
        ngos = sum(1 for n in ms if any(inside(p) for p in n.works_in))
        ref_m = sum(1 for n in ms for p in n.works_in if p in ref)
        ref_n = sum(1 for n in ms if set(n.works_in) & ref)
        for unit, x, r in (("place mentions", mentions, ref_m), ("member counts", ngos, ref_n)):
            scaled = round(float(ref_value) * x / r, 2) if r else None
            out.append(
                c.v(
                    f"{unit}, {scope}, scaled to the reference's {fmt(ref_value)}",
                    scaled,
                    f"{x} against {r} for the reference",
                )
            )
    return out


def top_place(c: Ctx) -> list[Variant]:
    ps, side = c.places("iso"), c.p.get("side", "both")
    given = c.p.get("functions", [])
    funcs = [str(x) for x in given] if isinstance(given, list) else []
    if funcs:
        known = sum(1 for n in c.members if any(n.roles.get(f) != "unknown" for f in funcs))
        if known < 0.5 * len(c.members):
            return [
                c.v(
                    f"top receiver per function ({', '.join(funcs)})",
                    None,
                    f"roles known for only {known} of {len(c.members)} members",
                )
            ]
    tops = []
    if side in ("both", "provides"):
        tops.append(sv.ranked(c.g, sv.provides(c.members), limit=1))
    if side in ("both", "receives"):
        wanted: list[str | None] = [*funcs] or [None]  # None: every member
        for f in wanted:
            tops.append(sv.ranked(c.g, sv.receives(c.members, function=f), limit=1))
    names = [t[0]["name"] if t else "none" for t in tops]
    holds = all(t and t[0]["place"] in ps for t in tops) if tops else None
    return [c.v(f"top place, place instances ({side})", holds, "top: " + ", ".join(names))]


def cross_border_origin(c: Ctx) -> list[Variant]:
    ps = c.places("iso")
    cross = [n for n in c.members if set(n.works_in) - set(n.hq)]
    k = sum(1 for n in cross if set(n.hq) & ps)
    share = pct_of(k, len(cross))
    at_least = float(c.need("at_least"))
    return [
        c.v(
            f"share of members working beyond their HQs that have an HQ there (>= {at_least:g} %)",
            None if share is None else share >= at_least,
            f"{k} of {len(cross)} ({fmt(share)} %)",
        )
    ]


def region_provider_share(c: Ctx) -> list[Variant]:
    regions, more = set(c.need("regions")), float(c.need("more_than"))
    prov = sv.region_counts(c.g, sv.provides(c.members))
    total = sum(v for r, v in prov.items() if r != "Global")
    inside = sum(v for r, v in prov.items() if r in regions)
    share = pct_of(inside, total)
    return [
        c.v(
            f"share of HQ instances in {', '.join(sorted(regions))} (> {more:g} %)",
            None if share is None else share > more,
            f"{fmt(inside)} of {fmt(total)}",
        )
    ]


def role_ranking(c: Ctx) -> list[Variant]:
    first, last = c.need("first"), c.need("last")
    known = [n for n in c.members if any(v != "unknown" for v in n.roles.values())]
    if len(known) < 0.5 * len(c.members):
        return [
            c.v(
                "role frequencies among members",
                None,
                f"roles known for only {len(known)} of {len(c.members)} members",
            )
        ]
    yes = {f: sum(n.roles.get(f) == "yes" for n in known) for f in (first, last)}
    return [c.v("role frequencies among members", yes[first] > yes[last], fmt(yes))]


def _select(g: nx.MultiDiGraph, sel: dict[str, Any]) -> list[str]:
    """Non-place elements matching every key of ``sel`` (kind, category: any of; activities,
    approaches: shares one of)."""
    out = []
    for n, d in sorted(g.nodes(data=True)):
        if d.get("category") == "Place" or d.get("is_class"):  # classes are not members
            continue
        ok = all(
            (set(d.get(k, [])) & set(v)) if k in ("activities", "approaches") else d.get(k) in v
            for k, v in sel.items()
            if k != "working_in_regions"
        )
        if ok and "working_in_regions" in sel:
            regs = set(sel["working_in_regions"])
            ok = any(sv.place_region(g, p) in regs for p in _works(g, n, d))
        if ok:
            out.append(n)
    return out


def _works(g: nx.MultiDiGraph, n: str, d: dict[str, Any]) -> set[str]:
    return set(d.get("works_in", [])) | {
        v for _, v, e in g.out_edges(n, data=True) if e.get("type") == "WORKS_IN"
    }


def fewer_than(c: Ctx) -> list[Variant]:
    a, b = _select(c.g, dict(c.need("a"))), _select(c.g, dict(c.need("b")))
    return [
        c.v(
            "elements matching a, fewer than those matching b",
            len(a) < len(b) if b else None,
            f"{len(a)} against {len(b)}",
        )
    ]


VOCABULARY = {"activities": [a.value for a in Activity], "approaches": [a.value for a in Approach]}


def below_median(c: Ctx) -> list[Variant]:
    attr, value = c.need("attribute"), c.need("value")
    vals = VOCABULARY.get(attr) or sorted(
        {v for _, d in c.g.nodes(data=True) for v in d.get(attr, [])}
    )
    counts = {v: len(_select(c.g, {attr: [v]})) for v in vals}
    med = statistics.median(counts.values()) if counts else 0
    n = counts.get(value, 0)
    return [
        c.v(
            f"elements with {value}, fewer than the median {attr} value",
            n < med,
            f"{n} against a median of {fmt(med)}",
        )
    ]


def variety(c: Ctx) -> list[Variant]:
    """Elements matching any of ``kind`` / ``activities`` (a union), and their categories."""
    sel = {k: v for k, v in c.p.items() if k in ("kind", "category", "activities", "approaches")}
    els = (
        sorted(set().union(*(_select(c.g, {k: v}) for k, v in sel.items())))
        if sel
        else _select(c.g, {})
    )
    cats = {c.g.nodes[n].get("category") for n in els}
    lo_n, lo_c = int(c.need("min_elements")), int(c.need("min_categories"))
    return [
        c.v(
            f">= {lo_n} elements of >= {lo_c} categories",
            len(els) >= lo_n and len(cats) >= lo_c,
            f"{len(els)} elements, {len(cats)} categories",
        )
    ]


CHECKS: dict[str, Callable[[Ctx], list[Variant]]] = {
    "population-count": population_count,
    "domestic-share": domestic_share,
    "provides-over-receives": provides_over_receives,
    "provider-share": provider_share,
    "receives-relative": receives_relative,
    "top-place": top_place,
    "cross-border-origin": cross_border_origin,
    "region-provider-share": region_provider_share,
    "role-ranking": role_ranking,
    "fewer-than": fewer_than,
    "below-median": below_median,
    "variety": variety,
}
