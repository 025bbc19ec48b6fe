#!/usr/bin/env bash
# Install eventcoder into ./.venv and code the bundled demo articles.
# Usage: bash scripts/install.sh [--no-demo]
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test]'
# the dashboard's chart and map libraries, from npm (the API works without them)
bash scripts/install-web.sh
if [ "${1:-}" != "--no-demo" ]; then
  .venv/bin/eventcoder demo
fi
