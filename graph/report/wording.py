"""Numbers and lists as words: what every part of a report uses to write a value in text.

No Python repr ever reaches a reader: ``None`` and nan are written ``n/a``, booleans yes/no.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

MAX_LIST = 8


def fmt(x: Any) -> str:
    """A value as short text: floats to 4 significant digits, None/nan as n/a, lists joined.

    >>> fmt(None), fmt(float("nan")), fmt(0.123456), fmt(True), fmt([1, 2])
    ('n/a', 'n/a', '0.1235', 'yes', '1, 2')
    """
    if x is None or (isinstance(x, float) and (math.isnan(x) or math.isinf(x))):
        return "n/a"
    if isinstance(x, bool):
        return "yes" if x else "no"
    if isinstance(x, float):
        return f"{x:.4g}"
    if isinstance(x, dict):
        return ", ".join(f"{k}: {fmt(v)}" for k, v in list(x.items())[:MAX_LIST]) + (
            f" (+{len(x) - MAX_LIST} more)" if len(x) > MAX_LIST else ""
        )
    if isinstance(x, list | tuple | set | frozenset):
        items = sorted(x, key=str) if isinstance(x, set | frozenset) else list(x)
        more = f" (+{len(items) - MAX_LIST} more)" if len(items) > MAX_LIST else ""
        return ", ".join(fmt(v) for v in items[:MAX_LIST]) + more
    return str(x)


def joined(items: Iterable[Any]) -> str:
    """``a``, ``a and b``, ``a, b and c``.

    >>> joined([]), joined(["a"]), joined(["a", "b", "c"])
    ('', 'a', 'a, b and c')
    """
    xs = [fmt(x) for x in items]
    return xs[0] if len(xs) == 1 else (", ".join(xs[:-1]) + " and " + xs[-1] if xs else "")


def count(n: int, noun: str, plural: str | None = None) -> str:
    """``1 element``, ``2 elements``.

    >>> count(1, "pair"), count(3, "pair"), count(2, "is", "are")
    ('1 pair', '3 pairs', '2 are')
    """
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def pct(x: Any) -> str:
    """A share as a whole percentage: ``0.2736`` -> ``27 %``; n/a for a missing value.

    >>> pct(0.2736), pct(None)
    ('27 %', 'n/a')
    """
    return "n/a" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{100 * x:.0f} %"
