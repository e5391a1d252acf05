"""Table tents: a deck, the number of tables and the Wi-Fi in, one folded tent per table out.

Each tent is one office sheet in landscape (A4 or Letter), folded twice into a triangle that
stands on the table: from the top of the sheet, face B (printed upside down), the first fold
(the ridge), face A, the second fold, and the base strip that is glued under face B's edge.
Both faces read upright once folded, so the table number is seen from both sides.

A face shows the table number large on a tinted block above the six phase symbols; then "1. Join the Wi-Fi" with the join
QR code (when a Wi-Fi is given), "2. Scan a card", and the hint to
turn off mobile data when a page does not open; all in the kit's language.
Lengths in mm (top-left origin, y down), type sizes in points.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import fonts, theme
from ..labels import label
from ..qr import QUIET_ZONE, side_for
from ..units import pt_to_mm
from .boxes import QR, Document, Group, Line, Page, Rect, Text, Use
from .symbols import symbol_artwork, symbol_key
from .sheet import FOLD_LABEL_SIZE, MARK_WIDTH
from .text import Block, fit, set_text


@dataclass(frozen=True)
class TentDesign:
    """The design values of a tent face, read by layout and by the tests."""

    base: float = 40.0  # the strip the tent stands on: faces lean at about 27° to each other
    margin: float = 10.0  # face edge to content: clear of the printer's border and of the folds
    number_block: float = 82.0  # width of the tinted block with the table number
    gap: float = 8.0  # between the block, the steps and the QR code
    qr_max: float = 62.0  # the join code with its quiet zone (its modules ≈ 50 mm: a phone at 1 m+)
    number_max: float = 170.0  # pt: the table number, as large as the block allows
    number_min: float = 72.0
    table_size: float = 28.0  # pt: the word "Table" above the number
    step_size: float = 32.0  # pt: "1. Join the Wi-Fi", "2. Scan a card"
    detail_size: float = 18.0  # pt: how to, network name and password
    detail_min: float = 11.0  # pt: a long network name may shrink to this
    password_min: float = 8.0  # pt: a long password too (the code is the way in; the text a fallback)
    hint_size: float = 18.0  # pt: the mobile-data hint
    symbol_r: float = 3.6  # the phase symbols after "Scan a card"


DESIGN = TentDesign()
SYMBOL_PITCH = 2.8  # symbol centre to centre, in symbol radii


@dataclass(frozen=True)
class TentOptions:
    paper: tuple[float, float] = (210.0, 297.0)  # portrait size of the office sheet
    tables: int = 1
    wifi: object | None = None  # a :class:`carddeck.wifi.Wifi`


def face_height(paper: tuple[float, float], design: TentDesign = DESIGN) -> float:
    """The height of one face on a landscape sheet of ``paper`` (w, h portrait)."""
    return (min(paper) - design.base) / 2


def tents_document(deck, opts: TentOptions, design: TentDesign = DESIGN) -> Document:
    """One landscape page per table: two faces, two fold lines, the glue strip.

    :raises ValueError: when the Wi-Fi's name or password cannot fit a face at the smallest size.
    """
    lang = deck.settings.lang
    sheet_w, sheet_h = max(opts.paper), min(opts.paper)
    fh = face_height(opts.paper, design)
    symbols = [symbol_artwork(style, design.symbol_r) for style in theme.PHASES.values()]
    pages = []
    for table in range(1, opts.tables + 1):
        face = tuple(_face(lang, table, opts.wifi, sheet_w, fh, design))
        items = [
            Group(sheet_w, fh, 180, face),  # face B, upside down on the sheet: its top is the ridge
            Group(0.0, fh, 0, face),  # face A
        ]
        items += _folds(lang, sheet_w, fh, design)
        pages.append(Page(sheet_w, sheet_h, tuple(items), label=f"{label(lang, 'tent_table')} {table}"))
    return Document(tuple(pages), tuple(symbols), title=deck.title, subject="carddeck: table tents", links=False)


def _folds(lang: str, w: float, fh: float, design: TentDesign) -> list:
    """The two fold lines, each labelled at both ends, and the glue strip's label."""
    out: list = []
    size = FOLD_LABEL_SIZE
    for y in (fh, 2 * fh):
        out.append(Line(0.0, y, w, y, theme.CUT, MARK_WIDTH, dash=(3.0, 2.0)))
        for x, align in ((design.margin, "left"), (w - design.margin, "right")):
            out.append(Text(x, y + pt_to_mm(size * fonts.CAP_HEIGHT) + 1.5, label(lang, "fold"), "regular", size, theme.MUTED, align))
    glue = 2 * fh + design.base / 2 + pt_to_mm(12.0 * fonts.CAP_HEIGHT) / 2
    out.append(Text(w / 2, glue, label(lang, "tent_glue"), "regular", 12.0, theme.MUTED, "centre"))
    return out


