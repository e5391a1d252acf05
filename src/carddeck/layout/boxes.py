"""Placed boxes: the result of layout and the only input of render.

Every length is in millimetres (floats). The origin of every box list is the **top-left** corner
of the surface it belongs to (a page, or an artwork), **x to the right, y down**. Text is placed
by its baseline. Render converts to PDF points and flips y in one place.

Nothing here knows reportlab; a renderer needs no decisions beyond translating these boxes.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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
    """One line of text; ``x`` is its left edge (or right edge / centre, by ``align``)."""

    x: float
    y: float  # baseline
    text: str
    weight: str  # "regular" | "bold"
    size: float  # points: type is specified in points everywhere in print
    colour: str
    align: str = "left"  # "left" | "right" | "centre"
    tracking: float = 0.0  # extra space between letters, in points

    @property
    def left(self) -> float:
        """The x where the line starts, whatever its alignment (layout measures, render draws)."""
        if self.align == "left":
            return self.x
        from .text import measure

        width = measure(self.text, self.weight, self.size, self.tracking)
        return self.x - (width if self.align == "right" else width / 2)


@dataclass(frozen=True)
class QR:
    """A QR code: ``modules`` rows of "1" (dark) and "0", quiet zone included, drawn ``size`` mm square."""

    x: float
    y: float
    size: float
    modules: tuple[str, ...]
    colour: str
    background: str | None = "#FFFFFF"
    url: str = ""  # what it encodes, kept for tests and for a link annotation


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
    """A reusable drawing of size w × h; its boxes use its own top-left origin."""

    key: str
    w: float
    h: float
    boxes: tuple[Box, ...]


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
    """A whole PDF as layout made it: pages, reusable artwork, colour mode and metadata."""

    pages: tuple[Page, ...]
    artwork: tuple[Artwork, ...] = ()
    cmyk: bool = False
    title: str = ""
    subject: str = ""
    links: bool = True  # QR codes also become clickable link annotations
    notes: tuple[str, ...] = ()  # what layout had to give way on, for the build to tell the user
