"""cards.pdf as a facilitator meets it: its text, its QR codes, its pages, boxes, fonts and colours.

The default kit is built once per session (conftest.built_kit); variants once per module.
"""

from __future__ import annotations

import math
import shutil

import pikepdf
import pytest

from carddeck.cli import main
from carddeck.layout.sheet import impose
from carddeck.units import mm_to_pt
from kitutil import DECK_DIR, NOTES_URL, build_cards, page_qr_codes, page_texts, printed_texts, squash

A4 = (595.2756, 841.8898)  # points
PER_SHEET = 4  # A6 on A4


@pytest.fixture(scope="module")
def cards_pdf(built_kit):
    return built_kit / "cards.pdf"


@pytest.fixture(scope="module")
def texts(cards_pdf):
    return page_texts(cards_pdf)


@pytest.fixture(scope="module")
def print_shop(tmp_path_factory):
    return build_cards(tmp_path_factory.mktemp("print-shop"), "--for", "print-shop")


@pytest.fixture(scope="module")
def three_copies(tmp_path_factory):
    return build_cards(tmp_path_factory.mktemp("copies"), "--copies", "3")


def front_page(index: int) -> int:
    return 2 * (index // PER_SHEET)


# --- pages ------------------------------------------------------------------------------------------


def test_a6_cards_go_four_to_an_a4_sheet(default_deck, cards_pdf):
    assert len(impose(105.0, 148.0, (210.0, 297.0), "long-edge").fronts) == PER_SHEET
    with pikepdf.open(cards_pdf) as pdf:
        assert len(pdf.pages) == 2 * math.ceil(len(default_deck.cards) / PER_SHEET) == 42
        for page in pdf.pages:
            x0, y0, x1, y1 = (float(v) for v in page.MediaBox)
            assert (x0, y0) == (0.0, 0.0)
            assert (x1, y1) == pytest.approx(A4, abs=1e-3)
            assert "/TrimBox" not in page.obj or [float(v) for v in page.TrimBox] == [float(v) for v in page.MediaBox]


def test_every_font_is_embedded(cards_pdf, print_shop):
    for path in (cards_pdf, print_shop):
        with pikepdf.open(path) as pdf:
            fonts = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font"]
            assert fonts
            for font in fonts:
                descriptor = font.get("/FontDescriptor")
                assert descriptor is not None, font.get("/BaseFont")
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font.get("/BaseFont")
                assert str(font.BaseFont).endswith(("NotoSans-Regular", "NotoSans-Bold"))


def test_metadata(cards_pdf, default_deck):
    with pikepdf.open(cards_pdf) as pdf:
        assert str(pdf.docinfo["/Title"]) == default_deck.title == "Samskabelse – samskaping"


# --- text ------------------------------------------------------------------------------------------------


def test_every_cards_text_is_printed_on_its_sheet(kit_deck, texts):
    for index, card in enumerate(kit_deck.cards):
        page = squash(texts[front_page(index)])
        for text in printed_texts(card, kit_deck):
            assert squash(text) in page, (card.id, text)


def test_the_text_check_catches_a_missing_or_misspelt_word(default_deck, texts):
    card = default_deck.by_id()["fase-1-udfordringer"]
    page = squash(texts[front_page(default_deck.cards.index(card))])
    assert squash(card.text) in page
    assert squash(card.text.replace("behov", "behøv")) not in page
    assert squash(card.text.replace("og behov ", "")) not in page
    assert squash("Tilpas og justér henad vejen") in squash(" ".join(texts))


def test_bands_name_the_phase_or_section(kit_deck, texts):
    sections = kit_deck.settings.sections
    titles = kit_deck.phase_titles()
    for index, card in enumerate(kit_deck.cards):
        if card.kind in ("phase", "question"):
            heading = titles[card.phase]
        elif card.kind in ("rule", "action", "value", "quote", "stage", "info"):
            heading = getattr(sections, card.kind)
        else:
            continue
        assert squash(heading.upper()) in squash(texts[front_page(index)]), card.id


def test_backs_carry_their_card_codes(default_deck, texts):
    for index, card in enumerate(default_deck.cards):
        back = texts[front_page(index) + 1]
        assert default_deck.codes[card.id] in back.split(), card.id
        assert "Bord" not in back


# --- QR codes -----------------------------------------------------------------------------------------------


def test_every_qr_code_decodes_to_its_cards_notes_page(default_deck, cards_pdf):
    found = page_qr_codes(cards_pdf, dpi=200)
    expected = {f"{NOTES_URL}/c/{card.id}" for card in default_deck.cards}
    decoded = [url for page in found for url in page]
    assert len(decoded) == len(default_deck.cards)
    assert set(decoded) == expected
    for index, card in enumerate(default_deck.cards):
        assert f"{NOTES_URL}/c/{card.id}" in found[front_page(index)]
    assert all(not found[i] for i in range(1, len(found), 2))  # backs carry no QR code


def test_copies_carry_their_table_number(default_deck, three_copies):
    found = page_qr_codes(three_copies, dpi=150)
    assert len(found) == 2 * 3 * math.ceil(len(default_deck.cards) / PER_SHEET) == 126  # each set on its own sheets
    decoded = [url for page in found for url in page]
    assert sorted(decoded) == sorted(f"{NOTES_URL}/c/{card.id}/{copy}" for card in default_deck.cards
                                     for copy in (1, 2, 3))
    texts = page_texts(three_copies)
    n = len(default_deck.cards)
    sheets_per_set = math.ceil(n / PER_SHEET)
    for copy in (1, 2, 3):
        first = 2 * (copy - 1) * sheets_per_set  # a set's first sheet: its front page, then its back
        assert f"Bord {copy}" in texts[first + 1] and f"Bord {copy - 1}" not in texts[first + 1]
        assert f"Bord {copy}" in texts[first + 3]


def test_no_qr(tmp_path, default_deck):
    path = build_cards(tmp_path, "--no-qr")
    assert page_qr_codes(path, dpi=200, pages=range(0, 42, 2)) == [[]] * 21
    text = " ".join(page_texts(path))
    assert "Scan og skriv" not in text and "Skann og skriv" not in text
    with pikepdf.open(path) as pdf:
        assert all("/Annots" not in page.obj for page in pdf.pages)


# --- print shop -------------------------------------------------------------------------------------------------


def _operators(pdf) -> set[str]:
    """Every content-stream operator used on the pages and in the forms they draw."""
    seen, ops = set(), set()

    def walk(stream_owner, resources):
        for _, op in pikepdf.parse_content_stream(stream_owner):
            ops.add(str(op))
        for xobject in (resources or {}).get("/XObject", {}).values():
            if xobject.objgen in seen or xobject.get("/Subtype") != "/Form":
                continue
            seen.add(xobject.objgen)
            walk(xobject, xobject.get("/Resources"))

    for page in pdf.pages:
        walk(page, page.get("/Resources"))
    return ops


def test_print_shop_pages(default_deck, print_shop):
    w, h, b = mm_to_pt(105.0), mm_to_pt(148.0), mm_to_pt(3.0)
    with pikepdf.open(print_shop) as pdf:
        assert len(pdf.pages) == 2 * len(default_deck.cards)
        for page in pdf.pages:
            tx0, ty0, tx1, ty1 = (float(v) for v in page.TrimBox)
            bx0, by0, bx1, by1 = (float(v) for v in page.BleedBox)
            assert (tx1 - tx0, ty1 - ty0) == pytest.approx((w, h), abs=1e-3)
            assert (tx0 - bx0, ty0 - by0, bx1 - tx1, by1 - ty1) == pytest.approx((b, b, b, b), abs=1e-3)
            assert [float(v) for v in page.MediaBox] == pytest.approx([bx0, by0, bx1, by1], abs=1e-3)


def test_print_shop_colour_is_cmyk(print_shop):
    with pikepdf.open(print_shop) as pdf:
        ops = _operators(pdf)
    assert {"k", "K"} <= ops
    assert not ops & {"rg", "RG", "g", "G", "sc", "scn", "SC", "SCN", "cs", "CS"}


def test_office_colour_is_rgb(cards_pdf):
    with pikepdf.open(cards_pdf) as pdf:
        ops = _operators(pdf)
    assert "rg" in ops and not ops & {"k", "K"}


def test_print_shop_has_one_face_per_page_in_deck_order(default_deck, kit_deck, print_shop):
    texts = page_texts(print_shop)
    for index, card in enumerate(kit_deck.cards):
        front, back = squash(texts[2 * index]), texts[2 * index + 1]
        for text in printed_texts(card, kit_deck):
            assert squash(text) in front, (card.id, text)
        assert default_deck.codes[card.id] in back.split()
    found = page_qr_codes(print_shop, dpi=200, pages=[0, 2, 161])
    assert found == [[f"{NOTES_URL}/c/{default_deck.cards[0].id}"], [f"{NOTES_URL}/c/{default_deck.cards[1].id}"], []]


def test_print_shop_crop_marks(tmp_path):
    path = build_cards(tmp_path, "--for", "print-shop", "--marks")
    slug = mm_to_pt(12.0)
    with pikepdf.open(path) as pdf:
        page = pdf.pages[0]
        mx0, my0, mx1, my1 = (float(v) for v in page.MediaBox)
        bx0, by0, bx1, by1 = (float(v) for v in page.BleedBox)
        assert (bx0 - mx0, mx1 - bx1) == pytest.approx((slug, slug), abs=1e-3)
        assert "K" in _operators(pdf)


# --- builds ----------------------------------------------------------------------------------------------------------


def test_two_builds_are_byte_identical(built_kit, tmp_path):
    again = build_cards(tmp_path)
    assert again.read_bytes() == (built_kit / "cards.pdf").read_bytes()


@pytest.mark.parametrize("mistake", ["schema", "fit"])
def test_a_failed_build_keeps_the_last_good_files(built_kit, tmp_path, make_deck, capsys, mistake):
    out = tmp_path / "out"
    shutil.copytree(built_kit, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    bad = make_deck({"a.yaml": (DECK_DIR / "phases.yaml").read_text(encoding="utf-8")})
    path = bad / "a.yaml"
    if mistake == "schema":
        path.write_text(path.read_text(encoding="utf-8").replace("text: Hvem har en viden, vi kan lære af?", "text: [Hvem, hvad]"), encoding="utf-8")
    else:
        path.write_text(path.read_text(encoding="utf-8").replace(
            "text: Hvad vil vi gerne opnå?", "text: " + "Hvad vil vi gerne opnå? " * 120, 1), encoding="utf-8")
    assert main(["build", str(bad), "--out", str(out), "--notes-url", NOTES_URL]) == 1
    assert "Error: the deck has 1 problem:" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # nothing replaced, no temporary files
