"""The Wi-Fi join code as phones meet it: decoded from the built poster and table tents, it is
the exact WIFI: string with every special character escaped; the tents speak the kit's language."""

from __future__ import annotations

import pytest

from kitutil import NOTES_URL, build_cards, page_qr_codes, page_texts, squash

# A name and password with every character the format escapes: \ ; , : "
WIFI_OPTION = 'Rådhus\\:Gæst;1:kode,med"alt\\i'
EXPECTED = 'WIFI:T:WPA;S:Rådhus\\:Gæst\\;1;P:kode\\,med\\"alt\\\\i;;'


@pytest.fixture(scope="module")
def kit(tmp_path_factory):
    out = tmp_path_factory.mktemp("wifi-kit")
    build_cards(out, "--copies", "2", "--wifi", WIFI_OPTION)
    return out


def test_poster_shows_the_join_code_beside_the_overview_code(kit):
    (codes,) = page_qr_codes(kit / "poster.pdf", dpi=60)
    assert sorted(codes) == sorted([EXPECTED, NOTES_URL + "/"])


def test_every_tent_face_shows_the_join_code(kit):
    assert page_qr_codes(kit / "table-tents.pdf", dpi=150) == [[EXPECTED, EXPECTED], [EXPECTED, EXPECTED]]


def test_tents_text_in_the_kits_language(kit):
    pages = [squash(text) for text in page_texts(kit / "table-tents.pdf")]
    assert len(pages) == 2  # one tent per table
    for table, text in enumerate(pages, start=1):
        for line in ("Bord", str(table), "1. Tilslut Wi-Fi", "Netværk: Rådhus:Gæst;1", 'Adgangskode: kode,med"alt\\i',
                     "2. Scan et kort", "Åbner siden ikke? Slå mobildata fra, og scan igen.", "Fold her"):
            assert squash(line) in text, (table, line)


def test_tents_in_norwegian(tmp_path, make_deck):
    from kitutil import DECK_YAML, PHASE_CARD

    folder = make_deck({"phases.yaml": PHASE_CARD.replace("lang: da", "lang: nb")},
                       deck_yaml=DECK_YAML.replace("lang: da", "lang: nb"))
    build_cards(tmp_path / "out", "--wifi", "Samskaping:passord123", deck=folder)
    (text,) = page_texts(tmp_path / "out" / "table-tents.pdf")
    for line in ("1. Koble til Wi-Fi", "Nettverk: Samskaping", "Passord: passord123", "2. Skann et kort",
                 "Åpnes ikke siden? Slå av mobildata, og skann igjen.", "Brett her"):
        assert squash(line) in squash(text), line


def test_without_wifi_tents_say_scan_a_card(tmp_path, make_deck):
    from kitutil import PHASE_CARD

    folder = make_deck({"phases.yaml": PHASE_CARD})
    build_cards(tmp_path / "out", deck=folder)
    (text,) = page_texts(tmp_path / "out" / "table-tents.pdf")
    assert squash("Scan et kort") in squash(text) and "Wi-Fi" not in text
    assert page_qr_codes(tmp_path / "out" / "table-tents.pdf") == [[]]
