"""Interactive HTML view of a regime complex: one self-contained, offline, hardened page.

    from rcx.graph.views import ViewOptions, write_view
    write_view(g, "view.html", ViewOptions(title="...", color_by="category"))

Modules: ``subsets`` (ego / regime / NGO layer / Part III), ``layout`` (seeded positions),
``metrics`` (``--color-by``), ``style`` (legend vocabulary), ``data`` (the page's JSON),
``html`` (the page), ``synthetic`` (large test graphs), ``cdp`` (headless Chromium driver).
"""

from __future__ import annotations

from rcx.graph.views.html import ViewOptions, build_view, write_view
from rcx.graph.views.subsets import Subset

__all__ = ["Subset", "ViewOptions", "build_view", "write_view"]
