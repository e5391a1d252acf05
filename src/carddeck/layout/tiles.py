"""Poster tiles for office printers: the poster document in, an A4/Letter document out (mm, y down).

The poster is printed at 100 % over a grid of sheets. Each sheet shows a *window* of the poster,
at least ``TILES.margin`` from the sheet edge (office printers cannot print the outer 5 mm, and the
margin carries cut marks and the tile's name). Neighbouring windows overlap by at least
``TILES.overlap``: a sheet is cut ``TILES.cut_in`` inside its window's left/top edge and laid over the
neighbour, whose remaining ``TILES.glue`` mm are the glue strip. What stays visible of each sheet once
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
from .text import fit

POSTER_KEY = "tiles:poster"


@dataclass(frozen=True)
class TileDesign:
    """Every design value of the tile sheets and the assembly map: mm, and type in pt."""

    margin: float = 10.0  # sheet edge to the poster window: EDGE (5 mm, unprintable) plus marks and label
    glue: float = 10.0  # the strip a neighbour is glued onto
    cut_in: float = 2.0  # the cut runs this far inside the window: a cut that is a little off still shows poster
    mark_gap: float = 1.0  # a cut mark stops this far from the window
    cross: float = 1.8  # half the length of an alignment cross's arms
    cross_out: float = 3.0  # an alignment cross, outside the window
    glue_dash: tuple[float, float] = (2.0, 1.5)  # the glue line: mm on, mm off
    name_pt: float = 9.0  # the tile's name; its ascent stays clear of EDGE
    name_rise: float = 1.5  # the name's baseline above the window
    footer_pt: float = 7.0  # "title · sheet n of N"
    footer_drop: float = 4.0  # the footer's baseline below the window
    # the assembly map
    map_inset: float = 2.0  # beyond the margin
    map_title_pt: float = 16.0
    map_title_drop: float = 5.0  # the title's baseline below the map's margin
    map_info_pt: float = 10.0
    map_info_drop: float = 12.0
    map_steps_pt: float = 10.0
    map_steps_min_pt: float = 8.0
    map_steps_room: float = 30.0
    map_steps_drop: float = 19.0  # the steps' top below the map's margin
    map_steps_gap: float = 6.0  # the steps to the poster
    map_frame: float = 0.3  # the small poster's outline
    map_cut: float = 0.5  # the cuts drawn on it
    chip_w: float = 14.0  # a tile's name on the map
    chip_h: float = 9.0
    chip_radius: float = 2.0
    chip_pt: float = 10.0
    chip_drop: float = 1.8  # the name's baseline below the chip's centre

    @property
    def overlap(self) -> float:
        """How far neighbouring windows overlap at least: the glue strip and the cut's inset."""
        return self.glue + self.cut_in


TILES = TileDesign()

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


def spans(length: float, window: float, overlap: float = TILES.overlap) -> list[tuple[float, float]]:
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


def count(poster: tuple[float, float], paper: tuple[float, float], margin: float = TILES.margin) -> int:
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
    return (0.0, *(start + TILES.cut_in for start, _ in windows[1:]), length)


def grid(poster: tuple[float, float], paper: tuple[float, float], margin: float = TILES.margin) -> Grid:
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


def _cross(x: float, y: float) -> tuple[Line, ...]:
    size = TILES.cross
    return (
        Line(x - size, y, x + size, y, theme.INK, MARK_WIDTH, registration=True),
        Line(x, y - size, x, y + size, theme.INK, MARK_WIDTH, registration=True),
    )


