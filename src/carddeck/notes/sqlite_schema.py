"""The SQLite notes file's schema and its versions: a connection in, the schema made or migrated.

A new file gets :data:`_SCHEMA` (version :data:`BASE_VERSION`, the first with workshops), then
every step of :data:`MIGRATIONS`; a file of an earlier version gets the steps it lacks, each in
one transaction, when a service opens it, as ``notes/postgres.py``'s migrations do on a server.
The version is SQLite's ``user_version``.
"""

from __future__ import annotations

import sqlite3

from .store import SHOWN, STATES, StoreError

BASE_VERSION = 2  # the schema _SCHEMA makes; MIGRATIONS take it further

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS kits (id TEXT PRIMARY KEY, title TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS workshops (
    id      INTEGER PRIMARY KEY,
    kit     TEXT NOT NULL REFERENCES kits (id),
    name    TEXT NOT NULL,
    opened  TEXT NOT NULL,
    closed  TEXT,
    UNIQUE (kit, name)
);
CREATE TABLE IF NOT EXISTS notes (
    id       INTEGER PRIMARY KEY,
    workshop INTEGER NOT NULL REFERENCES workshops (id),
    card_id  TEXT    NOT NULL,
    copy     INTEGER,
    text     TEXT    NOT NULL,
    name     TEXT,
    created  TEXT    NOT NULL,
    state    TEXT    NOT NULL DEFAULT '{SHOWN}' CHECK (state IN ({", ".join(f"'{s}'" for s in STATES)}))
);
CREATE INDEX IF NOT EXISTS notes_card ON notes (workshop, card_id, state, id);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
PRAGMA user_version = {BASE_VERSION};
"""
# Steps after BASE_VERSION, in order: MIGRATIONS[i] takes a file from version BASE_VERSION + i to
# the next, in one transaction, when a service opens it (as notes/postgres.py's MIGRATIONS do).
MIGRATIONS: tuple[str, ...] = (
    # 3: the nonce of the form a note came with, unique in its workshop, so a form sent twice
    # (a double tap, a reload after a dropped connection) stores one note. NULLs are distinct:
    # notes without a nonce (earlier ones, other clients) never collide.
    """
    ALTER TABLE notes ADD COLUMN nonce TEXT;
    CREATE UNIQUE INDEX notes_nonce ON notes (workshop, nonce);
    """,
)
SCHEMA_VERSION = BASE_VERSION + len(MIGRATIONS)


def migrate(conn: sqlite3.Connection, path) -> None:
    """Make the schema in a new file, or bring a file of an earlier version up to :data:`SCHEMA_VERSION`.

    :raises StoreError: for a file older than workshops (not migrated: its notes have none) or
        made by a newer carddeck.
    """
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "notes" in tables and version < BASE_VERSION:
        raise StoreError(f"{str(path)!r} was made by an earlier carddeck (notes without workshops); "
                         f"keep it for its notes and start the service with another --db file")
    if version > SCHEMA_VERSION:
        raise StoreError(f"{str(path)!r} has schema version {version}, made by a newer carddeck (this one "
                         f"knows up to {SCHEMA_VERSION}): upgrade carddeck, or serve it with the newer one")
    if "notes" not in tables:
        conn.executescript(_SCHEMA)
        version = BASE_VERSION
    for number, step in enumerate(MIGRATIONS[version - BASE_VERSION:], version + 1):
        try:
            conn.executescript(f"BEGIN IMMEDIATE; {step.strip()} PRAGMA user_version = {number}; COMMIT;")
        except sqlite3.Error:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
