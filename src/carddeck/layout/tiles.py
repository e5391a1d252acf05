"""Poster tiles for office printers: the poster document in, an A4/Letter document out (mm, y down).

The poster is printed at 100 % over a grid of sheets. Each sheet shows a *window* of the poster,
at least :data:`MARGIN` from the sheet edge (office printers cannot print the outer 5 mm, and the
margin carries cut marks and the tile's name). Neighbouring windows overlap by at least
:data:`OVERLAP`: a sheet is cut :data:`CUT_IN` inside its window's left/top edge and laid over the
neighbour, whose remaining :data:`GLUE` mm are the glue strip. What stays visible of each sheet once
the poster is assembled is its *core*; the cores partition the poster.

The poster itself is one reusable artwork, drawn on every sheet through a clipping window, so
the file holds the board once. The first page is an assembly map: the poster small, with the grid.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .. import theme
from ..labels import label
from ..sizes import PAPER_SIZES
from .boxes import Artwork, Document, Group, Line, Page, Rect, Text, Use
from .sheet import EDGE, MARK_WIDTH

MARGIN = 10.0  # sheet edge to the poster window: EDGE (5 mm, unprintable) plus marks and label
GLUE = 10.0  # the strip a neighbour is glued onto
CUT_IN = 2.0  # the cut runs this far inside the window: a cut that is a little off still shows poster
OVERLAP = GLUE + CUT_IN
POSTER_KEY = "tiles:poster"

Rect4 = tuple[float, float, float, float]


@dataclass(frozen=True)
class Tile:
    """One sheet: its name ("B3": row B, column 3), the poster window it prints and where."""

    row: int
    col: int
    name: str
    window: Rect4  # poster mm: the part of the poster printed on this sheet
    core: Rect4  # poster mm: the part that stays visible once the poster is assembled
    origin: tuple[float, float]  # sheet mm: where the window's top-left corner is printed

    def to_sheet(self, x: float, y: float) -> tuple[float, float]:
        """A poster point's position on this sheet."""
        return self.origin[0] + x - self.window[0], self.origin[1] + y - self.window[1]


@dataclass(frozen=True)
class Grid:
    """How a poster is split over sheets of ``paper`` (w, h as printed: portrait or landscape)."""

    poster: tuple[float, float]
    paper: tuple[float, float]
    cols: int
    rows: int
    tiles: tuple[Tile, ...]
    cuts_x: tuple[float, ...]  # poster x of every core edge, 0 and the poster width included
    cuts_y: tuple[float, ...]

    @property
    def landscape(self) -> bool:
        return self.paper[0] > self.paper[1]


def spans(length: float, window: float, overlap: float = OVERLAP) -> list[tuple[float, float]]:
    """The fewest windows (start, end) of at most ``window`` mm that cover ``length`` mm,
    neighbours overlapping by at least ``overlap``; spread evenly, so all overlaps are equal.

    :raises ValueError: when a window is not larger than the overlap.
    """
    if window <= overlap:
        raise ValueError(f"a {window:g} mm window cannot overlap its neighbour by {overlap:g} mm")
    if length <= window + 1e-9:
        return [(0.0, length)]
    n = math.ceil((length - window) / (window - overlap) - 1e-9) + 1
    step = (length - window) / (n - 1)
    return [(i * step, i * step + window) for i in range(n)]


def count(poster: tuple[float, float], paper: tuple[float, float], margin: float = MARGIN) -> int:
    """How many sheets of ``paper`` (as printed, unturned) a poster needs."""
    return len(spans(poster[0], paper[0] - 2 * margin)) * len(spans(poster[1], paper[1] - 2 * margin))


