"""What the source states, checked against the data: its figures and its named weaknesses.

A dataset declares them in ``dataset.yaml`` (``stated_figures:``, ``stated_weaknesses:``), each
with a ``check`` from :data:`CHECKS` and its parameters; nothing about any one source is in
this module. Survey checks run on the declared ``survey:`` population
(:mod:`rcx.graph.report.survey`); the others on every element that is not a place.

A source rarely defines its units, so a check computes every plausible definition (a
*variant*) and judges each (:func:`judge`):

* **reproduced**: equal to the source's value at the source's own rounding (56.7 % means the
  computed share rounds to 56.7 at one decimal; a count must be equal);
* **close**: within 1 percentage point, or a count within 1 % (at least 1);
* **not reproduced**, or **not computable** when the data lacks what the figure needs.

A figure's status is its best variant's; the report names that definition and lists the others
(a match under one of several definitions is weaker evidence than under one).
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

import networkx as nx

from rcx.graph.report import survey as sv
from rcx.graph.report.wording import fmt
from rcx.schema.errors import DataError
from rcx.schema.models import DatasetMeta, StatedFigure
from rcx.schema.vocab import Activity, Approach

ORDER = ("reproduced", "close", "not reproduced", "not computable")


@dataclass(frozen=True)
class Variant:
    """One definition of a stated figure and what the data gives under it."""

    definition: str
    computed: float | int | str | None
    status: str
    detail: str = ""


@dataclass(frozen=True)
class Checked:
    """A stated figure, its best variant and every variant tried."""

    id: str
    statement: str
    section: str
    stated: float | int | str | None
    check: str
    status: str
    best: Variant
    variants: tuple[Variant, ...]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _decimals(value: float | int) -> int:
    return 0 if isinstance(value, int) else len(repr(float(value)).split(".")[1].rstrip("0"))


def judge(stated: float | int, computed: float | None, unit: str) -> str:
    """Judge a computed number against the source's (module docstring).

    >>> judge(56.7, 56.74, "percent"), judge(56.7, 57.06, "percent"), judge(178, 177, "count")
    ('reproduced', 'close', 'close')
    >>> judge(45.2, 42.55, "percent"), judge(72, None, "percent")
    ('not reproduced', 'not computable')
    """
    if computed is None:
        return "not computable"
    if round(float(computed), _decimals(stated)) == float(stated):
        return "reproduced"
    tol = 1.0 if unit == "percent" else max(1.0, 0.01 * abs(float(stated)))
    return "close" if abs(float(computed) - float(stated)) <= tol + 1e-9 else "not reproduced"


def _finding(holds: bool | None) -> str:
    return "not computable" if holds is None else "reproduced" if holds else "not reproduced"


def _pct(num: float, den: float) -> float | None:
    return None if not den else round(100 * num / den, 2)


class _Ctx:
    """What the checks read: the graph, the survey members, the figure's parameters."""

    def __init__(self, g: nx.MultiDiGraph, meta: DatasetMeta, fig: StatedFigure, where: str):
        self.g, self.fig, self.p, self.where = g, fig, dict(fig.params), where
        self.survey = meta.survey
        self.members = sv.survey_ngos(g, meta.survey) if meta.survey else []

    def need(self, key: str) -> Any:
        if key not in self.p:
            raise DataError(f"check {self.fig.check!r} needs parameter {key!r}",
                            file="dataset.yaml", record=f"{self.where} {self.fig.id}",
                            field="params")
        return self.p[key]

    def places(self, key: str) -> set[str]:
        return sv.places_with_iso(self.g, self.need(key))

    def v(self, definition: str, computed: Any, detail: str = "") -> Variant:
        f = self.fig
        if f.value is None or isinstance(computed, bool | str) or computed is None:
            status = _finding(computed if isinstance(computed, bool) else None)
        else:
            status = judge(f.value, computed, f.unit)
        return Variant(definition, computed, status, detail)


def population_count(c: _Ctx) -> list[Variant]:
    return [c.v(f"members of the survey population ({c.survey.label if c.survey else '-'})",
                len(c.members))]


def domestic_share(c: _Ctx) -> list[Variant]:
    counts = sv.domestic_counts(c.g, c.members)
    dens = [("the stated size", c.survey.stated_size)] if c.survey and c.survey.stated_size else []
    dens.append(("the members in the data", len(c.members)))
    return [c.v(f"domestic ({k}): {sv.DOMESTIC[k][0]}; of {lbl}", _pct(n, d), f"{n} of {d}")
            for k, n in counts.items() for lbl, d in dens]


