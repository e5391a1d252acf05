"""The regions of the board poster, each laid out into placed boxes (mm, top-left origin, y down).

:class:`Board` holds the deck, the poster size and the design at that size (:mod:`.board_design`);
each method lays out one region and returns where it ends, so :mod:`.poster` only stacks them.
The phase fields and the flow between them are the board's parts in :mod:`.board_fields`, the
SESAM centre and the thin ↔ thick axis its parts in :mod:`.board_sesam`. Every text is set with
:func:`.text.fit`; text that cannot fit is collected as a :class:`~carddeck.errors.Problem`
naming the card (or deck setting) and key, with its line.
"""

from __future__ import annotations

from .. import fonts, theme
from ..errors import Problem
from ..labels import label
from ..qr import QUIET_ZONE, side_for
from ..units import pt_to_mm
from .board_design import A1_WIDTH, BOARD
from .board_fields import FieldParts
from .board_sesam import SesamParts
from .boxes import QR, Box, Line, Rect, Text, Use
from .symbols import symbol_artwork, symbol_key
from .text import Block, fit, set_text

GROUND = theme.PAPER  # white: no toner on the open board, and no seams where office tiles overlap

# Where each phase sits in the cycle: (row, column) of a 3 × 2 grid, clockwise from top-left.
CYCLE = {1: (0, 0), 2: (0, 1), 3: (1, 1), 4: (2, 1), 5: (2, 0), 6: (1, 0)}


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
    def fit(self, where, paragraphs, weight, width, height, size, min_size=None, max_lines=None) -> Block | None:
        """:func:`fit` with sizes from the design (pt); records a problem at ``where`` when it cannot fit.

        ``where`` is a card and key, ``(card, "title")``, or a deck setting's key path (a str).
        """
        lo = min_size if min_size is not None else size
        block = fit(list(paragraphs), weight, width, height, size, lo, self.lang, max_lines=max_lines)
        if block is None:
            text = " ".join(paragraphs)
            message = f"{text!r} does not fit its place on the {self.w:g}×{self.h:g} mm poster even at {lo:g} pt; shorten it"
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
    def header(self, boxes: list[Box], qr_url: str | None, wifi: str | None = None) -> float:
        """Kit title and subtitle at the top left; at the top right the QR code to ``qr_url`` (the
        notes overview) and, left of it, the Wi-Fi join code ``wifi`` (a ``WIFI:`` payload). Each
        code is ≥ ``qr_min`` wide, flush right with its caption below. Returns the header's bottom edge."""
        d = self.design
        settings = self.deck.settings
        side = max(d.qr_min, d.qr)  # the code itself, without its quiet zone
        codes = []  # (payload, its modules across, caption, column width), right to left
        for payload, key in ((qr_url, "scan"), (wifi, "wifi_join")):
            if payload:
                caption = label(self.lang, key)
                column = max(side, fonts.width(caption, "bold", d.label_pt))
                codes.append((payload, side_for(payload), caption, column))
        right = self.w - self.m
        width = right - self.m - sum(column + d.gap for *_, column in codes)
        title = self.fit("title", [settings.title], "bold", width, d.title_room, d.title_pt, d.heading_pt, max_lines=2)
        y = self.set(boxes, title, self.m, self.m, "bold", theme.INK)
        if settings.subtitle:
            sub = self.fit("subtitle", [settings.subtitle], "regular", width, d.subtitle_room, d.subtitle_pt, d.body_min_pt, max_lines=2)
            y = self.set(boxes, sub, self.m, y + d.subtitle_gap, "regular", theme.MUTED)
        for payload, modules, caption, column in codes:
            qr_size = side / modules * (modules + 2 * QUIET_ZONE)
            quiet = side / modules * QUIET_ZONE
            # The quiet zone may reach into the margin; the code itself keeps to the margin line.
            qx, qy = right - qr_size + quiet, self.m - quiet
            # A WIFI: payload is no address to link to; only the overview code becomes a link.
            boxes.append(QR(qx, qy, qr_size, theme.INK, theme.PAPER, payload, link=payload == qr_url))
            base = qy + qr_size - quiet + pt_to_mm(d.label_pt * fonts.CAP_HEIGHT) + d.qr_label_gap
            boxes.append(Text(right, base, caption, "bold", d.label_pt, theme.INK, "right"))
            y = max(y, base + pt_to_mm(d.label_pt * fonts.DESCENT))
            right -= column + d.gap
        return y

    # --- the cycle -----------------------------------------------------------------------------
    def cycle(self, boxes: list[Box], top: float, bottom: float) -> None:
        """Six phase fields clockwise around the SESAM centre, between ``top`` and ``bottom``."""
        d = self.design
        phases = {c.phase: c for c in self.deck.phases()}
        x0, x1 = self.m, self.w - self.m
        gap, pad = d.gap, d.pad
        half = (x1 - x0 - gap) / 2
        side = d.side_width
        inner = d.slot_heading_gap
        mid_heading = max(self.heading_height(phases.get(n), n, side - 2 * pad, full=True) for n in (3, 6))
        height = bottom - top
        # The slots keep the card's size unless the board is too small for it.
        k = min(
            1.0,
            (height - 6 * pad - 2 * gap - mid_heading - inner) / (3 * self.card_h),
            (side - 2 * pad) / self.card_w,
            (half - 3 * pad - d.text_min) / self.card_w,
        )
        self.slot_scale = k
        slot_w, slot_h = self.card_w * k, self.card_h * k
        row_w = slot_h + 2 * pad
        row_m = mid_heading + inner + slot_h + 2 * pad
        spare = max(0.0, height - 2 * row_w - row_m - 2 * gap)
        row_w += spare / 3
        row_m = height - 2 * row_w - 2 * gap
        rows = {0: (top, row_w), 1: (top + row_w + gap, row_m), 2: (bottom - row_w, row_w)}
        rects = {}
        for number, (row, col) in CYCLE.items():
            y, h = rows[row]
            if row == 1:
                x, w = (x0, side) if col == 0 else (x1 - side, side)
            else:
                x, w = (x0, half) if col == 0 else (x0 + half + gap, half)
            rects[number] = (x, y, w, h)
            layout = "stacked" if row == 1 else ("slot-left" if col == 0 else "slot-right")
            self.field(boxes, phases.get(number), number, (x, y, w, h), layout, (slot_w, slot_h))
        y, h = rows[1]
        self.centre(boxes, (x0 + side + gap, y, x1 - x0 - 2 * side - 2 * gap, h))
        self.flow_arrows(boxes, rects)

    # --- write-in lists ------------------------------------------------------------------------
    def writeins(self, boxes: list[Box], bottom: float) -> float:
        """The group's own lists side by side, numbered lines for a marker; returns their top."""
        d = self.design
        lists = self.deck.writein_lists()
        if not lists:
            return bottom
        cards = {c.title: c for c in self.deck.of_kind("writein")}
        gap, pad = d.gap, d.pad
        x0 = self.m
        width = (self.w - 2 * self.m - gap * (len(lists) - 1)) / len(lists)
        pitch = d.list_pitch
        heads = [
            self.fit((cards[t], "title"), [t], "bold", width - 2 * pad, d.list_heading_room, d.heading_pt, max_lines=1)
            for t in lists
        ]
        head_h = max((b.height for b in heads if b), default=0.0)
        most = max(lists.values())
        height = pad + head_h + d.list_heading_gap + most * pitch + d.list_end
        top = bottom - height
        for i, (title, count) in enumerate(lists.items()):
            x = x0 + i * (width + gap)
            boxes.append(Rect(x, top, width, height, fill=theme.PAPER, stroke=theme.RULE, stroke_width=d.list_rule, radius=d.radius))
            y = self.set(boxes, heads[i], x + pad, top + pad, "bold", theme.INK)
            y = top + pad + head_h + d.list_heading_gap
            for n in range(1, count + 1):
                base = y + n * pitch
                boxes.append(Text(x + pad, base - d.list_number_rise, f"{n}.", "bold", d.body_pt, theme.MUTED))
                boxes.append(Line(x + pad + d.list_number_w, base, x + width - pad, base, theme.RULE, d.list_rule))
        return top

    # --- the bottom band -----------------------------------------------------------------------
    def band(self, boxes: list[Box], bleed: float) -> float:
        """The band along the bottom edge: the thin ↔ thick axis and the credits; returns its top."""
        d = self.design
        settings = self.deck.settings
        area_w = self.w - 2 * self.m
        credits = self.fit("credits", ["  ·  ".join(settings.credits)], "regular", area_w, d.credits_room, d.body_min_pt, max_lines=2)
        credits_h = credits.height if credits else 0.0
        axis_h = self.axis(None, self.m, 0.0, area_w)  # measure only
        top = self.h - self.m - credits_h - d.band_gap - axis_h - d.band_top_pad
        boxes.append(Rect(-bleed, top, self.w + 2 * bleed, self.h - top + bleed, fill=theme.SESAM.tint))
        boxes.append(Rect(-bleed, top, self.w + 2 * bleed, d.band_rule, fill=theme.SESAM.colour))
        self.axis(boxes, self.m, top + d.band_top_pad, area_w)
        if credits:
            self.set(boxes, credits, self.m, self.h - self.m - credits_h, "regular", theme.MUTED)
        return top


__all__ = ["Board", "GROUND", "CYCLE"]
