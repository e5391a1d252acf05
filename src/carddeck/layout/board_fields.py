"""Parts of the board poster: a phase field, the SESAM centre, the flow arrows, the thin ↔ thick axis.

Each function takes the :class:`~.board.Board` being laid out and a rectangle (x, y, w, h) in mm
and appends placed boxes. A phase field looks like its cards: the phase's tint as ground, its
full colour as edge, symbol + number + title in the band, then the subtitle, and a dashed slot
at the card's size where the phase card is laid.
"""

from __future__ import annotations

import math

from .. import fonts, theme
from ..labels import label
from ..units import mm
from .boxes import Line, Rect, Shape, Text
from .board import BODY, BODY_MIN, HEADING, PAD, RADIUS
from .symbols import symbol
from .text import fit

SYMBOL_R = 8.0  # mm at A1: the symbol beside a field's title


def _title_blocks(b, card, number: int, width: float, height: float, full: bool = False):
    """(indent, title block, subtitle block) of a field heading ``width`` mm wide.

    The title hangs beside the symbol and number; with ``full`` the subtitle runs under them.
    """
    num_size = b.pt(HEADING)
    indent = 2 * b.l(SYMBOL_R) + b.l(4.0) + fonts.width(str(number), "bold", num_size) + b.l(4.0)
    sub_indent = 0.0 if full else indent
    if card is None:
        return indent, None, None
    title = b.fit((card, "title"), [card.title], "bold", width - indent, height, HEADING)
    sub = None
    if title is not None:
        rest = height - title.height - b.l(4.0)
        sub = b.fit((card, "subtitle"), [card.subtitle], "regular", width - sub_indent, max(rest, 0.0), BODY, BODY_MIN) if rest > 0 else None
        if sub is None and rest <= 0:
            b.fit((card, "subtitle"), [card.subtitle], "regular", width - sub_indent, 0.0, BODY, BODY_MIN)
    return indent, title, sub


def heading_height(b, card, number: int, width: float, full: bool = False) -> float:
    """How tall a field heading is at ``width`` (measured without reporting problems)."""
    if card is None:
        return mm(b.pt(HEADING) * (fonts.CAP_HEIGHT + fonts.DESCENT))
    indent = 2 * b.l(SYMBOL_R) + b.l(8.0) + fonts.width(str(number), "bold", b.pt(HEADING))
    title = fit([card.title], "bold", width - indent, b.l(200), b.pt(HEADING), b.pt(HEADING), b.lang)
    sub = fit([card.subtitle], "regular", width - (0.0 if full else indent), b.l(200), b.pt(BODY), b.pt(BODY_MIN), b.lang)
    if title is None or sub is None:
        return b.l(60.0)
    return title.height + b.l(4.0) + sub.height


def _heading(b, boxes, card, number: int, x: float, y: float, width: float, height: float, full: bool = False) -> float:
    """Symbol, number, title and subtitle from (x, y); returns the y below them."""
    style = theme.PHASES[number]
    indent, title, sub = _title_blocks(b, card, number, width, height, full)
    num_size = b.pt(HEADING)
    cap = mm(num_size * fonts.CAP_HEIGHT)
    r = b.l(SYMBOL_R)
    b.symbol(boxes, style, x + r, y + cap / 2, r)
    boxes.append(Text(x + 2 * r + b.l(4.0), y + cap, str(number), "bold", num_size, style.deep))
    if title is None:
        return y + cap + mm(num_size * fonts.DESCENT)
    end = b.set(boxes, title, x + indent, y, "bold", theme.INK)
    if sub is not None:
        end = b.set(boxes, sub, x + (0.0 if full else indent), end + b.l(4.0), "regular", theme.INK)
    return end


