"""Card faces: one card in, its front and back as placed boxes (mm, origin at the trim's top-left).

The front carries a band (symbol, number, phase or section), the card's text as the hero,
the card code bottom-left and the QR code bottom-right. The back is the family's artwork
(shared by every card of a phase, drawn once) plus the card code and the table number.

A6 is the reference: every length is scaled by ``fmt.scale``; type sizes never drop below
the minimums of :class:`CardFormat`. Text that cannot fit raises :class:`FitError`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import fonts, theme
from ..labels import label
from ..qr import QUIET_ZONE, side, side_for, version_for
from ..urls import longest_card_url
from ..units import mm
from .boxes import QR, Artwork, Box, Line, Rect, Shape, Text, Use
from .text import Block, fit, set_text

REF_W, REF_H = 105.0, 148.0  # A6: the size the design is drawn at
HERO = 22.0  # the main line of a card (question, phase title, action field, value), A6 points
BAND_TRACKING = 0.6  # points between the letters of capitalised headings
# mm: the smallest QR module, reached only by the code of an 80-character notes URL (typical URLs
# get 0.45 mm or more): 8 dots of a 600 dpi office laser; phones read laser-printed modules of
# 0.25–0.34 mm at hand distance. At 0.5 mm that worst case would not leave poker and bridge
# cards room for the deck's longer texts.
QR_MODULE_MIN = 1 / 3


class FitError(Exception):
    """A text does not fit even at the minimum type size; ``where`` is (file, line, key) of
    the text in the deck files, which is not always the card's own (a band shows its phase's title)."""

    def __init__(self, where: tuple[str, int, str], message: str):
        super().__init__(message)
        self.where, self.message = where, message


@dataclass(frozen=True)
class CardFormat:
    """A card size and how it is printed. ``bleed`` > 0 means print-shop (colour runs off)."""

    w: float
    h: float
    bleed: float = 0.0

    @property
    def scale(self) -> float:
        return min(self.w / REF_W, self.h / REF_H)

    @property
    def print_shop(self) -> bool:
        return self.bleed > 0

    def s(self, length: float) -> float:
        """A length of the A6 design at this card's size."""
        return length * self.scale

    @property
    def margin(self) -> float:
        """Safe zone: nothing essential closer than this to the trim (5 mm at least)."""
        return max(5.0, self.inset + 3.0, self.s(8.0))

    @property
    def inset(self) -> float:
        """Office sheets: colour stops this far inside the trim, clear of a printer's unprintable
        border where a card meets the sheet edge, and of a cut that is off by a millimetre."""
        return 0.0 if self.print_shop else max(3.0, self.s(5.0))

    def body_min(self) -> float:
        """Smallest body size in points: 11 pt on A6, scaled down, never below 8 pt."""
        return max(8.0, round(11.0 * self.scale * 2) / 2)

    def type(self, size_at_a6: float) -> float:
        """A type size of the A6 design at this card's size (never below the body minimum)."""
        return max(self.body_min(), round(size_at_a6 * self.scale * 2) / 2)

    @property
    def qr_width(self) -> float:
        """Width of the QR symbol itself (quiet zone excluded): 18 mm on A6."""
        return max(15.0, self.s(18.0))


@dataclass(frozen=True)
class Face:
    """The placed boxes of one card face, the artwork its ``Use`` boxes draw, and its QR URL."""

    boxes: tuple[Box, ...]
    qr_url: str = ""
    artwork: tuple[Artwork, ...] = ()


def band_title(card, deck) -> tuple[str, str]:
    """(number or code shown in the band, the band's heading) for a card."""
    return deck.group_of(card)


# --- front -------------------------------------------------------------------------------------


