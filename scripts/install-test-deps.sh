#!/usr/bin/env bash
# Install what the browser test needs: Debian's chromium and its chromedriver
# (tests/test_dashboard_browser.py skips cleanly without them).
# Usage: bash scripts/install-test-deps.sh   (as root, or with sudo available)
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "install-test-deps: not root and no sudo; the browser test will be skipped" >&2
    exit 0
  fi
  SUDO=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# fonts-liberation: readable text in the test's screenshot.
$SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-liberation
