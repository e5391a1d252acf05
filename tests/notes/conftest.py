"""Shared fixtures for the notes service tests: the default deck, a fresh store, a test client."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.testclient import TestClient

from carddeck.load import load_deck
from carddeck.notes.store import Store
from carddeck.notes.web import create_app

ROOT = Path(__file__).resolve().parents[2]
DECK = ROOT / "deck"


@pytest.fixture(scope="session")
def deck():
    return load_deck(DECK)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "notes.db") as s:
        yield s


@pytest.fixture
def client(deck, store):
    return browser(create_app(deck, store))


def browser(app) -> TestClient:
    """A test client that keeps cookies and, like the tests expect, shows each 303 itself."""
    return TestClient(app, follow_redirects=False)
