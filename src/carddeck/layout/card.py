"""Card faces: one card in, its front and back as placed boxes (mm, origin at the trim's top-left).

The front carries a band (symbol, number, phase or section), the card's body as its kind's
template sets it (:mod:`.templates`), the card code bottom-left and the QR code bottom-right.
The back is the family's artwork (shared by every card of a phase, drawn once) plus the card
code and the table number.

Every design value is named in :data:`~.card_design.CARD`; A6 is the reference, and
:class:`CardFormat` scales it. Text that cannot fit raises :class:`FitError`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from .. import fonts, theme
from ..errors import shown
from ..labels import label
from ..qr import QUIET_ZONE, side, side_for, version_for
from ..urls import longest_card_url
from ..units import pt_to_mm
from .boxes import QR, Artwork, Box, Rect, Text, Use
from .card_design import CARD
from .symbols import symbol, symbol_artwork
from .errors import FitError
from .templates import TEMPLATES
from .text import fit

__all__ = ["CardFormat", "Face", "FitError", "front", "qr_width", "qr_box", "back", "back_artwork", "back_heading",
           "back_key"]


@dataclass(frozen=True)
class CardFormat:
    """A card size and how it is printed. ``bleed`` > 0 means print-shop (colour runs off)."""

    w: float
    h: float
    bleed: float = 0.0

    @property
    def scale(self) -> float:
        return min(self.w / CARD.ref_w, self.h / CARD.ref_h)

    @property
    def print_shop(self) -> bool:
        return self.bleed > 0

    def scaled(self, length: float) -> float:
        """A length of the A6 design at this card's size."""
        return length * self.scale

    @property
    def margin(self) -> float:
        """Safe zone: nothing essential closer than this to the trim."""
        return max(CARD.margin_min, self.inset + CARD.margin_over_inset, self.scaled(CARD.margin))

    @property
    def inset(self) -> float:
        """Office sheets: colour stops this far inside the trim, clear of a printer's unprintable
        border where a card meets the sheet edge, and of a cut that is off by a millimetre."""
        return 0.0 if self.print_shop else max(CARD.inset_min, self.scaled(CARD.inset))

    def body_min(self) -> float:
        """Smallest body size in points: 11 pt on A6, scaled down, never below 8 pt."""
        return max(CARD.body_min, round(CARD.body * self.scale * 2) / 2)

    def label_size(self) -> float:
        """The size of the small interface words ("Scan og skriv", the axis's ends), in points."""
        return max(self.body_min() - CARD.label_below_body, CARD.label_min)

    def type(self, size_at_a6: float) -> float:
        """A type size of the A6 design at this card's size (never below the body minimum)."""
        return max(self.body_min(), round(size_at_a6 * self.scale * 2) / 2)

    @property
    def band_height(self) -> float:
        """From the trim's top to the bottom of the band's stripe."""
        return max(self.scaled(CARD.band), CARD.band_min)

    @property
    def qr_width(self) -> float:
        """Width of the QR symbol itself (quiet zone excluded): 18 mm on A6."""
        return max(CARD.qr_min, self.scaled(CARD.qr))

    def panel(self, fill: str, radius: float = CARD.corner) -> Rect:
        """An area of ``fill`` over the whole face: into the bleed in print-shop format, else
        ending :attr:`inset` inside the trim, its corners rounded by ``radius`` (A6 mm)."""
        if self.print_shop:
            b = self.bleed
            return Rect(-b, -b, self.w + 2 * b, self.h + 2 * b, fill=fill)
        i = self.inset
        return Rect(i, i, self.w - 2 * i, self.h - 2 * i, fill=fill, radius=self.scaled(radius))


@dataclass(frozen=True)
class Face:
    """The placed boxes of one card face and the artwork its ``Use`` boxes draw."""

    boxes: tuple[Box, ...]
    artwork: tuple[Artwork, ...] = ()


# --- front -------------------------------------------------------------------------------------


