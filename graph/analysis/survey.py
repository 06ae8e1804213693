"""The NGO survey (the paper's Appendix Two, Part II.C.3(a)(iv)-(v)) recomputed from the graph.

**Population.** The survey is the rows of Appendix Two: elements of kind ``ngo`` whose provenance
section is ``VII`` (the appendix). NGOs the paper names only in its body (other sections) are
counted and reported but not used: they were not part of the survey.

**Places.** An NGO's headquarters are its ``headquarters`` place ids (plus any
``HEADQUARTERED_IN`` edge); where it works, its ``works_in`` ids (plus ``WORKS_IN`` edges). The
region ``Global`` (id ``global`` or name "Global") is not a place anyone can be located in: it is
counted separately and left out of place rankings.

**Support instances** (the paper never defines its unit; every definition tried is reported):

* *place instances*: one instance per NGO x place. "Provides" counts an NGO once for each of its
  headquarters; "receives" counts it once for each place it works in.
* *reach instances* ("provides" only): an NGO headquartered at P provides one instance to every
  place it works in (Global counts as one), so P provides the sum of its NGOs' working places.
* *fractional*: each NGO is one unit, split equally over its headquarters ("provides") or over
  its working places ("receives").

**Roles.** The table's shaded role cells were lost in the PDF-to-text extraction: an NGO's
prevention / protection / prosecution is only known where the paper's body states it. Figures
2.2-2.5 (which need every NGO's roles) therefore cannot be reproduced; the known-role counts are
reported as what the data allows.

**Judging a stated figure** (:func:`judge`): a count is *reproduced* when equal; a percentage
when within 1 percentage point; a qualitative claim when it holds. *Close*: within 10% of the
paper's value (relative). Otherwise *not reproduced*; *not computable* when the data lacks what
the figure needs (the ``why`` says what).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

import networkx as nx

from rcx.schema.vocab import FUNCTIONS, ElementKind, RelationType

Status = Literal["reproduced", "close", "not reproduced", "not computable"]

SURVEY_SECTION = "VII"
GLOBAL = "global"
US = "united-states"
US_ISO = "US"
PAPER_ROWS = 178
# Canada, UK, Netherlands, Germany, Italy, New Zealand, Australia (II.C.3(a)(v)).
SEVEN_ISO = ("CA", "GB", "NL", "DE", "IT", "NZ", "AU")
WESTERN_REGIONS = ("North America", "Europe", "Oceania")

# Broad regions for states, keyed by ISO 3166 alpha-2 (a documented, hand-made table: the
# dataset's region elements carry no membership, and the paper names regions loosely). A state
# not listed here falls back to its own ``region`` attribute, else "Unmapped".
REGION_OF_ISO: dict[str, str] = {
    **dict.fromkeys(("US", "CA", "MX"), "North America"),
    **dict.fromkeys(("BO", "EC", "NI", "VE", "BR", "AR", "CL", "CO", "PE", "GT", "HN", "SV",
                     "HT", "DO", "CU", "PY", "UY"), "Latin America"),
    **dict.fromkeys(("BY", "BE", "DE", "IT", "NL", "NO", "RO", "RU", "RS", "UA", "GB", "FR",
                     "ES", "PT", "IE", "SE", "DK", "FI", "PL", "CZ", "SK", "HU", "AT", "CH",
                     "GR", "BG", "AL", "MD", "HR", "BA", "SI", "MK", "ME", "XK", "LT", "LV",
                     "EE", "LU", "IS", "CY", "MT"), "Europe"),
    **dict.fromkeys(("BH", "IL", "QA", "AE", "SA", "JO", "LB", "IQ", "IR", "SY", "YE", "KW",
                     "OM", "TR", "PS"), "Middle East"),
    **dict.fromkeys(("DZ", "EG", "LY", "ML", "SN", "NG", "KE", "TZ", "ZA", "ZW", "BW", "MA",
                     "TN", "GH", "UG", "ET", "CD", "CM", "CI", "MZ", "ZM", "MW", "SD", "SO",
                     "RW", "BJ", "TG", "NE", "BF", "SL", "LR", "GN", "NA", "AO", "MG"),
                    "Africa"),
    **dict.fromkeys(("AF", "BD", "IN", "NP", "PK", "LK", "BT", "MV"), "South Asia"),
    **dict.fromkeys(("KH", "ID", "LA", "MM", "PH", "SG", "TH", "VN", "MY", "BN", "TL"),
                    "South East Asia"),
    **dict.fromkeys(("CN", "JP", "KR", "KP", "MN", "TW", "HK"), "East Asia"),
    **dict.fromkeys(("KZ", "KG", "TJ", "TM", "UZ"), "Central Asia"),
    **dict.fromkeys(("AU", "NZ", "FJ", "PG"), "Oceania"),
}
# Region elements (the paper's own regions), by id or lower-cased name.
REGION_OF_REGION: dict[str, str] = {
    "global": "Global",
    "africa": "Africa",
    "southern-africa": "Africa",
    "asia": "Asia (unspecified)",
    "europe": "Europe",
    "eastern-europe": "Europe",
    "south-east-asia": "South East Asia",
    "greater-mekong-subregion": "South East Asia",
    "middle-east": "Middle East",
    "south-america": "Latin America",
}

_PERCENT_TOLERANCE = 1.0  # percentage points
_CLOSE_RELATIVE = 0.10

DEFINITIONS: dict[str, str] = {
    "population": "NGO elements (kind ngo) whose provenance section is VII (Appendix Two rows)",
    "place instances": "one instance per NGO x place: provides = per headquarters place, "
    "receives = per working place; Global counted separately, never as a place",
    "reach instances": "provides only: an NGO headquartered at P gives one instance to each "
    "place it works in (Global counts once); P provides the sum over its NGOs",
    "fractional": "each NGO is one unit, split equally over its headquarters (provides) or its "
    "working places (receives)",
    "domestic (equal)": "the NGO's working place set equals its headquarters place set",
    "domestic (subset)": "every working place is one of the headquarters (works_in within HQ)",
    "domestic (overlap)": "the NGO works in at least one of its headquarters places",
    "cross-border": "the NGO works in some place (Global included) that is not one of its HQs",
    "region": "states by the REGION_OF_ISO table in graph/analysis/survey.py, region elements by "
    "REGION_OF_REGION; Global is its own row",
}


@dataclass(frozen=True)
class SurveyNGO:
    """One surveyed NGO: where it is headquartered, where it works, its roles as recorded."""

    id: str
    name: str
    hq: tuple[str, ...]
    works_in: tuple[str, ...]
    roles: Mapping[str, str]

    @property
    def places_worked(self) -> tuple[str, ...]:
        """Working places other than Global."""
        return tuple(p for p in self.works_in if p != GLOBAL)


@dataclass(frozen=True)
class StatedFigure:
    """A figure or claim the paper states, what the data gives, and whether they agree."""

    figure: str
    paper_value: float | str
    computed_value: float | str | None
    definition: str
    status: Status
    why: str
    statement: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class SurveyResult:
    """What :func:`survey` returns: stated figures against the data, and the tables behind them."""

    population: str
    survey_rows: int
    body_only_ngos: int
    stated: tuple[StatedFigure, ...]
    tables: dict[str, list[dict[str, Any]]]
    definitions: dict[str, str] = field(default_factory=lambda: dict(DEFINITIONS))
    params: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "population": self.population,
            "survey_rows": self.survey_rows,
            "body_only_ngos": self.body_only_ngos,
            "stated": [s.as_dict() for s in self.stated],
            "tables": self.tables,
            "definitions": self.definitions,
            "params": self.params,
        }


# --------------------------------------------------------------------------------------------
# Reading the graph
# --------------------------------------------------------------------------------------------


def _section(d: Mapping[str, Any]) -> str:
    prov = d.get("provenance") or {}
    return str(prov.get("section", "")) if isinstance(prov, Mapping) else ""


def is_survey_row(d: Mapping[str, Any]) -> bool:
    """An NGO row of Appendix Two: kind ``ngo`` with provenance section ``VII``."""
    return d.get("kind") == ElementKind.NGO.value and _section(d) == SURVEY_SECTION


def _targets(g: nx.MultiDiGraph, n: str, rtype: RelationType) -> list[str]:
    return [v for _, v, d in g.out_edges(n, data=True) if d.get("type") == rtype.value]


def _ordered_union(*lists: Iterable[str]) -> tuple[str, ...]:
    out: list[str] = []
    for items in lists:
        out += [x for x in items if x not in out]
    return tuple(out)


def survey_ngos(g: nx.MultiDiGraph, *, population: Literal["survey", "all"] = "survey"
                ) -> list[SurveyNGO]:
    """The NGOs to survey, sorted by id. ``population="all"`` adds body-only NGOs."""
    out = []
    for n, d in sorted(g.nodes(data=True)):
        if d.get("kind") != ElementKind.NGO.value:
            continue
        if population == "survey" and not is_survey_row(d):
            continue
        hq = _ordered_union(d.get("headquarters", []),
                            _targets(g, n, RelationType.HEADQUARTERED_IN))
        works = _ordered_union(d.get("works_in", []), _targets(g, n, RelationType.WORKS_IN))
        roles = {f: str(d.get(f, "unknown")) for f in FUNCTIONS}
        out.append(SurveyNGO(n, str(d.get("name", n)), hq, works, roles))
    return out


def is_global(g: nx.MultiDiGraph, place: str) -> bool:
    d = g.nodes[place] if place in g else {}
    return place == GLOBAL or str(d.get("name", "")).casefold() == "global"


def place_region(g: nx.MultiDiGraph, place: str) -> str:
    """The broad region of a place (see :data:`REGION_OF_ISO`, :data:`REGION_OF_REGION`)."""
    d = g.nodes[place] if place in g else {}
    if is_global(g, place):
        return "Global"
    if d.get("kind") == ElementKind.REGION.value or place in REGION_OF_REGION:
        key = place if place in REGION_OF_REGION else str(d.get("name", "")).casefold()
        key = key.replace(" ", "-")
        return REGION_OF_REGION.get(key, str(d.get("name", place)))
    iso = d.get("iso3166")
    if iso and iso in REGION_OF_ISO:
        return REGION_OF_ISO[iso]
    return str(d.get("region") or "Unmapped")


def _iso(g: nx.MultiDiGraph, place: str) -> str | None:
    return g.nodes[place].get("iso3166") if place in g else None


def _us_ids(g: nx.MultiDiGraph) -> set[str]:
    return {p for p in g if p == US or _iso(g, p) == US_ISO}


def _name(g: nx.MultiDiGraph, place: str) -> str:
    return str(g.nodes[place].get("name", place)) if place in g else place


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


def receives(ngos: Iterable[SurveyNGO], *, unit: str = "place instances",
             function: str | None = None) -> Counts:
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


def _ranked(g: nx.MultiDiGraph, counts: Counts, *, limit: int | None = None
            ) -> list[dict[str, Any]]:
    items = sorted(((p, n) for p, n in counts.items() if not is_global(g, p)),
                   key=lambda kv: (-kv[1], kv[0]))
    rows = [{"place": p, "name": _name(g, p), "region": place_region(g, p), "count": _r(n)}
            for p, n in items]
    return rows[:limit] if limit else rows


def _r(x: float) -> float | int:
    return int(x) if float(x).is_integer() else round(float(x), 4)


def _pct(num: float, den: float) -> float | None:
    return None if den == 0 else round(100 * num / den, 2)


# --------------------------------------------------------------------------------------------
# Judging
# --------------------------------------------------------------------------------------------


def judge(paper: float, computed: float | None, *, kind: Literal["count", "percent"]) -> Status:
    """Compare a computed number with the paper's (see the module docstring for the rules).

    >>> judge(56.7, 57.3, kind="percent"), judge(178, 177, kind="count")
    ('reproduced', 'close')
    >>> judge(72, 40, kind="percent"), judge(72, None, kind="percent")
    ('not reproduced', 'not computable')
    """
    if computed is None:
        return "not computable"
    if kind == "count" and computed == paper:
        return "reproduced"
    if kind == "percent" and abs(computed - paper) <= _PERCENT_TOLERANCE:
        return "reproduced"
    if paper and abs(computed - paper) / abs(paper) <= _CLOSE_RELATIVE:
        return "close"
    return "not reproduced"


def _claim(holds: bool | None) -> Status:
    return "not computable" if holds is None else ("reproduced" if holds else "not reproduced")


# --------------------------------------------------------------------------------------------
# The figures
# --------------------------------------------------------------------------------------------


def _role_table(ngos: list[SurveyNGO]) -> list[dict[str, Any]]:
    rows = []
    for f in FUNCTIONS:
        c = Counter(n.roles[f] for n in ngos)
        rows.append({"function": f, "yes": c["yes"], "no": c["no"], "unknown": c["unknown"]})
    return rows


def _combination_table(ngos: list[SurveyNGO]) -> list[dict[str, Any]]:
    """Role combinations among NGOs with at least one known 'yes' (unknown roles as '?')."""
    c: Counter[str] = Counter()
    for n in ngos:
        if "yes" not in n.roles.values():
            continue
        parts = [f if n.roles[f] == "yes" else (f"?{f}" if n.roles[f] == "unknown" else "")
                 for f in FUNCTIONS]
        c[" + ".join(p for p in parts if p)] += 1
    return [{"combination": k, "ngos": v} for k, v in sorted(c.items(), key=lambda kv: (-kv[1],
                                                                                       kv[0]))]


def _fig_22(ngos: list[SurveyNGO]) -> list[StatedFigure]:
    known = [n for n in ngos if any(v != "unknown" for v in n.roles.values())]
    yes = {f: sum(n.roles[f] == "yes" for n in ngos) for f in FUNCTIONS}
    computed = (f"{len(known)} of {len(ngos)} NGOs have any known role; yes: "
                + ", ".join(f"{f} {yes[f]}" for f in FUNCTIONS))
    why = ("the table's shaded role cells were lost in the PDF-to-text extraction; only roles the "
           "paper's body states are known")
    top = max(FUNCTIONS, key=lambda f: yes[f]) if known else None  # ties: FUNCTIONS order
    return [
        StatedFigure("Fig 2.2", "role frequencies and combinations for every NGO", computed,
                     "known roles only (status yes/no stated in the body)", "not computable",
                     why, "Figure 2.2 shows the frequency of each role and their combinations."),
        StatedFigure("Fig 2.2", "prevention is the most common single approach; prosecution lags",
                     f"among known roles the most frequent is {top}" if top else None,
                     "known roles only", "not computable",
                     why + f"; known roles cover {len(known)} NGOs, picked by the body's examples"
                     ", not a sample", "Prevention is the most common single approach used by "
                     "NGOs ... Prosecution significantly lags behind."),
    ]


def _fig_23_25(g: nx.MultiDiGraph, ngos: list[SurveyNGO], us: set[str]) -> list[StatedFigure]:
    why = "needs every NGO's roles (shading lost); role-agnostic counts are given as a proxy"
    out = []
    tops = {}
    for f in ("prevention", "protection"):
        ranked = _ranked(g, receives(ngos, function=f))
        tops[f] = ranked[0]["name"] if ranked else None
    out.append(StatedFigure(
        "Fig 2.3-2.5", "USA receives the most prevention and protection support",
        f"known-role subset: top prevention receiver {tops['prevention']}, top protection "
        f"receiver {tops['protection']}",
        "receives, place instances, NGOs whose role is known 'yes'", "not computable",
        why, "The country receiving the most support in relation to prevention and protection is "
        "the United States of America."))
    rec = receives(ngos)
    us_n = sum(rec.get(p, 0) for p in us)
    by_reg = _region_counts(g, rec)
    direct = {r: sum(v for p, v in rec.items() if p in REGION_OF_REGION
                     and REGION_OF_REGION[p] == r) for r in ("Europe", "South East Asia")}
    for region, paper in (("Europe", 7), ("South East Asia", 13)):
        ratio_paper = round(100 * paper / 39, 2)
        for label, val in (("region and its states", by_reg.get(region, 0)),
                           ("region cell only", direct[region])):
            ratio = _pct(val, us_n)
            out.append(StatedFigure(
                "Fig 2.3-2.5", f"{region} receives on average {paper} instances vs 39 for the US "
                f"({ratio_paper}% of the US)", f"{_r(val)} vs {_r(us_n)} ({ratio}% of the US)",
                f"receives, place instances, all roles pooled; {region}: {label}; compared as "
                "a percentage of the US count", judge(ratio_paper, ratio, kind="percent"),
                "the paper averages over the three role figures, which need the lost shading; "
                "the role-agnostic ratio to the US is the comparable quantity",
                "These areas only received an average of 7 and 13 instances of support "
                "respectively compared with 39 in the United States."))
    return out


def _fig_26(ngos: list[SurveyNGO]) -> tuple[list[StatedFigure], list[dict[str, Any]]]:
    tests = {
        "domestic (equal)": lambda n: bool(n.hq) and set(n.works_in) == set(n.hq),
        "domestic (subset)": lambda n: bool(n.works_in) and set(n.works_in) <= set(n.hq),
        "domestic (overlap)": lambda n: bool(set(n.works_in) & set(n.hq)),
    }
    out, rows = [], []
    for label, test in tests.items():
        k = sum(1 for n in ngos if test(n))
        for den_label, den in (("survey rows", len(ngos)), ("the paper's 178", PAPER_ROWS)):
            pct = _pct(k, den)
            rows.append({"definition": label, "denominator": den_label, "ngos": k,
                         "of": den, "percent": pct})
            if den_label == "survey rows":
                out.append(StatedFigure(
                    "Fig 2.6", 56.7, pct, f"{label}: {DEFINITIONS[label]}; denominator "
                    f"{den} survey rows ({k} NGOs; {_pct(k, PAPER_ROWS)}% of 178)",
                    judge(56.7, pct, kind="percent"),
                    "the paper does not say how 'within the home state' was decided",
                    "56.7% of NGOs surveyed focussed on addressing domestic human trafficking."))
    return out, rows


def _fig_27(g: nx.MultiDiGraph, ngos: list[SurveyNGO], us: set[str]
            ) -> tuple[list[StatedFigure], dict[str, list[dict[str, Any]]]]:
    out = []
    prov, rec = provides(ngos), receives(ngos)
    top_p, top_r = _ranked(g, prov, limit=1), _ranked(g, rec, limit=1)
    both = bool(top_p and top_r and top_p[0]["place"] in us and top_r[0]["place"] in us)
    out.append(StatedFigure(
        "Fig 2.7", "the US provides and receives the most NGO support",
        f"top provider {top_p[0]['name'] if top_p else None}, top receiver "
        f"{top_r[0]['name'] if top_r else None}", "place instances", _claim(both if top_p else
                                                                             None),
        "ranking of places by HQ and by working-place instances (Global excluded)",
        "The United States of America both provides the most NGO support and receives the most."))
    for p_unit, r_unit in (("place instances", "place instances"),
                           ("reach instances", "place instances"), ("fractional", "fractional")):
        p_us = sum(provides(ngos, unit=p_unit).get(p, 0) for p in us)
        r_us = sum(receives(ngos, unit=r_unit).get(p, 0) for p in us)
        pct = round(100 * (p_us / r_us - 1), 2) if r_us else None
        out.append(StatedFigure(
            "Fig 2.7", 72.0, pct, f"provides ({p_unit}) {_r(p_us)} / receives ({r_unit}) "
            f"{_r(r_us)} - 1, as a percentage", judge(72.0, pct, kind="percent"),
            "the paper's unit of support is not defined; each plausible unit is tried",
            "The United States provides 72% more NGO support than it receives."))
    seven = {p for p in g if _iso(g, p) in SEVEN_ISO}
    for unit, label in (("place instances", "HQ instances outside the US"),
                        ("fractional", "NGO units split over HQs, outside the US"),
                        ("ngos", "NGOs with no US headquarters")):
        if unit == "ngos":
            pool = [n for n in ngos if not set(n.hq) & us]
            num: float = sum(1 for n in pool if set(n.hq) & seven)
            den: float = len(pool)
        else:
            counts = provides(ngos, unit=unit)
            den = sum(v for p, v in counts.items() if p not in us)
            num = sum(v for p, v in counts.items() if p in seven)
        pct = _pct(num, den)
        out.append(StatedFigure(
            "Fig 2.7", 45.2, pct, f"{label}: {_r(num)} of {_r(den)} from Canada, UK, Netherlands,"
            " Germany, Italy, New Zealand, Australia (non-state HQs such as Global/Europe stay in"
            " the denominator)", judge(45.2, pct, kind="percent"),
            "the paper's unit of contribution is not defined; each plausible unit is tried",
            "Canada, the United Kingdom, the Netherlands, Germany, Italy, New Zealand and "
            "Australia account for 45.2% of all other NGO contributions excluding the US."))
    cross = [n for n in ngos if set(n.works_in) - set(n.hq)]
    from_us = sum(1 for n in cross if set(n.hq) & us)
    share = _pct(from_us, len(cross))
    out.append(StatedFigure(
        "Fig 2.7", "the vast majority of NGOs acting across borders originate in the US",
        share, f"{DEFINITIONS['cross-border']}; {from_us} of {len(cross)} have a US headquarters",
        _claim(None if share is None else share >= 200 / 3),
        "'vast majority' read as at least two thirds",
        "The vast majority of NGOs that act across state borders originate in the United States."))
    tables = {"top_providers": _ranked(g, prov, limit=15),
              "top_receivers": _ranked(g, rec, limit=15),
              "us_support": [{"unit": s.definition, "percent_more": s.computed_value}
                             for s in out if s.paper_value == 72.0]}
    return out, tables


def _region_counts(g: nx.MultiDiGraph, counts: Counts) -> dict[str, float]:
    by: Counts = {}
    for p, n in counts.items():
        _add(by, place_region(g, p), n)
    return by


def _fig_28(g: nx.MultiDiGraph, ngos: list[SurveyNGO]
            ) -> tuple[list[StatedFigure], list[dict[str, Any]]]:
    prov, rec = _region_counts(g, provides(ngos)), _region_counts(g, receives(ngos))
    regions = sorted(set(prov) | set(rec), key=lambda r: (-rec.get(r, 0), r))
    rows = [{"region": r, "provides": _r(prov.get(r, 0)), "receives": _r(rec.get(r, 0)),
             "net": _r(prov.get(r, 0) - rec.get(r, 0))} for r in regions]
    western = sum(prov.get(r, 0) for r in WESTERN_REGIONS)
    total = sum(v for r, v in prov.items() if r != "Global")
    share = _pct(western, total)
    out = [
        StatedFigure("Fig 2.8", "where NGO support goes, by region (values only in the figure)",
                     "; ".join(f"{r['region']} {r['receives']}" for r in rows[:6]),
                     "receives, place instances, by region (Global its own row)",
                     "not computable", "the figure's values are not in the text; the by-region "
                     "table is this dataset's answer", "Figure 2.8 shows where support goes."),
        StatedFigure("Fig 2.7-2.8", "provision of NGO support is biased to the developed world",
                     share, f"share of HQ place instances in {', '.join(WESTERN_REGIONS)} "
                     f"({_r(western)} of {_r(total)}, Global HQs excluded)",
                     _claim(None if share is None else share > 50),
                     "'strong bias' read as a majority of providers in Western regions",
                     "The provision and reception of NGO support therefore has a strong bias "
                     "towards the developed world."),
    ]
    return out, rows


def _note_multiple_definitions(stated: list[StatedFigure]) -> list[StatedFigure]:
    """Say, on each row, how many definitions were tried for the same stated figure.

    A match under one of several definitions is weaker evidence than a match under one.
    """
    tried = Counter((s.figure, str(s.paper_value)) for s in stated)
    out = []
    for s in stated:
        k = tried[(s.figure, str(s.paper_value))]
        out.append(replace(s, why=f"{s.why} ({k} definitions tried for this figure; a match "
                           "under one of several is weak evidence)") if k > 1 else s)
    return out


def survey(g: nx.MultiDiGraph) -> SurveyResult:
    """Recompute the paper's NGO survey figures from ``g`` (see the module docstring).

    Returns every stated figure with what the data gives under each definition tried, and the
    tables: roles, role combinations, domestic focus, top providers/receivers, by region,
    receivers per (known) role.
    """
    ngos = survey_ngos(g)
    body_only = sum(1 for _, d in g.nodes(data=True)
                    if d.get("kind") == ElementKind.NGO.value and not is_survey_row(d))
    us = _us_ids(g)
    stated: list[StatedFigure] = [StatedFigure(
        "count", PAPER_ROWS, len(ngos), DEFINITIONS["population"],
        judge(PAPER_ROWS, len(ngos), kind="count"),
        "rows of Appendix Two in the dataset, as extracted from the text"
        + ("" if len(ngos) == PAPER_ROWS else f"; the paper says {PAPER_ROWS}: a row may have "
           "been lost in the PDF-to-text conversion, or the paper's count is off"),
        "The data from this survey, which examines 178 NGOs, is included in Appendix 2.")]
    stated += _fig_22(ngos)
    stated += _fig_23_25(g, ngos, us)
    s26, domestic = _fig_26(ngos)
    s27, t27 = _fig_27(g, ngos, us)
    s28, by_region = _fig_28(g, ngos)
    stated = _note_multiple_definitions([*stated, *s26, *s27, *s28])
    tables: dict[str, list[dict[str, Any]]] = {
        "roles": _role_table(ngos),
        "role_combinations": _combination_table(ngos),
        "domestic_focus": domestic,
        **t27,
        "by_region": by_region,
        "global": [{"side": "receives", "ngos": sum(1 for n in ngos if GLOBAL in n.works_in)},
                   {"side": "provides", "ngos": sum(1 for n in ngos if GLOBAL in n.hq)}],
    }
    for f in FUNCTIONS:
        tables[f"receivers_{f}_known"] = _ranked(g, receives(ngos, function=f), limit=10)
    return SurveyResult(
        population=f"{len(ngos)} Appendix Two rows (kind ngo, section VII); {body_only} body-only "
        "NGOs counted but not used",
        survey_rows=len(ngos), body_only_ngos=body_only, stated=tuple(stated), tables=tables,
        params={"function": "rcx.graph.report.survey.survey", "population": "survey",
                "percent_tolerance_pp": _PERCENT_TOLERANCE, "close_relative": _CLOSE_RELATIVE},
    )
