"""Gaps: functions, activities, sectors and places with few elements, and the paper's weaknesses.

Population: every element that is not a place (states and regions are where elements work, not
elements of the response). Counts are of elements; an element counts once per value it has.

* functions: per function (prevention, protection, prosecution) how many elements are yes / no /
  unknown (*unknown is not no*: most roles are simply not stated), and the yes counts by category;
* activities and approaches: elements per value of the closed vocabularies, zeros included;
* sectors: elements per category and kind; the private sector split into *commercial*
  (corporations, business coalitions, corporate policies) and *not-for-profit* (NGOs);
* places: per place, the elements working there (WORKS_IN) and headquartered there; per broad
  region (:func:`rcx.graph.analysis.regions.place_region`).

The *thinnest* of each list are the values with the fewest elements (ties by name).

The paper's named weaknesses (Part IV.A) are flagged with measured counts and an explicit rule:

* demand reduction (fn 292): supported if fewer elements have ``demand_reduction`` than the
  median activity;
* private-sector participation (fns 139, 279): supported if commercial actors are fewer than
  NGOs (the paper's comparison);
* information discrepancy (fns 264-278): supported if information is produced by 3 or more
  elements of 2 or more categories (data collection, reporting, monitoring; databases and
  report series) -- a variety of sources is what the paper blames;
* information gaps by region (fns 274-276): supported if fewer elements work in Africa, the
  Middle East and Latin America together than in Europe and Asia.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from rcx.graph.analysis.regions import place_region
from rcx.schema.vocab import FUNCTIONS, Activity, Category, ElementKind, RelationType
from rcx.schema.vocabulary import of_graph

COMMERCIAL = (
    ElementKind.CORPORATION.value,
    ElementKind.BUSINESS_COALITION.value,
    ElementKind.CORPORATE_POLICY.value,
)
NOT_FOR_PROFIT = (ElementKind.NGO.value,)
INFORMATION_ACTIVITIES = (
    Activity.DATA_COLLECTION.value,
    Activity.REPORTING.value,
    Activity.MONITORING.value,
)
INFORMATION_KINDS = (ElementKind.DATABASE.value, ElementKind.REPORT_SERIES.value)
UNDER_RESEARCHED = ("Africa", "Middle East", "Latin America")
CAVEATS = (
    "Roles, activities and approaches are recorded only where the source states them: a low "
    "count means few elements are *stated* to do it (Appendix Two's role shading was lost).",
    "Places count the elements whose location the source gives; most located elements are "
    "Appendix Two NGOs, so the place tables mostly describe the NGO survey.",
)
OVER_RESEARCHED = (
    "Europe",
    "South East Asia",
    "South Asia",
    "East Asia",
    "Central Asia",
    "Asia (unspecified)",
)


@dataclass(frozen=True)
class WeaknessFlag:
    """A weakness the paper names, what the data measures, and whether it supports it."""

    weakness: str
    section: str
    measured: dict[str, Any]
    rule: str
    verdict: str  # supported | not supported | not measurable

    def as_dict(self) -> dict[str, Any]:
        return {
            "weakness": self.weakness,
            "section": self.section,
            "measured": dict(self.measured),
            "rule": self.rule,
            "verdict": self.verdict,
        }


@dataclass(frozen=True)
class Gaps:
    tables: dict[str, list[dict[str, Any]]]
    thinnest: dict[str, list[str]]
    flags: tuple[WeaknessFlag, ...]
    params: dict[str, Any] = field(default_factory=dict)
    caveats: tuple[str, ...] = CAVEATS

    def as_dict(self) -> dict[str, Any]:
        return {
            "tables": self.tables,
            "thinnest": self.thinnest,
            "flags": [f.as_dict() for f in self.flags],
            "params": dict(self.params),
            "caveats": list(self.caveats),
        }


def _elements(g: nx.MultiDiGraph) -> dict[str, Mapping[str, Any]]:
    return {
        n: d for n, d in sorted(g.nodes(data=True)) if d.get("category") != Category.PLACE.value
    }


def _value_counts(
    els: Iterable[Mapping[str, Any]], attr: str, key: str, vocab: Iterable[str]
) -> list[dict[str, Any]]:
    c = Counter(v for d in els for v in set(d.get(attr, [])))
    return [{key: v, "elements": c[v]} for v in vocab]


def _thinnest(
    rows: list[dict[str, Any]], key: str, count: str = "elements", k: int = 5
) -> list[str]:
    return [r[key] for r in sorted(rows, key=lambda r: (r[count], str(r[key])))[:k]]


def _sorted(c: Counter[str]) -> list[tuple[str, int]]:
    return sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))


def gaps(g: nx.MultiDiGraph, *, k: int = 5) -> Gaps:
    """Counts by function status, activity, approach, sector and place; the weakness flags."""
    els = _elements(g)
    vals = list(els.values())
    functions = [
        {
            "function": f,
            **{
                s: sum(1 for d in vals if d.get(f, "unknown") == s)
                for s in ("yes", "no", "unknown")
            },
        }
        for f in FUNCTIONS
    ]
    by_cat_fn = []
    for cat in sorted({str(d.get("category")) for d in vals}):
        members = [d for d in vals if d.get("category") == cat]
        by_cat_fn.append(
            {
                "category": cat,
                "elements": len(members),
                **{f"{f}_yes": sum(1 for d in members if d.get(f) == "yes") for f in FUNCTIONS},
            }
        )
    vocab = of_graph(g.graph)  # built-in values, then the dataset's own
    activities = _value_counts(vals, "activities", "activity", list(vocab.activities))
    approaches = _value_counts(vals, "approaches", "approach", list(vocab.approaches))
    categories = [
        {"category": c, "elements": n}
        for c, n in _sorted(Counter(str(d.get("category")) for d in vals))
    ]
    kinds = [
        {"kind": c, "elements": n} for c, n in _sorted(Counter(str(d.get("kind")) for d in vals))
    ]
    commercial = [n for n, d in els.items() if d.get("kind") in COMMERCIAL]
    ngos = [n for n, d in els.items() if d.get("kind") in NOT_FOR_PROFIT]
    sectors = [
        {
            "sector": "commercial (corporations, coalitions, corporate policies)",
            "elements": len(commercial),
        },
        {"sector": "not-for-profit (NGOs)", "elements": len(ngos)},
        {
            "sector": "sports bodies",
            "elements": sum(1 for d in vals if d.get("kind") == ElementKind.SPORTS_BODY.value),
        },
    ]
    places, regions, working = _place_tables(g)
    tables = {
        "functions": functions,
        "functions_by_category": by_cat_fn,
        "activities": activities,
        "approaches": approaches,
        "categories": categories,
        "kinds": kinds,
        "private_sector": sectors,
        "places": places,
        "regions": regions,
    }
    thinnest: dict[str, list[str]] = {
        "activities": _thinnest(activities, "activity", k=k),
        "approaches": _thinnest(approaches, "approach", k=k),
        "categories": _thinnest(categories, "category", k=k),
        "functions": _thinnest(functions, "function", count="yes", k=len(functions)),
        "places": _thinnest(places, "name", count="working_here", k=k),
        "regions": _thinnest(
            [r for r in regions if r["region"] != "Global"], "region", count="working_here", k=k
        ),
    }
    flags = (
        _demand_flag(activities),
        _private_flag(els, commercial, ngos),
        _information_flag(els),
        _region_flag(working),
    )
    return Gaps(
        tables,
        thinnest,
        flags,
        {
            "function": "rcx.graph.analysis.gaps.gaps",
            "k": k,
            "population": "elements that are not places",
        },
    )


def _place_tables(
    g: nx.MultiDiGraph,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, set[str]]]:
    working: dict[str, set[str]] = {}
    hq: dict[str, set[str]] = {}
    for u, v, d in g.edges(data=True):
        if d.get("type") == RelationType.WORKS_IN.value:
            working.setdefault(v, set()).add(u)
        elif d.get("type") == RelationType.HEADQUARTERED_IN.value:
            hq.setdefault(v, set()).add(u)
    for n, d in g.nodes(data=True):  # location fields, when edges were not built from them
        for p in d.get("works_in", []):
            working.setdefault(p, set()).add(n)
        for p in d.get("headquarters", []):
            hq.setdefault(p, set()).add(n)
    places = []
    for p, d in sorted(g.nodes(data=True)):
        if d.get("category") != Category.PLACE.value:
            continue
        places.append(
            {
                "place": p,
                "name": str(d.get("name", p)),
                "kind": d.get("kind"),
                "region": place_region(g, p),
                "working_here": len(working.get(p, ())),
                "headquartered_here": len(hq.get(p, ())),
            }
        )
    reg_w: dict[str, set[str]] = {}
    reg_h: dict[str, set[str]] = {}
    for row in places:
        reg_w.setdefault(row["region"], set()).update(working.get(row["place"], ()))
        reg_h.setdefault(row["region"], set()).update(hq.get(row["place"], ()))
    regions = [
        {"region": r, "working_here": len(reg_w[r]), "headquartered_here": len(reg_h[r])}
        for r in sorted(reg_w, key=lambda r: (-len(reg_w[r]), r))
    ]
    return places, regions, reg_w


def _demand_flag(activities: list[dict[str, Any]]) -> WeaknessFlag:
    counts = {r["activity"]: r["elements"] for r in activities}
    n = counts.get(Activity.DEMAND_REDUCTION.value, 0)
    median = statistics.median(counts.values()) if counts else 0
    rank = 1 + sum(1 for v in counts.values() if v > n)
    return WeaknessFlag(
        "few initiatives reduce demand",
        "IV.A (fn 292)",
        {
            "demand_reduction_elements": n,
            "median_activity_elements": median,
            "rank_among_activities": f"{rank} of {len(counts)}",
        },
        "supported if demand_reduction has fewer elements than the median activity",
        "supported" if n < median else "not supported",
    )


def _private_flag(
    els: Mapping[str, Mapping[str, Any]], commercial: list[str], ngos: list[str]
) -> WeaknessFlag:
    supply = sum(1 for d in els.values() if Activity.SUPPLY_CHAIN.value in d.get("activities", []))
    measured = {
        "commercial_elements": len(commercial),
        "ngo_elements": len(ngos),
        "commercial_per_ngo": round(len(commercial) / len(ngos), 4) if ngos else None,
        "supply_chain_elements": supply,
        "commercial": commercial,
    }
    verdict = (
        "not measurable"
        if not ngos
        else ("supported" if len(commercial) < len(ngos) else "not supported")
    )
    return WeaknessFlag(
        "little private-sector (commercial) participation",
        "IV.A (fn 279); II.C.3(b) (fn 139)",
        measured,
        "supported if commercial actors are fewer than NGOs",
        verdict,
    )


def _information_flag(els: Mapping[str, Mapping[str, Any]]) -> WeaknessFlag:
    producers = sorted(
        n
        for n, d in els.items()
        if d.get("kind") in INFORMATION_KINDS
        or set(d.get("activities", [])) & set(INFORMATION_ACTIVITIES)
    )
    cats = sorted({str(els[n].get("category")) for n in producers})
    return WeaknessFlag(
        "information discrepancy: many producers, different methods",
        "IV.A (fns 264-278)",
        {"information_producers": len(producers), "categories": cats, "producers": producers},
        "supported if 3 or more elements of 2 or more categories collect or publish information",
        "supported" if len(producers) >= 3 and len(cats) >= 2 else "not supported",
    )


def _region_flag(working: Mapping[str, set[str]]) -> WeaknessFlag:
    w = {r: len(s) for r, s in working.items()}
    under = len(set().union(*(working.get(r, set()) for r in UNDER_RESEARCHED)))
    over = len(set().union(*(working.get(r, set()) for r in OVER_RESEARCHED)))
    verdict = (
        "not measurable"
        if not (under or over)
        else ("supported" if under < over else "not supported")
    )
    return WeaknessFlag(
        "little attention to Africa, the Middle East and South America",
        "IV.A (fns 274-276)",
        {
            "working_in_africa_middle_east_latin_america": under,
            "working_in_europe_and_asia": over,
            "by_region": {r: w.get(r, 0) for r in (*UNDER_RESEARCHED, *OVER_RESEARCHED)},
        },
        "supported if fewer elements work in Africa, the Middle East and Latin America than in "
        "Europe and Asia (elements counted once per region group)",
        verdict,
    )
