"""The notes database on a PostgreSQL server: :class:`~carddeck.notes.store.NotesStore` for a
hosted service with many kits, many workshops and several worker processes.

In: a ``postgresql://`` URL. Out: the store's rows (see :mod:`.store`).

Durability: a note is committed before :meth:`PostgresStore.add_note` returns, and PostgreSQL's
commit is durable (``synchronous_commit`` is forced ``on`` for the service's connections,
whatever the server's default), so a note that got a success response survives ``kill -9`` of
a worker or of the whole service. PostgreSQL itself groups the commits of concurrent sessions
into one WAL flush, so many phones cost few fsyncs.

Nothing is cached in a worker: moderation, a closed workshop and the rate limit are read from
the database at every request (a note's own transaction checks its workshop), so every worker
sees a change at once. What many phones ask at the same moment goes in one statement
(:mod:`.batches`): notes (a group commit), write-limit checks and card pages; a call that comes
while one batch is under way goes in the next, so none reads what was there before it asked.
What joins a batch is checked before (a note by :func:`~.store.clean` and its table's range, a
page's ``before`` capped to the ids a note can have), so one caller's odd value fails that caller,
never the batch.

Time: a caller waits at most ``wait`` (``_WAIT``) for the database. A batch is stopped :func:`_batch_wait` after
its oldest item came (:mod:`.batches`), no later than any of its callers gives up (a caller's
wait starts at most the pool's 10 s opening before its item joins), so a hung connection
(a server restarting, a link gone dead) fails the calls of one batch, not every later one; the
stopped statement is cancelled in the server, and a connection in an unknown state is closed by
the pool, never handed out again. A note whose caller was told it was not saved was not stored,
with one exception no client can rule out: a batch stopped while its COMMIT was on its way may
have been committed without the answer arriving (the page keeps the form's nonce, so sending it
again stores nothing twice and leads to the note).

Connections: psycopg 3's :class:`~psycopg_pool.AsyncConnectionPool`, one per event loop, so no
connection is ever used from two loops. The store has a loop of its own (one thread) for callers
without one (the command line, start-up) and for short-lived loops. A service that serves from
one long-lived loop calls :meth:`PostgresStore.adopt_next_loop` before it starts: that loop then
gets a pool of its own and its queries run on it, with no hop to the store's thread and back (a
hop per query cost a worker more CPU than the rest of the request; bench/notes_scale.py).

Schema: versioned migrations (:data:`MIGRATIONS`), applied in order under an advisory lock when a
service starts, so several workers starting together migrate once. A database made by a newer
carddeck is refused with a clear message.
"""

from __future__ import annotations

import asyncio
import secrets
import threading
from concurrent.futures import Future
from datetime import datetime, timedelta, timezone

from .batches import SIZE as _BATCH, Batches, Busy
from .store import (DELETED, MAX_ID, SHOWN, STATES, CardNotes, Note, StoreError, Workshop, WorkshopClosed, clean,
                    utc_now)

