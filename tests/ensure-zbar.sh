#!/usr/bin/env bash
# The second QR decoder in the tests (pyzbar) needs Debian's libzbar0. Install it when it is
# missing and we are allowed to (root with apt-get); otherwise say so (CI=true then fails the tests).
set -u
if ldconfig -p 2>/dev/null | grep -q 'libzbar\.so\.0'; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing libzbar0 for the QR decoding tests (apt-get)…"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libzbar0) >/dev/null 2>&1 \
    || echo "warning: could not install libzbar0; the zbar decoding tests will fail under CI" >&2
else
  echo "warning: libzbar0 is missing; install Debian's libzbar0 package to run the zbar decoding tests" >&2
fi
exit 0
