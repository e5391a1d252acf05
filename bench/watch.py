"""Benchmark of ``carddeck build --watch`` (issue 13): save → new cards.pdf against a cold build.

    .venv/bin/python bench/watch.py [--runs 5]

A cold build is ``carddeck build`` as a new process (start-up included). The watch figure is
the real ``carddeck build --watch`` in this process after its first build, with the bench in
place of its polling loop (:func:`carddeck.watch.run`), so that each save is polled at once
rather than up to :data:`~carddeck.watch.INTERVAL` later: a question card's text is changed, and
the time runs from that save to the moment the new ``cards.pdf`` is written (its modification
time: the rebuild writes it as soon as it is made, before the other files are drawn, and not
again with them); the whole kit's time, to the end of the rebuild, is shown beside it. Cold
builds and saves alternate, so a busy machine slows both alike; the medians are reported, and
the ratio of save → cards.pdf to a cold build, whose target is at most 0.25. Prints the table;
asserts nothing about the figures.
"""

from __future__ import annotations

import argparse
import contextlib
import io
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
    from carddeck.cli import main as carddeck

    colds, saves, kits = [], [], []

    def saves_and_cold_builds(watcher: watch.Watcher, interval: float = watch.INTERVAL, cycles=None) -> None:
        """In place of the watch's loop: the first build, then each save polled at once."""
        watcher.poll()  # the first build, as --watch does on start
        for run in range(args.runs + 1):
            c = cold(deck, Path(tmp) / "cold")
            marker = f" (gemt {run})"
            phases.write_text(original.replace("Hvad vil vi gerne opnå?", f"Hvad vil vi gerne opnå?{marker}", 1),
                              encoding="utf-8")
            start = time.time_ns()
            line = watcher.poll()
            assert line.startswith("built"), line
            k = (time.time_ns() - start) / 1e9
            s = ((out / "cards.pdf").stat().st_mtime_ns - start) / 1e9
            if run:  # the first pair warms the caches
                colds.append(c)
                saves.append(s)
                kits.append(k)

    with tempfile.TemporaryDirectory() as tmp:
        deck = Path(tmp) / "deck"
        shutil.copytree(ROOT / "deck", deck)
        out = Path(tmp) / "out"
        phases = deck / "phases.yaml"
        original = phases.read_text(encoding="utf-8")
        watch.run = saves_and_cold_builds
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            code = carddeck(["--debug", "build", str(deck), "--out", str(out), "--notes-url", URL, "--watch"])
        assert code == 0
    c, s = statistics.median(colds), statistics.median(saves)
    print(f"cold carddeck build     {c:6.2f} s  (median of {len(colds)})")
    print(f"--watch: save → cards.pdf {s:6.2f} s  (median of {len(saves)})")
    print(f"--watch: save → whole kit {statistics.median(kits):6.2f} s  (median of {len(kits)})")
    print(f"ratio                   {s / c:6.2f}  (target ≤ 0.25: {'PASS' if s / c <= 0.25 else 'MISS'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
