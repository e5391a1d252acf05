#!/usr/bin/env bash
# The real-browser test checks the notes pages with axe-core (from the npm registry, pinned in
# package-lock.json). Install it when it is missing and npm is there; otherwise say so (CI=true
# then fails the accessibility test).
set -u
cd "$(dirname "$0")/.."
if [ -f node_modules/axe-core/axe.min.js ]; then exit 0; fi
if ! command -v npm >/dev/null 2>&1 && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing npm for the accessibility test (apt-get)…"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm) >/dev/null 2>&1 || true
fi
if command -v npm >/dev/null 2>&1; then
  echo "installing axe-core for the accessibility test (npm ci)…"
  npm ci --no-audit --no-fund --silent >/dev/null 2>&1 \
    || echo "warning: could not install axe-core; the accessibility test will fail under CI" >&2
else
  echo "warning: npm is missing; install Node.js and npm to run the accessibility test" >&2
fi
exit 0
