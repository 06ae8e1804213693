#!/usr/bin/env bash
# Open the tour notebook in JupyterLab, from the project's .venv.
# Installs the "notebook" extra (JupyterLab) into .venv the first time.
# Usage: bash scripts/notebook.sh [jupyter lab options...]
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
if ! .venv/bin/python -c "import jupyterlab" 2>/dev/null; then
  echo "notebook: installing rcx[notebook] (JupyterLab) into .venv" >&2
  .venv/bin/python -m pip install -q -e ".[notebook]"
fi
exec .venv/bin/jupyter lab notebooks/tour.ipynb "$@"
