#!/usr/bin/env bash
# Remakes src/carddeck/icc/FOGRA39-carddeck.icc, the print shop's press profile, from Fogra's
# FOGRA39L characterisation data (Debian's icc-profiles-free, Zlib licence) with ArgyllCMS's
# colprof (Debian's argyll). Black starts a quarter of the way to the shadows, so light tints
# print without black; total ink is limited to 300 %. Afterwards run
# `.venv/bin/python -m carddeck.press` to recompute the palette's CMYK through it.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v colprof >/dev/null || [ ! -f /usr/share/color/icc/FOGRA39L.ti3 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq argyll icc-profiles-free
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp /usr/share/color/icc/FOGRA39L.ti3 "$work/FOGRA39L.ti3"
colprof -qm -nc -kp 0 0.25 0.9 1 1 -l 300 -L 100 \
  -D "carddeck FOGRA39 300% (made from Fogra's FOGRA39L data)" \
  -C "Zlib licence, see LICENSE.txt beside this file. From FOGRA39L.ti3 by Kai-Uwe Behrmann; data by Fogra" \
  -O "$work/out.icc" "$work/FOGRA39L"
cp "$work/out.icc" src/carddeck/icc/FOGRA39-carddeck.icc
echo "wrote src/carddeck/icc/FOGRA39-carddeck.icc"
