"""Flowed pages: a list of blocks (headings, paragraphs, lists, figures) in, placed pages out.

For the kit's documents that are read rather than cut: the facilitator's guide. Each block is
broken into unbreakable strips (:class:`Piece`: a line of text, a heading, a figure); strips
are stacked down the page and a new page starts when the next one does not fit. A heading
keeps with the strip after it. Every page gets a footer: ``<title> · Side n af m``.
Lengths in mm (top-left origin, y down), type sizes in points.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import fonts, theme
from ..labels import label
from ..units import pt_to_mm
from .boxes import Artwork, Document, Group, Line, Page, Rect, Text, Use
from .symbols import symbol_artwork, symbol_key
from .text import wrap


@dataclass(frozen=True)
class FlowDesign:
    """The design values of a flowed document, read by layout and by the tests."""

    margin: float = 18.0  # page edge to text; the footer sits in the bottom margin
    title_pt: float = 26.0
    heading_pt: float = 16.0
    sub_pt: float = 12.5  # a heading inside a section
    body_pt: float = 11.5  # RNIB / BDA: 12–14 pt for print meant to be read; 11.5 keeps it to 4 pages
    footer_pt: float = 8.5
    leading: float = 1.38  # line height as a multiple of the size
    paragraph_gap: float = 2.4  # mm between paragraphs
    heading_gap: float = 6.5  # mm above a section heading
    indent: float = 6.0  # mm, the hanging indent of list items
    symbol_r: float = 2.3  # mm, a phase symbol in a list
    rule: float = 0.6  # mm, the coloured rule under a section heading
    box_pad: float = 4.0  # mm inside a tinted box


DESIGN = FlowDesign()


# --- blocks ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Title:
    text: str
    subtitle: str = ""


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1: a section, with a rule; 2: a heading inside a section


@dataclass(frozen=True)
class Para:
    text: str
    colour: str = theme.INK
    size: float | None = None  # points; None: the body size
    weight: str = "regular"


@dataclass(frozen=True)
class Items:
    """A list: ``items`` of (marker, text); the marker is a bullet, a number or a symbol key."""

    items: tuple[tuple[str, str], ...]
    symbols: tuple = ()  # per item, a :class:`~carddeck.theme.Style` whose symbol is the marker


@dataclass(frozen=True)
class Boxed:
    """Paragraphs on a tinted box (the text to read out)."""

    paragraphs: tuple[str, ...]
    tint: str
    edge: str
    size: float | None = None


@dataclass(frozen=True)
class Figure:
    """A drawing ``h`` mm tall, its boxes in its own coordinates (x from the text column's left)."""

    h: float
    boxes: tuple
    artwork: tuple = ()


# --- pieces ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Piece:
    """An unbreakable strip: ``h`` mm tall, its boxes relative to its top-left corner."""

    h: float
    boxes: tuple
    space: float = 0.0  # above it, dropped at the top of a page
    keep: bool = False  # keep with the next piece on one page


def _lines(text: str, weight: str, size: float, width: float, lang: str, x: float, colour: str,
           d: FlowDesign) -> list[Piece]:
    lead = pt_to_mm(size * d.leading)
    base = (lead - pt_to_mm(size * (fonts.CAP_HEIGHT + fonts.DESCENT))) / 2 + pt_to_mm(size * fonts.CAP_HEIGHT)
    lines = wrap(text, weight, size, width, lang) or [text]
    return [Piece(lead, (Text(x, base, line, weight, size, colour),)) for line in lines]


class _Flow:
    def __init__(self, width: float, lang: str, d: FlowDesign):
        self.width, self.lang, self.d = width, lang, d
        self.artwork: dict[str, Artwork] = {}

    def pieces(self, block) -> list[Piece]:
        d = self.d
        if isinstance(block, Title):
            out = _lines(block.text, "bold", d.title_pt, self.width, self.lang, 0.0, theme.INK, d)
            if block.subtitle:
                out += _lines(block.subtitle, "regular", d.sub_pt + 1, self.width, self.lang, 0.0, theme.MUTED, d)
            return out
        if isinstance(block, Heading):
            size = d.heading_pt if block.level == 1 else d.sub_pt
            out = _lines(block.text, "bold", size, self.width, self.lang, 0.0, theme.INK, d)
            if block.level == 1:
                last = out[-1]
                out[-1] = Piece(last.h + 1.5, last.boxes + (Rect(0.0, last.h + 0.5, 22.0, d.rule, fill=theme.INK),))
            gap = d.heading_gap if block.level == 1 else d.paragraph_gap * 1.5
            return [Piece(p.h, p.boxes, gap if i == 0 else 0.0, True) for i, p in enumerate(out)]
        if isinstance(block, Para):
            size = block.size or d.body_pt
            out = _lines(block.text, block.weight, size, self.width, self.lang, 0.0, block.colour, d)
            return [Piece(p.h, p.boxes, d.paragraph_gap if i == 0 else 0.0) for i, p in enumerate(out)]
        if isinstance(block, Items):
            return self._items(block)
        if isinstance(block, Boxed):
            return self._boxed(block)
        if isinstance(block, Figure):
            for art in block.artwork:
                self.artwork.setdefault(art.key, art)
            return [Piece(block.h, block.boxes, d.paragraph_gap * 1.5)]
        raise TypeError(f"unknown block {block!r}")

    def _items(self, block: Items) -> list[Piece]:
        d = self.d
        out = []
        for i, (marker, text) in enumerate(block.items):
            lines = _lines(text, "regular", d.body_pt, self.width - d.indent, self.lang, d.indent, theme.INK, d)
            first = lines[0]
            if block.symbols:
                style = block.symbols[i]
                art = symbol_artwork(style, d.symbol_r)
                self.artwork.setdefault(art.key, art)
                cy = first.boxes[0].y - pt_to_mm(d.body_pt * fonts.CAP_HEIGHT) / 2
                mark = Use(symbol_key(style, d.symbol_r), d.symbol_r + 0.3, cy)
            else:
                mark = Text(0.0, first.boxes[0].y, marker, "bold", d.body_pt, theme.INK)
            lines[0] = Piece(first.h, first.boxes + (mark,), d.paragraph_gap * 0.6)
            out += lines
        return out

    def _boxed(self, block: Boxed) -> list[Piece]:
        """One piece: a tinted box with a coloured edge at the left, its paragraphs inside."""
        d = self.d
        size = block.size or d.body_pt
        x, inner = d.box_pad + 1.5, self.width - 2 * d.box_pad - 1.5
        boxes, y = [], d.box_pad
        for n, paragraph in enumerate(block.paragraphs):
            if n:
                y += d.paragraph_gap
            for piece in _lines(paragraph, "regular", size, inner, self.lang, x, theme.INK, d):
                boxes += [Text(b.x, b.y + y, b.text, b.weight, b.size, b.colour) for b in piece.boxes]
                y += piece.h
        h = y + d.box_pad
        ground = (Rect(0.0, 0.0, self.width, h, fill=block.tint, radius=2.0), Rect(0.0, 0.0, 1.5, h, fill=block.edge))
        return [Piece(h, ground + tuple(boxes), d.paragraph_gap * 1.5)]


def flow_document(blocks, paper: tuple[float, float], lang: str, title: str, subject: str,
                  design: FlowDesign = DESIGN) -> Document:
    """``blocks`` set on portrait pages of ``paper`` (w, h), with a numbered footer on each."""
    d = design
    w, h = paper
    flow = _Flow(w - 2 * d.margin, lang, d)
    pieces = [piece for block in blocks for piece in flow.pieces(block)]
    top, bottom = d.margin, h - d.margin
    pages: list[list] = [[]]
    y = top
    for i, piece in enumerate(pieces):
        space = piece.space if y > top else 0.0
        need = piece.h + (pieces[i + 1].h if piece.keep and i + 1 < len(pieces) else 0.0)
        if y + space + need > bottom + 1e-9 and y > top:
            pages.append([])
            y, space = top, 0.0
        y += space
        pages[-1].append(Group(d.margin, y, 0, piece.boxes))
        y += piece.h
    total = len(pages)
    out = []
    for n, items in enumerate(pages, start=1):
        base = h - d.margin / 2
        footer = (
            Line(d.margin, base - 5.0, w - d.margin, base - 5.0, theme.RULE, 0.2),
            Text(d.margin, base, title, "regular", d.footer_pt, theme.MUTED),
            Text(w - d.margin, base, label(lang, "page").format(page=n, pages=total), "regular", d.footer_pt,
                 theme.MUTED, "right"),
        )
        out.append(Page(w, h, tuple(items) + footer))
    return Document(tuple(out), tuple(flow.artwork.values()), title=title, subject=subject, links=False)


__all__ = ["FlowDesign", "DESIGN", "Title", "Heading", "Para", "Items", "Boxed", "Figure", "flow_document"]
