"""The notes database kept safe: a path in; a consistent copy, rows saved from damage, or a clear refusal out.

- :func:`backup` copies a database with SQLite's online backup, so the copy is consistent (WAL
  included) even while the service writes; a plain file copy of ``notes.db`` can miss every note
  still in ``notes.db-wal``.
- :func:`check` runs before the service says "ready": a database it could not write (read-only
  file or folder, no free space), one another program holds locked, or a damaged one, gets one
  plain sentence (:class:`~carddeck.notes.store.StoreError`) instead of failures later.
- :class:`ServiceLock` makes a second service on the same database refuse to start.
- :func:`recover` copies every row still readable from a damaged database into a new one.

Nothing here knows the notes' columns: tables are copied as the damaged file declares them, so
this keeps working when the schema grows.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from .store import StoreError

MIN_FREE = 20 * 1024 * 1024  # bytes free beside the database; below this the service refuses to start
LOCK_WAIT = 2.0  # seconds to wait for another program's lock on the database at start
_CHUNK = 512  # rows per read while recovering; a failing chunk is halved down to single rows


def _display(path: Path) -> str:
    return repr(str(path))


def backup(db: str | os.PathLike, out: str | os.PathLike) -> int:
    """Copy ``db`` to ``out`` with SQLite's online backup; return the number of notes copied.

    The copy is written beside ``out`` and renamed into place when complete, so ``out`` is never
    half a database. ``db`` may be in use by a running service.

    :raises StoreError: when ``db`` is missing or not a database, or ``out`` cannot be written.
    """
    db, out = Path(db), Path(out)
    if not db.is_file():
        raise StoreError(f"no notes database at {_display(db)}")
    if out.resolve() == db.resolve():
        raise StoreError("--out must be another file than --db")
    tmp = out.with_name(f".{out.name}.backup-tmp")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp.unlink(missing_ok=True)
        source = sqlite3.connect(db, timeout=LOCK_WAIT * 5)
        try:
            target = sqlite3.connect(tmp)
            try:
                source.backup(target)
                target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
                count = _count_notes(target)
            finally:
                target.close()
        finally:
            source.close()
        os.replace(tmp, out)
    except sqlite3.DatabaseError as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"cannot back up {_display(db)}: {exc}") from None
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"cannot write {_display(out)}: {exc.strerror or exc}") from None
    return count


def _count_notes(conn: sqlite3.Connection) -> int:
    try:
        return conn.execute("SELECT COUNT(*) FROM notes").fetchone()[0]
    except sqlite3.Error:
        return 0


def check(db: str | os.PathLike) -> None:
    """Make sure the service can use ``db``: writable, unlocked, room to grow, not damaged.

    A missing database is fine (the service makes it) when its folder can be written.

    :raises StoreError: with one sentence that says what is wrong and what to do.
    """
    db = Path(db)
    folder = db.parent if str(db.parent) else Path(".")
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent  # the service makes the missing folders
    if db.exists() and not os.access(db, os.W_OK):
        raise StoreError(f"the notes database {_display(db)} is read-only; make it writable or give another --db")
    if not os.access(folder, os.W_OK):
        raise StoreError(f"the folder {_display(folder)} is read-only, so the notes database cannot be written there; "
                         "give another --db")
    free = shutil.disk_usage(folder).free
    if free < MIN_FREE:
        raise StoreError(f"the disk holding {_display(db)} is full ({free // (1024 * 1024)} MB free); "
                         "free some space or give another --db")
    if not db.exists():
        return
    try:
        conn = sqlite3.connect(db, timeout=LOCK_WAIT)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open the notes database {_display(db)}: {exc}") from None
    try:
        try:
            conn.execute("BEGIN IMMEDIATE")  # the lock a note's write needs
            conn.execute("ROLLBACK")
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise StoreError(f"the notes database {_display(db)} is locked by another program; "
                                 "close it (a database viewer, a backup tool) and start again") from None
            if not _is_damage(exc):
                raise StoreError(f"cannot open the notes database {_display(db)}: {exc}") from None
        try:
            result = [row[0] for row in conn.execute("PRAGMA quick_check")]
        except sqlite3.DatabaseError as exc:
            result = [str(exc)]
        if result != ["ok"]:
            raise StoreError(damaged(db))
    except sqlite3.DatabaseError as exc:
        raise StoreError(damaged(db)) from None
    finally:
        conn.close()


def _is_damage(exc: Exception) -> bool:
    text = str(exc)
    return "malformed" in text or "not a database" in text or "corrupt" in text


def damaged(db: str | os.PathLike) -> str:
    """The message for a damaged database: what happened and the command that saves its notes."""
    db = Path(db)
    return (f"the notes database {_display(db)} is damaged; save the notes that can still be read with: "
            f"carddeck notes recover --db {db} --out {db.with_name(db.stem + '-recovered' + db.suffix)}")


class ServiceLock:
    """An exclusive lock on ``<db>.lock`` held while a service runs on ``db``.

    The operating system drops the lock when the process ends, even after ``kill -9``, so a stale
    lock file never blocks a restart.

    :raises StoreError: on :meth:`acquire` when another service holds it.
    """

    def __init__(self, db: str | os.PathLike, advice: str = ", or give this one another --db"):
        self.db = Path(db)
        self.advice = advice
        self.path = self.db.with_name(self.db.name + ".lock")
        self._handle = None

    def acquire(self) -> ServiceLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+")
        try:
            _lock(handle)
        except OSError:
            handle.seek(0)
            pid = handle.read().strip()
            handle.close()
            who = f" (process {pid})" if pid.isdigit() else ""
            raise StoreError(f"another notes service{who} is using {_display(self.db)}; stop it first{self.advice}"
                             ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._handle = handle
        return self

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()  # closing the file drops the lock
            self._handle = None

    def __enter__(self) -> ServiceLock:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def _lock(handle) -> None:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        return
    fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)


@dataclass(frozen=True)
class Recovered:
    """What :func:`recover` saved: rows copied per table, and ranges of row ids it could not read."""

    rows: dict[str, int]
    unreadable: int  # row ids whose read failed (on a damaged page), plus tables that could not be read at all

    @property
    def notes(self) -> int:
        return self.rows.get("notes", 0)


def recover(db: str | os.PathLike, out: str | os.PathLike) -> Recovered:
    """Copy every row that can still be read from the damaged ``db`` into the new database ``out``.

    Each table is read in row-id order, a chunk at a time; a chunk that fails is halved until the
    unreadable rows alone are left out. ``db`` is opened read-only and never changed.

    :raises StoreError: when ``db`` is missing, its list of tables is unreadable, or ``out`` exists.
    """
    db, out = Path(db), Path(out)
    if not db.is_file():
        raise StoreError(f"no notes database at {_display(db)}")
    if out.exists():
        raise StoreError(f"{_display(out)} exists already; give a new file with --out")
    source = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    source.execute("PRAGMA writable_schema=ON")  # tolerate an oddity in the schema itself
    try:
        try:
            schema = source.execute(
                "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'"
            ).fetchall()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot read the list of tables in {_display(db)} ({exc}); nothing could be recovered"
                             ) from None
        try:
            version = int(source.execute("PRAGMA user_version").fetchone()[0])
        except sqlite3.DatabaseError:
            version = 0
        out.parent.mkdir(parents=True, exist_ok=True)
        target = sqlite3.connect(out, isolation_level=None)
        try:
            rows: dict[str, int] = {}
            unreadable = 0
            target.execute(f"PRAGMA user_version = {version}")  # the schema's version, as the store checks it
            target.execute("BEGIN")
            for kind, name, sql in schema:
                if kind == "table":
                    target.execute(sql)
                    rows[name], lost = _copy_table(source, target, name)
                    unreadable += lost
            for kind, name, sql in schema:
                if kind == "index":
                    target.execute(sql)
            target.execute("COMMIT")
        finally:
            target.close()
    finally:
        source.close()
    return Recovered(rows, unreadable)


def _copy_table(source: sqlite3.Connection, target: sqlite3.Connection, table: str) -> tuple[int, int]:
    """Copy ``table``'s readable rows; return (rows copied, unreadable pieces)."""
    quoted = '"' + table.replace('"', '""') + '"'
    try:
        columns = [row[1] for row in source.execute(f"PRAGMA table_info({quoted})")]
        last = source.execute(f"SELECT max(rowid) FROM {quoted}").fetchone()[0] or 0
    except sqlite3.DatabaseError:
        columns, last = None, None
    if not columns:
        return 0, 1
    if last is None:  # the table's end is unreadable: probe upwards until rows stop coming
        last = _CHUNK * 1024
    names = ", ".join('"' + c.replace('"', '""') + '"' for c in columns)
    insert = f"INSERT OR IGNORE INTO {quoted} (rowid, {names}) VALUES ({', '.join('?' * (len(columns) + 1))})"
    select = f"SELECT rowid, {names} FROM {quoted} WHERE rowid BETWEEN ? AND ? ORDER BY rowid"
    copied = lost = 0

    def read(low: int, high: int) -> None:
        nonlocal copied, lost
        try:
            found = source.execute(select, (low, high)).fetchall()
        except sqlite3.DatabaseError:
            if low == high:
                lost += 1
                return
            middle = (low + high) // 2
            read(low, middle)
            read(middle + 1, high)
            return
        target.executemany(insert, found)
        copied += len(found)

    for start in range(0, last + 1, _CHUNK):
        read(start, min(start + _CHUNK - 1, last))
    return copied, lost
