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
    margin: float = 8.0  # sheet edge to the cut line, at least
    line: float = 0.3  # cut and fold lines
    dash: tuple[float, float] = (3.0, 2.0)


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


def _lid(a: float, b: float, y0: float, d: float, t: float, r: float) -> list[tuple[float, float]]:
    """The profile above a panel carrying the lid and its tuck flap, left to right."""
    c = min(t / 2, 6.0)  # the tuck flap's corners are cut off, so it slides in
    top = y0 - d - t
    return [(a, y0), (a, y0 - d), (a + r, y0 - d), (a + r, top + c), (a + r + c, top), (b - r - c, top),
            (b - r, top + c), (b - r, y0 - d), (b, y0 - d), (b, y0)]


def _dust(a: float, b: float, y0: float, f: float, r: float) -> list[tuple[float, float]]:
    """The profile of a dust flap above a side panel, left to right."""
    c = min(f / 2, (b - a) / 3)
    return [(a + r, y0), (a + r, y0 - f + c / 2), (a + r + c, y0 - f), (b - r, y0 - f), (b - r, y0)]


def _mirror(points, y0: float, h: float):
    """A top profile as the bottom one: mirrored about the panels' middle, right to left."""
    return [(x, 2 * y0 + h - y) for x, y in reversed(points)]


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
            top += _lid(a, b, y0, box.d, t, r)
            bottom += [(a, y0 + h), (b, y0 + h)]
            folds += [(a, y0, b, y0), (a + r, y0 - box.d, b - r, y0 - box.d)]
        elif name == "front":
            top += [(a, y0), (b, y0)]
            bottom += _mirror(_lid(a, b, y0, box.d, t, r), y0, h)[::-1]
            folds += [(a, y0 + h, b, y0 + h), (a + r, y0 + h + box.d, b - r, y0 + h + box.d)]
        elif name == "side":
            f = min(box.d * 0.9, box.w / 2 - r)
            top += _dust(a, b, y0, f, r)
            bottom += _mirror(_dust(a, b, y0, f, r), y0, h)[::-1]
            folds += [(a + r, y0, b - r, y0), (a + r, y0 + h, b - r, y0 + h)]
        elif name == "glue-left":
            top += [(a, y0 + design.glue_chamfer), (b, y0)]
            bottom += [(a, y0 + h - design.glue_chamfer), (b, y0 + h)]
        else:  # glue-right
            top += [(a, y0), (b, y0 + design.glue_chamfer)]
            bottom += [(a, y0 + h), (b, y0 + h - design.glue_chamfer)]
        panels.append((a, y0, b - a, h, name))
        x = b
    outline = [p for i, p in enumerate(top + list(reversed(bottom))) if i == 0 or p != (top + list(reversed(bottom)))[i - 1]]
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
    symbols = [symbol_artwork(style, 2.2) for style in theme.PHASES.values()]
    pages = []
    for copy in range(1, copies + 1):
        for n, net in enumerate(pieces):
            ox, oy = (sheet[0] - net.w) / 2, (sheet[1] - net.h) / 2
            items: list = [Shape(tuple((ox + x, oy + y) for x, y in net.outline), None, theme.INK, design.line)]
            items += [Line(ox + x1, oy + y1, ox + x2, oy + y2, theme.MUTED, design.line, dash=design.dash)
                      for x1, y1, x2, y2 in net.folds]
            for x, y, w, h, name in net.panels:
                items += _panel(name, ox + x, oy + y, w, h, deck, copy if copies > 1 else None, box, gsm, lang)
            title = label(lang, "box_title") + (f" · {label(lang, 'table')} {copy}" if copies > 1 else "")
            pages.append(Page(sheet[0], sheet[1], tuple(items), label=f"{title} ({n + 1}/{len(pieces)})"))
    return Document(tuple(pages), tuple(symbols), title=f"{deck.title} · {label(lang, 'box_title')}",
                    subject="carddeck: tuck box", links=False)


def _panel(name, x, y, w, h, deck, table, box: Inside, gsm: int, lang: str) -> list:
    """What is printed on a panel: the kit's name and symbols on the front, the box's facts on the back."""
    out: list = []
    pad = 5.0
    if name == "front":
        block = fit([deck.title], "bold", w - 2 * pad, h / 3, 16.0, 8.0, lang, max_lines=3)
        bottom = set_text(out, block, x + pad, y + pad + 2.0, "bold", theme.INK)
        pitch = 6.2
        for i, style in enumerate(theme.PHASES.values()):
            out.append(Use(symbol_key(style, 2.2), x + pad + 2.2 + i * pitch, bottom + 6.0))
        if table:
            size = 14.0
            out.append(Text(x + pad, y + h - pad, f"{label(lang, 'table')} {table}", "bold", size, theme.INK))
    elif name == "back":
        cw, ch = box.w - 2 * DESIGN.clearance, box.h - 2 * DESIGN.clearance
        facts = label(lang, "box_for").format(count=len(deck.cards), w=_n(cw), h=_n(ch), gsm=gsm)
        size = label(lang, "box_inside").format(w=_n(box.w), h=_n(box.h), d=_n(box.d))
        how = label(lang, "box_how")
        block = fit([facts, size, how], "regular", w - 2 * pad, h - 2 * pad, 8.0, 6.0, lang)
        set_text(out, block, x + pad, y + pad, "regular", theme.MUTED)
    elif name.startswith("glue"):
        base = y + h / 2 + pt_to_mm(7.0 * fonts.CAP_HEIGHT) / 2
        out.append(Text(x + w / 2, base, label(lang, "box_glue"), "regular", 7.0, theme.MUTED, "centre"))
    return out


def _n(value: float) -> str:
    """A length with a decimal comma, to the tenth of a millimetre."""
    return f"{round(value, 1):g}".replace(".", ",")


__all__ = ["BoxDesign", "DESIGN", "CARD_GSM", "Inside", "inside", "deck_thickness", "nets", "piece",
           "tuckbox_document"]
