"""``carddeck preview``: two PNGs per card, named by code and id, each the card's size at the dpi
asked for; the front's QR code decodes to the card's URL."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from carddeck.cli import main
from kitutil import NOTES_URL, PHASE_CARD


def test_two_previews_per_card_named_by_code_and_id(capsys, tmp_path, default_deck):
    from kitutil import DECK_DIR

    out = tmp_path / "png"
    assert main(["preview", str(DECK_DIR), "--out", str(out), "--dpi", "40", "--notes-url", NOTES_URL]) == 0
    stdout, _ = capsys.readouterr()
    names = sorted(p.name for p in out.iterdir())
    expected = sorted(f"{default_deck.codes[c.id]}-{c.id}-{face}.png" for c in default_deck.cards for face in ("front", "back"))
    assert names == expected
    assert stdout == f"wrote {len(expected)} previews ({len(default_deck.cards)} cards, front and back) into {out} at 40 dpi\n"
    with Image.open(out / names[0]) as image:
        w, h = image.size
    assert abs(w - 105 / 25.4 * 40) <= 1 and abs(h - 148 / 25.4 * 40) <= 1  # an A6 card at 40 dpi


def test_front_preview_carries_the_cards_qr_code(tmp_path, make_deck):
    import zxingcpp

    folder = make_deck({"phases.yaml": PHASE_CARD})
    assert main(["preview", str(folder), "--out", str(tmp_path / "png"), "--dpi", "200", "--notes-url", NOTES_URL]) == 0
    with Image.open(tmp_path / "png" / "1-fase-1-front.png") as image:
        codes = [c.text for c in zxingcpp.read_barcodes(image.convert("L"))]
    assert codes == [f"{NOTES_URL}/c/fase-1"]


@pytest.mark.parametrize("dpi", ["10", "601"])
def test_dpi_out_of_range_is_a_usage_error(capsys, tmp_path, dpi):
    assert main(["preview", "--out", str(tmp_path), "--dpi", dpi]) == 2
    _, err = capsys.readouterr()
    assert f"Invalid value for '--dpi': {dpi} is not in the range 36<=x<=600." in err