def field(b, boxes, card, number: int, rect, layout: str, slot_size) -> None:
    """One phase field: ground, edge, heading and card slot. ``layout``: slot-left/-right, stacked."""
    x, y, w, h = rect
    style = theme.PHASES[number]
    pad = b.l(PAD)
    boxes.append(Rect(x, y, w, h, fill=style.tint, stroke=style.colour, stroke_width=b.l(1.6), radius=b.l(RADIUS)))
    sw, sh = slot_size
    if layout == "stacked":
        sx, sy = x + (w - sw) / 2, y + h - pad - sh
        _heading(b, boxes, card, number, x + pad, y + pad, w - 2 * pad, sy - y - 2 * pad, full=True)
    else:
        sy = y + (h - sh) / 2
        if layout == "slot-left":
            sx = x + pad
            tx = sx + sw + 1.25 * pad
        else:
            sx = x + w - pad - sw
            tx = x + pad
        tw = w - sw - 3.25 * pad
        end = _heading(b, boxes, card, number, tx, y + pad, tw, h - 2 * pad - b.l(14.0))
        _room(b, boxes, style, tx, end, tw, y + h - pad)
    _slot(b, boxes, style, number, sx, sy, sw, sh)


def _room(b, boxes, style, x, top, w, bottom) -> None:
    """A dashed area under the heading where the group lays the question cards it is using."""
    top += b.l(6.0)
    size = b.pt(BODY_MIN)
    if bottom - top < b.l(22.0):
        return
    boxes.append(Rect(x, top, w, bottom - top, stroke=style.deep, stroke_width=b.l(0.6), radius=b.l(3.0), dash=(b.l(1.5), b.l(2.0))))
    boxes.append(Text(x + w / 2, bottom - b.l(5.0), label(b.lang, "cards_here"), "regular", size, theme.MUTED, "centre"))


def _slot(b, boxes, style, number, x, y, w, h) -> None:
    """The dashed outline where the phase card is laid, with a ghost symbol and a label."""
    b.slots.append((number, x, y, w, h))
    boxes.append(Rect(x, y, w, h, fill=theme.PAPER, stroke=style.deep, stroke_width=b.l(0.6), radius=min(w, h) * 0.03, dash=(b.l(3.0), b.l(2.0))))
    r = min(w, h) * 0.22
    boxes.append(symbol(style, x + w / 2, y + h * 0.42, r, fill=style.tint, outline=False))
    # The label is the tool's own word, not deck text: on a slot too small for it, leave it out.
    block = fit([label(b.lang, "slot")], "regular", w - 2 * b.l(5.0), h * 0.25, b.pt(BODY_MIN), b.pt(BODY_MIN), b.lang)
    if block is not None:
        b.set(boxes, block, x + w / 2, y + h * 0.72, "regular", theme.MUTED, "centre")


# --- SESAM centre ------------------------------------------------------------------------------


def _arrow(cx: float, cy: float, length: float, angle: float, colour: str, shaft: float) -> Shape:
    """A solid arrow centred at (cx, cy) pointing at ``angle`` degrees (0 = right, 90 = down)."""
    head = length * 0.45
    half = shaft / 2
    hw = shaft * 1.6
    pts = [(-length / 2, -half), (length / 2 - head, -half), (length / 2 - head, -hw), (length / 2, 0.0),
           (length / 2 - head, hw), (length / 2 - head, half), (-length / 2, half)]
    a = math.radians(angle)
    ca, sa = math.cos(a), math.sin(a)
    return Shape(tuple((cx + px * ca - py * sa, cy + px * sa + py * ca) for px, py in pts), colour)


