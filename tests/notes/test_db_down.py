"""The notes database failing while the service runs: a PostgreSQL server restarting or out of
reach for a moment, an SQLite disk error. A phone gets the card and its form with what was typed
(and the form's nonce, so sending it again stores it once) and a plain line, as 503; a
facilitator's page gets a 503 page that says so; the server log gets the reason once; no page
shows a traceback or the database's own words."""

from __future__ import annotations

import asyncio
import logging
import re
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest

from carddeck.load import load_kit
from carddeck.notes.access import RateLimit
from carddeck.notes.sqlite import SqliteStore
from carddeck.notes.store import StoreError
from carddeck.notes.web import create_app
from conftest import as_facilitator, browser, serve
from kitutil import ROOT
from notes_helpers import csrf_of, stored

CARD = "/c/fase-2/3"
KIT = "samskabelse-samskaping"
REASON = "disk I/O error"  # what the stub's database says; never on a page
TEXT, NAME = "Vi mødes hver tirsdag & «drikker» kaffe.", "Åse"
NOT_SAVED = {
    "da": "Noten blev ikke gemt, fordi serveren ikke kunne skrive den. Din tekst står stadig i feltet, så tryk på "
          "knappen igen om lidt.",
    "nb": "Notatet ble ikke lagret fordi serveren ikke kunne skrive det. Teksten din står fortsatt i feltet, så "
          "trykk på knappen igjen om litt.",
    "en": "The note was not saved because the server could not write it. Your text is still in the box, so press the "
          "button again in a moment.",
}
UNAVAILABLE = {
    "da": "Noterne kan ikke vises lige nu. Prøv igen om lidt.",
    "nb": "Notatene kan ikke vises akkurat nå. Prøv igjen om litt.",
    "en": "The notes cannot be shown right now. Try again in a moment.",
}
DB_DOWN = {
    "da": ("Databasen svarer ikke", "Serveren kan ikke læse eller skrive noterne lige nu. Prøv igen om et øjeblik; "
                                    "bliver det ved, står årsagen i serverens log."),
    "nb": ("Databasen svarer ikke", "Serveren kan ikke lese eller skrive notatene akkurat nå. Prøv igjen om et "
                                    "øyeblikk; fortsetter det, står årsaken i serverens logg."),
    "en": ("The database is not answering", "The server cannot read or write the notes right now. Try again in a "
                                            "moment; if it goes on, the server’s log says why."),
}


class FailingStore(SqliteStore):
    """A real SQLite store whose reads and/or writes fail on demand, as a disk error makes them
    (``failing``: ``"read"``, ``"write"``); ``reads`` counts the card pages' reads."""

    def __init__(self, path):
        super().__init__(path)
        self.failing: set[str] = set()
        self.reads = 0

    def _fail(self, kind: str) -> None:
        if kind in self.failing:
            raise StoreError(f"the notes database could not be read: {REASON}")

    async def card_notes(self, *args, **kw):
        self.reads += 1
        self._fail("read")
        return await super().card_notes(*args, **kw)

    async def workshop(self, *args):
        self._fail("read")
        return await super().workshop(*args)

    async def workshops(self, *args):
        self._fail("read")
        return await super().workshops(*args)

    async def export_notes(self, *args, **kw):
        self._fail("read")
        return await super().export_notes(*args, **kw)

    async def add_note(self, *args, **kw):
        self._fail("write")
        return await super().add_note(*args, **kw)

    async def set_open(self, *args):
        self._fail("write")
        return await super().set_open(*args)


class FailingRate(RateLimit):
    """The write limit of a service whose limit lives in the database (PostgreSQL's shared one), failing on demand."""

    failing = False

    async def check(self, client: str) -> bool:
        if self.failing:
            raise StoreError(f"the notes database failed: {REASON}")
        return await super().check(client)


@pytest.fixture
def failing(tmp_path):
    with FailingStore(tmp_path / "notes.db") as store:
        yield store


def open_form(client, text: str = TEXT, name: str = NAME) -> dict[str, str]:
    """The card page's form, filled in as a participant does."""
    page = client.get(CARD)
    assert page.status_code == 200
    nonce = re.search(r'name="nonce" value="([^"]+)"', page.text).group(1)
    return {"csrf": csrf_of(page.text), "nonce": nonce, "text": text, "by": name}


def assert_form_kept(html: str, form: dict[str, str], lang: str = "da") -> None:
    """The page has the form with what was typed, the same nonce, the line that the note was not
    saved, the line that the notes cannot be shown, and nothing of the database's own words."""
    assert f'<p class="error" role="alert" id="error">{NOT_SAVED[lang]}</p>' in html
    assert f'<p class="notice" role="status">{UNAVAILABLE[lang]}</p>' in html
    assert "Vi mødes hver tirsdag &amp; «drikker» kaffe.</textarea>" in html
    assert 'name="by" type="text"' in html and 'value="Åse"' in html
    assert f'name="nonce" value="{form["nonce"]}"' in html
    assert_nothing_leaks(html)


