"""The facilitator's guide as layout: the cut plan in numbers, the length in pages for every way
of printing, and the flowed pages inside their margins."""

from __future__ import annotations

import pytest

from carddeck.layout import flow, guide
from carddeck.layout.boxes import Group, Text
from carddeck.layout.sheet import impose
from carddeck.sizes import CARD_SIZES, PAPER_SIZES

FILES = ("cards.pdf", "poster.pdf", "poster-tiles.pdf", "table-tents.pdf", "guide.pdf")


def test_a6_on_a4_takes_two_cuts_across_then_down():
    assert guide.cut_plan(105, 148, PAPER_SIZES["a4"], "long-edge") == [guide.Cut(True, 148.5), guide.Cut(False, 105.0)]


@pytest.mark.parametrize("size", list(CARD_SIZES))
@pytest.mark.parametrize("paper", list(PAPER_SIZES))
@pytest.mark.parametrize("duplex", ["long-edge", "fold"])
def test_every_card_edge_is_cut_or_lies_at_the_sheet_edge(size, paper, duplex):
    w, h = CARD_SIZES[size]
    pw, ph = PAPER_SIZES[paper]
    ph = ph / 2 if duplex == "fold" else ph
    cuts = guide.cut_plan(w, h, PAPER_SIZES[paper], duplex)
    across = [c.at for c in cuts if c.across]
    down = [c.at for c in cuts if not c.across]
    assert across == sorted(across) and down == sorted(down)
    assert [c.across for c in cuts] == [True] * len(across) + [False] * len(down)  # across first
    for slot in impose(w, h, PAPER_SIZES[paper], duplex).fronts:
        for y in (slot.y, slot.y + slot.h):
            assert any(abs(y - c) < 1e-6 for c in across) or min(y, ph - y) < guide.MIN_TRIM
        for x in (slot.x, slot.x + slot.w):
            assert any(abs(x - c) < 1e-6 for c in down) or min(x, pw - x) < guide.MIN_TRIM


@pytest.mark.parametrize("kw", [
    {},
    {"paper": "letter", "card_size": (63.0, 88.0), "copies": 12, "wifi_ssid": "Samskab"},
    {"duplex": "fold", "card_size": (57.0, 89.0)},
    {"print_shop": True},
])
def test_two_to_four_pages_inside_the_margins(default_deck, kw):
    opts = guide.GuideOptions(files=FILES, **kw)
    doc = guide.guide_document(default_deck, opts)
    assert 2 <= len(doc.pages) <= 4
    paper = PAPER_SIZES[opts.paper]
    m = flow.DESIGN.margin
    for page in doc.pages:
        assert (page.w, page.h) == paper
        for item in page.items:
            if isinstance(item, Group):
                for box in item.boxes:
                    if isinstance(box, Text):
                        assert m - 1e-6 <= item.x + box.left and item.x + box.left + box.w <= page.w - m + 1e-6, box.text
                        assert m <= item.y + box.y <= page.h - m, box.text


def test_norwegian_deck_gets_the_norwegian_guide(default_deck):
    nb = default_deck.model_copy(update={"settings": default_deck.settings.model_copy(update={"lang": "nb"})})
    doc = guide.guide_document(nb, guide.GuideOptions(files=FILES))
    texts = [b.text for page in doc.pages for g in page.items if isinstance(g, Group) for b in g.boxes
             if isinstance(b, Text)]
    assert texts[0] == "Veiledning for fasilitatoren"
    assert "Personvern: les opp for deltakerne" in texts and "Slik skriver du ut" in texts
