"""Exports that never stall the notes service: a format, a deck and notes in, the export's bytes out.

Making the record PDF takes reportlab seconds of pure-Python work and, with many notes, hundreds
of megabytes. Run on the service's own threads it holds the interpreter lock, so every phone's
note waits behind it (measured: with 32 exports at once a note's POST took 587 ms at the median,
and the service grew to 957 MB). Here exports run in :data:`WORKERS` separate worker process(es),
one export each at a time; at most :data:`WAITING` more wait their turn, and a request beyond that
is refused at once with :class:`Busy` (the facilitator tries again) rather than queued without
bound. The service's event loop only waits on a future, so pages and notes keep their speed, and
memory is bounded by the workers, not by the number of downloads asked for.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor

from . import export as exports

WORKERS = 1  # processes making exports; the service keeps the other core (2-core laptops)
WAITING = 8  # exports that may wait for a worker; one more is refused with Busy


class Busy(RuntimeError):
    """Too many exports are being made already; try again in a moment."""


NICENESS = 10  # the workers' scheduling priority below the service's: notes first, exports when a core is free


def _yield_to_the_service() -> None:
    """In a new worker: lower its priority, so on a laptop with few cores the phones come first."""
    if hasattr(os, "nice"):
        os.nice(NICENESS)


class ExportPool:
    """Bounded, out-of-process export making for one service. Thread-safe; :meth:`close` at the end."""

    def __init__(self, workers: int = WORKERS, waiting: int = WAITING):
        self.workers, self.waiting = workers, waiting
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(workers + waiting)

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                # "spawn": a fresh interpreter, not a fork of a process with a writer thread and
                # an event loop running (fork copies their locks in whatever state they are).
                self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                                 initializer=_yield_to_the_service)
            return self._pool

    async def export(self, fmt: str, deck, notes, workshop: str | None = None) -> bytes:
        """:func:`carddeck.notes.export.export` in a worker process.

        :raises Busy: when :data:`WORKERS` exports are running and :data:`WAITING` more wait.
        """
        if not self._slots.acquire(blocking=False):
            raise Busy(f"{self.workers + self.waiting} exports are being made already")
        try:
            future = self._executor().submit(exports.export, fmt, deck, list(notes), workshop)
            return await asyncio.wrap_future(future)
        finally:
            self._slots.release()

    def close(self) -> None:
        """Stop the worker processes (an export still running is abandoned)."""
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = None
