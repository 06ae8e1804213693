#!/usr/bin/env bash
# Set up rcx in a project-local virtual environment (.venv) with everything it needs.
# Idempotent: a second run only checks. Usage: bash scripts/setup.sh [--dev]
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${RCX_PYTHON:-}
if [ -z "$PY" ]; then
  for cand in python3.11 python3.12 python3; do
    if command -v "$cand" >/dev/null 2>&1 && "$cand" -c 'import sys; sys.exit(not ((3, 11) <= sys.version_info[:2] < (3, 13)))'; then
      PY=$cand; break
    fi
  done
fi
[ -n "$PY" ] || { echo "setup: need Python 3.11 or 3.12 on PATH" >&2; exit 1; }

if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv with $PY" >&2
  "$PY" -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip
fi

extra=""
[ "${1:-}" = "--dev" ] && extra="[dev]"
stamp=.venv/.rcx-installed$extra
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "setup: installing rcx$extra into .venv" >&2
  .venv/bin/python -m pip install -q -e ".$extra"
  touch "$stamp"
fi
