"""The notes database: limits, order, durability settings, concurrent writers."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from carddeck.notes.store import MAX_TEXT, NoteRejected, Store, StoreError, clean


def test_add_and_read_back(tmp_path):
    with Store(tmp_path / "n.db") as store:
        first = store.add("fase-1", None, "Første", None)
        second = store.add("fase-1", 2, "Anden", "Ane")
        store.add("fase-2", 1, "Tredje")
        assert [n.text for n in store.notes_for("fase-1")] == ["Anden", "Første"]  # newest first
        assert [n.id for n in store.all()] == [first.id, second.id, first.id + 2]
        assert store.counts() == {"fase-1": 2, "fase-2": 1}
    with Store(tmp_path / "n.db", readonly=True) as again:
        note = again.notes_for("fase-1")[0]
        assert (note.card_id, note.copy, note.text, note.name) == ("fase-1", 2, "Anden", "Ane")
        assert note.created.endswith("Z") and note.created_at.utcoffset().total_seconds() == 0


def test_durability_settings(tmp_path):
    with Store(tmp_path / "n.db") as store:
        conn = store._write_conn
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
        clean("ok", "n" * 81)
    assert info.value.key == "name_too_long"


def test_clean_normalises_what_was_typed():
    text, name = clean("  Linje 1\r\nLinje 2\x00\x07 \n", "  Ane \n  Berg ")
    assert (text, name) == ("Linje 1\nLinje 2", "Ane Berg")
    assert clean("a", "   ") == ("a", None)


def test_rejected_note_is_not_stored(store):
    with pytest.raises(NoteRejected):
        store.add("fase-1", None, " ")
    assert store.all() == []


def test_concurrent_writers_lose_nothing(store):
    ids, errors = [], []

    def write(worker):
        try:
            for i in range(20):
                ids.append(store.add("fase-3", worker, f"w{worker} n{i}").id)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(1, 26)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(set(ids)) == 500
    assert sorted(n.id for n in store.all()) == sorted(ids)


def test_secret_survives_a_restart(tmp_path):
    with Store(tmp_path / "n.db") as a:
        secret = a.secret()
    with Store(tmp_path / "n.db") as b:
        assert b.secret() == secret and len(secret) == 64


def test_missing_database_for_reading(tmp_path):
    with pytest.raises(StoreError) as info:
        Store(tmp_path / "none.db", readonly=True)
    assert str(info.value) == f"no notes database at {str(tmp_path / 'none.db')!r}"


def test_a_file_that_is_not_a_notes_database(tmp_path):
    path = tmp_path / "other.db"
    sqlite3.connect(path).execute("CREATE TABLE x (y)").connection.commit()
    with pytest.raises(StoreError, match="is not a notes database"):
        Store(path, readonly=True)


def test_write_failure_reaches_the_caller(store):
    store._write_conn.execute("DROP TABLE notes")  # every insert now fails
    with pytest.raises(StoreError, match="the note could not be stored"):
        store.add("fase-1", None, "x")
