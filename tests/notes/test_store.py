"""The notes database: the interface, limits, order, workshops, moderation states, durability, concurrent writers."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest

from carddeck.notes.sqlite import SqliteStore
from carddeck.notes.store import (MAX_NAME, MAX_TEXT, NotesStore, NoteRejected, StoreError, WorkshopClosed, clean,
                                  open_store)

KIT = "kit-a"


def run(coroutine):
    return asyncio.run(coroutine)


def opened(store, name="w1", kit=KIT):
    run(store.add_kit(kit, "Kit A"))
    return run(store.open_workshop(kit, name))


def test_sqlite_implements_the_interface(tmp_path):
    with open_store(tmp_path / "n.db") as store:
        assert isinstance(store, NotesStore) and isinstance(store, SqliteStore)


def test_add_and_read_back(tmp_path):
    with SqliteStore(tmp_path / "n.db") as store:
        w = opened(store)
        first = run(store.add_note(w.id, "fase-1", None, "Første", None))
        second = run(store.add_note(w.id, "fase-1", 2, "Anden", "Ane"))
        run(store.add_note(w.id, "fase-2", 1, "Tredje"))
        assert [n.text for n in run(store.notes_for(w.id, "fase-1", limit=10))] == ["Anden", "Første"]  # newest first
        assert [n.id for n in run(store.export_notes(KIT))] == [first.id, second.id, first.id + 2]
        assert run(store.counts(w.id)) == {"fase-1": 2, "fase-2": 1}
        assert run(store.count_for(w.id, "fase-1")) == 2
    with SqliteStore(tmp_path / "n.db", readonly=True) as again:
        note = again.export_rows(KIT)[1]
        assert (note.card_id, note.copy, note.text, note.name, note.workshop) == ("fase-1", 2, "Anden", "Ane", "w1")
        assert note.created.endswith("Z") and note.created_at.utcoffset().total_seconds() == 0


def test_pages_of_notes(store):
    w = opened(store)
    ids = [run(store.add_note(w.id, "c", None, f"n{i}")).id for i in range(7)]
    page = run(store.notes_for(w.id, "c", limit=3))
    assert [n.id for n in page] == ids[:-4:-1]
    rest = run(store.notes_for(w.id, "c", limit=3, before=page[-1].id))
    assert [n.id for n in rest] == ids[3:0:-1]


def test_a_card_page_reads_its_workshop_notes_and_count_at_once(store):
    w = opened(store)
    other = run(store.add_note(w.id, "other card", None, "not here"))
    ids = [run(store.add_note(w.id, "c", i % 2 or None, f"n{i}", "Ane")).id for i in range(5)]
    run(store.set_state(ids[1], "hidden"))
    page = run(store.card_notes(KIT, "w1", "c", limit=2))
    assert page.workshop == w and page.count == 4
    assert [(n.id, n.text, n.workshop) for n in page.notes] == [(ids[4], "n4", "w1"), (ids[3], "n3", "w1")]
    assert page.notes[0] == run(store.notes_for(w.id, "c", limit=1))[0]  # the same note as the other reads give
    rest = run(store.card_notes(KIT, "w1", "c", limit=5, before=ids[3]))
    assert [n.id for n in rest.notes] == [ids[2], ids[0]] and rest.count == 4
    closed = run(store.set_open(w.id, False))
    empty = run(store.card_notes(KIT, "w1", "no notes", limit=5))
    assert (empty.workshop, empty.notes, empty.count) == (closed, (), 0)  # the workshop as it is now
    missing = run(store.card_notes(KIT, "no such workshop", "c", limit=5))
    assert (missing.workshop, missing.notes, missing.count) == (None, (), 0)
    assert other.id not in [n.id for n in run(store.card_notes(KIT, "w1", "c", limit=10)).notes]


def test_card_pages_read_together_each_get_their_own(store):
    w = opened(store)
    for card in ("a", "b"):
        for i in range(3):
            run(store.add_note(w.id, card, None, f"{card}{i}"))

    async def together():  # many phones at once: PostgreSQL reads them in one statement
        asks = [("a", None), ("b", None), ("a", None), ("missing", None)]
        pages = [store.card_notes(KIT, "w1", card, limit=2, before=before) for card, before in asks]
        return await asyncio.gather(*pages, store.card_notes(KIT, "nowhere", "a", limit=2))

    a, b, again, missing, nowhere = run(together())
    assert [n.text for n in a.notes] == ["a2", "a1"] and a.count == 3 and again == a
    assert [n.text for n in b.notes] == ["b2", "b1"] and b.workshop == w
    assert (missing.workshop, missing.notes, missing.count) == (w, (), 0)
    assert (nowhere.workshop, nowhere.notes, nowhere.count) == (None, (), 0)


def test_workshops_keep_their_notes_apart(store):
    first = opened(store, "w1")
    run(store.add_note(first.id, "c", None, "in w1"))
    second = opened(store, "w2")
    assert run(store.notes_for(second.id, "c", limit=5)) == [] and run(store.counts(second.id)) == {}
    run(store.add_note(second.id, "c", None, "in w2"))
    assert [n.text for n in run(store.export_notes(KIT, "w1"))] == ["in w1"]
    assert [(n.workshop, n.text) for n in run(store.export_notes(KIT))] == [("w1", "in w1"), ("w2", "in w2")]
    assert [w.name for w in run(store.workshops(KIT))] == ["w1", "w2"]
    assert run(store.open_workshop(KIT, "w1")).id == first.id  # the same name continues it
    assert run(store.export_notes("other-kit")) == []


def test_a_closed_workshop_takes_no_notes(store):
    w = opened(store)
    closed = run(store.set_open(w.id, False))
    assert not closed.is_open and closed.closed.endswith("Z")
    assert not run(store.open_workshop(KIT, "w1")).is_open  # a restart does not open it again
    with pytest.raises(WorkshopClosed) as info:
        run(store.add_note(w.id, "c", None, "too late"))
    assert info.value.key == "workshop_closed"
    assert run(store.export_notes(KIT)) == []
    assert run(store.set_open(w.id, True)).is_open
    assert run(store.add_note(w.id, "c", None, "open again")).text == "open again"


def test_moderation_states(store):
    w = opened(store)
    hidden = run(store.add_note(w.id, "c", None, "hide me"))
    run(store.add_note(w.id, "c", None, "keep me"))
    run(store.set_state(hidden.id, "hidden"))
    assert [n.text for n in run(store.notes_for(w.id, "c", limit=5))] == ["keep me"]
    assert run(store.count_for(w.id, "c")) == 1
    every = run(store.export_notes(KIT, states=("shown", "hidden")))
    assert [(n.text, n.state) for n in every] == [("hide me", "hidden"), ("keep me", "shown")]
    with pytest.raises(ValueError) as info:
        run(store.set_state(hidden.id, "gone"))
    assert str(info.value) == "expected one of shown, hidden, deleted, received 'gone'"


def test_durability_settings(sqlite_store):
    conn = sqlite_store._write_conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL: fsync at every commit


@pytest.mark.parametrize("text", ["", "   ", "\n\t \r\n", None])
def test_empty_note_is_rejected(text):
    with pytest.raises(NoteRejected) as info:
        clean(text, None)
    assert info.value.key == "note_empty"


def test_length_limit_counts_characters():
    assert clean("æ" * MAX_TEXT, None)[0] == "æ" * MAX_TEXT
    with pytest.raises(NoteRejected) as info:
        clean("ø" * (MAX_TEXT + 1), None)
    assert (info.value.key, info.value.params) == ("note_too_long", {"length": 2001, "limit": 2000})
    with pytest.raises(NoteRejected) as info:
        clean("ok", "n" * (MAX_NAME + 1))
    assert info.value.key == "name_too_long"


def test_clean_normalises_what_was_typed():
    text, name = clean("  Linje 1\r\nLinje 2\x00\x07 \n", "  Ane \n  Berg ")
    assert (text, name) == ("Linje 1\nLinje 2", "Ane Berg")
    assert clean("a", "   ") == ("a", None)


def test_rejected_note_is_not_stored(store):
    w = opened(store)
    with pytest.raises(NoteRejected):
        run(store.add_note(w.id, "fase-1", None, " "))
    assert run(store.export_notes(KIT)) == []


def test_concurrent_writers_lose_nothing(store):
    w = opened(store)

    async def writer(worker):
        return [(await store.add_note(w.id, "fase-3", worker, f"w{worker} n{i}")).id for i in range(20)]

    async def everyone():
        return await asyncio.gather(*(writer(n) for n in range(1, 26)))

    ids = [i for batch in run(everyone()) for i in batch]
    assert len(set(ids)) == 500
    assert sorted(n.id for n in run(store.export_notes(KIT))) == sorted(ids)


def test_secret_survives_a_restart(tmp_path):
    with SqliteStore(tmp_path / "n.db") as a:
        secret = run(a.secret())
    with SqliteStore(tmp_path / "n.db") as b:
        assert run(b.secret()) == secret and len(secret) == 64


def test_missing_database_for_reading(tmp_path):
    with pytest.raises(StoreError) as info:
        SqliteStore(tmp_path / "none.db", readonly=True)
    assert str(info.value) == f"no notes database at {str(tmp_path / 'none.db')!r}"


def test_a_file_that_is_not_a_notes_database(tmp_path):
    path = tmp_path / "other.db"
    sqlite3.connect(path).execute("CREATE TABLE x (y)").connection.commit()
    with pytest.raises(StoreError, match="is not a notes database"):
        SqliteStore(path, readonly=True)


def test_a_database_of_an_earlier_carddeck_is_named(tmp_path):
    path = tmp_path / "old.db"
    sqlite3.connect(path).execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, card_id TEXT)").connection.commit()
    with pytest.raises(StoreError) as info:
        SqliteStore(path)
    assert str(info.value) == (f"{str(path)!r} was made by an earlier carddeck (notes without workshops); "
                               f"keep it for its notes and start the service with another --db file")


def test_write_failure_reaches_the_caller(sqlite_store):
    w = opened(sqlite_store)
    sqlite_store._write_conn.execute("DROP TABLE notes")  # every insert now fails
    with pytest.raises(StoreError, match="the note could not be stored"):
        run(sqlite_store.add_note(w.id, "fase-1", None, "x"))
