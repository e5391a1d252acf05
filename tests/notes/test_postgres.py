"""PostgreSQL as the notes engine: migrations, durable commits, a write limit shared by workers,
``--workers``, and no acknowledged note lost when a worker or the whole service is killed.

The store and web suites run on both engines through the ``store`` fixture (conftest.py); these are
the points only PostgreSQL has.
"""

from __future__ import annotations

import asyncio
import http.client
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import pytest

from carddeck.cli import main
from carddeck.notes.postgres import MIGRATIONS, SCHEMA_VERSION, PostgresStore, SharedRateLimit
from carddeck.notes.store import NotesStore, StoreError, describe, open_store

from test_serve import Browser, free_port

ROOT = Path(__file__).resolve().parents[2]
KIT = "samskabelse-samskaping"


def run(coroutine):
    return asyncio.run(coroutine)


def test_a_postgresql_url_opens_the_postgresql_store(postgres_url):
    with open_store(postgres_url) as store:
        assert isinstance(store, PostgresStore) and isinstance(store, NotesStore)


def test_commits_are_durable(postgres_url):
    with PostgresStore(postgres_url) as store:
        async def setting():
            async with store._pool.connection() as conn:
                return (await (await conn.execute("SHOW synchronous_commit")).fetchone())[0]

        assert run(store._run(setting())) == "on"


def test_an_older_schema_is_upgraded(postgres_server):
    import pgserver

    with pgserver.fresh_database(postgres_server) as url:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(MIGRATIONS[0])
            conn.execute("CREATE TABLE carddeck_schema (version INTEGER NOT NULL)")
            conn.execute("INSERT INTO carddeck_schema VALUES (1)")
            conn.execute("INSERT INTO kits VALUES ('k', 'Kit')")
        with PostgresStore(url) as store:
            assert [w.kit for w in run(store.workshops("k"))] == []
            assert run(store.open_workshop("k", "w")).name == "w"  # the old rows are still there
        with psycopg.connect(url) as conn:
            assert conn.execute("SELECT version FROM carddeck_schema").fetchone()[0] == SCHEMA_VERSION
            assert conn.execute("SELECT to_regclass('rate_buckets')").fetchone()[0] == "rate_buckets"


def test_a_newer_schema_is_refused(postgres_url):
    PostgresStore(postgres_url).close()
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute("UPDATE carddeck_schema SET version = %s", (SCHEMA_VERSION + 1,))
    try:
        with pytest.raises(StoreError) as info:
            PostgresStore(postgres_url)
        assert str(info.value) == (
            f"the PostgreSQL notes database has schema version {SCHEMA_VERSION + 1}, made by a newer carddeck "
            f"(this one knows up to {SCHEMA_VERSION}): upgrade carddeck on every worker before you start it")
    finally:
        with psycopg.connect(postgres_url, autocommit=True) as conn:
            conn.execute("UPDATE carddeck_schema SET version = %s", (SCHEMA_VERSION,))


def test_a_server_that_is_not_there(capfd):
    port = free_port()
    with pytest.raises(StoreError) as info:
        PostgresStore(f"postgresql://nobody@127.0.0.1:{port}/notes")
    assert str(info.value).startswith("cannot open the PostgreSQL notes database: ")


def test_an_adopted_loop_queries_on_its_own_thread_and_other_loops_still_work(postgres_url):
    import threading

    def where(store):
        """(thread that ran the query, the server process that answered it) for a caller on this loop."""
        async def job():
            async with store._pool.connection() as conn:
                pid = (await (await conn.execute("SELECT pg_backend_pid()")).fetchone())[0]
            return threading.get_ident(), pid
        return store._run(job())

    with PostgresStore(postgres_url) as store:
        me = threading.get_ident()
        run(store.add_kit(KIT, "Kit"))
        workshop = run(store.open_workshop(KIT, "adopted"))
        thread, home = run(where(store))
        assert thread != me  # not adopted: the query hops to the store's thread
        store.adopt_next_loop()

        async def serving():
            first = await where(store)
            notes = await asyncio.gather(*(store.add_note(workshop.id, "regel-1", None, f"note {i}") for i in range(40)))
            return first, notes, await store.count_for(workshop.id, "regel-1")

        (thread, pid), notes, count = run(serving())  # the adopted loop: this thread, its own connection
        assert thread == me and pid != home
        assert count == 40 and sorted(n.text for n in notes) == sorted(f"note {i}" for i in range(40))
        thread, _ = run(where(store))  # a later short-lived loop goes through the store's loop again
        assert thread != me
        assert run(store.count_for(workshop.id, "regel-1")) == 40


