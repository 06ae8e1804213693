"""Heavy optional libraries, imported when a command first needs them and no earlier.

``import igraph`` also imports ``matplotlib.pyplot`` for igraph's own plotting (a known
upstream behaviour, about 0.8 s of CPU), which rcx never uses: rcx draws with matplotlib
directly in :mod:`rcx.graph.figures`.  :func:`igraph` imports igraph with matplotlib hidden
for the duration of that import, unless matplotlib is already loaded.
"""

from __future__ import annotations

import sys
from types import ModuleType


def igraph() -> ModuleType:
    """The ``igraph`` module, imported without igraph's matplotlib drawing backend."""
    if "igraph" in sys.modules:
        return sys.modules["igraph"]
    hide = "matplotlib" not in sys.modules
    if hide:
        sys.modules["matplotlib"] = None  # type: ignore[assignment]  # import raises ImportError
    try:
        import igraph as ig
    finally:
        if hide:
            del sys.modules["matplotlib"]
    return ig
