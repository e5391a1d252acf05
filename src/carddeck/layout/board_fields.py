"""The board's phase fields and the flow between them: parts of :class:`~.board.Board`.

:class:`FieldParts` is mixed into the board; its methods read the board's ``design`` (the
design at the poster's size) and append placed boxes. A phase field looks like its cards: the
phase's tint as ground, its full colour as edge, symbol + number + title as heading, then the
subtitle, and dashed slots at the card's size where the phase card and the question cards are laid.
"""

from __future__ import annotations

import math

from .. import fonts, theme
from ..labels import label
from ..units import pt_to_mm
from .boxes import Rect, Shape, Text
from .symbols import symbol
from .text import fit


def arrow(cx: float, cy: float, length: float, angle: float, colour: str, shaft: float) -> Shape:
    """A solid arrow centred at (cx, cy) pointing at ``angle`` degrees (0 = right, 90 = down)."""
    head = length * 0.45
    half = shaft / 2
    hw = shaft * 1.6
    pts = [(-length / 2, -half), (length / 2 - head, -half), (length / 2 - head, -hw), (length / 2, 0.0),
           (length / 2 - head, hw), (length / 2 - head, half), (-length / 2, half)]
    a = math.radians(angle)
    ca, sa = math.cos(a), math.sin(a)
    return Shape(tuple((cx + px * ca - py * sa, cy + px * sa + py * ca) for px, py in pts), colour)


