"""The regions of the board poster, each laid out into placed boxes (mm, top-left origin, y down).

:class:`Board` holds the deck, the poster size and the design at that size (:mod:`.board_design`);
each method lays out one region and returns where it ends, so :mod:`.poster` only stacks them.
The phase fields and the flow between them are the board's parts in :mod:`.board_fields`, the
SESAM centre and the thin ↔ thick axis its parts in :mod:`.board_sesam` (drawn only for a deck
with cards of their families). Every text is set with
:func:`.text.fit`; text that cannot fit is collected as a :class:`~carddeck.errors.Problem`
naming the card (or deck setting) and key, with its line.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import theme
from ..errors import Problem, shown
from ..qr import QUIET_ZONE, side_for
from .board_design import A1_WIDTH, BOARD
from .board_fields import FieldParts
from .board_sesam import SesamParts
from .boxes import QR, Box, Rect, Use
from .symbols import symbol_artwork, symbol_key
from .text import Block, fit, set_text

GROUND = theme.PAPER  # white: no toner on the open board, and no seams where office tiles overlap

# Where each phase sits in the cycle: (row, column) of a 3 × 2 grid, clockwise from top-left.
CYCLE = {1: (0, 0), 2: (0, 1), 3: (1, 1), 4: (2, 1), 5: (2, 0), 6: (1, 0)}
QUESTION_SLOTS = 2  # question-card slots in every phase field, beside its phase card's slot


@dataclass(frozen=True)
class HeaderCode:
    """A QR code in the board's header: what it encodes, the label printed under it, and whether
    it is an address (a link in the PDF too; a ``WIFI:`` payload is not)."""

    payload: str
    label: str
    link: bool = True


class Board(FieldParts, SesamParts):
    """One poster being laid out: ``w`` × ``h`` mm, slots for cards of ``card_size``.

    ``design`` is :data:`~.board_design.BOARD` at this poster's size: read every length and type
    size from it, never from the A1 table.
    """

    def __init__(self, deck, w: float, h: float, card_size: tuple[float, float]):
        self.deck, self.w, self.h = deck, w, h
        self.card_w, self.card_h = card_size
        self.design = d = BOARD.at(w / A1_WIDTH)
        self.lang = deck.settings.lang
        self.m = max(d.edge_min, d.margin)
        self.artwork: dict = {}
        self.problems: list[Problem] = []
        self.slot_scale = 1.0  # slot size / card size; below 1 when the poster is too small for the cards

    # --- text ----------------------------------------------------------------------------------
    def fit(self, where, paragraphs, weight, width, height, size, min_size=None, max_lines=None,
            report: bool = True) -> Block | None:
        """:func:`fit` with sizes from the design (pt); records a problem at ``where`` when it cannot fit
        (unless ``report`` is false: a measuring pass).

        ``where`` is a card and key, ``(card, "title")``, or a deck setting's key path (a str).
        """
        lo = min_size if min_size is not None else size
        block = fit(list(paragraphs), weight, width, height, size, lo, self.lang, max_lines=max_lines)
        if block is None and report:
            text = " ".join(paragraphs)
            message = f"{shown(text)} does not fit its place on the {self.w:g}×{self.h:g} mm poster even at {lo:g} pt; shorten it"
            if isinstance(where, str):
                self.problems.append(Problem(*self.deck.settings.locate(where), message))
            else:
                card, key = where
                self.problems.append(Problem(*card.locate(key), f"card {card.id!r}: {message}"))
        return block

    set = staticmethod(set_text)  # append a set block; return the y below it

    def symbol(self, boxes, style: theme.Style, cx: float, cy: float, r: float) -> None:
        """The phase (or family) symbol of ``style``, radius ``r``, centred at (cx, cy)."""
        key = symbol_key(style, r)
        self.artwork.setdefault(key, symbol_artwork(style, r))
        boxes.append(Use(key, cx, cy))

    # --- header --------------------------------------------------------------------------------
    def header(self, boxes: list[Box], codes: tuple[HeaderCode, ...]) -> float:
        """Kit title and subtitle at the top left; ``codes`` in a row at the top right, in reading
        order, each ``qr`` (≥ ``qr_min``) wide with its label under it. Returns the header's bottom."""
        d = self.design
        settings = self.deck.settings
        right = self.w - self.m
        size = max(d.qr_min, d.qr)
        row = len(codes) * size + (len(codes) - 1) * d.qr_gap if codes else 0.0
        width = right - self.m - (row + d.qr_gap if codes else 0.0)
        title = self.fit("title", [settings.title], "bold", width, d.title_room, d.title_pt, d.heading_pt, max_lines=2)
        y = self.set(boxes, title, self.m, self.m, "bold", theme.INK)
        if settings.subtitle:
            sub = self.fit("subtitle", [settings.subtitle], "regular", width, d.subtitle_room, d.subtitle_pt, d.body_min_pt, max_lines=2)
            y = self.set(boxes, sub, self.m, y + d.subtitle_gap, "regular", theme.MUTED)
        for i, code in enumerate(codes):
            x = right - row + i * (size + d.qr_gap)
            modules = side_for(code.payload)
            quiet = size / modules * QUIET_ZONE
            # The quiet zone may reach into the margin; the code itself keeps to the margin line.
            boxes.append(QR(x - quiet, self.m - quiet, size + 2 * quiet, theme.INK, theme.PAPER, code.payload, link=code.link))
            # A label is the tool's own words: wrapped to its code, never wider.
            block = fit([code.label], "bold", size, d.qr_label_room, d.label_pt, d.label_min_pt, self.lang, max_lines=2)
            if block is not None:
                end = self.set(boxes, block, x + size / 2, self.m + size + d.qr_label_gap, "bold", theme.INK, "centre")
                y = max(y, end)
        return y

    # --- the cycle -----------------------------------------------------------------------------
    def cycle(self, boxes: list[Box], top: float, bottom: float) -> None:
        """Six phase fields clockwise around the SESAM centre, between ``top`` and ``bottom``.

        Each field holds a slot for its phase card and :data:`QUESTION_SLOTS` for question cards,
        at the card's size: the top and bottom fields in a row (phase card, then the questions),
        the middle ones as a pyramid (phase card over the questions). Slots shrink, all alike, only
        when the board between ``top`` and ``bottom`` is too small (``slot_scale`` says how much).
        A deck without SESAM's values and action fields has no centre: the middle fields are as
        wide as the others and set in a row too, six fields in three rows of two.
        """
        d = self.design
        phases = {c.phase: c for c in self.deck.phases()}
        x0, x1 = self.m, self.w - self.m
        gap, pad, sg = d.gap, d.pad, d.slot_gap
        cw, ch = self.card_w, self.card_h
        half = (x1 - x0 - gap) / 2
        centre = self.has_centre
        k = min(1.0, (half - 2 * pad - QUESTION_SLOTS * sg) / ((1 + QUESTION_SLOTS) * cw))
        if centre:  # the middle fields leave the centre its width: the question slots in a narrower row
            k = min(k, ((x1 - x0 - 2 * gap - d.centre_min) / 2 - (QUESTION_SLOTS - 1) * sg - 2 * pad) / (QUESTION_SLOTS * cw))
        side = max(d.side_min, QUESTION_SLOTS * cw * k + (QUESTION_SLOTS - 1) * sg + 2 * pad) if centre else half
        widths = {n: side if CYCLE[n][0] == 1 else half for n in CYCLE}
        heading = {
            row: max(self.heading_height(phases.get(n), n, widths[n] - 2 * pad) for n in CYCLE if CYCLE[n][0] == row)
            for row in (0, 1, 2)
        }
        middle = 2 if centre else 1  # slots stacked in the middle row's fields: a pyramid beside the centre
        stack_gap = sg if centre else 0.0
        fixed = 2 * gap + 6 * pad + sum(heading.values()) + 3 * d.slot_heading_gap + stack_gap
        k = max(0.0, min(k, (bottom - top - fixed) / ((2 + middle) * ch)))  # each row's slots, one above the other
        self.slot_scale = k
        sw, sh = cw * k, ch * k
        heights = {row: 2 * pad + heading[row] + d.slot_heading_gap + sh * (middle if row == 1 else 1) + (stack_gap if row == 1 else 0)
                   for row in (0, 1, 2)}
        # Spare height goes to the fields, below their slots: room for more cards.
        spare = max(0.0, bottom - top - 2 * gap - sum(heights.values()))
        heights = {row: height + spare / 3 for row, height in heights.items()}
        tops = {0: top, 1: top + heights[0] + gap, 2: top + heights[0] + heights[1] + 2 * gap}
        rects = {}
        for number, (row, col) in CYCLE.items():
            w = widths[number]
            x = x0 if col == 0 else x1 - w
            rects[number] = (x, tops[row], w, heights[row])
            slot_top = tops[row] + pad + heading[row] + d.slot_heading_gap
            self.field(boxes, phases.get(number), number, rects[number], slot_top, (sw, sh), pyramid=centre and row == 1)
        if centre:
            self.centre(boxes, (x0 + side + gap, tops[1], x1 - x0 - 2 * side - 2 * gap, heights[1]))
        self.flow_arrows(boxes, rects)

    # --- the bottom band -----------------------------------------------------------------------
    def band(self, boxes: list[Box], bleed: float) -> float:
        """The band along the bottom edge: the thin ↔ thick axis and the credits; returns its top.
        A deck without stages has no axis: the credits stand alone under the cycle, on white."""
        d = self.design
        settings = self.deck.settings
        area_w = self.w - 2 * self.m
        credits = self.fit("credits", ["  ·  ".join(settings.credits)], "regular", area_w, d.credits_room, d.body_min_pt, max_lines=2)
        credits_h = credits.height if credits else 0.0
        if not self.has_axis:
            if credits:
                self.set(boxes, credits, self.m, self.h - self.m - credits_h, "regular", theme.MUTED)
            return self.h - self.m - credits_h
        axis_h = self.axis(None, self.m, 0.0, area_w)  # measure only
        top = self.h - self.m - credits_h - d.band_gap - axis_h - d.band_top_pad
        boxes.append(Rect(-bleed, top, self.w + 2 * bleed, self.h - top + bleed, fill=theme.SESAM.tint))
        boxes.append(Rect(-bleed, top, self.w + 2 * bleed, d.band_rule, fill=theme.SESAM.colour))
        self.axis(boxes, self.m, top + d.band_top_pad, area_w)
        if credits:
            self.set(boxes, credits, self.m, self.h - self.m - credits_h, "regular", theme.MUTED)
        return top


__all__ = ["Board", "GROUND", "CYCLE", "HeaderCode", "QUESTION_SLOTS"]
