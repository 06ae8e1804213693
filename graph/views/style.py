"""Visual vocabulary of the view: colours and shapes of categories and kinds, edge styles.

Everything here is a pure function of the closed vocabularies in :mod:`rcx.schema.vocab`, so the
legend and the drawing can never disagree.
"""

from __future__ import annotations

import colorsys
import itertools
from typing import Any

from rcx.schema.vocab import LINKAGE_TYPES, PLACE_TYPES, Category, RelationType
from rcx.schema.vocabulary import BUILTIN, Vocabulary

# category -> (colour, vis-network shape, dashed border)
CATEGORY_STYLE: dict[str, tuple[str, str, bool]] = {
    Category.HARD_LAW.value: ("#1f4e9c", "square", False),
    Category.SOFT_LAW.value: ("#5b9bd5", "diamond", False),
    Category.ORGANISATION.value: ("#2e8b57", "dot", False),
    Category.MECHANISM.value: ("#8e44ad", "hexagon", False),
    Category.PRIVATE_ACTOR.value: ("#e67e22", "triangle", False),
    Category.INITIATIVE.value: ("#c9a100", "triangleDown", False),
    Category.REGIME.value: ("#34495e", "star", False),
    Category.LANGUAGE.value: ("#16a085", "dot", True),
    Category.EVENT.value: ("#a0522d", "square", True),
    Category.PLACE.value: ("#7f8c8d", "diamond", True),
}

# relation type -> (colour, width, dashes (False or a dash array), arrow)
LINKAGE_STYLE: dict[str, tuple[str, float, Any, bool]] = {
    RelationType.NESTED_IN.value: ("#2563eb", 2.0, False, True),
    RelationType.OVERLAPS_WITH.value: ("#f59e0b", 2.0, False, False),
    RelationType.CONFLICTS_WITH.value: ("#dc2626", 3.5, False, False),
    RelationType.PARALLEL_TO.value: ("#9ca3af", 1.5, [2, 6], False),
}
STRUCTURAL_STYLE: tuple[str, float, Any, bool] = ("#94a3b8", 1.0, False, True)
PLACE_STYLE: tuple[str, float, Any, bool] = ("#cbd5e1", 0.8, False, True)
DERIVED_DASHES = [7, 4]
PARALLEL_LABEL = "⊘ no link"

LINKAGE_ORDER = ["NESTED_IN", "OVERLAPS_WITH", "CONFLICTS_WITH", "PARALLEL_TO"]


def kind_colours(vocabulary: Vocabulary = BUILTIN) -> dict[str, str]:
    """A colour per kind: its category's hue, lightness stepped across the category's kinds.

    A dataset's own kinds come after the built-in ones of their category.
    """
    by_cat: dict[str, list[str]] = {}
    for kind in vocabulary.kinds.values():
        by_cat.setdefault(kind.category.value, []).append(kind.value)
    out: dict[str, str] = {}
    for cat, kinds in by_cat.items():
        r, g, b = (int(CATEGORY_STYLE[cat][0][i : i + 2], 16) / 255 for i in (1, 3, 5))
        h, light, s = colorsys.rgb_to_hls(r, g, b)
        for i, kind_id in enumerate(kinds):
            step = (i - (len(kinds) - 1) / 2) * (0.42 / max(len(kinds), 1))
            out[kind_id] = _hex(colorsys.hls_to_rgb(h, min(0.85, max(0.15, light + step)), s))
    return out


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02x}" for c in rgb)


def sequential(t: float) -> str:
    """A perceptually ordered colour (dark blue → green → yellow, viridis-like) for t in [0, 1]."""
    stops = [
        (0.0, (68, 1, 84)),
        (0.25, (59, 82, 139)),
        (0.5, (33, 145, 140)),
        (0.75, (94, 201, 98)),
        (1.0, (253, 231, 37)),
    ]
    t = max(0.0, min(1.0, t))
    for (t0, c0), (t1, c1) in itertools.pairwise(stops):
        if t <= t1:
            f = (t - t0) / (t1 - t0) if t1 > t0 else 0.0
            return "#" + "".join(
                f"{round(a + (b - a) * f):02x}" for a, b in zip(c0, c1, strict=True)
            )
    return "#fde725"


def qualitative(i: int) -> str:
    """The i-th of an open-ended set of distinct colours (golden-angle hues)."""
    h = (i * 0.6180339887) % 1.0
    return _hex(colorsys.hls_to_rgb(h, 0.5 if i % 2 else 0.42, 0.65))


def edge_style(rtype: str) -> tuple[str, float, Any, bool]:
    if rtype in LINKAGE_STYLE:
        return LINKAGE_STYLE[rtype]
    if rtype in {t.value for t in PLACE_TYPES}:
        return PLACE_STYLE
    return STRUCTURAL_STYLE


def legend(vocabulary: Vocabulary = BUILTIN) -> dict[str, Any]:
    """What the page's legend shows: categories (colour, shape), kinds, relation types."""
    kc = kind_colours(vocabulary)
    return {
        "categories": [
            {"id": c, "colour": s[0], "shape": s[1], "dashed": s[2]}
            for c, s in CATEGORY_STYLE.items()
        ],
        "kinds": [
            {"id": k.value, "category": k.category.value, "colour": kc[k.value]}
            for k in vocabulary.kinds.values()
        ],
        "relations": [
            {
                "id": t.value,
                "linkage": t in LINKAGE_TYPES,
                "colour": edge_style(t.value)[0],
                "width": edge_style(t.value)[1],
                "dashes": edge_style(t.value)[2],
                "arrow": edge_style(t.value)[3],
            }
            for t in vocabulary.relation_types.values()
        ],
        "derivedDashes": DERIVED_DASHES,
        "parallelLabel": PARALLEL_LABEL,
    }
