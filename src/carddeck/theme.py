"""The kit's visual system as data: one colour and one symbol per phase, used everywhere.

In: a card (or a phase number, or a palette colour's name and a symbol's name). Out: its
:class:`Style` (full colour for bands, symbols and edges; a light tint for large areas; the
symbol's outline as points). Cards, backs, the poster, the notes pages and the workshop record
all take their colours and symbols from here, so a phase looks the same on every surface.

Colours are the Okabe–Ito palette (:data:`PALETTE`, by name), which stays apart for colour-blind
readers; every phase also has its own symbol and number, so colour is never the only cue. A
deck's card families (:mod:`carddeck.families`) choose a colour and a symbol by name from here:
the palette stays the tool's, so every colour a kit prints has its press values
(:mod:`carddeck.press`) and its tint and deep shade read as tested.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

INK = "#1D2327"  # body text
MUTED = "#4A5560"  # secondary text (examples, labels): still WCAG AA on white and on tints
RULE = "#9AA5AE"  # writing lines, dashed slots
PAPER = "#FFFFFF"
CUT = "#6B7680"  # crop marks and cut lines


@dataclass(frozen=True)
class Style:
    """How one family of cards looks: ``colour`` for bands and symbols, ``tint`` for areas."""

    key: str  # "phase-3", or the palette colour's name: "reddish-purple", "grey"
    colour: str
    tint: str
    deep: str  # a dark shade of the colour: text-safe on white and on the tint
    symbol: str

    @property
    def edge(self) -> str:
        """The colour of the family's stripes and rules: its colour, darkened where that is too
        light to read on white (phase 4's yellow)."""
        return _edge(self.colour)


def _mix(hex_colour: str, amount: float, toward: str = "#FFFFFF") -> str:
    a = [int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(toward[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x * amount + y * (1 - amount)):02X}" for x, y in zip(a, b))


TINT, SHADE = 0.22, 0.45  # tint: this much colour on white; deep: this much colour on black


def _style(key: str, colour: str, symbol: str) -> Style:
    tint, deep = _mix(colour, TINT), _mix(colour, SHADE, "#000000")
    return Style(key, colour, tint, deep, symbol)


# The kit's colours by the names a deck's families use. Grey is the neutral one of the kit's own
# cards and the write-in lists: printed from the black plate alone (carddeck.press.GREYS).
PALETTE = {
    "orange": "#E69F00",
    "sky-blue": "#56B4E9",
    "bluish-green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish-purple": "#CC79A7",
    "grey": "#5B6770",
}
GREY_TINT = "#E9EDF0"
# A family whose cards belong to a phase takes the colour and the symbol of the card's phase.
OF_PHASE = "phase"


@cache
def palette_style(colour: str, symbol: str) -> Style:
    """The style of colour ``colour`` (a :data:`PALETTE` name) with symbol ``symbol`` (a
    :data:`SYMBOLS` name); grey's tint and deep shade are the kit's neutral greys."""
    if colour == "grey":
        return Style(colour, PALETTE[colour], GREY_TINT, INK, symbol)
    return _style(colour, PALETTE[colour], symbol)


PHASES = {
    n: _style(f"phase-{n}", PALETTE[colour], symbol)
    for n, (colour, symbol) in enumerate((("orange", "circle"), ("sky-blue", "triangle"), ("bluish-green", "square"),
                                           ("yellow", "diamond"), ("blue", "hexagon"), ("vermillion", "star")), 1)
}
# The looks of the default deck's other families, which the poster and the guide draw too.
SESAM = palette_style("reddish-purple", "spark")
ABOUT = palette_style("grey", "ring")
WRITEIN = palette_style("grey", "pencil")  # the group's own lists


def style_for(card) -> Style:
    """The style of a card's family (:attr:`~carddeck.model._CardBase.family`): its phase's
    when the family says ``phase``, else its palette colour with its symbol."""
    family = card.family
    if family.colour == OF_PHASE:
        return PHASES[card.phase]
    return palette_style(family.colour, family.symbol)


EDGE_MIN = 2.2  # contrast on white of stripes and rules: as the palette's light orange and sky blue


@cache
def _edge(colour: str) -> str:
    for step in range(20):
        shade = _mix(colour, 1.0 - step / 20, "#000000")
        if contrast(shade, PAPER) >= EDGE_MIN:
            return shade
    return INK


@cache  # render asks for each colour again and again
def rgb(hex_colour: str) -> tuple[float, float, float]:
    """'#RRGGBB' as three floats 0..1."""
    return tuple(int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))


# How each colour prints in print-shop files (CMYK for the press) is carddeck.press's table.


def contrast(fg: str, bg: str) -> float:
    """WCAG 2 contrast ratio between two colours."""

    def lum(c):
        def ch(v):
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        r, g, b = (ch(v) for v in rgb(c))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    hi, lo = sorted((lum(fg), lum(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


# --- symbols -----------------------------------------------------------------------------------
# Each symbol is a closed outline in a unit box centred on (0, 0), y pointing down, that fits a
# circle of radius 1. ``circle`` and ``ring`` are drawn as circles (no points).


def _regular(n: int, rotation: float = -90.0, radius: float = 1.0) -> tuple[tuple[float, float], ...]:
    return tuple(
        (radius * math.cos(math.radians(rotation + 360 * i / n)), radius * math.sin(math.radians(rotation + 360 * i / n)))
        for i in range(n)
    )


def _star(points: int, inner: float, rotation: float = -90.0) -> tuple[tuple[float, float], ...]:
    out = []
    for i in range(points * 2):
        r = 1.0 if i % 2 == 0 else inner
        a = math.radians(rotation + 180 * i / points)
        out.append((r * math.cos(a), r * math.sin(a)))
    return tuple(out)


SYMBOLS: dict[str, tuple[tuple[float, float], ...]] = {
    "circle": (),
    "ring": (),
    # Triangle and star are shifted down a little so that they look centred.
    "triangle": tuple((x, y + 0.12) for x, y in _regular(3, radius=1.05)),
    "square": ((-0.8, -0.8), (0.8, -0.8), (0.8, 0.8), (-0.8, 0.8)),
    "diamond": _regular(4, radius=1.0),
    "hexagon": _regular(6, rotation=0.0, radius=0.95),
    "star": tuple((x, y + 0.06) for x, y in _star(5, 0.45)),
    "spark": _star(4, 0.38, rotation=-90.0),
    # A pencil at 45°: body, then the point towards the lower left.
    "pencil": tuple(
        (0.7071 * (x - y), 0.7071 * (x + y))
        for x, y in ((-0.28, -1.0), (0.28, -1.0), (0.28, 0.55), (0.0, 1.0), (-0.28, 0.55))
    ),
}


def symbol_points(name: str, cx: float, cy: float, radius: float) -> tuple[tuple[float, float], ...]:
    """The outline of symbol ``name`` scaled to ``radius`` around (cx, cy); () for circles."""
    return tuple((cx + x * radius, cy + y * radius) for x, y in SYMBOLS[name])