def _name(row: int, col: int) -> str:
    letters = ""
    row += 1
    while row:
        row, rest = divmod(row - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{col + 1}"


def _cuts(windows: list[tuple[float, float]], length: float) -> tuple[float, ...]:
    return (0.0, *(start + CUT_IN for start, _ in windows[1:]), length)


def grid(poster: tuple[float, float], paper: tuple[float, float], margin: float = MARGIN) -> Grid:
    """The tile grid with the fewest sheets: ``paper`` as given or turned (portrait wins a tie)."""
    pw, ph = sorted(paper)
    options = [(pw, ph), (ph, pw)]
    best = min(options, key=lambda p: (count(poster, p, margin), options.index(p)))
    xs = spans(poster[0], best[0] - 2 * margin)
    ys = spans(poster[1], best[1] - 2 * margin)
    cuts_x, cuts_y = _cuts(xs, poster[0]), _cuts(ys, poster[1])
    tiles = []
    for r, (y0, y1) in enumerate(ys):
        for c, (x0, x1) in enumerate(xs):
            origin = ((best[0] - (x1 - x0)) / 2, (best[1] - (y1 - y0)) / 2)
            core = (cuts_x[c], cuts_y[r], cuts_x[c + 1] - cuts_x[c], cuts_y[r + 1] - cuts_y[r])
            tiles.append(Tile(r, c, _name(r, c), (x0, y0, x1 - x0, y1 - y0), core, origin))
    return Grid(poster, best, len(xs), len(ys), tuple(tiles), cuts_x, cuts_y)


# --- pages -------------------------------------------------------------------------------------


def _cross(x: float, y: float, size: float = 1.8) -> tuple[Line, ...]:
    return (
        Line(x - size, y, x + size, y, theme.INK, MARK_WIDTH, registration=True),
        Line(x, y - size, x, y + size, theme.INK, MARK_WIDTH, registration=True),
    )


def _tile_page(g: Grid, tile: Tile, lang: str, title: str) -> Page:
    pw, ph = g.paper
    wx, wy, ww, wh = tile.window
    ox, oy = tile.origin
    items: list = [Group(ox - wx, oy - wy, 0, (Use(POSTER_KEY, 0.0, 0.0),), clip=tile.window)]
    mark = dict(colour=theme.CUT, width=MARK_WIDTH, registration=True)
    # Cut marks in the margin, continuing every line this sheet is cut along: its core's left and
    # top edges, and the poster's own edges.
    cut_x = [tile.core[0]] + ([g.poster[0]] if tile.col == g.cols - 1 else [])
    cut_y = [tile.core[1]] + ([g.poster[1]] if tile.row == g.rows - 1 else [])
    for x in cut_x:
        sx = tile.to_sheet(x, 0)[0]
        items += [Line(sx, EDGE, sx, oy - 1.0, **mark), Line(sx, oy + wh + 1.0, sx, ph - EDGE, **mark)]
    for y in cut_y:
        sy = tile.to_sheet(0, y)[1]
        items += [Line(EDGE, sy, ox - 1.0, sy, **mark), Line(ox + ww + 1.0, sy, pw - EDGE, sy, **mark)]
    # Glue strips (right and bottom, where a neighbour is laid over): a dashed line where the
    # neighbour's cut edge goes, and crosses where it meets the window's edges, to align by.
    dash = (2.0, 1.5)
    if tile.col < g.cols - 1:
        sx = tile.to_sheet(tile.core[0] + tile.core[2], 0)[0]
        items.append(Line(sx, oy, sx, oy + wh, theme.INK, MARK_WIDTH, dash=dash))
        items += [*_cross(sx, oy - 3.0), *_cross(sx, oy + wh + 3.0)]
    if tile.row < g.rows - 1:
        sy = tile.to_sheet(0, tile.core[1] + tile.core[3])[1]
        items.append(Line(ox, sy, ox + ww, sy, theme.INK, MARK_WIDTH, dash=dash))
        items += [*_cross(ox - 3.0, sy), *_cross(ox + ww + 3.0, sy)]
    # The tile's name, top centre in the margin; which sheet of how many, bottom centre.
    n = tile.row * g.cols + tile.col + 1
    items.append(Text(pw / 2, oy - 1.5, tile.name, "bold", 9.0, theme.INK, "centre"))  # 9 pt: its ascent stays clear of EDGE
    footer = f"{title} · {label(lang, 'sheet_of').format(n=n, total=len(g.tiles))}"
    items.append(Text(pw / 2, oy + wh + 4.0, footer, "regular", 7.0, theme.MUTED, "centre"))
    return Page(pw, ph, tuple(items), label=tile.name)


def _map_page(g: Grid, paper: tuple[float, float], paper_name: str, lang: str) -> Page:
    """The assembly map: the poster small, its tile grid drawn and every core named."""
    pw, ph = sorted(paper) if g.poster[0] <= g.poster[1] else sorted(paper, reverse=True)
    m = MARGIN + 2.0
    items: list = [Text(m, m + 5.0, label(lang, "assembly"), "bold", 16.0, theme.INK)]
    orientation = label(lang, "landscape" if g.landscape else "portrait")
    info = label(lang, "sheet_count").format(count=len(g.tiles), paper=paper_name, orientation=orientation)
    items.append(Text(m, m + 12.0, info, "regular", 10.0, theme.MUTED))
    from .text import fit

    steps = fit([label(lang, "assembly_steps")], "regular", pw - 2 * m, 30.0, 10.0, 8.0, lang)
    top = m + 19.0
    if steps is not None:
        for y, line in steps.baselines(top):
            items.append(Text(m, y, line, "regular", steps.size, theme.INK))
        top += steps.height + 6.0
    scale = min((pw - 2 * m) / g.poster[0], (ph - m - top) / g.poster[1])
    w, h = g.poster[0] * scale, g.poster[1] * scale
    x0, y0 = (pw - w) / 2, top
    items.append(Use(POSTER_KEY, x0, y0, scale=scale))
    items.append(Rect(x0, y0, w, h, stroke=theme.INK, stroke_width=0.3))
    for x in g.cuts_x[1:-1]:
        items.append(Line(x0 + x * scale, y0, x0 + x * scale, y0 + h, theme.INK, 0.5))
    for y in g.cuts_y[1:-1]:
        items.append(Line(x0, y0 + y * scale, x0 + w, y0 + y * scale, theme.INK, 0.5))
    for tile in g.tiles:
        cx = x0 + (tile.core[0] + tile.core[2] / 2) * scale
        cy = y0 + (tile.core[1] + tile.core[3] / 2) * scale
        items.append(Rect(cx - 7.0, cy - 4.5, 14.0, 9.0, fill=theme.PAPER, stroke=theme.INK, stroke_width=0.3, radius=2.0))
        items.append(Text(cx, cy + 1.8, tile.name, "bold", 10.0, theme.INK, "centre"))
    return Page(pw, ph, tuple(items), label=label(lang, "assembly"))


def tiles_document(poster_doc: Document, paper: str, lang: str) -> Document:
    """``poster_doc`` (one page) at 100 % over ``paper`` sheets ("a4" or "letter"), map first.

    :raises ValueError: for an unknown paper name.
    """
    if paper not in PAPER_SIZES:
        raise ValueError(f"unknown paper {paper!r}; use one of {', '.join(PAPER_SIZES)}")
    page = poster_doc.pages[0]
    # A print-shop poster is cut to its trim box: tile the trim, not the bleed.
    tx, ty, tw, th = page.boxes.trim or (0.0, 0.0, page.w, page.h)
    items = page.items if (tx, ty) == (0.0, 0.0) else (Group(-tx, -ty, 0, page.items),)
    poster = Artwork(POSTER_KEY, tw, th, tuple(items))
    g = grid((tw, th), PAPER_SIZES[paper])
    name = {"a4": "A4", "letter": "Letter"}[paper]
    pages = [_map_page(g, PAPER_SIZES[paper], name, lang)]
    pages += [_tile_page(g, t, lang, poster_doc.title) for t in g.tiles]
    return Document(
        tuple(pages), (*poster_doc.artwork, poster), cmyk=False, title=poster_doc.title,
        subject="carddeck: board poster tiled for office printers", links=False,
    )
