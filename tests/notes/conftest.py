"""Shared fixtures for the notes service tests: the default deck, a fresh store, a served kit, a test client."""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from carddeck.load import load_deck
from carddeck.notes.sqlite import SqliteStore
from carddeck.notes.web import create_app, prepare

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
import pgserver  # noqa: E402  (a test helper beside this folder)

DECK = ROOT / "deck"
KEY = "facilitator-key-for-tests"
WORKSHOP = "Workshop 1"


@pytest.fixture(scope="session")
def deck():
    return load_deck(DECK)


ENGINES = ("sqlite", "postgres")


@pytest.fixture(scope="session")
def postgres_server():
    """The base URL of a PostgreSQL server for this test run (tests/pgserver.py)."""
    with contextlib.ExitStack() as stack:
        try:
            url = stack.enter_context(pgserver.server())
        except pgserver.Unavailable as exc:
            if os.environ.get("CI"):
                pytest.fail(f"PostgreSQL is needed under CI: {exc}")
            pytest.skip(str(exc))
        yield url


@pytest.fixture(scope="session")
def postgres_db(postgres_server):
    """One database for the run's PostgreSQL tests; :func:`postgres_url` empties it for each test."""
    with pgserver.fresh_database(postgres_server) as url:
        yield url


@pytest.fixture
def postgres_url(postgres_db):
    """The URL of an empty notes database (schema kept, rows gone, ids restarted)."""
    pgserver.empty(postgres_db)
    return postgres_db


@pytest.fixture
def sqlite_store(tmp_path):
    with SqliteStore(tmp_path / "notes.db") as s:
        yield s


@pytest.fixture(params=ENGINES)
def store(request, tmp_path):
    """A fresh notes store of each engine: every test that takes it runs on SQLite and PostgreSQL."""
    if request.param == "sqlite":
        with SqliteStore(tmp_path / "notes.db") as s:
            yield s
        return
    from carddeck.notes.postgres import PostgresStore

    with PostgresStore(request.getfixturevalue("postgres_url")) as s:
        yield s


@pytest.fixture
def service(deck, store):
    return serve(deck, store)


@pytest.fixture
def client(service):
    return browser(create_app(service))


def serve(deck, store, workshop: str = WORKSHOP, mount: str = "", **options):
    """The service for ``deck`` at ``mount``, its workshop ``workshop`` open (or continued)."""
    return asyncio.run(prepare(store, [(deck, mount)], workshop, KEY, **options))


def browser(app) -> TestClient:
    """A test client that keeps cookies and, like the tests expect, shows each 303 itself."""
    return TestClient(app, follow_redirects=False)


def as_facilitator(client: TestClient, base: str = "") -> TestClient:
    """Open the facilitator's link once, as the facilitator does; the cookie does the rest."""
    reply = client.get(f"{base}/facilitator?key={KEY}")
    assert reply.status_code == 303
    return client
