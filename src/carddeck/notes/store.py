"""What the notes service keeps, and the one interface every database behind it implements.

In: kits (a deck's stable id and title), workshops of a kit (opened, closed), and notes written on
a card in a workshop. Out: :class:`Note` and :class:`Workshop` rows.

:class:`NotesStore` is the interface; :class:`carddeck.notes.sqlite.SqliteStore` implements it
today (one file, no server), a PostgreSQL store can implement it next. The web app only awaits
its methods, so a store may do real network I/O there. :func:`open_store` picks the
implementation for a ``--db`` value.

Moderation: every note has a :data:`STATES` state, set on the facilitator's page; card pages
and counts show ``shown`` notes only, exports ``shown`` ones unless asked for ``hidden`` ones too,
and a ``deleted`` note keeps no words.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Protocol, runtime_checkable

MAX_TEXT = 2000  # characters of a note
MAX_NAME = 40  # characters of the optional name: a first name or the table, never a full name
SHOWN, HIDDEN, DELETED = "shown", "hidden", "deleted"
STATES = (SHOWN, HIDDEN, DELETED)
MAX_ID = 2**63 - 1  # the highest id a note can have, in either engine (a signed 64-bit integer)


@dataclass(frozen=True)
class Workshop:
    """One workshop of a kit. ``opened`` and ``closed`` are UTC ISO 8601 with ``Z``; ``closed`` None while open."""

    id: int
    kit: str
    name: str
    opened: str
    closed: str | None = None

    @property
    def is_open(self) -> bool:
        return self.closed is None


@dataclass(frozen=True)
class Note:
    """One stored note. ``created`` is UTC, ISO 8601 with a trailing ``Z``; ``workshop`` is its name."""

    id: int
    card_id: str
    copy: int | None
    text: str
    name: str | None
    created: str
    workshop: str = ""
    state: str = SHOWN

    @property
    def created_at(self) -> datetime:
        return datetime.fromisoformat(self.created)


@dataclass(frozen=True)
class CardNotes:
    """What a card page shows from the database, read at once: the workshop as it is now (None
    when there is none by that name), one page of the card's shown notes (newest first) and how
    many shown notes the card has in that workshop."""

    workshop: Workshop | None
    notes: tuple[Note, ...]
    count: int


class NoteRejected(ValueError):
    """The note breaks a limit. ``key`` names the message in :mod:`carddeck.labels`, ``params`` fill it."""

    def __init__(self, key: str, **params):
        self.key = key
        self.params = params
        super().__init__(f"{key}: {params}" if params else key)


class WorkshopClosed(NoteRejected):
    """The workshop was closed for new notes (checked in the same transaction as the write)."""

    def __init__(self):
        super().__init__("workshop_closed")


class StoreError(RuntimeError):
    """The database cannot be opened or written (disk full, permissions, not a notes database)."""


@runtime_checkable
class NotesStore(Protocol):
    """The notes database as the service and the exports use it.

    Every method that the web app calls is a coroutine. Reads of notes return ``shown`` notes
    only unless ``states`` says otherwise. Implementations are safe to share between requests.
    """

    db: str  # the database as a ``--db`` value another process opens (the export workers do)

    async def add_kit(self, kit: str, title: str) -> None:
        """Register the kit ``kit`` (its deck's title kept for exports); the same id again updates the title."""

    async def open_workshop(self, kit: str, name: str) -> Workshop:
        """The workshop ``name`` of ``kit``: made (open) when new, else as it is (a closed one stays closed)."""

    async def workshop(self, kit: str, name: str) -> Workshop | None:
        """The workshop ``name`` of ``kit``, or None."""

    async def workshops(self, kit: str) -> list[Workshop]:
        """Every workshop of ``kit``, oldest first."""

    async def set_open(self, workshop_id: int, is_open: bool) -> Workshop:
        """Close the workshop for new notes (``False``) or open it again; return it as it is now."""

    async def add_note(self, workshop_id: int, card_id: str, copy: int | None, text: str | None,
                       name: str | None = None, nonce: str | None = None) -> Note:
        """Check (:func:`clean`), store and commit a note; return it once it is durable.

        ``nonce`` is the form's (see :func:`carddeck.notes.participant.new_nonce`): when the
        workshop has a note with that nonce already, that note is returned and nothing is stored,
        so a form sent twice stores one note.

        :raises NoteRejected: when the text or name breaks a limit.
        :raises WorkshopClosed: when the workshop is closed (nothing is stored).
        :raises StoreError: when the database could not write the note in time. It is then not
            stored, unless the database's answer to the commit itself was lost (PostgreSQL: the
            link failed or the time ran out while the commit was on its way); the form sent again
            with its nonce then leads to that note and stores nothing twice.
        """

    async def notes_for(self, workshop_id: int, card_id: str, *, limit: int, before: int | None = None) -> list[Note]:
        """At most ``limit`` shown notes of one card in one workshop (all copies), newest first;
        with ``before``, only notes with a smaller id (the next page)."""

    async def count_for(self, workshop_id: int, card_id: str) -> int:
        """How many shown notes one card has in one workshop."""

    async def card_notes(self, kit: str, workshop: str, card_id: str, *, limit: int,
                         before: int | None = None) -> CardNotes:
        """:meth:`workshop` (``workshop`` of ``kit``), and :meth:`notes_for` and :meth:`count_for` of
        ``card_id`` in it, in one read: what a card page needs, as the database has it now."""

    async def counts(self, workshop_id: int) -> dict[str, int]:
        """Shown notes per card id in one workshop (cards without notes are absent)."""

    async def export_notes(self, kit: str, workshop: str | None = None,
                           states: tuple[str, ...] = (SHOWN,)) -> list[Note]:
        """Notes of ``kit`` (one workshop by name, or every workshop), oldest first: what exports read."""

    async def set_state(self, note_id: int, state: str) -> None:
        """Moderation: show, hide or delete a note (one of :data:`STATES`); every reader sees it at once.

        ``deleted`` is for good: the note's text and name are erased (its row stays, empty, so a
        form sent again is not stored again)."""

    async def secret(self) -> str:
        """The service's signing secret, made once and kept, so a restart keeps open forms valid."""

    def close(self) -> None:
        """Finish pending writes and let go of the database."""


POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_postgres(db: str | os.PathLike) -> bool:
    """Whether a ``--db`` value names a PostgreSQL server (a URL) rather than an SQLite file."""
    return str(db).startswith(POSTGRES_SCHEMES)


def describe(db: str | os.PathLike) -> str:
    """A ``--db`` value as it may be printed: a PostgreSQL URL without its password."""
    if not is_postgres(db):
        return str(db)
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(str(db))
    if parts.password is None:
        return str(db)
    host = parts.hostname or ""
    netloc = f"{parts.username}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def open_store(db: str | os.PathLike, *, readonly: bool = False) -> NotesStore:
    """The store for a ``--db`` value: a ``postgresql://`` URL opens that PostgreSQL database
    (:class:`carddeck.notes.postgres.PostgresStore`); a file path opens (or makes) an SQLite file.

    :raises StoreError: when the database cannot be opened.
    """
    if is_postgres(db):
        from .postgres import PostgresStore

        return PostgresStore(str(db), readonly=readonly)
    from .sqlite import SqliteStore

    return SqliteStore(db, readonly=readonly)


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
