"""The regions of the board poster, each laid out into placed boxes (mm, top-left origin, y down).

:class:`Board` holds the deck, the poster size and the scale (poster width / A1 width); each
method lays out one region and returns where it ends, so :mod:`.poster` only stacks them.
Every text is set with :func:`.text.fit`; text that cannot fit is collected as a
:class:`~carddeck.errors.Problem` naming the card (or deck setting) and key.
"""

from __future__ import annotations

from pathlib import Path

from .. import fonts, theme
from ..errors import Problem
from ..labels import label
from ..qr import QUIET_ZONE, matrix, symbol_modules
from ..units import mm
from .boxes import QR, Box, Line, Rect, Text, Use
from .symbols import symbol_artwork, symbol_key
from .text import Block, fit, set_text

A1_W = 594.0
GROUND = theme.PAPER  # white: no toner on the open board, and no seams where office tiles overlap

# Lengths of the A1 design, in mm; scaled with the poster (Board.l).
MARGIN = 15.0  # nothing essential closer to the poster edge
BLOCK_GAP = 6.5  # between header, cycle, write-in lists and band
GAP = 9.0  # between phase fields
PAD = 7.0  # inside a field
RADIUS = 5.0
SIDE_W = 165.0  # the middle fields (6 and 3), either side of the SESAM centre
TEXT_MIN = 110.0  # the narrowest text column beside a slot
PITCH = 12.5  # write-in lines: room for a marker

QR_MIN = 30.0  # mm, the overview code itself (quiet zone excluded), at every poster size

# Type sizes of the A1 design in points (scaled; nothing on the board is smaller than BODY_MIN).
TITLE, HEADING, BODY, BODY_MIN = 72.0, 48.0, 24.0, 20.0

# Where each phase sits in the cycle: (row, column) of a 3 × 2 grid, clockwise from top-left.
CYCLE = {1: (0, 0), 2: (0, 1), 3: (1, 1), 4: (2, 1), 5: (2, 0), 6: (1, 0)}


