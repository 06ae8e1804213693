"""Judging a computed number against a source's stated one (see :mod:`rcx.graph.report.stated`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx

from rcx.graph.report import survey as sv
from rcx.schema.errors import DataError
from rcx.schema.models import DatasetMeta, StatedFigure

ORDER = ("reproduced", "close", "not reproduced", "not computable")


@dataclass(frozen=True)
class Variant:
    """One definition of a stated figure and what the data gives under it."""

    definition: str
    computed: float | int | str | None
    status: str
    detail: str = ""


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


def pct_of(num: float, den: float) -> float | None:
    return None if not den else round(100 * num / den, 2)


class Ctx:
    """What the checks read: the graph, the survey members, the figure's parameters."""

    def __init__(self, g: nx.MultiDiGraph, meta: DatasetMeta, fig: StatedFigure, where: str):
        self.g, self.fig, self.p, self.where = g, fig, dict(fig.params), where
        self.survey = meta.survey
        self.members = sv.survey_ngos(g, meta.survey) if meta.survey else []

    def need(self, key: str) -> Any:
        if key not in self.p:
            raise DataError(
                f"check {self.fig.check!r} needs parameter {key!r}",
                file="dataset.yaml",
                record=f"{self.where} {self.fig.id}",
                field="params",
            )
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
