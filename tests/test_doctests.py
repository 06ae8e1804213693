"""Every doctest in the installed package runs (and so stays true)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import rcx


def _modules() -> list[str]:
    names = ["rcx", "rcx.cli"]
    for info in pkgutil.walk_packages(rcx.__path__, "rcx."):
        # rcx.__path__ is the repository root in a checkout: walk only the package's rooms.
        if info.name.split(".")[1] in {"graph", "schema", "loaders", "data"}:
            names.append(info.name)
    return sorted(set(names))


MODULES = _modules()


def test_the_rooms_are_walked() -> None:
    assert {"rcx.graph.analysis.core", "rcx.graph.store.cypher", "rcx.schema.models"} <= set(
        MODULES
    )


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} of {result.attempted} doctests failed in {name}"