def front(card, deck, fmt: CardFormat, url: str | None, code: str) -> Face:
    """Lay out the front of ``card``. ``url`` is what its QR code encodes (None: no QR); the code
    fills the area every card of ``deck`` keeps for it (:func:`qr_width`)."""
    style = theme.style_for(card)
    m = fmt.margin
    boxes: list[Box] = []
    artwork: list[Artwork] = []
    if card.kind == "phase":
        # A phase card is the phase's own ground: the tint fills the face, so it stands apart
        # from its question cards on the table.
        if fmt.print_shop:
            boxes.append(Rect(-fmt.bleed, -fmt.bleed, fmt.w + 2 * fmt.bleed, fmt.h + 2 * fmt.bleed, fill=style.tint))
        else:
            i = fmt.inset
            boxes.append(Rect(i, i, fmt.w - 2 * i, fmt.h - 2 * i, fill=style.tint, radius=fmt.s(2.5)))
    band_h = _band(boxes, artwork, card, deck, fmt, style)
    top = band_h + fmt.s(9.0)

    # Footer: card code bottom-left, QR code bottom-right with its label, in an area reserved for
    # the largest code a card of this deck can need, so nothing moves with the notes URL.
    bottom = fmt.h - m
    if url:
        width = qr_width(deck, fmt, url)
        qx, qy = fmt.w - m - width, bottom - width  # the code itself stays in the safe zone
        boxes.append(qr_box(url, qx, qy, width))
        # A shorter URL makes a code of fewer, larger modules, so a wider quiet zone; text and
        # label keep clear of the widest (4 modules of a version 1 code).
        quiet = QUIET_ZONE * width / side(1)
        footer_top = qy - max(fmt.s(7.0), quiet + fmt.s(1.0))
        label_size = max(fmt.body_min() - 2.0, 7.0)
        boxes.append(Text(qx - quiet - fmt.s(0.5), bottom, label(deck.settings.lang, "scan"), "regular", label_size,
                          theme.MUTED, "right"))
    else:
        footer_top = bottom - fmt.s(14.0)
    code_size = fmt.type(14.0)
    boxes.append(Text(m, bottom, code, "bold", code_size, style.deep))

    body_bottom = footer_top
    _body(boxes, card, deck, fmt, style, m, top, fmt.w - 2 * m, body_bottom - top)
    return Face(tuple(boxes), url or "", tuple(artwork))


def qr_width(deck, fmt: CardFormat, url: str) -> float:
    """The width (mm, quiet zone excluded) of the area every card of ``deck`` keeps for its QR
    code: ≥ ``fmt.qr_width``, and wide enough for modules of :data:`QR_MODULE_MIN` in the
    largest code a card needs: its notes URL may be up to 80 characters, its table number up to
    500 (:func:`~carddeck.urls.longest_card_url`), or ``url`` if that is longer."""
    longest = max([len(url.encode("utf-8"))] + [longest_card_url(c.id) for c in deck.cards])
    return max(fmt.qr_width, QR_MODULE_MIN * side(version_for(longest)))


def qr_box(url: str, x: float, y: float, width: float) -> QR:
    """The QR code of ``url`` with the code itself ``width`` mm wide and its top-left corner at
    (x, y); its quiet zone lies around that."""
    module = width / side_for(url)
    quiet = QUIET_ZONE * module
    return QR(x - quiet, y - quiet, width + 2 * quiet, theme.INK, theme.PAPER, url)


def _band(boxes: list[Box], artwork: list[Artwork], card, deck, fmt: CardFormat, style: theme.Style) -> float:
    """The coloured band at the top: symbol, number and heading. Returns its bottom edge."""
    inset, m = fmt.inset, fmt.margin
    band_h = max(fmt.s(22.0), 14.0)
    if fmt.print_shop:
        boxes.append(Rect(-fmt.bleed, -fmt.bleed, fmt.w + 2 * fmt.bleed, band_h + fmt.bleed, fill=style.tint))
    else:
        boxes.append(Rect(inset, inset, fmt.w - 2 * inset, band_h - inset, fill=style.tint, radius=fmt.s(2.5)))
    boxes.append(Rect(inset if not fmt.print_shop else -fmt.bleed, band_h - fmt.s(1.2), fmt.w - 2 * inset + (2 * fmt.bleed if fmt.print_shop else 0), fmt.s(1.2), fill=style.colour))

    number, heading = band_title(card, deck)
    # The band's content sits inside the safe zone: from the top margin to just above the stripe.
    area_top, area_bottom = m, band_h - fmt.s(2.0)
    mid = (area_top + area_bottom) / 2
    r = min(fmt.s(5.0), (area_bottom - area_top) / 2)
    symbol = symbol_artwork(style, r)
    artwork.append(symbol)
    boxes.append(Use(symbol.key, m + r, mid))
    x = m + 2 * r + fmt.s(3.0)
    if number:
        size = fmt.type(20.0)
        boxes.append(Text(x, mid + mm(size * fonts.CAP_HEIGHT) / 2, number, "bold", size, style.deep))
        x += fonts.width(number, "bold", size) + fmt.s(3.0)
    size = max(7.5, fmt.type(9.5) - 1.5)
    width = fmt.w - m - x
    # One line where a slightly smaller size allows it (a family's bands then look alike), else two.
    block = fit([heading.upper()], "bold", width, area_bottom - area_top, size, max(6.5, size - 1.5), card.lang,
                max_lines=1, tracking=BAND_TRACKING) or fit(
        [heading.upper()], "bold", width, area_bottom - area_top, size, max(6.5, size - 2.5), card.lang,
        max_lines=2, tracking=BAND_TRACKING)
    if block is None:
        raise FitError(deck.heading_source(card), f"the heading {heading!r} does not fit the band of a {fmt.w:g}×{fmt.h:g} "
                       f"mm card even at {max(6.5, size - 2.5):g} pt; shorten it or choose a larger --card-size")
    top = mid - block.height / 2
    for y, line in block.baselines(top):
        boxes.append(Text(x, y, line, "bold", block.size, theme.INK, tracking=BAND_TRACKING))
    return band_h


