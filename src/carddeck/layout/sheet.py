"""Office sheets: card faces in, pages of an A4/Letter PDF out (positions in mm).

Cards abut in a grid (fewest cuts: A6 on A4 is two straight cuts) centred on a portrait sheet,
upright or turned 90°. Of the grids that fit, the one with the most cards is chosen among those
that a facilitator can cut and an office printer can print: every edge of every card gets a cut
guide outside the cards (a cut line where cards abut, a crop mark beyond the grid, or the
sheet's own edge or the fold when the card edge lies within :data:`SHEET_CUT` of it), and no ink
comes within :data:`EDGE` of the sheet edge, neither the marks nor the cards' colour. Backs
follow their fronts and are placed where the sheet's flip (long or short edge), or the fold of
a gutterfold sheet, takes them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .. import fonts, theme
from ..units import pt_to_mm
from .boxes import Group, Line, Page, Text
from .card import CardFormat
from .errors import LayoutError

EDGE = 5.0  # office printers cannot print this close to the sheet edge
SHEET_CUT = 1.0  # a card edge this close to the sheet edge (or the fold) is cut there: no mark
MARK_GAP = 1.5  # crop marks stop this far from the trim: a cut a little off leaves no mark on the card
MARK_LENGTH = 8.0  # a crop mark, where there is room for it
MARK_MIN = 2.0  # a crop mark shorter than this is not worth printing
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


def _grids(cols: int, rows: int, cw: float, ch: float, rotation: int, paper, duplex: str, inset: float):
    """Ways to place ``cols`` × ``rows`` abutting slots, each centred across the sheet.

    Down the sheet the grid is centred; on a fold sheet it sits above the fold, with a gutter of
    up to :data:`EDGE` at the fold, or else with just enough room at the top for the colour to
    keep :data:`EDGE` from the sheet edge (the rest is the gutter).
    """
    pw, ph = paper
    free = (ph / 2 if duplex == "fold" else ph) - rows * ch
    tops = (free - min(EDGE, free), min(free, max(0.0, EDGE - inset))) if duplex == "fold" else (free / 2,)
    x0 = (pw - cols * cw) / 2
    for y0 in dict.fromkeys(tops):
        yield tuple(Slot(x0 + c * cw, y0 + r * ch, cw, ch, rotation) for r in range(rows) for c in range(cols))


def _mark_area(paper, duplex: str, half: str = "top") -> tuple[float, float, float, float]:
    """(x0, y0, x1, y1): where cut guides may print: clear of the sheet edge, and on a fold sheet
    on the guides' own side of the fold."""
    pw, ph = paper
    if duplex != "fold":
        return EDGE, EDGE, pw - EDGE, ph - EDGE
    return (EDGE, EDGE, pw - EDGE, ph / 2) if half == "top" else (EDGE, ph / 2, pw - EDGE, ph - EDGE)


def _guided(slots, lines, paper, duplex: str) -> bool:
    """Whether every edge of every slot has a cut guide: a line on it (a cut line or crop mark),
    or the sheet's edge (or the fold) within :data:`SHEET_CUT`."""
    pw, ph = paper
    borders_x, borders_y = (0.0, pw), (0.0, ph / 2, ph) if duplex == "fold" else (0.0, ph)
    on_x = {round(line.x1, 6) for line in lines if line.x1 == line.x2}
    on_y = {round(line.y1, 6) for line in lines if line.y1 == line.y2}
    for s in slots:
        for x in (s.x, s.x + s.w):
            if round(x, 6) not in on_x and min(abs(x - b) for b in borders_x) > SHEET_CUT:
                return False
        for y in (s.y, s.y + s.h):
            if round(y, 6) not in on_y and min(abs(y - b) for b in borders_y) > SHEET_CUT:
                return False
    return True


def _clear_of_edge(slots, inset: float, paper) -> bool:
    """Whether the cards' colour (``inset`` inside each trim) keeps :data:`EDGE` from the sheet edge."""
    pw, ph = paper
    margin = EDGE - inset - 1e-9
    return all(s.x >= margin and s.y >= margin and pw - s.x - s.w >= margin and ph - s.y - s.h >= margin
               for s in slots)


