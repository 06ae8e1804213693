"""The tour notebook runs headless from top to bottom without an error.

The kernel is ``python3`` as ipykernel provides it natively: the interpreter running pytest
(the project's .venv), so the notebook sees the same installed rcx. With ``NEO4J_URI`` set (as
scripts/test.sh does), the notebook's Neo4j cells run too.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "tour.ipynb"


@pytest.mark.slow
def test_tour_notebook_runs(tmp_path: Path) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec("python3")
    assert Path(spec.argv[0]).resolve() == Path(sys.executable).resolve() or \
        spec.argv[0] in ("python", "python3"), f"python3 kernel is {spec.argv[0]}"
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(nb, kernel_name="python3", timeout=900,
                                     resources={"metadata": {"path": str(tmp_path)}},
                                     allow_errors=False)
    client.execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    text = "".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream")
    assert "climate: 6 elements" in text
    assert any("text/html" in o.get("data", {}) and "srcdoc=" in o["data"]["text/html"]
               for o in outputs)
    assert any("image/png" in o.get("data", {}) for o in outputs)
