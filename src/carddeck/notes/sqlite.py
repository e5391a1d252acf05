"""The notes database in one SQLite file: :class:`~carddeck.notes.store.NotesStore` for one machine.

In: a file path. Out: the store's rows (see :mod:`.store`).

Durability: the database runs in WAL mode with ``synchronous=FULL``, so a commit is on disk
(fsync) when it returns, and :meth:`SqliteStore.add_note` returns only after its note's commit: a
note that got a success response survives ``kill -9`` and power loss. Every write goes through
one writer thread; notes waiting at the same moment are committed in one transaction (group
commit), so under many concurrent phones there is one fsync per batch, not per note. A caller
awaits its own batch (the writer wakes each event loop once per batch). Reads use one connection
per thread; WAL lets them run while the writer commits, and they are small indexed queries, so
they run where they are awaited.

The schema and its migrations are in :mod:`.sqlite_schema`. Moderation clears what the store
holds in memory, so the next page has it; a deleted note's words are zeroed in the file
(``secure_delete``) and the WAL is folded in and emptied.
"""

from __future__ import annotations

import asyncio
import bisect
import os
import queue
import secrets
import sqlite3
import threading
from pathlib import Path

from .sqlite_schema import migrate
from .store import (DELETED, SHOWN, STATES, CardNotes, Note, NoteRejected, StoreError, Workshop, WorkshopClosed, clean,
                    utc_now)

_BATCH = 256  # most notes per group commit
_WAIT = 30.0  # seconds a caller waits for its write before giving up

_NOTE = ("SELECT n.id, n.card_id, n.copy, n.text, n.name, n.created, w.name, n.state "
         "FROM notes n JOIN workshops w ON w.id = n.workshop")
_WORKSHOP = "SELECT id, kit, name, opened, closed FROM workshops"


class _Write:
    """One write waiting for the writer: a note's ``row``, or a ``job(conn)`` for anything else."""

    __slots__ = ("row", "job", "bare", "future", "result", "error")

    def __init__(self, future: asyncio.Future, row: tuple | None = None, job=None, bare: bool = False):
        self.row, self.job, self.bare, self.future = row, job, bare, future
        self.result = None
        self.error: BaseException | None = None