def test_an_adopted_loop_that_could_not_reach_the_server_tries_again(postgres_url):
    with PostgresStore(postgres_url) as store:
        run(store.add_kit(KIT, "Kit"))
        real, tries = store._open_pool, []

        async def first_fails():
            tries.append(1)
            if len(tries) == 1:
                raise psycopg.OperationalError("connection refused")
            return await real()

        store._open_pool = first_fails
        store.adopt_next_loop()

        async def serving():
            with pytest.raises(StoreError, match="the notes database failed: connection refused"):
                await store.workshops(KIT)
            return await store.workshops(KIT)  # the server answers now: the loop gets its pool

        assert run(serving()) == [] and len(tries) == 2


def test_the_write_limit_holds_across_workers(postgres_url):
    # Two stores are two worker processes' pools: the limit is one bucket for both.
    with PostgresStore(postgres_url) as one, PostgresStore(postgres_url) as two:
        secret = run(one.secret()).encode()
        limits = [SharedRateLimit(store, secret, per_minute=1, burst=3) for store in (one, two)]
        answers = [run(limits[i % 2].check("192.0.2.7")) for i in range(5)]
        assert answers == [True, True, True, False, False]
        assert run(limits[0].check("192.0.2.8"))  # another client has its own bucket
        with psycopg.connect(postgres_url) as conn:
            keys = [row[0] for row in conn.execute("SELECT client FROM rate_buckets")]
    assert len(keys) == 2 and not any("192.0.2" in key for key in keys)  # no address is stored


def test_write_limit_checks_at_one_moment_are_answered_together_and_hold(postgres_url):
    with PostgresStore(postgres_url) as store:
        limit = SharedRateLimit(store, run(store.secret()).encode(), per_minute=1, burst=3)

        async def at_once():  # one worker's phones checking together: few batches, one bucket each
            return await asyncio.gather(*(limit.check(client) for client in ["192.0.2.7"] * 6 + ["192.0.2.8"] * 2))

        answers = run(at_once())
    assert answers == [True, True, True, False, False, False, True, True]


def test_a_batch_of_notes_gives_each_its_own_id(postgres_url):
    # Notes without a form (alike, at the same moment), forms sent twice and new forms, in one group commit.
    with PostgresStore(postgres_url) as store:
        run(store.add_kit(KIT, "Kit"))
        workshop = run(store.open_workshop(KIT, "w"))
        first = run(store.add_note(workshop.id, "regel-1", 1, "sendt før", nonce="n" * 16))

        async def together():
            sends = [store.add_note(workshop.id, "regel-1", i % 3 or None, "ens" if i % 2 else f"note {i}", None,
                                    ("f" * 15 + str(i % 4)) if i % 5 == 0 else None) for i in range(40)]
            sends.append(store.add_note(workshop.id, "regel-1", 1, "sendt igen", nonce="n" * 16))
            return await asyncio.gather(*sends)

        notes = run(together())
        rows = {n.id: n for n in store.export_rows(KIT, "w")}
    assert notes[-1] == first  # the form sent before: the note stored then
    by_form = {}
    for i, note in enumerate(notes[:-1]):
        assert rows[note.id] == note  # each note's id is the row with its own words, table and time
        if i % 5 == 0:
            by_form.setdefault("f" * 15 + str(i % 4), set()).add(note.id)
    assert all(len(ids) == 1 for ids in by_form.values())  # a form sent twice in the batch is one note
    assert len(rows) == 1 + 40 - (8 - len(by_form))