def provides_over_receives(c: _Ctx) -> list[Variant]:
    ps = c.places("iso")
    out = []
    for pu, ru in (("place instances", "place instances"), ("reach instances", "place instances"),
                   ("fractional", "fractional")):
        p = sum(sv.provides(c.members, unit=pu).get(x, 0) for x in ps)
        r = sum(sv.receives(c.members, unit=ru).get(x, 0) for x in ps)
        pct = round(100 * (p / r - 1), 2) if r else None
        out.append(c.v(f"provides ({pu}) / receives ({ru}) - 1", pct, f"{fmt(p)} / {fmt(r)}"))
    return out


def provider_share(c: _Ctx) -> list[Variant]:
    """Share of the providers outside ``excluding_iso`` that are in ``iso``."""
    inside, out_ = c.places("iso"), c.places("excluding_iso")
    g, ms = c.g, c.members
    hq_all = [p for n in ms for p in n.hq if p not in out_]
    hq_states = [p for p in hq_all if not sv.is_region_cell(g, p)]
    first = [n.hq[0] for n in ms if n.hq and n.hq[0] not in out_]
    first_states = [p for p in first if not sv.is_region_cell(g, p)]
    pool = [n for n in ms if not set(n.hq) & out_]
    rows = [("HQ instances (every HQ cell)", hq_all),
            ("HQ instances, region HQ cells dropped from the denominator", hq_states),
            ("first-listed HQ of each member", first),
            ("first-listed HQ, region cells dropped", first_states)]
    vs = [c.v(lbl, _pct(sum(p in inside for p in xs), len(xs)),
              f"{sum(p in inside for p in xs)} of {len(xs)}") for lbl, xs in rows]
    k = sum(1 for n in pool if set(n.hq) & inside)
    vs.append(c.v("members with an HQ there, of members with no excluded HQ", _pct(k, len(pool)),
                  f"{k} of {len(pool)}"))
    return vs


def receives_relative(c: _Ctx) -> list[Variant]:
    """Support received by a region, scaled to the source's count for a reference place."""
    region, ref, ref_value = c.need("region"), c.places("relative_to_iso"), c.need("relative_value")
    g, ms, out = c.g, c.members, []
    cells = {p for p in g if sv.is_region_cell(g, p) and sv.place_region(g, p) == region}
    for scope, inside in (("the region and its states",
                           lambda p: sv.place_region(g, p) == region),
                          ("the region cell only", lambda p: p in cells)):
        mentions = sum(1 for n in ms for p in n.works_in if inside(p))
        ngos = sum(1 for n in ms if any(inside(p) for p in n.works_in))
        ref_m = sum(1 for n in ms for p in n.works_in if p in ref)
        ref_n = sum(1 for n in ms if set(n.works_in) & ref)
        for unit, x, r in (("place mentions", mentions, ref_m), ("member counts", ngos, ref_n)):
            scaled = round(float(ref_value) * x / r, 2) if r else None
            out.append(c.v(f"{unit}, {scope}, scaled to the reference's {fmt(ref_value)}",
                           scaled, f"{x} against {r} for the reference"))
    return out


def top_place(c: _Ctx) -> list[Variant]:
    ps, side = c.places("iso"), c.p.get("side", "both")
    funcs = list(c.p.get("functions", []))
    if funcs:
        known = sum(1 for n in c.members if any(n.roles.get(f) != "unknown" for f in funcs))
        if known < 0.5 * len(c.members):
            return [c.v(f"top receiver per function ({', '.join(funcs)})", None,
                        f"roles known for only {known} of {len(c.members)} members")]
    tops = []
    if side in ("both", "provides"):
        tops.append(sv.ranked(c.g, sv.provides(c.members), limit=1))
    if side in ("both", "receives"):
        for f in funcs or [None]:
            tops.append(sv.ranked(c.g, sv.receives(c.members, function=f), limit=1))
    names = [t[0]["name"] if t else "none" for t in tops]
    holds = all(t and t[0]["place"] in ps for t in tops) if tops else None
    return [c.v(f"top place, place instances ({side})", holds, "top: " + ", ".join(names))]


def cross_border_origin(c: _Ctx) -> list[Variant]:
    ps = c.places("iso")
    cross = [n for n in c.members if set(n.works_in) - set(n.hq)]
    k = sum(1 for n in cross if set(n.hq) & ps)
    share = _pct(k, len(cross))
    at_least = float(c.need("at_least"))
    return [c.v(f"share of members working beyond their HQs that have an HQ there (>= "
                f"{at_least:g} %)", None if share is None else share >= at_least,
                f"{k} of {len(cross)} ({fmt(share)} %)")]


def region_provider_share(c: _Ctx) -> list[Variant]:
    regions, more = set(c.need("regions")), float(c.need("more_than"))
    prov = sv.region_counts(c.g, sv.provides(c.members))
    total = sum(v for r, v in prov.items() if r != "Global")
    inside = sum(v for r, v in prov.items() if r in regions)
    share = _pct(inside, total)
    return [c.v(f"share of HQ instances in {', '.join(sorted(regions))} (> {more:g} %)",
                None if share is None else share > more, f"{fmt(inside)} of {fmt(total)}")]


