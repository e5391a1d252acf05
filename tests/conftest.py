"""Shared fixtures: the default deck, small decks written into tmp_path, one built kit per session.

Helpers that tests import (paths, a valid deck.yaml, building, reading PDFs) are in kitutil.py.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from carddeck.load import load_deck
from kitutil import DECK_DIR, DECK_YAML, build_cards


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite the golden renders in tests/golden/ from the current output")


@pytest.fixture(scope="session")
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


@pytest.fixture(scope="session")
def default_deck():
    """The deck shipped in deck/."""
    return load_deck(DECK_DIR)


@pytest.fixture
def make_deck(tmp_path):
    """Write a deck folder: ``make_deck({"a.yaml": text, ...}, deck_yaml=...)`` → its path.

    Texts are dedented, so tests can write YAML inline and count its lines as they read it.
    """

    def make(files: dict[str, str] | None = None, deck_yaml: str | None = DECK_YAML, name: str = "deck") -> Path:
        folder = tmp_path / name
        folder.mkdir()
        if deck_yaml is not None:
            (folder / "deck.yaml").write_text(textwrap.dedent(deck_yaml), encoding="utf-8")
        for file, text in (files or {}).items():
            (folder / file).write_text(textwrap.dedent(text), encoding="utf-8")
        return folder

    return make


@pytest.fixture(scope="session")
def kit_deck(default_deck):
    """The default deck as its kit prints it: every text in deck.yaml's lang (see Deck.in_language)."""
    return default_deck.in_language()


@pytest.fixture(scope="session")
def built_kit(tmp_path_factory) -> Path:
    """The default kit, built once per session with kitutil.NOTES_URL; the folder it was written to."""
    out = tmp_path_factory.mktemp("kit")
    build_cards(out)
    return out


@pytest.fixture(scope="session")
def language_kit(tmp_path_factory, built_kit, default_deck):
    """``language_kit(tag)``: the folder of the default kit built with ``--lang tag``, once per
    session (the deck's own language is built_kit)."""
    kits = {default_deck.settings.lang: built_kit}

    def kit(tag: str) -> Path:
        if tag not in kits:
            out = tmp_path_factory.mktemp(f"kit-{tag}")
            build_cards(out, "--lang", tag)
            kits[tag] = out
        return kits[tag]

    return kit
