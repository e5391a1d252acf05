"""The kit's printed materials beside the cards and the board: table tents, the
facilitator's guide, the contact sheet and the tuck box.

In: the deck, the kit options and the documents laid out so far (cards, poster, tiles).
Out: file name → :class:`~carddeck.layout.boxes.Document`, in the order the build writes them
and the guide lists them.
"""

from __future__ import annotations

from dataclasses import replace

from ..errors import UsageProblem
from ..sizes import PAPER_SIZES
from . import contact, guide, tents, tuckbox


def materials(deck, options, documents: dict) -> dict:
    """Every material of the kit as placed boxes, by file name.

    A tuck box that does not fit the office sheet is left out; the guide's notes say so.
    :raises UsageProblem: when the Wi-Fi's name or password cannot fit a table tent.
    """
    opts = options.cards
    paper = PAPER_SIZES[opts.paper]
    out = {}
    try:
        out["table-tents.pdf"] = tents.tents_document(deck, tents.TentOptions(paper, opts.copies, options.wifi))
    except ValueError as exc:
        raise UsageProblem(f"table tents: {exc}") from None
    out["guide.pdf"] = None  # its place in the order; made last, when the other files are known
    out["contact-sheet.pdf"] = contact.contact_document(deck, documents["cards.pdf"], opts.size, paper)
    notes = ()
    try:
        out["tuck-box.pdf"] = tuckbox.tuckbox_document(deck, opts.size, paper, opts.copies, tuckbox.CARD_GSM)
    except ValueError as exc:
        notes = (f"no tuck-box.pdf: {exc}",)
    guide_doc = guide.guide_document(deck, guide.GuideOptions(
        files=(*documents, *out), paper=opts.paper, card_size=opts.size, duplex=opts.duplex,
        print_shop=opts.print_shop, copies=opts.copies, poster_size=options.poster_size,
        wifi_ssid=options.wifi.ssid if options.wifi else None,
        card_gsm=tuckbox.CARD_GSM if "tuck-box.pdf" in out else None,
    ))
    out["guide.pdf"] = replace(guide_doc, notes=guide_doc.notes + notes)
    return out