def test_a_workshop_closed_and_opened_by_another_worker_on_its_own_connections(deck, postgres_url):
    # Two stores are two worker processes (each its own pool): nothing one process keeps goes stale.
    from conftest import as_facilitator, browser, serve
    from notes_helpers import csrf_of

    from carddeck.notes.web import create_app

    with PostgresStore(postgres_url) as a, PostgresStore(postgres_url) as b:
        one, two = browser(create_app(serve(deck, a))), browser(create_app(serve(deck, b)))
        page = two.get("/c/fase-2")
        facilitator = as_facilitator(one)
        facilitator.post("/facilitator/close", data={"csrf": csrf_of(facilitator.get("/facilitator").text)})
        assert two.post("/c/fase-2", data={"csrf": csrf_of(page.text), "text": "for sent"}).status_code == 409
        assert "<form" not in two.get("/c/fase-2").text
        facilitator.post("/facilitator/open", data={"csrf": csrf_of(facilitator.get("/facilitator").text)})
        assert "<form" in two.get("/c/fase-2").text
        assert two.post("/c/fase-2", data={"csrf": csrf_of(page.text), "text": "igen"}).status_code == 303
        assert [n.text for n in a.export_rows(deck.kit_id)] == ["igen"]


def test_workers_need_postgresql(tmp_path, capfd):
    code = main(["notes", "serve", "--db", str(tmp_path / "n.db"), "--workers", "2"])
    assert code == 1
    assert capfd.readouterr().err.strip() == (
        "Error: --workers 2 needs a PostgreSQL database (--db postgresql://…): an SQLite file takes notes "
        "from one process, which serves a workshop's phones on its own")


def test_a_password_is_never_printed():
    assert describe("postgresql://notes:s3cret@db.example:5432/notes") == "postgresql://notes:***@db.example:5432/notes"
    assert describe("postgresql://notes@db.example/notes") == "postgresql://notes@db.example/notes"
    assert describe("output/notes.db") == "output/notes.db"


def _start_workers(db: str, port: int, count: int, *extra: str) -> tuple[subprocess.Popen, list[int]]:
    """``carddeck notes serve --workers N`` in its own process group; wait for its workers' pids."""
    command = [sys.executable, "-m", "carddeck.cli", "notes", "serve", "--port", str(port), "--db", db,
               "--deck", str(ROOT / "deck"), "--facilitator-key", "facilitator-key-for-tests",
               "--notes-per-minute", "10000", "--workers", str(count), *extra]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT,
                            start_new_session=True)
    pids, lines, deadline = [], [], time.monotonic() + 30
    while len(pids) < count and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line)
        if found := re.match(r"Worker \d+ is process (\d+)\.", line):
            pids.append(int(found.group(1)))
    if len(pids) < count:
        os.killpg(proc.pid, signal.SIGKILL)
        raise AssertionError("the workers did not start:\n" + "".join(lines))
    return proc, pids


def _first_page(base: str, path: str) -> None:
    """Open ``path`` once a worker answers (the first page waits until one has started)."""
    deadline = time.monotonic() + 30
    while True:
        try:
            Browser(base).opener.open(base + path, timeout=5).read()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.mark.parametrize("flag", [(), ("--access-log",)], ids=["default", "access-log"])
def test_access_log_reaches_the_workers(postgres_url, flag):
    port = free_port()
    proc, _ = _start_workers(postgres_url, port, 2, *flag)
    try:
        _first_page(f"http://127.0.0.1:{port}", "/c/fase-2")
        privacy = Browser(f"http://127.0.0.1:{port}").opener.open(f"http://127.0.0.1:{port}/privacy", timeout=10)
        privacy = privacy.read().decode()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        out, _ = proc.communicate(timeout=30)
    assert ('"GET /c/fase-2 HTTP/1.1" 200' in out) == bool(flag), out
    assert ("Mens adgangsloggen er slået til" in privacy) == bool(flag)  # each worker's privacy page says so


def test_moderation_is_seen_at_once_by_every_worker(postgres_url):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc, _ = _start_workers(postgres_url, port, 2)
    try:
        _first_page(base, "/c/fase-4")
        assert Browser(base).post_note("/c/fase-4", "skjul mig på alle workers") == 303

        def seen() -> list[bool]:  # a new connection each time: the kernel hands them to both workers
            return ["skjul mig på alle workers" in Browser(base).opener.open(base + "/c/fase-4", timeout=10)
                    .read().decode() for _ in range(12)]

        assert all(seen())
        desk = Browser(base)
        try:
            desk.opener.open(base + "/facilitator?key=facilitator-key-for-tests", timeout=10)
        except urllib.error.HTTPError as exc:  # the 303 that sets the cookie
            assert exc.code == 303
        page = desk.opener.open(base + "/facilitator", timeout=10).read().decode()
        note_id = re.search(r'action="/facilitator/notes/(\d+)/hide"', page).group(1)
        body = urllib.parse.urlencode({"csrf": re.search(r'name="csrf" value="([^"]+)"', page).group(1)}).encode()
        try:
            desk.opener.open(f"{base}/facilitator/notes/{note_id}/hide", data=body, timeout=10)
        except urllib.error.HTTPError as exc:
            assert exc.code == 303
        assert not any(seen())
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.communicate(timeout=30)