MIGRATIONS: tuple[str, ...] = (
    # 1: kits, workshops, notes with their moderation state, the service's secret.
    f"""
    CREATE TABLE kits (id TEXT PRIMARY KEY, title TEXT NOT NULL);
    CREATE TABLE workshops (
        id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        kit     TEXT NOT NULL REFERENCES kits (id),
        name    TEXT NOT NULL,
        opened  TIMESTAMPTZ NOT NULL,
        closed  TIMESTAMPTZ,
        UNIQUE (kit, name)
    );
    CREATE TABLE notes (
        id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        workshop BIGINT NOT NULL REFERENCES workshops (id),
        card_id  TEXT NOT NULL,
        copy     INTEGER,
        text     TEXT NOT NULL,
        name     TEXT,
        created  TIMESTAMPTZ NOT NULL,
        state    TEXT NOT NULL DEFAULT '{SHOWN}' CHECK (state IN ({", ".join(f"'{s}'" for s in STATES)}))
    );
    CREATE INDEX notes_card ON notes (workshop, card_id, state, id);
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
    # 2: the write limit shared by every worker. UNLOGGED: not in the WAL or a backup, emptied
    # by a crash (a limit loses nothing by being forgotten); it holds a keyed hash of the
    # client's address, never the address, and rows idle for RATE_IDLE are deleted.
    """
    CREATE UNLOGGED TABLE rate_buckets (
        client  TEXT PRIMARY KEY,
        tokens  DOUBLE PRECISION NOT NULL,
        at      TIMESTAMPTZ NOT NULL,
        ok      BOOLEAN NOT NULL
    );
    """,
    # 3: the nonce of the form a note came with, unique in its workshop, so a form sent twice
    # (a double tap, a reload after a dropped connection) stores one note, whichever workers
    # take the two requests. NULLs are distinct: notes without a nonce never collide.
    """
    ALTER TABLE notes ADD COLUMN nonce TEXT;
    ALTER TABLE notes ADD CONSTRAINT notes_nonce UNIQUE (workshop, nonce);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
_LOCK = 0x6361_7264  # advisory lock id ("card") held while migrating
_WAIT = 30.0  # seconds a caller waits for the database before giving up


def _batch_wait(wait: float) -> float:
    """Seconds after its oldest item came that a batch is stopped, for callers who wait ``wait``:
    before they give up, with room for psycopg to cancel the statement in the server (up to 5 s)
    and see it end (up to 5 s); half the wait when that leaves less (a short ``wait``)."""
    return max(wait - 10.0, wait / 2)

# The id of a form's note whose row is gone (purged) when it is sent again: no note has it (ids
# start at 1), and, deleted, it is answered as a deleted note is.
_GONE = 0
_MAX_COPY = 2**31 - 1  # the highest table number the notes table holds (INTEGER)
RATE_IDLE = "10 minutes"  # a client's write-limit row is deleted after this long without a note
_PRUNE_EVERY = 500  # write-limit checks between two deletions of idle rows
# A note's time as :func:`iso` writes it, made by the server: a page shows 30 notes, and turning
# each into a datetime and back into text was a few per cent of a worker's CPU under load.
_ISO_UTC = "to_char(n.created AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"
_NOTE = (f"SELECT n.id, n.card_id, n.copy, n.text, n.name, {_ISO_UTC}, w.name, n.state "
         "FROM notes n JOIN workshops w ON w.id = n.workshop")
_WORKSHOP = "SELECT id, kit, name, opened, closed FROM workshops"
# Card pages, (kit, workshop, card, limit, before) each, in one round trip: for each, the workshop
# as it is now, the card's count of shown notes in it (once, in a lateral join), and one page of
# those notes, a row each (NULLs when it has none); each row starts with its page's place.
_CARD_PAGES = (
    f"SELECT q.o, w.id, w.kit, w.name, w.opened, w.closed, c.count, n.id, n.card_id, n.copy, n.text, n.name, "
    f"{_ISO_UTC}, n.state "
    "FROM unnest(%s::text[], %s::text[], %s::text[], %s::int[], %s::bigint[]) WITH ORDINALITY AS q (kit, name, card, "
    "lim, before, o) JOIN workshops w ON w.kit = q.kit AND w.name = q.name "
    f"CROSS JOIN LATERAL (SELECT COUNT(*) AS count FROM notes WHERE workshop = w.id AND card_id = q.card "
    f"AND state = '{SHOWN}') c "
    f"LEFT JOIN LATERAL (SELECT * FROM notes WHERE workshop = w.id AND card_id = q.card AND state = '{SHOWN}' "
    "AND id < q.before ORDER BY id DESC LIMIT q.lim) n ON true "
    "ORDER BY q.o, n.id DESC")


def iso(moment: datetime | None) -> str | None:
    """A timestamp as the store's other engine writes it: UTC, milliseconds, a trailing ``Z``."""
    if moment is None:
        return None
    return moment.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _now() -> datetime:
    """The time of a write, from this computer's clock as with SQLite (so both engines agree)."""
    return datetime.fromisoformat(utc_now())


def _workshop(row) -> Workshop:
    wid, kit, name, opened, closed = row
    return Workshop(wid, kit, name, iso(opened), iso(closed))


def _note(row) -> Note:
    """A row of :data:`_NOTE` (its time already in :func:`iso`'s form) as a note."""
    return Note(*row)


class _Lane:
    """One event loop's share of the store: its connection pool, and its calls that go to the
    database together (:mod:`.batches`): notes (a group commit), write-limit checks, card pages."""

    def __init__(self, store: PostgresStore, pool=None):
        self.pool = pool
        limit = _batch_wait(store._wait)
        self.notes = Batches(store._insert, limit=limit)
        self.checks = Batches(store._take_tokens, _one_per_client, limit=limit)
        self.cards = Batches(store._card_pages, limit=limit)


class PostgresStore:
    """A notes database on a PostgreSQL server. Safe to share between threads and event loops.

    :param url: a ``postgresql://`` URL (libpq's form: user, password, host, port, database).
    :param readonly: read only (exports): no migration, and every transaction is read-only.
    :param pool_size: most connections this process opens.
    :param wait: seconds a caller waits for the database (a connection, an answer) before the
        call fails with :class:`StoreError` (a batch is stopped sooner: :func:`_batch_wait`).
    :raises StoreError: when the server cannot be reached, or the database was made by a newer
        carddeck.
    """

    def __init__(self, url: str, *, readonly: bool = False, pool_size: int = 10, wait: float = _WAIT):
        try:
            import psycopg  # noqa: F401  (imported here: the SQLite service never needs it)
            import psycopg_pool  # noqa: F401
        except ImportError:
            raise StoreError("PostgreSQL needs the psycopg package: pip install 'carddeck[postgres]'") from None
        self.url = self.db = url
        self.readonly = readonly
        self._pool_size, self._wait = pool_size, wait
        self._home: _Lane | None = None  # the store's own loop
        self._adopting = False  # set by adopt_next_loop: the next caller's loop gets its own lane
        self._served_loop: asyncio.AbstractEventLoop | None = None
        self._served = _Lane(self)
        self._served_opening: asyncio.Future | None = None
        self._checks = 0  # write-limit checks, for pruning idle rows every _PRUNE_EVERY
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="notes-postgres", daemon=True)
        self._thread.start()

        try:
            self._home = _Lane(self, self._call(self._open_pool()))
            if not readonly:
                self._call(self._migrate())
            else:
                self._call(self._check_version())
        except StoreError:
            self.close()
            raise
        except Exception as exc:
            self.close()
            raise StoreError(f"cannot open the PostgreSQL notes database: {_reason(exc)}") from None

    # --- plumbing ------------------------------------------------------------------------------

    async def _open_pool(self):
        """A new, open connection pool on the running loop."""
        from psycopg_pool import AsyncConnectionPool

        readonly = self.readonly

        async def configure(conn) -> None:
            await conn.set_autocommit(True)
            await conn.execute("SET synchronous_commit = on")
            if readonly:
                await conn.execute("SET default_transaction_read_only = on")

        pool = AsyncConnectionPool(self.url, min_size=1, max_size=self._pool_size, configure=configure, open=False,
                                   timeout=self._wait, name="carddeck-notes")
        try:
            await pool.open(wait=True, timeout=10)
        except BaseException:
            await pool.close()
            raise
        return pool

    def adopt_next_loop(self) -> None:
        """Serve the next event loop that awaits this store from a pool on that loop.

        For a process that serves from one long-lived loop (a worker's uvicorn): its queries then
        run where they are awaited. Every other loop keeps going through the store's own loop.
        Call it after the short-lived loops of start-up (``asyncio.run``) are done.
        """
        self._adopting = True

    def _lane(self) -> _Lane:
        """The lane of the running loop (called from the loop the query runs on)."""
        return self._served if asyncio.get_running_loop() is self._served_loop else self._home

    @property
    def _pool(self):
        return self._lane().pool

    def _call(self, coro):
        """Run ``coro`` on the store's loop and wait for it (for callers without a loop)."""
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(_WAIT + 5)

    async def _run(self, coro):
        """Run ``coro`` on the caller's loop when it was adopted (:meth:`adopt_next_loop`), else on
        the store's loop, and await it from the caller's loop."""
        loop = asyncio.get_running_loop()
        if self._adopting and self._served_loop is None:
            self._served_loop, self._served_opening = loop, asyncio.ensure_future(self._open_pool())
        future: Future | None = None
        try:
            if loop is self._served_loop:
                async with asyncio.timeout(self._wait):
                    if self._served.pool is None:
                        opening = self._served_opening
                        if opening.done() and (opening.cancelled() or opening.exception() is not None):
                            # The server was out of reach when this loop first asked: try again now.
                            self._served_opening = opening = asyncio.ensure_future(self._open_pool())
                        try:
                            self._served.pool = await asyncio.shield(opening)
                        except BaseException:
                            coro.close()  # never started (and so never awaited)
                            raise
                    return await coro
            future = asyncio.run_coroutine_threadsafe(coro, self._loop)
            return await asyncio.wait_for(asyncio.wrap_future(future), self._wait)
        except TimeoutError:
            if future is not None:
                future.cancel()
            raise StoreError("the notes database did not answer in time") from None
        except (StoreError, WorkshopClosed):
            raise
        except Busy:
            raise StoreError("the notes database is busy: too many requests wait for it") from None
        except Exception as exc:
            import psycopg

            if isinstance(exc, psycopg.Error):
                raise StoreError(f"the notes database failed: {_reason(exc)}") from None
            raise

    async def _batched(self, kind: str, item):
        """``item``'s result from the running loop's batches of ``kind`` (see :class:`_Lane`); the
        lane is looked up here, on the loop the batch runs on."""
        return await getattr(self._lane(), kind)(item)

    async def _rows(self, query: str, params=()) -> list[tuple]:
        async with self._pool.connection() as conn:
            cursor = await conn.execute(query, params)
            return await cursor.fetchall()

    async def _version(self, conn) -> int:
        exists = await (await conn.execute("SELECT to_regclass('carddeck_schema')")).fetchone()
        if exists[0] is None:
            return 0
        row = await (await conn.execute("SELECT version FROM carddeck_schema")).fetchone()
        return row[0] if row else 0

    def _too_new(self, version: int) -> StoreError:
        return StoreError(f"the PostgreSQL notes database has schema version {version}, made by a newer "
                          f"carddeck (this one knows up to {SCHEMA_VERSION}): upgrade carddeck on every "
                          f"worker before you start it")

    async def _check_version(self) -> None:
        async with self._pool.connection() as conn:
            version = await self._version(conn)
        if version > SCHEMA_VERSION:
            raise self._too_new(version)
        if version < SCHEMA_VERSION:
            raise StoreError(f"the PostgreSQL notes database has schema version {version}; start "
                             f"'carddeck notes serve' once to upgrade it to {SCHEMA_VERSION}")

    async def _migrate(self) -> None:
        async with self._pool.connection() as conn:
            async with conn.transaction():
                await conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK,))
                await conn.execute("CREATE TABLE IF NOT EXISTS carddeck_schema (version INTEGER NOT NULL)")
                version = await self._version(conn)
                if version > SCHEMA_VERSION:
                    raise self._too_new(version)
                for step in MIGRATIONS[version:]:
                    await conn.execute(step)
                if version == 0:
                    await conn.execute("INSERT INTO carddeck_schema (version) VALUES (%s)", (SCHEMA_VERSION,))
                elif version < SCHEMA_VERSION:
                    await conn.execute("UPDATE carddeck_schema SET version = %s", (SCHEMA_VERSION,))

    def close(self) -> None:
        """Close every connection and stop the store's loop.

        An adopted loop's pool is closed with it if that loop still runs; once it has ended (a
        worker that stopped serving) its connections end with the process, every note on them
        committed before its caller was answered.
        """
        home = getattr(self, "_home", None)
        if home is not None and home.pool is not None and self._loop.is_running():
            try:
                self._call(home.pool.close(timeout=5))
            except Exception:  # closing: a server that is gone has nothing left to flush
                pass
            home.pool = None
        served = getattr(self, "_served", None)
        if served is not None and served.pool is not None and self._served_loop.is_running():
            try:
                asyncio.run_coroutine_threadsafe(served.pool.close(timeout=5), self._served_loop).result(10)
            except Exception:
                pass
            served.pool = None
        if self._loop.is_running():
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=5)

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- writing -------------------------------------------------------------------------------

    def _writable(self) -> None:
        if self.readonly:
            raise StoreError("the notes database is open for reading only")

    async def add_kit(self, kit: str, title: str) -> None:
        self._writable()
        await self._run(self._rows(
            "INSERT INTO kits (id, title) VALUES (%s, %s) ON CONFLICT (id) DO UPDATE SET title = excluded.title "
            "RETURNING id", (kit, title)))

    async def open_workshop(self, kit: str, name: str) -> Workshop:
        self._writable()

        async def job():
            async with self._pool.connection() as conn:
                await conn.execute("INSERT INTO workshops (kit, name, opened) VALUES (%s, %s, %s) "
                                   "ON CONFLICT DO NOTHING", (kit, name, _now()))
                row = await (await conn.execute(f"{_WORKSHOP} WHERE kit = %s AND name = %s", (kit, name))).fetchone()
                return _workshop(row)

        return await self._run(job())

    async def set_open(self, workshop_id: int, is_open: bool) -> Workshop:
        self._writable()
        rows = await self._run(self._rows(
            "UPDATE workshops SET closed = %s WHERE id = %s RETURNING id, kit, name, opened, closed",
            (None if is_open else _now(), workshop_id)))
        return _workshop(rows[0])

    async def set_state(self, note_id: int, state: str) -> None:
        if state not in STATES:
            raise ValueError(f"expected one of {', '.join(STATES)}, received {state!r}")
        self._writable()
        # A deleted note keeps its row (so a form sent again is not stored again), not its words.
        erase = ", text = '', name = NULL" if state == DELETED else ""
        await self._run(self._rows(f"UPDATE notes SET state = %s{erase} WHERE id = %s RETURNING id", (state, note_id)))

    async def add_note(self, workshop_id: int, card_id: str, copy: int | None, text: str | None,
                       name: str | None = None, nonce: str | None = None) -> Note:
        text, name = clean(text, name)
        self._writable()
        if copy is not None and not 0 < copy <= _MAX_COPY:  # checked here: it would fail its whole batch
            raise ValueError(f"a table number is 1 to {_MAX_COPY}, received {copy}")

        # Committed with the notes that come meanwhile, in one transaction (group commit): while a
        # batch commits (one WAL flush), the next gathers, so many phones cost few flushes.
        row = (workshop_id, card_id, copy, text, name, _now(), nonce or None)
        return await self._run(self._batched("notes", row))

    async def _insert(self, rows: list) -> list[Note | WorkshopClosed]:
        """Store one batch of note rows in one transaction; each row's note, or WorkshopClosed."""
        async with self._pool.connection() as conn:
            async with conn.transaction():
                # FOR SHARE: closing a workshop waits for this transaction, so a note never lands
                # in a workshop that was closed before the note was committed.
                open_ = dict(await (await conn.execute(
                    "SELECT id, name FROM workshops WHERE id = ANY(%s) AND closed IS NULL FOR SHARE",
                    (sorted({r[0] for r in rows}),))).fetchall())
                # A form sent twice in this batch is inserted once; one sent before (or by another
                # worker at the same moment) hits the unique (workshop, nonce) and is read back.
                first: dict = {}  # (workshop, nonce) -> the place in ``rows`` of its first send
                taken = [i for i, row in enumerate(rows) if row[0] in open_
                         and (row[6] is None or first.setdefault((row[0], row[6]), i) == i)]
                made: dict[int, int] = {}  # place in ``rows`` -> the new note's id
                if taken:
                    # Each row's id is drawn before it is inserted and returned beside its place
                    # (ordinality), so every note gets its own id whatever order the server inserts
                    # or returns rows in; a form stored before returns nothing.
                    cursor = await conn.execute(
                        "WITH u AS MATERIALIZED (SELECT nextval(pg_get_serial_sequence('notes', 'id')) AS i, * "
                        "FROM unnest(%s::bigint[], %s::text[], %s::int[], %s::text[], %s::text[], %s::timestamptz[], "
                        "%s::text[]) WITH ORDINALITY AS u (w, c, k, t, n, d, x, o)), "
                        "made AS (INSERT INTO notes (id, workshop, card_id, copy, text, name, created, nonce) "
                        "OVERRIDING SYSTEM VALUE SELECT i, w, c, k, t, n, d, x FROM u "
                        "ON CONFLICT (workshop, nonce) DO NOTHING RETURNING id) "
                        "SELECT u.o, u.i FROM u JOIN made ON made.id = u.i",
                        [list(column) for column in zip(*(rows[i] for i in taken))])
                    made = {taken[o - 1]: nid for o, nid in await cursor.fetchall()}
                resent = {(rows[i][0], rows[i][6]) for i in taken if i not in made}
                before = {}
                if resent:
                    before = {(wid, nonce): _note(note) for wid, nonce, *note in await (await conn.execute(
                        f"SELECT n.workshop, n.nonce, {_NOTE.removeprefix('SELECT ')} "
                        "WHERE n.workshop = ANY(%s) AND n.nonce = ANY(%s)",
                        (sorted({w for w, _ in resent}), sorted({n for _, n in resent})))).fetchall()}
        notes: list[Note | WorkshopClosed] = []
        for i, row in enumerate(rows):
            workshop, nonce = row[0], row[6]
            if workshop not in open_:
                notes.append(WorkshopClosed())
            elif nonce is not None and (workshop, nonce) in before:
                notes.append(before[(workshop, nonce)])
            else:
                stored = first[(workshop, nonce)] if nonce is not None else i  # a form's first send in the batch
                _, card_id, copy, text, name, created, _ = rows[stored]
                if stored in made:
                    notes.append(Note(made[stored], card_id, copy, text, name, iso(created), open_[workshop], SHOWN))
                else:  # sent before, and that note's row purged between the insert and the read-back
                    notes.append(Note(_GONE, card_id, copy, "", None, iso(created), open_[workshop], DELETED))
        return notes

    async def secret(self) -> str:
        async def job():
            async with self._pool.connection() as conn:
                if not self.readonly:
                    await conn.execute("INSERT INTO meta (key, value) VALUES ('secret', %s) ON CONFLICT DO NOTHING",
                                       (secrets.token_hex(32),))
                row = await (await conn.execute("SELECT value FROM meta WHERE key = 'secret'")).fetchone()
                if row is None:
                    raise StoreError("the notes database has no secret yet: start 'carddeck notes serve' once")
                return row[0]

        return await self._run(job())

    async def take_token(self, client: str, per_minute: float, burst: float) -> bool:
        """One note's worth from ``client``'s token bucket, shared by every worker: True when allowed.

        The bucket refills at ``per_minute`` up to ``burst``; a refused try takes nothing. Checks
        that come together are answered together (:mod:`.batches`), in one statement, so two
        workers checking the same client at once cannot both take the last token.
        """
        return await self._run(self._batched("checks", (client, float(per_minute), float(burst))))

    async def _take_tokens(self, checks: list[tuple[str, float, float]]) -> list[bool]:
        """One batch of checks (each client once, one limit: :func:`_one_per_client`), in one statement."""
        clients, (_, per_minute, burst) = [client for client, _, _ in checks], checks[0]
        before, self._checks = self._checks, self._checks + len(clients)
        prune = before // _PRUNE_EVERY != self._checks // _PRUNE_EVERY
        async with self._pool.connection() as conn:
            rows = await (await conn.execute(
                """
                INSERT INTO rate_buckets AS b (client, tokens, at, ok)
                SELECT client, %(burst)s - 1, now(), true FROM unnest(%(clients)s::text[]) AS client
                ORDER BY client  -- rows locked in one order in every worker: two batches cannot deadlock
                ON CONFLICT (client) DO UPDATE SET
                    ok = LEAST(%(burst)s, b.tokens + EXTRACT(EPOCH FROM now() - b.at) * %(rate)s / 60) >= 1,
                    tokens = LEAST(%(burst)s, b.tokens + EXTRACT(EPOCH FROM now() - b.at) * %(rate)s / 60)
                        - CASE WHEN LEAST(%(burst)s, b.tokens + EXTRACT(EPOCH FROM now() - b.at) * %(rate)s / 60)
                                    >= 1 THEN 1 ELSE 0 END,
                    at = now()
                RETURNING b.client, b.ok
                """, {"clients": clients, "burst": burst, "rate": per_minute})).fetchall()
            if prune:
                # Rows a check holds are skipped (they are not idle): waiting for them would lock rows in
                # another order than the checks' sorted one, and PostgreSQL would abort one as a deadlock.
                await conn.execute("DELETE FROM rate_buckets WHERE client IN (SELECT client FROM rate_buckets "
                                   f"WHERE at < now() - interval '{RATE_IDLE}' FOR UPDATE SKIP LOCKED)")
        allowed = dict(rows)
        return [allowed[client] for client in clients]

    # --- reading -------------------------------------------------------------------------------

    async def workshop(self, kit: str, name: str) -> Workshop | None:
        rows = await self._run(self._rows(f"{_WORKSHOP} WHERE kit = %s AND name = %s", (kit, name)))
        return _workshop(rows[0]) if rows else None

    async def workshops(self, kit: str) -> list[Workshop]:
        rows = await self._run(self._rows(f"{_WORKSHOP} WHERE kit = %s ORDER BY id", (kit,)))
        return [_workshop(row) for row in rows]

    async def notes_for(self, workshop_id: int, card_id: str, *, limit: int, before: int | None = None) -> list[Note]:
        rows = await self._run(self._rows(
            f"{_NOTE} WHERE n.workshop = %s AND n.card_id = %s AND n.state = %s AND n.id < %s "
            "ORDER BY n.id DESC LIMIT %s",
            (workshop_id, card_id, SHOWN, _before(before), limit)))
        return [_note(row) for row in rows]

    async def count_for(self, workshop_id: int, card_id: str) -> int:
        rows = await self._run(self._rows(
            "SELECT COUNT(*) FROM notes WHERE workshop = %s AND card_id = %s AND state = %s",
            (workshop_id, card_id, SHOWN)))
        return rows[0][0]

    async def card_notes(self, kit: str, workshop: str, card_id: str, *, limit: int,
                         before: int | None = None) -> CardNotes:
        # Read with the card pages asked for meanwhile, in one statement (:mod:`.batches`).
        return await self._run(self._batched("cards", (kit, workshop, card_id, limit, _before(before))))

    async def _card_pages(self, asked: list[tuple]) -> list[CardNotes]:
        """One batch of card pages, (kit, workshop, card, limit, before) each; the same page asked
        twice is read once."""
        unique = list(dict.fromkeys(asked))
        rows = await self._rows(_CARD_PAGES, [list(column) for column in zip(*unique)])
        pages: dict[int, list] = {}
        for row in rows:
            pages.setdefault(row[0], []).append(row)
        read = {}
        for place, key in enumerate(unique, 1):
            page = pages.get(place)
            if page is None:
                read[key] = CardNotes(None, (), 0)
                continue
            name = page[0][3]
            read[key] = CardNotes(_workshop(page[0][1:6]), tuple(Note(*row[7:13], name, row[13]) for row in page
                                                                   if row[7] is not None), page[0][6])
        return [read[key] for key in asked]

    async def counts(self, workshop_id: int) -> dict[str, int]:
        rows = await self._run(self._rows(
            "SELECT card_id, COUNT(*) FROM notes WHERE workshop = %s AND state = %s GROUP BY card_id",
            (workshop_id, SHOWN)))
        return dict(rows)

    async def export_notes(self, kit: str, workshop: str | None = None, states: tuple[str, ...] = (SHOWN,)) -> list[Note]:
        query = f"{_NOTE} WHERE w.kit = %s AND n.state = ANY(%s)"
        params: list = [kit, list(states)]
        if workshop is not None:
            query += " AND w.name = %s"
            params.append(workshop)
        rows = await self._run(self._rows(query + " ORDER BY n.id", params))
        return [_note(row) for row in rows]

    def export_rows(self, kit: str, workshop: str | None = None, states: tuple[str, ...] = (SHOWN,)) -> list[Note]:
        """:meth:`export_notes` for a caller without an event loop (a thread or the command line)."""
        return asyncio.run(self.export_notes(kit, workshop, states))


