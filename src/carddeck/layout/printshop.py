"""Print-shop pages: one card face per page, 3 mm bleed, TrimBox and BleedBox set.

In: card faces (boxes in trim coordinates). Out: pages whose media box is the bleed box
(or, with ``marks``, a slug around it that carries crop marks outside the bleed).
"""

from __future__ import annotations

from .. import theme
from .boxes import Group, Line, Page, PageBoxes
from .sheet import MARK_WIDTH

BLEED = 3.0
SLUG = 12.0  # room for crop marks around the bleed, with --marks
MARK_LENGTH = 6.0


def crop_marks(x: float, y: float, w: float, h: float, bleed: float) -> tuple[Line, ...]:
    """Eight marks on the trim lines, starting just outside the bleed."""
    start, end = bleed + 1.0, bleed + 1.0 + MARK_LENGTH
    out = []
    for cx in (x, x + w):
        out.append(Line(cx, y - end, cx, y - start, theme.CUT, MARK_WIDTH, registration=True))
        out.append(Line(cx, y + h + start, cx, y + h + end, theme.CUT, MARK_WIDTH, registration=True))
    for cy in (y, y + h):
        out.append(Line(x - end, cy, x - start, cy, theme.CUT, MARK_WIDTH, registration=True))
        out.append(Line(x + w + start, cy, x + w + end, cy, theme.CUT, MARK_WIDTH, registration=True))
    return tuple(out)


def page(face_boxes, w: float, h: float, marks: bool, label: str, bleed: float = BLEED) -> Page:
    """One face on its own page; the trim starts at (bleed [+ slug], same)."""
    pad = bleed + (SLUG if marks else 0.0)
    items = (Group(pad, pad, 0, tuple(face_boxes)),)
    if marks:
        items = (*items, *crop_marks(pad, pad, w, h, bleed))
    boxes = PageBoxes(trim=(pad, pad, w, h), bleed=(pad - bleed, pad - bleed, w + 2 * bleed, h + 2 * bleed))
    return Page(w + 2 * pad, h + 2 * pad, items, boxes, label)
