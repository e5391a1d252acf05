"""Benchmark of ``carddeck build --watch`` (issue 13): save → new cards.pdf against a cold build.

    .venv/bin/python bench/watch.py [--runs 5]

A cold build is ``carddeck build`` as a new process (start-up included). The watch figure is
one process polling the deck (:class:`carddeck.watch.Watcher`) after its first build: a
question card's text is changed, and the time runs from that save to the moment the new
``cards.pdf`` is in place (the poll that sees the change and the rebuild it starts). Cold
builds and saves alternate, so a busy machine slows both alike; the medians are reported, and
their ratio, whose target is at most 0.25. Prints the table; asserts nothing.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
URL = "http://192.168.1.20:8765"


def cold(deck: Path, out: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "carddeck.cli", "build", str(deck), "--out", str(out), "--notes-url", URL],
                   check=True, capture_output=True)
    return time.perf_counter() - start


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    from carddeck import watch
    from carddeck.build import KitOptions, build_kit, write_kit, write_kit_file
    from carddeck.layout.deck import CardOptions
    from carddeck.load import load_deck

    landed = []

    def rebuild() -> str:
        """What --watch does on a save: cards.pdf written as soon as it is made, then the rest."""

        def ready(name: str, data: bytes) -> None:
            write_kit_file(out, name, data)
            landed.append(time.perf_counter())

        result = build_kit(load_deck(deck), KitOptions(cards=CardOptions(notes_url=URL)), ready=ready)
        write_kit(result, out)
        return "built"

    with tempfile.TemporaryDirectory() as tmp:
        deck = Path(tmp) / "deck"
        shutil.copytree(ROOT / "deck", deck)
        out = Path(tmp) / "out"
        phases = deck / "phases.yaml"
        original = phases.read_text(encoding="utf-8")
        watcher = watch.Watcher(deck, rebuild)
        watcher.poll()  # the first build, as --watch does on start
        colds, saves = [], []
        for run in range(args.runs + 1):
            c = cold(deck, Path(tmp) / "cold")
            marker = f" (gemt {run})"
            phases.write_text(original.replace("Hvad vil vi gerne opnå?", f"Hvad vil vi gerne opnå?{marker}", 1),
                              encoding="utf-8")
            start = time.perf_counter()
            assert watcher.poll() == "built"
            s = landed[-1] - start
            if run:  # the first pair warms the caches
                colds.append(c)
                saves.append(s)
    c, s = statistics.median(colds), statistics.median(saves)
    print(f"cold carddeck build     {c:6.2f} s  (median of {len(colds)})")
    print(f"--watch: save → cards.pdf {s:6.2f} s  (median of {len(saves)})")
    print(f"ratio                   {s / c:6.2f}  (target ≤ 0.25: {'PASS' if s / c <= 0.25 else 'MISS'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
