"""A form sent twice (a double tap, a reload after a dropped connection) stores one note, on both engines."""

from __future__ import annotations

import asyncio
import re
import sqlite3

import pytest

from carddeck.notes.sqlite import SqliteStore
from carddeck.notes.sqlite_schema import SCHEMA_VERSION
from carddeck.notes.store import StoreError

from notes_helpers import csrf_of, stored

KIT = "kit-a"
CARD = "/c/fase-3-andre"
NONCE = "form-nonce-0123456789"


def run(coroutine):
    return asyncio.run(coroutine)


def opened(store, name="w1"):
    run(store.add_kit(KIT, "Kit A"))
    return run(store.open_workshop(KIT, name))


def test_the_same_nonce_gives_back_the_first_note(store):
    w = opened(store)
    first = run(store.add_note(w.id, "fase-1", 2, "Vi mødes igen", "Ane", NONCE))
    again = run(store.add_note(w.id, "fase-1", 2, "Vi mødes igen", "Ane", NONCE))
    assert again == first
    assert [n.id for n in store.export_rows(KIT)] == [first.id]
    other = run(store.add_note(w.id, "fase-1", 2, "Vi mødes igen", "Ane", NONCE[::-1]))
    assert other.id != first.id  # another form is another note, even with the same words
    plain = [run(store.add_note(w.id, "fase-1", None, "uden nonce")) for _ in range(2)]
    assert plain[0].id != plain[1].id  # a client without a nonce is not deduplicated


def test_a_nonce_is_unique_per_workshop(store):
    first = run(store.add_note(opened(store, "w1").id, "c", None, "one", None, NONCE))
    second = run(store.add_note(opened(store, "w2").id, "c", None, "one", None, NONCE))
    assert first.id != second.id and (first.workshop, second.workshop) == ("w1", "w2")


def test_two_sends_at_the_same_moment_store_one_note(store):
    w = opened(store)

    async def both():
        return await asyncio.gather(*(store.add_note(w.id, "c", 1, "dobbelt tryk", None, NONCE) for _ in range(5)),
                                    store.add_note(w.id, "c", 1, "en anden", None))

    *same, other = run(both())
    assert len({n.id for n in same}) == 1 and other.id != same[0].id
    assert sorted(n.text for n in store.export_rows(KIT)) == ["dobbelt tryk", "en anden"]


def test_the_form_sent_twice_gets_the_same_answer(client, store):
    page = client.get(CARD + "/2")
    nonce = re.search(r'name="nonce" value="([^"]+)"', page.text).group(1)
    form = {"csrf": csrf_of(page.text), "nonce": nonce, "text": "Vi deler kalender.", "by": "Bord 2"}
    first = client.post(CARD + "/2", data=form)
    again = client.post(CARD + "/2", data=form)
    assert first.status_code == again.status_code == 303
    assert again.headers["Location"] == first.headers["Location"]
    assert [n.text for n in stored(store)] == ["Vi deler kalender."]
    assert client.get(CARD).text.count("Vi deler kalender.") == 1
    # The next page has a fresh form: the next note is a new one.
    fresh = client.get(first.headers["Location"])
    assert re.search(r'name="nonce" value="([^"]+)"', fresh.text).group(1) != nonce


def test_a_refused_form_keeps_its_nonce(client):
    page = client.get(CARD)
    nonce = re.search(r'name="nonce" value="([^"]+)"', page.text).group(1)
    refused = client.post(CARD, data={"csrf": csrf_of(page.text), "nonce": nonce, "text": " "})
    assert refused.status_code == 400 and f'name="nonce" value="{nonce}"' in refused.text


def test_a_file_of_the_previous_version_is_migrated(tmp_path):
    path = tmp_path / "v2.db"
    with SqliteStore(path) as store:
        w = opened(store)
        run(store.add_note(w.id, "c", None, "før"))
    conn = sqlite3.connect(path)
    conn.executescript("DROP INDEX notes_nonce; ALTER TABLE notes DROP COLUMN nonce; PRAGMA user_version = 2;")
    conn.close()
    with SqliteStore(path) as store:
        assert [n.text for n in store.export_rows(KIT)] == ["før"]
        note = run(store.add_note(w.id, "c", None, "efter", None, NONCE))
        assert run(store.add_note(w.id, "c", None, "efter", None, NONCE)) == note
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3
    conn.close()


def test_a_file_of_a_newer_carddeck_is_refused(tmp_path):
    path = tmp_path / "new.db"
    SqliteStore(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError) as info:
        SqliteStore(path)
    assert str(info.value) == (f"{str(path)!r} has schema version {SCHEMA_VERSION + 1}, made by a newer carddeck "
                               f"(this one knows up to {SCHEMA_VERSION}): upgrade carddeck, or serve it with the "
                               f"newer one")


def test_one_nonce_sent_from_two_cards_at_once_is_one_note_for_both(store):
    w = opened(store)

    async def both():
        return await asyncio.gather(store.add_note(w.id, "a", None, "fra a", None, NONCE),
                                    store.add_note(w.id, "b", 2, "fra b", None, NONCE))

    first, second = run(both())
    assert first == second and [n.card_id for n in store.export_rows(KIT)] == [first.card_id]
