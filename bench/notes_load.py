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
import random
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


async def _client(worker: int, port: int, notes: int, follow: bool, post_ms: list, page_ms: list, errors: list,
                  think: float = 0.0):
    # Each client from its own loopback address, as each phone has its own: the per-client write limit
    # then applies to each, as on the day.
    conn = _Connection(port, f"127.0.{worker // 250}.{worker % 250 + 2}")
    try:
        await conn.open()
        path = f"/c/{CARDS[worker % len(CARDS)]}/{worker % 8 + 1}"
        status, _, page = await conn.request("GET", path)
        csrf = re.search(rb'name="csrf" value="([^"]+)"', page).group(1).decode()
        pause = random.Random(worker)  # the same pauses in every run
        for i in range(notes):
            if think:  # a person reading and typing: a pause of ``think`` seconds on average
                await asyncio.sleep(pause.expovariate(1 / think))
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


def _waited_seconds(pid: int) -> float | None:
    """Seconds the threads of ``pid`` have spent ready to run but waiting for a core (Linux
    /proc/<pid>/task/*/schedstat, second field; None elsewhere): what other processes, an
    export worker among them, cost the service in latency."""
    try:
        return sum(int((task / "schedstat").read_text().split()[1]) for task in Path(f"/proc/{pid}/task").iterdir()) / 1e9
    except (OSError, ValueError, IndexError):
        return None


def _tree_cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of ``pid`` and every process below it: the live ones, and those
    that ended and were waited for (their time is in their parent's ``cutime``/``cstime``).
    Linux /proc; None elsewhere or when ``pid`` is gone."""
    import os

    def ticks(one: int) -> int:
        try:
            fields = Path(f"/proc/{one}/stat").read_text().rsplit(")", 1)[1].split()
            children = Path(f"/proc/{one}/task/{one}/children").read_text().split()
        except OSError:
            return 0  # ended between the listing and the reading: its parent counts it once waited for
        return sum(int(f) for f in fields[11:15]) + sum(ticks(int(c)) for c in children)

    if not Path(f"/proc/{pid}/stat").exists():
        return None
    return ticks(pid) / os.sysconf("SC_CLK_TCK")


def _machine_busy_seconds() -> float | None:
    """CPU seconds every core of this computer has spent not idle since boot, whoever used them
    (Linux /proc/stat): with the figures above, how much other work shared the cores."""
    import os

    try:
        fields = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:9]]
    except (OSError, ValueError, IndexError):
        return None
    user, nice, system, idle, iowait, irq, softirq, steal = fields
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def _postmaster_pid(db: str) -> int | None:
    """The PID of the PostgreSQL server of ``db`` when it runs on this computer (its backends
    are its children), else None."""
    try:
        import psycopg

        with psycopg.connect(db, autocommit=True) as conn:  # read while the backend lives
            backend = conn.execute("SELECT pg_backend_pid()").fetchone()[0]
            parent = int(Path(f"/proc/{backend}/stat").read_text().rsplit(")", 1)[1].split()[1])
        return parent if "postgres" in Path(f"/proc/{parent}/comm").read_text() else None
    except Exception:  # another computer's server, or no /proc: no figure rather than a wrong one
        return None


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def run(clients: int = 100, notes: int = 10, follow: bool = True, deck: str | Path = ROOT / "deck",
        exports: int = 0, engine: str = "sqlite", workers: int = 1, think: float = 0.0) -> dict:
    """Run the load test against a fresh server; return counts and latency percentiles in ms.

    :param clients: concurrent clients (each its own connection and cookie).
    :param notes: notes each client sends, one after the other.
    :param follow: also load the card page after each 303, as a browser does.
    :param deck: the deck folder the server loads.
    :param exports: clients downloading the record PDF meanwhile, one download after another.
    :param engine: ``sqlite`` (a temporary file) or ``postgres`` (a throwaway server).
    :param workers: worker processes of the service (PostgreSQL only).
    :param think: mean seconds each client pauses before each note (exponential, seeded per client);
        0 is the closed loop: the next request as soon as the last is answered.
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
                await asyncio.gather(*(_client(w, port, notes, follow, post_ms, page_ms, errors, think) for w in range(clients)))
                stop.set()
                await asyncio.gather(*exporters)

            postmaster = _postmaster_pid(db) if engine == "postgres" else None
            cpu_before, client_before = _cpu_seconds(proc.pid), time.process_time()
            tree_before = _tree_cpu_seconds(proc.pid)
            waited_before = _waited_seconds(proc.pid)
            pg_before = _tree_cpu_seconds(postmaster) if postmaster else None
            busy_before = _machine_busy_seconds()
            started = time.perf_counter()
            asyncio.run(everyone())
            seconds = time.perf_counter() - started
            client_cpu = time.process_time() - client_before
            server_cpu = _cpu_seconds(proc.pid)
            tree_after = _tree_cpu_seconds(proc.pid)
            waited_after = _waited_seconds(proc.pid)
            pg_after = _tree_cpu_seconds(postmaster) if postmaster else None
            busy_after = _machine_busy_seconds()
            peak_mb = _peak_rss_mb(proc.pid)
        finally:
            proc.terminate()
            proc.wait(30)
        with open_store(db, readonly=True) as store:
            stored = store.export_rows(load_deck(deck).kit_id, WORKSHOP)
    # every client's first page, each note's POST, and the page after it when following
    requests = clients + len(post_ms) + len(page_ms)
    load_cpu = round(server_cpu - cpu_before, 2) if server_cpu is not None and cpu_before is not None else None
    service_cpu = tree_after - tree_before if tree_after is not None and tree_before is not None else None
    database_cpu = pg_after - pg_before if pg_after is not None and pg_before is not None else None
    expected = {f"load {w}-{i}: vi prøver det af" for w in range(clients) for i in range(notes)}
    missing = len(expected - {n.text for n in stored})
    return {
        "engine": engine,
        "think_s": think,
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
        # during the load: the service's threads ready to run, waiting for a core (a thread that ended is not counted)
        "server_waited_for_cpu_s": round(waited_after - waited_before, 3)
        if waited_after is not None and waited_before is not None else None,
        "server_cpu_ms_per_request": round(load_cpu / requests * 1000, 3) if load_cpu is not None else None,
        "client_cpu_s": round(client_cpu, 2),
        # During the load: the service with its worker processes, the PostgreSQL server's processes
        # (None for SQLite, or a server on another computer) and this load generator.
        "service_cpu_s": round(service_cpu, 2) if service_cpu is not None else None,
        "database_cpu_s": round(database_cpu, 2) if database_cpu is not None else None,
        "machine_busy_s": round(busy_after - busy_before, 2) if busy_after is not None and busy_before is not None else None,
        "post_mean_ms": round(statistics.fmean(post_ms), 2) if post_ms else None,
        "page_mean_ms": round(statistics.fmean(page_ms), 2) if page_ms else None,
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
    parser.add_argument("--think", type=float, default=0.0, help="mean seconds a client pauses before each note")
    args = parser.parse_args(argv)
    result = run(args.clients, args.notes, follow=not args.no_follow, exports=args.exports,
                 engine=args.engine, workers=args.workers, think=args.think)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
