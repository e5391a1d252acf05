"""Several worker processes for a hosted notes service: one socket, N processes, one PostgreSQL.

In: a listening socket, the number of workers and a :class:`WorkerSpec` (what each worker needs to
build the service itself: deck folders, the database URL, the workshop, the facilitator key and
the server options). Out: N processes serving on that socket until Ctrl+C or SIGTERM.

The parent binds the socket (so a busy port is reported at once) and starts the workers with
``spawn``: each imports carddeck afresh, opens its own connection pool, and serves on the inherited
socket, where the kernel hands each new connection to one of them. Nothing that decides who may
write lives in one process: notes, workshops, moderation and the write limit are in PostgreSQL
(:class:`~carddeck.notes.postgres.SharedRateLimit`), so every worker sees a change at once. A
worker that dies (``kill -9``, out of memory) is replaced; its acknowledged notes were committed
before their answer left, so nothing is lost. SQLite has one writer per file: with SQLite the
service runs as one process (the command line refuses ``--workers`` over 1).
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import signal
import time
from dataclasses import dataclass

RESTARTS_PER_MINUTE = 10  # more deaths than this in a minute: something is wrong, stop
GRACE = 10.0  # seconds workers get to finish their requests when the service stops


@dataclass(frozen=True)
class WorkerSpec:
    """What a worker needs to build the same service as its siblings (picklable: plain values)."""

    deck_folders: tuple[str, ...]
    mounts: tuple[str, ...]
    db: str
    workshop: str
    facilitator_key: str
    notes_per_minute: int
    burst: int
    host: str
    port: int
    proxy: str | None
    root_path: str
    hosts: tuple[str, ...]  # the Host headers the service answers (see guard.served_hosts)
    lang: str  # the language of the refusal page
    access_log: bool = False  # --access-log: each worker logs its requests (off: no IP address is kept)
    kit_lang: str | None = None  # the kits' language (serve's --lang; None: each deck's own)


def run(count: int, sock, spec: WorkerSpec, echo) -> int:
    """Serve with ``count`` workers until Ctrl+C or SIGTERM; return the exit code (0, or 1 when
    workers kept dying)."""
    context = multiprocessing.get_context("spawn")
    stopping = False

    def start(index: int):
        process = context.Process(target=_worker, args=(sock, spec), name=f"carddeck-notes-{index}", daemon=False)
        process.start()
        echo(f"Worker {index} is process {process.pid}.")
        return process

    def stop(*_):
        nonlocal stopping
        stopping = True

    previous = signal.signal(signal.SIGTERM, stop)
    workers = [start(i + 1) for i in range(count)]
    deaths: list[float] = []
    code = 0
    try:
        while not stopping:
            try:
                ready = multiprocessing.connection.wait([w.sentinel for w in workers], timeout=0.5)
            except KeyboardInterrupt:
                break
            for sentinel in ready:
                index = next(i for i, w in enumerate(workers) if w.sentinel == sentinel)
                dead = workers[index]
                dead.join()
                now = time.monotonic()
                deaths = [t for t in deaths if now - t < 60] + [now]
                if len(deaths) > RESTARTS_PER_MINUTE:
                    echo(f"Workers keep stopping ({len(deaths)} in a minute, the last with exit code "
                         f"{dead.exitcode}); the service stops. See the messages above.")
                    stopping, code = True, 1
                    break
                echo(f"Worker {index + 1} stopped (exit code {dead.exitcode}); starting another.")
                workers[index] = start(index + 1)
    finally:
        signal.signal(signal.SIGTERM, previous)
        for worker in workers:
            if worker.is_alive():
                worker.terminate()  # SIGTERM: uvicorn finishes the requests under way
        deadline = time.monotonic() + GRACE
        for worker in workers:
            worker.join(max(0.0, deadline - time.monotonic()))
            if worker.is_alive():
                worker.kill()
                worker.join()
    return code


def _worker(sock, spec: WorkerSpec) -> None:
    """One worker: build the service from ``spec`` and serve on ``sock`` until told to stop."""
    import asyncio

    from ..load import load_kit
    from . import guard
    from .postgres import SharedRateLimit
    from .serve import make_server
    from .store import open_store
    from .web import create_app, prepare

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C reaches the parent, which stops us
    decks = [load_kit(folder, spec.kit_lang) for folder in spec.deck_folders]
    store = open_store(spec.db)
    app = None
    try:
        secret = asyncio.run(store.secret()).encode()
        rate = SharedRateLimit(store, secret, spec.notes_per_minute, spec.burst)
        service = asyncio.run(prepare(store, list(zip(decks, spec.mounts)), spec.workshop, spec.facilitator_key, rate,
                                      spec.access_log))
        app = create_app(service)
        server = make_server(app, spec.host, spec.port, spec.proxy, spec.root_path, sock=sock,
                             access_log=spec.access_log)
        guard.allow_hosts(app, frozenset(spec.hosts), spec.lang)  # after the warm-up, as in one process
        guard.raise_open_files(guard.PHONES)
        store.adopt_next_loop()  # uvicorn's loop queries the database itself, with no hop
        server.run()
    finally:
        if app is not None:
            app.state.exports.close()
        store.close()
