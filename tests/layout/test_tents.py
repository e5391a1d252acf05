"""Table tents as geometry: one landscape sheet per table, two faces that read upright once
folded, fold lines where the faces meet, type large enough to read across a table."""

from __future__ import annotations

import pytest

from carddeck.layout import tents
from carddeck.layout.boxes import QR, Group, Line, Text
from carddeck.sizes import PAPER_SIZES
from carddeck.wifi import Wifi

WIFI = Wifi("Samskab", "hemmelig123")


def _faces(page):
    (b, a) = [item for item in page.items if isinstance(item, Group)]
    return b, a


@pytest.mark.parametrize("paper", list(PAPER_SIZES))
def test_one_landscape_sheet_per_table(default_deck, paper):
    doc = tents.tents_document(default_deck, tents.TentOptions(PAPER_SIZES[paper], tables=3, wifi=WIFI))
    assert len(doc.pages) == 3
    w, h = PAPER_SIZES[paper]
    assert all((page.w, page.h) == (h, w) for page in doc.pages)
    assert [page.label for page in doc.pages] == ["Bord 1", "Bord 2", "Bord 3"]


@pytest.mark.parametrize("paper", list(PAPER_SIZES))
def test_both_faces_read_upright_once_folded(default_deck, paper):
    (page,) = tents.tents_document(default_deck, tents.TentOptions(PAPER_SIZES[paper], wifi=WIFI)).pages
    ridge, foot = sorted(line.y1 for line in page.items if isinstance(line, Line))
    b, a = _faces(page)
    # The two faces are equal, and the base strip takes the rest of the sheet's height.
    assert ridge == pytest.approx(foot - ridge)
    assert page.h - foot == pytest.approx(tents.DESIGN.base)
    # Face A hangs from the ridge the right way up; face B is turned half round about the ridge,
    # so that its top, too, is at the ridge when the sheet is folded.
    assert (a.x, a.y, a.rotation) == (0.0, ridge, 0)
    assert (b.x, b.y, b.rotation) == (page.w, ridge, 180)
    assert a.boxes == b.boxes


def test_the_faces_keep_clear_of_the_folds_and_the_sheet_edge(default_deck):
    (page,) = tents.tents_document(default_deck, tents.TentOptions(wifi=WIFI)).pages
    ridge = tents.face_height(PAPER_SIZES["a4"])
    _, face = _faces(page)
    for box in face.boxes:
        if isinstance(box, QR):  # its quiet zone may reach the margin; the code itself may not
            quiet = box.size / len(box.modules) * 4
            top, bottom = box.y + quiet, box.y + box.size - quiet
        elif isinstance(box, Text):
            top, bottom = box.y - box.size * 25.4 / 72 * 0.714, box.y
        else:
            continue
        assert tents.DESIGN.margin - 1e-9 <= top and bottom <= ridge - tents.DESIGN.margin + 1e-9, box


def test_table_number_and_steps_are_large(default_deck):
    (page,) = tents.tents_document(default_deck, tents.TentOptions(wifi=WIFI)).pages[-1:]
    _, face = _faces(page)
    texts = {t.text: t for t in face.boxes if isinstance(t, Text)}
    assert texts["1"].size >= 72
    assert texts["Bord"].size >= 28
    assert texts["1. Tilslut Wi-Fi"].size >= 28 and texts["2. Scan et kort"].size >= 28
    assert texts["Netværk: Samskab"].size >= 14 and texts["Adgangskode: hemmelig123"].size >= 14
    assert texts["Åbner siden ikke? Slå mobildata fra, og scan igen."].size >= 14
    (qr,) = [b for b in face.boxes if isinstance(b, QR)]
    assert qr.size * (len(qr.modules) - 8) / len(qr.modules) >= 40  # the code itself, ≥ 4 cm


def test_without_wifi_a_tent_has_no_code_and_one_step(default_deck):
    (page,) = tents.tents_document(default_deck, tents.TentOptions()).pages
    _, face = _faces(page)
    texts = [t.text for t in face.boxes if isinstance(t, Text)]
    assert not [b for b in face.boxes if isinstance(b, QR)]
    assert "Scan et kort" in texts and not any("Wi-Fi" in t for t in texts)
    assert "Åbner siden ikke? Slå mobildata fra, og scan igen." in texts


def test_a_password_too_wide_for_the_tent_is_refused(default_deck):
    with pytest.raises(ValueError) as exc:
        tents.tents_document(default_deck, tents.TentOptions(wifi=Wifi("Net", "W" * 63)))
    assert str(exc.value) == f"{'Adgangskode: ' + 'W' * 63!r} does not fit on a table tent even at 8 pt; use a shorter one"
