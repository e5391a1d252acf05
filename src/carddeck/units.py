"""Units: the one place where millimetres become PDF points.

Everything in carddeck (model, layout, tests) measures lengths in millimetres as floats.
Only the renderer needs points, and it converts through :func:`mm_to_pt`. Type sizes are
given in points; layout turns them into lengths with :func:`pt_to_mm`.
"""

MM_PER_INCH = 25.4
PT_PER_INCH = 72.0


def mm_to_pt(mm: float) -> float:
    """Millimetres to PDF points (1/72 inch)."""
    return mm * PT_PER_INCH / MM_PER_INCH


def pt_to_mm(points: float) -> float:
    """PDF points to millimetres (used for font sizes given in points)."""
    return points * MM_PER_INCH / PT_PER_INCH
