"""The tuck box measured in mm from the PDF: the inside fits the cards with a little clearance and
is as deep as the deck at 300 g/m²; the net fits the sheet, one box per set."""

from __future__ import annotations

import io

import pikepdf
import pytest

from carddeck.layout import tuckbox
from carddeck.render.pdf import render
from carddeck.sizes import CARD_SIZES, PAPER_SIZES

MM = 25.4 / 72


def _mul(a, b):
    a1, b1, c1, d1, e1, f1 = a
    a2, b2, c2, d2, e2, f2 = b
    return (a1 * a2 + b1 * c2, a1 * b2 + b1 * d2, c1 * a2 + d1 * c2, c1 * b2 + d1 * d2,
            e1 * a2 + f1 * c2 + e2, e1 * b2 + f1 * d2 + f2)


def strokes(page) -> tuple[list, list]:
    """(solid paths, dashed segments) of a PDF page, as points in mm from its top-left corner."""
    height = float(page.mediabox[3])
    ctm, stack, dashed = (1, 0, 0, 1, 0, 0), [], False
    solid, dashes, path = [], [], []
    for operands, op in pikepdf.parse_content_stream(page):
        op = str(op)
        if op == "q":
            stack.append(ctm)
        elif op == "Q":
            ctm = stack.pop()
        elif op == "cm":
            ctm = _mul(tuple(float(v) for v in operands), ctm)
        elif op == "d":
            dashed = len(operands[0]) > 0
        elif op in ("m", "l"):
            x, y = (float(v) for v in operands)
            a, b, c, d, e, f = ctm
            path.append(((a * x + c * y + e) * MM, (height - (b * x + d * y + f)) * MM))
        elif op in ("S", "s"):
            (dashes if dashed else solid).append(path)
            path = []
        elif op == "n":
            path = []
    return solid, dashes


def panels(page) -> tuple[list[float], list[float], tuple]:
    """Widths of the panels across (between the outline's body edges and the vertical folds),
    the y of every horizontal fold, and the outline's bounding box (x0, y0, x1, y1)."""
    solid, dashes = strokes(page)
    (outline,) = [p for p in solid if len(p) > 8]
    xs, ys = [x for x, _ in outline], [y for _, y in outline]
    verticals = sorted({round(p[0][0], 2) for p in dashes if abs(p[0][0] - p[1][0]) < 1e-6})
    horizontals = sorted({round(p[0][1], 2) for p in dashes if abs(p[0][1] - p[1][1]) < 1e-6})
    edges = [min(xs), *verticals, max(xs)]
    return [b - a for a, b in zip(edges, edges[1:])], horizontals, (min(xs), min(ys), max(xs), max(ys))


@pytest.mark.parametrize("size, paper, pieces", [("poker", "a4", 1), ("a6", "a4", 2), ("tarot", "letter", 2),
                                                 ("a7", "letter", 2)])
def test_box_measured_from_the_pdf(default_deck, size, paper, pieces):
    cw, ch = CARD_SIZES[size]
    doc = tuckbox.tuckbox_document(default_deck, (cw, ch), PAPER_SIZES[paper], copies=2)
    pdf = pikepdf.open(io.BytesIO(render(doc)))
    assert len(pdf.pages) == 2 * pieces  # one box per set
    n = len(default_deck.cards)
    for page in pdf.pages:
        widths, folds_y, (x0, y0, x1, y1) = panels(page)
        pw, ph = float(page.mediabox[2]) * MM, float(page.mediabox[3]) * MM
        assert sorted((round(pw, 1), round(ph, 1))) == sorted(PAPER_SIZES[paper])
        assert x0 >= 5 and y0 >= 5 and x1 <= pw - 5 and y1 <= ph - 5  # clear of the printer's border
        faces = [w for w in widths if w > cw]
        depths = [w for w in widths if 15 < w < cw]
        assert faces and depths
        for w in faces:  # the card slides in: 1–3 mm wider than the card
            assert cw + 1 <= w <= cw + 3
        for d in depths:  # as deep as the deck: 300 g/m² card is 0.3–0.45 mm a sheet
            assert n * 0.3 <= d <= n * 0.45 + 4
        # The body between the lid folds is the card's height plus clearance.
        body = [b - a for a, b in zip(folds_y, folds_y[1:]) if b - a > ch]
        assert body and all(ch + 1 <= h <= ch + 3 for h in body)
    if pieces == 1:
        assert len(faces) == 2 and len(depths) == 2


def test_a_box_that_fits_no_sheet_is_refused(default_deck):
    with pytest.raises(ValueError) as exc:
        tuckbox.tuckbox_document(default_deck, (200.0, 200.0), PAPER_SIZES["a4"])
    d = tuckbox.inside((200.0, 200.0), len(default_deck.cards)).d
    assert str(exc.value) == f"a box for 200×200 mm cards {d:g} mm deep does not fit a 210×297 mm sheet, even in two halves"


def test_thicker_stock_makes_a_deeper_box(default_deck):
    thin = tuckbox.inside((63.0, 88.0), 50, gsm=250).d
    thick = tuckbox.inside((63.0, 88.0), 50, gsm=350).d
    assert thick - thin == pytest.approx(50 * 100 * tuckbox.MM_PER_GSM, abs=0.1)


def test_the_back_says_the_card_size_whatever_the_clearance(default_deck):
    from carddeck.layout.boxes import Text

    design = tuckbox.BoxDesign(clearance=3.0)
    doc = tuckbox.tuckbox_document(default_deck, CARD_SIZES["poker"], PAPER_SIZES["a4"], design=design)
    words = " ".join(item.text for page in doc.pages for item in page.items if isinstance(item, Text))
    assert "kort på 63 × 88 mm" in words  # the cards, not the inside less the default clearance
    inside = tuckbox.inside(CARD_SIZES["poker"], len(default_deck.cards), design=design)
    assert (inside.w, inside.h) == pytest.approx((69.0, 94.0))
