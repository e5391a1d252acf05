"""The tuck box: the card size, the number of cards and their paper weight in, a box template out.

A tuck-end box: a ring of four panels (front, side, back, side) glued with a flap, a lid with a
tuck flap at each end and dust flaps on the sides. Its inside is the card plus
:attr:`BoxDesign.clearance`, and as deep as the deck at the stated paper weight (:func:`deck_thickness`).
Cut along the solid lines, fold along the dashed ones. When the whole box does not fit the
office sheet it is split into two halves (front + side, back + side), one per sheet, glued
together with a second flap. One box per set (``copies``); with copies, each shows its table.
Lengths in mm (top-left origin, y down).
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import fonts, theme
from ..labels import label
from ..units import pt_to_mm
from .boxes import Document, Line, Page, Shape, Text, Use
from .symbols import symbol_artwork, symbol_key
from .text import fit, set_text

CARD_GSM = 300  # the card stock the guide recommends (250–300 g/m²): the box is sized for it
MM_PER_GSM = 0.00125  # caliper of uncoated card stock: about 1.25 µm per g/m² (300 g/m² ≈ 0.375 mm)


@dataclass(frozen=True)
class BoxDesign:
    """The design values of the tuck box, read by layout and by the tests."""

    clearance: float = 1.0  # mm each side of the card, so the deck slides in and out
    depth_extra: float = 2.0  # mm more than the deck is thick: cards are not quite flat
    glue: float = 12.0  # the glue flap's width
    glue_chamfer: float = 4.0
    tuck: float = 18.0  # the tuck flap that goes into the box under the lid
    relief: float = 1.0  # the tuck and dust flaps are this much narrower than their panel
    tuck_corner: float = 6.0  # the tuck flap's corners are cut off, so it slides in: this much, half the flap at most
    # A dust flap's depth as a share of the box's depth; at most half the face's width less the
    # relief, so that the two flaps folded in at one end do not meet.
    dust_depth: float = 0.9
    margin: float = 8.0  # sheet edge to the cut line, at least
    line: float = 0.3  # cut and fold lines
    dash: tuple[float, float] = (3.0, 2.0)
    # What the panels print: the kit's title and the phase symbols on the front, the facts on the back.
    pad: float = 5.0  # panel edge to its print
    title_pt: float = 16.0  # the front's title, shrunk down to title_min_pt to fit
    title_min_pt: float = 8.0
    title_lines: int = 3
    title_share: int = 3  # the title fits in 1/title_share of the front's height (a third)
    title_drop: float = 2.0  # mm more below the pad, above the title
    symbol: float = 2.2  # a phase symbol's radius
    symbol_pitch: float = 6.2  # from one symbol's centre to the next
    symbol_drop: float = 6.0  # from the title's last line to the symbols' centres
    table_pt: float = 14.0  # the table number at the front's bottom, with copies
    facts_pt: float = 8.0  # the back's facts, shrunk down to facts_min_pt to fit
    facts_min_pt: float = 6.0
    glue_pt: float = 7.0  # "glue" on a glue flap


DESIGN = BoxDesign()


def deck_thickness(cards: int, gsm: int = CARD_GSM) -> float:
    """How thick a stack of ``cards`` cards on ``gsm`` g/m² stock is, in mm."""
    return cards * gsm * MM_PER_GSM


@dataclass(frozen=True)
class Inside:
    """The inside of the box: width and height of the face, depth; in mm."""

    w: float
    h: float
    d: float


def inside(card_size: tuple[float, float], cards: int, gsm: int = CARD_GSM, design: BoxDesign = DESIGN) -> Inside:
    w, h = card_size
    return Inside(w + 2 * design.clearance, h + 2 * design.clearance,
                  round(deck_thickness(cards, gsm) + design.depth_extra, 1))


# --- one piece of the net ----------------------------------------------------------------------


def _lid(a: float, b: float, y0: float, d: float, t: float, r: float, corner: float) -> list[tuple[float, float]]:
    """The profile above a panel carrying the lid and its tuck flap, left to right."""
    c = min(t / 2, corner)
    top = y0 - d - t
    return [(a, y0), (a, y0 - d), (a + r, y0 - d), (a + r, top + c), (a + r + c, top), (b - r - c, top),
            (b - r, top + c), (b - r, y0 - d), (b, y0 - d), (b, y0)]


def _dust(a: float, b: float, y0: float, f: float, r: float) -> list[tuple[float, float]]:
    """The profile of a dust flap above a side panel, left to right."""
    c = min(f / 2, (b - a) / 3)
    return [(a + r, y0), (a + r, y0 - f + c / 2), (a + r + c, y0 - f), (b - r, y0 - f), (b - r, y0)]


def _mirror(points, y0: float, h: float):
    """A top profile as the bottom one: mirrored about the panels' middle, still left to right."""
    return [(x, 2 * y0 + h - y) for x, y in points]


