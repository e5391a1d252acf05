"""The duplex calibration sheet: a paper size and flip edge in, a two-page document out.

The front has five targets, each a cross with a millimetre scale across and down it; the back
has a bold cross behind each target, placed by the same mirror as card backs. Held against a
window, the back's cross meets the scales at the numbers to pass as ``--back-offset X,Y``.
"""

from __future__ import annotations

from .. import theme
from .boxes import Document, Line, Page, Text
from .sheet import Slot, mirror

TICKS = 5  # scale runs from -5 to +5 mm
ARM = 12.0


def _targets(paper) -> list[tuple[float, float]]:
    pw, ph = paper
    return [(pw / 2, ph / 2), (40.0, 45.0), (pw - 40.0, 45.0), (40.0, ph - 45.0), (pw - 40.0, ph - 45.0)]


def _scale(cx: float, cy: float) -> list:
    """A cross with tick marks every mm; each tick labelled with the correction it means."""
    out = [
        Line(cx - ARM, cy, cx + ARM, cy, theme.INK, 0.2),
        Line(cx, cy - ARM, cx, cy + ARM, theme.INK, 0.2),
    ]
    for d in range(-TICKS, TICKS + 1):
        long = 2.5 if d % 5 == 0 else 1.5
        out.append(Line(cx + d, cy - long, cx + d, cy + long, theme.INK, 0.15))
        out.append(Line(cx - long, cy + d, cx + long, cy + d, theme.INK, 0.15))
        if d and d % 2 == 0:
            # A back that shows d mm to the right must move d mm left: the label is the correction.
            out.append(Text(cx + d, cy - 3.5, f"{-d:+d}", "regular", 5.0, theme.MUTED, "centre"))
            out.append(Text(cx + 3.5, cy + d + 0.6, f"{-d:+d}", "regular", 5.0, theme.MUTED))
    return out


def calibration_document(paper: tuple[float, float], duplex: str) -> Document:
    """Two pages: front targets with scales, back crosses mirrored for the ``duplex`` flip edge."""
    pw, ph = paper
    axis = "x" if (duplex == "long-edge") == (pw <= ph) else "y"
    front, back = [], []
    for cx, cy in _targets(paper):
        front += _scale(cx, cy)
        slot = mirror(Slot(cx - 0.5, cy - 0.5, 1.0, 1.0, 0), paper, axis)
        bx, by = slot.x + 0.5, slot.y + 0.5
        back += [
            Line(bx - ARM, by, bx + ARM, by, theme.PHASES[6].colour, 0.5),
            Line(bx, by - ARM, bx, by + ARM, theme.PHASES[6].colour, 0.5),
        ]
    lines = [
        "carddeck: duplex calibration",
        f"Print both sides at 100 % ({duplex}). Hold the sheet against a window.",
        "Where the back's red cross meets a scale, read X (across) and Y (down);",
        "then build with --back-offset X,Y (e.g. --back-offset 1,-0.5).",
    ]
    for i, text in enumerate(lines):
        front.append(Text(pw / 2, 90.0 + i * 7.0, text, "bold" if i == 0 else "regular", 12.0 if i == 0 else 10.0, theme.INK, "centre"))
    back.append(Text(pw / 2, ph / 2 + 40.0, "back / bagside", "regular", 10.0, theme.MUTED, "centre"))
    return Document((Page(pw, ph, tuple(front), label="front"), Page(pw, ph, tuple(back), label="back")), title="carddeck calibration")