class FieldParts:
    """The phase fields, their card slots and the flow badges (mixed into the Board)."""

    def _title_indent(self, number: int) -> float:
        """How far a field's title hangs in: past the symbol and the phase number."""
        d = self.design
        return 2 * d.symbol_r + d.symbol_gap + fonts.width(str(number), "bold", d.heading_pt) + d.symbol_gap

    def _title_blocks(self, card, number: int, width: float, height: float):
        """(indent, title block, subtitle block) of a field heading ``width`` mm wide and at most
        ``height`` tall: the title hangs beside the symbol and number; the subtitle runs under them,
        on the left edge of the field's slots."""
        d = self.design
        indent = self._title_indent(number)
        if card is None:
            return indent, None, None
        title = self.fit((card, "title"), [card.title], "bold", width - indent, height, d.heading_pt)
        rest = height - (title.height if title else 0.0) - d.subtitle_gap_field
        sub = self.fit((card, "subtitle"), [card.subtitle], "regular", width, max(rest, 0.0), d.body_pt, d.body_min_pt)
        return indent, title, sub

    def heading_height(self, card, number: int, width: float) -> float:
        """How tall a field heading is at ``width`` (measured without reporting problems)."""
        d = self.design
        if card is None:
            return pt_to_mm(d.heading_pt * (fonts.CAP_HEIGHT + fonts.DESCENT))
        indent = self._title_indent(number)
        title = fit([card.title], "bold", width - indent, d.heading_room, d.heading_pt, d.heading_pt, self.lang)
        sub = fit([card.subtitle], "regular", width, d.heading_room, d.body_pt, d.body_min_pt, self.lang)
        if title is None or sub is None:
            return d.heading_room  # reported when the heading is set
        return min(d.heading_room, title.height + d.subtitle_gap_field + sub.height)

    def _heading(self, boxes, card, number: int, x: float, y: float, width: float, height: float) -> float:
        """Symbol, number, title and subtitle from (x, y); returns the y below them."""
        d = self.design
        style = theme.PHASES[number]
        indent, title, sub = self._title_blocks(card, number, width, height)
        cap = pt_to_mm(d.heading_pt * fonts.CAP_HEIGHT)
        r = d.symbol_r
        self.symbol(boxes, style, x + r, y + cap / 2, r)
        boxes.append(Text(x + 2 * r + d.symbol_gap, y + cap, str(number), "bold", d.heading_pt, style.deep))
        if title is None:
            return y + cap + pt_to_mm(d.heading_pt * fonts.DESCENT)
        end = self.set(boxes, title, x + indent, y, "bold", theme.INK)
        if sub is not None:
            end = self.set(boxes, sub, x, end + d.subtitle_gap_field, "regular", theme.INK)
        return end

    def field(self, boxes, card, number: int, rect, slot_top: float, slot_size, pyramid: bool) -> None:
        """One phase field: ground, edge, heading, and from ``slot_top`` the card slots.

        In a row the phase card's slot is at the left and the question slots at the right; as a
        ``pyramid`` the phase card's slot is centred over a row of question slots.
        """
        from .board import QUESTION_SLOTS

        d = self.design
        x, y, w, h = rect
        style = theme.PHASES[number]
        pad, sg = d.pad, d.slot_gap
        sw, sh = slot_size
        boxes.append(Rect(x, y, w, h, fill=style.tint, stroke=style.edge, stroke_width=d.edge_width, radius=d.radius))
        self._heading(boxes, card, number, x + pad, y + pad, w - 2 * pad, slot_top - d.slot_heading_gap - y - pad)
        if pyramid:
            self._slot(boxes, style, x + (w - sw) / 2, slot_top, sw, sh)
            row_y = slot_top + sh + sg
            step = (w - 2 * pad - sw) / (QUESTION_SLOTS - 1) if QUESTION_SLOTS > 1 else 0.0
            questions = [(x + pad + i * step, row_y) for i in range(QUESTION_SLOTS)]
        else:
            self._slot(boxes, style, x + pad, slot_top, sw, sh)
            right = x + w - pad
            questions = [(right - (QUESTION_SLOTS - i) * sw - (QUESTION_SLOTS - 1 - i) * sg, slot_top) for i in range(QUESTION_SLOTS)]
        for qx, qy in questions:
            self._question_slot(boxes, style, qx, qy, sw, sh)

    def _outline(self, boxes, style, x, y, w, h) -> None:
        """A card slot's dashed outline on white."""
        d = self.design
        boxes.append(Rect(x, y, w, h, fill=theme.PAPER, stroke=style.deep, stroke_width=d.fine_rule,
                          radius=min(w, h) * d.slot_radius, dash=d.slot_dash))

    def _slot(self, boxes, style, x, y, w, h) -> None:
        """The dashed outline where the phase card is laid, with a ghost symbol and a label."""
        d = self.design
        self._outline(boxes, style, x, y, w, h)
        r = min(w, h) * d.ghost_r
        cx, cy = x + w / 2, y + h * d.ghost_y
        boxes.append(symbol(style, cx, cy, r, fill=style.tint, outline=False))
        self._slot_label(boxes, label(self.lang, "slot"), x, y + h * d.slot_label_y, w, h)

    def _question_slot(self, boxes, style, x, y, w, h) -> None:
        """The dashed outline where a question card is laid, with a label."""
        self._outline(boxes, style, x, y, w, h)
        self._slot_label(boxes, label(self.lang, "cards_here"), x, y + h * self.design.question_label_y, w, h)

    def _slot_label(self, boxes, text: str, x: float, top: float, w: float, h: float) -> None:
        # The label is the tool's own word, not deck text: on a slot too small for it, leave it out.
        d = self.design
        block = fit([text], "regular", w - 2 * d.slot_label_inset, h * d.slot_label_room, d.body_min_pt, d.body_min_pt, self.lang)
        if block is not None:
            self.set(boxes, block, x + w / 2, top, "regular", theme.MUTED, "centre")

    def flow_arrows(self, boxes, rects) -> None:
        """Badges with arrows in the gaps between fields: 1 → 2 → 3 → 4 → 5 → 6 → 1, clockwise."""
        d = self.design
        r = d.badge_r

        def badge(cx, cy, angle):
            boxes.append(Shape((), theme.INK, theme.PAPER, d.badge_ring, cx, cy, r))
            boxes.append(arrow(cx, cy, r * d.badge_arrow, angle, theme.PAPER, r * d.badge_shaft))

        x1, y1, w1, h1 = rects[1]
        x2, y2, w2, h2 = rects[2]
        x3, y3, w3, h3 = rects[3]
        x4, y4, w4, h4 = rects[4]
        x6, y6, w6, h6 = rects[6]
        badge((x1 + w1 + x2) / 2, y1 + h1 / 2, 0)  # 1 → 2
        badge(x3 + w3 / 2, (y2 + h2 + y3) / 2, 90)  # 2 → 3
        badge(x3 + w3 / 2, (y3 + h3 + y4) / 2, 90)  # 3 → 4
        badge((x1 + w1 + x2) / 2, y4 + h4 / 2, 180)  # 4 → 5
        badge(x6 + w6 / 2, (y6 + h6 + y4) / 2, -90)  # 5 → 6
        badge(x6 + w6 / 2, (y1 + h1 + y6) / 2, -90)  # 6 → 1
