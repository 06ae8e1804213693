"""Provenance: every number in a report names the function that produced it, and plain JSON.

Function names come from the function object itself (:func:`fn_name`: ``__module__`` and
``__qualname__``), never typed by hand, so a renamed or moved function cannot leave a stale
name in the report.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, is_dataclass
from enum import Enum
from pathlib import Path
from typing import Any

import numpy as np

FLOAT_DIGITS = 12  # significant digits kept in JSON (hides summation-order noise)


def fn_name(f: Callable[..., Any]) -> str:
    """The dotted name of a function or class, from the object.

    >>> from rcx.graph.analysis.metrics import density
    >>> fn_name(density)
    'rcx.graph.analysis.metrics.density'
    """
    return f"{f.__module__}.{f.__qualname__}"


def to_jsonable(x: Any) -> Any:
    """Plain JSON values: dataclasses via ``as_dict``, sets sorted, nan/inf as ``None``, floats
    to :data:`FLOAT_DIGITS` significant digits."""
    if isinstance(x, bool) or x is None or isinstance(x, str):
        return x
    if isinstance(x, Enum):
        return x.value
    if isinstance(x, int):
        return int(x)
    if isinstance(x, float):
        return None if math.isnan(x) or math.isinf(x) else _round(x)
    if isinstance(x, np.generic):
        return to_jsonable(x.item())
    if is_dataclass(x) and not isinstance(x, type):
        as_dict = getattr(x, "as_dict", None)
        d = as_dict() if as_dict else {f.name: getattr(x, f.name) for f in fields(x)}
        return to_jsonable(d)
    if isinstance(x, Mapping):
        return {str(k): to_jsonable(v) for k, v in x.items()}
    if isinstance(x, set | frozenset):
        return sorted((to_jsonable(v) for v in x), key=lambda v: (str(type(v)), str(v)))
    if isinstance(x, list | tuple):
        return [to_jsonable(v) for v in x]
    if isinstance(x, Path):
        return str(x)
    return str(x)


def _round(x: float, digits: int = FLOAT_DIGITS) -> float:
    """``x`` to ``digits`` significant digits.

    >>> _round(0.014999999999999998), _round(0.015)
    (0.015, 0.015)
    """
    return float(f"{x:.{digits}g}")


def is_nan(x: Any) -> bool:
    """``None`` or a float nan: a value that is not there.

    >>> is_nan(None), is_nan(float("nan")), is_nan(0.0)
    (True, True, False)
    """
    return x is None or (isinstance(x, float) and math.isnan(x))


@dataclass(frozen=True)
class Evidence:
    """A number behind a verdict: where it came from, and the rule it fed (if any).

    ``rule`` is a rule id documented in ``docs/methods.md`` (anchor ``rule-<id>``); ``test``
    is the rule's test in words (``density < 0.1``); ``held`` whether it held.
    """

    name: str
    value: Any
    function: str
    params: dict[str, Any]
    layer: str
    rule: str = ""
    test: str = ""
    held: bool | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "value": to_jsonable(self.value),
            "function": self.function,
            "params": to_jsonable(self.params),
            "layer": self.layer,
            "rule": self.rule,
            "test": self.test,
            "held": self.held,
        }


class Trace:
    """Collects provenance entries (``{metric, function, params, layer}``) as numbers appear."""

    def __init__(self, layer: str) -> None:
        self.layer = layer
        self.entries: list[dict[str, Any]] = []

    def ev(
        self,
        name: str,
        value: Any,
        function: Callable[..., Any],
        params: Mapping[str, Any] | None = None,
        *,
        rule: str = "",
        test: str = "",
        held: bool | None = None,
        layer: str | None = None,
    ) -> Evidence:
        """Record one evidence value computed by ``function``."""
        e = Evidence(
            name,
            value,
            fn_name(function),
            dict(params or {}),
            layer or self.layer,
            rule,
            test,
            held,
        )
        self.entries.append(
            {
                "metric": name,
                "function": e.function,
                "params": to_jsonable(e.params),
                "layer": e.layer,
            }
        )
        return e

    def section(
        self,
        name: str,
        function: Callable[..., Any],
        params: Mapping[str, Any] | None = None,
        *,
        layer: str | None = None,
    ) -> None:
        """Record that section ``name`` of the report came from ``function``."""
        self.entries.append(
            {
                "metric": f"{name}.*",
                "function": fn_name(function),
                "params": to_jsonable(dict(params or {})),
                "layer": layer or self.layer,
            }
        )
