#!/usr/bin/env bash
# The PostgreSQL tests start their own throwaway server (tests/pgserver.py) from Debian's
# 'postgresql' binaries. Install them when they are missing and we may (root with apt-get);
# otherwise say so. A server of your own: set CARDDECK_TEST_PG=postgresql://user@host:port/db.
set -u
if [ -n "${CARDDECK_TEST_PG:-}" ]; then exit 0; fi
if ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || command -v pg_ctl >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing postgresql for the PostgreSQL tests (apt-get)…"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >/dev/null 2>&1 \
    || echo "warning: could not install postgresql; the PostgreSQL tests will fail under CI" >&2
else
  echo "warning: PostgreSQL's server is missing; install Debian's postgresql package or set CARDDECK_TEST_PG" >&2
fi
exit 0
