"""Places and broad regions: which region a state or a region cell belongs to.

:data:`REGION_OF_ISO` is a documented, hand-made table of broad regions keyed by ISO 3166
alpha-2 (a dataset's region elements carry no membership). Region elements map by id or
lower-cased name (:data:`REGION_OF_REGION`). ``Global`` is not a place anyone can be located
in: it is its own row and never ranked as a place.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from rcx.schema.vocab import ElementKind

GLOBAL = "global"

# Broad regions for states, keyed by ISO 3166 alpha-2 (a documented, hand-made table: the
# dataset's region elements carry no membership, and the paper names regions loosely). A state
# not listed here falls back to its own ``region`` attribute, else "Unmapped".
REGION_OF_ISO: dict[str, str] = {
    **dict.fromkeys(("US", "CA", "MX"), "North America"),
    **dict.fromkeys(
        (
            "BO",
            "EC",
            "NI",
            "VE",
            "BR",
            "AR",
            "CL",
            "CO",
            "PE",
            "GT",
            "HN",
            "SV",
            "HT",
            "DO",
            "CU",
            "PY",
            "UY",
        ),
        "Latin America",
    ),
    **dict.fromkeys(
        (
            "BY",
            "BE",
            "DE",
            "IT",
            "NL",
            "NO",
            "RO",
            "RU",
            "RS",
            "UA",
            "GB",
            "FR",
            "ES",
            "PT",
            "IE",
            "SE",
            "DK",
            "FI",
            "PL",
            "CZ",
            "SK",
            "HU",
            "AT",
            "CH",
            "GR",
            "BG",
            "AL",
            "MD",
            "HR",
            "BA",
            "SI",
            "MK",
            "ME",
            "XK",
            "LT",
            "LV",
            "EE",
            "LU",
            "IS",
            "CY",
            "MT",
        ),
        "Europe",
    ),
    **dict.fromkeys(
        ("BH", "IL", "QA", "AE", "SA", "JO", "LB", "IQ", "IR", "SY", "YE", "KW", "OM", "TR", "PS"),
        "Middle East",
    ),
    **dict.fromkeys(
        (
            "DZ",
            "EG",
            "LY",
            "ML",
            "SN",
            "NG",
            "KE",
            "TZ",
            "ZA",
            "ZW",
            "BW",
            "MA",
            "TN",
            "GH",
            "UG",
            "ET",
            "CD",
            "CM",
            "CI",
            "MZ",
            "ZM",
            "MW",
            "SD",
            "SO",
            "RW",
            "BJ",
            "TG",
            "NE",
            "BF",
            "SL",
            "LR",
            "GN",
            "NA",
            "AO",
            "MG",
        ),
        "Africa",
    ),
    **dict.fromkeys(("AF", "BD", "IN", "NP", "PK", "LK", "BT", "MV"), "South Asia"),
    **dict.fromkeys(
        ("KH", "ID", "LA", "MM", "PH", "SG", "TH", "VN", "MY", "BN", "TL"), "South East Asia"
    ),
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


def iso_of(g: nx.MultiDiGraph, place: str) -> str | None:
    return g.nodes[place].get("iso3166") if place in g else None


def places_with_iso(g: nx.MultiDiGraph, codes: Iterable[str]) -> set[str]:
    """The place ids whose ``iso3166`` code is one of ``codes``."""
    want = set(codes)
    return {p for p, d in g.nodes(data=True) if d.get("iso3166") in want}


def is_region_cell(g: nx.MultiDiGraph, place: str) -> bool:
    """A place of kind ``region`` (Global included): a table cell naming no state."""
    return place in g and g.nodes[place].get("kind") == ElementKind.REGION.value


def place_name(g: nx.MultiDiGraph, place: str) -> str:
    return str(g.nodes[place].get("name", place)) if place in g else place
