"""Exports off the service's event loop: made in a worker process that reads the notes itself, a
bounded number at a time; a dead worker is replaced, and a worker ends with its service."""

from __future__ import annotations

import asyncio
import csv
import io
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from carddeck.notes import jobs
from carddeck.notes.export import export
from carddeck.notes.sqlite import SqliteStore
from carddeck.notes.store import HIDDEN, SHOWN, StoreError
from carddeck.notes.web import create_app

from conftest import DECK, as_facilitator, browser
from notes_helpers import post_note
from test_export import KIT, fill, notes_of, pdf_text

EVERY = jobs.Ask(KIT)  # every workshop's shown notes


@pytest.fixture
def db(tmp_path):
    fill(tmp_path / "n.db", "Workshop 1", [("fase-1-opnaa", i % 4 + 1, f"Note {i}: vi prøver det af", "Ane")
                                           for i in range(20)])
    return tmp_path / "n.db"


@pytest.fixture
def notes(db):
    return notes_of(db)


def test_a_pool_export_is_the_export(deck, db, notes):
    pool = jobs.ExportPool(str(db))
    try:
        assert asyncio.run(pool.export("csv", deck, EVERY)) == export("csv", deck, notes)
        # A PDF's font resource names depend on what the process drew before; its text does not.
        pdf = asyncio.run(pool.export("pdf", deck, EVERY))
        assert pdf_text(pdf) == pdf_text(export("pdf", deck, notes))
        assert asyncio.run(pool.export("pdf", deck, EVERY)) == pdf  # and the worker's bytes repeat
    finally:
        pool.close()


def _texts(csv_export: bytes) -> list[tuple[str, str]]:
    """(text, state) of each row of a CSV export."""
    return [(row["text"], row["state"]) for row in csv.DictReader(io.StringIO(csv_export.decode("utf-8-sig")))]


def test_the_worker_reads_what_the_service_has_just_acknowledged(deck, store):
    # The service's store stays open, as while it serves (SQLite: its notes still in the WAL);
    # the worker reads from its own read-only store on the same database.
    async def day():
        await store.add_kit(KIT, "Samskabelse – samskaping")
        one, two = await store.open_workshop(KIT, "Dag 1"), await store.open_workshop(KIT, "Dag 2")
        await store.add_note(one.id, "fase-1-opnaa", 1, "før eksporten")
        first = await pool.export("csv", deck, jobs.Ask(KIT, "Dag 1"))
        await store.add_note(one.id, "fase-1-opnaa", 2, "lige kvitteret")  # the worker's store is open by now
        hidden = await store.add_note(one.id, "fase-1-opnaa", 2, "skjult")
        await store.set_state(hidden.id, HIDDEN)
        await store.add_note(two.id, "fase-1-opnaa", 1, "fra dag 2")
        shown = await pool.export("csv", deck, jobs.Ask(KIT, "Dag 1"))
        with_hidden = await pool.export("csv", deck, jobs.Ask(KIT, "Dag 1", (SHOWN, HIDDEN)))
        every = await pool.export("csv", deck, jobs.Ask(KIT))
        return first, shown, with_hidden, every

    pool = jobs.ExportPool(store.db)
    try:
        first, shown, with_hidden, every = asyncio.run(day())
    finally:
        pool.close()
    if isinstance(store, SqliteStore):
        assert Path(store.db + "-wal").stat().st_size > 0  # not folded into the file yet
    assert _texts(first) == [("før eksporten", "shown")]
    assert _texts(shown) == [("før eksporten", "shown"), ("lige kvitteret", "shown")]
    assert _texts(with_hidden) == [("før eksporten", "shown"), ("lige kvitteret", "shown"), ("skjult", "hidden")]
    assert _texts(every) == [("før eksporten", "shown"), ("lige kvitteret", "shown"), ("fra dag 2", "shown")]


def test_an_unreadable_database_is_the_exports_error(deck, tmp_path):
    pool = jobs.ExportPool(str(tmp_path / "gone.db"))
    try:
        with pytest.raises(StoreError) as raised:
            asyncio.run(pool.export("csv", deck, EVERY))
        assert str(raised.value) == f"no notes database at {str(tmp_path / 'gone.db')!r}"
    finally:
        pool.close()


