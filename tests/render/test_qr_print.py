"""Every QR code of a built cards.pdf, rendered at print resolution, read by two decoders
(zxing-cpp and zbar); the largest code a card can need too, at its smallest modules."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest
import zxingcpp

from carddeck import qr
from kitutil import NOTES_URL, PHASE_CARD, build_cards, zbar_decode

LONG_URL = "https://workshop-notes.kommune.example/samskaping/2026/fagdag-for-ledere/gruppe1"  # 80 characters


def _read(path, dpi: int, pages) -> list[tuple[list[str], list[str]]]:
    """(zxing-cpp's texts, zbar's texts), sorted, for each page rendered at ``dpi``."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        out = []
        for i in pages:
            image = pdf[i].render(scale=dpi / 72, grayscale=True).to_pil()
            zxing = [c.text for c in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]
            out.append((sorted(zxing), sorted(zbar_decode(image))))
        return out
    finally:
        pdf.close()


def test_two_decoders_read_every_code_of_the_default_kit_at_200_dpi(built_kit, default_deck):
    path = built_kit / "cards.pdf"
    pages = range(0, len(pdfium.PdfDocument(str(path))), 2)  # the fronts
    found = _read(path, 200, pages)
    for zxing, zbar in found:
        assert zxing == zbar
    assert sorted(url for zxing, _ in found for url in zxing) == sorted(
        f"{NOTES_URL}/c/{card.id}" for card in default_deck.cards)


@pytest.mark.parametrize("dpi", [200, 300])
def test_two_decoders_read_the_largest_code_at_its_smallest_modules(tmp_path, make_deck, dpi):
    # A 22-character id, an 80-character notes URL and a table number: 107 bytes, a version 7
    # code in the 15 mm a poker card keeps for it, modules of 1/3 mm.
    folder = make_deck({"a.yaml": PHASE_CARD.replace("id: fase-1", "id: fase-1-med-et-langt-id")})
    path = build_cards(tmp_path / "out", "--card-size", "poker", "--copies", "2", deck=folder, notes_url=LONG_URL)
    found = _read(path, dpi, range(0, len(pdfium.PdfDocument(str(path))), 2))
    expected = [f"{LONG_URL}/c/fase-1-med-et-langt-id/{table}" for table in (1, 2)]
    assert qr.version_for(len(expected[0])) == 7
    assert all(zxing == zbar for zxing, zbar in found)
    assert sorted(url for zxing, _ in found for url in zxing) == expected
