"""Render: a :class:`~carddeck.layout.boxes.Document` in, PDF bytes out.

This module only translates placed boxes into reportlab calls; every decision about where
and how big was made by layout. Coordinates: each page starts with one transform that turns
layout's millimetres, top-left origin, y down, into PDF points (y up), so boxes are drawn with
their own numbers. Text is set with a flipped text matrix so it reads the right way up.
Repeated artwork becomes PDF form XObjects, drawn once and placed many times.
The canvas is invariant: the same document gives the same bytes.
"""

from __future__ import annotations

import io
import re
from contextlib import contextmanager

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas

from .. import fonts, press, theme
from ..layout.boxes import QR, Artwork, Document, Group, Line, Page, Rect, Shape, Text, Use
from ..units import mm_to_pt

REGISTRATION = (1.0, 1.0, 1.0, 1.0)  # crop marks print on every plate
# Binary compressed streams, not ASCII85 on top: smaller files, and reportlab's pure-Python
# ASCII85 encoder was a sixth of the render time.
rl_config.useA85 = 0


class _Painter:
    def __init__(self, canvas: Canvas, cmyk: bool, links: bool):
        self.c = canvas
        self.cmyk = cmyk
        self.links = links
        self.names = fonts.register()
        self.forms: dict[str, str] = {}
        self._fill = self._stroke = None

    # colours are set only when they change: smaller files, faster rendering
    def fill(self, colour: str) -> None:
        if colour != self._fill:
            if self.cmyk:
                self.c.setFillColorCMYK(*press.cmyk(colour))
            else:
                self.c.setFillColorRGB(*theme.rgb(colour))
            self._fill = colour

    def stroke(self, colour: str, registration: bool = False) -> None:
        key = "registration" if (registration and self.cmyk) else colour
        if key != self._stroke:
            if registration and self.cmyk:
                self.c.setStrokeColorCMYK(*REGISTRATION)
            elif self.cmyk:
                self.c.setStrokeColorCMYK(*press.cmyk(colour))
            else:
                self.c.setStrokeColorRGB(*theme.rgb(colour))
            self._stroke = key

    def reset(self) -> None:
        self._fill = self._stroke = None

    # --- boxes ---------------------------------------------------------------------------------
    def draw(self, box) -> None:
        _DRAW[type(box)](self, box)

    def ink(self, fill: str | None, stroke: str | None, width: float) -> dict[str, int]:
        """Set the fill and stroke of the next path; return reportlab's stroke/fill flags."""
        if fill:
            self.fill(fill)
        if stroke:
            self.stroke(stroke)
            self.c.setLineWidth(mm_to_pt(width))
        return {"stroke": int(bool(stroke)), "fill": int(bool(fill))}

    def rect(self, b: Rect) -> None:
        c = self.c
        flags = self.ink(b.fill, b.stroke, b.stroke_width)
        if b.dash:
            c.setDash([mm_to_pt(d) for d in b.dash])
        args = (mm_to_pt(b.x), mm_to_pt(b.y), mm_to_pt(b.w), mm_to_pt(b.h))
        if b.radius:
            c.roundRect(*args, mm_to_pt(b.radius), **flags)
        else:
            c.rect(*args, **flags)
        if b.dash:
            c.setDash([])

    def line(self, b: Line) -> None:
        c = self.c
        self.stroke(b.colour, b.registration)
        c.setLineWidth(mm_to_pt(b.width))
        if b.dash:
            c.setDash([mm_to_pt(d) for d in b.dash])
        c.line(mm_to_pt(b.x1), mm_to_pt(b.y1), mm_to_pt(b.x2), mm_to_pt(b.y2))
        if b.dash:
            c.setDash([])

    def shape(self, b: Shape) -> None:
        c = self.c
        flags = self.ink(b.fill, b.stroke, b.stroke_width)
        if b.stroke:
            c.setLineJoin(1)
        if not b.points:
            c.circle(mm_to_pt(b.cx), mm_to_pt(b.cy), mm_to_pt(b.radius), **flags)
            return
        path = c.beginPath()
        path.moveTo(mm_to_pt(b.points[0][0]), mm_to_pt(b.points[0][1]))
        for x, y in b.points[1:]:
            path.lineTo(mm_to_pt(x), mm_to_pt(y))
        path.close()
        c.drawPath(path, **flags)

    def text(self, b: Text) -> None:
        self.fill(b.colour)
        t = self.c.beginText()
        t.setTextTransform(1, 0, 0, -1, mm_to_pt(b.left), mm_to_pt(b.y))
        t.setFont(self.names[b.weight], b.size)
        if b.tracking:
            t.setCharSpace(b.tracking)
        t.textOut(b.text)
        if b.tracking:
            t.setCharSpace(0)  # character spacing outlives the text object in PDF: put it back
        self.c.drawText(t)

    def qr(self, b: QR) -> None:
        c = self.c
        n = len(b.modules)
        if b.background:
            self.fill(b.background)
            c.rect(mm_to_pt(b.x), mm_to_pt(b.y), mm_to_pt(b.size), mm_to_pt(b.size), stroke=0, fill=1)
        self.fill(b.colour)
        # One path in module units: "col row run 1 re" per run of dark modules, filled once.
        # Written as literal operators because thousands of codes go through here.
        ops = [f"q {pdf_number(mm_to_pt(b.size / n))} 0 0 {pdf_number(mm_to_pt(b.size / n))} {pdf_number(mm_to_pt(b.x))} {pdf_number(mm_to_pt(b.y))} cm"]
        for r, row in enumerate(b.modules):
            for run in _DARK_RUN.finditer(row):
                ops.append(f"{run.start()} {r} {run.end() - run.start()} 1 re")
        ops.append("f Q")
        c.addLiteral("\n".join(ops))
        if self.links and b.url:
            c.linkURL(b.url, (mm_to_pt(b.x), mm_to_pt(b.y), mm_to_pt(b.x + b.size), mm_to_pt(b.y + b.size)), relative=1, thickness=0)

    @contextmanager
    def placed(self, x: float, y: float, rotation: int):
        """Draw inside: origin moved to (x, y) mm and turned; the state is restored after."""
        c = self.c
        c.saveState()
        c.translate(mm_to_pt(x), mm_to_pt(y))
        if rotation:
            c.rotate(rotation)
        yield c
        c.restoreState()
        self.reset()

    def use(self, b: Use) -> None:
        with self.placed(b.x, b.y, b.rotation) as c:
            if b.scale != 1.0:
                c.scale(b.scale, b.scale)
            c.doForm(self.forms[b.key])

    def group(self, g: Group) -> None:
        with self.placed(g.x, g.y, g.rotation) as c:
            if g.clip:
                path = c.beginPath()
                path.rect(*(mm_to_pt(v) for v in g.clip))
                c.clipPath(path, stroke=0, fill=0)
            for box in g.boxes:
                self.draw(box)

    def define(self, art: Artwork) -> None:
        """Make ``art`` a form XObject; its bounding box is the artwork's bounds."""
        name = f"A{len(self.forms)}"
        x0, y0, x1, y1 = art.bounds
        self.c.beginForm(name, mm_to_pt(x0), mm_to_pt(y0), mm_to_pt(x1), mm_to_pt(y1))
        self.reset()
        for box in art.boxes:
            self.draw(box)
        self.c.endForm()
        self.reset()
        self.forms[art.key] = name


