"""The database kept safe: online backup, a live export, clear refusals at start, recovery."""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import sqlite3
from pathlib import Path

import pytest

from carddeck.cli import main
from carddeck.notes import backup
from carddeck.notes.sqlite import SqliteStore
from carddeck.notes.store import StoreError

from test_export import KIT, fill

ROOT = Path(__file__).resolve().parents[2]


def texts(path) -> list[str]:
    with SqliteStore(path, readonly=True) as store:
        return [n.text for n in store.export_rows(KIT)]


@pytest.fixture
def live(tmp_path):
    """A database with a service's store still open: its notes sit in notes.db-wal."""
    path = tmp_path / "notes.db"
    store = SqliteStore(path)

    async def add():
        await store.add_kit(KIT, "Samskabelse – samskaping")
        workshop = await store.open_workshop(KIT, "Workshop 1")
        for text in ("Første note", "Anden note", "Tredje note"):
            await store.add_note(workshop.id, "fase-1-opnaa", 1, text)

    asyncio.run(add())
    assert (tmp_path / "notes.db-wal").stat().st_size > 0
    yield path
    store.close()


def test_backup_of_a_live_database_has_every_note(live, tmp_path, capfd):
    out = tmp_path / "home" / "notes-backup.db"
    assert main(["notes", "backup", "--db", str(live), "--out", str(out)]) == 0
    assert capfd.readouterr().out == f"3 notes backed up to {out}\n"
    assert texts(out) == ["Første note", "Anden note", "Tredje note"]
    assert not out.with_name(out.name + "-wal").exists()  # one self-contained file to take home
    assert not list(out.parent.glob(".*backup-tmp"))


def test_backup_refuses_a_missing_database_and_itself(tmp_path, live, capfd):
    assert main(["notes", "backup", "--db", str(tmp_path / "none.db"), "--out", str(tmp_path / "b.db")]) == 1
    assert capfd.readouterr().err == f"Error: no notes database at {str(tmp_path / 'none.db')!r}\n"
    assert main(["notes", "backup", "--db", str(live), "--out", str(live)]) == 1
    assert capfd.readouterr().err == "Error: --out must be another file than --db\n"


def test_export_reads_a_live_database_with_its_wal(live, capfd):
    assert main(["notes", "export", "--db", str(live), "--format", "csv"]) == 0
    out = capfd.readouterr().out
    assert all(text in out for text in ("Første note", "Anden note", "Tredje note"))