class Board:
    """One poster being laid out: ``w`` × ``h`` mm, slots for cards of ``card_size``."""

    def __init__(self, deck, w: float, h: float, card_size: tuple[float, float]):
        self.deck, self.w, self.h = deck, w, h
        self.card_w, self.card_h = card_size
        self.scale = w / A1_W
        self.lang = deck.settings.lang
        self.m = max(10.0, self.l(MARGIN))  # at every size, nothing essential within 10 mm of the edge
        self.artwork: dict = {}
        self.problems: list[Problem] = []
        self.slots: list[tuple[int, float, float, float, float]] = []  # (phase, x, y, w, h), for tests
        self.slot_scale = 1.0  # slot size / card size; below 1 when the poster is too small for the cards

    # --- units ---------------------------------------------------------------------------------
    def l(self, length: float) -> float:
        """A length of the A1 design at this poster's size."""
        return length * self.scale

    def pt(self, size: float) -> float:
        """A type size of the A1 design at this poster's size, to the half point."""
        return round(size * self.scale * 2) / 2

    # --- text ----------------------------------------------------------------------------------
    def fit(self, where, paragraphs, weight, width, height, size, min_size=None, max_lines=None) -> Block | None:
        """:func:`fit` at this poster's scale; records a problem at ``where`` when it cannot fit.

        ``where`` is a card and key, ``(card, "title")``, or a deck setting's key path (a str).
        """
        lo = self.pt(min_size if min_size is not None else size)
        block = fit(list(paragraphs), weight, width, height, self.pt(size), lo, self.lang, max_lines=max_lines)
        if block is None:
            text = " ".join(paragraphs)
            message = f"{text!r} does not fit its place on the {self.w:g}×{self.h:g} mm poster even at {lo:g} pt; shorten it"
            if isinstance(where, str):
                self.problems.append(Problem(str(Path(self.deck.folder) / "deck.yaml"), 0, where, message))
            else:
                card, key = where
                self.problems.append(Problem(*card.locate(key), f"card {card.id!r}: {message}"))
        return block

    set = staticmethod(set_text)  # append a set block; return the y below it

    def symbol(self, boxes, style: theme.Style, cx: float, cy: float, r: float) -> None:
        key = symbol_key(style, r)
        self.artwork.setdefault(key, symbol_artwork(style, r))
        boxes.append(Use(key, cx, cy))

    # --- header --------------------------------------------------------------------------------
    def header(self, boxes: list[Box], qr_url: str | None) -> float:
        """Kit title and subtitle at the top left, the QR code to ``qr_url`` (the notes overview)
        at the top right, ≥ :data:`QR_MIN` wide. Returns the header's bottom edge."""
        settings = self.deck.settings
        right = self.w - self.m
        modules = matrix(qr_url) if qr_url else ()
        qr_size = max(QR_MIN, self.l(34.0)) / symbol_modules(modules) * len(modules) if qr_url else 0.0
        width = right - self.m - (qr_size + self.l(GAP) if qr_url else 0.0)
        title = self.fit("title", [settings.title], "bold", width, self.l(80), TITLE, HEADING, max_lines=2)
        y = self.set(boxes, title, self.m, self.m, "bold", theme.INK)
        if settings.subtitle:
            sub = self.fit("subtitle", [settings.subtitle], "regular", width, self.l(30), 28.0, BODY_MIN, max_lines=2)
            y = self.set(boxes, sub, self.m, y + self.l(3.5), "regular", theme.MUTED)
        if qr_url:
            quiet = qr_size / len(modules) * QUIET_ZONE
            # The quiet zone may reach into the margin; the code itself keeps to the margin line.
            qx, qy = right - qr_size + quiet, self.m - quiet
            boxes.append(QR(qx, qy, qr_size, modules, theme.INK, theme.PAPER, qr_url))
            size = self.pt(20.0)
            base = qy + qr_size - quiet + mm(size * fonts.CAP_HEIGHT) + self.l(3.0)
            boxes.append(Text(right, base, label(self.lang, "scan"), "bold", size, theme.INK, "right"))
            y = max(y, base + mm(size * fonts.DESCENT))
        return y

    # --- the cycle -----------------------------------------------------------------------------
    def cycle(self, boxes: list[Box], top: float, bottom: float) -> None:
        """Six phase fields clockwise around the SESAM centre, between ``top`` and ``bottom``."""
        from .board_fields import centre, field, flow_arrows, heading_height

        phases = {c.phase: c for c in self.deck.phases()}
        x0, x1 = self.m, self.w - self.m
        gap, pad = self.l(GAP), self.l(PAD)
        half = (x1 - x0 - gap) / 2
        side = self.l(SIDE_W)
        inner = self.l(6.0)  # between a middle field's heading and its slot
        mid_heading = max(heading_height(self, phases.get(n), n, side - 2 * pad, full=True) for n in (3, 6))
        height = bottom - top
        # The slots keep the card's size unless the board is too small for it.
        k = min(
            1.0,
            (height - 6 * pad - 2 * gap - mid_heading - inner) / (3 * self.card_h),
            (side - 2 * pad) / self.card_w,
            (half - 3 * pad - self.l(TEXT_MIN)) / self.card_w,
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
            field(self, boxes, phases.get(number), number, (x, y, w, h), layout, (slot_w, slot_h))
        y, h = rows[1]
        centre(self, boxes, (x0 + side + gap, y, x1 - x0 - 2 * side - 2 * gap, h))
        flow_arrows(self, boxes, rects)

    # --- write-in lists ------------------------------------------------------------------------
    def writeins(self, boxes: list[Box], bottom: float) -> float:
        """The group's own lists side by side, numbered lines for a marker; returns their top."""
        lists = self.deck.writein_lists()
        if not lists:
            return bottom
        cards = {c.title: c for c in self.deck.of_kind("writein")}
        gap, pad = self.l(GAP), self.l(PAD)
        x0 = self.m
        width = (self.w - 2 * self.m - gap * (len(lists) - 1)) / len(lists)
        pitch = self.l(PITCH)
        heads = [
            self.fit((cards[t], "title"), [t], "bold", width - 2 * pad, self.l(40), HEADING, max_lines=1)
            for t in lists
        ]
        head_h = max((b.height for b in heads if b), default=0.0)
        most = max(lists.values())
        height = pad + head_h + self.l(3.0) + most * pitch + self.l(5.0)
        top = bottom - height
        number_size = self.pt(BODY)
        for i, (title, count) in enumerate(lists.items()):
            x = x0 + i * (width + gap)
            boxes.append(Rect(x, top, width, height, fill=theme.PAPER, stroke=theme.RULE, stroke_width=self.l(0.5), radius=self.l(RADIUS)))
            y = self.set(boxes, heads[i], x + pad, top + pad, "bold", theme.INK)
            y = top + pad + head_h + self.l(3.0)
            for n in range(1, count + 1):
                base = y + n * pitch
                boxes.append(Text(x + pad, base - self.l(1.5), f"{n}.", "bold", number_size, theme.MUTED))
                boxes.append(Line(x + pad + self.l(11.0), base, x + width - pad, base, theme.RULE, self.l(0.5)))
        return top

    # --- the bottom band -----------------------------------------------------------------------
    def band(self, boxes: list[Box], bleed: float) -> float:
        """The band along the bottom edge: the thin ↔ thick axis and the credits; returns its top."""
        from .board_fields import axis

        settings = self.deck.settings
        area_w = self.w - 2 * self.m
        credits = self.fit("credits", ["  ·  ".join(settings.credits)], "regular", area_w, self.l(24), BODY_MIN, max_lines=2)
        credits_h = credits.height if credits else 0.0
        axis_h = axis(self, None, self.m, 0.0, area_w)  # measure only
        top = self.h - self.m - credits_h - self.l(8.0) - axis_h - self.l(9.0)
        boxes.append(Rect(-bleed, top, self.w + 2 * bleed, self.h - top + bleed, fill=theme.SESAM.tint))
        boxes.append(Rect(-bleed, top, self.w + 2 * bleed, self.l(1.2), fill=theme.SESAM.colour))
        axis(self, boxes, self.m, top + self.l(9.0), area_w)
        if credits:
            self.set(boxes, credits, self.m, self.h - self.m - credits_h, "regular", theme.MUTED)
        return top


__all__ = ["Board", "GROUND", "CYCLE"]
