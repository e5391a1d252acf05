"""Family symbols as placed shapes: a style, a centre and a radius in, a :class:`Shape` out.

This is the one drawing of a symbol: cards, backs, the poster, the workshop record and the notes
pages all draw what :func:`symbol` returns (the outlines themselves are data in
:data:`carddeck.theme.SYMBOLS`).
"""

from __future__ import annotations

from .. import theme
from .boxes import Artwork, Shape

RING_RADIUS = 0.85  # the ring's centre line, as a fraction of the symbol's radius
RING_WIDTH = 0.22  # the ring's stroke, as a fraction of the radius
OUTLINE_WIDTH = 0.06  # the dark edge of a filled symbol, as a fraction of the radius


def symbol(style: theme.Style, cx: float, cy: float, r: float, fill: str | None = None, outline: bool = True) -> Shape:
    """``style``'s symbol around (cx, cy), fitting a circle of radius ``r`` (mm, or any unit).

    Filled with ``fill`` (default: the family's colour) and edged with its deep shade, unless
    ``outline`` is False. The ring (the kit's own cards) is a stroke of the family's colour.
    """
    if style.symbol == "ring":
        return Shape((), None, style.colour, r * RING_WIDTH, cx, cy, r * RING_RADIUS)
    points = theme.symbol_points(style.symbol, cx, cy, r)
    if not outline:
        return Shape(points, fill or style.colour, None, 0.0, cx, cy, r)
    return Shape(points, fill or style.colour, style.deep, r * OUTLINE_WIDTH, cx, cy, r)


def symbol_key(style: theme.Style, radius: float) -> str:
    return f"symbol:{style.symbol}:{style.colour}:{radius:.3f}"


def symbol_artwork(style: theme.Style, radius: float) -> Artwork:
    """A symbol as reusable artwork, its origin at the symbol's centre."""
    return Artwork(symbol_key(style, radius), 0.0, 0.0, (symbol(style, 0.0, 0.0, radius),))