def assert_nothing_leaks(html: str) -> None:
    assert REASON not in html and "Traceback" not in html and "StoreError" not in html
    assert "Internal Server Error" not in html


def errors_logged(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "carddeck.notes" and r.levelno >= logging.ERROR]


def test_a_note_the_database_cannot_write_keeps_the_form_and_is_stored_once_when_sent_again(deck, failing, caplog):
    client = browser(create_app(serve(deck, failing)))
    form = open_form(client)
    failing.failing = {"write", "read"}
    reads = failing.reads
    with caplog.at_level(logging.ERROR, logger="carddeck.notes"):
        refused = client.post(CARD, data=form)
    assert refused.status_code == 503
    assert_form_kept(refused.text, form)
    assert failing.reads == reads  # the page came without asking the failing database again
    logged = errors_logged(caplog)
    assert [r.getMessage() for r in logged] == [
        f"a note was not stored: the notes database could not be read: {REASON}"]
    assert logged[0].exc_info is None  # one line with the reason, no traceback

    failing.failing = set()
    assert client.post(CARD, data=form).status_code == 303
    assert client.post(CARD, data=form).status_code == 303  # sent once more: the same note
    assert [(n.text, n.name) for n in stored(failing, KIT)] == [(TEXT, NAME)]


def test_a_write_limit_the_database_cannot_check_keeps_the_form(deck, failing, caplog):
    rate = FailingRate()
    client = browser(create_app(serve(deck, failing, rate=rate)))
    form = open_form(client)
    rate.failing = True
    with caplog.at_level(logging.ERROR, logger="carddeck.notes"):
        refused = client.post(CARD, data=form)
    assert refused.status_code == 503
    assert_form_kept(refused.text, form)
    assert [r.getMessage() for r in errors_logged(caplog)] == [
        f"a note was not stored: the notes database failed: {REASON}"]
    assert stored(failing, KIT) == []
    rate.failing = False
    assert client.post(CARD, data=form).status_code == 303
    assert [n.text for n in stored(failing, KIT)] == [TEXT]


def test_a_card_page_the_database_cannot_read_still_has_the_card_and_its_form(deck, failing, caplog):
    client = browser(create_app(serve(deck, failing)))
    failing.failing = {"read"}
    with caplog.at_level(logging.ERROR, logger="carddeck.notes"):
        page = client.get(CARD)
    assert page.status_code == 503
    html = page.text
    assert f'<p class="notice" role="status">{UNAVAILABLE["da"]}</p>' in html
    assert '<textarea id="text" name="text"' in html and 'name="csrf"' in html and "Gem noten" in html
    assert "<h1>" in html and 'class="note-list"' not in html and 'class="count"' not in html
    assert_nothing_leaks(html)
    assert [r.getMessage() for r in errors_logged(caplog)] == [
        f"a card page is shown without its notes: the notes database could not be read: {REASON}"]

    # The form of that page works once the database is back.
    form = {"csrf": csrf_of(html), "nonce": re.search(r'name="nonce" value="([^"]+)"', html).group(1),
            "text": TEXT, "by": ""}
    failing.failing = set()
    assert client.post(CARD, data=form).status_code == 303
    assert client.get(CARD).status_code == 200


def test_a_facilitator_page_the_database_cannot_read_says_so(deck, failing, caplog):
    client = as_facilitator(browser(create_app(serve(deck, failing))))
    failing.failing = {"read", "write"}
    title, message = DB_DOWN["da"]
    with caplog.at_level(logging.ERROR, logger="carddeck.notes"):
        page = client.get("/facilitator")
    assert page.status_code == 503
    assert f"<h1>{title}</h1>" in page.text and f'<p class="lead">{message}</p>' in page.text
    assert_nothing_leaks(page.text)
    assert [r.getMessage() for r in errors_logged(caplog)] == [
        f"the notes database failed: the notes database could not be read: {REASON}"]
    assert client.get("/").status_code == 200  # the index and the privacy page need no database
    assert client.get("/privacy").status_code == 200


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_lines_are_in_the_kits_language(lang, failing):
    kit = load_kit(ROOT / "tests" / "langdeck", lang)
    card = next(c.id for c in kit.cards if c.id.startswith("fase-"))
    client = as_facilitator(browser(create_app(serve(kit, failing))))
    page = client.get(f"/c/{card}")
    form = {"csrf": csrf_of(page.text), "nonce": re.search(r'name="nonce" value="([^"]+)"', page.text).group(1),
            "text": "x", "by": ""}
    failing.failing = {"read", "write"}
    assert f'<p class="notice" role="status">{UNAVAILABLE[lang]}</p>' in client.get(f"/c/{card}").text
    refused = client.post(f"/c/{card}", data=form)
    assert refused.status_code == 503
    assert f'<p class="error" role="alert" id="error">{NOT_SAVED[lang]}</p>' in refused.text
    title, message = DB_DOWN[lang]
    down = client.get("/facilitator").text
    assert f"<h1>{title}</h1>" in down and f'<p class="lead">{message}</p>' in down


