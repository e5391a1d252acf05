"""Deleting notes for good: a database path and a workshop name or an age in; the number deleted out.

For the retention a municipality promises (GDPR art. 5(1)(e)): once the record is filed in the
case system, the tool's copy goes. "For good" means the text is not left behind in the file:
after the delete the database is checkpointed (the WAL folded in and emptied) and vacuumed
(free pages overwritten), so the deleted words cannot be read back out of ``notes.db`` either.

It runs while no service uses the database (a running service holds its notes in memory and
would go on showing them); the service's lock (:class:`~.backup.ServiceLock`) tells.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

from .backup import ServiceLock
from .store import StoreError


def purge(db: str | os.PathLike, *, workshop: str | None = None, older_than_days: int | None = None,
          now: datetime | None = None) -> int:
    """Delete the notes of ``workshop`` (in every kit; the workshop goes too), or those written
    more than ``older_than_days`` days before ``now``; return how many notes were deleted.

    :raises StoreError: when ``db`` is missing, not a notes database, or in use by a service.
    """
    db = Path(db)
    if not db.is_file():
        raise StoreError(f"no notes database at {str(db)!r}")
    with ServiceLock(db, advice=""):  # refuses while a service runs on db
        conn = sqlite3.connect(db, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                if workshop is not None:
                    ids = [row[0] for row in conn.execute("SELECT id FROM workshops WHERE name = ?", (workshop,))]
                    marks = ", ".join("?" * len(ids))
                    deleted = conn.execute(f"DELETE FROM notes WHERE workshop IN ({marks})", ids).rowcount if ids else 0
                    conn.execute(f"DELETE FROM workshops WHERE id IN ({marks})", ids)
                else:
                    cutoff = (now or datetime.now(timezone.utc)) - timedelta(days=older_than_days)
                    stamp = cutoff.isoformat(timespec="milliseconds").replace("+00:00", "Z")
                    deleted = conn.execute("DELETE FROM notes WHERE created < ?", (stamp,)).rowcount
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            # Fold the WAL in and overwrite the freed pages: the words are gone from the file too.
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.execute("VACUUM")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{str(db)!r} is not a notes database ({exc})") from None
        finally:
            conn.close()
    return deleted