def symbol_key(style: theme.Style, radius: float) -> str:
    return f"symbol:{style.symbol}:{style.colour}:{radius:.3f}"


def symbol_artwork(style: theme.Style, radius: float) -> Artwork:
    """A phase symbol as reusable artwork, its origin at the symbol's centre."""
    return Artwork(symbol_key(style, radius), 0.0, 0.0, (_symbol(style, 0.0, 0.0, radius),))


def _symbol(style: theme.Style, cx: float, cy: float, r: float, fill: str | None = None) -> Shape:
    points = theme.symbol_points(style.symbol, cx, cy, r)
    outline = style.deep if style.symbol != "ring" else style.colour
    if style.symbol == "ring":
        return Shape((), None, outline, r * 0.22, cx, cy, r * 0.85)
    return Shape(points, fill or style.colour, outline, r * 0.06, cx, cy, r)


def _need(card, key: str, block: Block | None, min_size: float, where: tuple | None = None) -> Block:
    """``block``, or a :class:`FitError` for ``key`` (written at ``where``, else in the card)."""
    if block is None:
        raise FitError(where or card.locate(key), f"card {card.id!r}: {key} does not fit the card even at "
                                                  f"{min_size:g} pt; shorten it or choose a larger --card-size")
    return block


def _body(boxes: list[Box], card, deck, fmt: CardFormat, style, x: float, top: float, width: float, height: float) -> None:
    """The hero text of each kind of card, inside the box (x, top, width, height)."""
    lo = fmt.body_min()
    lang = card.lang
    kind = card.kind
    if kind == "question":
        examples = None
        if card.examples:
            examples = f"({card.examples})"
        for hero in (fmt.type(HERO), fmt.type(18.0), fmt.type(14.0), lo):
            main = fit([card.text], "bold", width, height, hero, lo, lang)
            if main is None:
                continue
            if examples is None:
                set_text(boxes, main, x, top, "bold", theme.INK)
                return
            rest = height - main.height - fmt.s(6.0)
            ex = fit([examples], "regular", width, rest, min(fmt.type(13.0), main.size), lo, lang) if rest > 0 else None
            if ex is not None:
                y = set_text(boxes, main, x, top, "bold", theme.INK)
                set_text(boxes, ex, x, y + fmt.s(6.0), "regular", theme.MUTED)
                return
        _need(card, "text", None, lo)
    elif kind == "phase":
        title = _need(card, "title", fit([card.title], "bold", width, height * 0.5, fmt.type(HERO + 2.0), lo, lang), lo)
        y = set_text(boxes, title, x, top, "bold", theme.INK)
        y += fmt.s(6.0)
        sub = _need(card, "subtitle", fit([card.subtitle], "regular", width, top + height - y, fmt.type(15.0), lo, lang), lo)
        y = set_text(boxes, sub, x, y, "regular", theme.INK)
        # The phase's symbol in full colour fills the free space: a phase card is known at a glance.
        free = top + height - y
        r = min(width / 2, free / 2 - fmt.s(4.0), fmt.s(20.0))
        if r > fmt.s(8.0):
            boxes.append(_symbol(style, x + width / 2, y + free / 2 + fmt.s(2.0), r))
    elif kind == "writein":
        _ruled(boxes, fmt, x, top, width, height, f"{card.number}.")
    elif kind == "value" and not card.text:
        # A line to write the value on, where a known value's name stands, and the prompt under it.
        line_y = top + fmt.s(8.0) + mm(fmt.type(HERO) * fonts.CAP_HEIGHT) + fmt.s(6.0)
        boxes.append(Line(x, line_y, x + width, line_y, theme.CUT, max(0.3, fmt.s(0.35))))
        hint = fit([label(deck.settings.lang, "value_blank")], "regular", width, height / 3, fmt.type(11.0), lo, lang)
        set_text(boxes, _need(card, "text", hint, lo), x, line_y + fmt.s(3.0), "regular", theme.MUTED)
    elif kind in ("action", "value"):
        block = _need(card, "text", fit([card.text], "bold", width, height * 0.6, fmt.type(HERO), lo, lang), lo)
        set_text(boxes, block, x, top + fmt.s(8.0), "bold", theme.INK)
    elif kind == "rule":
        set_text(boxes, _need(card, "text", fit([card.text], "bold", width, height, fmt.type(17.0), lo, lang), lo), x, top, "bold", theme.INK)
    elif kind == "quote":
        set_text(boxes, _need(card, "text", fit([card.text], "regular", width, height, fmt.type(18.0), lo, lang), lo), x, top, "regular", theme.INK)
    elif kind == "stage":
        axis_h = fmt.s(16.0)
        title = _need(card, "title", fit([card.title], "bold", width, (height - axis_h) * 0.45, fmt.type(19.0), lo, lang), lo)
        y = set_text(boxes, title, x, top, "bold", theme.INK) + fmt.s(5.0)
        text = _need(card, "text", fit([card.text], "regular", width, top + height - axis_h - y, fmt.type(14.0), lo, lang), lo)
        set_text(boxes, text, x, y, "regular", theme.INK)
        _stage_axis(boxes, card, deck, fmt, style, x, top + height - axis_h + fmt.s(4.0), width)
    elif kind == "info":
        title = _need(card, "title", fit([card.title], "bold", width, height * 0.3, fmt.type(18.0), lo, lang), lo)
        y = set_text(boxes, title, x, top, "bold", theme.INK) + fmt.s(5.0)
        paras = card.paragraphs
        bullet = len(paras) > 1
        indent = fmt.s(4.5) if bullet else 0.0
        body = _need(card, "text", fit(paras, "regular", width - indent, top + height - y, fmt.type(13.0), lo, lang), lo)
        for yy, line in body.baselines(y):
            boxes.append(Text(x + indent, yy, line, "regular", body.size, theme.INK))
        if bullet:
            for yy in _first_baselines(body, y):
                boxes.append(Shape((), style.colour, None, 0.0, x + fmt.s(1.2), yy - mm(body.size * 0.3), fmt.s(1.1)))
    elif kind == "about":
        _about(boxes, card, deck, fmt, x, top, width, height)


