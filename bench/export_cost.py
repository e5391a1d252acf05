"""What one export costs the notes service itself: its own CPU time per export, in ms.

Every millisecond the service spends on an export is spent under its interpreter lock, where the
phones' notes wait (the export itself is made in a worker process, whose CPU is not counted
here). Starts the real server (``carddeck notes serve``, loopback) on a temporary database with
``--notes`` notes, downloads ``/facilitator/export.<format>`` ``--exports`` times one after the
other as the facilitator, and divides the server process's CPU time (user + system, all its
threads, not its children) by the number of exports. CPU time, unlike latency, barely moves when
other programs share the cores, so two versions of the code can be compared on a busy machine.

    .venv/bin/python bench/export_cost.py [--format csv] [--exports 200] [--notes 1000]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path

import notes_load as load  # beside this file: the server start, the HTTP client, the CPU reading

WARM_UP = 3  # exports before the timing: the worker process starts and imports


def run(fmt: str = "csv", exports: int = 200, notes: int = 1000, deck: str | Path = load.ROOT / "deck") -> dict:
    """Fill a fresh database with ``notes`` notes, then time ``exports`` exports; the figures as a dict."""
    from carddeck.load import load_deck
    from carddeck.notes.sqlite import SqliteStore

    kit = load_deck(deck)

    async def fill(store) -> None:
        await store.add_kit(kit.kit_id, kit.title)
        workshop = await store.open_workshop(kit.kit_id, load.WORKSHOP)
        await asyncio.gather(*(store.add_note(workshop.id, load.CARDS[i % len(load.CARDS)], i % 8 + 1,
                                              f"load {i}: vi prøver det af", f"Bord {i % 8 + 1}")
                               for i in range(notes)))

    async def download(port: int, proc) -> tuple[float, float, int]:
        conn = load._Connection(port)
        try:
            await conn.open()
            await conn.request("GET", f"/facilitator?key={load.FACILITATOR_KEY}")
            for _ in range(WARM_UP):
                await conn.request("GET", f"/facilitator/export.{fmt}")
            cpu, started = load._cpu_seconds(proc.pid), time.perf_counter()
            for _ in range(exports):
                status, _, data = await conn.request("GET", f"/facilitator/export.{fmt}")
                if status != 200:
                    raise RuntimeError(f"GET /facilitator/export.{fmt}: {status}")
            return load._cpu_seconds(proc.pid) - cpu, time.perf_counter() - started, len(data)
        finally:
            conn.close()

    with tempfile.TemporaryDirectory(prefix="export-cost-") as folder:
        db = Path(folder) / "notes.db"
        with SqliteStore(db) as store:
            asyncio.run(fill(store))
        port = load._free_port()
        proc = load._start(db, port, Path(deck))
        try:
            cpu, seconds, size = asyncio.run(download(port, proc))
        finally:
            proc.terminate()
            proc.wait(30)
    return {
        "format": fmt,
        "notes": notes,
        "exports": exports,
        "export_bytes": size,
        "service_cpu_ms_per_export": round(cpu / exports * 1000, 2),
        "wall_ms_per_export": round(seconds / exports * 1000, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--format", default="csv", choices=("csv", "json", "md", "pdf"))
    parser.add_argument("--exports", type=int, default=200)
    parser.add_argument("--notes", type=int, default=1000)
    args = parser.parse_args(argv)
    print(json.dumps(run(args.format, args.exports, args.notes), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
