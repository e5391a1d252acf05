"""Exports off the service's event loop: made in a worker process, a bounded number at a time."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import pickle
import signal
import time

import pytest

from carddeck.notes import jobs
from carddeck.notes.export import export
from carddeck.notes.store import HIDDEN, Note
from carddeck.notes.web import create_app

from conftest import as_facilitator, browser
from notes_helpers import post_note
from test_export import fill, notes_of, pdf_text


@pytest.fixture
def notes(tmp_path):
    fill(tmp_path / "n.db", "Workshop 1", [("fase-1-opnaa", i % 4 + 1, f"Note {i}: vi prøver det af", "Ane")
                                           for i in range(20)])
    return notes_of(tmp_path / "n.db")


def test_a_pool_export_is_the_export(deck, notes):
    pool = jobs.ExportPool()
    try:
        assert asyncio.run(pool.export("csv", deck, notes)) == export("csv", deck, notes)
        # A PDF's font resource names depend on what the process drew before; its text does not.
        pdf = asyncio.run(pool.export("pdf", deck, notes))
        assert pdf_text(pdf) == pdf_text(export("pdf", deck, notes))
        assert asyncio.run(pool.export("pdf", deck, notes)) == pdf  # and the worker's bytes repeat
    finally:
        pool.close()


def test_exports_beyond_the_bound_are_refused_not_queued(deck, notes):
    pool = jobs.ExportPool(workers=1, waiting=1)

    async def three():
        return await asyncio.gather(*(pool.export("pdf", deck, notes) for _ in range(3)), return_exceptions=True)

    try:
        results = asyncio.run(three())
        assert [type(r) for r in results] == [bytes, bytes, jobs.Busy]
        assert str(results[2]) == "2 exports are being made already"
        # The slots come back once an export is done.
        assert asyncio.run(pool.export("csv", deck, notes)).startswith(b"\xef\xbb\xbf")
    finally:
        pool.close()



def test_a_note_reaches_the_worker_as_it_is():
    # Notes travel to the worker pickled as their fields (Note.__reduce__): every field, in its place.
    notes = [Note(7, "fase-1-opnaa", 3, "Vi prøver «det» af – æøå", "Ane", "2026-05-03T10:02:00.000Z", "Hedensted", HIDDEN),
             Note(8, "regel-1", None, "Uden navn", None, "2026-05-03T10:03:00.000Z")]
    again = pickle.loads(pickle.dumps(notes, protocol=pickle.HIGHEST_PROTOCOL))
    assert again == notes
    assert [vars(n) for n in again] == [vars(n) for n in notes]

def test_each_deck_is_exported_as_itself(deck, notes):
    # The workers keep each deck they were sent, by the digest of its pickle: another deck
    # through the same pool and worker is its own, not the one kept first.
    english = deck.in_language("en")
    pool = jobs.ExportPool()
    try:
        for one in (deck, english, deck):
            assert asyncio.run(pool.export("json", one, notes)) == export("json", one, notes)
    finally:
        pool.close()


def _worker_pids() -> set[int]:
    return {child.pid for child in multiprocessing.active_children()}


def test_a_dead_worker_is_replaced(deck, notes):
    pool = jobs.ExportPool()
    try:
        before = _worker_pids()
        assert asyncio.run(pool.export("csv", deck, notes)) == export("csv", deck, notes)
        (worker,) = _worker_pids() - before
        os.kill(worker, signal.SIGKILL)  # as the kernel's out-of-memory killer would
        deadline = time.monotonic() + 30
        while worker in _worker_pids() and time.monotonic() < deadline:
            time.sleep(0.05)  # the pool sees its worker gone
        assert asyncio.run(pool.export("csv", deck, notes)) == export("csv", deck, notes)
        assert worker not in _worker_pids()
    finally:
        pool.close()


class _BusyPool:
    async def export(self, fmt, deck, notes, workshop=None):
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