def front(card, deck, spec: CardFormat, url: str | None, code: str) -> Face:
    """Lay out the front of ``card`` at ``spec``. ``url`` is what its QR code encodes (None: no
    QR); the code fills the area every card of ``deck`` keeps for it (:func:`qr_width`).

    :raises FitError: when a text does not fit even at the minimum size.
    """
    style = theme.style_for(card)
    template = TEMPLATES[card.family.template.name]
    m = spec.margin
    boxes: list[Box] = []
    artwork: list[Artwork] = []
    if template.tinted:
        # The card is its group's own ground: the tint fills the face, so a phase card stands
        # apart from its question cards on the table.
        boxes.append(spec.panel(fill=style.tint))
    band_h = _band(boxes, artwork, card, deck, spec, style)
    top = band_h + spec.scaled(CARD.body_top)

    # Footer: card code bottom-left, QR code bottom-right with its label, in an area reserved for
    # the largest code a card of this deck can need, so nothing moves with the notes URL.
    bottom = spec.h - m
    if url:
        width = qr_width(deck, spec, url)
        # A shorter URL makes a code of fewer, larger modules, so a wider quiet zone (it may reach
        # into the margin); text and label keep clear of the widest, 4 modules of a version 1 code.
        quiet = QUIET_ZONE * width / side(1)
        # The code itself stays in the safe zone. On a tinted face the white plate of its quiet
        # zone also stays clear of the tint's rounded edge: it does not notch the corner.
        shift = 0.0
        if template.tinted and not spec.print_shop:
            shift = max(0.0, quiet - (m - spec.inset - spec.scaled(CARD.qr_plate_clearance)))
        qx, qy = spec.w - m - width - shift, bottom - width - shift
        boxes.append(qr_box(url, qx, qy, width))
        footer_top = qy - max(spec.scaled(CARD.qr_clearance), quiet + spec.scaled(CARD.qr_quiet_clearance))
        boxes.append(Text(qx - quiet - spec.scaled(CARD.qr_label_gap), bottom, label(deck.settings.lang, "scan"),
                          "regular", spec.label_size(), theme.MUTED, "right"))
    else:
        footer_top = bottom - spec.scaled(CARD.footer_no_qr)
    boxes.append(Text(m, bottom, code, "bold", spec.type(CARD.code), style.deep))

    template.body(boxes, card, deck, spec, style, m, top, spec.w - 2 * m, footer_top - top)
    return Face(tuple(boxes), tuple(artwork))


def qr_width(deck, spec: CardFormat, url: str) -> float:
    """The width (mm, quiet zone excluded) of the area every card of ``deck`` keeps for its QR
    code: ≥ ``spec.qr_width``, and wide enough for modules of ``CARD.qr_module_min`` in the
    largest code a card needs: its notes URL may be up to 80 characters and its table number up
    to 500 (:func:`~carddeck.urls.longest_card_url`), or ``url`` may be longer still."""
    longest = max(len(url.encode("utf-8")), longest_card_url(deck.longest_id))
    return max(spec.qr_width, CARD.qr_module_min * side(version_for(longest)))


def qr_box(url: str, x: float, y: float, width: float) -> QR:
    """The QR code of ``url``, the code itself ``width`` mm wide with its top-left corner at
    (x, y), its quiet zone around that, and a link to ``url``."""
    quiet = QUIET_ZONE * width / side_for(url)
    return QR(x - quiet, y - quiet, width + 2 * quiet, theme.INK, theme.PAPER, url, link=True)


def _band(boxes: list[Box], artwork: list[Artwork], card, deck, spec: CardFormat, style: theme.Style) -> float:
    """The coloured band at the top: symbol, number and heading. Returns its bottom edge."""
    inset, m = spec.inset, spec.margin
    band_h = spec.band_height
    stripe = spec.scaled(CARD.stripe)
    if spec.print_shop:
        b = spec.bleed
        boxes.append(Rect(-b, -b, spec.w + 2 * b, band_h + b, fill=style.tint))
        boxes.append(Rect(-b, band_h - stripe, spec.w + 2 * b, stripe, fill=style.edge))
    else:
        boxes.append(Rect(inset, inset, spec.w - 2 * inset, band_h - inset, fill=style.tint, radius=spec.scaled(CARD.corner)))
        boxes.append(Rect(inset, band_h - stripe, spec.w - 2 * inset, stripe, fill=style.edge))

    number, heading = deck.group_of(card)
    # The band's content sits inside the safe zone: from the top margin to just above the stripe.
    area_top, area_bottom = m, band_h - spec.scaled(CARD.band_pad)
    mid = (area_top + area_bottom) / 2
    r = min(spec.scaled(CARD.band_symbol), (area_bottom - area_top) / 2)
    art = symbol_artwork(style, r)
    artwork.append(art)
    boxes.append(Use(art.key, m + r, mid))
    x = m + 2 * r + spec.scaled(CARD.band_gap)
    if number:
        size = spec.type(CARD.band_number)
        number_box = Text(x, mid + pt_to_mm(size * fonts.CAP_HEIGHT) / 2, number, "bold", size, style.deep)
        boxes.append(number_box)
        x += number_box.w + spec.scaled(CARD.band_gap)
    size = max(CARD.band_heading_min, spec.type(CARD.band_heading) - CARD.band_heading_below_body)
    width = spec.w - m - x
    # One line where a slightly smaller size allows it (a family's bands then look alike), else two.
    floor = max(CARD.band_heading_floor, size - CARD.band_heading_shrink_two_lines)
    # Not hyphenated (a word broken in capitals reads as two) at any size down to the floor; on
    # two lines, balanced. Only a band too small for the heading's longest word breaks it.
    heading_fit = partial(fit, [heading.upper()], "bold", width, area_bottom - area_top, size, lang=card.lang,
                          tracking=CARD.tracking)
    block = (heading_fit(max(CARD.band_heading_floor, size - CARD.band_heading_shrink_one_line), max_lines=1, hyphenate=False)
             or heading_fit(floor, max_lines=2, hyphenate=False, balance=True)
             or heading_fit(floor, max_lines=2, balance=True))
    if block is None:
        raise FitError(deck.heading_source(card), f"the heading {shown(heading)} does not fit the band of a {spec.w:g}×{spec.h:g} "
                       f"mm card even at {floor:g} pt; shorten it or choose a larger --card-size")
    top = mid - block.height / 2
    for y, line in block.baselines(top):
        boxes.append(Text(x, y, line, "bold", block.size, theme.INK, tracking=CARD.tracking))
    return band_h