def _tile_page(g: Grid, tile: Tile, lang: str, title: str) -> Page:
    t = TILES
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
        items += [Line(sx, EDGE, sx, oy - t.mark_gap, **mark), Line(sx, oy + wh + t.mark_gap, sx, ph - EDGE, **mark)]
    for y in cut_y:
        sy = tile.to_sheet(0, y)[1]
        items += [Line(EDGE, sy, ox - t.mark_gap, sy, **mark), Line(ox + ww + t.mark_gap, sy, pw - EDGE, sy, **mark)]
    # Glue strips (right and bottom, where a neighbour is laid over): a dashed line where the
    # neighbour's cut edge goes, and crosses where it meets the window's edges, to align by.
    dash = t.glue_dash
    if tile.col < g.cols - 1:
        sx = tile.to_sheet(tile.core[0] + tile.core[2], 0)[0]
        items.append(Line(sx, oy, sx, oy + wh, theme.INK, MARK_WIDTH, dash=dash))
        items += [*_cross(sx, oy - t.cross_out), *_cross(sx, oy + wh + t.cross_out)]
    if tile.row < g.rows - 1:
        sy = tile.to_sheet(0, tile.core[1] + tile.core[3])[1]
        items.append(Line(ox, sy, ox + ww, sy, theme.INK, MARK_WIDTH, dash=dash))
        items += [*_cross(ox - t.cross_out, sy), *_cross(ox + ww + t.cross_out, sy)]
    # The tile's name, top centre in the margin; which sheet of how many, bottom centre.
    n = tile.row * g.cols + tile.col + 1
    items.append(Text(pw / 2, oy - t.name_rise, tile.name, "bold", t.name_pt, theme.INK, "centre"))
    footer = f"{title} · {label(lang, 'sheet_of').format(n=n, total=len(g.tiles))}"
    items.append(Text(pw / 2, oy + wh + t.footer_drop, footer, "regular", t.footer_pt, theme.MUTED, "centre"))
    return Page(pw, ph, tuple(items), label=tile.name)


def _map_page(g: Grid, paper: tuple[float, float], paper_name: str, lang: str) -> Page:
    """The assembly map: the poster small, its tile grid drawn and every core named."""
    t = TILES
    pw, ph = sorted(paper) if g.poster[0] <= g.poster[1] else sorted(paper, reverse=True)
    m = t.margin + t.map_inset
    items: list = [Text(m, m + t.map_title_drop, label(lang, "assembly"), "bold", t.map_title_pt, theme.INK)]
    orientation = label(lang, "landscape" if g.landscape else "portrait")
    info = label(lang, "sheet_count").format(count=len(g.tiles), paper=paper_name, orientation=orientation)
    items.append(Text(m, m + t.map_info_drop, info, "regular", t.map_info_pt, theme.MUTED))
    steps = fit([label(lang, "assembly_steps")], "regular", pw - 2 * m, t.map_steps_room, t.map_steps_pt, t.map_steps_min_pt, lang)
    top = m + t.map_steps_drop
    if steps is not None:
        for y, line in steps.baselines(top):
            items.append(Text(m, y, line, "regular", steps.size, theme.INK))
        top += steps.height + t.map_steps_gap
    scale = min((pw - 2 * m) / g.poster[0], (ph - m - top) / g.poster[1])
    w, h = g.poster[0] * scale, g.poster[1] * scale
    x0, y0 = (pw - w) / 2, top
    items.append(Use(POSTER_KEY, x0, y0, scale=scale))
    items.append(Rect(x0, y0, w, h, stroke=theme.INK, stroke_width=t.map_frame))
    for x in g.cuts_x[1:-1]:
        items.append(Line(x0 + x * scale, y0, x0 + x * scale, y0 + h, theme.INK, t.map_cut))
    for y in g.cuts_y[1:-1]:
        items.append(Line(x0, y0 + y * scale, x0 + w, y0 + y * scale, theme.INK, t.map_cut))
    for tile in g.tiles:
        cx = x0 + (tile.core[0] + tile.core[2] / 2) * scale
        cy = y0 + (tile.core[1] + tile.core[3] / 2) * scale
        items.append(Rect(cx - t.chip_w / 2, cy - t.chip_h / 2, t.chip_w, t.chip_h, fill=theme.PAPER, stroke=theme.INK,
                          stroke_width=t.map_frame, radius=t.chip_radius))
        items.append(Text(cx, cy + t.chip_drop, tile.name, "bold", t.chip_pt, theme.INK, "centre"))
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
