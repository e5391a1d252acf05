"""PostgreSQL's batches (notes/batches.py in notes/postgres.py) when something goes wrong: a hung
statement, a phone's odd value in a batch of other phones', the idle-row prune beside a check,
a form sent again whose note was purged meanwhile.

Every await is bounded (:func:`bounded`), so a regression fails here rather than hanging the run.
"""

from __future__ import annotations

import asyncio

import psycopg

from carddeck.notes import postgres
from carddeck.notes.postgres import PostgresStore, SharedRateLimit
from carddeck.notes.store import DELETED

KIT = "kit-a"
NONCE = "form-nonce-0123456789"


def bounded(coroutine, seconds: float = 15):
    return asyncio.run(asyncio.wait_for(coroutine, seconds))


def opened(store):
    bounded(store.add_kit(KIT, "Kit A"))
    return bounded(store.open_workshop(KIT, "w"))


def in_transaction(url: str) -> int:
    """How many of the database's other sessions are inside a transaction (none once every batch is over)."""
    with psycopg.connect(url, autocommit=True) as conn:
        return conn.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                            "AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%'").fetchone()[0]


def test_a_hung_batch_is_stopped_its_note_not_stored_and_the_next_batches_run(postgres_url):
    # Callers who wait 1 s (the service's 30 s, shortened): their batch is stopped before that.
    with PostgresStore(postgres_url, wait=1.0) as store:
        workshop = opened(store)
        with psycopg.connect(postgres_url) as holder:
            # A statement that never ends, as when the server restarts or the link goes dead: the
            # notes table is locked, so the batch's note and page wait for it.
            holder.execute("LOCK TABLE notes IN ACCESS EXCLUSIVE MODE")

            async def both():
                return await asyncio.gather(store.add_note(workshop.id, "c", None, "hængt"),
                                            store.card_notes(KIT, "w", "c", limit=5), return_exceptions=True)

            stopped = bounded(both())
            holder.rollback()
        assert [str(error) for error in stopped] == ["the notes database did not answer in time"] * 2
        note = bounded(store.add_note(workshop.id, "c", None, "efter"))
        page = bounded(store.card_notes(KIT, "w", "c", limit=5))
        assert [n.text for n in page.notes] == ["efter"] == [n.text for n in store.export_rows(KIT)]
        assert page.notes[0] == note  # the stopped note was rolled back, not stored late
    assert in_transaction(postgres_url) == 0


def test_a_page_before_any_id_a_note_can_have_does_not_fail_its_batch(postgres_url):
    with PostgresStore(postgres_url) as store:
        workshop = opened(store)
        note = bounded(store.add_note(workshop.id, "c", None, "hej"))
        sizes = []
        cards = store._home.cards
        read = cards._run

        async def spied(asked):
            sizes.append(len(asked))
            return await read(asked)

        cards._run = spied

        async def together():  # read in one or two batches, as they come
            return await asyncio.gather(*(store.card_notes(KIT, "w", "c", limit=5, before=before)
                                          for before in (None, 10**20, None, -10**20)))

        newest, huge, valid, negative = bounded(together())
    assert max(sizes) > 1 and sum(sizes) == 4  # odd values were read with valid ones, and none failed
    assert newest.notes == huge.notes == valid.notes == (note,) and negative.notes == ()


def test_a_table_number_the_database_cannot_hold_fails_its_own_note_only(postgres_url):
    with PostgresStore(postgres_url) as store:
        workshop = opened(store)

        async def together():
            return await asyncio.gather(store.add_note(workshop.id, "c", 1, "først"),
                                        store.add_note(workshop.id, "c", 2**40, "for stor"),
                                        store.add_note(workshop.id, "c", 2, "gyldig"), return_exceptions=True)

        first, odd, valid = bounded(together())
        assert str(odd) == f"a table number is 1 to {2**31 - 1}, received {2**40}"
        assert [n.text for n in store.export_rows(KIT)] == ["først", "gyldig"] == [first.text, valid.text]


def test_the_idle_row_prune_skips_rows_a_check_holds(postgres_url, monkeypatch):
    # The prune deleting rows in table order beside a check locking them in sorted order could
    # deadlock; it skips locked rows instead (they are not idle), so it never waits for one.
    monkeypatch.setattr(postgres, "_PRUNE_EVERY", 1)  # every check prunes
    with PostgresStore(postgres_url) as store:
        limit = SharedRateLimit(store, b"secret", per_minute=10, burst=3)
        with psycopg.connect(postgres_url, autocommit=True) as conn:
            conn.execute("INSERT INTO rate_buckets VALUES ('idle-1', 3, now() - interval '1 hour', true), "
                         "('idle-2', 3, now() - interval '1 hour', true)")
            with psycopg.connect(postgres_url) as holder:
                holder.execute("SELECT * FROM rate_buckets WHERE client = 'idle-1' FOR UPDATE")
                assert bounded(limit.check("192.0.2.7"), 5)
                holder.rollback()
            left = sorted(row[0] for row in conn.execute("SELECT client FROM rate_buckets"))
    assert left == sorted(["idle-1", limit.client_key("192.0.2.7")])


def test_a_form_sent_again_after_its_note_was_purged_is_answered_as_a_deleted_note(postgres_url):
    with PostgresStore(postgres_url) as store:
        workshop = opened(store)
        first = bounded(store.add_note(workshop.id, "c", 2, "renset", "Ane", NONCE))
        other = bounded(store.add_note(workshop.id, "c", 2, "slettet", None, NONCE[::-1]))
        bounded(store.set_state(other.id, DELETED))
        with psycopg.connect(postgres_url, autocommit=True) as conn:
            # A purge between the form's insert (which met the note stored before) and its
            # read-back, made certain: the statement's own trigger deletes that note.
            conn.execute(f"CREATE FUNCTION purge_first() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                         f"DELETE FROM notes WHERE nonce = '{NONCE}'; RETURN NULL; END $$")
            conn.execute("CREATE TRIGGER purge_first AFTER INSERT ON notes FOR EACH STATEMENT "
                         "EXECUTE FUNCTION purge_first()")
            try:
                async def together():
                    return await asyncio.gather(store.add_note(workshop.id, "c", 2, "renset", "Ane", NONCE),
                                                store.add_note(workshop.id, "c", 2, "slettet", None, NONCE[::-1]),
                                                store.add_note(workshop.id, "c", None, "ny"))

                purged, deleted, new = bounded(together())
            finally:
                conn.execute("DROP TRIGGER purge_first ON notes")
                conn.execute("DROP FUNCTION purge_first()")
        assert (deleted.id, deleted.state, deleted.text, deleted.name) == (other.id, DELETED, "", None)
        assert (purged.state, purged.text, purged.name, purged.card_id, purged.copy) == (DELETED, "", None, "c", 2)
        assert purged.id not in {first.id, other.id, new.id}
        assert [n.text for n in store.export_rows(KIT)] == ["ny"] == [new.text]  # the batch's other note is stored


def test_too_many_waiting_calls_are_refused_with_a_clear_error(postgres_url, monkeypatch):
    from carddeck.notes import batches

    monkeypatch.setattr(batches, "WAITING", 1)
    with PostgresStore(postgres_url) as store:
        opened(store)

        async def crowd():
            return await asyncio.gather(*(store.card_notes(KIT, "w", "c", limit=5) for _ in range(4)),
                                        return_exceptions=True)

        answers = bounded(crowd())
    refused = [str(a) for a in answers if isinstance(a, Exception)]
    assert refused and set(refused) == {"the notes database is busy: too many requests wait for it"}
    assert all(a.workshop.name == "w" for a in answers if not isinstance(a, Exception))

