"""Kits on one service: the kit id in deck.yaml or made from the title, printed URLs, mount paths; and
printed URLs that never change from one run or workshop to the next."""

from __future__ import annotations

import shutil

import pytest

from carddeck.cli import main
from carddeck.load import load_deck
from carddeck.model import kit_id_of
from carddeck.notes.kits import mount_of, printed_urls

from conftest import DECK


def test_a_kit_id_made_from_the_title_is_stable_and_spelled_out():
    assert kit_id_of("Samskabelse – samskaping") == "samskabelse-samskaping"
    assert kit_id_of("Økonomi & æblehøst på Ålesund") == "oekonomi-aeblehoest-paa-aalesund"
    assert kit_id_of("«»") == "kit"
    assert len(kit_id_of("ord " * 40)) <= 48 and not kit_id_of("ord " * 40).endswith("-")


def copy_deck(tmp_path, replace: tuple[str, str] | None = None):
    folder = tmp_path / "deck"
    shutil.copytree(DECK, folder)
    if replace:
        path = folder / "deck.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace(*replace), encoding="utf-8")
    return folder


def test_the_kit_key_wins_and_a_missing_one_is_made(tmp_path, deck):
    assert deck.kit_id == "samskabelse-samskaping" == deck.settings.kit
    folder = copy_deck(tmp_path, ("kit: samskabelse-samskaping\n", ""))
    made = load_deck(folder)
    assert made.settings.kit is None and made.kit_id == "samskabelse-samskaping"


def test_a_bad_kit_id_is_reported_where_it_is_written(tmp_path, capsys):
    folder = copy_deck(tmp_path, ("kit: samskabelse-samskaping", "kit: Hedensted Kommune"))
    assert main(["validate", str(folder)]) == 1
    line = next(n for n, text in enumerate((folder / "deck.yaml").read_text().splitlines(), 1) if text.startswith("kit:"))
    assert capsys.readouterr().err == (
        "Error: the deck has 1 problem:\n"
        f"{folder / 'deck.yaml'}:{line}:6: kit: expected an id of lower-case letters, digits and '-' (at most 48), "
        "received 'Hedensted Kommune'\n"
        f"  {line} | kit: Hedensted Kommune\n"
        f"  {' ' * len(str(line))} |      ^\n"
    )


def test_mount_paths():
    assert mount_of("http://10.42.0.1:8765") == ""
    assert mount_of("https://samskab.example.dk/hedensted/") == "/hedensted"
    assert mount_of("https://samskab.example.dk/kits/hedensted", "/kits") == "/hedensted"
    assert mount_of("https://samskab.example.dk/kits", "/kits") == ""


def test_printed_urls_of_one_and_of_several_kits(deck, monkeypatch):
    monkeypatch.delenv("CARDDECK_NOTES_URL", raising=False)
    assert printed_urls([deck], None) == ["http://127.0.0.1:8765"]
    assert printed_urls([deck], "https://samskab.example.dk/hedensted/") == ["https://samskab.example.dk/hedensted"]
    other = deck.model_copy(update={"settings": deck.settings.model_copy(update={"kit": "andet"})})
    assert printed_urls([deck, other], "https://samskab.example.dk") == [
        "https://samskab.example.dk/samskabelse-samskaping", "https://samskab.example.dk/andet"]
    placed = other.model_copy(update={"settings": other.settings.model_copy(
        update={"notes_url": "https://samskab.example.dk/samskabelse-samskaping"})})
    with pytest.raises(ValueError) as info:
        printed_urls([deck, placed], "https://samskab.example.dk")
    assert str(info.value) == (f"the decks {deck.folder} and {deck.folder} are both printed for the path "
                               f"/samskabelse-samskaping; give each its own notes_url")


def test_the_old_token_option_of_build_says_what_replaced_it(capsys, tmp_path):
    assert main(["build", "--out", str(tmp_path), "--notes-token", "abc"]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "Error: --notes-token is gone: the QR codes carry no key any more, so a printed kit works at every "
        "workshop. Participants write without one; the facilitator opens the link 'carddeck notes serve' prints.")
