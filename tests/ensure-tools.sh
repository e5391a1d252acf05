#!/usr/bin/env bash
# The system tools some tests need, from Debian's packages and the npm registry. Each is checked;
# the missing Debian packages are installed in one apt-get run when we may (root with apt-get),
# otherwise the script says what to install (under CI=true the tests that need a tool then fail,
# elsewhere they skip and say why). axe-core comes from npm, pinned in package-lock.json.
#
#   tool          checked by                          Debian package   needed by
#   Chromium      /usr/bin/chromium                   chromium         tests/notes/test_browser.py
#   zbar          libzbar.so.0 (ldconfig)             libzbar0         the second QR decoder (tests/kitutil.py)
#   PostgreSQL    pg_ctl (/usr/lib/postgresql/*/bin)  postgresql       the PostgreSQL store tests (tests/pgserver.py)
#   Ghostscript   gs                                  ghostscript      the PDF/X preflight (tests/render/test_pdfx.py)
#   npm           npm                                 npm              installing axe-core
set -u
cd "$(dirname "$0")/.."

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
ldconfig -p 2>/dev/null | grep -q 'libzbar\.so\.0' || missing+=(libzbar0)
if [ -z "${CARDDECK_TEST_PG:-}" ] && ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 \
   && ! command -v pg_ctl >/dev/null 2>&1; then
  missing+=(postgresql)
fi
command -v gs >/dev/null 2>&1 || missing+=(ghostscript)
[ -f node_modules/axe-core/axe.min.js ] || command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing for the tests (apt-get): ${missing[*]}…"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}") >/dev/null 2>&1 \
      || echo "warning: could not install ${missing[*]}; the tests that need them fail under CI" >&2
  else
    echo "warning: missing for some tests: ${missing[*]} (install these Debian packages)" >&2
  fi
fi

if [ ! -f node_modules/axe-core/axe.min.js ]; then
  if command -v npm >/dev/null 2>&1; then
    echo "installing axe-core for the accessibility test (npm ci)…"
    npm ci --no-audit --no-fund --silent >/dev/null 2>&1 \
      || echo "warning: could not install axe-core; the accessibility test fails under CI" >&2
  else
    echo "warning: npm is missing; install Node.js and npm to run the accessibility test" >&2
  fi
fi
exit 0
