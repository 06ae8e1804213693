#!/usr/bin/env bash
# Static gates, the same in CI and for a developer: ruff lint, ruff format, mypy (incl. cli.py).
# Usage: bash scripts/check.sh   (after scripts/setup.sh --dev)
set -euo pipefail
cd "$(dirname "$0")/.."

# mypy cannot follow setuptools' editable import hook (package-dir maps the repository root to
# `rcx`), so it reads the package through a link named rcx; see [tool.mypy] in pyproject.toml.
mkdir -p build/typing
ln -sfn ../.. build/typing/rcx

.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
echo "check: ruff, ruff format and mypy passed"