# --- back --------------------------------------------------------------------------------------


def back_key(style: theme.Style, spec: CardFormat, heading: str) -> str:
    return f"back:{style.key}:{style.symbol}:{spec.w:g}x{spec.h:g}:{spec.bleed:g}:{heading}"


def back_artwork(style: theme.Style, spec: CardFormat, title: str, heading: str, lang: str, number: str = "") -> Artwork:
    """The part of a back that its family shares: panel, symbol, heading and kit title.

    Its origin is the trim's top-left; in print-shop format the panel runs into the bleed.
    """
    boxes: list[Box] = [spec.panel(fill=style.tint, radius=CARD.back_corner)]
    r = spec.scaled(CARD.back_symbol)
    cy = spec.h * CARD.back_symbol_height
    boxes.append(symbol(style, spec.w / 2, cy, r))
    width = spec.w - 2 * spec.margin - spec.scaled(CARD.back_text_indent)
    y = cy + r + spec.scaled(CARD.back_gap)
    if number:
        # The phase number, large: in greyscale print the number and the symbol tell phases apart.
        size = spec.type(CARD.back_number)
        y += pt_to_mm(size * fonts.CAP_HEIGHT)
        boxes.append(Text(spec.w / 2, y, number, "bold", size, style.deep, "centre"))
        y += spec.scaled(CARD.back_number_gap)
    size = spec.type(CARD.back_heading)
    block = fit([heading], "bold", width, spec.scaled(CARD.back_heading_height), size,
                max(CARD.back_heading_min, size - CARD.back_heading_shrink), lang, max_lines=CARD.back_heading_lines,
                balance=True)
    if block is not None:
        for yy, line in block.baselines(y):
            boxes.append(Text(spec.w / 2, yy, line, "bold", block.size, style.deep, "centre"))
    small = max(CARD.back_title_min, spec.type(CARD.back_title) - CARD.back_title_below_body)
    block = fit([title.upper()], "bold", width, spec.scaled(CARD.back_title_height), small, CARD.back_title_floor, lang,
                max_lines=1, tracking=CARD.tracking)
    if block is not None:
        for y, line in block.baselines(spec.margin + spec.scaled(CARD.back_title_drop)):
            boxes.append(Text(spec.w / 2, y, line, "bold", block.size, theme.INK, "centre", tracking=CARD.tracking))
    return Artwork(back_key(style, spec, heading), spec.w, spec.h, tuple(boxes))


def back_heading(card, deck) -> tuple[str, str]:
    """(large number, heading) under a back's symbol: the group the card belongs to, with its
    number where the card's template says (``back_number``: the phases)."""
    number, heading = deck.group_of(card)
    return (number if card.family.template.back_number else ""), heading


def back(card, deck, spec: CardFormat, code: str, copy: int | None) -> Face:
    """The back of ``card``: the shared family artwork plus the card code and table number."""
    style = theme.style_for(card)
    m = spec.margin
    boxes: list[Box] = [Use(back_key(style, spec, back_heading(card, deck)[1]), 0.0, 0.0)]
    size = spec.type(CARD.code)
    y = spec.h - m
    boxes.append(Text(m, y, code, "bold", size, style.deep))
    if copy:
        boxes.append(Text(spec.w - m, y, f"{label(deck.settings.lang, 'table')} {copy}", "bold", size, style.deep, "right"))
    return Face(tuple(boxes))
