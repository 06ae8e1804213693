"""Synthetic regime complexes of any size, built through the schema's own records.

Used to measure the view (and exports) at 10,000 elements: mostly NGOs headquartered in and
working in states, plus treaties, soft law, organisations and regimes linked by every relation
type, including PARALLEL_TO and derived relations. Deterministic for a seed.
"""

from __future__ import annotations

import random

import networkx as nx

from rcx.loaders.build import element_attrs, relation_attrs
from rcx.schema.models import Element, Provenance, Relation

_REL_KINDS = (
    "global_treaty",
    "regional_treaty",
    "global_soft_law",
    "regional_soft_law",
    "igo",
    "igo_organ",
    "rapporteur",
    "task_force",
    "initiative",
    "corporation",
)


def synthetic_graph(
    n: int = 10_000, *, seed: int = 7, states: int = 150, regimes: int = 12
) -> nx.MultiDiGraph:
    """A typed graph with ``n`` elements shaped like the built-in dataset (NGO-heavy)."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph(dataset="synthetic", title=f"Synthetic regime complex ({n} elements)")
    prov = Provenance(section="VII", footnotes=[1])
    state_ids = [f"state-{i}" for i in range(min(states, n // 4))]
    regime_ids = [f"regime-{i}" for i in range(regimes)]
    core_n = max(10, n // 25)
    core_ids = [f"inst-{i}" for i in range(core_n)]
    ngo_n = n - len(state_ids) - len(regime_ids) - core_n
    for i, sid in enumerate(state_ids):
        _add(
            g,
            Element.model_validate(
                {"id": sid, "name": f"State {i}", "kind": "state", "provenance": prov}
            ),
        )
    for i, rid in enumerate(regime_ids):
        _add(
            g,
            Element.model_validate(
                {"id": rid, "name": f"Regime {i}", "kind": "regime", "provenance": prov}
            ),
        )
    for i, cid in enumerate(core_ids):
        _add(
            g,
            Element.model_validate(
                {
                    "id": cid,
                    "name": f"Instrument {i}",
                    "kind": rng.choice(_REL_KINDS),
                    "year_adopted": rng.randint(1900, 2020),
                    "provenance": prov,
                }
            ),
        )
    for i in range(ngo_n):
        hq = rng.choice(state_ids)
        works = sorted(set(rng.sample(state_ids, rng.randint(1, 3))))
        roles = {
            f: rng.choice(["yes", "unknown", "unknown", "unknown"])
            for f in ("prevention", "protection", "prosecution")
        }
        known = any(v == "yes" for v in roles.values())
        _add(
            g,
            Element.model_validate(
                {
                    "id": f"ngo-{i}",
                    "name": f"NGO {i}",
                    "kind": "ngo",
                    "headquarters": [hq],
                    "works_in": works,
                    "website": f"https://ngo{i}.example/",
                    "provenance": prov,
                    "roles_source": prov if known else None,
                    **roles,
                }
            ),
        )
        for fld, rtype in ((["hq"], "HEADQUARTERED_IN"), (works, "WORKS_IN")):
            for p in fld:
                _rel(g, f"ngo-{i}", hq if p == "hq" else p, rtype, prov)
        if rng.random() < 0.05:
            _rel(g, f"ngo-{i}", rng.choice(core_ids), "PARTICIPATES_IN", prov)
    linkage = [
        "NESTED_IN",
        "OVERLAPS_WITH",
        "CONFLICTS_WITH",
        "PARALLEL_TO",
        "REFERENCES",
        "SUPPLEMENTS",
        "ADMINISTERED_BY",
    ]
    for cid in core_ids:
        _rel(g, cid, rng.choice(regime_ids), "PART_OF_REGIME", prov)
        for _ in range(3):
            other = rng.choice(core_ids)
            if other != cid:
                _rel(g, cid, other, rng.choice(linkage), prov, derived=rng.random() < 0.2)
    return g


def _add(g: nx.MultiDiGraph, el: Element) -> None:
    g.add_node(el.id, **element_attrs(el))


def _rel(
    g: nx.MultiDiGraph, u: str, v: str, rtype: str, prov: Provenance, *, derived: bool = False
) -> None:
    p = Provenance(
        section=prov.section,
        footnotes=prov.footnotes,
        derived=derived,
        rule="synthetic" if derived else None,
    )
    extra = {"issue": "synthetic"} if rtype in ("OVERLAPS_WITH", "CONFLICTS_WITH") else {}
    if rtype == "PARALLEL_TO":
        extra = {"evidence": "synthetic: no interaction"}
    rel = Relation.model_validate(
        {"source": u, "target": v, "type": rtype, "provenance": p, **extra}
    )
    if not g.has_edge(u, v, key=rel.key):
        g.add_edge(u, v, **relation_attrs(rel))  # the attrs carry the key
