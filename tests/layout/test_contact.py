"""The contact sheet as geometry: every card once, in deck order, inside the margins, none
overlapping, each with its code and id below it."""

from __future__ import annotations

import pytest

from carddeck.layout import contact
from carddeck.layout.boxes import Group, Text, Use
from carddeck.layout.deck import CardOptions, cards_document
from carddeck.sizes import CARD_SIZES, PAPER_SIZES


@pytest.mark.parametrize("size, paper", [("a6", "a4"), ("poker", "letter"), ("tarot", "a4")])
def test_every_card_once_in_order_inside_the_margins(default_deck, size, paper):
    card = CARD_SIZES[size]
    cards = cards_document(default_deck, CardOptions(size=card, paper=paper, qr=False))
    doc = contact.contact_document(default_deck, cards, card, PAPER_SIZES[paper])
    thumbs = [(page, g) for page in doc.pages for g in page.items if isinstance(g, Group)]
    keys = [g.boxes[0].key for _, g in thumbs]
    assert keys == [f"front:{c.id}" for c in default_deck.cards]
    m = contact.DESIGN.margin
    seen = []
    for page, g in thumbs:
        x, y, w, h = g.clip
        assert (x, y) == (0.0, 0.0)
        assert w / h == pytest.approx(card[0] / card[1])
        assert g.boxes[0].scale == pytest.approx(w / card[0])
        assert m - 1e-6 <= g.x and g.x + w <= page.w - m + 1e-6 and m <= g.y and g.y + h <= page.h - m
        for other_page, (ox, oy, ow, oh) in seen:
            if other_page is page:
                assert g.x >= ox + ow or ox >= g.x + w or g.y >= oy + oh or oy >= g.y + h
        seen.append((page, (g.x, g.y, w, h)))
    assert len(doc.pages) <= 4  # "a few pages"
    art = {a.key for a in doc.artwork}
    assert set(keys) <= art and not any(k.startswith("back") for k in art)  # only what the fronts draw


def test_captions_name_code_and_id_below_each_card(default_deck):
    cards = cards_document(default_deck, CardOptions(qr=False))
    doc = contact.contact_document(default_deck, cards, (105.0, 148.0), PAPER_SIZES["a4"])
    page = doc.pages[0]
    groups = [g for g in page.items if isinstance(g, Group)]
    texts = [t for t in page.items if isinstance(t, Text)]
    first = default_deck.cards[0]
    code = next(t for t in texts if t.text == default_deck.codes[first.id])
    ident = next(t for t in texts if t.text == first.id)
    g = groups[0]
    assert code.x == ident.x == g.x
    assert g.y + g.clip[3] < code.y < ident.y


def test_a_long_id_is_shortened_to_the_thumbnail(default_deck):
    line = contact._id_line("a" * 48, 0.0, 0.0, 27.0, contact.DESIGN)
    assert line.text.endswith("…") and line.w <= 27.0 and line.size == contact.MIN_ID_PT
