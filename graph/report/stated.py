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

from dataclasses import asdict, dataclass
from typing import Any

import networkx as nx

from rcx.graph.report.checks import CHECKS
from rcx.graph.report.judging import ORDER, Ctx, Variant, judge
from rcx.schema.models import DatasetMeta, StatedFigure

__all__ = ["CHECKS", "Checked", "check", "check_all", "judge"]


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


def check(g: nx.MultiDiGraph, meta: DatasetMeta, fig: StatedFigure, where: str) -> Checked:
    """Run one stated figure's check; the best variant decides its status."""
    vs = CHECKS[fig.check](Ctx(g, meta, fig, where))

    def rank(v: Variant) -> tuple[int, float]:
        gap = (
            abs(float(v.computed) - float(fig.value))
            if fig.value is not None
            and isinstance(v.computed, int | float)
            and not isinstance(v.computed, bool)
            else 0.0
        )
        return ORDER.index(v.status), gap

    best = min(vs, key=rank)
    return Checked(
        fig.id, fig.statement, fig.section or "", fig.value, fig.check, best.status, best, tuple(vs)
    )


def check_all(g: nx.MultiDiGraph, meta: DatasetMeta) -> dict[str, list[Checked]]:
    """Every stated figure and weakness of ``meta`` checked on ``g``."""
    return {
        "figures": [check(g, meta, f, "stated_figures") for f in meta.stated_figures],
        "weaknesses": [check(g, meta, f, "stated_weaknesses") for f in meta.stated_weaknesses],
    }
