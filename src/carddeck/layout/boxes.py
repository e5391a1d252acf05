"""Placed boxes: the result of layout and the only input of render.

Every length is in millimetres (floats). The origin of every box list is the **top-left** corner
of the surface it belongs to (a page, or an artwork), **x to the right, y down**. Text is placed
by its baseline. Render converts to PDF points and flips y in one place.

Nothing here knows reportlab; a renderer needs no decisions beyond translating these boxes: a
text box carries its measured left edge and width, and a document's artwork carries the bounds
of everything it draws, so a renderer needs no font metrics.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property

from .. import fonts, qr
from ..units import pt_to_mm


@dataclass(frozen=True)
class Rect:
    """A rectangle: filled, stroked, or both; ``radius`` rounds its corners."""

    x: float
    y: float
    w: float
    h: float
    fill: str | None = None
    stroke: str | None = None
    stroke_width: float = 0.0  # mm
    radius: float = 0.0
    dash: tuple[float, ...] = ()  # mm on, mm off


@dataclass(frozen=True)
class Line:
    """A straight line segment."""

    x1: float
    y1: float
    x2: float
    y2: float
    colour: str
    width: float  # mm
    dash: tuple[float, ...] = ()
    registration: bool = False  # crop marks: printed on every separation in print-shop files


@dataclass(frozen=True)
class Shape:
    """A closed polygon (``points``) or, with no points, a circle of ``radius`` at (cx, cy)."""

    points: tuple[tuple[float, float], ...]
    fill: str | None
    stroke: str | None = None
    stroke_width: float = 0.0
    cx: float = 0.0
    cy: float = 0.0
    radius: float = 0.0


@dataclass(frozen=True)
class Text:
    """One line of text, placed by its anchor ``x``: its left edge, right edge or centre, by
    ``align``. Made, it carries where it starts (``left``) and its width ``w``, measured with the
    font's own widths (tracking included), so that drawing it takes no measuring."""

    x: float
    y: float  # baseline
    text: str
    weight: str  # "regular" | "bold"
    size: float  # points: type is specified in points everywhere in print
    colour: str
    align: str = "left"  # "left" | "right" | "centre"
    tracking: float = 0.0  # extra space between letters, in points
    w: float = field(init=False)  # mm, the line's advance width (tracking between letters included)
    left: float = field(init=False)  # mm, the x where the line starts, whatever its alignment

    def __post_init__(self) -> None:
        w = fonts.width(self.text, self.weight, self.size, self.tracking)
        left = self.x if self.align == "left" else self.x - (w if self.align == "right" else w / 2)
        object.__setattr__(self, "w", w)
        object.__setattr__(self, "left", left)


@dataclass(frozen=True)
class QR:
    """The QR code of ``payload``, quiet zone included, drawn ``size`` mm square.

    Layout sizes it from the payload's length alone (:func:`carddeck.qr.side_for`); the modules
    are encoded when first asked for, by render, so laying out (and ``validate``) encodes nothing.
    """

    x: float
    y: float
    size: float
    colour: str
    background: str | None
    payload: str
    link: bool = False  # the payload is an address: the code is also a link annotation

    @property
    def url(self) -> str:
        """The address the code opens, or "" (a Wi-Fi code, say)."""
        return self.payload if self.link else ""

    @cached_property
    def modules(self) -> tuple[str, ...]:
        """Rows of "1" (dark) and "0", quiet zone included (:func:`carddeck.qr.matrix`)."""
        return qr.matrix(self.payload)


@dataclass(frozen=True)
class Use:
    """Draw the artwork ``key`` with its origin at (x, y), turned by ``rotation`` degrees.

    Artwork that repeats (a card back, a phase symbol) is defined once and reused: a renderer
    can turn it into one PDF form XObject.
    """

    key: str
    x: float
    y: float
    rotation: int = 0  # 0, 90, 180, 270: clockwise, about the origin (x, y)
    scale: float = 1.0  # drawn this many times its size (an assembly map shows the poster small)


Box = Rect | Line | Shape | Text | QR | Use


@dataclass(frozen=True)
class Artwork:
    """A reusable drawing of size w × h; its boxes use its own top-left origin.

    ``bounds`` (x0, y0, x1, y1) encloses everything it draws, :data:`FORM_PAD` included; the
    :class:`Document` that holds the artwork works it out (it needs the bounds of the artwork
    this one uses).
    """

    key: str
    w: float
    h: float
    boxes: tuple[Box, ...]
    bounds: tuple[float, float, float, float] | None = None


@dataclass(frozen=True)
class Group:
    """Boxes drawn at an offset and turned: how a card face is put on a sheet.

    ``clip`` (x, y, w, h), in the group's own coordinates, hides whatever falls outside it:
    how one tile of a poster shows only its part.
    """

    x: float
    y: float
    rotation: int
    boxes: tuple[Box, ...]
    clip: tuple[float, float, float, float] | None = None