def _before(before: int | None) -> int:
    """A page's ``before`` as the statement takes it: every note when None, and within BIGINT
    (an id beyond every note's, or below the first, means the same page), so that no caller's
    value can fail the batch of pages it is read with."""
    return MAX_ID if before is None else min(max(before, 0), MAX_ID)


def _one_per_client(waiting: list) -> tuple[list, list]:
    """A batch of write-limit checks: each client once (one statement updates a row once) and the
    first check's limit; the others wait for the next batch."""
    limit, clients, batch, rest = waiting[0][0][1:], set(), [], []
    for entry in waiting:
        (client, *params), *_ = entry
        if tuple(params) == limit and client not in clients and len(batch) < _BATCH:
            clients.add(client)
            batch.append(entry)
        else:
            rest.append(entry)
    return batch, rest


def _reason(exc: Exception) -> str:
    """The server's own words for a failure, on one line."""
    return " ".join(str(exc).split()) or type(exc).__name__


class SharedRateLimit:
    """The write limit of :class:`~carddeck.notes.access.RateLimit`, kept in PostgreSQL so that it
    holds across every worker process. A client is known by a keyed hash of its address (HMAC
    with the service's secret), so no address is written to the database.
    """

    def __init__(self, store: PostgresStore, secret: bytes, per_minute: float, burst: float):
        self.store, self._secret = store, secret
        self.per_minute, self.burst = per_minute, burst

    def client_key(self, client: str) -> str:
        import hashlib
        import hmac

        return hmac.new(self._secret, client.encode(), hashlib.sha256).hexdigest()[:32]

    async def check(self, client: str) -> bool:
        return await self.store.take_token(self.client_key(client), self.per_minute, self.burst)


