"""Loaders: data files -> validated records -> one typed in-memory graph.

Names are imported lazily so that ``python -m rcx.loaders.appendix_two`` and ``rcx --help``
stay fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "Dataset": "rcx.loaders.dataset",
    "builtin_data_dir": "rcx.loaders.dataset",
    "load_dataset": "rcx.loaders.dataset",
    "build_graph": "rcx.loaders.build",
    "load_graph": "rcx.loaders.build",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'loaders' has no attribute {name!r}")