def damage(path: Path, notes: int = 3000) -> list[str]:
    """Fill a database, close it, then overwrite one page in the middle with garbage."""
    written = [f"Note {i}: " + "vi prøver det af " * 20 for i in range(notes)]
    fill(path, "Workshop 1", [])
    conn = sqlite3.connect(path)
    with conn:  # one transaction: faster than one commit per note
        conn.executemany("INSERT INTO notes (workshop, card_id, copy, text, name, created) VALUES (1, ?, 1, ?, NULL, ?)",
                         [("fase-1-opnaa", t, "2026-05-03T10:00:00.000Z") for t in written])
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # every page in notes.db itself
    leaves = [n for (n,) in conn.execute("SELECT pageno FROM dbstat WHERE name = 'notes' AND pagetype = 'leaf'")]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(path, "r+b") as handle:  # a page of the notes table itself (not of its index)
        handle.seek((leaves[len(leaves) // 2] - 1) * page_size)
        handle.write(b"\xde\xad\xbe\xef" * (page_size // 4))
    return written


@pytest.fixture
def busy_port():
    """A port already taken, so a service that wrongly starts stops at once instead of serving."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield str(sock.getsockname()[1])


def test_a_damaged_database_is_refused_at_start_with_the_way_out(tmp_path, capfd, busy_port):
    db = tmp_path / "notes.db"
    damage(db)
    assert main(["notes", "serve", "--db", str(db), "--deck", str(ROOT / "deck"), "--port", busy_port]) == 1
    captured = capfd.readouterr()
    assert captured.err == (f"Error: the notes database {str(db)!r} is damaged; save the notes that can still be "
                            f"read with: carddeck notes recover --db {db} --out {tmp_path / 'notes-recovered.db'}\n")
    assert "ready" not in captured.out


def test_recover_gives_back_every_readable_note(tmp_path, capfd):
    db, out = tmp_path / "notes.db", tmp_path / "notes-recovered.db"
    written = damage(db)
    before = db.read_bytes()
    assert main(["notes", "recover", "--db", str(db), "--out", str(out)]) == 0
    back = texts(out)
    assert set(back) <= set(written) and len(back) == len(set(back))
    assert len(written) - 40 <= len(back) < len(written)  # one 4 kB page holds a few of these notes
    message = capfd.readouterr().out
    assert message.startswith(f"{len(back)} notes recovered into {out}; ")
    assert message.endswith(" row ids could not be read\n")
    assert db.read_bytes() == before  # the damaged file is left as it was
    with SqliteStore(out) as store:  # the recovered file is a notes database the service can use
        workshop = asyncio.run(store.open_workshop(KIT, "Workshop 1"))
        asyncio.run(store.add_note(workshop.id, "fase-1-opnaa", 1, "Efter redningen"))
    assert texts(out)[-1] == "Efter redningen"


def test_recover_of_a_sound_database_says_nothing_was_lost(live, tmp_path, capfd):
    out = tmp_path / "copy.db"
    assert main(["notes", "recover", "--db", str(live), "--out", str(out)]) == 0
    assert capfd.readouterr().out == f"3 notes recovered into {out}; nothing was unreadable\n"
    assert main(["notes", "recover", "--db", str(live), "--out", str(out)]) == 1
    assert capfd.readouterr().err == f"Error: {str(out)!r} exists already; give a new file with --out\n"


def test_a_second_service_on_one_database_refuses(tmp_path, capfd, busy_port):
    db = tmp_path / "notes.db"
    with backup.ServiceLock(db):
        assert main(["notes", "serve", "--db", str(db), "--deck", str(ROOT / "deck"), "--port", busy_port]) == 1
        assert capfd.readouterr().err == (f"Error: another notes service (process {os.getpid()}) is using {str(db)!r}; "
                                          "stop it first, or give this one another --db\n")
    with backup.ServiceLock(db):  # released: the next service may start
        pass


def test_a_locked_database_is_refused(tmp_path, monkeypatch):
    db = tmp_path / "notes.db"
    SqliteStore(db).close()
    monkeypatch.setattr(backup, "LOCK_WAIT", 0.1)
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError) as caught:
            backup.check(db)
    finally:
        other.close()
    assert str(caught.value) == (f"the notes database {str(db)!r} is locked by another program; close it "
                                 "(a database viewer, a backup tool) and start again")


def test_a_read_only_database_or_folder_is_refused(tmp_path, monkeypatch):
    db = tmp_path / "notes.db"
    SqliteStore(db).close()
    # Tests run as root, whom no permission bit stops; pretend the file, then the folder, is read-only.
    monkeypatch.setattr(backup.os, "access", lambda path, mode: Path(path) != db)
    with pytest.raises(StoreError) as caught:
        backup.check(db)
    assert str(caught.value) == f"the notes database {str(db)!r} is read-only; make it writable or give another --db"
    monkeypatch.setattr(backup.os, "access", lambda path, mode: Path(path) != tmp_path)
    with pytest.raises(StoreError) as caught:
        backup.check(tmp_path / "new" / "notes.db")
    assert str(caught.value) == (f"the folder {str(tmp_path)!r} is read-only, so the notes database cannot be "
                                 "written there; give another --db")


def test_a_full_disk_is_refused(tmp_path, monkeypatch):
    usage = shutil.disk_usage(tmp_path)
    monkeypatch.setattr(backup.shutil, "disk_usage", lambda path: usage._replace(free=3 * 1024 * 1024))
    db = tmp_path / "notes.db"
    with pytest.raises(StoreError) as caught:
        backup.check(db)
    assert str(caught.value) == (f"the disk holding {str(db)!r} is full (3 MB free); free some space or give "
                                 "another --db")


def test_a_sound_database_passes(live):
    backup.check(live)  # a running service's own store does not count as a lock


def test_export_of_a_damaged_database_says_so(tmp_path, capfd):
    db = tmp_path / "notes.db"
    damage(db)
    assert main(["notes", "export", "--db", str(db), "--format", "csv"]) == 1
    assert capfd.readouterr().err == (f"Error: the notes database {str(db)!r} is damaged; save the notes that can still "
                                      f"be read with: carddeck notes recover --db {db} --out "
                                      f"{tmp_path / 'notes-recovered.db'}\n")
