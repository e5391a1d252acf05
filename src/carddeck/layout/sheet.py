"""Office sheets: card faces in, pages of an A4/Letter PDF out (positions in mm).

Cards abut in a grid (fewest cuts: A6 on A4 is two straight cuts) centred on a portrait sheet,
turned 90° when that fits more. Where cards abut, a thin cut line runs along the shared edge;
where there is room outside the grid, crop marks continue every cut line, kept 5 mm from the
sheet edge that office printers cannot print. Backs follow their fronts and are placed where
the sheet's flip (long or short edge), or the fold of a gutterfold sheet, takes them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .. import fonts, theme
from ..units import pt_to_mm
from .boxes import Group, Line, Page, Text
from .errors import LayoutError

EDGE = 5.0  # office printers cannot print this close to the sheet edge
MARK_GAP = 2.0  # crop marks stop this far from the trim
MARK_WIDTH = pt_to_mm(0.5)  # 0.5 pt: thin but visible on paper
DUPLEX = ("long-edge", "short-edge", "fold", "none")


@dataclass(frozen=True)
class Slot:
    """Where one card face sits on a sheet: its rectangle and how its content is turned."""

    x: float
    y: float
    w: float  # on the sheet, after turning
    h: float
    rotation: int  # clockwise degrees: 0, 90, 180, 270


@dataclass(frozen=True)
class Imposition:
    """How cards go on a sheet: front slots, and the back slot that lies behind each."""

    paper: tuple[float, float]
    fronts: tuple[Slot, ...]
    backs: tuple[Slot, ...]  # same order as fronts; empty with duplex "none"
    duplex: str


def _grid(area_w: float, area_h: float, w: float, h: float) -> tuple[int, int, bool]:
    """(cols, rows, turned) that fit the most w × h cards in the area; unturned wins ties."""
    best = (0, 0, False)
    for turned in (False, True):
        cw, ch = (h, w) if turned else (w, h)
        cols, rows = math.floor(area_w / cw + 1e-9), math.floor(area_h / ch + 1e-9)
        if cols * rows > best[0] * best[1]:
            best = (cols, rows, turned)
    return best


def mirror(slot: Slot, paper: tuple[float, float], axis: str, offset: tuple[float, float] = (0.0, 0.0)) -> Slot:
    """The slot behind ``slot`` when the sheet turns about a vertical (``x``) or horizontal (``y``) axis.

    The back's top edge lies on the same physical edge of the card as the front's top edge.
    ``offset`` (mm, as seen from the front) shifts the back to correct a printer's misregistration.
    """
    pw, ph = paper
    dx, dy = offset
    if axis == "x":
        return Slot(pw - slot.x - slot.w - dx, slot.y + dy, slot.w, slot.h, (360 - slot.rotation) % 360)
    return Slot(slot.x + dx, ph - slot.y - slot.h - dy, slot.w, slot.h, (180 - slot.rotation) % 360)


def impose(card_w: float, card_h: float, paper: tuple[float, float], duplex: str, back_offset=(0.0, 0.0)) -> Imposition:
    """Place as many cards as fit on one sheet, and their backs.

    :raises LayoutError: when not even one card fits the sheet (or the half sheet, folded).
    """
    pw, ph = paper
    if duplex == "fold":
        # Fronts in the top half, backs mirrored below the fold; a gutter of up to 5 mm each side.
        cols, rows, turned = _grid(pw, ph / 2, card_w, card_h)
        cw, ch = (card_h, card_w) if turned else (card_w, card_h)
        gutter = min(EDGE, ph / 2 - rows * ch)
        y0 = ph / 2 - gutter - rows * ch  # the grid sits just above the gutter
    else:
        cols, rows, turned = _grid(pw, ph, card_w, card_h)
        cw, ch = (card_h, card_w) if turned else (card_w, card_h)
        y0 = (ph - rows * ch) / 2
    if cols * rows == 0:
        room = f"half a {pw:g}×{ph:g} mm sheet ({pw:g}×{ph / 2:g} mm)" if duplex == "fold" else f"a {pw:g}×{ph:g} mm sheet"
        raise LayoutError(
            f"a {card_w:g}×{card_h:g} mm card does not fit on {room}; choose a smaller --card-size"
            + (", another --duplex" if duplex == "fold" else "") + " or --for print-shop"
        )
    x0 = (pw - cols * cw) / 2
    rotation = 90 if turned else 0
    fronts = tuple(Slot(x0 + c * cw, y0 + r * ch, cw, ch, rotation) for r in range(rows) for c in range(cols))
    if duplex == "none":
        backs: tuple[Slot, ...] = ()
    elif duplex == "fold":
        backs = tuple(mirror(s, paper, "y") for s in fronts)
    else:
        portrait = pw <= ph
        axis = "x" if (duplex == "long-edge") == portrait else "y"
        backs = tuple(mirror(s, paper, axis, back_offset) for s in fronts)
    return Imposition(paper, fronts, backs, duplex)


def place(slot: Slot, face_boxes) -> Group:
    """A card face (boxes in card coordinates) put into a slot, turned as the slot says."""
    # Group origin: where the card's own top-left corner lands after turning.
    ox, oy = {
        0: (slot.x, slot.y),
        90: (slot.x + slot.w, slot.y),
        180: (slot.x + slot.w, slot.y + slot.h),
        270: (slot.x, slot.y + slot.h),
    }[slot.rotation]
    return Group(ox, oy, slot.rotation, tuple(face_boxes))


def cut_marks(slots, paper: tuple[float, float]) -> tuple[Line, ...]:
    """Cut lines along edges where cards abut, crop marks outside the grid where there is room."""
    pw, ph = paper
    # Edges rounded once, so that an edge is never both the grid's border and an inner cut.
    xs = sorted({round(v, 6) for s in slots for v in (s.x, s.x + s.w)})
    ys = sorted({round(v, 6) for s in slots for v in (s.y, s.y + s.h)})
    left, right, top, bottom = xs[0], xs[-1], ys[0], ys[-1]
    lines = []

    def add(x1, y1, x2, y2):
        # Marks run left-to-right / top-to-bottom and only where an office printer prints: a mark
        # on a line closer than EDGE to the sheet's edge is left out, the rest is clipped to EDGE.
        if x1 == x2:
            if not EDGE <= x1 <= pw - EDGE:
                return
            y1, y2 = max(y1, EDGE), min(y2, ph - EDGE)
        else:
            if not EDGE <= y1 <= ph - EDGE:
                return
            x1, x2 = max(x1, EDGE), min(x2, pw - EDGE)
        # One that would be shorter than 2 mm has no room.
        if x2 - x1 >= 2.0 or y2 - y1 >= 2.0:
            lines.append(Line(x1, y1, x2, y2, theme.CUT, MARK_WIDTH, registration=True))

    for x in xs:
        if left < x < right:  # an inner cut: cards abut here
            add(x, top, x, bottom)
        add(x, max(EDGE, top - MARK_GAP - 8.0), x, top - MARK_GAP)
        add(x, bottom + MARK_GAP, x, min(ph - EDGE, bottom + MARK_GAP + 8.0))
    for y in ys:
        if top < y < bottom:
            add(left, y, right, y)
        add(max(EDGE, left - MARK_GAP - 8.0), y, left - MARK_GAP, y)
        add(right + MARK_GAP, y, min(pw - EDGE, right + MARK_GAP + 8.0), y)
    return tuple(lines)


FOLD_LABEL_SIZE = 7.0  # pt


def fold_line(paper: tuple[float, float], lang_label: str, slots=()) -> tuple:
    """The dashed fold line of a gutterfold sheet, with a small label at its left end.

    The label is left out when it would print on one of the cards in ``slots``.
    """
    pw, ph = paper
    line = Line(EDGE, ph / 2, pw - EDGE, ph / 2, theme.CUT, MARK_WIDTH, dash=(3.0, 2.0))
    baseline = ph / 2 - 1.5
    x0, x1 = EDGE, EDGE + fonts.width(lang_label, "regular", FOLD_LABEL_SIZE)
    y0 = baseline - pt_to_mm(FOLD_LABEL_SIZE * fonts.ASCENT)
    y1 = baseline + pt_to_mm(FOLD_LABEL_SIZE * fonts.DESCENT)
    if any(x0 < s.x + s.w and s.x < x1 and y0 < s.y + s.h and s.y < y1 for s in slots):
        return (line,)
    return (line, Text(EDGE, baseline, lang_label, "regular", FOLD_LABEL_SIZE, theme.CUT))


def sheets(faces, imposition: Imposition, fold_label: str = "fold", back_label: str = "back") -> list[Page]:
    """Pages for ``faces`` [(front boxes, back boxes, label)], sheet by sheet (front page, back page)."""
    per = len(imposition.fronts)
    pages: list[Page] = []
    paper = imposition.paper
    for start in range(0, len(faces), per):
        chunk = faces[start : start + per]
        fronts = [place(s, f[0]) for s, f in zip(imposition.fronts, chunk)]
        marks = cut_marks(imposition.fronts, paper)  # a part-filled sheet is cut like a full one
        label = f"{chunk[0][2]} – {chunk[-1][2]}"
        if imposition.duplex == "fold":
            backs = [place(s, f[1]) for s, f in zip(imposition.backs, chunk)]
            back_marks = cut_marks(imposition.backs, paper)
            items = (*fronts, *backs, *marks, *back_marks, *fold_line(paper, fold_label, imposition.fronts))
            pages.append(Page(paper[0], paper[1], items, label=label))
            continue
        pages.append(Page(paper[0], paper[1], (*fronts, *marks), label=label))
        if imposition.duplex != "none":
            backs = [place(s, f[1]) for s, f in zip(imposition.backs, chunk)]
            pages.append(Page(paper[0], paper[1], tuple(backs), label=f"{label} ({back_label})"))
    return pages
