"""The board's card slots, in numbers: every phase field holds its phase card and two question
cards at the card's size, inside the field, clear of everything else; the cycle runs clockwise."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from carddeck import fonts, theme
from carddeck.errors import DeckError
from carddeck.labels import label
from carddeck.layout import board, poster
from carddeck.layout.board_design import A1_WIDTH, BOARD
from carddeck.layout.boxes import QR, Line, Rect, Shape, Text, Use
from carddeck.sizes import CARD_SIZES, POSTER_SIZES
from carddeck.units import pt_to_mm

TINTS = {style.tint: number for number, style in theme.PHASES.items()}
EPS = 1e-6


def _bounds(item, artwork) -> tuple[float, float, float, float] | None:
    """(x0, y0, x1, y1) of a placed box; None for what has no extent of its own."""
    if isinstance(item, Rect):
        return item.x, item.y, item.x + item.w, item.y + item.h
    if isinstance(item, Text):
        width = fonts.width(item.text, item.weight, item.size)
        left = item.x - {"left": 0.0, "centre": width / 2, "right": width}[item.align]
        return left, item.y - pt_to_mm(item.size * fonts.ASCENT), left + width, item.y + pt_to_mm(item.size * fonts.DESCENT)
    if isinstance(item, Shape):
        if item.points:
            xs, ys = [p[0] for p in item.points], [p[1] for p in item.points]
            return min(xs), min(ys), max(xs), max(ys)
        return item.cx - item.radius, item.cy - item.radius, item.cx + item.radius, item.cy + item.radius
    if isinstance(item, Line):
        return min(item.x1, item.x2), min(item.y1, item.y2), max(item.x1, item.x2), max(item.y1, item.y2)
    if isinstance(item, QR):
        return item.x, item.y, item.x + item.size, item.y + item.size
    if isinstance(item, Use):  # a phase symbol: artwork drawn with its origin at the use's point
        x0, y0, x1, y1 = _bounds(artwork[item.key].boxes[0], artwork)
        return x0 + item.x, y0 + item.y, x1 + item.x, y1 + item.y
    return None


def _inside(inner, outer) -> bool:
    return outer[0] - EPS <= inner[0] and outer[1] - EPS <= inner[1] and inner[2] <= outer[2] + EPS and inner[3] <= outer[3] + EPS


def _overlap(a, b) -> bool:
    return a[0] < b[2] - EPS and b[0] < a[2] - EPS and a[1] < b[3] - EPS and b[1] < a[3] - EPS


def _board(deck, size="a0", card=CARD_SIZES["a6"]):
    """(fields {phase: bounds}, slots [(phase, kind, bounds)], every other box's bounds) of a board."""
    doc = poster.poster_document(deck, poster.PosterOptions(size=size, card_size=card))
    artwork = {a.key: a for a in doc.artwork}
    items = list(doc.pages[0].items[1:])  # the first box is the page's white ground
    fields = {TINTS[b.fill]: _bounds(b, artwork) for b in items if isinstance(b, Rect) and b.fill in TINTS}
    slot_rects = [b for b in items if isinstance(b, Rect) and b.dash and b.fill == theme.PAPER]
    names = {label(deck.settings.lang, "slot"): "phase", label(deck.settings.lang, "cards_here"): "question"}
    slots, rest = [], []
    for s in slot_rects:
        box = _bounds(s, artwork)
        (phase,) = [n for n, f in fields.items() if _inside(box, f)]
        kinds = [names[t.text] for t in items if isinstance(t, Text) and t.text in names and _inside(_bounds(t, artwork), box)]
        slots.append((phase, kinds[0] if len(kinds) == 1 else kinds, box))
    inside_a_slot = lambda b: any(_inside(b, s[2]) for s in slots)  # noqa: E731
    for item in items:
        box = _bounds(item, artwork)
        if box is None or item in slot_rects or (isinstance(item, Rect) and item.fill in TINTS) or inside_a_slot(box):
            continue
        rest.append((item, box))
    return fields, slots, rest


def test_every_phase_field_holds_its_phase_card_and_two_question_cards_at_a6_on_a0(default_deck):
    fields, slots, _ = _board(default_deck)
    assert sorted(fields) == [1, 2, 3, 4, 5, 6]
    for phase in fields:
        kinds = sorted(kind for n, kind, _ in slots if n == phase)
        assert kinds == ["phase", "question", "question"], phase
    for _, _, (x0, y0, x1, y1) in slots:
        assert (x1 - x0, y1 - y0) == pytest.approx((105.0, 148.0), abs=1e-9)


def test_slots_are_inside_their_field_and_overlap_nothing(default_deck):
    fields, slots, rest = _board(default_deck)
    pad = BOARD.at(841 / A1_WIDTH).pad
    for phase, _, box in slots:
        f = fields[phase]
        assert f[0] + pad - EPS <= box[0] and box[2] <= f[2] - pad + EPS
        assert f[1] + pad - EPS <= box[1] and box[3] <= f[3] - pad + EPS
    for i, (_, _, a) in enumerate(slots):
        for _, _, b in slots[i + 1:]:
            assert not _overlap(a, b)
        for item, b in rest:
            assert not _overlap(a, b), item


@pytest.mark.parametrize("size", ["a1", "a2", "a3"])
def test_smaller_boards_shrink_every_slot_alike_and_say_what_holds_the_cards(default_deck, size):
    fields, slots, rest = _board(default_deck, size)
    sizes = {(round(x1 - x0, 9), round(y1 - y0, 9)) for _, _, (x0, y0, x1, y1) in slots}
    ((w, h),) = sizes
    assert w < 105.0 and w / h == pytest.approx(105.0 / 148.0)
    assert len(slots) == 18
    for i, (_, _, a) in enumerate(slots):
        assert not any(_overlap(a, b) for _, _, b in slots[i + 1:])
        assert not any(_overlap(a, b) for _, b in rest)
    doc = poster.poster_document(default_deck, poster.PosterOptions(size=size))
    assert doc.notes == (
        f"the card slots on the {size.upper()} board are {w / 105.0:.0%} of a 105×148 mm card, so the cards will not "
        f"fit them; for slots at the cards' size use --poster-size a0 or a smaller --card-size",
    )


def test_a_card_no_board_holds_at_its_size_is_told_to_shrink(default_deck):
    doc = poster.poster_document(default_deck, poster.PosterOptions(size="a0", card_size=(200.0, 200.0)))
    (note,) = doc.notes
    assert note.startswith("the card slots on the A0 board are ") and note.endswith(
        "of a 200×200 mm card, so the cards will not fit them; for slots at the cards' size use a smaller --card-size")


@pytest.mark.parametrize("card", ["a7", "poker", "bridge"])
def test_a1_holds_the_smaller_cards_at_their_size(default_deck, card):
    _, slots, _ = _board(default_deck, "a1", CARD_SIZES[card])
    assert len(slots) == 18
    for _, _, (x0, y0, x1, y1) in slots:
        assert (x1 - x0, y1 - y0) == pytest.approx(CARD_SIZES[card], abs=1e-9)
    assert not poster.poster_document(default_deck, poster.PosterOptions(size="a1", card_size=CARD_SIZES[card])).notes


def test_the_phase_fields_run_clockwise_from_the_top_left(default_deck):
    fields, _, _ = _board(default_deck)
    centre = {n: ((x0 + x1) / 2, (y0 + y1) / 2) for n, (x0, y0, x1, y1) in fields.items()}
    (x1, y1), (x2, y2), (x3, y3), (x4, y4), (x5, y5), (x6, y6) = (centre[n] for n in range(1, 7))
    assert y1 == pytest.approx(y2) and y6 == pytest.approx(y3) and y5 == pytest.approx(y4)
    assert y1 < y6 < y5  # three rows
    assert x1 < 841 / 2 < x2 and x6 < 841 / 2 < x3 and x5 < 841 / 2 < x4
    # the SESAM centre sits between 6 and 3
    sesam = [b for b in poster.poster_document(default_deck, poster.PosterOptions()).pages[0].items
             if isinstance(b, Rect) and b.fill == theme.SESAM.tint and b.w < 841]
    (c,) = sesam
    assert fields[6][2] < c.x and c.x + c.w < fields[3][0]


def test_a_row_of_fields_has_its_slots_on_one_line(default_deck):
    _, slots, _ = _board(default_deck)
    for row in ((1, 2), (5, 4)):
        tops = {round(box[1], 9) for n, _, box in slots if n in row}
        assert len(tops) == 1  # an aligned grid: one top edge for every slot in the row


@settings(max_examples=25, deadline=None)
@given(w=st.floats(50.0, 110.0), ratio=st.floats(1.0, 1.6), size=st.sampled_from(list(POSTER_SIZES)))
def test_any_card_size_gets_eighteen_slots_of_its_shape_that_overlap_nothing(default_deck, w, ratio, size):
    card = (round(w, 1), round(w * ratio, 1))
    _, slots, rest = _board(default_deck, size, card)
    assert len(slots) == 18
    for i, (_, _, a) in enumerate(slots):
        assert (a[2] - a[0]) / (a[3] - a[1]) == pytest.approx(card[0] / card[1])
        assert a[2] - a[0] <= card[0] + 1e-9
        assert not any(_overlap(a, b) for _, _, b in slots[i + 1:])
        assert not any(_overlap(a, b) for _, b in rest)


def test_the_header_has_room_for_a_second_code_of_the_same_size(default_deck):
    w, h = POSTER_SIZES["a0"]
    b = board.Board(default_deck, w, h, CARD_SIZES["a6"])
    boxes: list = []
    codes = (board.HeaderCode("WIFI:T:WPA;S:Verksted;P:hemmelig;;", "Wi-Fi", link=False), board.HeaderCode("http://10.0.0.5:8765/", "Scan og skriv"))
    b.header(boxes, codes)
    assert not b.problems
    qrs = [q for q in boxes if isinstance(q, QR)]
    assert [q.url for q in qrs] == ["", "http://10.0.0.5:8765/"]  # a Wi-Fi code is no link
    sides = [q.size / len(q.modules) * (len(q.modules) - 8) for q in qrs]  # the codes without their quiet zones
    assert sides == pytest.approx([max(BOARD.qr_min, b.design.qr)] * 2)
    bounds = [(q.x + q.size / len(q.modules) * 4, q.x + q.size - q.size / len(q.modules) * 4) for q in qrs]
    assert bounds[0][1] < bounds[1][0] and bounds[1][1] == pytest.approx(w - b.m)
    title = [t for t in boxes if isinstance(t, Text) and t.text == default_deck.title]
    assert title and all(_bounds(t, {})[2] < bounds[0][0] for t in title)


def test_an_axis_end_label_too_long_for_its_place_is_reported_at_its_line(default_deck):
    sections = default_deck.settings.sections.model_copy(update={"thin": "Ganske tynn og forsiktig samskaping"})
    settings = default_deck.settings.model_copy(update={"sections": sections})
    with pytest.raises(DeckError) as caught:
        poster.poster_document(default_deck.model_copy(update={"settings": settings}), poster.PosterOptions())
    (problem,) = caught.value.problems
    lines = Path(problem.file).read_text(encoding="utf-8").splitlines()
    assert problem.key == "sections.thin" and lines[problem.line - 1].strip().startswith("thin:")
    assert problem.message == (
        "'Ganske tynn og forsiktig samskaping' does not fit its place on the 841×1189 mm poster even at 28.5 pt; shorten it"
    )


def test_empty_axis_end_labels_leave_the_axis_its_full_width(default_deck):
    sections = default_deck.settings.sections.model_copy(update={"thin": "", "thick": ""})
    settings = default_deck.settings.model_copy(update={"sections": sections})
    doc = poster.poster_document(default_deck.model_copy(update={"settings": settings}), poster.PosterOptions())
    texts = {b.text for b in doc.pages[0].items if isinstance(b, Text)}
    assert default_deck.settings.sections.thin not in texts and "" not in texts
    heads = [b for b in doc.pages[0].items if isinstance(b, Shape) and len(b.points) == 3 and b.fill == theme.SESAM.colour]
    margin = BOARD.at(841 / A1_WIDTH).margin
    assert sorted(round(b.points[0][0], 6) for b in heads) == [round(margin, 6), round(841 - margin, 6)]