def _first_baselines(block: Block, top: float) -> list[float]:
    out, lines = [], block.baselines(top)
    i = 0
    for para in block.paragraphs:
        out.append(lines[i][0])
        i += len(para)
    return out


def _ruled(boxes, fmt: CardFormat, x: float, top: float, width: float, height: float, number: str) -> None:
    """Light lines to write on with a marker, about 10 mm apart on A6."""
    gap = max(7.0, fmt.s(10.5))
    y = top + gap
    if number:
        size = fmt.type(16.0)
        boxes.append(Text(x, y - fmt.s(1.5), number, "bold", size, theme.MUTED))
    while y <= top + height + 1e-6:
        boxes.append(Line(x, y, x + width, y, theme.RULE, 0.25))
        y += gap


def _stage_axis(boxes, card, deck, fmt, style, x, y, width) -> None:
    """Thin ⟷ thick, three stops, this card's stop filled."""
    stages = max([c.number for c in deck.of_kind("stage")] + [card.number])
    sections = deck.settings.sections
    r = fmt.s(2.2)
    x0, x1 = x + r, x + width - r
    boxes.append(Line(x0, y, x1, y, style.colour, fmt.s(0.8)))
    for i in range(1, stages + 1):
        cx = x0 + (x1 - x0) * (i - 1) / max(1, stages - 1)
        boxes.append(Shape((), style.colour if i == card.number else theme.PAPER, style.deep, fmt.s(0.5), cx, y, r))
    size = max(fmt.body_min() - 2.0, 7.0)
    boxes.append(Text(x, y + fmt.s(7.0), sections.thin, "regular", size, theme.MUTED))
    boxes.append(Text(x + width, y + fmt.s(7.0), sections.thick, "regular", size, theme.MUTED, "right"))


