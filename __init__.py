"""rcx: map and analyse an international regime complex as a sourced, typed knowledge graph.

The one installed package. Its rooms follow the data flow (see ``docs/architecture.md``):

* :mod:`rcx.schema` — strict records and closed vocabularies;
* :mod:`rcx.loaders` — data files -> validated records -> one typed ``networkx.MultiDiGraph``;
* :mod:`rcx.graph` — stores, analyses, report, views, exports, figures;
* :mod:`rcx.cli` — the thin ``rcx`` command line;
* :mod:`rcx.data` — the built-in dataset.

The repository keeps these as top-level folders; ``pyproject.toml`` maps them under ``rcx``.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("rcx")
except PackageNotFoundError:  # pragma: no cover - running from a tree that was never installed
    __version__ = "0+unknown"

__all__ = ["__version__"]
