#!/usr/bin/env bash
# Set up everything, start a real Neo4j on 127.0.0.1, run the whole test suite, stop Neo4j.
# Usage: bash scripts/test.sh [pytest args...]
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh --dev
# Static gates first: ruff lint and format, mypy (with types-networkx, cli.py included).
bash scripts/check.sh
bash scripts/ensure-browser.sh
# Neo4j and Chromium tests must run here, never skip: conftest turns a missing one into a failure.
export RCX_REQUIRE_NEO4J=1 RCX_REQUIRE_BROWSER=1 RCX_REQUIRE_GEPHI=1 RCX_REQUIRE_JS=1
bash scripts/neo4j-server.sh fetch
# The real tools users open the exports with: the Gephi Toolkit (Maven Central) and
# Cytoscape.js (npm, pinned by tests/js/package-lock.json).
bash scripts/gephi.sh fetch
npm ci --prefix tests/js --no-audit --no-fund --loglevel=error
bash scripts/with-neo4j.sh .venv/bin/python -m pytest "$@"
