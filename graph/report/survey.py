"""A surveyed population recomputed from the graph: where its members are and where they work.

**Population.** A dataset may declare that its source surveys a population (``survey:`` in
``dataset.yaml``: the elements of one ``kind`` whose provenance section is ``section``, e.g.
an appendix table). Members of that kind named only elsewhere are counted but not surveyed.

**Places.** A member's headquarters are its ``headquarters`` place ids (plus any
``HEADQUARTERED_IN`` edge); where it works, its ``works_in`` ids (plus ``WORKS_IN`` edges). The
region ``Global`` (id ``global`` or name "Global") is not a place anyone can be located in: it is
counted separately and left out of place rankings. *Region cells* are places of kind
``region`` (a table cell that names a region, not a state).

**Support instances** (a source rarely defines its unit; every definition is reported):

* *place instances*: one instance per member x place. "Provides" counts a member once for each
  of its headquarters; "receives" counts it once for each place it works in.
* *reach instances* ("provides" only): a member headquartered at P provides one instance to
  every place it works in (Global counts as one), so P provides the sum of its members' places.
* *fractional*: each member is one unit, split equally over its headquarters ("provides") or
  over its working places ("receives").

**Domestic work** (:data:`DOMESTIC`): several definitions, all reported, since a source rarely
says how it decided that an organisation works "at home".

The stated figures a source gives about its survey are data (``stated_figures:``), checked by
:mod:`rcx.graph.report.stated`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from rcx.graph.analysis.regions import (
    GLOBAL,
    is_global,
    is_region_cell,
    place_name,
    place_region,
    places_with_iso,
)
from rcx.schema.models import SurveySpec
from rcx.schema.vocab import FUNCTIONS, ElementKind, RelationType

__all__ = ["GLOBAL", "is_global", "is_region_cell", "place_name", "place_region", "places_with_iso"]

# --------------------------------------------------------------------------------------------
# Reading the graph
# --------------------------------------------------------------------------------------------


_LEGACY = SurveySpec(label="NGOs of section VII", kind=ElementKind.NGO, section="VII")


@dataclass(frozen=True)
class SurveyNGO:
    """One surveyed member: where it is headquartered, where it works, its roles as recorded."""

    id: str
    name: str
    hq: tuple[str, ...]
    works_in: tuple[str, ...]
    roles: Mapping[str, str]

    @property
    def places_worked(self) -> tuple[str, ...]:
        """Working places other than Global."""
        return tuple(p for p in self.works_in if p != GLOBAL)


def _section(d: Mapping[str, Any]) -> str:
    prov = d.get("provenance") or {}
    return str(prov.get("section", "")) if isinstance(prov, Mapping) else ""


def in_population(d: Mapping[str, Any], spec: SurveySpec) -> bool:
    """Is a node (its data ``d``) a member of the survey ``spec`` (a ``SurveySpec``)?"""
    # a class ("NGOs") is a group the source speaks of as a whole, not a surveyed member
    return (
        d.get("kind") == spec.kind.value and _section(d) == spec.section and not d.get("is_class")
    )


def _targets(g: nx.MultiDiGraph, n: str, rtype: RelationType) -> list[str]:
    return [v for _, v, d in g.out_edges(n, data=True) if d.get("type") == rtype.value]


def _ordered_union(*lists: Iterable[str]) -> tuple[str, ...]:
    out: list[str] = []
    for items in lists:
        out += [x for x in items if x not in out]
    return tuple(out)


def survey_ngos(g: nx.MultiDiGraph, spec: SurveySpec | None = None) -> list[SurveyNGO]:
    """The members of survey ``spec`` (the dataset's ``SurveySpec``), sorted by id.

    ``spec=None`` is a stopgap for callers that do not read ``dataset.yaml`` yet
    (graph/figures): NGOs whose provenance section is ``VII``. Pass ``meta.survey``.
    """
    spec = spec if spec is not None else _LEGACY
    out = []
    for n, d in sorted(g.nodes(data=True)):
        if not in_population(d, spec):
            continue
        hq = _ordered_union(
            d.get("headquarters", []), _targets(g, n, RelationType.HEADQUARTERED_IN)
        )
        works = _ordered_union(d.get("works_in", []), _targets(g, n, RelationType.WORKS_IN))
        roles = {f: str(d.get(f, "unknown")) for f in FUNCTIONS}
        out.append(SurveyNGO(n, str(d.get("name", n)), hq, works, roles))
    return out


# --------------------------------------------------------------------------------------------
# Counting support
# --------------------------------------------------------------------------------------------


Counts = dict[str, float]


def _add(c: Counts, key: str, x: float) -> None:
    c[key] = c.get(key, 0) + x


def provides(ngos: Iterable[SurveyNGO], *, unit: str = "place instances") -> Counts:
    """Support provided per headquarters place, under ``unit`` (see the module docstring)."""
    c: Counts = {}
    for ngo in ngos:
        for p in ngo.hq:
            if unit == "place instances":
                _add(c, p, 1)
            elif unit == "reach instances":
                _add(c, p, len(ngo.works_in))
            elif unit == "fractional":
                _add(c, p, 1 / len(ngo.hq))
            else:
                raise ValueError(f"unknown unit {unit!r}")
    return c


def receives(
    ngos: Iterable[SurveyNGO], *, unit: str = "place instances", function: str | None = None
) -> Counts:
    """Support received per working place; ``function`` keeps NGOs known to perform it."""
    c: Counts = {}
    for ngo in ngos:
        if function is not None and ngo.roles.get(function) != "yes":
            continue
        for p in ngo.works_in:
            if unit == "place instances":
                _add(c, p, 1)
            elif unit == "fractional":
                _add(c, p, 1 / len(ngo.works_in))
            else:
                raise ValueError(f"unknown unit {unit!r}")
    return c


def _ranked(
    g: nx.MultiDiGraph, counts: Counts, *, limit: int | None = None
) -> list[dict[str, Any]]:
    items = sorted(
        ((p, n) for p, n in counts.items() if not is_global(g, p)), key=lambda kv: (-kv[1], kv[0])
    )
    rows = [
        {"place": p, "name": place_name(g, p), "region": place_region(g, p), "count": _r(n)}
        for p, n in items
    ]
    return rows[:limit] if limit else rows


def _r(x: float) -> float | int:
    return int(x) if float(x).is_integer() else round(float(x), 4)


def _pct(num: float, den: float) -> float | None:
    return None if den == 0 else round(100 * num / den, 2)


def ranked(g: nx.MultiDiGraph, counts: Counts, *, limit: int | None = None) -> list[dict[str, Any]]:
    """Places by count, largest first (ties by id), Global left out."""
    return _ranked(g, counts, limit=limit)


def region_counts(g: nx.MultiDiGraph, counts: Counts) -> Counts:
    """Counts per place summed per broad region (:func:`place_region`)."""
    by: Counts = {}
    for p, n in counts.items():
        _add(by, place_region(g, p), n)
    return by


# --------------------------------------------------------------------------------------------
# Domestic work
# --------------------------------------------------------------------------------------------

Domestic = Callable[[nx.MultiDiGraph, SurveyNGO], bool]


def _states(g: nx.MultiDiGraph, places: Iterable[str]) -> set[str]:
    return {p for p in places if not is_region_cell(g, p)}


def _states_only(g: nx.MultiDiGraph, n: SurveyNGO) -> bool:
    hq = _states(g, n.hq)
    return bool(hq) and bool(n.works_in) and not set(n.works_in) - hq


DOMESTIC: dict[str, tuple[str, Domestic]] = {
    "real states only": (
        "works only in real states, exactly its headquarters states (a region cell such as "
        "Global or Europe is never domestic)",
        lambda g, n: _states_only(g, n) and set(n.works_in) == _states(g, n.hq),
    ),
    "equal": (
        "its working places equal its headquarters places (region cells included)",
        lambda g, n: bool(n.hq) and set(n.works_in) == set(n.hq),
    ),
    "subset": (
        "every working place is one of its headquarters",
        lambda g, n: bool(n.works_in) and set(n.works_in) <= set(n.hq),
    ),
    "overlap": (
        "it works in at least one of its headquarters places",
        lambda g, n: bool(set(n.works_in) & set(n.hq)),
    ),
}


def domestic_counts(g: nx.MultiDiGraph, members: list[SurveyNGO]) -> dict[str, int]:
    """Members working domestically under each definition of :data:`DOMESTIC`."""
    return {k: sum(1 for n in members if test(g, n)) for k, (_, test) in DOMESTIC.items()}


# --------------------------------------------------------------------------------------------
# The tables
# --------------------------------------------------------------------------------------------


def role_table(members: list[SurveyNGO], functions: Iterable[str]) -> list[dict[str, Any]]:
    """Per declared function: members recorded yes / no / unknown (unknown is not no)."""
    rows = []
    for f in functions:
        c = Counter(n.roles.get(f, "unknown") for n in members)
        rows.append({"function": f, "yes": c["yes"], "no": c["no"], "unknown": c["unknown"]})
    return rows


def survey_tables(
    g: nx.MultiDiGraph, spec: SurveySpec, functions: Iterable[str] = ()
) -> dict[str, Any]:
    """The survey population's tables: size, roles (declared functions only), domestic work
    under every definition, top providers and receivers, support by region."""
    members = survey_ngos(g, spec)
    elsewhere = sum(
        1
        for _, d in g.nodes(data=True)
        if d.get("kind") == spec.kind.value and not d.get("is_class") and not in_population(d, spec)
    )
    prov, rec = provides(members), receives(members)
    rp, rr = region_counts(g, prov), region_counts(g, rec)
    regions = sorted(set(rp) | set(rr), key=lambda r: (-rr.get(r, 0), r))
    dom = domestic_counts(g, members)
    dens = [("members", len(members))]
    if spec.stated_size:
        dens.append(("stated size", spec.stated_size))
    return {
        "population": spec.label,
        "members": len(members),
        "stated_size": spec.stated_size,
        "same_kind_elsewhere": elsewhere,
        "roles": role_table(members, functions),
        "domestic": [
            {
                "definition": k,
                "meaning": DOMESTIC[k][0],
                "members": v,
                **{f"percent_of_{lbl.replace(' ', '_')}": _pct(v, d) for lbl, d in dens},
            }
            for k, v in dom.items()
        ],
        "top_providers": _ranked(g, prov, limit=10),
        "top_receivers": _ranked(g, rec, limit=10),
        "by_region": [
            {
                "region": r,
                "provides": _r(rp.get(r, 0)),
                "receives": _r(rr.get(r, 0)),
                "net": _r(rp.get(r, 0) - rr.get(r, 0)),
            }
            for r in regions
        ],
        "global": {
            "works_globally": sum(1 for n in members if GLOBAL in n.works_in),
            "headquartered_globally": sum(1 for n in members if GLOBAL in n.hq),
        },
    }