def centre(b, boxes, rect) -> None:
    """SESAM: the values (what gives lift) and the action fields (what gives forward motion)."""
    x, y, w, h = rect
    deck = b.deck
    sections = deck.settings.sections
    pad = b.l(PAD) * 1.5
    style = theme.SESAM
    boxes.append(Rect(x, y, w, h, fill=style.tint, stroke=style.colour, stroke_width=b.l(1.6), radius=b.l(RADIUS)))
    inner = w - 2 * pad
    icon = b.l(12.0)
    cap = mm(b.pt(HEADING) * fonts.CAP_HEIGHT)

    values = sorted(deck.of_kind("value"), key=lambda c: c.number)
    actions = sorted(deck.of_kind("action"), key=lambda c: c.number)
    head_v = b.fit("sections.value", [sections.value], "bold", inner - icon - b.l(4), b.l(40), HEADING)
    head_a = b.fit("sections.action", [sections.action], "bold", inner - icon - b.l(4), b.l(40), HEADING)
    chip_h = b.l(16.0)
    col_gap = b.l(6.0)
    col_w = (inner - col_gap) / 2
    v_rows = math.ceil(len(values) / 2)
    a_rows = math.ceil(len(actions) / 2)
    item = b.pt(BODY)
    indent = b.l(9.0)
    # One size for every action field, the largest at which each fits its column in two lines.
    a_size = b.pt(BODY)
    for card in actions:
        block = b.fit((card, "text"), [card.text], "regular", col_w - indent, b.l(40), BODY, BODY_MIN, max_lines=2)
        if block is not None:
            a_size = min(a_size, block.size)
    a_blocks = [fit([c.text], "regular", col_w - indent, b.l(40), a_size, a_size, b.lang) for c in actions]
    a_gap = mm(a_size * 0.5)
    row_h = [
        max((blk.height for blk in a_blocks[r::a_rows] if blk), default=0.0) + a_gap for r in range(a_rows)
    ]
    a_height = sum(row_h)
    used = (head_v.height if head_v else 0) + b.l(5) + v_rows * (chip_h + b.l(4)) + b.l(10) + (head_a.height if head_a else 0) + b.l(4) + a_height
    # Top-aligned with the fields' headings; spare height makes the value slots roomier for a marker.
    grow = min(b.l(8.0), max(0.0, h - 2 * b.l(PAD) - used) / max(1, v_rows))
    chip_h += grow
    cy = y + b.l(PAD)

    # lift: the values
    if head_v:
        boxes.append(_arrow(x + pad + icon / 2, cy + cap / 2, icon, -90, style.deep, icon * 0.32))
        cy = b.set(boxes, head_v, x + pad + icon + b.l(4), cy, "bold", theme.INK)
    cy += b.l(5)
    for i, card in enumerate(values):
        cx = x + pad + (i % 2) * (col_w + col_gap)
        ry = cy + (i // 2) * (chip_h + b.l(4))
        boxes.append(Rect(cx, ry, col_w, chip_h, fill=theme.PAPER, stroke=style.colour, stroke_width=b.l(0.5), radius=b.l(3)))
        num = str(card.number)
        boxes.append(Text(cx + b.l(4), ry + chip_h / 2 + mm(item * fonts.CAP_HEIGHT) / 2, num, "bold", item, style.deep))
        tx = cx + b.l(4) + fonts.width("0", "bold", item) + b.l(4)
        if card.text:
            block = b.fit((card, "text"), [card.text], "bold", cx + col_w - tx - b.l(3), chip_h, BODY, BODY_MIN, max_lines=1)
            if block:
                boxes.append(Text(tx, ry + chip_h / 2 + mm(block.size * fonts.CAP_HEIGHT) / 2, block.paragraphs[0][0], "bold", block.size, theme.INK))
        else:
            boxes.append(Line(tx, ry + chip_h - b.l(5), cx + col_w - b.l(5), ry + chip_h - b.l(5), theme.RULE, b.l(0.5)))
    cy += v_rows * (chip_h + b.l(4)) + b.l(10)
    cy += max(0.0, h - 2 * b.l(PAD) - used - grow * v_rows) / 2  # the rest of the spare height, between the two groups

    # forward motion: the action fields
    if head_a:
        boxes.append(_arrow(x + pad + icon / 2, cy + cap / 2, icon, 0, style.deep, icon * 0.32))
        cy = b.set(boxes, head_a, x + pad + icon + b.l(4), cy, "bold", theme.INK)
    cy += b.l(4)
    for i, (card, block) in enumerate(zip(actions, a_blocks)):
        col, row = divmod(i, a_rows)
        ax = x + pad + col * (col_w + col_gap)
        top = cy + sum(row_h[:row])
        boxes.append(Text(ax, top + mm(a_size * fonts.CAP_HEIGHT), str(card.number), "bold", a_size, style.deep))
        b.set(boxes, block, ax + indent, top, "regular", theme.INK)


# --- flow ---------------------------------------------------------------------------------------


def flow_arrows(b, boxes, rects) -> None:
    """Badges with arrows in the gaps between fields: 1 → 2 → 3 → 4 → 5 → 6 → 1, clockwise."""
    r = b.l(10.0)

    def badge(cx, cy, angle):
        boxes.append(Shape((), theme.INK, theme.PAPER, b.l(1.2), cx, cy, r))
        boxes.append(_arrow(cx, cy, r * 1.15, angle, theme.PAPER, r * 0.34))

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


# --- thin <-> thick ------------------------------------------------------------------------------


def axis(b, boxes, x: float, top: float, width: float) -> float:
    """The thin ↔ thick axis with its stages; ``boxes`` None only measures. Returns the height."""
    deck = b.deck
    sections = deck.settings.sections
    stages = sorted(deck.of_kind("stage"), key=lambda c: c.number)
    style = theme.SESAM
    end_size = b.pt(BODY)
    cap = mm(end_size * fonts.CAP_HEIGHT)
    r = b.l(6.5)
    line_y = top + cap + b.l(9.0)
    n = max(1, len(stages))
    gutter = b.l(10.0)
    col_w = (width - gutter * (n - 1)) / n
    blocks = []
    for card in stages:
        if boxes is None:
            t = fit([card.title], "bold", col_w, b.l(30), b.pt(BODY), b.pt(BODY_MIN), b.lang)
            s = fit([card.text], "regular", col_w, b.l(40), b.pt(BODY_MIN), b.pt(BODY_MIN), b.lang)
        else:
            t = b.fit((card, "title"), [card.title], "bold", col_w, b.l(30), BODY, BODY_MIN)
            s = b.fit((card, "text"), [card.text], "regular", col_w, b.l(40), BODY_MIN)
        blocks.append((t, s))
    text_top = line_y + r + b.l(5.0)
    text_h = max((((t.height if t else 0) + b.l(2.5) + (s.height if s else 0)) for t, s in blocks), default=0.0)
    height = text_top + text_h - top
    if boxes is None:
        return height
    boxes.append(Text(x, top + cap, sections.thin, "bold", end_size, style.deep))
    boxes.append(Text(x + width, top + cap, sections.thick, "bold", end_size, style.deep, "right"))
    shaft = b.l(1.4)
    head = b.l(6.0)
    boxes.append(Rect(x + head * 0.9, line_y - shaft / 2, width - 1.8 * head, shaft, fill=style.colour))
    for sign, tip in ((-1, x), (1, x + width)):
        boxes.append(Shape(((tip, line_y), (tip - sign * head, line_y - head * 0.6), (tip - sign * head, line_y + head * 0.6)), style.colour))
    num_size = b.pt(BODY_MIN)
    for i, (card, (t, s)) in enumerate(zip(stages, blocks)):
        cx = x + i * (col_w + gutter) + col_w / 2
        boxes.append(Shape((), theme.PAPER, style.deep, b.l(0.8), cx, line_y, r))
        boxes.append(Text(cx, line_y + mm(num_size * fonts.CAP_HEIGHT) / 2, str(card.number), "bold", num_size, theme.INK, "centre"))
        y = b.set(boxes, t, cx, text_top, "bold", theme.INK, "centre")
        b.set(boxes, s, cx, y + b.l(2.5), "regular", theme.INK, "centre")
    return height