@dataclass(frozen=True)
class Piece:
    """One cut-out: its outline, folds and panels (x, y, w, h, name), its size, in its own mm."""

    w: float
    h: float
    outline: tuple[tuple[float, float], ...]
    folds: tuple[tuple[float, float, float, float], ...]
    panels: tuple[tuple[float, float, float, float, str], ...]


def piece(columns: list[str], box: Inside, design: BoxDesign = DESIGN) -> Piece:
    """The net of ``columns`` (from "glue-left", "front", "side", "back", "glue-right"), left to right.

    The back carries the top lid, the front the bottom lid: so the box opens at the top and its
    bottom tucks in from the front.
    """
    g, t, r = design.glue, design.tuck, design.relief
    widths = {"front": box.w, "back": box.w, "side": box.d, "glue-left": g, "glue-right": g}
    y0, h = box.d + t, box.h
    top: list = []
    bottom: list = []
    folds: list = []
    panels: list = []
    x = 0.0
    for i, name in enumerate(columns):
        a, b = x, x + widths[name]
        if i:
            folds.append((a, y0, a, y0 + h))
        if name == "back":
            top += _lid(a, b, y0, box.d, t, r, design.tuck_corner)
            bottom += [(a, y0 + h), (b, y0 + h)]
            folds += [(a, y0, b, y0), (a + r, y0 - box.d, b - r, y0 - box.d)]
        elif name == "front":
            top += [(a, y0), (b, y0)]
            bottom += _mirror(_lid(a, b, y0, box.d, t, r, design.tuck_corner), y0, h)
            folds += [(a, y0 + h, b, y0 + h), (a + r, y0 + h + box.d, b - r, y0 + h + box.d)]
        elif name == "side":
            f = min(box.d * design.dust_depth, box.w / 2 - r)
            top += _dust(a, b, y0, f, r)
            bottom += _mirror(_dust(a, b, y0, f, r), y0, h)
            folds += [(a + r, y0, b - r, y0), (a + r, y0 + h, b - r, y0 + h)]
        elif name == "glue-left":
            top += [(a, y0 + design.glue_chamfer), (b, y0)]
            bottom += [(a, y0 + h - design.glue_chamfer), (b, y0 + h)]
        else:  # glue-right
            top += [(a, y0), (b, y0 + design.glue_chamfer)]
            bottom += [(a, y0 + h), (b, y0 + h - design.glue_chamfer)]
        panels.append((a, y0, b - a, h, name))
        x = b
    ring = top + bottom[::-1]  # clockwise from the top left
    outline = [p for i, p in enumerate(ring) if i == 0 or p != ring[i - 1]]
    return Piece(x, 2 * y0 + h, tuple(outline), tuple(folds), tuple(panels))


def nets(box: Inside, paper: tuple[float, float], design: BoxDesign = DESIGN):
    """The pieces of one box and the sheet (w, h) they go on: the whole box on one sheet when it
    fits (portrait or landscape), else two halves, one per sheet.

    :raises ValueError: when even a half does not fit the sheet.
    """
    whole = [piece(["glue-left", "front", "side", "back", "side"], box, design)]
    halves = [piece(["front", "side", "glue-right"], box, design), piece(["back", "side", "glue-right"], box, design)]
    for pieces in (whole, halves):
        for sheet in (paper, (paper[1], paper[0])):
            room = (sheet[0] - 2 * design.margin, sheet[1] - 2 * design.margin)
            if all(p.w <= room[0] + 1e-9 and p.h <= room[1] + 1e-9 for p in pieces):
                return pieces, sheet
    raise ValueError(
        f"a box for {box.w - 2 * design.clearance:g}×{box.h - 2 * design.clearance:g} mm cards "
        f"{box.d:g} mm deep does not fit a {paper[0]:g}×{paper[1]:g} mm sheet, even in two halves"
    )