@dataclass(frozen=True)
class PageBoxes:
    """PDF page boxes in mm, relative to the page's top-left corner: (x, y, w, h)."""

    trim: tuple[float, float, float, float] | None = None
    bleed: tuple[float, float, float, float] | None = None


@dataclass(frozen=True)
class Page:
    """One page of a document: its size, its boxes in drawing order, and its page boxes."""

    w: float
    h: float
    items: tuple[Box | Group, ...]
    boxes: PageBoxes = field(default_factory=PageBoxes)
    label: str = ""  # a bookmark / outline title


@dataclass(frozen=True)
class Document:
    """A whole PDF as layout made it: pages, reusable artwork, colour mode and metadata.

    Made, its ``artwork`` is in the order it can be defined (artwork that others use first) and
    each carries its ``bounds``.
    """

    pages: tuple[Page, ...]
    artwork: tuple[Artwork, ...] = ()
    cmyk: bool = False
    title: str = ""
    subject: str = ""
    links: bool = True  # QR codes also become clickable link annotations
    notes: tuple[str, ...] = ()  # what layout had to give way on, for the build to tell the user

    def __post_init__(self) -> None:
        object.__setattr__(self, "artwork", _bounded(self.artwork))


# --- bounds of artwork -------------------------------------------------------------------------

FORM_PAD = 2.0  # mm around an artwork's drawing: room for stroke widths and glyph overhangs
_MM_PER_PT = pt_to_mm(1.0)


def _turned(x0, y0, x1, y1, x: float, y: float, rotation: int, scale: float = 1.0):
    """The corners of a box after it is scaled, turned and moved to (x, y), as x and y lists."""
    turn = {0: (1, 0, 0, 1), 90: (0, -1, 1, 0), 180: (-1, 0, 0, -1), 270: (0, 1, -1, 0)}[rotation % 360]
    a, b, c, d = turn
    corners = [(u * scale, v * scale) for u in (x0, x1) for v in (y0, y1)]
    return [x + a * u + b * v for u, v in corners], [y + c * u + d * v for u, v in corners]


def _extent(b, bounds: dict) -> tuple[list[float], list[float]]:
    """x and y values that bound one box (a renderer may clip artwork to its bounds: be complete)."""
    if isinstance(b, Rect):
        return [b.x, b.x + b.w], [b.y, b.y + b.h]
    if isinstance(b, Line):
        return [b.x1, b.x2], [b.y1, b.y2]
    if isinstance(b, Shape):
        return ([b.cx - b.radius, b.cx + b.radius] + [p[0] for p in b.points],
                [b.cy - b.radius, b.cy + b.radius] + [p[1] for p in b.points])
    if isinstance(b, Text):
        # A PDF adds the tracking after the last letter too; the height allows for accents.
        right = b.left + b.w + b.tracking * _MM_PER_PT
        return [b.left, right], [b.y - b.size * _MM_PER_PT, b.y + b.size * _MM_PER_PT * fonts.DESCENT]
    if isinstance(b, QR):
        return [b.x, b.x + b.size], [b.y, b.y + b.size]
    if isinstance(b, Use):  # artwork bounded earlier: its own bounds, placed
        return _turned(*bounds[b.key], b.x, b.y, b.rotation, b.scale)
    xs, ys = [], []  # a Group: its boxes, placed
    for inner in b.boxes:
        bx, by = _extent(inner, bounds)
        tx, ty = _turned(min(bx), min(by), max(bx), max(by), b.x, b.y, b.rotation)
        xs += tx
        ys += ty
    return xs or [b.x], ys or [b.y]


def _bounded(artwork: tuple[Artwork, ...]) -> tuple[Artwork, ...]:
    """``artwork`` with bounds, in an order where each comes after the artwork it uses."""
    by_key = {a.key: a for a in artwork}
    done: dict[str, Artwork] = {}
    bounds: dict[str, tuple[float, float, float, float]] = {}

    def visit(a: Artwork) -> None:
        if a.key in done:
            return
        for b in a.boxes:
            if isinstance(b, Use) and b.key in by_key:
                visit(by_key[b.key])
        xs, ys = [0.0, a.w], [0.0, a.h]
        for b in a.boxes:
            bx, by = _extent(b, bounds)
            xs += bx
            ys += by
        bounds[a.key] = (min(xs) - FORM_PAD, min(ys) - FORM_PAD, max(xs) + FORM_PAD, max(ys) + FORM_PAD)
        done[a.key] = replace(a, bounds=bounds[a.key])

    for a in artwork:
        visit(a)
    return tuple(done.values())
