"""Office sheets as printed: nothing inks the 5 mm border that office printers cannot print.

The first sheet of the default deck (its front and back pages) is laid out at every named card
size on A4 and Letter and in every duplex mode, rendered, and the border is read pixel by pixel.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pypdfium2 as pdfium
import pytest

from carddeck.layout.boxes import Group
from carddeck.layout.deck import CardOptions, cards_document
from carddeck.layout.sheet import DUPLEX, EDGE
from carddeck.render.pdf import render
from carddeck.sizes import CARD_SIZES, PAPER_SIZES
from kitutil import NOTES_URL

DPI = 100
WHITE = 255


def first_sheet(deck, name: str, paper: str, duplex: str) -> bytes:
    document = cards_document(deck, CardOptions(size=CARD_SIZES[name], paper=paper, duplex=duplex, notes_url=NOTES_URL))
    pages = 1 if duplex in ("fold", "none") else 2
    return render(replace(document, pages=document.pages[:pages]))


def border_ink(pdf: bytes) -> list[tuple[int, int]]:
    """(page, pixels) that are not white within EDGE of the sheet edge, page by page."""
    out = []
    band = int(EDGE / 25.4 * DPI)  # whole pixels that lie entirely inside the border
    for number, page in enumerate(pdfium.PdfDocument(pdf)):
        image = np.asarray(page.render(scale=DPI / 72).to_pil().convert("L"))
        mask = np.zeros(image.shape, dtype=bool)
        mask[:band, :] = mask[-band:, :] = mask[:, :band] = mask[:, -band:] = True
        out.append((number, int((image[mask] < WHITE).sum())))
    return out


@pytest.mark.parametrize("duplex", DUPLEX)
@pytest.mark.parametrize("paper", list(PAPER_SIZES))
@pytest.mark.parametrize("name", list(CARD_SIZES))
def test_no_ink_within_5_mm_of_the_sheet_edge(default_deck, name, paper, duplex):
    for number, pixels in border_ink(first_sheet(default_deck, name, paper, duplex)):
        assert pixels == 0, f"{name} on {paper} ({duplex}), page {number + 1}: {pixels} inked pixels in the border"


def test_the_border_check_sees_ink(default_deck):
    """Not blind: the same check finds the colour that a card 3 mm from the edge puts in the border."""
    document = cards_document(default_deck, CardOptions(size=CARD_SIZES["a6"], paper="a4", notes_url=NOTES_URL))
    page = document.pages[0]
    shifted = replace(page, items=tuple(replace(g, x=g.x - 3.0) if isinstance(g, Group) else g for g in page.items))
    ink = border_ink(render(replace(document, pages=(shifted,))))
    assert ink[0][1] > 1000