def role_ranking(c: _Ctx) -> list[Variant]:
    first, last = c.need("first"), c.need("last")
    known = [n for n in c.members if any(v != "unknown" for v in n.roles.values())]
    if len(known) < 0.5 * len(c.members):
        return [c.v("role frequencies among members", None,
                    f"roles known for only {len(known)} of {len(c.members)} members")]
    yes = {f: sum(n.roles.get(f) == "yes" for n in known) for f in (first, last)}
    return [c.v("role frequencies among members", yes[first] > yes[last], fmt(yes))]


def _select(g: nx.MultiDiGraph, sel: dict[str, Any]) -> list[str]:
    """Non-place elements matching every key of ``sel`` (kind, category: any of; activities,
    approaches: shares one of)."""
    out = []
    for n, d in sorted(g.nodes(data=True)):
        if d.get("category") == "Place":
            continue
        ok = all((set(d.get(k, [])) & set(v)) if k in ("activities", "approaches")
                 else d.get(k) in v for k, v in sel.items() if k != "working_in_regions")
        if ok and "working_in_regions" in sel:
            regs = set(sel["working_in_regions"])
            ok = any(sv.place_region(g, p) in regs for p in _works(g, n, d))
        if ok:
            out.append(n)
    return out


def _works(g: nx.MultiDiGraph, n: str, d: dict[str, Any]) -> set[str]:
    return set(d.get("works_in", [])) | {v for _, v, e in g.out_edges(n, data=True)
                                         if e.get("type") == "WORKS_IN"}


def fewer_than(c: _Ctx) -> list[Variant]:
    a, b = _select(c.g, dict(c.need("a"))), _select(c.g, dict(c.need("b")))
    return [c.v("elements matching a, fewer than those matching b", len(a) < len(b) if b else
                None, f"{len(a)} against {len(b)}")]


VOCABULARY = {"activities": [a.value for a in Activity],
              "approaches": [a.value for a in Approach]}


def below_median(c: _Ctx) -> list[Variant]:
    attr, value = c.need("attribute"), c.need("value")
    vals = VOCABULARY.get(attr) or sorted({v for _, d in c.g.nodes(data=True)
                                           for v in d.get(attr, [])})
    counts = {v: len(_select(c.g, {attr: [v]})) for v in vals}
    med = statistics.median(counts.values()) if counts else 0
    n = counts.get(value, 0)
    return [c.v(f"elements with {value}, fewer than the median {attr} value", n < med,
                f"{n} against a median of {fmt(med)}")]


def variety(c: _Ctx) -> list[Variant]:
    """Elements matching any of ``kind`` / ``activities`` (a union), and their categories."""
    sel = {k: v for k, v in c.p.items() if k in ("kind", "category", "activities", "approaches")}
    els = (sorted(set().union(*(_select(c.g, {k: v}) for k, v in sel.items()))) if sel
           else _select(c.g, {}))
    cats = {c.g.nodes[n].get("category") for n in els}
    lo_n, lo_c = int(c.need("min_elements")), int(c.need("min_categories"))
    return [c.v(f">= {lo_n} elements of >= {lo_c} categories", len(els) >= lo_n and
                len(cats) >= lo_c, f"{len(els)} elements, {len(cats)} categories")]


CHECKS: dict[str, Callable[[_Ctx], list[Variant]]] = {
    "population-count": population_count, "domestic-share": domestic_share,
    "provides-over-receives": provides_over_receives, "provider-share": provider_share,
    "receives-relative": receives_relative, "top-place": top_place,
    "cross-border-origin": cross_border_origin, "region-provider-share": region_provider_share,
    "role-ranking": role_ranking, "fewer-than": fewer_than, "below-median": below_median,
    "variety": variety,
}


def check(g: nx.MultiDiGraph, meta: DatasetMeta, fig: StatedFigure, where: str) -> Checked:
    """Run one stated figure's check; the best variant decides its status."""
    vs = CHECKS[fig.check](_Ctx(g, meta, fig, where))

    def rank(v: Variant) -> tuple[int, float]:
        gap = (abs(float(v.computed) - float(fig.value)) if fig.value is not None
               and isinstance(v.computed, int | float) and not isinstance(v.computed, bool)
               else 0.0)
        return ORDER.index(v.status), gap

    best = min(vs, key=rank)
    return Checked(fig.id, fig.statement, fig.section or "", fig.value, fig.check, best.status,
                   best, tuple(vs))


def check_all(g: nx.MultiDiGraph, meta: DatasetMeta) -> dict[str, list[Checked]]:
    """Every stated figure and weakness of ``meta`` checked on ``g``."""
    return {"figures": [check(g, meta, f, "stated_figures") for f in meta.stated_figures],
            "weaknesses": [check(g, meta, f, "stated_weaknesses")
                           for f in meta.stated_weaknesses]}