def test_kill_9_of_a_worker_and_of_the_whole_service_loses_no_note(postgres_url):
    port = free_port()
    proc, pids = _start_workers(postgres_url, port, 2)
    base = f"http://127.0.0.1:{port}"
    acknowledged: list[str] = []
    try:
        def client(worker: int, rounds: int = 6) -> list[str]:
            browser, done = Browser(base), []
            for i in range(rounds):
                text = f"client {worker} note {i}"
                try:
                    if browser.post_note(f"/c/fase-{worker % 6 + 1}", text) == 303:
                        done.append(text)
                except (OSError, http.client.HTTPException):  # its worker was killed (mid-answer: IncompleteRead)
                    browser = Browser(base)
            return done

        deadline = time.monotonic() + 30  # the first page waits until a worker has started
        while time.monotonic() < deadline:
            try:
                Browser(base).opener.open(base + "/c/fase-1", timeout=5)
                break
            except OSError:
                time.sleep(0.2)
        with ThreadPoolExecutor(8) as pool:
            first = [pool.submit(client, n) for n in range(8)]
            time.sleep(0.5)
            os.kill(pids[0], signal.SIGKILL)  # one worker dies under load
            for future in first:
                acknowledged += future.result()
            second = list(pool.map(client, range(8, 16)))
        for done in second:
            acknowledged += done
        os.killpg(proc.pid, signal.SIGKILL)  # then the whole service, right after the last answer
        proc.wait(10)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert len(acknowledged) >= 80  # the surviving worker kept taking notes
    with PostgresStore(postgres_url, readonly=True) as store:
        stored = [n.text for n in store.export_rows(KIT)]
    assert set(acknowledged) <= set(stored)


def _fill(url: str) -> None:
    with PostgresStore(url) as store:
        run(store.add_kit(KIT, "Kit"))
        for workshop, text in (("Workshop 1", "Ane fra Hedensted mener noget"), ("Workshop 1", "Anden note"),
                               ("Workshop 2", "Den nye workshops note")):
            w = run(store.open_workshop(KIT, workshop))
            run(store.add_note(w.id, "fase-1-opnaa", None, text))


def test_purge_a_workshop_on_postgresql(postgres_url, capfd):
    _fill(postgres_url)
    assert main(["notes", "purge", "--db", postgres_url, "--workshop", "Workshop 1"]) == 0
    assert capfd.readouterr().out == f"2 notes of workshop 'Workshop 1' deleted for good from {postgres_url}\n"
    with PostgresStore(postgres_url, readonly=True) as store:
        assert [n.text for n in store.export_rows(KIT)] == ["Den nye workshops note"]
        assert [w.name for w in run(store.workshops(KIT))] == ["Workshop 2"]


def test_purge_by_age_on_postgresql(postgres_url, capfd):
    _fill(postgres_url)
    assert main(["notes", "purge", "--db", postgres_url, "--older-than", "0"]) == 0
    assert capfd.readouterr().out == f"3 notes older than 0 days deleted for good from {postgres_url}\n"
    with PostgresStore(postgres_url, readonly=True) as store:
        assert store.export_rows(KIT) == []


def test_backup_and_recover_point_to_pg_dump(capfd):
    url = "postgresql://notes:s3cret@127.0.0.1:1/notes"
    for command in (["notes", "backup", "--db", url, "--out", "x.db"], ["notes", "recover", "--db", url, "--out", "x.db"]):
        assert main(command) == 1
        assert capfd.readouterr().err.strip() == (
            "Error: backup and recover work on SQLite files; for a PostgreSQL database use pg_dump and pg_restore "
            "(README, 'Hosting for a municipality')")
