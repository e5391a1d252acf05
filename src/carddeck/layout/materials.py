"""The kit's printed materials beside the cards and the board: table tents (and, in time, the
facilitator's guide, the contact sheet and the tuck box).

In: the deck, the kit options and the laid-out card document (whose artwork the contact sheet
reuses). Out: file name → :class:`~carddeck.layout.boxes.Document`.
"""

from __future__ import annotations

from ..errors import UsageProblem
from ..sizes import PAPER_SIZES
from . import tents


def materials(deck, options, cards) -> dict:
    """Every material of the kit as placed boxes, by file name.

    :raises UsageProblem: when the Wi-Fi's name or password cannot fit a table tent.
    """
    opts = options.cards
    paper = PAPER_SIZES[opts.paper]
    try:
        tent_doc = tents.tents_document(deck, tents.TentOptions(paper, opts.copies, options.wifi))
    except ValueError as exc:
        raise UsageProblem(f"table tents: {exc}") from None
    return {"table-tents.pdf": tent_doc}
