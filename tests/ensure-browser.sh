#!/usr/bin/env bash
# The real-browser test needs Debian's Chromium (Playwright cannot download its own browser here).
# Install it when it is missing and we are allowed to (root with apt-get); otherwise say so.
set -u
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing chromium for the browser test (apt-get)…"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1 \
    || echo "warning: could not install chromium; the browser test will be skipped" >&2
else
  echo "warning: /usr/bin/chromium is missing; install Debian's chromium package to run the browser test" >&2
fi
exit 0
