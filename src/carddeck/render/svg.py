"""A family's symbol as a small inline SVG, for the notes pages.

In: a :class:`~carddeck.theme.Style`. Out: SVG markup drawing the same shape as every printed
surface (:func:`carddeck.layout.symbols.symbol`, at unit radius, without its dark edge).
"""

from __future__ import annotations

from .. import theme
from ..layout.symbols import symbol


def symbol_svg(style: theme.Style, size: int = 24, label: str = "") -> str:
    """``style``'s symbol, ``size`` CSS pixels square; ``label`` (escaped by the caller) titles it."""
    title = f"<title>{label}</title>" if label else ""
    shape = symbol(style, 0.0, 0.0, 1.0, outline=False)
    paint = f'fill="{shape.fill or "none"}"'
    if shape.stroke:
        paint += f' stroke="{shape.stroke}" stroke-width="{shape.stroke_width:g}"'
    if shape.points:
        pts = " ".join(f"{x:.3f},{y:.3f}" for x, y in shape.points)
        drawn = f'<polygon points="{pts}" {paint}/>'
    else:
        drawn = f'<circle cx="0" cy="0" r="{shape.radius:g}" {paint}/>'
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="-1.1 -1.1 2.2 2.2" width="{size}" height="{size}" '
        f'role="img" aria-hidden="{"false" if label else "true"}">{title}{drawn}</svg>'
    )