# --- the document ------------------------------------------------------------------------------


def tuckbox_document(deck, card_size: tuple[float, float], paper: tuple[float, float], copies: int = 1,
                     gsm: int = CARD_GSM, design: BoxDesign = DESIGN) -> Document:
    """One box per set: its pieces centred on office sheets, cut lines solid, folds dashed.

    :raises ValueError: when the box does not fit the sheet (see :func:`nets`).
    """
    lang = deck.settings.lang
    box = inside(card_size, len(deck.cards), gsm, design)
    pieces, sheet = nets(box, paper, design)
    symbols = [symbol_artwork(style, design.symbol) for style in theme.PHASES.values()]
    pages = []
    for copy in range(1, copies + 1):
        for n, net in enumerate(pieces):
            ox, oy = (sheet[0] - net.w) / 2, (sheet[1] - net.h) / 2
            items: list = [Shape(tuple((ox + x, oy + y) for x, y in net.outline), None, theme.INK, design.line)]
            items += [Line(ox + x1, oy + y1, ox + x2, oy + y2, theme.MUTED, design.line, dash=design.dash)
                      for x1, y1, x2, y2 in net.folds]
            for x, y, w, h, name in net.panels:
                items += _panel(name, ox + x, oy + y, w, h, deck, copy if copies > 1 else None, box, gsm, lang, design)
            title = label(lang, "box_title") + (f" · {label(lang, 'table')} {copy}" if copies > 1 else "")
            pages.append(Page(sheet[0], sheet[1], tuple(items), label=f"{title} ({n + 1}/{len(pieces)})"))
    return Document(tuple(pages), tuple(symbols), title=f"{deck.title} · {label(lang, 'box_title')}",
                    subject="carddeck: tuck box", links=False)


def _panel(name, x, y, w, h, deck, table, box: Inside, gsm: int, lang: str, d: BoxDesign) -> list:
    """What is printed on a panel: the kit's name and symbols on the front, the box's facts on the back."""
    out: list = []
    pad = d.pad
    if name == "front":
        block = fit([deck.title], "bold", w - 2 * pad, h / d.title_share, d.title_pt, d.title_min_pt, lang,
                    max_lines=d.title_lines)
        bottom = set_text(out, block, x + pad, y + pad + d.title_drop, "bold", theme.INK)
        for i, style in enumerate(theme.PHASES.values()):
            cx = x + pad + d.symbol + i * d.symbol_pitch
            out.append(Use(symbol_key(style, d.symbol), cx, bottom + d.symbol_drop))
        if table:
            out.append(Text(x + pad, y + h - pad, f"{label(lang, 'table')} {table}", "bold", d.table_pt, theme.INK))
    elif name == "back":
        cw, ch = box.w - 2 * d.clearance, box.h - 2 * d.clearance
        facts = label(lang, "box_for").format(count=len(deck.cards), w=_n(cw), h=_n(ch), gsm=gsm)
        size = label(lang, "box_inside").format(w=_n(box.w), h=_n(box.h), d=_n(box.d))
        how = label(lang, "box_how")
        block = fit([facts, size, how], "regular", w - 2 * pad, h - 2 * pad, d.facts_pt, d.facts_min_pt, lang)
        set_text(out, block, x + pad, y + pad, "regular", theme.MUTED)
    elif name.startswith("glue"):
        base = y + h / 2 + pt_to_mm(d.glue_pt * fonts.CAP_HEIGHT) / 2
        out.append(Text(x + w / 2, base, label(lang, "box_glue"), "regular", d.glue_pt, theme.MUTED, "centre"))
    return out


def _n(value: float) -> str:
    """A length with a decimal comma, to the tenth of a millimetre."""
    return f"{round(value, 1):g}".replace(".", ",")


__all__ = ["BoxDesign", "DESIGN", "CARD_GSM", "Inside", "inside", "deck_thickness", "nets", "piece",
           "tuckbox_document"]
