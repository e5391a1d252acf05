"""The duplex calibration sheet: a paper size, flip edge and language in, a two-page document out.

The front has five targets: a thin cross, a millimetre scale for X below it and one for Y to its
right. The back has a bold cross behind each target, placed by the same mirror as card backs.
Held against a window, the back's cross meets the scales at the numbers to pass as
``--back-offset X,Y``. Every word comes from the kit's labels in the deck's language; the scale
numbers stand beside the scales, never on a line.
"""

from __future__ import annotations

from .. import fonts, theme
from ..labels import label
from ..units import pt_to_mm
from .boxes import Document, Line, Page, Text
from .sheet import Slot, mirror
from .text import fit, set_text

TICKS = 5  # each scale runs from -5 to +5 mm, a tick every millimetre
NUMBERED = (-5, 0, 5)  # the ticks that carry a number (7 pt numbers need more than 2 mm apart)
SCALE_AT = 8.0  # the X scale runs this far below the target's centre, the Y scale this far right
TICK, LONG_TICK = 1.5, 2.5  # half lengths
ARM = SCALE_AT + LONG_TICK  # the front cross's half length: into the scales' zero ticks, short of the numbers
BACK_ARM = SCALE_AT + TICKS + LONG_TICK  # the back's: across the scales even when the back is TICKS mm off
NUMBER_SIZE = 7.0  # pt: the smallest type on the sheet
NUMBER_GAP = 1.0  # mm between a scale's ticks and its numbers
TEXT_SIZE, TITLE_SIZE = 10.0, 13.0
TEXT_TOP, TEXT_SIDE = 80.0, 30.0  # the instructions' block: its top, and its margin left and right
BACK_LABEL_BELOW = 40.0  # the back's label, this far below the sheet's centre
THIN, BOLD = 0.2, 0.5  # mm: the front's lines; the back's crosses


def _targets(paper) -> list[tuple[float, float]]:
    pw, ph = paper
    return [(pw / 2, ph / 2), (40.0, 45.0), (pw - 40.0, 45.0), (40.0, ph - 45.0), (pw - 40.0, ph - 45.0)]


def _number(d: int) -> str:
    """The correction a tick means: a back that shows d mm right (or down) must move d mm back."""
    return "0" if d == 0 else f"{'+' if d < 0 else '–'}{abs(d)}"  # an en dash: the fonts' encoding has no minus


def target(cx: float, cy: float) -> list:
    """A thin cross at (cx, cy), the X scale below it and the Y scale to its right, with numbers."""
    out = [Line(cx - ARM, cy, cx + ARM, cy, theme.INK, THIN), Line(cx, cy - ARM, cx, cy + ARM, theme.INK, THIN)]
    sx, sy = cy + SCALE_AT, cx + SCALE_AT  # the X scale's line (y) and the Y scale's line (x)
    out += [Line(cx - TICKS, sx, cx + TICKS, sx, theme.INK, THIN), Line(sy, cy - TICKS, sy, cy + TICKS, theme.INK, THIN)]
    cap = pt_to_mm(NUMBER_SIZE * fonts.CAP_HEIGHT)  # the numbers stand as high as capitals
    for d in range(-TICKS, TICKS + 1):
        half = LONG_TICK if d in NUMBERED else TICK
        out.append(Line(cx + d, sx - half, cx + d, sx + half, theme.INK, THIN))
        out.append(Line(sy - half, cy + d, sy + half, cy + d, theme.INK, THIN))
        if d in NUMBERED:
            out.append(Text(cx + d, sx + LONG_TICK + NUMBER_GAP + cap, _number(d), "regular", NUMBER_SIZE, theme.MUTED, "centre"))
            out.append(Text(sy + LONG_TICK + NUMBER_GAP, cy + d + cap / 2, _number(d), "regular", NUMBER_SIZE, theme.MUTED))
    return out


def calibration_document(paper: tuple[float, float], duplex: str, lang: str = "da") -> Document:
    """Two pages: front targets with scales and instructions in ``lang``; back crosses mirrored
    for the ``duplex`` flip edge."""
    pw, ph = paper
    axis = "x" if (duplex == "long-edge") == (pw <= ph) else "y"
    front, back = [], []
    for cx, cy in _targets(paper):
        front += target(cx, cy)
        slot = mirror(Slot(cx - 0.5, cy - 0.5, 1.0, 1.0, 0), paper, axis)
        bx, by = slot.x + 0.5, slot.y + 0.5
        back += [
            Line(bx - BACK_ARM, by, bx + BACK_ARM, by, theme.PHASES[6].colour, BOLD),
            Line(bx, by - BACK_ARM, bx, by + BACK_ARM, theme.PHASES[6].colour, BOLD),
        ]
    width = pw - 2 * TEXT_SIDE
    title = fit([label(lang, "calibrate_title")], "bold", width, 40.0, TITLE_SIZE, TITLE_SIZE, lang)
    steps = fit([label(lang, key).format(duplex=duplex) for key in ("calibrate_print", "calibrate_read", "calibrate_build")],
                "regular", width, 60.0, TEXT_SIZE, TEXT_SIZE, lang)
    y = set_text(front, title, TEXT_SIDE, TEXT_TOP, "bold", theme.INK)
    set_text(front, steps, TEXT_SIDE, y + pt_to_mm(TEXT_SIZE), "regular", theme.INK)
    back.append(Text(pw / 2, ph / 2 + BACK_LABEL_BELOW, label(lang, "back").capitalize(), "regular", TEXT_SIZE, theme.MUTED, "centre"))
    return Document((Page(pw, ph, tuple(front), label="front"), Page(pw, ph, tuple(back), label=label(lang, "back"))),
                    title=label(lang, "calibrate_title"))