def purge(url: str, *, workshop: str | None = None, older_than_days: int | None = None,
          now: datetime | None = None) -> int:
    """:func:`carddeck.notes.purge.purge` on PostgreSQL: delete the notes of ``workshop`` (in every
    kit; the workshop goes too) or those older than ``older_than_days``; return how many.

    The service may keep running: it shows no note it does not read from the database, though
    each worker may keep the HTML of a purged note in memory, never shown, until newer notes
    push it out or the worker stops (:func:`~.pages.forget_notes`). The rows are deleted and the table
    vacuumed; PostgreSQL's WAL and the server's backups hold the words until they are recycled
    (the database administrator's retention applies there).

    :raises StoreError: when the server cannot be reached or the database is not a notes database.
    """
    import psycopg

    try:
        with psycopg.connect(url, autocommit=True) as conn:
            with conn.transaction():
                if workshop is not None:
                    ids = [row[0] for row in conn.execute("SELECT id FROM workshops WHERE name = %s", (workshop,))]
                    deleted = conn.execute("DELETE FROM notes WHERE workshop = ANY(%s)", (ids,)).rowcount
                    conn.execute("DELETE FROM workshops WHERE id = ANY(%s)", (ids,))
                else:
                    cutoff = (now or datetime.now(timezone.utc)) - timedelta(days=older_than_days)
                    deleted = conn.execute("DELETE FROM notes WHERE created < %s", (cutoff,)).rowcount
            conn.execute("VACUUM notes")
    except psycopg.Error as exc:
        raise StoreError(f"cannot purge the PostgreSQL notes database: {_reason(exc)}") from None
    return deleted
