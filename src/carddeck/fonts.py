"""The kit's typeface: Noto Sans (SIL OFL 1.1), vendored in ``fonts/``.

Noto Sans rather than a face with a slashed zero: in Danish and Norwegian a slashed zero reads
as the letter Ø ("2Ø18").

In: a weight name (``regular`` or ``bold``), text and a size in points.
Out: widths in millimetres, and which characters the font cannot draw.
This module and :mod:`carddeck.render` are the only places that touch reportlab.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .units import mm

FAMILY = "Noto Sans"
FILES = {"regular": "NotoSans-Regular.ttf", "bold": "NotoSans-Bold.ttf"}
NAMES = {"regular": "NotoSans", "bold": "NotoSans-Bold"}

# Ascent and descent of the face, as fractions of the font size (from its hhea table).
ASCENT = 1.069
DESCENT = 0.293
CAP_HEIGHT = 0.714


def font_dir() -> Path:
    """The folder with the vendored fonts: the package's ``fonts`` (in a checkout, a link to the
    top-level ``fonts/``; in an installed wheel, a copy)."""
    here = Path(__file__).resolve()
    for candidate in (here.parent / "fonts", here.parents[2] / "fonts"):
        if (candidate / FILES["regular"]).is_file():
            return candidate
    from .errors import UsageProblem

    raise UsageProblem(
        f"the {FAMILY} font files are missing (looked in {here.parent / 'fonts'}); reinstall carddeck"
    )


@lru_cache(maxsize=None)
def register() -> dict[str, str]:
    """Register both weights with reportlab once; return weight -> reportlab font name."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = font_dir()
    for weight, file in FILES.items():
        pdfmetrics.registerFont(TTFont(NAMES[weight], str(folder / file)))
    return dict(NAMES)


@lru_cache(maxsize=None)
def _charmap(weight: str) -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    register()
    return frozenset(pdfmetrics.getFont(NAMES[weight]).face.charToGlyph)


def missing_characters(text: str) -> list[str]:
    """The distinct characters of ``text`` that the font has no glyph for (white space aside)."""
    have = _charmap("regular") & _charmap("bold")
    out = []
    for ch in text:
        if ch.isspace() or ord(ch) in have or ch in out:
            continue
        out.append(ch)
    return out


@lru_cache(maxsize=65536)
def _width_pt(text: str, weight: str) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    register()
    return stringWidth(text, NAMES[weight], 1000.0) / 1000.0


def width(text: str, weight: str, size_pt: float) -> float:
    """Width of ``text`` set at ``size_pt`` points, in millimetres."""
    return mm(_width_pt(text, weight) * size_pt)
