"""Deleting notes for good: by workshop or by age, with the count said, the words gone from the file."""

from __future__ import annotations

import os
import sqlite3

import pytest

from carddeck.cli import main
from carddeck.notes.backup import ServiceLock

from test_export import fill, notes_of


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "notes.db"
    fill(path, "Workshop 1", [("fase-1-opnaa", 1, "Ane fra Hedensted mener noget"), ("regel-2", 2, "Anden note")])
    fill(path, "Workshop 2", [("fase-1-opnaa", 1, "Den nye workshops note")])
    return path


def test_purge_a_workshop(db, capfd):
    assert main(["notes", "purge", "--db", str(db), "--workshop", "Workshop 1"]) == 0
    assert capfd.readouterr().out == f"2 notes of workshop 'Workshop 1' deleted for good from {db}\n"
    assert [n.text for n in notes_of(db)] == ["Den nye workshops note"]
    raw = b"".join(p.read_bytes() for p in db.parent.glob("notes.db*"))
    assert "Ane fra Hedensted".encode() not in raw  # not left behind in free pages or the WAL
    with sqlite3.connect(db) as conn:
        assert [r[0] for r in conn.execute("SELECT name FROM workshops")] == ["Workshop 2"]


def test_purge_notes_older_than_some_days(db, capfd):
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE notes SET created = '2020-01-01T10:00:00.000Z' WHERE text = 'Anden note'")
    conn.close()
    assert main(["notes", "purge", "--db", str(db), "--older-than", "30"]) == 0
    assert capfd.readouterr().out == f"1 note older than 30 days deleted for good from {db}\n"
    assert sorted(n.text for n in notes_of(db)) == ["Ane fra Hedensted mener noget", "Den nye workshops note"]


def test_purge_of_an_unknown_workshop_deletes_nothing(db, capfd):
    assert main(["notes", "purge", "--db", str(db), "--workshop", "Workshop 9"]) == 0
    assert capfd.readouterr().out == f"0 notes of workshop 'Workshop 9' deleted for good from {db}\n"
    assert len(notes_of(db)) == 3


def test_purge_needs_exactly_one_choice(db, capfd):
    assert main(["notes", "purge", "--db", str(db)]) == 1
    assert capfd.readouterr().err == "Error: give --workshop NAME or --older-than DAYS (one of them)\n"
    assert main(["notes", "purge", "--db", str(db), "--workshop", "W", "--older-than", "3"]) == 1
    assert capfd.readouterr().err == "Error: give --workshop NAME or --older-than DAYS (one of them)\n"


def test_purge_waits_for_the_service_to_stop(db, capfd):
    with ServiceLock(db):
        assert main(["notes", "purge", "--db", str(db), "--workshop", "Workshop 1"]) == 1
    assert capfd.readouterr().err == f"Error: another notes service (process {os.getpid()}) is using {str(db)!r}; stop it first\n"
    assert len(notes_of(db)) == 3


def test_purge_of_a_missing_database(tmp_path, capfd):
    assert main(["notes", "purge", "--db", str(tmp_path / "none.db"), "--older-than", "1"]) == 1
    assert capfd.readouterr().err == f"Error: no notes database at {str(tmp_path / 'none.db')!r}\n"