_DARK_RUN = re.compile("1+")


def pdf_number(value: float) -> str:
    """A number for a PDF content stream: short, and the same text for the same value."""
    return f"{value:.4f}".rstrip("0").rstrip(".")


_DRAW = {
    Rect: _Painter.rect, Line: _Painter.line, Shape: _Painter.shape, Text: _Painter.text,
    QR: _Painter.qr, Use: _Painter.use, Group: _Painter.group,
}


def _page_box(page: Page, box) -> tuple[float, float, float, float]:
    x, y, w, h = box
    return mm_to_pt(x), mm_to_pt(page.h - y - h), mm_to_pt(x + w), mm_to_pt(page.h - y)


def render(document: Document, on_page=None) -> bytes:
    """The PDF bytes of ``document``: fonts embedded (subset), same input gives same bytes.

    ``on_page()``, when given, is called after each page (for a progress bar).
    """
    buffer = io.BytesIO()
    first = document.pages[0]
    names = fonts.register()
    # The initial font is ours too, so that no unembedded standard font is ever referenced.
    c = Canvas(buffer, pagesize=(mm_to_pt(first.w), mm_to_pt(first.h)), invariant=1, pageCompression=1,
               initialFontName=names["regular"], initialFontSize=10)
    c.setTitle(document.title)
    c.setAuthor("carddeck")
    c.setCreator("carddeck")
    c.setSubject(document.subject)
    # A CMYK document is for a press: PDF/X-4, which allows no link annotations.
    painter = _Painter(c, document.cmyk, document.links)
    for art in document.artwork:  # in the order they can be defined: forms cannot nest definitions
        painter.define(art)
    for number, page in enumerate(document.pages):
        c.setPageSize((mm_to_pt(page.w), mm_to_pt(page.h)))
        if page.label:  # a bookmark per page: a print shop or a reader can jump to a card
            c.bookmarkPage(f"p{number}")
            c.addOutlineEntry(page.label, f"p{number}", level=0)
        if page.boxes.trim:
            c.setTrimBox(_page_box(page, page.boxes.trim))
        if page.boxes.bleed:
            c.setBleedBox(_page_box(page, page.boxes.bleed))
        c.saveState()
        c.transform(1, 0, 0, -1, 0, mm_to_pt(page.h))  # layout's y-down millimetre space
        painter.reset()
        for item in page.items:
            painter.draw(item)
        c.restoreState()
        c.showPage()
        painter.reset()
        if on_page:
            on_page()
    c.save()
    if document.cmyk:
        from .pdfx import to_pdfx

        return to_pdfx(buffer.getvalue())
    return buffer.getvalue()
