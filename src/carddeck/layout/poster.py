"""The board poster: a deck and poster options in, a one-page :class:`Document` out (mm, y down).

The board is drawn for A1 portrait (594 × 841 mm) and scaled to the other A sizes: every length
and every type size is multiplied by ``width / 594``, minimums included (titles ≥ 48 pt and body
≥ 20 pt at A1). Only the card slots keep their real size: a slot is the deck's card size where the
field has room for it, else the largest copy of that shape that fits.

From top to bottom: the kit title; the six phase fields as a clockwise cycle around the SESAM
centre (1 top-left, 2 top-right, 3 middle-right, 4 bottom-right, 5 bottom-left, 6 middle-left);
the group's two write-in lists; a band along the bottom edge with the thin ↔ thick axis and the
sources' credits. The QR code of the notes overview sits top right, beside the title, and the
Wi-Fi join code (with ``--wifi``) left of it. Regions live in :mod:`.board`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import DeckError
from ..sizes import POSTER_SIZES
from ..urls import overview_url
from . import board, printshop
from .boxes import Document, Page, Rect

from ..urls import DEFAULT_URL as DEFAULT_NOTES_URL


@dataclass(frozen=True)
class PosterOptions:
    """How to make the board. ``card_size`` (w, h) in mm is the size of the card slots."""

    size: str = "a1"
    card_size: tuple[float, float] = (105.0, 148.0)
    notes_url: str | None = None
    qr: bool = True
    print_shop: bool = False
    marks: bool = False  # print-shop: crop marks outside the bleed
    wifi: str | None = None  # a WIFI: payload: the join code beside the overview code


def overview(opts: PosterOptions) -> str:
    """The URL the poster's QR code encodes."""
    return overview_url(opts.notes_url or DEFAULT_NOTES_URL)


def poster_document(deck, opts: PosterOptions) -> Document:
    """The board as one page of placed boxes, exactly ``opts.size`` (plus bleed for a print shop).

    :raises ValueError: for an unknown ``opts.size``.
    :raises DeckError: listing every text of the deck that does not fit its place on the board.
    """
    if opts.size not in POSTER_SIZES:
        raise ValueError(f"unknown poster size {opts.size!r}; use one of {', '.join(POSTER_SIZES)}")
    w, h = POSTER_SIZES[opts.size]
    b = board.Board(deck, w, h, opts.card_size)
    bleed = printshop.BLEED if opts.print_shop else 0.0
    boxes: list = [Rect(-bleed, -bleed, w + 2 * bleed, h + 2 * bleed, fill=board.GROUND)]

    top = b.header(boxes, overview(opts) if opts.qr else None, opts.wifi)
    band_top = b.band(boxes, bleed)
    gap = b.design.block_gap
    writein_top = b.writeins(boxes, band_top - gap)
    b.cycle(boxes, top + gap, writein_top - gap)
    if b.problems:
        raise DeckError(b.problems)

    if opts.print_shop:
        page = printshop.page(boxes, w, h, opts.marks, deck.title, bleed)
    else:
        page = Page(w, h, tuple(boxes), label=deck.title)
    notes = ()
    if b.slot_scale < 1.0 - 1e-9:
        cw, ch = opts.card_size
        notes = (
            f"the card slots on the {opts.size.upper()} poster are {b.slot_scale:.0%} of a {cw:g}×{ch:g} mm card; "
            f"for slots the size of the cards choose a larger --poster-size or a smaller --card-size",
        )
    return Document(
        (page,), tuple(b.artwork.values()), cmyk=opts.print_shop, title=deck.title, notes=notes,
        subject="carddeck: board poster" if not opts.print_shop else "carddeck: board poster for a print shop",
    )




__all__ = ["PosterOptions", "poster_document", "overview"]