def test_exports_beyond_the_bound_are_refused_not_queued(deck, db):
    pool = jobs.ExportPool(str(db), workers=1, waiting=1)

    async def three():
        return await asyncio.gather(*(pool.export("pdf", deck, EVERY) for _ in range(3)), return_exceptions=True)

    try:
        results = asyncio.run(three())
        assert [type(r) for r in results] == [bytes, bytes, jobs.Busy]
        assert str(results[2]) == "2 exports are being made already"
        # The slots come back once an export is done.
        assert asyncio.run(pool.export("csv", deck, EVERY)).startswith(b"\xef\xbb\xbf")
    finally:
        pool.close()



def test_each_deck_is_exported_as_itself(deck, db, notes):
    # The workers keep each deck they were sent, by the digest of its pickle: another deck
    # through the same pool and worker is its own, not the one kept first.
    english = deck.in_language("en")
    pool = jobs.ExportPool(str(db))
    try:
        for one in (deck, english, deck):
            assert asyncio.run(pool.export("json", one, EVERY)) == export("json", one, notes)
    finally:
        pool.close()


def _worker_pids() -> set[int]:
    return {child.pid for child in multiprocessing.active_children()}


def test_a_dead_worker_is_replaced(deck, db, notes):
    pool = jobs.ExportPool(str(db))
    try:
        before = _worker_pids()
        assert asyncio.run(pool.export("csv", deck, EVERY)) == export("csv", deck, notes)
        (worker,) = _worker_pids() - before
        os.kill(worker, signal.SIGKILL)  # as the kernel's out-of-memory killer would
        deadline = time.monotonic() + 30
        while worker in _worker_pids() and time.monotonic() < deadline:
            time.sleep(0.05)  # the pool sees its worker gone
        assert asyncio.run(pool.export("csv", deck, EVERY)) == export("csv", deck, notes)
        assert worker not in _worker_pids()
    finally:
        pool.close()


# A service that ends without closing its pool (SIGTERM once uvicorn is done, kill -9).
_SERVICE_THAT_DIES = """
import asyncio, multiprocessing, os, signal, sys
from carddeck.load import load_deck
from carddeck.notes import jobs
pool = jobs.ExportPool(sys.argv[1])
asyncio.run(pool.export("csv", load_deck(sys.argv[2]), jobs.Ask(sys.argv[3])))
open(sys.argv[4], "w").write(" ".join(str(child.pid) for child in multiprocessing.active_children()))
os.kill(os.getpid(), signal.SIGKILL)
"""


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"  # a zombie has ended; only its parent has not reaped it yet


def test_a_worker_ends_with_its_service(db, tmp_path):
    # No pipe to the test: a worker left behind would hold it open.
    died = subprocess.run([sys.executable, "-c", _SERVICE_THAT_DIES, str(db), str(DECK), KIT, str(tmp_path / "pids")],
                          stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
    assert died.returncode == -signal.SIGKILL
    (worker,) = (int(pid) for pid in (tmp_path / "pids").read_text().split())
    deadline = time.monotonic() + 30
    while _running(worker) and time.monotonic() < deadline:
        time.sleep(0.05)
    left_behind = _running(worker)
    if left_behind:
        os.kill(worker, signal.SIGKILL)  # not on this machine's hands after the test either
    assert not left_behind


class _BusyPool:
    async def export(self, fmt, deck, ask):
        raise jobs.Busy("9 exports are being made already")

    def close(self):
        pass


def test_a_busy_export_says_try_again(service):
    app = create_app(service)
    app.state.exports.close()
    app.state.exports = _BusyPool()
    response = as_facilitator(browser(app)).get("/facilitator/export.pdf")
    assert response.status_code == 503
    assert "<h1>Vent et øjeblik</h1>" in response.text
    assert "Der bliver lavet mange eksporter lige nu. Prøv igen om et øjeblik." in response.text


def test_the_service_exports_through_its_pool(service):
    app = create_app(service)
    assert isinstance(app.state.exports, jobs.ExportPool)
    client = as_facilitator(browser(app))
    post_note(client, "/c/fase-1-opnaa/1", "Med i eksporten")
    try:
        response = client.get("/facilitator/export.csv")
        assert response.status_code == 200 and "Med i eksporten" in response.text
    finally:
        app.state.exports.close()
