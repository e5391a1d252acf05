"""Shared fixtures for the notes service tests: the default deck, a fresh store, a served kit, a test client."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from carddeck.load import load_deck
from carddeck.notes.sqlite import SqliteStore
from carddeck.notes.web import create_app, prepare

ROOT = Path(__file__).resolve().parents[2]
DECK = ROOT / "deck"
KEY = "facilitator-key-for-tests"
WORKSHOP = "Workshop 1"


@pytest.fixture(scope="session")
def deck():
    return load_deck(DECK)


@pytest.fixture
def store(tmp_path):
    with SqliteStore(tmp_path / "notes.db") as s:
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