def test_an_sqlite_file_that_fails_to_read_is_a_store_error(tmp_path):
    """A disk error under a read (the first read of a card: later ones come from memory) is the
    store's error with its reason, which the pages above turn into 503."""
    with SqliteStore(tmp_path / "notes.db") as store:
        asyncio.run(store.add_kit("kit", "Kit"))
        asyncio.run(store.open_workshop("kit", "w"))
        store._read().close()  # this thread's reading connection breaks, as a failing disk breaks it
        with pytest.raises(StoreError) as info:
            asyncio.run(store.card_notes("kit", "w", "fase-1", limit=5))
    assert str(info.value) == "the notes database could not be read: Cannot operate on a closed database."


# --- PostgreSQL: the server goes away mid-service and comes back --------------------------------

WAIT = 2.0  # seconds a request waits for the database while it is away (the default is 30)
ATTEMPTS = 40  # sends of the form, WAIT at most each, while the pool connects again


def _allow_connections(admin_url: str, db_url: str, allowed: bool) -> None:
    """Let the database take connections, or refuse them and end the ones it has: what a client
    sees of a server restarting or out of reach (the run's server stays up for the other tests)."""
    name = db_url.rsplit("/", 1)[1]
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS {"true" if allowed else "false"}')
        if not allowed:
            conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s "
                         "AND pid <> pg_backend_pid()", (name,))


def test_postgres_away_mid_service_then_back_stores_the_form_once(deck, postgres_server, postgres_url, caplog):
    from carddeck.notes.postgres import PostgresStore, SharedRateLimit

    store = PostgresStore(postgres_url, wait=WAIT)
    try:
        rate = SharedRateLimit(store, b"test-secret", 30, 20)  # the limit in the database, as workers have it
        client = browser(create_app(serve(deck, store, rate=rate)))
        form = open_form(client)
        _allow_connections(postgres_server, postgres_url, False)
        try:
            with caplog.at_level(logging.ERROR, logger="carddeck.notes"):
                page = client.get(CARD)
                refused = client.post(CARD, data=form)
        finally:
            _allow_connections(postgres_server, postgres_url, True)
        assert page.status_code == 503
        assert f'<p class="notice" role="status">{UNAVAILABLE["da"]}</p>' in page.text
        assert '<textarea id="text" name="text"' in page.text
        assert refused.status_code == 503
        assert_form_kept(refused.text, form)
        assert len(errors_logged(caplog)) == 2  # once per request
        # The pool connects again by itself (with a growing pause between tries): the same form,
        # sent until it is stored, is one note.
        answers = []
        for _ in range(ATTEMPTS):
            answers.append(client.post(CARD, data=form).status_code)
            if answers[-1] != 503:
                break
        assert answers[-1] == 303, answers
        assert client.post(CARD, data=form).status_code == 303
        assert [(n.text, n.name) for n in store.export_rows(KIT)] == [(TEXT, NAME)]
        assert client.get(CARD).status_code == 200
    finally:
        store.close()


def test_the_pages_of_a_failing_database_are_accessible(deck, failing):
    """axe-core in Chromium finds nothing on the 503 card pages (a GET, a note not stored) and the
    facilitator's 503 page; the browser's requests are answered by the app in this process."""
    from test_browser import AXE, CHROMIUM, PHONE, axe_on, need

    need(Path(CHROMIUM), "install Debian's chromium (tests/ensure-tools.sh)")
    need(AXE, "install axe-core from npm (tests/ensure-tools.sh)")
    from playwright.sync_api import sync_playwright

    client = as_facilitator(browser(create_app(serve(deck, failing))))
    form = open_form(client)
    failing.failing = {"read", "write"}
    pages = {"/c/fase-2/3": client.get(CARD), "/not-saved": client.post(CARD, data=form),
             "/facilitator": client.get("/facilitator")}
    assert [reply.status_code for reply in pages.values()] == [503, 503, 503]

    def answer(route):
        path = urlsplit(route.request.url).path
        reply = pages.get(path) or client.get(path)  # the stylesheets and fonts, from the app itself
        route.fulfill(status=reply.status_code, body=reply.content, content_type=reply.headers["content-type"])

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"])
        try:
            context = chromium.new_context(viewport=PHONE, bypass_csp=True)  # axe is a script: CSP allows none
            context.route("http://carddeck.test/**", answer)
            page = context.new_page()
            for path in pages:
                page.goto(f"http://carddeck.test{path}")
                assert axe_on(page) == [], path
        finally:
            chromium.close()
