#!/usr/bin/env bash
# Install the dashboard's front-end libraries (web/package-lock.json) into
# web/node_modules, from the npm registry, so `eventcoder serve` works offline.
# Without npm it says so and leaves the API working (the dashboard page then
# says how to install them). Usage: bash scripts/install-web.sh
set -euo pipefail
cd "$(dirname "$0")/../web"
if ! command -v npm >/dev/null 2>&1; then
  echo "install-web: npm not found; the dashboard needs it (apt-get install npm)," \
       "the JSON API works without it" >&2
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