def _face(lang: str, table: int, wifi, w: float, h: float, d: TentDesign) -> list:
    """The boxes of one face, ``w`` × ``h``, in its own upright coordinates."""
    boxes: list = []
    m = d.margin
    inner_h = h - 2 * m
    # The table number on a tinted block at the left.
    boxes.append(Rect(m, m, d.number_block, inner_h, fill=theme.ABOUT.tint, radius=3.0))
    word = label(lang, "tent_table")
    word_base = m + 6.0 + pt_to_mm(d.table_size * fonts.CAP_HEIGHT)
    centre = m + d.number_block / 2
    boxes.append(Text(centre, word_base, word, "bold", d.table_size, theme.MUTED, "centre"))
    room_top = word_base + pt_to_mm(d.table_size * fonts.DESCENT) + 3.0
    symbols_y = m + inner_h - 4.0 - d.symbol_r  # the six phase symbols along the block's foot
    room_h = symbols_y - d.symbol_r - 3.0 - room_top
    # Digits have no descenders: the number fills the room by its cap height.
    size = min(d.number_max, room_h / pt_to_mm(fonts.CAP_HEIGHT), d.number_max * (d.number_block - 10.0) / fonts.width(str(table), "bold", d.number_max))
    if size < d.number_min:
        raise ValueError(f"table number {table} does not fit on a table tent even at {d.number_min:g} pt")
    size = int(size * 2) / 2  # to the half point, rounded down
    boxes.append(Text(centre, room_top + (room_h + pt_to_mm(size * fonts.CAP_HEIGHT)) / 2, str(table), "bold", size, theme.INK, "centre"))
    _symbols(boxes, centre, symbols_y, d)

    # The join code at the right, when there is one.
    right = w - m
    if wifi is not None:
        across = side_for(wifi.payload) + 2 * QUIET_ZONE  # modules, quiet zone included
        size = min(d.qr_max, inner_h + 2 * d.qr_max / across * QUIET_ZONE)
        quiet = size / across * QUIET_ZONE
        boxes.append(QR(right - size + quiet, m + (inner_h - size) / 2, size, theme.INK, theme.PAPER, wifi.payload))
        right -= size - 2 * quiet + d.gap

    # The steps between them.
    x = m + d.number_block + d.gap
    width = right - x
    lines: list[tuple[str, str, float, float, str]] = []  # text, weight, size, min size, colour
    if wifi is not None:
        lines += [
            (label(lang, "tent_wifi"), "bold", d.step_size, d.step_size * 0.75, theme.INK),
            (label(lang, "tent_network").format(ssid=wifi.ssid), "regular", d.detail_size, d.detail_min, theme.INK),
            (label(lang, "tent_password").format(password=wifi.password), "regular", d.detail_size, d.password_min, theme.INK),
            (label(lang, "tent_scan_first"), "bold", d.step_size, d.step_size * 0.75, theme.INK),
            (label(lang, "tent_scan_how"), "regular", d.detail_size, d.detail_min, theme.INK),
        ]
    else:
        lines += [
            (label(lang, "tent_scan_only"), "bold", d.step_size * 1.25, d.step_size * 0.75, theme.INK),
            (label(lang, "tent_scan_how"), "regular", d.detail_size, d.detail_min, theme.INK),
        ]
    lines.append((label(lang, "tent_mobile_data"), "regular", d.hint_size, d.detail_min, theme.MUTED))
    blocks = [_one_line(text, weight, width, inner_h, size, low, lang, text) for text, weight, size, low, _ in lines]
    steps = {label(lang, "tent_wifi"), label(lang, "tent_scan_first"), label(lang, "tent_scan_only")}
    gaps = [4.5 if lines[i + 1][0] in steps or i + 1 == len(lines) - 1 else 1.8 for i in range(len(lines) - 1)]
    total = sum(b.height for b in blocks) + sum(gaps)
    y = m + max(0.0, (inner_h - total) / 2)
    for i, ((text, weight, _, _, colour), block) in enumerate(zip(lines, blocks)):
        y = set_text(boxes, block, x, y, weight, colour)
        if i < len(gaps):
            y += gaps[i]
    return boxes


def _symbols(boxes: list, cx: float, cy: float, d: TentDesign) -> None:
    """The six phase symbols in a row centred on (cx, cy): the kit's mark, as on the cards."""
    pitch = d.symbol_r * SYMBOL_PITCH
    for n, style in enumerate(theme.PHASES.values()):
        boxes.append(Use(symbol_key(style, d.symbol_r), cx + (n - 2.5) * pitch, cy))


def _one_line(text, weight, width, height, size, low, lang, what: str = "") -> Block:
    block = fit([text], weight, width, height, size, low, lang, max_lines=1)
    if block is None:
        raise ValueError(f"{what!r} does not fit on a table tent even at {low:g} pt; use a shorter one")
    return block


__all__ = ["TentDesign", "DESIGN", "TentOptions", "tents_document", "face_height"]
