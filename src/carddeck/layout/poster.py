"""The board poster: a deck and poster options in, a one-page :class:`Document` out (mm, y down).

The board is A0 portrait (841 × 1189 mm) by default: the smallest A size whose six phase fields
each hold an A6 phase card and two A6 question cards at their real size. Its design is drawn
at A1 (:mod:`.board_design`) and scaled to the poster: every length and every type size is
multiplied by ``width / 594``, minimums included (titles ≥ 48 pt and body ≥ 20 pt at A1). Only
the card slots keep their real size where the board has room; else they all shrink alike, and
the build says so, with the size that would hold them.

From top to bottom: the kit title, with the notes overview's QR code at the top right (and the
Wi-Fi join code left of it, with ``--wifi``); the six
phase fields as a clockwise cycle around the SESAM centre (1 top-left, 2 top-right, 3
middle-right, 4 bottom-right, 5 bottom-left, 6 middle-left); a band along the bottom edge with
the thin ↔ thick axis and the sources' credits. The SESAM parts are the deck's: without values
and action fields there is no centre, and the six fields fill three rows of two; without stages
there is no axis, and the credits stand alone at the bottom. The group's own lists are a
companion sheet (:mod:`.lists`). Regions live in :mod:`.board`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import DeckError
from ..labels import label
from ..sizes import POSTER_SIZES
from ..urls import DEFAULT_URL as DEFAULT_NOTES_URL, overview_url
from . import board, printshop
from .boxes import Document, Page, Rect




@dataclass(frozen=True)
class PosterOptions:
    """How to make the board. ``card_size`` (w, h) in mm is the size of the card slots."""

    size: str = "a0"
    card_size: tuple[float, float] = (105.0, 148.0)
    notes_url: str | None = None
    qr: bool = True
    print_shop: bool = False
    marks: bool = False  # print-shop: crop marks outside the bleed
    wifi: str | None = None  # a WIFI: payload: the join code beside the overview code


def overview(opts: PosterOptions) -> str:
    """The URL the poster's QR code encodes."""
    return overview_url(opts.notes_url or DEFAULT_NOTES_URL)


def _board(deck, opts: PosterOptions, boxes: list, bleed: float) -> board.Board:
    """The board laid out into ``boxes`` (problems collected, not raised)."""
    w, h = POSTER_SIZES[opts.size]
    b = board.Board(deck, w, h, opts.card_size)
    lang = deck.settings.lang
    codes = ()  # in reading order: join the Wi-Fi first, then scan
    if opts.wifi:
        codes += (board.HeaderCode(opts.wifi, label(lang, "wifi_join"), link=False),)
    if opts.qr:
        codes += (board.HeaderCode(overview(opts), label(lang, "scan")),)
    top = b.header(boxes, codes)
    band_top = b.band(boxes, bleed)
    gap = b.design.block_gap
    b.cycle(boxes, top + gap, band_top - gap)
    return b


def slot_scale(deck, size: str, card_size: tuple[float, float]) -> float:
    """How large the card slots are on a ``size`` board, as a share of ``card_size`` (1 at most)."""
    return _board(deck, PosterOptions(size=size, card_size=card_size, qr=True), [], 0.0).slot_scale


def _slot_note(deck, opts: PosterOptions, scale: float) -> str:
    """What to tell the user when the slots are smaller than the cards: and what would hold them."""
    cw, ch = opts.card_size
    larger = [s for s in sorted(POSTER_SIZES, key=lambda s: POSTER_SIZES[s][0])
              if POSTER_SIZES[s][0] > POSTER_SIZES[opts.size][0] and slot_scale(deck, s, opts.card_size) >= 1.0 - 1e-9]
    advice = f"--poster-size {larger[0]} or a smaller --card-size" if larger else "a smaller --card-size"
    return (
        f"the card slots on the {opts.size.upper()} board are {scale:.0%} of a {cw:g}×{ch:g} mm card, "
        f"so the cards will not fit them; for slots at the cards' size use {advice}"
    )


def poster_document(deck, opts: PosterOptions) -> Document:
    """The board as one page of placed boxes, exactly ``opts.size`` (plus bleed for a print shop).

    :raises ValueError: for an unknown ``opts.size``.
    :raises DeckError: listing every text of the deck that does not fit its place on the board.
    """
    if opts.size not in POSTER_SIZES:
        raise ValueError(f"unknown poster size {opts.size!r}; use one of {', '.join(POSTER_SIZES)}")
    w, h = POSTER_SIZES[opts.size]
    bleed = printshop.BLEED if opts.print_shop else 0.0
    boxes: list = [Rect(-bleed, -bleed, w + 2 * bleed, h + 2 * bleed, fill=board.GROUND)]
    b = _board(deck, opts, boxes, bleed)
    if b.problems:
        raise DeckError(b.problems)

    if opts.print_shop:
        page = printshop.page(boxes, w, h, opts.marks, deck.title, bleed)
    else:
        page = Page(w, h, tuple(boxes), label=deck.title)
    notes = (_slot_note(deck, opts, b.slot_scale),) if b.slot_scale < 1.0 - 1e-9 else ()
    return Document(
        (page,), tuple(b.artwork.values()), cmyk=opts.print_shop, links=not opts.print_shop, title=deck.title, notes=notes,
        subject="carddeck: board poster" if not opts.print_shop else "carddeck: board poster for a print shop",
    )


__all__ = ["PosterOptions", "poster_document", "overview", "slot_scale"]