def impose(card_w: float, card_h: float, paper: tuple[float, float], duplex: str, back_offset=(0.0, 0.0)) -> Imposition:
    """Place as many cards as can be printed and cut on one sheet, and their backs.

    Of the upright and turned grids that fit, the largest wins whose every card edge has a cut
    guide and whose colour stays :data:`EDGE` from the sheet edge (:func:`_guided`,
    :func:`_clear_of_edge`); a tie goes to the upright grid, then to the one with more columns.
    The back offset is left out of that check: it moves the backs to where the printer's shift
    takes them back to.

    :raises LayoutError: when not even one card fits the sheet (or the half sheet, folded), or
        none can be printed with a cut guide on every edge and no ink near the sheet edge.
    """
    pw, ph = paper
    inset = CardFormat(card_w, card_h).inset
    area_h = ph / 2 if duplex == "fold" else ph
    fits_at_all, best = False, None
    for turned in (False, True):
        cw, ch = (card_h, card_w) if turned else (card_w, card_h)
        most_cols, most_rows = math.floor(pw / cw + 1e-9), math.floor(area_h / ch + 1e-9)
        fits_at_all = fits_at_all or most_cols * most_rows > 0
        for cols in range(most_cols, 0, -1):
            for rows in range(most_rows, 0, -1):
                if best is not None and cols * rows <= len(best):
                    continue
                for fronts in _grids(cols, rows, cw, ch, 90 if turned else 0, paper, duplex, inset):
                    lines = cut_marks(fronts, paper, _mark_area(paper, duplex))
                    if _clear_of_edge(fronts, inset, paper) and _guided(fronts, lines, paper, duplex):
                        best = fronts
                        break
    if best is None:
        room = f"half a {pw:g}×{ph:g} mm sheet ({pw:g}×{ph / 2:g} mm)" if duplex == "fold" else f"a {pw:g}×{ph:g} mm sheet"
        if fits_at_all:
            raise LayoutError(
                f"a {card_w:g}×{card_h:g} mm card on {room} leaves no room for cut marks on every edge, "
                f"{EDGE:g} mm clear of the sheet edge; choose a smaller --card-size or --for print-shop"
            )
        raise LayoutError(
            f"a {card_w:g}×{card_h:g} mm card does not fit on {room}; choose a smaller --card-size"
            + (", another --duplex" if duplex == "fold" else "") + " or --for print-shop"
        )
    if duplex == "none":
        backs: tuple[Slot, ...] = ()
    elif duplex == "fold":
        backs = tuple(mirror(s, paper, "y") for s in best)
    else:
        portrait = pw <= ph
        axis = "x" if (duplex == "long-edge") == portrait else "y"
        backs = tuple(mirror(s, paper, axis, back_offset) for s in best)
    return Imposition(paper, best, backs, duplex)


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


def cut_marks(slots, paper: tuple[float, float], area: tuple[float, float, float, float] | None = None) -> tuple[Line, ...]:
    """Cut lines along edges where cards abut, crop marks outside the grid where there is room.

    Everything stays inside ``area`` (x0, y0, x1, y1), by default the sheet less :data:`EDGE`.
    """
    pw, ph = paper
    ax0, ay0, ax1, ay1 = area or (EDGE, EDGE, pw - EDGE, ph - EDGE)
    # Edges rounded once, so that an edge is never both the grid's border and an inner cut.
    xs = sorted({round(v, 6) for s in slots for v in (s.x, s.x + s.w)})
    ys = sorted({round(v, 6) for s in slots for v in (s.y, s.y + s.h)})
    left, right, top, bottom = xs[0], xs[-1], ys[0], ys[-1]
    lines = []

    def add(x1, y1, x2, y2):
        # Marks run left-to-right / top-to-bottom and only inside the area: a mark on a line
        # outside it is left out, the rest is clipped to it.
        if x1 == x2:
            if not ax0 <= x1 <= ax1:
                return
            y1, y2 = max(y1, ay0), min(y2, ay1)
        else:
            if not ay0 <= y1 <= ay1:
                return
            x1, x2 = max(x1, ax0), min(x2, ax1)
        if x2 - x1 >= MARK_MIN - 1e-9 or y2 - y1 >= MARK_MIN - 1e-9:
            lines.append(Line(x1, y1, x2, y2, theme.CUT, MARK_WIDTH, registration=True))

    reach = MARK_GAP + MARK_LENGTH
    for x in xs:
        if left < x < right:  # an inner cut: cards abut here
            add(x, top, x, bottom)
        add(x, top - reach, x, top - MARK_GAP)
        add(x, bottom + MARK_GAP, x, bottom + reach)
    for y in ys:
        if top < y < bottom:
            add(left, y, right, y)
        add(left - reach, y, left - MARK_GAP, y)
        add(right + MARK_GAP, y, right + reach, y)
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


def _chunks(faces, per: int, set_size: int | None):
    """``faces`` in sheet-sized chunks; each set of ``set_size`` faces starts a new sheet."""
    step = set_size or len(faces) or 1
    for set_start in range(0, len(faces), step):
        one_set = faces[set_start : set_start + step]
        for start in range(0, len(one_set), per):
            yield one_set[start : start + per]


def sheets(faces, imposition: Imposition, fold_label: str = "fold", back_label: str = "back",
           set_size: int | None = None) -> list[Page]:
    """Pages for ``faces`` [(front boxes, back boxes, label)], sheet by sheet (front page, back page).

    With ``set_size`` (the cards of one table's set), every set starts on a new sheet, so that
    each table's cards can be cut and handed out without sorting.
    """
    pages: list[Page] = []
    paper = imposition.paper
    fold = imposition.duplex == "fold"
    # A part-filled sheet is cut like a full one.
    marks = cut_marks(imposition.fronts, paper, _mark_area(paper, imposition.duplex))
    back_marks = cut_marks(imposition.backs, paper, _mark_area(paper, "fold", "bottom")) if fold else ()
    for chunk in _chunks(faces, len(imposition.fronts), set_size):
        fronts = [place(s, f[0]) for s, f in zip(imposition.fronts, chunk)]
        label = f"{chunk[0][2]} – {chunk[-1][2]}"
        if fold:
            backs = [place(s, f[1]) for s, f in zip(imposition.backs, chunk)]
            items = (*fronts, *backs, *marks, *back_marks, *fold_line(paper, fold_label, imposition.fronts))
            pages.append(Page(paper[0], paper[1], items, label=label))
            continue
        pages.append(Page(paper[0], paper[1], (*fronts, *marks), label=label))
        if imposition.duplex != "none":
            backs = [place(s, f[1]) for s, f in zip(imposition.backs, chunk)]
            pages.append(Page(paper[0], paper[1], tuple(backs), label=f"{label} ({back_label})"))
    return pages
