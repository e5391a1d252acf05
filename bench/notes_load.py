"""Load benchmark of the notes service: many phones sending notes at once.

Starts the real server (``carddeck notes serve`` in a subprocess, loopback, a temporary
database), then lets ``clients`` concurrent clients each open a card page (form token and
cookie) and send ``notes`` notes over one kept-alive connection, following each 303 to the
card page as a phone does. Each client connects from its own loopback address (as each phone has
its own), all notes go to one workshop. Afterwards it checks that there were no errors and that every note is
in the database, and reports latency percentiles: ``post`` is send -> 303 (the note is on disk),
``page`` is the page shown after it; also requests per second and the CPU time the server and
this client used during the load (both run on the same machine).

With ``--exports N``, N more clients download the workshop record (``/facilitator/export.pdf``) one after
the other (as the facilitator) for as long as the notes are sent: the notes' latency then shows whether exports stall
the service (target: POST p95 under 100 ms with 8 exporters), and the server's peak memory is
reported.

With ``--engine postgres`` the service runs on a throwaway PostgreSQL server (tests/pgserver.py:
Debian's postgresql binaries, a free port of 127.0.0.1), with ``--workers N`` worker processes.

    .venv/bin/python bench/notes_load.py [--clients 100] [--notes 10] [--no-follow] [--exports 8]
    .venv/bin/python bench/notes_load.py --engine postgres --workers 4 --clients 1000

``run(...)`` returns the figures as a dict, for a benchmark harness. Loopback only.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))  # pgserver: the throwaway PostgreSQL server of the tests

WORKSHOP = "notes-load"
CARDS = ("fase-1-udfordringer", "fase-2-borgerne", "fase-3-andre", "fase-4-konkret", "fase-5-laert", "fase-6-lykkes",
         "regel-1", "handlingsfelt-3", "sitat-2", "om-samskaping")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


FACILITATOR_KEY = "bench-facilitator-key"  # the exporters open the facilitator's link with it


def _start(db: Path | str, port: int, deck: Path, workers: int = 1) -> subprocess.Popen:
    command = [sys.executable, "-m", "carddeck.cli", "notes", "serve", "--port", str(port), "--db", str(db),
               "--deck", str(deck), "--workshop", WORKSHOP, "--workers", str(workers),
               "--facilitator-key", FACILITATOR_KEY]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        if "Stop with Ctrl+C." in line:
            _wait_until_served(port, deadline)  # worker processes start after the announcement
            return proc
    proc.kill()
    raise RuntimeError("the notes service did not start")


def _wait_until_served(port: int, deadline: float) -> None:
    import urllib.request

    while time.monotonic() < deadline + 30:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/c/{CARDS[0]}", timeout=5).read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the notes service did not answer")


class _Connection:
    """A minimal HTTP/1.1 client on one kept-alive connection, with one cookie jar."""

    def __init__(self, port: int, source: str = "127.0.0.1"):
        self.port, self.source = port, source
        self.cookies: dict[str, str] = {}
        self.reader = self.writer = None

    async def open(self):
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port, local_addr=(self.source, 0))

    async def request(self, method: str, path: str, body: bytes = b"") -> tuple[int, dict, bytes]:
        head = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{self.port}", "User-Agent: notes-load"]
        if self.cookies:
            head.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if method == "POST":
            head += ["Content-Type: application/x-www-form-urlencoded", f"Content-Length: {len(body)}"]
        self.writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
        await self.writer.drain()
        status_line = await self.reader.readline()
        status = int(status_line.split()[1])
        headers: dict[str, str] = {}
        while True:
            line = (await self.reader.readline()).decode("latin-1").rstrip("\r\n")
            if not line:
                break
            key, _, value = line.partition(":")
            key, value = key.strip().lower(), value.strip()
            if key == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
            headers[key] = value
        data = await self.reader.readexactly(int(headers.get("content-length", "0")))
        if headers.get("connection", "").lower() == "close":
            self.writer.close()
            await self.open()
        return status, headers, data

    def close(self):
        if self.writer:
            self.writer.close()


async def _client(worker: int, port: int, notes: int, follow: bool, post_ms: list, page_ms: list, errors: list):
    # Each client from its own loopback address, as each phone has its own: the per-client write limit
    # then applies to each, as on the day.
    conn = _Connection(port, f"127.0.{worker // 250}.{worker % 250 + 2}")
    try:
        await conn.open()
        path = f"/c/{CARDS[worker % len(CARDS)]}/{worker % 8 + 1}"
        status, _, page = await conn.request("GET", path)
        csrf = re.search(rb'name="csrf" value="([^"]+)"', page).group(1).decode()
        for i in range(notes):
            body = urlencode({"csrf": csrf, "text": f"load {worker}-{i}: vi prøver det af", "by": f"Bord {worker}"})
            started = time.perf_counter()
            status, headers, _ = await conn.request("POST", path, body.encode())
            post_ms.append((time.perf_counter() - started) * 1000)
            if status != 303:
                errors.append(f"POST {path}: {status}")
                continue
            if follow:
                started = time.perf_counter()
                status, _, _ = await conn.request("GET", headers["location"].split("#")[0])
                page_ms.append((time.perf_counter() - started) * 1000)
                if status != 200:
                    errors.append(f"GET after POST: {status}")
    except Exception as exc:  # a refused or dropped connection is an error of the run, not a crash
        errors.append(f"client {worker}: {type(exc).__name__}: {exc}")
    finally:
        conn.close()


async def _exporter(port: int, stop: asyncio.Event, done: list, errors: list) -> None:
    """Download the record PDF again and again until ``stop`` is set; each time in ``done`` (ms)."""
    conn = _Connection(port)
    try:
        await conn.open()
        await conn.request("GET", f"/facilitator?key={FACILITATOR_KEY}")  # the cookie opens the exports
        while not stop.is_set():
            started = time.perf_counter()
            status, headers, data = await conn.request("GET", "/facilitator/export.pdf")
            if status != 200 or not data.startswith(b"%PDF-"):
                errors.append(f"GET /facilitator/export.pdf: {status}")
                await asyncio.sleep(0.2)
                continue
            done.append((time.perf_counter() - started) * 1000)
    except Exception as exc:
        errors.append(f"exporter: {type(exc).__name__}: {exc}")
    finally:
        conn.close()


def _peak_rss_mb(pid: int) -> float | None:
    """The server's peak resident memory so far, with its child processes' (Linux /proc)."""
    total = 0.0
    try:
        pids = [pid] + [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
        for one in pids:
            for line in Path(f"/proc/{one}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1]) / 1024
    except (OSError, ValueError):
        return None
    return round(total, 1)


def _cpu_seconds(pid: int) -> float | None:
    """User + system CPU time the server used so far (Linux /proc; None elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        import os

        return round((int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"), 2)
    except (OSError, IndexError, ValueError):
        return None


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def run(clients: int = 100, notes: int = 10, follow: bool = True, deck: str | Path = ROOT / "deck",
        exports: int = 0, engine: str = "sqlite", workers: int = 1) -> dict:
    """Run the load test against a fresh server; return counts and latency percentiles in ms.

    :param clients: concurrent clients (each its own connection and cookie).
    :param notes: notes each client sends, one after the other.
    :param follow: also load the card page after each 303, as a browser does.
    :param deck: the deck folder the server loads.
    :param exports: clients downloading the record PDF meanwhile, one download after another.
    :param engine: ``sqlite`` (a temporary file) or ``postgres`` (a throwaway server).
    :param workers: worker processes of the service (PostgreSQL only).
    """
    import contextlib

    from carddeck.load import load_deck
    from carddeck.notes.store import open_store

    with contextlib.ExitStack() as stack:
        folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="notes-load-"))
        if engine == "postgres":
            import pgserver

            db = stack.enter_context(pgserver.fresh_database(stack.enter_context(pgserver.server())))
        else:
            db = Path(folder) / "notes.db"
        port = _free_port()
        proc = _start(db, port, Path(deck), workers)
        post_ms: list[float] = []
        page_ms: list[float] = []
        errors: list[str] = []
        export_ms: list[float] = []
        peak_mb = None
        try:
            async def everyone():
                stop = asyncio.Event()
                exporters = [asyncio.create_task(_exporter(port, stop, export_ms, errors)) for _ in range(exports)]
                if exports:  # the first exports are under way before the notes come
                    await asyncio.sleep(1.0)
                await asyncio.gather(*(_client(w, port, notes, follow, post_ms, page_ms, errors) for w in range(clients)))
                stop.set()
                await asyncio.gather(*exporters)

            cpu_before, client_before = _cpu_seconds(proc.pid), time.process_time()
            started = time.perf_counter()
            asyncio.run(everyone())
            seconds = time.perf_counter() - started
            server_cpu = _cpu_seconds(proc.pid)
            peak_mb = _peak_rss_mb(proc.pid)
            client_cpu = time.process_time() - client_before
        finally:
            proc.terminate()
            proc.wait(30)
        with open_store(db, readonly=True) as store:
            stored = store.export_rows(load_deck(deck).kit_id, WORKSHOP)
    # every client's first page, each note's POST, and the page after it when following
    requests = clients + len(post_ms) + len(page_ms)
    load_cpu = round(server_cpu - cpu_before, 2) if server_cpu is not None and cpu_before is not None else None
    expected = {f"load {w}-{i}: vi prøver det af" for w in range(clients) for i in range(notes)}
    missing = len(expected - {n.text for n in stored})
    return {
        "engine": engine,
        "workers": workers,
        "clients": clients,
        "notes_sent": clients * notes,
        "notes_stored": len(stored),
        "missing": missing,
        "errors": len(errors),
        "first_errors": errors[:5],
        "seconds": round(seconds, 3),
        "notes_per_second": round(clients * notes / seconds, 1),
        "server_cpu_s": server_cpu,  # since the server started (loading the deck included)
        "requests": requests,
        "requests_per_second": round(requests / seconds),
        "server_cpu_load_s": load_cpu,  # during the load only
        "server_cpu_ms_per_request": round(load_cpu / requests * 1000, 3) if load_cpu is not None else None,
        "client_cpu_s": round(client_cpu, 2),
        "post_p50_ms": round(_percentile(post_ms, 50), 2),
        "post_p95_ms": round(_percentile(post_ms, 95), 2),
        "post_p99_ms": round(_percentile(post_ms, 99), 2),
        "page_p50_ms": round(_percentile(page_ms, 50), 2) if page_ms else None,
        "page_p95_ms": round(_percentile(page_ms, 95), 2) if page_ms else None,
        "page_p99_ms": round(_percentile(page_ms, 99), 2) if page_ms else None,
        "exports": exports,
        "exports_done": len(export_ms),
        "export_p50_ms": round(_percentile(export_ms, 50), 1) if export_ms else None,
        "server_peak_rss_mb": peak_mb,
        "ok": not errors and not missing and len(stored) == clients * notes,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--notes", type=int, default=10)
    parser.add_argument("--no-follow", action="store_true", help="do not load the page after each 303")
    parser.add_argument("--exports", type=int, default=0, help="clients downloading the record PDF meanwhile")
    parser.add_argument("--engine", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--workers", type=int, default=1, help="worker processes (postgres only)")
    args = parser.parse_args(argv)
    result = run(args.clients, args.notes, follow=not args.no_follow, exports=args.exports,
                 engine=args.engine, workers=args.workers)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
