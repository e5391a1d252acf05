"""The notes database: notes in, durable rows out (embedded SQLite).

In: a card id, an optional copy (table) number, the text a participant typed and an optional name.
Out: :class:`Note` rows, per card newest first or all oldest first, and note counts per card.

Durability: the database runs in WAL mode with ``synchronous=FULL``, so a commit is on disk
(fsync) when it returns. :meth:`Store.add` returns only after the note's commit, so a note that
got a success response survives ``kill -9`` and power loss. Writes go through one writer thread
that commits every note waiting at that moment in one transaction (group commit): under many
concurrent clients there is one fsync per batch, not per note, and each caller still waits for
its own batch to be durable: :meth:`Store.add` blocks a thread, :meth:`Store.add_async` awaits
(the writer wakes an event loop once per batch). Reads use one connection per thread; WAL lets them run while the
writer commits.

Also kept here: the service's secret (for signing form tokens), so a restart keeps open forms valid.
"""

from __future__ import annotations

import asyncio
import os
import queue
import secrets
import sqlite3
import threading
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

MAX_TEXT = 2000  # characters of a note
MAX_NAME = 80  # characters of a name
_BATCH = 256  # most notes per group commit
_WAIT = 30.0  # seconds a caller waits for its batch before giving up

_SCHEMA = """
CREATE TABLE IF NOT EXISTS notes (
    id      INTEGER PRIMARY KEY,
    card_id TEXT    NOT NULL,
    copy    INTEGER,
    text    TEXT    NOT NULL,
    name    TEXT,
    created TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS notes_card ON notes (card_id, id);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


@dataclass(frozen=True)
class Note:
    """One stored note. ``created`` is UTC, ISO 8601 with a trailing ``Z``."""

    id: int
    card_id: str
    copy: int | None
    text: str
    name: str | None
    created: str

    @property
    def created_at(self) -> datetime:
        return datetime.fromisoformat(self.created)


class NoteRejected(ValueError):
    """The note breaks a limit. ``key`` names the message in :mod:`carddeck.labels`, ``params`` fill it."""

    def __init__(self, key: str, **params):
        self.key = key
        self.params = params
        super().__init__(f"{key}: {params}" if params else key)


class StoreError(RuntimeError):
    """The database cannot be opened or written (disk full, permissions, not a notes database)."""


def clean(text: str | None, name: str | None) -> tuple[str, str | None]:
    """Normalise and check what a participant typed; return (text, name or None).

    Line breaks become ``\\n``, control characters other than line breaks and tabs are removed,
    leading and trailing white space is dropped, and the text is NFC-normalised (so a length is
    the number of characters a person sees).

    :raises NoteRejected: ``note_empty`` (nothing but white space), ``note_too_long`` (more than
        :data:`MAX_TEXT` characters, with ``length`` and ``limit``), ``name_too_long``.
    """
    text = _tidy(text or "")
    name = " ".join(_tidy(name or "").split())
    if not text:
        raise NoteRejected("note_empty")
    if len(text) > MAX_TEXT:
        raise NoteRejected("note_too_long", length=len(text), limit=MAX_TEXT)
    if len(name) > MAX_NAME:
        raise NoteRejected("name_too_long", length=len(name), limit=MAX_NAME)
    return text, name or None


def _tidy(value: str) -> str:
    value = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    return "".join(ch for ch in value if ch in "\n\t" or unicodedata.category(ch) != "Cc").strip()


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class _Pending:
    """One note waiting for its commit: a thread waits on ``done``, a coroutine on ``future``."""

    __slots__ = ("row", "done", "future", "id", "error")

    def __init__(self, row: tuple, future: asyncio.Future | None = None):
        self.row = row
        self.done = threading.Event() if future is None else None
        self.future = future
        self.id: int | None = None
        self.error: BaseException | None = None


class Store:
    """A notes database file. Thread-safe; close it with :meth:`close` (or use it as a context).

    :param path: the SQLite file; created with its folder when missing (unless ``readonly``).
    :param readonly: open for reading only (exports); the file must exist.
    :raises StoreError: when the file cannot be opened or is not a notes database.
    """

    def __init__(self, path: str | os.PathLike, *, readonly: bool = False):
        self.path = Path(path)
        self.readonly = readonly
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._writer: threading.Thread | None = None
        self._cache: dict[str, list[Note]] = {}  # card id -> its notes, oldest first (cards read so far)
        self._cache_lock = threading.Lock()
        if readonly:
            if not self.path.is_file():
                raise StoreError(f"no notes database at {str(self.path)!r}")
            self._read()  # fail now, not on first use
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._write_conn = self._connect(writer=True)
            self._write_conn.executescript(_SCHEMA)
            self._secret = self._make_secret(self._write_conn)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open the notes database {str(self.path)!r}: {exc}") from None
        self._writer = threading.Thread(target=self._write_loop, name="notes-writer", daemon=True)
        self._writer.start()

    # --- connections -----------------------------------------------------------------------------

    def _connect(self, writer: bool = False) -> sqlite3.Connection:
        if self.readonly:
            conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        else:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA busy_timeout=10000")
        if writer:
            # WAL is a property of the file (set once); FULL syncs the WAL at every commit.
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
        else:
            conn.execute("PRAGMA query_only=ON")
        with self._lock:
            self._connections.append(conn)
        return conn

    def _read(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            try:
                conn = self._connect()
                conn.execute("SELECT 1 FROM notes LIMIT 1").fetchall()
            except sqlite3.Error as exc:
                raise StoreError(f"{str(self.path)!r} is not a notes database ({exc})") from None
            self._local.conn = conn
        return conn

    def close(self) -> None:
        """Finish pending writes and close every connection."""
        if self._writer is not None:
            self._queue.put(None)
            self._writer.join(timeout=_WAIT)
            self._writer = None
        with self._lock:
            for conn in self._connections:
                conn.close()
            self._connections.clear()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- writing ------------------------------------------------------------------------------

    def add(self, card_id: str, copy: int | None, text: str | None, name: str | None = None) -> Note:
        """Check, store and commit a note; return it once it is on disk.

        :raises NoteRejected: when the text or name breaks a limit (see :func:`clean`).
        :raises StoreError: when the database could not write the note (it is then not stored).
        """
        if self.readonly:
            raise StoreError("the notes database is open for reading only")
        text, name = clean(text, name)
        row = (card_id, copy, text, name, utc_now())
        pending = _Pending(row)
        self._queue.put(pending)
        if not pending.done.wait(_WAIT):
            raise StoreError("the notes database did not answer in time")
        if pending.error is not None:
            raise StoreError(f"the note could not be stored: {pending.error}")
        return Note(pending.id, *row)

    async def add_async(self, card_id: str, copy: int | None, text: str | None, name: str | None = None) -> Note:
        """:meth:`add` for an event loop: the same checks, and it returns once the note is on disk."""
        if self.readonly:
            raise StoreError("the notes database is open for reading only")
        text, name = clean(text, name)
        row = (card_id, copy, text, name, utc_now())
        pending = _Pending(row, asyncio.get_running_loop().create_future())
        self._queue.put(pending)
        try:
            async with asyncio.timeout(_WAIT):
                await pending.future
        except TimeoutError:
            raise StoreError("the notes database did not answer in time") from None
        if pending.error is not None:
            raise StoreError(f"the note could not be stored: {pending.error}")
        return Note(pending.id, *row)

    def _write_loop(self) -> None:
        conn = self._write_conn
        stop = False
        while not stop:
            first = self._queue.get()
            if first is None:
                break
            batch = [first]
            while len(batch) < _BATCH:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is None:
                    stop = True
                    break
                batch.append(item)
            self._commit(conn, batch)

    def _commit(self, conn: sqlite3.Connection, batch: list[_Pending]) -> None:
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                # One statement for the whole batch: sqlite3 lets go of the GIL at every step,
                # and with many request threads each step then waits its turn (measured: ms/row).
                values = ", ".join(["(?, ?, ?, ?, ?)"] * len(batch))
                cursor = conn.execute(
                    f"INSERT INTO notes (card_id, copy, text, name, created) VALUES {values}",
                    [value for pending in batch for value in pending.row],
                )
                last = cursor.lastrowid  # rows of one statement get consecutive ids
                conn.execute("COMMIT")  # synchronous=FULL: the WAL is fsynced before this returns
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            for i, pending in enumerate(batch):
                pending.id = last - len(batch) + 1 + i
            self._cached([Note(p.id, *p.row) for p in batch])
        except Exception as exc:  # tell every waiting caller; the writer keeps running
            for pending in batch:
                pending.error = exc
        loops: dict[asyncio.AbstractEventLoop, list[asyncio.Future]] = {}
        for pending in batch:
            if pending.done is not None:
                pending.done.set()
            else:
                loops.setdefault(pending.future.get_loop(), []).append(pending.future)
        for loop, futures in loops.items():  # one wake-up per loop and batch, not per note
            try:
                loop.call_soon_threadsafe(_resolve, futures)
            except RuntimeError:  # that loop has closed: nobody is waiting any more
                pass

    def _cached(self, notes: list[Note]) -> None:
        """Add committed notes to the cards already held in memory (see :meth:`notes_for`)."""
        with self._cache_lock:
            for note in notes:
                held = self._cache.get(note.card_id)
                # A card first read after this commit already has the note from the database.
                if held is not None and (not held or held[-1].id < note.id):
                    held.append(note)

    def secret(self) -> str:
        """The service's signing secret, made once and kept in the database."""
        if self.readonly:
            raise StoreError("the notes database is open for reading only")
        return self._secret

    @staticmethod
    def _make_secret(conn: sqlite3.Connection) -> str:
        row = conn.execute("SELECT value FROM meta WHERE key = 'secret'").fetchone()
        if row is None:
            conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('secret', ?)", (secrets.token_hex(32),))
            row = conn.execute("SELECT value FROM meta WHERE key = 'secret'").fetchone()
        return row[0]

    # --- reading ------------------------------------------------------------------------------

    def notes_for(self, card_id: str) -> list[Note]:
        """Every note of one card (all copies), newest first.

        A read-write store keeps the cards it has read in memory and adds each committed note
        to them: this process is the database's only writer, so memory and file agree, and a
        page view costs no database round trip (under load those wait on the GIL, row by row).
        """
        if self.readonly:
            return self._select(card_id)[::-1]
        with self._cache_lock:
            held = self._cache.get(card_id)
            if held is None:
                held = self._cache[card_id] = self._select(card_id)
            return held[::-1]

    def version(self, card_id: str) -> int:
        """A number that changes whenever ``card_id`` gets a note (its note count), for caching pages."""
        if self.readonly:
            return len(self._select(card_id))
        with self._cache_lock:
            held = self._cache.get(card_id)
            if held is None:
                held = self._cache[card_id] = self._select(card_id)
            return len(held)

    def _select(self, card_id: str) -> list[Note]:
        rows = self._read().execute(
            "SELECT id, card_id, copy, text, name, created FROM notes WHERE card_id = ? ORDER BY id", (card_id,)
        )
        return [Note(*row) for row in rows.fetchall()]

    def all(self) -> list[Note]:
        """Every note, oldest first (the order of the exports)."""
        rows = self._read().execute("SELECT id, card_id, copy, text, name, created FROM notes ORDER BY id")
        return [Note(*row) for row in rows]

    def counts(self) -> dict[str, int]:
        """Number of notes per card id (cards without notes are absent)."""
        rows = self._read().execute("SELECT card_id, COUNT(*) FROM notes GROUP BY card_id")
        return dict(rows.fetchall())


def _resolve(futures: list[asyncio.Future]) -> None:
    for future in futures:
        if not future.done():
            future.set_result(None)
