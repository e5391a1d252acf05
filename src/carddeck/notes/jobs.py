"""Exports that never stall the notes service: a format, a deck and what to export in, the bytes out.

Making the record PDF takes reportlab seconds of pure-Python work and, with many notes, hundreds
of megabytes. Run on the service's own threads it holds the interpreter lock, so every phone's
note waits behind it (measured: with 32 exports at once a note's POST took 587 ms at the median,
and the service grew to 957 MB). Here exports run in :data:`WORKERS` separate worker process(es),
one export each at a time; at most :data:`WAITING` more wait their turn, and a request beyond that
is refused at once with :class:`Busy` (the facilitator tries again) rather than queued without
bound. The service's event loop only waits on a future, so pages and notes keep their speed, and
memory is bounded by the workers, not by the number of downloads asked for.

What the service still does per export runs under its interpreter lock, so it is kept small: it
sends what to export (:class:`Ask`: the kit, one workshop or all, which moderation states) and
the deck, pickled once (:meth:`ExportPool._packed`); the worker unpickles the deck once per
digest and reads the notes itself, from its own read-only store on the same database
(:func:`_make`), so no note is read, built or pickled in the service (with 1,000 notes that
took the service 7 ms of CPU per export; what is left is 1.3 ms, mostly the request itself and
the bytes coming back: bench/export_cost.py). The worker's read starts after the request came,
so it sees every note acknowledged before. A worker that dies (killed, out of
memory) breaks its pool: the pool is replaced and the exports it held are made once more.
"""

from __future__ import annotations

import asyncio
import hashlib
import multiprocessing
import multiprocessing.connection
import os
import pickle
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from . import export as exports
from .store import SHOWN, NotesStore, open_store

WORKERS = 1  # processes making exports; the service keeps the other core (2-core laptops)
WAITING = 8  # exports that may wait for a worker; one more is refused with Busy
DECKS_KEPT = 8  # decks a pool (and each worker) keeps unpickled: a service serves a few kits


class Busy(RuntimeError):
    """Too many exports are being made already; try again in a moment."""


NICENESS = 10  # the workers' scheduling priority below the service's: notes first, exports when a core is free


def _start_worker() -> None:
    """In a new worker: lower its priority, so on a laptop with few cores the phones come first;
    and end it when the service ends, however that ends.

    A worker otherwise waits for its next export as long as the service's end of their pipe is
    open, and the worker holds that end itself: a service stopped with SIGTERM (uvicorn raises
    it again once it has finished its requests, so no ``finally`` runs) or killed left its worker
    behind for good, with its memory and its database connection.
    """
    if hasattr(os, "nice"):
        os.nice(NICENESS)
    service = multiprocessing.parent_process()  # None only when not started by a pool
    if service is not None:
        threading.Thread(target=_end_with, args=(service.sentinel,), name="carddeck-export-watch", daemon=True).start()


def _end_with(sentinel: int) -> None:
    multiprocessing.connection.wait([sentinel])  # readable once the service's process has ended
    os._exit(0)  # an export under way is for nobody now


@dataclass(frozen=True)
class Ask:
    """What one export shows: the notes of ``kit`` in ``workshop`` (None: every workshop, each note
    labelled) whose moderation state is one of ``states`` (hidden ones only when the facilitator
    asked)."""

    kit: str
    workshop: str | None = None
    states: tuple[str, ...] = (SHOWN,)


_DECKS: dict[str, object] = {}  # in a worker: deck digest -> the deck, unpickled once
_STORES: dict[str, NotesStore] = {}  # in a worker: database -> its read-only store, opened once


def _make(fmt: str, digest: str, packed: bytes, db: str, ask: Ask) -> bytes:
    """In a worker: :func:`carddeck.notes.export.export` of the deck that ``packed`` pickles,
    with the notes ``ask`` names, read from ``db`` (a ``--db`` value) by this worker.

    ``packed`` always comes along (a bytes object costs the service a copy, not a pickling), so a
    new worker needs no second round; ``digest`` tells a worker that it has unpickled it already.

    :raises carddeck.notes.store.StoreError: when ``db`` cannot be read.
    """
    deck = _DECKS.get(digest)
    if deck is None:
        while len(_DECKS) >= DECKS_KEPT:
            del _DECKS[next(iter(_DECKS))]
        deck = _DECKS[digest] = pickle.loads(packed)
    store = _STORES.get(db)
    if store is None:
        store = _STORES[db] = open_store(db, readonly=True)
    return exports.export(fmt, deck, store.export_rows(ask.kit, ask.workshop, ask.states), ask.workshop)


class ExportPool:
    """Bounded, out-of-process export making for one service. Thread-safe; :meth:`close` at the end.

    :param db: the service's database (its ``--db`` value): the workers read the notes from it.
    """

    def __init__(self, db: str, workers: int = WORKERS, waiting: int = WAITING):
        self.db = db
        self.workers, self.waiting = workers, waiting
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(workers + waiting)
        # id(deck) -> (the deck, kept so its id is not reused; its digest; its pickle)
        self._decks: dict[int, tuple[object, str, bytes]] = {}

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                # "spawn": a fresh interpreter, not a fork of a process with a writer thread and
                # an event loop running (fork copies their locks in whatever state they are).
                self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                                 initializer=_start_worker)
            return self._pool

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        """Drop ``broken`` (a worker of it died), unless another export replaced it already."""
        with self._lock:
            if self._pool is broken:
                self._pool = None
        broken.shutdown(wait=False, cancel_futures=True)

    def _packed(self, deck) -> tuple[str, bytes]:
        """``deck`` pickled, and the digest of that pickle: worked out once per deck (decks are frozen)."""
        with self._lock:
            kept = self._decks.get(id(deck))
            if kept is None:
                packed = pickle.dumps(deck, protocol=pickle.HIGHEST_PROTOCOL)
                while len(self._decks) >= DECKS_KEPT:
                    del self._decks[next(iter(self._decks))]
                kept = self._decks[id(deck)] = (deck, hashlib.sha256(packed).hexdigest(), packed)
            return kept[1], kept[2]

    async def export(self, fmt: str, deck, ask: Ask) -> bytes:
        """:func:`carddeck.notes.export.export` of the notes ``ask`` names, in a worker process.

        :raises Busy: when :data:`WORKERS` exports are running and :data:`WAITING` more wait.
        :raises carddeck.notes.store.StoreError: when the worker cannot read the database.
        """
        if not self._slots.acquire(blocking=False):
            raise Busy(f"{self.workers + self.waiting} exports are being made already")
        try:
            job = (_make, fmt, *self._packed(deck), self.db, ask)
            for last in (False, True):  # a dead worker's exports are made once more, by a new one
                pool = self._executor()
                try:
                    return await asyncio.wrap_future(pool.submit(*job))
                except BrokenProcessPool:
                    self._replace(pool)
                    if last:
                        raise
        finally:
            self._slots.release()

    def close(self) -> None:
        """Stop the worker processes (an export still running is abandoned)."""
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = None
