"""Units: the one place where millimetres become PDF points.

Everything in carddeck (model, layout, tests) measures lengths in millimetres as floats.
Only the renderer needs points, and it converts through :func:`pt`.
"""

MM_PER_INCH = 25.4
PT_PER_INCH = 72.0


def pt(mm: float) -> float:
    """Millimetres to PDF points (1/72 inch)."""
    return mm * PT_PER_INCH / MM_PER_INCH


def mm(points: float) -> float:
    """PDF points to millimetres (used for font sizes given in points)."""
    return points * MM_PER_INCH / PT_PER_INCH