def _about(boxes, card, deck, fmt, x, top, width, height) -> None:
    """The kit's own cards: subtitle, then how to use the kit and/or the source credits."""
    lo, lang = fmt.body_min(), card.lang
    settings = deck.settings
    y = top
    if settings.subtitle:
        sub = _need(card, "subtitle", fit([settings.subtitle], "bold", width, height * 0.35, fmt.type(17.0), lo, lang), lo,
                    settings.locate("subtitle"))
        y = set_text(boxes, sub, x, y, "bold", theme.INK) + fmt.s(5.0)
    if card.text:
        body = _need(card, "text", fit([card.text], "regular", width, top + height - y, fmt.type(14.0), lo, lang), lo)
        y = set_text(boxes, body, x, y, "regular", theme.INK) + fmt.s(6.0)
    if card.credits:
        block = _need(card, "credits", fit([label(deck.settings.lang, "sources"), *settings.credits], "regular", width, top + height - y, fmt.type(11.0), lo, lang), lo,
                      settings.locate("credits"))
        for i, (yy, line) in enumerate(block.baselines(y)):
            boxes.append(Text(x, yy, line, "bold" if i == 0 else "regular", block.size, theme.MUTED if i else theme.INK))


# --- back --------------------------------------------------------------------------------------


def back_key(style: theme.Style, fmt: CardFormat, heading: str) -> str:
    return f"back:{style.key}:{fmt.w:g}x{fmt.h:g}:{fmt.bleed:g}:{heading}"


def back_artwork(style: theme.Style, fmt: CardFormat, title: str, heading: str, lang: str, number: str = "") -> Artwork:
    """The part of a back that its family shares: panel, symbol, heading and kit title.

    Its origin is the trim's top-left; in print-shop format the panel runs into the bleed.
    """
    boxes: list[Box] = []
    b, inset = fmt.bleed, fmt.inset
    if fmt.print_shop:
        boxes.append(Rect(-b, -b, fmt.w + 2 * b, fmt.h + 2 * b, fill=style.tint))
    else:
        boxes.append(Rect(inset, inset, fmt.w - 2 * inset, fmt.h - 2 * inset, fill=style.tint, radius=fmt.s(3.0)))
    r = fmt.s(22.0)
    cy = fmt.h * 0.38
    boxes.append(_symbol(style, fmt.w / 2, cy, r))
    width = fmt.w - 2 * fmt.margin - fmt.s(8.0)
    y = cy + r + fmt.s(8.0)
    if number:
        # The phase number, large: in greyscale print the number and the symbol tell phases apart.
        size = fmt.type(44.0)
        y += mm(size * fonts.CAP_HEIGHT)
        boxes.append(Text(fmt.w / 2, y, number, "bold", size, style.deep, "centre"))
        y += fmt.s(7.0)
    size = fmt.type(14.0)
    block = fit([heading], "bold", width, fmt.s(24.0), size, max(8.0, size - 4.0), lang, max_lines=3)
    if block is not None:
        for yy, line in block.baselines(y):
            boxes.append(Text(fmt.w / 2, yy, line, "bold", block.size, style.deep, "centre"))
    small = max(7.5, fmt.type(9.0) - 1.5)
    block = fit([title.upper()], "bold", width, fmt.s(12.0), small, 6.5, lang, max_lines=1, tracking=BAND_TRACKING)
    if block is not None:
        for y, line in block.baselines(fmt.margin + fmt.s(3.0)):
            boxes.append(Text(fmt.w / 2, y, line, "bold", block.size, theme.INK, "centre", tracking=BAND_TRACKING))
    return Artwork(back_key(style, fmt, heading), fmt.w, fmt.h, tuple(boxes))


def back_heading(card, deck) -> tuple[str, str]:
    """(large number, heading) under a back's symbol: the phase, or the group the card belongs to."""
    number, heading = band_title(card, deck)
    if card.kind in ("phase", "question"):
        return number, heading
    return "", heading


def back(card, deck, fmt: CardFormat, code: str, copy: int | None) -> Face:
    """The back of ``card``: the shared family artwork plus the card code and table number."""
    style = theme.style_for(card)
    m = fmt.margin
    boxes: list[Box] = [Use(back_key(style, fmt, back_heading(card, deck)[1]), 0.0, 0.0)]
    size = fmt.type(14.0)
    y = fmt.h - m
    boxes.append(Text(m, y, code, "bold", size, style.deep))
    if copy:
        boxes.append(Text(fmt.w - m, y, f"{label(deck.settings.lang, 'table')} {copy}", "bold", size, style.deep, "right"))
    return Face(tuple(boxes))
