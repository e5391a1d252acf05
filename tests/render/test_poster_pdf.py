"""The poster and its tiles as a user meets them: text, page sizes, page boxes, fonts, QR, clipping."""

from __future__ import annotations

import io
import re

import pikepdf
import pypdfium2 as pdfium
import pytest
import zxingcpp

from carddeck.layout import poster, tiles
from carddeck.sizes import PAPER_SIZES, POSTER_SIZES
from carddeck.render.pdf import render

MM = 72 / 25.4


@pytest.fixture(scope="module")
def a1_pdf(default_deck) -> bytes:
    return render(poster.poster_document(default_deck, poster.PosterOptions(notes_url="http://192.168.1.20:8765")))


def _norm(text: str) -> str:
    # lines may break at a hyphen or between words (pdfium reports such a break as U+FFFE)
    return re.sub(r"[\s\-\u00ad\u2010\ufffe]", "", text)


def test_poster_text_holds_every_phase_subtitle_action_field_and_value(default_deck, a1_pdf):
    page_text = _norm(pdfium.PdfDocument(a1_pdf)[0].get_textpage().get_text_range())
    expected = [default_deck.title, *default_deck.settings.credits]
    for card in default_deck.phases():
        expected += [card.title, card.subtitle]
    expected += [c.text for c in default_deck.of_kind("action")]
    expected += [c.text for c in default_deck.of_kind("value") if c.text]
    expected += [c.title for c in default_deck.of_kind("stage")] + [c.text for c in default_deck.of_kind("stage")]
    s = default_deck.settings.sections
    expected += [s.value, s.action, s.thin, s.thick]
    missing = [t for t in expected if _norm(t) not in page_text]
    assert not missing
    assert "Åpenhet" in pdfium.PdfDocument(a1_pdf)[0].get_textpage().get_text_range()


@pytest.mark.parametrize("size", list(POSTER_SIZES))
def test_page_size_is_exact(default_deck, size):
    pdf = pikepdf.open(io.BytesIO(render(poster.poster_document(default_deck, poster.PosterOptions(size=size)))))
    (page,) = pdf.pages
    x0, y0, x1, y1 = (float(v) for v in page.mediabox)
    assert (x1 - x0) / MM == pytest.approx(POSTER_SIZES[size][0], abs=0.01)
    assert (y1 - y0) / MM == pytest.approx(POSTER_SIZES[size][1], abs=0.01)


def test_fonts_are_embedded(a1_pdf):
    pdf = pikepdf.open(io.BytesIO(a1_pdf))
    fonts = [f for page in pdf.pages for f in page.Resources.Font.values()]
    fonts += [f for obj in pdf.objects if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font" for f in [obj]]
    assert fonts
    for font in fonts:
        descriptor = font.get("/FontDescriptor") or font.DescendantFonts[0].FontDescriptor
        assert "/FontFile2" in descriptor


def test_qr_code_decodes_to_the_overview(a1_pdf):
    image = pdfium.PdfDocument(a1_pdf)[0].render(scale=150 / 72).to_pil()
    texts = [r.text for r in zxingcpp.read_barcodes(image)]
    assert texts == ["http://192.168.1.20:8765/"]


def test_print_shop_poster_has_trim_and_bleed_boxes(default_deck):
    data = render(poster.poster_document(default_deck, poster.PosterOptions(print_shop=True)))
    pdf = pikepdf.open(io.BytesIO(data))
    page = pdf.pages[0]
    trim = [float(v) / MM for v in page.TrimBox]
    bleed = [float(v) / MM for v in page.BleedBox]
    assert trim == pytest.approx([3.0, 3.0, 844.0, 1192.0], abs=0.01)
    assert bleed == pytest.approx([0.0, 0.0, 847.0, 1195.0], abs=0.01)


@pytest.fixture(scope="module")
def tiles_pdf(default_deck) -> bytes:
    return render(tiles.tiles_document(poster.poster_document(default_deck, poster.PosterOptions(size="a1")), "a4", "da"))


def test_tiles_are_a4_landscape_after_a_portrait_map(tiles_pdf):
    pdf = pdfium.PdfDocument(tiles_pdf)
    assert len(pdf) == 16
    sizes = [tuple(round(v / MM, 2) for v in pdf[i].get_size()) for i in range(len(pdf))]
    assert sizes[0] == PAPER_SIZES["a4"]
    assert set(sizes[1:]) == {(297.0, 210.0)}
    assert "Sådan samles plakaten" in pdf[0].get_textpage().get_text_range()
    assert pdf[1].get_textpage().get_text_range().count("A1") >= 1


def test_the_poster_is_stored_once_and_each_tile_is_clipped(tiles_pdf):
    # One form holds the board: the tiles file is barely larger than the poster itself.
    assert len(tiles_pdf) < 3 * 60_000
    g = tiles.grid(POSTER_SIZES["a1"], PAPER_SIZES["a4"])
    tile = g.tiles[g.cols + 1]  # B2: the poster runs on beyond its window on every side
    image = pdfium.PdfDocument(tiles_pdf)[1 + g.cols + 1].render(scale=40 / 72).to_pil().convert("RGB")
    px = lambda x, y: image.getpixel((int(x * 40 / 25.4), int(y * 40 / 25.4)))  # noqa: E731
    ox, oy = tile.origin
    # Down a line just inside the window the poster's fields show (its ground is white paper, so
    # one point could fall between them); down a line in the margin the clip keeps all white.
    heights = [oy + tile.window[3] * i / 40 for i in range(1, 40)]
    inside = {px(ox + 3, y) for y in heights}
    outside = {px(ox - 4, y) for y in heights}
    assert outside == {(255, 255, 255)}
    assert inside - {(255, 255, 255)}


def test_the_map_shows_the_poster_scaled_down(tiles_pdf):
    image = pdfium.PdfDocument(tiles_pdf)[0].render(scale=30 / 72).to_pil().convert("L")
    w, h = image.size
    dark = sum(1 for x in range(0, w, 3) for y in range(h // 3, h, 3) if image.getpixel((x, y)) < 128)
    assert dark > 200  # the board's title, headings and fields are drawn, not only the grid