class SqliteStore:
    """A notes database file. Safe to share between threads and event loops; :meth:`close` it.

    :param path: the SQLite file; made with its folder when missing (unless ``readonly``).
    :param readonly: open for reading only (exports); the file must exist.
    :raises StoreError: when the file cannot be opened or is not a notes database.
    """

    def __init__(self, path: str | os.PathLike, *, readonly: bool = False):
        self.path = Path(path)
        self.db = str(self.path.resolve())  # for another process, whatever its folder
        self.readonly = readonly
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._writer: threading.Thread | None = None
        # (workshop id, card id) -> its shown notes, oldest first, for the cards read so far.
        self._held: dict[tuple[int, str], list[Note]] = {}
        self._held_lock = threading.Lock()
        # (kit, workshop name) -> the workshop as this process last wrote or read it (see workshop()).
        self._workshops: dict[tuple[str, str], Workshop] = {}
        if readonly:
            if not self.path.is_file():
                raise StoreError(f"no notes database at {str(self.path)!r}")
            self._read()  # fail now, not on first use
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._write_conn = self._connect(writer=True)
            migrate(self._write_conn, self.path)
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
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA secure_delete=ON")  # a deleted note's words are zeroed, not just unlinked
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
                conn.execute("SELECT 1 FROM notes JOIN workshops LIMIT 1").fetchall()
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

    def __enter__(self) -> SqliteStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- writing ------------------------------------------------------------------------------

    async def _write(self, row: tuple | None = None, job=None, bare: bool = False):
        """Hand a write to the writer thread and wait until it is committed; return its result.
        ``bare``: run ``job`` outside a transaction (a checkpoint cannot run inside one)."""
        if self.readonly:
            raise StoreError("the notes database is open for reading only")
        write = _Write(asyncio.get_running_loop().create_future(), row, job, bare)
        self._queue.put(write)
        try:
            async with asyncio.timeout(_WAIT):
                await write.future
        except TimeoutError:
            raise StoreError("the notes database did not answer in time") from None
        if isinstance(write.error, NoteRejected):
            raise write.error
        if write.error is not None:
            raise StoreError(f"the note could not be stored: {write.error}")
        return write.result

    async def add_kit(self, kit: str, title: str) -> None:
        await self._write(job=lambda conn: conn.execute(
            "INSERT INTO kits (id, title) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET title = excluded.title",
            (kit, title)))

    async def open_workshop(self, kit: str, name: str) -> Workshop:
        def job(conn):
            conn.execute("INSERT OR IGNORE INTO workshops (kit, name, opened) VALUES (?, ?, ?)", (kit, name, utc_now()))
            return Workshop(*conn.execute(f"{_WORKSHOP} WHERE kit = ? AND name = ?", (kit, name)).fetchone())

        return self._keep(await self._write(job=job))

    async def set_open(self, workshop_id: int, is_open: bool) -> Workshop:
        def job(conn):
            conn.execute("UPDATE workshops SET closed = ? WHERE id = ?", (None if is_open else utc_now(), workshop_id))
            return Workshop(*conn.execute(f"{_WORKSHOP} WHERE id = ?", (workshop_id,)).fetchone())

        return self._keep(await self._write(job=job))

    def _keep(self, workshop: Workshop) -> Workshop:
        """Remember ``workshop`` as committed by this process, the file's only writer (see :meth:`workshop`)."""
        self._workshops[(workshop.kit, workshop.name)] = workshop
        return workshop

    async def set_state(self, note_id: int, state: str) -> None:
        if state not in STATES:
            raise ValueError(f"expected one of {', '.join(STATES)}, received {state!r}")
        # A deleted note keeps its row (so a form sent again is not stored again), not its words.
        erase = ", text = '', name = NULL" if state == DELETED else ""
        await self._write(job=lambda conn: conn.execute(f"UPDATE notes SET state = ?{erase} WHERE id = ?", (state, note_id)))
        with self._held_lock:  # moderation is rare: every card is read again from the file
            self._held.clear()
        if state == DELETED:
            # The WAL still holds the pages as they were, words included: fold it into the file
            # (whose freed bytes secure_delete has zeroed) and empty it.
            await self._write(job=lambda conn: conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall(), bare=True)


    async def add_note(self, workshop_id: int, card_id: str, copy: int | None, text: str | None,
                       name: str | None = None, nonce: str | None = None) -> Note:
        text, name = clean(text, name)
        return await self._write(row=(workshop_id, card_id, copy, text, name, utc_now(), nonce or None))

    async def secret(self) -> str:
        def job(conn):
            conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('secret', ?)", (secrets.token_hex(32),))
            return conn.execute("SELECT value FROM meta WHERE key = 'secret'").fetchone()[0]

        return await self._write(job=job)

    def _write_loop(self) -> None:
        conn = self._write_conn
        while True:
            first = self._queue.get()
            if first is None:
                break
            if first.job is not None:
                self._run_job(conn, first)
                continue
            notes, stop, job = [first], False, None
            while len(notes) < _BATCH:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is None or item.job is not None:
                    stop, job = item is None, item
                    break
                notes.append(item)
            self._commit_notes(conn, notes)
            if job is not None:
                self._run_job(conn, job)
            if stop:
                break

    def _run_job(self, conn: sqlite3.Connection, write: _Write) -> None:
        if write.bare:
            try:
                write.result = write.job(conn)
            except Exception as exc:
                write.error = exc
            _wake([write])
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                write.result = write.job(conn)
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        except Exception as exc:
            write.error = exc
        _wake([write])

    def _commit_notes(self, conn: sqlite3.Connection, batch: list[_Write]) -> None:
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                # The workshop's state is read in the transaction that writes: a note never
                # lands in a workshop that was closed before it was committed.
                ids = sorted({w.row[0] for w in batch})
                found = conn.execute(f"SELECT id, name, closed FROM workshops WHERE id IN ({', '.join('?' * len(ids))})",
                                     ids).fetchall()
                names = {wid: name for wid, name, closed in found if closed is None}
                for write in batch:
                    if write.row[0] not in names:
                        write.error = WorkshopClosed()
                taken, again = _sent_before(conn, [w for w in batch if w.error is None])
                if taken:
                    # One statement for the whole batch: sqlite3 lets go of the GIL at every
                    # step, and with many request threads each step then waits its turn.
                    values = ", ".join(["(?, ?, ?, ?, ?, ?, ?)"] * len(taken))
                    cursor = conn.execute(
                        f"INSERT INTO notes (workshop, card_id, copy, text, name, created, nonce) VALUES {values}",
                        [value for w in taken for value in w.row],
                    )
                    first = cursor.lastrowid - len(taken) + 1  # rows of one statement get consecutive ids
                conn.execute("COMMIT")  # synchronous=FULL: the WAL is fsynced before this returns
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            for i, write in enumerate(taken):
                workshop, *row = write.row
                write.result = Note(first + i, *row[:5], names[workshop], SHOWN)
            for write, original in again:
                write.result = original if isinstance(original, Note) else original.result
            self._hold([(w.row[0], w.result) for w in taken])
        except Exception as exc:  # tell every waiting caller; the writer keeps running
            for write in batch:
                write.error = write.error or exc
        _wake(batch)

    # --- reading ------------------------------------------------------------------------------

    async def workshop(self, kit: str, name: str) -> Workshop | None:
        """The workshop from memory once read: a read-write store is the file's only writer (a
        second service or a purge is refused while it runs, see :class:`~.backup.ServiceLock`),
        and it keeps what it commits (:meth:`_keep`), so memory and file agree. Every card page
        asks; a read-only store (an export, while the service may write) reads the file."""
        held = self._workshops.get((kit, name))
        if held is not None:
            return held
        row = self._read().execute(f"{_WORKSHOP} WHERE kit = ? AND name = ?", (kit, name)).fetchone()
        if row is None:
            return None
        if self.readonly:
            return Workshop(*row)
        # setdefault: a write committed meanwhile (from another thread) has kept the newer state.
        return self._workshops.setdefault((kit, name), Workshop(*row))

    async def workshops(self, kit: str) -> list[Workshop]:
        return [Workshop(*row) for row in self._read().execute(f"{_WORKSHOP} WHERE kit = ? ORDER BY id", (kit,))]

    async def notes_for(self, workshop_id: int, card_id: str, *, limit: int, before: int | None = None) -> list[Note]:
        return self._notes_of(workshop_id, card_id, lambda held: _page(held, limit, before))

    async def count_for(self, workshop_id: int, card_id: str) -> int:
        return self._notes_of(workshop_id, card_id, len)

    async def card_notes(self, kit: str, workshop: str, card_id: str, *, limit: int,
                         before: int | None = None) -> CardNotes:
        found = await self.workshop(kit, workshop)
        if found is None:
            return CardNotes(None, (), 0)
        notes, count = self._notes_of(found.id, card_id, lambda held: (tuple(_page(held, limit, before)), len(held)))
        return CardNotes(found, notes, count)

    def _notes_of(self, workshop_id: int, card_id: str, use=list):
        """``use`` of a card's shown notes in one workshop, oldest first (by default a copy of them).

        A read-write store keeps the cards it has read in memory and adds each committed note to
        them: this process is the file's only writer, so memory and file agree, and a page view
        costs no database round trip (under load each one waits for the interpreter lock, row by
        row, while the writer commits; measured with bench/notes_load.py). ``use`` runs under the
        lock, so a page takes its notes without copying the card's. A read-only store reads.
        """
        key = (workshop_id, card_id)
        if self.readonly:
            return use(self._select(workshop_id, card_id))
        with self._held_lock:  # held while reading, so no commit slips between the read and memory
            held = self._held.get(key)
            if held is None:
                held = self._held[key] = self._select(workshop_id, card_id)
            return use(held)

    def _select(self, workshop_id: int, card_id: str) -> list[Note]:
        rows = self._read().execute(f"{_NOTE} WHERE n.workshop = ? AND n.card_id = ? AND n.state = ? ORDER BY n.id",
                                    (workshop_id, card_id, SHOWN))
        return [Note(*row) for row in rows.fetchall()]

    def _hold(self, notes: list[tuple[int, Note]]) -> None:
        """Add committed notes to the cards already held in memory (see :meth:`_notes_of`)."""
        with self._held_lock:
            for workshop_id, note in notes:
                held = self._held.get((workshop_id, note.card_id))
                if held is not None and (not held or held[-1].id < note.id):
                    held.append(note)

    async def counts(self, workshop_id: int) -> dict[str, int]:
        rows = self._read().execute(
            "SELECT card_id, COUNT(*) FROM notes WHERE workshop = ? AND state = ? GROUP BY card_id", (workshop_id, SHOWN)
        )
        return dict(rows.fetchall())

    async def export_notes(self, kit: str, workshop: str | None = None, states: tuple[str, ...] = (SHOWN,)) -> list[Note]:
        return await asyncio.to_thread(self.export_rows, kit, workshop, states)

    def export_rows(self, kit: str, workshop: str | None = None, states: tuple[str, ...] = (SHOWN,)) -> list[Note]:
        """:meth:`export_notes` for a caller without an event loop (a thread or the command line)."""
        query = f"{_NOTE} WHERE w.kit = ? AND n.state IN ({', '.join('?' * len(states))})"
        params: list = [kit, *states]
        if workshop is not None:
            query += " AND w.name = ?"
            params.append(workshop)
        return [Note(*row) for row in self._read().execute(query + " ORDER BY n.id", params)]


