#!/usr/bin/env bash
# The print-shop preflight test renders the PDF/X files with Debian's Ghostscript (gs). Install it
# when it is missing and we are allowed to (root with apt-get); otherwise say so (CI=true then
# fails the preflight test).
set -u
if command -v gs >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing ghostscript for the print-shop preflight test (apt-get)…"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ghostscript) >/dev/null 2>&1 \
    || echo "warning: could not install ghostscript; the preflight test will fail under CI" >&2
else
  echo "warning: gs is missing; install Debian's ghostscript package to run the preflight test" >&2
fi
exit 0
