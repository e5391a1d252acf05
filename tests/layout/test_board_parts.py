"""The board's SESAM parts are the deck's: a dialogue tool without values, action fields or stages
(tests/decks/risk) gets six phase fields in three rows of two, no empty centre and no empty axis;
a deck with only some of SESAM's families gets only those parts."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from carddeck import theme
from carddeck.load import load_deck
from carddeck.layout import poster
from carddeck.layout.boxes import Rect, Text
from carddeck.render.pdf import render
from carddeck.sizes import POSTER_SIZES
from kitutil import PHASE_CARD
from test_board import EPS, _board, _overlap

RISK_DECK = Path(__file__).resolve().parents[1] / "decks" / "risk"
SESAM_SHADES = {theme.SESAM.tint, theme.SESAM.colour}


@pytest.fixture(scope="module")
def risk_deck():
    return load_deck(RISK_DECK)


def _items(deck, **options):
    return poster.poster_document(deck, poster.PosterOptions(**options)).pages[0].items


def test_without_sesam_the_six_fields_fill_three_rows_of_two(risk_deck):
    fields, slots, rest = _board(risk_deck)
    assert sorted(fields) == [1, 2, 3, 4, 5, 6]
    w, _ = POSTER_SIZES["a0"]
    for left, right in ((1, 2), (6, 3), (5, 4)):  # clockwise: 1 → 2 → 3 → 4 → 5 → 6
        a, b = fields[left], fields[right]
        assert a[1] == pytest.approx(b[1]) and a[3] == pytest.approx(b[3])  # one row
        assert a[2] < w / 2 < b[0]  # left and right of the middle
        assert a[2] - a[0] == pytest.approx(b[2] - b[0]) == pytest.approx(fields[1][2] - fields[1][0])
    assert fields[1][3] < fields[6][1] and fields[6][3] < fields[5][1]
    for phase in fields:
        assert sorted(kind for n, kind, _ in slots if n == phase) == ["phase", "question", "question"]
    for _, _, (x0, y0, x1, y1) in slots:
        assert (x1 - x0, y1 - y0) == pytest.approx((105.0, 148.0), abs=1e-9)  # the room goes to the cards
    for row in ((1, 2), (6, 3), (5, 4)):
        assert len({round(box[1], 9) for n, _, box in slots if n in row}) == 1  # each row in a row
    for i, (_, _, a) in enumerate(slots):
        assert not any(_overlap(a, b) for _, _, b in slots[i + 1:])
        assert not any(_overlap(a, b) for _, b in rest)


@pytest.mark.parametrize("size", list(POSTER_SIZES))
def test_without_sesam_every_board_size_holds_eighteen_slots_that_overlap_nothing(risk_deck, size):
    fields, slots, rest = _board(risk_deck, size)
    assert len(slots) == 18 and len({(round(b[2] - b[0], 9), round(b[3] - b[1], 9)) for _, _, b in slots}) == 1
    for i, (_, _, a) in enumerate(slots):
        assert not any(_overlap(a, b) for _, _, b in slots[i + 1:])
        assert not any(_overlap(a, b) for _, b in rest)


def test_without_sesam_nothing_on_the_board_is_sesams(risk_deck):
    items = _items(risk_deck)
    assert not [b for b in items if isinstance(b, Rect) and (b.fill in SESAM_SHADES or b.stroke in SESAM_SHADES)]
    texts = [b.text for b in items if isinstance(b, Text)]
    assert "–" not in texts  # no stand-in for a heading the deck does not have
    credits = [b for b in items if isinstance(b, Text) and b.text == risk_deck.settings.credits[0]]
    (credit,) = credits
    fields, _, _ = _board(risk_deck)
    assert credit.y > max(f[3] for f in fields.values())  # under the cycle, alone


def test_the_risk_posters_pixels_have_no_sesam_centre(risk_deck):
    dpi = 20
    pdf = pdfium.PdfDocument(render(poster.poster_document(risk_deck, poster.PosterOptions())))
    image = pdf[0].render(scale=dpi / 72).to_pil().convert("RGB")
    sesam = {tuple(round(v * 255) for v in theme.rgb(c)) for c in SESAM_SHADES}
    near = lambda rgb, want: all(abs(a - b) <= 4 for a, b in zip(rgb, want))  # noqa: E731
    colours = image.getcolors(maxcolors=1 << 16)
    assert not [(n, c) for n, c in colours if any(near(c, s) for s in sesam)]
    # Across the middle row, left to right: field 6, the gap between the columns, field 3.
    fields, _, _ = _board(risk_deck)
    y = (fields[6][1] + fields[6][3]) / 2
    px = lambda x_mm: image.getpixel((round(x_mm / 25.4 * dpi), round(y / 25.4 * dpi)))  # noqa: E731
    tint = lambda n: tuple(round(v * 255) for v in theme.rgb(theme.PHASES[n].tint))  # noqa: E731
    assert near(px(fields[6][0] + 8.0), tint(6)) and near(px(fields[3][2] - 8.0), tint(3))
    assert px((fields[6][2] + fields[3][0]) / 2) == (255, 255, 255)


def test_the_risk_posters_text_is_the_decks_own(risk_deck):
    pdf = pdfium.PdfDocument(render(poster.poster_document(risk_deck, poster.PosterOptions())))
    text = pdf[0].get_textpage().get_text_range()
    for word in ("Risikodialog", "Hvad står på spil?", "Et testdæk til carddeck."):
        assert word in text
    for word in ("Værdier", "Handlingsfelter", "Tynd", "Tyk", "None", "–"):
        assert word not in text


def test_a_deck_with_action_fields_but_no_values_gets_only_them_in_the_centre(make_deck):
    folder = make_deck({"a.yaml": PHASE_CARD, "h.yaml": """\
        cards:
          - {id: h-1, kind: action, lang: da, number: 1, text: Vi deler ansvaret}
          - {id: h-2, kind: action, lang: da, number: 2, text: Vi mødes igen}
        """})
    deck = load_deck(folder)
    items = _items(deck)
    (centre,) = [b for b in items if isinstance(b, Rect) and b.fill == theme.SESAM.tint]
    inside = [b.text for b in items if isinstance(b, Text)
              and centre.x - EPS <= b.x <= centre.x + centre.w and centre.y - EPS <= b.y <= centre.y + centre.h]
    assert inside == ["Handling", "1", "Vi deler ansvaret", "2", "Vi mødes igen"]
    # No value boxes; and without stages the band has no axis (nothing in SESAM's colour across the page).
    assert not [b for b in items if isinstance(b, Rect) and b.stroke == theme.SESAM.colour and b.fill == theme.PAPER]
    assert not [b for b in items if isinstance(b, Rect) and b.fill == theme.SESAM.colour]
