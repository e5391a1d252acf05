"""The cards' QR area: reserved for the longest notes URL, so the card text does not move with
the URL; sized without encoding (validate encodes nothing); each URL encoded once in a build."""

from __future__ import annotations

from collections import Counter

import pytest

from carddeck import apart, qr
from carddeck.build import warnings_for
from carddeck.cli import main
from carddeck.layout.boxes import QR
from carddeck.layout.card_design import CARD
from carddeck.layout.deck import CardOptions, card_artwork
from carddeck.sizes import CARD_SIZES
from kitutil import DECK_DIR, NOTES_URL

SHORT_URL = "http://10.0.0.2"
LONG_URL = "https://workshop-notes.kommune.example/samskaping/2026/fagdag-for-ledere/gruppe1"
EPS = 1e-9


def test_the_long_url_has_the_80_characters_the_cards_keep_room_for():
    assert len(LONG_URL) == 80


def _area(code: QR) -> tuple[float, float, float]:
    """(x, y, width) of the code itself, quiet zone excluded."""
    quiet = code.size / (qr.side_for(code.payload) + 2 * qr.QUIET_ZONE) * qr.QUIET_ZONE
    return (round(code.x + quiet, 9), round(code.y + quiet, 9), round(code.size - 2 * quiet, 9))


@pytest.mark.parametrize("print_shop", [False, True])
@pytest.mark.parametrize("size", list(CARD_SIZES))
def test_card_text_and_qr_area_do_not_move_with_the_notes_url_or_the_copies(default_deck, size, print_shop):
    layouts = [card_artwork(default_deck, CardOptions(size=CARD_SIZES[size], print_shop=print_shop, notes_url=url,
                                                      copies=copies))
               for url, copies in ((SHORT_URL, 1), (LONG_URL, 1), (LONG_URL, 20))]
    (short_art, short_codes), *others = layouts
    for art, codes in others:
        assert art == short_art  # every front's text, band and label, box for box
        assert {k: _area(c) for k, c in codes.items()} == {k: _area(c) for k, c in short_codes.items()}
    assert {qr.side_for(c.payload) for c in short_codes.values()} != {qr.side_for(c.payload) for c in others[1][1].values()}


@pytest.mark.parametrize("size", list(CARD_SIZES))
def test_the_largest_code_a_card_can_need_fits_its_area_with_modules_of_the_minimum(default_deck, size):
    """An 80-character notes URL and table 500, the most --copies allows, on the longest card id."""
    _, codes = card_artwork(default_deck, CardOptions(size=CARD_SIZES[size], notes_url=LONG_URL, copies=500))
    _, short = card_artwork(default_deck, CardOptions(size=CARD_SIZES[size], notes_url=SHORT_URL))
    longest = max(default_deck.cards, key=lambda c: len(c.id))
    worst = codes[longest.id]
    assert worst.url == f"{LONG_URL}/c/{longest.id}/500"
    for card_id, code in codes.items():
        assert _area(code) == _area(short[card_id])
        module = code.size / len(code.modules)
        assert module >= CARD.qr_module_min - EPS, (card_id, module)


def test_validate_encodes_no_qr_code(monkeypatch, capsys):
    def refuse(*args, **kwargs):
        raise AssertionError("validate encoded a QR code")

    monkeypatch.setattr(qr, "matrix", refuse)
    assert main(["validate", str(DECK_DIR), "--card-size", "poker"]) == 0
    assert capsys.readouterr().out == f"{DECK_DIR}: 83 cards in da, en, nb, no problems\n"


def test_a_build_encodes_each_url_once(monkeypatch, tmp_path, default_deck):
    calls: Counter[str] = Counter()
    encode = qr.matrix

    def counting(payload, *args, **kwargs):
        calls[payload] += 1
        return encode(payload, *args, **kwargs)

    monkeypatch.setattr(qr, "matrix", counting)
    # Every file drawn in this process, so that the counter sees every code (a forked second
    # process would encode the poster's, tents' and tiles' codes where this counter cannot see).
    monkeypatch.setattr(apart, "_cores", lambda: 1)
    assert main(["build", str(DECK_DIR), "--out", str(tmp_path), "--notes-url", NOTES_URL, "--copies", "2"]) == 0
    cards = {f"{NOTES_URL}/c/{card.id}/{copy}" for card in default_deck.cards for copy in (1, 2)}
    assert set(calls) == cards | {f"{NOTES_URL}/"}  # and the poster's overview code
    assert set(calls.values()) == {1}


def test_a_notes_url_longer_than_the_room_kept_is_warned_about(default_deck):
    url = LONG_URL + "x"
    assert warnings_for(default_deck, CardOptions(notes_url=url))[-1] == (
        "the notes URL has 81 characters, more than the 80 the cards keep room for in their QR code, so "
        "this build's cards may differ from what 'carddeck validate' checked"
    )
    assert not any("characters" in w for w in warnings_for(default_deck, CardOptions(notes_url=LONG_URL)))