def _page(held: list[Note], limit: int, before: int | None) -> list[Note]:
    """At most ``limit`` of a card's notes (``held`` oldest first) below the id ``before``, newest first."""
    end = len(held) if before is None else bisect.bisect_left(held, before, key=lambda n: n.id)
    return held[max(0, end - limit):end][::-1]


def _sent_before(conn: sqlite3.Connection, writes: list[_Write]) -> tuple[list[_Write], list[tuple]]:
    """Split ``writes`` into the notes to insert and the forms sent again: (new, [(write, the note
    stored before or the write in this batch that stores it)]). A form is known by its workshop
    and nonce; the unique index backs this up."""
    keys = {(w.row[0], w.row[6]) for w in writes if w.row[6]}
    stored: dict[tuple, Note] = {}
    if keys:
        nonces = sorted({nonce for _, nonce in keys})
        workshops = sorted({wid for wid, _ in keys})  # the index's first column: a search, not a scan
        rows = conn.execute(f"SELECT n.workshop, n.nonce, {_NOTE.removeprefix('SELECT ')} "
                            f"WHERE n.workshop IN ({', '.join('?' * len(workshops))}) "
                            f"AND n.nonce IN ({', '.join('?' * len(nonces))})", [*workshops, *nonces])
        stored = {(wid, nonce): Note(*note) for wid, nonce, *note in rows.fetchall() if (wid, nonce) in keys}
    new, again, first = [], [], {}
    for write in writes:
        key = (write.row[0], write.row[6]) if write.row[6] else None
        if key in stored:
            again.append((write, stored[key]))
        elif key in first:
            again.append((write, first[key]))
        else:
            if key:
                first[key] = write
            new.append(write)
    return new, again


def _wake(writes: list[_Write]) -> None:
    """Resolve the writes' futures: one call into each event loop, not one per note."""
    loops: dict[asyncio.AbstractEventLoop, list[asyncio.Future]] = {}
    for write in writes:
        loops.setdefault(write.future.get_loop(), []).append(write.future)
    for loop, futures in loops.items():
        try:
            loop.call_soon_threadsafe(_resolve, futures)
        except RuntimeError:  # that loop has closed: nobody is waiting any more
            pass


def _resolve(futures: list[asyncio.Future]) -> None:
    for future in futures:
        if not future.done():
            future.set_result(None)
