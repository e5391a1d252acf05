"""The kit's printed materials beside the cards and the board: table tents and the
facilitator's guide.

In: the deck, the kit options and the documents laid out so far (cards, poster, tiles).
Out: file name → :class:`~carddeck.layout.boxes.Document`.
"""

from __future__ import annotations

from ..errors import UsageProblem
from ..sizes import PAPER_SIZES
from . import guide, tents

MATERIALS = ("table-tents.pdf", "guide.pdf")  # in the order the build writes and the guide lists them


def materials(deck, options, documents: dict) -> dict:
    """Every material of the kit as placed boxes, by file name.

    :raises UsageProblem: when the Wi-Fi's name or password cannot fit a table tent.
    """
    opts = options.cards
    paper = PAPER_SIZES[opts.paper]
    try:
        tent_doc = tents.tents_document(deck, tents.TentOptions(paper, opts.copies, options.wifi))
    except ValueError as exc:
        raise UsageProblem(f"table tents: {exc}") from None
    files = (*documents, *MATERIALS)
    guide_doc = guide.guide_document(deck, guide.GuideOptions(
        files=files, paper=opts.paper, card_size=opts.size, duplex=opts.duplex, print_shop=opts.print_shop,
        copies=opts.copies, poster_size=options.poster_size,
        wifi_ssid=options.wifi.ssid if options.wifi else None,
    ))
    return {"table-tents.pdf": tent_doc, "guide.pdf": guide_doc}
