"""SESAM on the board: the centre (values and action fields) and the thin ↔ thick axis.

:class:`SesamParts` is mixed into :class:`~.board.Board`; its methods read the board's
``design`` and append placed boxes. Each part draws the cards of one of the default deck's
SESAM families, by its key and template (:data:`SESAM_PARTS`); a deck without cards of a part
has no such part on its board (and needs none of its ``sections:`` keys), so a dialogue tool of
its own gets no empty SESAM centre and no empty axis.
"""

from __future__ import annotations

import math

from .. import fonts, theme
from ..units import pt_to_mm
from .board_fields import arrow
from .boxes import Line, Rect, Shape, Text
from .text import fit


# The board's SESAM parts: the family whose cards each one draws (the default deck's keys), and
# the template the part reads them by (a family of that key on another template is not drawn).
SESAM_PARTS = {"values": ("value", "value"), "actions": ("action", "statement"), "axis": ("stage", "stage")}


class SesamParts:
    """SESAM's centre and the thin ↔ thick axis (mixed into the Board)."""

    def sesam_cards(self, part: str) -> list:
        """The cards that SESAM part ``part`` (a key of :data:`SESAM_PARTS`) draws, by number."""
        kind, template = SESAM_PARTS[part]
        return sorted((c for c in self.deck.of_kind(kind) if c.family.template.name == template), key=lambda c: c.number)

    @property
    def has_centre(self) -> bool:
        """True when the deck has values or action fields: the cycle goes round them."""
        return bool(self.sesam_cards("values") or self.sesam_cards("actions"))

    @property
    def has_axis(self) -> bool:
        """True when the deck has stages of thin ↔ thick co-creation: the band draws their axis."""
        return bool(self.sesam_cards("axis"))

    def centre(self, boxes, rect) -> None:
        """SESAM: the values (what gives lift) and the action fields (what gives forward motion);
        a deck with only one of the two gets only its group, top-aligned."""
        d = self.design
        x, y, w, h = rect
        deck = self.deck
        sections = deck.settings.sections
        pad = d.pad * d.centre_pad
        style = theme.SESAM
        boxes.append(Rect(x, y, w, h, fill=style.tint, stroke=style.colour, stroke_width=d.edge_width, radius=d.radius))
        inner = w - 2 * pad
        icon = d.icon

        values = self.sesam_cards("values")
        actions = self.sesam_cards("actions")
        head_w = inner - icon - d.icon_gap
        head_v = head_a = None
        if values:
            head_v = self.fit("sections.value", [sections.value], "bold", head_w, d.centre_heading_room, d.heading_pt)
        if actions:
            head_a = self.fit("sections.action", [sections.action], "bold", head_w, d.centre_heading_room, d.heading_pt)
        chip_h = d.chip_h
        col_w = (inner - d.col_gap) / 2
        v_rows = math.ceil(len(values) / 2)
        a_rows = math.ceil(len(actions) / 2)
        indent = d.action_indent
        # One size for every action field, the largest at which each fits its column in two lines.
        a_size = d.body_pt
        for card in actions:
            block = self.fit((card, "text"), [card.text], "regular", col_w - indent, d.action_room, d.body_pt, d.body_min_pt, max_lines=2)
            if block is not None:
                a_size = min(a_size, block.size)
        a_blocks = [fit([c.text], "regular", col_w - indent, d.action_room, a_size, a_size, self.lang) for c in actions]
        a_gap = pt_to_mm(a_size * d.action_gap)
        row_h = [
            max((blk.height for blk in a_blocks[r::a_rows] if blk), default=0.0) + a_gap for r in range(a_rows)
        ]
        a_height = sum(row_h)
        v_used = (head_v.height if head_v else 0) + d.value_gap + v_rows * (chip_h + d.chip_gap)
        if values and actions:
            used = v_used + d.group_gap + (head_a.height if head_a else 0) + d.chip_gap + a_height
        else:
            used = v_used if values else (head_a.height if head_a else 0) + d.chip_gap + a_height
        # Top-aligned with the fields' headings; spare height makes the value slots roomier for a marker.
        grow = min(d.chip_grow, max(0.0, h - 2 * d.pad - used) / max(1, v_rows))
        chip_h += grow
        cy = y + d.pad

        # lift: the values
        if values:
            cy = self._values(boxes, values, head_v, x, cy, pad, col_w, chip_h, style)
            if actions:
                cy += v_rows * (chip_h + d.chip_gap) + d.group_gap
                cy += max(0.0, h - 2 * d.pad - used - grow * v_rows) / 2  # the rest of the spare height, between the two groups
        if actions:
            self._actions(boxes, actions, a_blocks, a_size, head_a, row_h, x, cy, pad, col_w, style)

    def _values(self, boxes, values, head_v, x, cy, pad, col_w, chip_h, style) -> float:
        """The values' heading and their boxes (a line to write on where a value has no text yet)
        from ``cy`` down; returns the y of the first row of boxes."""
        d = self.design
        icon, cap, item = d.icon, pt_to_mm(d.heading_pt * fonts.CAP_HEIGHT), d.body_pt
        if head_v:
            boxes.append(arrow(x + pad + icon / 2, cy + cap / 2, icon, -90, style.deep, icon * d.icon_shaft))
            cy = self.set(boxes, head_v, x + pad + icon + d.icon_gap, cy, "bold", theme.INK)
        cy += d.value_gap
        for i, card in enumerate(values):
            cx = x + pad + (i % 2) * (col_w + d.col_gap)
            ry = cy + (i // 2) * (chip_h + d.chip_gap)
            boxes.append(Rect(cx, ry, col_w, chip_h, fill=theme.PAPER, stroke=style.colour, stroke_width=d.chip_rule, radius=d.chip_radius))
            num = str(card.number)
            boxes.append(Text(cx + d.chip_inset, ry + chip_h / 2 + pt_to_mm(item * fonts.CAP_HEIGHT) / 2, num, "bold", item, style.deep))
            tx = cx + d.chip_inset + fonts.width("0", "bold", item) + d.chip_inset
            if card.text:
                block = self.fit((card, "text"), [card.text], "bold", cx + col_w - tx - d.chip_text_inset, chip_h, d.body_pt, d.body_min_pt, max_lines=1)
                if block:
                    boxes.append(Text(tx, ry + chip_h / 2 + pt_to_mm(block.size * fonts.CAP_HEIGHT) / 2, block.paragraphs[0][0], "bold", block.size, theme.INK))
            else:
                line_y = ry + chip_h - d.chip_line_rise
                boxes.append(Line(tx, line_y, cx + col_w - d.chip_line_rise, line_y, theme.RULE, d.chip_rule))
        return cy

    def _actions(self, boxes, actions, a_blocks, a_size, head_a, row_h, x, cy, pad, col_w, style) -> None:
        """Forward motion: the action fields' heading, then the fields in two columns, from ``cy``."""
        d = self.design
        icon, cap, indent = d.icon, pt_to_mm(d.heading_pt * fonts.CAP_HEIGHT), d.action_indent
        a_rows = len(row_h)
        if head_a:
            boxes.append(arrow(x + pad + icon / 2, cy + cap / 2, icon, 0, style.deep, icon * d.icon_shaft))
            cy = self.set(boxes, head_a, x + pad + icon + d.icon_gap, cy, "bold", theme.INK)
        cy += d.chip_gap
        for i, (card, block) in enumerate(zip(actions, a_blocks)):
            col, row = divmod(i, a_rows)
            ax = x + pad + col * (col_w + d.col_gap)
            top = cy + sum(row_h[:row])
            boxes.append(Text(ax, top + pt_to_mm(a_size * fonts.CAP_HEIGHT), str(card.number), "bold", a_size, style.deep))
            self.set(boxes, block, ax + indent, top, "regular", theme.INK)

    def axis(self, boxes, x: float, top: float, width: float) -> float:
        """The thin ↔ thick axis with its stages; ``boxes`` None only measures. Returns the height.

        The end labels sit on the axis's line, left and right of its arrowheads; each stage has a
        numbered dot on the line and its title and text centred under it, in equal columns.
        """
        d = self.design
        deck = self.deck
        sections = deck.settings.sections
        stages = self.sesam_cards("axis")
        style = theme.SESAM
        r = d.stage_r
        line_y = top + r
        n = max(1, len(stages))
        col_w = (width - d.stage_gutter * (n - 1)) / n
        # An end label keeps clear of the first (last) stage's dot: an arrowhead and some axis between.
        end_w = col_w / 2 - r - d.axis_shaft_min - d.axis_head - d.axis_label_gap
        def fitter(*args, **kwargs):
            return self.fit(*args, report=boxes is not None, **kwargs)

        ends = [fitter(key, [text], "bold", end_w, d.stage_title_room, d.body_pt, d.body_min_pt, max_lines=1)
                for key, text in (("sections.thin", sections.thin), ("sections.thick", sections.thick))]
        blocks = []
        for card in stages:
            t = fitter((card, "title"), [card.title], "bold", col_w, d.stage_title_room, d.body_pt, d.body_min_pt)
            s = fitter((card, "text"), [card.text], "regular", col_w, d.stage_text_room, d.body_min_pt)
            blocks.append((t, s))
        text_top = line_y + r + d.stage_text_gap
        text_h = max((((t.height if t else 0) + d.stage_line_gap + (s.height if s else 0)) for t, s in blocks), default=0.0)
        height = text_top + text_h - top
        if boxes is None:
            return height
        # An end label is one line (max_lines=1); an empty one leaves the axis its full width.
        (thin, thin_text), (thick, thick_text) = ((b, b.paragraphs[0][0] if b and b.line_count else "") for b in ends)
        left = x + (fonts.width(thin_text, "bold", thin.size) + d.axis_label_gap if thin_text else 0.0)
        right = x + width - (fonts.width(thick_text, "bold", thick.size) + d.axis_label_gap if thick_text else 0.0)
        for block, text, tx, align in ((thin, thin_text, x, "left"), (thick, thick_text, x + width, "right")):
            if text:
                boxes.append(Text(tx, line_y + pt_to_mm(block.size * fonts.CAP_HEIGHT) / 2, text, "bold", block.size, style.deep, align))
        shaft, head = d.axis_shaft, d.axis_head
        boxes.append(Rect(left + head * 0.9, line_y - shaft / 2, right - left - 1.8 * head, shaft, fill=style.colour))
        for sign, tip in ((-1, left), (1, right)):
            boxes.append(Shape(((tip, line_y), (tip - sign * head, line_y - head * 0.6), (tip - sign * head, line_y + head * 0.6)), style.colour))
        num_size = d.body_min_pt
        for i, (card, (t, s)) in enumerate(zip(stages, blocks)):
            cx = x + i * (col_w + d.stage_gutter) + col_w / 2
            boxes.append(Shape((), theme.PAPER, style.deep, d.stage_ring, cx, line_y, r))
            boxes.append(Text(cx, line_y + pt_to_mm(num_size * fonts.CAP_HEIGHT) / 2, str(card.number), "bold", num_size, theme.INK, "centre"))
            y = self.set(boxes, t, cx, text_top, "bold", theme.INK, "centre")
            self.set(boxes, s, cx, y + d.stage_line_gap, "regular", theme.INK, "centre")
        return height
